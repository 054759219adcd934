"""`steppe desktop install|uninstall`: the menu entry, the AppStream metainfo and the icons for a
pip-installed user, in the XDG user data folder ($XDG_DATA_HOME, else ~/.local/share).

The files come with the app (packaging/ and resources/icons/, inside the wheel as
reader/_bundled/); the installed desktop file runs the `steppe-reader` script of this very
installation by its absolute path, so the entry works whether or not that script is on PATH,
and its TryExec hides the entry once that installation is gone. Installing again rewrites only
what changed; uninstalling removes only the files listed here.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.cli.common import EXIT_OK
from reader.core.errors import ReaderError
from reader.core.paths import resources_dir

DESKTOP_ID = "steppe-reader.desktop"
METAINFO_NAME = "io.github.steppe_reader.steppe_reader.metainfo.xml"
ICON_NAME = "steppe-reader"
LAUNCHER = "steppe-reader"  # the gui-script of pyproject.toml: always the window


class DesktopError(ReaderError):
    """The menu entry cannot be installed here (not a freedesktop.org desktop, files missing)."""


@dataclass(frozen=True)
class Placement:
    """One file to install: where it comes from, where it goes (relative to the data home)."""

    source: Path
    target: Path  # relative to XDG_DATA_HOME


def register(commands: Any) -> None:
    desktop = commands.add_parser(
        "desktop",
        help="add Steppe Reader to the applications menu (Linux), or remove it",
        description="Install the desktop file, the AppStream metainfo and the icons into "
        "$XDG_DATA_HOME (default ~/.local/share), the menu entry running this installation's "
        "steppe-reader; or remove them. Running install again updates what changed.",
    )
    actions = desktop.add_subparsers(dest="desktop_command", metavar="install|uninstall")
    actions.required = True
    install = actions.add_parser("install", help="add the menu entry and the icons")
    install.set_defaults(handler=cmd_install, opens_library=False)
    uninstall = actions.add_parser("uninstall", help="remove the menu entry and the icons")
    uninstall.set_defaults(handler=cmd_uninstall, opens_library=False)


def data_home(environ: Mapping[str, str] = os.environ) -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset, empty or relative (the XDG Base
    Directory spec says a relative path is to be ignored)."""
    value = environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def packaging_dir() -> Path:
    """packaging/ of a checkout, or its copy in the wheel and the one-folder app (_bundled/)."""
    return resources_dir().parent / "packaging"


def placements() -> list[Placement]:
    icons = resources_dir() / "icons"
    found = [
        Placement(packaging_dir() / DESKTOP_ID, Path("applications") / DESKTOP_ID),
        Placement(packaging_dir() / METAINFO_NAME, Path("metainfo") / METAINFO_NAME),
        Placement(icons / f"{ICON_NAME}.svg", Path("icons/hicolor/scalable/apps") / f"{ICON_NAME}.svg"),
    ]
    for png in sorted((icons / "hicolor").glob(f"*/apps/{ICON_NAME}.png")):
        found.append(Placement(png, Path("icons/hicolor") / png.relative_to(icons / "hicolor")))
    missing = [str(p.source) for p in found if not p.source.is_file()]
    if missing or len(found) < 4:
        raise DesktopError(
            f"this installation lacks its desktop files: {', '.join(missing) or 'the PNG icons'}"
        )
    return found


def launcher_command(
    argv0: str | None = None, frozen: bool | None = None, executable: str | None = None
) -> list[str]:
    """The command the menu entry runs: this installation's `steppe-reader` by absolute path.

    A frozen one-folder app runs itself; otherwise the script beside the running `steppe`, then
    the interpreter's script folders (a venv's bin/, the user scheme's ~/.local/bin), then PATH;
    failing all of them, this interpreter with a checkout's main.py, or with `-m reader` (both open
    the window too).
    Paths are made absolute but not resolved: a venv's bin/python is a symlink that must stay one.
    """
    argv0 = sys.argv[0] if argv0 is None else argv0
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    executable = sys.executable if executable is None else executable
    if frozen:
        return [os.path.abspath(executable)]
    folders: list[str] = []
    if argv0 and Path(argv0).name.removesuffix(".exe") in ("steppe", LAUNCHER):
        folders.append(os.path.dirname(os.path.abspath(argv0)))
    for scheme in (None, f"{os.name}_user"):
        try:
            folder = sysconfig.get_path("scripts", scheme) if scheme else sysconfig.get_path("scripts")
        except KeyError:  # no user scheme in this interpreter
            continue
        folders.append(folder)
    for folder in folders:
        candidate = Path(folder) / LAUNCHER
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [os.path.abspath(candidate)]
    on_path = shutil.which(LAUNCHER)
    if on_path:
        return [os.path.abspath(on_path)]
    checkout = resources_dir().parent / "main.py"  # a source checkout run without installing
    if checkout.is_file():
        return [os.path.abspath(executable), str(checkout)]
    return [os.path.abspath(executable), "-m", "reader"]


