"""`steppe desktop install|uninstall` into a temporary XDG_DATA_HOME: the files land where
desktops look, the entry runs this installation's launcher (quoted as the spec says), a second
install changes nothing, uninstall removes only ours; and the command loads neither Qt nor the
database layer."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.cli.desktop import (
    DESKTOP_ID,
    METAINFO_NAME,
    DesktopError,
    data_home,
    desktop_entry,
    exec_quote,
    install,
    launcher_command,
    uninstall,
)
from tests.test_desktop_files import desktop_entry as read_entry

ICON_FILES = [
    "icons/hicolor/scalable/apps/steppe-reader.svg",
    *(f"icons/hicolor/{n}x{n}/apps/steppe-reader.png" for n in (16, 22, 24, 32, 48, 64, 128, 256, 512)),
]
EXPECTED = sorted([f"applications/{DESKTOP_ID}", f"metainfo/{METAINFO_NAME}", *ICON_FILES])


def files_under(home: Path) -> list[str]:
    return sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())


def unquote_exec(value: str) -> list[str]:
    """Split an Exec value the way a desktop does (the spec's quoting rules), to check ours."""
    parts, current, quoted, i, started = [], "", False, 0, False
    while i < len(value):
        ch = value[i]
        if quoted and ch == "\\" and i + 1 < len(value) and value[i + 1] in '"`$\\':
            current += value[i + 1]
            i += 2
            continue
        if ch == '"':
            quoted, started = not quoted, True
        elif ch == " " and not quoted:
            if started or current:
                parts.append(current)
            current, started = "", False
        else:
            current += ch
        i += 1
    if started or current:
        parts.append(current)
    return [p.replace("%%", "%") for p in parts]


def test_install_puts_every_file_where_desktops_look_and_runs_the_launcher(tmp_path: Path) -> None:
    home = tmp_path / "share"
    launcher = tmp_path / "bin" / "steppe-reader"
    report = install(home, [str(launcher)])
    assert files_under(home) == EXPECTED
    assert sorted(map(str, report.written)) == EXPECTED and report.unchanged == []
    entry = read_entry(home / "applications" / DESKTOP_ID)
    assert entry["Exec"] == str(launcher)
    assert entry["TryExec"] == str(launcher)
    assert entry["Icon"] == "steppe-reader"
    packaged = read_entry()
    assert {k: v for k, v in entry.items() if k not in ("Exec", "TryExec")} == {
        k: v for k, v in packaged.items() if k != "Exec"
    }
    assert (home / ICON_FILES[0]).read_bytes() == (
        Path(__file__).parents[1] / "resources/icons/steppe-reader.svg"
    ).read_bytes()
    assert oct((home / "applications" / DESKTOP_ID).stat().st_mode & 0o777) == "0o644"


def test_second_install_changes_nothing_and_a_changed_file_is_put_back(tmp_path: Path) -> None:
    home = tmp_path / "share"
    install(home, ["/opt/steppe/bin/steppe-reader"])
    desktop = home / "applications" / DESKTOP_ID
    before = desktop.stat().st_mtime_ns
    again = install(home, ["/opt/steppe/bin/steppe-reader"])
    assert again.written == [] and len(again.unchanged) == len(EXPECTED)
    assert "already installed and up to date" in again.summary()
    assert desktop.stat().st_mtime_ns == before
    # Another installation (a new venv) takes the entry over; a damaged icon is rewritten.
    (home / ICON_FILES[3]).write_bytes(b"not a png")
    moved = install(home, ["/home/u/venv/bin/steppe-reader"])
    assert sorted(map(str, moved.written)) == sorted([f"applications/{DESKTOP_ID}", ICON_FILES[3]])
    assert read_entry(desktop)["Exec"] == "/home/u/venv/bin/steppe-reader"
    assert (home / ICON_FILES[3]).read_bytes()[:4] == b"\x89PNG"
    assert not list(home.rglob(".*.partial"))


def test_uninstall_removes_only_our_files(tmp_path: Path) -> None:
    home = tmp_path / "share"
    install(home, ["/opt/steppe/bin/steppe-reader"])
    other = home / "applications" / "other-app.desktop"
    other.write_text("[Desktop Entry]\n", encoding="utf-8")
    other_icon = home / "icons/hicolor/48x48/apps/other-app.png"
    other_icon.write_bytes(b"x")
    removed = uninstall(home)
    assert sorted(map(str, removed)) == EXPECTED
    assert files_under(home) == ["applications/other-app.desktop", "icons/hicolor/48x48/apps/other-app.png"]
    assert uninstall(home) == []


@pytest.mark.parametrize(
    "path",
    [
        "/home/a b/venv/bin/steppe-reader",
        "/srv/100%/bin/steppe-reader",
        '/tmp/$HOME "x" `y`\\z/steppe-reader',
    ],
)
def test_an_awkward_path_is_quoted_as_the_desktop_entry_spec_says(tmp_path: Path, path: str) -> None:
    home = tmp_path / "share"
    install(home, [path, "-m", "reader"])
    installed = home / "applications" / DESKTOP_ID
    entry = read_entry(installed)
    # configparser reads the raw value; the desktop-file string escape doubles each backslash.
    exec_value = entry["Exec"].replace("\\\\", "\\")
    assert unquote_exec(exec_value) == [path, "-m", "reader"]
    validate = shutil.which("desktop-file-validate")
    if validate:
        done = subprocess.run([validate, str(installed)], capture_output=True, text=True)
        assert (done.returncode, done.stdout) == (0, "")


def test_a_path_with_a_line_break_is_refused() -> None:
    with pytest.raises(DesktopError, match="line break"):
        desktop_entry("[Desktop Entry]\nExec=steppe-reader\n", ["/tmp/a\nb/steppe-reader"])
    assert exec_quote("/usr/bin/steppe-reader") == "/usr/bin/steppe-reader"


def test_launcher_is_the_one_beside_the_running_steppe(tmp_path: Path) -> None:
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("steppe", "steppe-reader"):
        (bin_dir / name).write_text("#!/bin/sh\n", encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    assert launcher_command(argv0=str(bin_dir / "steppe"), frozen=False) == [str(bin_dir / "steppe-reader")]
    # A frozen one-folder app runs itself.
    assert launcher_command(argv0="x", frozen=True, executable="/opt/app/steppe-reader") == [
        "/opt/app/steppe-reader"
    ]
    # Run some other way (pytest here): an installed launcher, or this checkout's main.py.
    command = launcher_command(argv0=str(tmp_path / "pytest"), frozen=False, executable="/usr/bin/python3")
    checkout = Path(__file__).resolve().parents[1] / "main.py"
    assert command == ["/usr/bin/python3", str(checkout)] or (
        len(command) == 1 and os.access(command[0], os.X_OK) and command[0].endswith("steppe-reader")
    )


def test_data_home_follows_xdg_and_ignores_a_relative_value(tmp_path: Path) -> None:
    assert data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    assert data_home({"XDG_DATA_HOME": "relative/share"}) == Path.home() / ".local" / "share"
    assert data_home({}) == Path.home() / ".local" / "share"


def test_the_command_says_what_it_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert main(["desktop", "install"]) == 0
    out = capsys.readouterr().out
    assert f"Added Steppe Reader to the applications menu (12 files written in {tmp_path / 'share'})" in out
    assert f"applications/{DESKTOP_ID}" in out and "(9 sizes)" in out and "The entry runs " in out
    assert main(["desktop", "install"]) == 0
    assert "already installed and up to date" in capsys.readouterr().out
    assert main(["desktop", "uninstall"]) == 0
    assert "Removed Steppe Reader's menu entry and icons (12 files)" in capsys.readouterr().out
    assert main(["desktop", "uninstall"]) == 0
    assert "Nothing to remove" in capsys.readouterr().out
    assert files_under(tmp_path / "share") == []
    assert main(["desktop"]) == 2
    assert "install|uninstall" in capsys.readouterr().err


def test_a_folder_that_cannot_be_written_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "share"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert main(["desktop", "install"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("steppe: ") and err.count("\n") == 1 and "Traceback" not in err


def test_desktop_install_loads_neither_qt_nor_the_database_layer(tmp_path: Path) -> None:
    probe = (
        "import contextlib, io, json, sys\n"
        "from reader.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = main(['desktop', 'install'])\n"
        "print(json.dumps([code, sorted(m for m in ('PySide6', 'sqlalchemy', 'numpy') if m in sys.modules)]))"
    )
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env, timeout=120
    )
    assert json.loads(done.stdout) == [0, []]
    assert files_under(tmp_path / "share") == EXPECTED
