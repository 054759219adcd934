"""Light and dark themes: the one place that names colours.

The window follows the system's colour scheme (Qt 6 `styleHints().colorScheme()`), unless the
`ui.theme` setting says "light" or "dark". A theme is a QPalette (Fusion style, so the palette is
honoured on every platform) plus a small table of the accents a palette has no role for: rise and
fall, the unread dot, search hits, warnings, the article's boxes, the chart's lines. Widgets read
`current()` when they paint, or register a stylesheet template with `style()`, and redraw on
`manager().changed`. A test fails on a colour literal anywhere else in reader/ui.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, fields
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

CHOICES = ("system", "light", "dark")


@dataclass(frozen=True)
class Theme:
    name: str  # "light" or "dark"
    secondary: str  # bylines, dates, notes: ≥ 4.5:1 against the base
    rise: str
    fall: str
    unread: str
    star: str
    hit: str  # a search hit's background (text on it is hit_text)
    hit_text: str
    current_hit: str
    warning: str
    note: str
    separator: str
    accent: str  # tags, the money box's heading
    publisher: str
    sample_bg: str
    sample_fg: str
    money_bg: str
    money_fg: str
    header_bg: str
    header_border: str
    placeholder: str  # a not-yet-loaded image
    chart_bg: str
    chart_fg: str
    crosshair: str
    marker: str
    lines: tuple[str, ...]

    @property
    def dark(self) -> bool:
        return self.name == "dark"

    def color(self, key: str) -> QColor:
        return QColor(getattr(self, key))

    def values(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if isinstance(getattr(self, f.name), str)}


LIGHT = Theme(
    name="light",
    secondary="#555555",
    rise="#1b7a43",
    fall="#b83225",
    unread="#2f7dd1",
    star="#d99a00",
    hit="#ffe68a",
    hit_text="#202020",
    current_hit="#ff9628",
    warning="#9c2a00",
    note="#7a6000",
    separator="#dcdcdc",
    accent="#2a6482",
    publisher="#7a5c12",
    sample_bg="#fff4d6",
    sample_fg="#6b4e00",
    money_bg="#eef5f8",
    money_fg="#1d3b4a",
    header_bg="#fbf7e9",
    header_border="#e6dcb8",
    placeholder="#e3e3e3",
    chart_bg="#ffffff",
    chart_fg="#333333",
    crosshair="#999999",
    marker="#e67e22",
    lines=("#2f6f8f", "#c0392b", "#1e8449", "#8e44ad", "#d35400", "#7f8c8d", "#b7950b", "#2c3e50"),
)

DARK = Theme(
    name="dark",
    secondary="#b4b4b4",
    rise="#5fd38d",
    fall="#ff8a7a",
    unread="#5aa9ff",
    star="#f0c040",
    hit="#ffe68a",
    hit_text="#202020",
    current_hit="#ff9628",
    warning="#ffa27a",
    note="#e6c860",
    separator="#3a3a3a",
    accent="#86c5e6",
    publisher="#e6c070",
    sample_bg="#3a3220",
    sample_fg="#f0d48a",
    money_bg="#1f2e36",
    money_fg="#d4e6ef",
    header_bg="#2e2b22",
    header_border="#4a4430",
    placeholder="#3a3a3a",
    chart_bg="#1e1e1e",
    chart_fg="#d0d0d0",
    crosshair="#777777",
    marker="#f39c4a",
    lines=("#6cb6de", "#ff7b6b", "#5fd38d", "#c08ae6", "#ffa05a", "#b0bcbf", "#e6c84a", "#9fb4c8"),
)


def dark_palette() -> QPalette:
    """A dark Fusion palette; the secondary text (PlaceholderText) is the theme's."""
    p = QPalette()
    role = QPalette.ColorRole
    for r, c in (
        (role.Window, "#2b2b2b"),
        (role.WindowText, "#e6e6e6"),
        (role.Base, "#1e1e1e"),
        (role.AlternateBase, "#262626"),
        (role.ToolTipBase, "#3a3a3a"),
        (role.ToolTipText, "#f0f0f0"),
        (role.Text, "#e6e6e6"),
        (role.Button, "#353535"),
        (role.ButtonText, "#e6e6e6"),
        (role.BrightText, "#ff6b6b"),
        (role.Highlight, "#2f65a8"),
        (role.HighlightedText, "#ffffff"),
        (role.Link, "#7fb8ff"),
        (role.LinkVisited, "#c0a0ff"),
        (role.PlaceholderText, DARK.secondary),
        (role.Light, "#4a4a4a"),
        (role.Midlight, "#3e3e3e"),
        (role.Mid, "#2f2f2f"),
        (role.Dark, "#1a1a1a"),
        (role.Shadow, "#101010"),
    ):
        p.setColor(r, QColor(c))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.Text, role.WindowText, role.ButtonText):
        p.setColor(disabled, r, QColor("#808080"))
    return p


