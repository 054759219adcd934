"""Themes: readable text in light and dark, no colour literal outside reader/ui/theme.py, and
View → Theme / the `ui.theme` setting changing the running window's palette."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.core.types.settings import UI_THEME
from reader.ui import operations, theme
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow

UI = Path(__file__).resolve().parents[2] / "reader" / "ui"
ROLE = QPalette.ColorRole
PALETTES = {"light": (theme.LIGHT, theme.light_palette), "dark": (theme.DARK, theme.dark_palette)}


def blend(fg: QColor, alpha: float, bg: QColor) -> QColor:
    """`fg` painted at `alpha` over `bg` (what the list's dimmed meta line looks like)."""
    return QColor.fromRgbF(
        *(alpha * f + (1 - alpha) * b for f, b in zip(fg.getRgbF()[:3], bg.getRgbF()[:3], strict=True))
    )


@pytest.fixture(autouse=True)
def light_again(qapp: QApplication) -> Iterator[None]:
    yield
    theme.manager().apply("light")  # the theme is the application's: leave it as found


@pytest.mark.parametrize("name", ["light", "dark"])
def test_text_colours_reach_wcag_aa_on_their_backgrounds(qapp: QApplication, name: str) -> None:
    t, make = PALETTES[name]
    p = make()
    base, text = p.color(ROLE.Base), p.color(ROLE.Text)
    high, high_text = p.color(ROLE.Highlight), p.color(ROLE.HighlightedText)
    pairs: dict[str, tuple[QColor | str, QColor | str]] = {
        # the story list (story_delegate.py): title, dimmed meta (alpha 0.6 / 0.85 selected), hits
        "list title": (text, base),
        "list meta": (blend(text, 0.6, base), base),
        "list selected title": (high_text, high),
        "list selected meta": (blend(high_text, 0.85, high), high),
        "list hit": (t.hit_text, t.hit),
        # the rates sidebar (rates_panel.py): rows, marks, labels on the window
        "rate row": (text, base),
        "rate rise": (t.rise, base),
        "rate fall": (t.fall, base),
        "rate flat": (t.secondary, base),
        "rates source": (t.secondary, p.color(ROLE.Window)),
        "rates offline": (t.warning, p.color(ROLE.Window)),
        "chart note": (t.note, p.color(ROLE.Window)),
        "chart text": (t.chart_fg, t.chart_bg),
    }
    css = theme.article_css(t, p)
    # every colour the article CSS sets, against the box it sits in (body, .sample, .money)
    rules = dict(re.findall(r"^([^{]+)\{([^}]*)\}", css, re.MULTILINE))
    colours = {sel.strip(): re.search(r"(?<!-)color: (#[0-9a-f]{6})", body) for sel, body in rules.items()}
    for selector, found in colours.items():
        if found is None:
            continue
        own_bg = re.search(r"background-color: (#[0-9a-f]{6})", rules[selector + " "])
        backs = [own_bg.group(1)] if own_bg else [base.name(), t.money_bg]  # plain text may sit in .money
        for back in backs:
            pairs[f"article {selector} on {back}"] = (found.group(1), back)
    assert any(k.startswith("article .money") for k in pairs)
    low = {k: round(theme.contrast(a, b), 2) for k, (a, b) in pairs.items() if theme.contrast(a, b) < 4.5}
    assert low == {}, f"{name}: below 4.5:1"


LITERALS = (
    re.compile(r"QColor\(\s*[\"']"),  # QColor("#...") or QColor("white")
    re.compile(r"QColor(\.fromRgb\w*)?\(\s*\d"),  # QColor(r, g, b)
    re.compile(r"mk(Pen|Brush)\(\s*(\d|[\"'])"),  # pyqtgraph pens and brushes by value
    re.compile(r"[\"'][^\"'\n]*#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b"),  # "#rgb" / "#rrggbb" in a string
    re.compile(
        r"\bQt\.(GlobalColor\.)?(white|black|red|green|blue|gray|darkGray|lightGray|yellow|cyan|magenta)\b"
    ),
    re.compile(r"\bcolor\s*[:=]\s*[\"']?(white|black|red|gray|grey)\b"),
    re.compile(r"setBackground\(\s*[\"'](w|k)[\"']"),
    re.compile(r"\brgba?\(\s*\d"),  # rgb(...) in a stylesheet
)


def test_no_colour_literal_in_a_widget() -> None:
    offences = []
    for path in sorted(UI.rglob("*.py")):
        if path.name == "theme.py":
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if any(p.search(line) for p in LITERALS):
                offences.append(f"{path.name}:{number}: {line.strip()}")
    assert offences == []


def test_the_check_finds_literals() -> None:
    bad = [
        'QColor("#2f7dd1")',
        "QColor(255, 221, 87)",
        'pg.mkPen("#999999")',
        '"color: #555;"',
        "Qt.white",
        "color: rgb(20, 20, 20)",
    ]
    assert all(any(p.search(line) for p in LITERALS) for line in bad)
    assert not any(p.search('f"#{tag}"') for p in LITERALS)


def base_of(window: MainWindow) -> str:
    return window.story_list.palette().color(ROLE.Base).name()


@pytest.fixture
def window(qtbot: QtBot, library: Library) -> Iterator[MainWindow]:
    theme.manager().apply("light")
    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.article.story_id is not None, timeout=10000)
    yield win
    win.tasks.wait_idle()


def test_theme_menu_switches_the_running_window_and_is_kept(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    assert theme.contrast(base_of(window), "#ffffff") < 1.2  # light
    window.theme_actions.actions["dark"].trigger()
    assert theme.current() is theme.DARK
    qtbot.waitUntil(lambda: base_of(window) == theme.dark_palette().color(ROLE.Base).name())
    assert window.article.palette().color(ROLE.Text).name() == "#e6e6e6"
    assert theme.DARK.money_bg in window.article.document().defaultStyleSheet()
    qtbot.waitUntil(lambda: library.settings.get(UI_THEME) == "dark")
    window.tasks.wait_idle()
    # the setting changed elsewhere (a settings dialog, the CLI's next run): the window follows
    operations.save_setting(UI_THEME, "light").run(window.tasks)
    qtbot.waitUntil(lambda: base_of(window) != theme.dark_palette().color(ROLE.Base).name())
    assert window.theme_actions.actions["light"].isChecked()
    assert theme.LIGHT.money_bg in window.article.document().defaultStyleSheet()


def test_system_choice_follows_the_colour_scheme(qapp: QApplication) -> None:
    assert theme.resolve("system", system_dark=True) is theme.DARK
    assert theme.resolve("system", system_dark=False) is theme.LIGHT
    assert theme.resolve("dark", system_dark=False) is theme.DARK
    assert theme.resolve("light", system_dark=True) is theme.LIGHT
