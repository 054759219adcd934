"""The story list's rows, painted: title first (wrapping to two lines), then source · date ·
countries, then a line of the story (the search passage with its hits marked, else the summary).
Unread rows have a dot and a bold title; a bookmarked one a star at the right.

Everything painted comes from the model's RowText, worked out once when the row arrived: the
paint path runs no query and parses no HTML. The compact density is one line: the title, then
date · countries at the right.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextLayout
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from reader.ui import theme
from reader.ui.story_model import ROW_ROLE, RowText

_Index = QModelIndex | QPersistentModelIndex

PAD_X, PAD_Y, GAP = 10, 8, 2
DOT_AREA = 16  # the unread dot's column at the left
STAR_AREA = 24  # the bookmark star's column at the right
COMPACT_META_SAMPLE = "28 Sep 2025 · KZ, UZ"


class StoryDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.compact = False

    # -- geometry ------------------------------------------------------------------------------

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        title = QFont(base)
        title.setPointSizeF(base.pointSizeF() * (1.0 if self.compact else 1.08))
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.88)
        return base, title, small

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        _base, title, small = self._fonts(option)
        bold = QFont(title)
        bold.setBold(True)
        line = QFontMetrics(bold).lineSpacing()
        if self.compact:
            return QSize(200, line + 2 * 5)
        small_line = QFontMetrics(small).lineSpacing()
        # Two title lines, the meta line, one snippet line (a one-line title gives its room to a
        # second snippet line, so every row is the same height and the list scrolls evenly).
        return QSize(200, 2 * PAD_Y + 2 * line + 2 * small_line + 2 * GAP + small_line // 3)

    def star_rect(self, rect: QRect) -> QRect:
        """Where a click toggles the bookmark: the right-hand column of the row."""
        return QRect(rect.right() - STAR_AREA - 2, rect.top(), STAR_AREA + 2, rect.height())

    # -- painting ------------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        text: RowText | None = index.data(ROW_ROLE)
        if text is None:
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        painter.save()
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        rect: QRect = opt.rect
        palette: QPalette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        fg = palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        dim = QColor(fg)
        dim.setAlphaF(0.85 if selected else 0.6)  # ≥ 4.5:1 on either theme (tests/ui/test_theme.py)
        base, title_font, small = self._fonts(opt)
        title_font.setBold(not text.is_read)

        if not self.compact:
            painter.setPen(theme.current().color("separator") if not selected else Qt.PenStyle.NoPen)
            painter.drawLine(rect.left() + DOT_AREA, rect.bottom(), rect.right(), rect.bottom())
        left = rect.left() + DOT_AREA
        right = rect.right() - STAR_AREA
        width = max(10, right - left)
        title_metrics = QFontMetrics(title_font)
        y = rect.top() + (5 if self.compact else PAD_Y)

        # The unread dot, on the title's first line.
        if not text.is_read:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fg if selected else theme.current().color("unread"))
            radius = 3.5
            cy = y + title_metrics.ascent() - title_metrics.xHeight() / 2
            painter.drawEllipse(QPointF(rect.left() + DOT_AREA / 2 + 1, cy), radius, radius)
        if text.is_bookmarked:
            painter.setPen(fg if selected else theme.current().color("star"))
            painter.setFont(base)
            star = QRect(right, y, STAR_AREA, title_metrics.lineSpacing())
            painter.drawText(star, Qt.AlignmentFlag.AlignCenter, "★")

        if self.compact:
            small_metrics = QFontMetrics(small)
            # One column for every row (titles end in line), wide enough for a date and two countries.
            meta_width = min(small_metrics.horizontalAdvance(COMPACT_META_SAMPLE) + 4, width // 3)
            meta = small_metrics.elidedText(text.short_meta, Qt.TextElideMode.ElideRight, meta_width)
            painter.setFont(title_font)
            painter.setPen(fg)
            line = QRect(left, y, width - meta_width - 12, title_metrics.lineSpacing())
            painter.drawText(
                line,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                title_metrics.elidedText(text.title, Qt.TextElideMode.ElideRight, line.width()),
            )
            painter.setFont(small)
            painter.setPen(dim)
            painter.drawText(
                QRect(right - meta_width, y, meta_width, title_metrics.lineSpacing()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                meta,
            )
            painter.restore()
            return

        painter.setPen(fg)
        title_lines = _draw_wrapped(painter, text.title, title_font, left, y, width, 2)
        y += title_lines * title_metrics.lineSpacing() + GAP
        small_metrics = QFontMetrics(small)
        painter.setFont(small)
        painter.setPen(dim)
        # The date and countries whole; the source's name gives way when the row is narrow.
        tail_width = min(width, small_metrics.horizontalAdvance(text.meta_tail))
        source = small_metrics.elidedText(text.source, Qt.TextElideMode.ElideRight, width - tail_width)
        meta = source + text.meta_tail if source else text.meta_tail.removeprefix(" · ")
        painter.drawText(
            QRect(left, y, width, small_metrics.lineSpacing()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            small_metrics.elidedText(meta, Qt.TextElideMode.ElideRight, width),
        )
        y += small_metrics.lineSpacing() + GAP
        if text.snippet:
            lines = 3 - title_lines  # one, or two under a one-line title
            _draw_snippet(painter, text.snippet, small, left, y, width, lines, dim, selected)
        painter.restore()


def _layout_lines(layout: QTextLayout, width: int, limit: int) -> int:
    layout.beginLayout()
    count = 0
    y = 0.0
    while count < limit:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
        count += 1
    layout.endLayout()
    return count


def _draw_wrapped(painter: QPainter, text: str, font: QFont, x: int, y: int, width: int, limit: int) -> int:
    """`text` wrapped to at most `limit` lines, the last elided; returns the lines used."""
    metrics = QFontMetrics(font)
    layout = QTextLayout(text, font)
    count = _layout_lines(layout, width, limit)
    painter.setFont(font)
    for number in range(count):
        line = layout.lineAt(number)
        top = y + number * metrics.lineSpacing()
        if number == count - 1 and line.textStart() + line.textLength() < len(text):
            rest = text[line.textStart() :].strip()
            painter.drawText(
                QRect(x, top, width, metrics.lineSpacing()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width),
            )
        else:
            piece = text[line.textStart() : line.textStart() + line.textLength()].rstrip()
            painter.drawText(
                QRect(x, top, width, metrics.lineSpacing()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                piece,
            )
    return max(1, count)


def _draw_snippet(
    painter: QPainter,
    parts: tuple[tuple[str, bool], ...],
    font: QFont,
    x: int,
    y: int,
    width: int,
    limit: int,
    colour: QColor,
    selected: bool,
) -> None:
    """The passage on up to `limit` lines, its hits bold on a soft marker, the end elided."""
    metrics = QFontMetrics(font)
    bold = QFont(font)
    bold.setBold(True)
    bold_metrics = QFontMetrics(bold)
    ellipsis = "…"
    ellipsis_width = metrics.horizontalAdvance(ellipsis)
    line, cx = 0, x
    painter.setFont(font)
    for text, hit in parts:
        words = text.split(" ") if not hit else [text]
        for number, word in enumerate(words):
            piece = word if number == 0 else " " + word
            fm = bold_metrics if hit else metrics
            advance = fm.horizontalAdvance(piece)
            room = x + width - (ellipsis_width if line + 1 >= limit else 0)  # "…" fits after it
            if cx + advance > room and cx > x:
                if line + 1 >= limit:  # no room for another line: end with an ellipsis
                    painter.setFont(font)
                    painter.setPen(colour)
                    painter.drawText(QPointF(min(cx, x + width - ellipsis_width),
                                             y + line * metrics.lineSpacing() + metrics.ascent()), ellipsis)  # fmt: skip
                    return
                line += 1
                cx = x
                piece = piece.lstrip()
                advance = fm.horizontalAdvance(piece)
            top = y + line * metrics.lineSpacing()
            if hit:
                if not selected:
                    painter.fillRect(
                        QRectF(cx - 1, top + 1, advance + 2, metrics.lineSpacing() - 1),
                        theme.current().color("hit"),
                    )
                painter.setFont(bold)
            else:
                painter.setFont(font)
            painter.setPen(theme.current().color("hit_text") if hit and not selected else colour)
            if advance > width:  # one word wider than the row
                piece = fm.elidedText(piece, Qt.TextElideMode.ElideRight, x + width - cx)
            painter.drawText(QPointF(cx, top + metrics.ascent()), piece)
            cx += advance