# Characters that make an Exec argument need quotes (Desktop Entry spec, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_quote(argument: str) -> str:
    """One Exec argument: double-quoted when it holds a reserved character, with `"`, `` ` ``,
    `$` and `\\` escaped inside the quotes; `%` doubled as the field-code escape."""
    text = argument.replace("%", "%%")
    if not any(ch in _RESERVED for ch in text):
        return text
    inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in text)
    return f'"{inner}"'


def string_value(text: str) -> str:
    """A desktop-file string value: backslash escapes for backslash, newline, tab, CR."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def desktop_entry(template: str, command: list[str]) -> str:
    """The packaged desktop file with Exec (and TryExec) naming `command`."""
    if any("\n" in part or "\r" in part for part in command):
        raise DesktopError(f"the path {command[0]!r} holds a line break: no desktop file can run it")
    exec_line = " ".join(exec_quote(part) for part in command)
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            lines.append("Exec=" + string_value(exec_line))
            lines.append("TryExec=" + string_value(command[0]))  # the entry hides once it is gone
        elif not line.startswith("TryExec="):
            lines.append(line)
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class InstallReport:
    home: Path
    command: list[str]
    written: list[Path]  # relative to home: new or changed
    unchanged: list[Path]

    def summary(self) -> str:
        runs = " ".join(self.command)
        if not self.written:
            return (
                f"Steppe Reader's menu entry is already installed and up to date in {self.home} "
                f"({len(self.unchanged)} files; it runs {runs})."
            )
        lines = [
            f"Added Steppe Reader to the applications menu ({len(self.written)} files written in {self.home}):"
        ]
        lines += [f"  {path}" for path in self.written if not path.name.endswith(".png")]
        pngs = [path for path in self.written if path.name.endswith(".png")]
        if pngs:
            lines.append(f"  icons/hicolor/*/apps/{ICON_NAME}.png ({len(pngs)} sizes)")
        lines.append(f"The entry runs {runs}.")
        lines.append("Most desktops show it at once; if yours does not, log out and back in.")
        lines.append("`steppe desktop uninstall` removes it.")
        return "\n".join(lines)


def install(home: Path, command: list[str]) -> InstallReport:
    written: list[Path] = []
    unchanged: list[Path] = []
    for placement in placements():
        data = placement.source.read_bytes()
        if placement.target.parent.name == "applications":
            data = desktop_entry(data.decode("utf-8"), command).encode("utf-8")
        target = home / placement.target
        if target.is_file() and target.read_bytes() == data:
            unchanged.append(placement.target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(data)
        os.chmod(partial, 0o644)
        os.replace(partial, target)  # a reader of the menu never sees half a file
        written.append(placement.target)
    if written:
        _refresh_caches(home)
    return InstallReport(home, command, written, unchanged)


def uninstall(home: Path) -> list[Path]:
    removed = []
    for placement in placements():
        target = home / placement.target
        if target.is_file() or target.is_symlink():
            target.unlink()
            removed.append(placement.target)
    if removed:
        _refresh_caches(home)
    return removed


def _refresh_caches(home: Path) -> None:
    """Tell the desktop the icon theme changed: a new mtime on the theme's folder, and its cache
    rebuilt where one exists (a stale cache hides new icons). The menu needs nothing: desktops
    watch applications/, and update-desktop-database is only for MIME types, which we have none of."""
    hicolor = home / "icons" / "hicolor"
    if hicolor.is_dir():
        os.utime(hicolor)
        if (hicolor / "icon-theme.cache").exists() and shutil.which("gtk-update-icon-cache"):
            subprocess.run(["gtk-update-icon-cache", "-q", "-t", "-f", str(hicolor)], check=False)


def _check_platform() -> None:
    if sys.platform in ("win32", "darwin"):
        raise DesktopError(
            "menu entries in this form are for Linux and BSD desktops; on Windows and macOS use the "
            "one-folder build (packaging/README.md)"
        )


def cmd_install(_data_dir: Path | None, _args: argparse.Namespace) -> int:
    _check_platform()
    print(install(data_home(), launcher_command()).summary())
    return EXIT_OK


def cmd_uninstall(_data_dir: Path | None, _args: argparse.Namespace) -> int:
    _check_platform()
    home = data_home()
    removed = uninstall(home)
    if removed:
        print(f"Removed Steppe Reader's menu entry and icons ({len(removed)} files) from {home}.")
    else:
        print(f"Nothing to remove: no Steppe Reader menu entry is installed in {home}.")
    return EXIT_OK
