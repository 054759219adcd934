"""The desktop file, the AppStream metainfo and the icons: valid for the freedesktop.org tools,
consistent with each other and with the app (version, screenshots, icon name), and the PNGs
rendered from the SVG as it is now."""

from __future__ import annotations

import configparser
import importlib.util
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from reader import __version__
from reader.cli.desktop import DESKTOP_ID, ICON_NAME, METAINFO_NAME

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / DESKTOP_ID
METAINFO = PACKAGING / METAINFO_NAME
RAW = "https://raw.githubusercontent.com/steppe-reader/steppe-reader/main/"


def tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian package {package}; .ci/run installs it)")
    return found


def desktop_entry(path: Path = DESKTOP) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_passes_desktop_file_validate() -> None:
    done = subprocess.run(
        [tool("desktop-file-validate", "desktop-file-utils"), str(DESKTOP)], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_metainfo_passes_appstreamcli_validate_pedantic() -> None:
    done = subprocess.run(
        [
            tool("appstreamcli", "appstream"),
            "validate",
            "--no-net",
            "--pedantic",
            "--no-color",
            str(METAINFO),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # Not even an info or pedantic note: only the line saying it passed.
    assert done.stdout.strip().splitlines() == ["✔ Validation was successful."], done.stdout


def test_metainfo_agrees_with_the_app_and_the_desktop_file() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.get("type") == "desktop-application"
    assert METAINFO.name == f"{component.findtext('id')}.metainfo.xml"
    assert component.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    entry = desktop_entry()
    assert component.findtext("icon[@type='stock']") == entry["Icon"] == ICON_NAME
    assert component.findtext("name") == entry["Name"]
    assert component.findtext("summary") == entry["Comment"]
    assert {b.text for b in component.iterfind("provides/binary")} == {"steppe", "steppe-reader"}
    newest = component.find("releases/release")
    assert newest is not None
    assert newest.get("version") == __version__, "add a <release> for the version in reader/__init__.py"
    assert newest.findall("description/ul/li"), "the release has notes"


def test_every_screenshot_is_a_file_in_the_repository() -> None:
    images = [
        image.text or "" for image in ET.parse(METAINFO).getroot().iterfind("screenshots/screenshot/image")
    ]
    assert len(images) >= 3
    for url in images:
        assert url.startswith(RAW + "packaging/screenshots/"), url
        path = ROOT / url.removeprefix(RAW)
        assert path.is_file(), f"{url} names {path.relative_to(ROOT)}, which is not in the repository"
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_desktop_file_names_the_launcher_and_icon() -> None:
    entry = desktop_entry()
    assert entry["Exec"] == "steppe-reader"  # `steppe desktop install` makes it an absolute path
    assert entry["Icon"] == ICON_NAME
    assert entry["StartupWMClass"] == "steppe-reader"  # Qt's WM_CLASS instance for that launcher
    assert "Comment[ru]" in entry and re.search("[а-я]", entry["Comment[ru]"])


def _render_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_icons", PACKAGING / "render_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pixels(image: object) -> np.ndarray:
    from PySide6.QtGui import QImage

    assert isinstance(image, QImage)
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    return data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4].astype(int)


def test_png_icons_are_rendered_from_the_svg_as_it_is(qapp: object) -> None:
    """Every size desktops look for is there, square, and what `make icons` draws now (within
    anti-aliasing noise): a changed SVG with stale PNGs fails here."""
    from PySide6.QtGui import QImage

    render_icons = _render_icons()
    for size in render_icons.SIZES:
        path = render_icons.png_path(size)
        assert path.is_file(), f"{path.relative_to(ROOT)} is missing: run `make icons`"
        committed = QImage(str(path))
        assert (committed.width(), committed.height()) == (size, size)
        difference = np.abs(_pixels(committed) - _pixels(render_icons.render(size)))
        assert difference.mean() < 1.0 and np.percentile(difference, 99) <= 8, (
            f"{path.relative_to(ROOT)} is stale: run `make icons`"
        )
    assert render_icons.SIZES[0] == 16 and render_icons.SIZES[-1] == 512


def test_svg_icon_is_drawn_not_blank(qapp: object) -> None:
    render_icons = _render_icons()
    pixels = _pixels(render_icons.render(64))
    opaque = pixels[:, 3::4] > 200
    assert opaque.mean() > 0.8  # the rounded square fills the canvas
    colours = {tuple(px) for px in pixels.reshape(-1, 4)[::37]}
    assert len(colours) > 10  # sky, sun, steppe and the rate line, not one flat fill
