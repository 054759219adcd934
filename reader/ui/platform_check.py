"""Before Qt starts: name the system libraries its X11 platform needs, instead of Qt's abort.

Qt 6.5+ loads its xcb plugin only if libxcb-cursor, -icccm and -keysyms are installed; without
them Qt prints a cryptic message and aborts the process, which no Python code can catch.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Callable, Mapping

# library name for ctypes.util.find_library -> Debian/Ubuntu package
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
}


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will pick its X11 (xcb) platform plugin in this environment."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0] == "xcb"
    wayland = environ.get("WAYLAND_DISPLAY") or environ.get("XDG_SESSION_TYPE") == "wayland"
    return bool(environ.get("DISPLAY")) and not wayland


def missing_packages(
    environ: Mapping[str, str] = os.environ,
    find: Callable[[str], str | None] = ctypes.util.find_library,
) -> list[str]:
    """The Debian packages to install before Qt can open a window here (empty: none)."""
    if not uses_xcb(environ):
        return []
    return [package for library, package in XCB_LIBRARIES.items() if find(library) is None]


def explain(packages: list[str]) -> str:
    return (
        "steppe: Qt cannot open a window on this X11 display: the system lacks "
        f"{', '.join(packages)}.\n"
        f"On Debian or Ubuntu: sudo apt install {' '.join(packages)}\n"
        "(The command line — steppe stories, rates, sync, export — works without them.)"
    )
