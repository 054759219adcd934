"""PDF export: paginated A4 through Qt's text engine (QTextDocument + QPdfWriter).

The one core module allowed to use Qt (README, "Development"); QtGui is imported inside the
function, so importing reader.core still loads no Qt. Outside the window (the command line)
a QGuiApplication is made on the offscreen platform: rendering to PDF needs no display.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reader.core.export import ExportStory
from reader.core.export.render import story_html
from reader.core.safe_write import atomic_file

# Qt's rich text supports a CSS subset: no max-width, no ::after; page breaks and tables work.
PDF_CSS = """
body { font-family: "DejaVu Serif", Georgia, serif; font-size: 11pt; color: #1d1d1d; }
h1 { font-size: 19pt; margin-bottom: 4pt; }
h1.next { page-break-before: always; }
h2 { font-size: 14pt; } h3 { font-size: 12.5pt; }
p { margin-bottom: 7pt; line-height: 135%; }
.byline { color: #555555; }
table.meta { font-size: 9pt; margin-bottom: 10pt; }
table.meta th { color: #555555; font-weight: normal; text-align: left; padding-right: 10pt; }
.money { background-color: #faf6e8; }
a { color: #1a5fa8; }
"""

_app: Any = None  # kept alive for the process when we had to make one


def _ensure_gui_application() -> None:
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication([])


def write_pdf(items: Iterator[ExportStory], path: Path, force: bool, total: int) -> None:
    _ensure_gui_application()
    from PySide6.QtCore import QMarginsF, QSizeF, QUrl
    from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    document = QTextDocument()
    document.setDefaultStyleSheet(PDF_CSS)
    chunks: list[str] = []
    images: dict[str, str] = {}

    for n, item in enumerate(items):

        def source(url: str, item: ExportStory = item) -> str | None:
            cached = item.images.get(url)
            if cached is None:
                return None
            if url not in images:
                name = f"steppe-image-{len(images) + 1}"
                image = QImage(str(cached))
                if image.isNull():
                    return None
                # Fit the page width (A4 less margins at 96 dpi is about 680 px).
                if image.width() > 640:
                    image = image.scaledToWidth(640)
                document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
                images[url] = name
            return images[url]

        html = story_html(item, source)
        if n:
            html = html.replace("<h1>", '<h1 class="next">', 1)
        chunks.append(html)

    document.setHtml("<html><body>" + "\n".join(chunks) + "</body></html>")
    with atomic_file(path, force) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setTitle("Steppe Reader export")
        writer.setCreator("Steppe Reader")
        writer.setResolution(96)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(18, 18, 18, 18),
                QPageLayout.Unit.Millimeter,
            )
        )
        document.setPageSize(QSizeF(writer.width(), writer.height()))
        document.print_(writer)
        del writer  # closes the file before the rename
