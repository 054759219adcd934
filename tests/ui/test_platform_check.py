"""The X11 library check that runs before Qt could abort on a machine without them."""

from __future__ import annotations

from reader.ui.platform_check import explain, loadable, missing_packages, uses_xcb


def test_xcb_is_expected_only_on_an_x11_display() -> None:
    assert uses_xcb({"DISPLAY": ":0"}, "linux")
    assert not uses_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not uses_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not uses_xcb({"DISPLAY": ":0"}, "darwin")
    assert not uses_xcb({}, "linux")


def test_names_the_packages_to_install() -> None:
    present = {"libxcb-icccm.so.4", "libxkbcommon-x11.so.0"}
    missing = missing_packages({"DISPLAY": ":1"}, present.__contains__)
    assert missing == ["libxcb-cursor0", "libxcb-keysyms1"]
    assert "sudo apt install libxcb-cursor0 libxcb-keysyms1" in explain(missing)
    assert missing_packages({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":1"}, present.__contains__) == []


def test_a_library_is_found_as_the_dynamic_loader_finds_it() -> None:
    assert loadable("libc.so.6")  # every Linux process has it
    assert not loadable("libsteppe-no-such-library.so.0")
