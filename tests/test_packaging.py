"""The wheel carries resources/, db/ and the desktop files: an installed `steppe` works from any
folder, and a fresh venv gets the menu entry's files under share/ and `steppe desktop install`."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from reader import __version__

ROOT = Path(__file__).resolve().parents[1]
DESKTOP_FILES = [
    "packaging/steppe-reader.desktop",
    "packaging/io.github.steppe_reader.steppe_reader.metainfo.xml",
]
ICONS = [
    "icons/steppe-reader.svg",
    *(f"icons/hicolor/{n}x{n}/apps/steppe-reader.png" for n in (16, 22, 24, 32, 48, 64, 128, 256, 512)),
]


def build_wheel(folder: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(folder),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = folder.glob("steppe_reader-*.whl")
    return wheel


@pytest.mark.slow
def test_installed_wheel_runs_from_another_folder(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "wheels")
    names = zipfile.ZipFile(wheel).namelist()
    assert "reader/_bundled/resources/data/sample_stories.json" in names
    assert "reader/_bundled/resources/data/usd-rates-history.csv" in names
    assert "reader/_bundled/db/env.py" in names
    assert any(n.startswith("reader/_bundled/db/versions/0001_") for n in names)

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "STEPPE_DATA_DIR": str(tmp_path / "data")}
    where = subprocess.run(
        [sys.executable, "-c", "import reader.core.paths as p; print(p.resources_dir())"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert where.stdout.strip().startswith(str(target))
    rates = subprocess.run(
        [str(target / "bin" / "steppe"), "rates", "--json"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert [r["currency"] for r in json.loads(rates.stdout)] == ["KGS", "KZT", "TJS", "UZS", "TMT"]
    stories = subprocess.run(
        [str(target / "bin" / "steppe"), "stories", "--count"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert int(stories.stdout) >= 40


@pytest.mark.slow
def test_wheel_carries_the_desktop_files_and_icons(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    for name in DESKTOP_FILES:
        assert f"reader/_bundled/{name}" in names  # for `steppe desktop install`
        assert archive.read(f"reader/_bundled/{name}") == (ROOT / name).read_bytes()
    for icon in ICONS:
        assert f"reader/_bundled/resources/{icon}" in names
    data = f"steppe_reader-{__version__}.data/data/share/"
    assert f"{data}applications/steppe-reader.desktop" in names
    assert f"{data}metainfo/io.github.steppe_reader.steppe_reader.metainfo.xml" in names
    assert f"{data}icons/hicolor/scalable/apps/steppe-reader.svg" in names
    assert {n for n in names if n.startswith(f"{data}icons/hicolor/") and n.endswith(".png")} == {
        f"{data}{icon}" for icon in ICONS[1:]
    }
    assert not [n for n in names if "tests/" in n or n.endswith(".spec")], (
        "no tests or build files in the wheel"
    )


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_runs_and_installs_its_menu_entry(tmp_path: Path) -> None:
    """A new venv with only the wheel installed in it; the dependencies are borrowed from this
    environment through a .pth line (added after the venv's own site-packages, and this
    environment's editable install of the app is not picked up: its .pth is not processed)."""
    wheel = build_wheel(tmp_path / "wheels")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    venv_site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )  # fmt: skip
    borrowed = [*site.getsitepackages(), sysconfig.get_path("platlib")]
    (venv_site / "borrowed-dependencies.pth").write_text("\n".join(dict.fromkeys(borrowed)) + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "STEPPE_DATA_DIR")}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")

    def steppe(*argv: str) -> str:
        done = subprocess.run(
            [str(venv / "bin" / "steppe"), *argv],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert steppe("--version").strip() == f"steppe {__version__}"
    where = subprocess.run(
        [str(python), "-c", "import reader.core.paths as p; print(p.resources_dir())"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert where.stdout.strip().startswith(str(venv_site)), "the app comes from the wheel, not this checkout"
    stories = json.loads(steppe("--data-dir", str(tmp_path / "data"), "stories", "--limit", "1", "--json"))
    assert len(stories) == 1 and stories[0]["title"]
    # share/ of the venv holds the desktop files (what `pip install --user` puts in ~/.local/share).
    assert (venv / "share/applications/steppe-reader.desktop").read_bytes() == (
        ROOT / "packaging/steppe-reader.desktop"
    ).read_bytes()
    assert (venv / "share/icons/hicolor/512x512/apps/steppe-reader.png").is_file()
    # The menu entry runs this venv's launcher, by its path (not resolved: bin/python is a symlink).
    out = steppe("desktop", "install")
    assert f"The entry runs {venv / 'bin' / 'steppe-reader'}." in out
    desktop = (tmp_path / "xdg/applications/steppe-reader.desktop").read_text(encoding="utf-8")
    assert f"\nExec={venv / 'bin' / 'steppe-reader'}\n" in desktop
    assert (tmp_path / "xdg/icons/hicolor/scalable/apps/steppe-reader.svg").is_file()
