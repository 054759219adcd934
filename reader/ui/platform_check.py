"""Before Qt starts: name the system libraries its X11 platform needs, instead of Qt's abort.

Qt 6.5+ loads its xcb plugin only if libxcb-cursor, -icccm and -keysyms are installed; without
them Qt prints a cryptic message and aborts the process, which no Python code can catch.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

# The shared object Qt's xcb plugin loads (its soname) -> the Debian/Ubuntu package with it.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def loadable(soname: str) -> bool:
    """Whether the dynamic loader finds `soname`, as it will when Qt loads its xcb plugin (a
    dlopen: well under a millisecond, where ctypes.util.find_library runs ldconfig each time)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


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
    environ: Mapping[str, str] = os.environ, found: Callable[[str], bool] = loadable
) -> list[str]:
    """The Debian packages to install before Qt can open a window here (empty: none)."""
    if not uses_xcb(environ):
        return []
    return [package for soname, package in XCB_LIBRARIES.items() if not found(soname)]


def explain(packages: list[str]) -> str:
    return (
        "steppe: Qt cannot open a window on this X11 display: the system lacks "
        f"{', '.join(packages)}.\n"
        f"On Debian or Ubuntu: sudo apt install {' '.join(packages)}\n"
        "(The command line — steppe stories, rates, sync, export — works without them.)"
    )