def light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    p = style.standardPalette() if style is not None else QPalette()
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor(LIGHT.secondary))
    # Fusion's own highlight (#308cc6) gives white text only 3.6:1; this one 6.6:1.
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, QPalette.ColorRole.Highlight, QColor("#245f9a"))
        p.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    return p


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def resolve(choice: str, system_dark: bool | None = None) -> Theme:
    """The theme a `ui.theme` choice means now."""
    if choice == "dark":
        return DARK
    if choice == "light":
        return LIGHT
    return DARK if (system_is_dark() if system_dark is None else system_dark) else LIGHT


def contrast(a: QColor | str, b: QColor | str) -> float:
    """The WCAG 2 contrast ratio of two opaque colours."""

    def luminance(c: QColor | str) -> float:
        q = QColor(c)
        parts = []
        for v in (q.redF(), q.greenF(), q.blueF()):
            parts.append(v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4)
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def article_css(theme: Theme, palette: QPalette) -> str:
    """The colour rules appended to resources/css/article.css (which holds only sizes)."""
    t = theme.values()
    text = palette.color(QPalette.ColorRole.Text).name()
    link = palette.color(QPalette.ColorRole.Link).name()
    return (
        f"body {{ color: {text}; }}\n"
        f"a {{ color: {link}; }}\n"
        f".sample {{ background-color: {t['sample_bg']}; color: {t['sample_fg']}; }}\n"
        f".byline, .mentioned, blockquote, .welcome, .money-note, .rate-date {{ color: {t['secondary']}; }}\n"
        f".tags, .money-head {{ color: {t['accent']}; }}\n"
        f".money {{ background-color: {t['money_bg']}; color: {t['money_fg']}; }}\n"
        f".money-table th {{ color: {t['money_fg']}; }}\n"
        f".publisher {{ color: {t['publisher']}; }}\n"
    )


class ThemeManager(QObject):
    """Holds the applied theme; `changed` fires after the palette is set."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.choice = "system"
        self.theme = LIGHT
        self._watching = False

    def apply(self, choice: str) -> Theme:
        """Set the application's style and palette for `choice` (system/light/dark)."""
        app = QApplication.instance()
        self.choice = choice if choice in CHOICES else "system"
        if isinstance(app, QApplication):
            hints = app.styleHints()
            if not self._watching:
                hints.colorSchemeChanged.connect(self._on_system_changed)
                self._watching = True
            # Tell Qt (and through it the platform's dialogs and title bars) the scheme asked
            # for; "system" hands it back to the platform. Qt 6.8+ has these.
            if self.choice == "system":
                if hasattr(hints, "unsetColorScheme"):
                    hints.unsetColorScheme()
            elif hasattr(hints, "setColorScheme"):
                scheme = Qt.ColorScheme.Dark if self.choice == "dark" else Qt.ColorScheme.Light
                hints.setColorScheme(scheme)
            self.theme = resolve(self.choice)
            if app.style().name().lower() != "fusion":
                app.setStyle("Fusion")
            app.setPalette(dark_palette() if self.theme.dark else light_palette())
        else:
            self.theme = resolve(self.choice, system_dark=False)
        self.changed.emit()
        return self.theme

    def _on_system_changed(self, _scheme: Any) -> None:
        if self.choice == "system" and resolve("system") != self.theme:
            self.apply("system")


_MANAGER: ThemeManager | None = None


def manager() -> ThemeManager:
    global _MANAGER
    if _MANAGER is None:
        _MANAGER = ThemeManager()
    return _MANAGER


def current() -> Theme:
    return manager().theme


def style(widget: QWidget, template: str) -> None:
    """Set `template` (with {key} names from the theme table) as the widget's stylesheet, now
    and after each theme change."""

    def apply() -> None:
        widget.setStyleSheet(template.format(**current().values()))

    apply()
    manager().changed.connect(apply)
    widget.destroyed.connect(lambda *_: _disconnect(apply))


def _disconnect(slot: Any) -> None:
    with contextlib.suppress(RuntimeError, TypeError):
        manager().changed.disconnect(slot)
