"""What the HTML, PDF and EPUB exports share: cached images as data: URIs, the print style,
and the story itself (reader.core.story_html, the one rendering of a story)."""

from __future__ import annotations

import base64
from pathlib import Path

from reader.core.export import ExportStory
from reader.core.story_html import ImageSource, document_html

MIME = {".png": "image/png", ".jpg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp"}


def data_uri(path: Path) -> str:
    mime = MIME.get(path.suffix.lower(), "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def story_html(item: ExportStory, image_src: ImageSource, xhtml: bool = False, heading: str = "h1") -> str:
    return document_html(item.story, item.money, item.bookmark, image_src, xhtml, heading)


PRINT_CSS = """
body { font-family: Georgia, "DejaVu Serif", serif; max-width: 42em; margin: 2em auto; padding: 0 1em;
       line-height: 1.55; color: #1d1d1d; background: #fff; }
h1 { font-size: 1.7em; line-height: 1.2; margin: 0 0 .3em; }
.byline { color: #555; margin: 0 0 .8em; }
table.meta { border-collapse: collapse; font-size: .85em; margin: 0 0 1.2em; }
table.meta th { text-align: left; padding: .1em 1em .1em 0; color: #555; font-weight: normal; vertical-align: top; }
table.meta td { padding: .1em 0; }
img { max-width: 100%; height: auto; }
.money { border-left: 3px solid #c9a227; padding: .2em 1em; background: #faf6e8; margin: 1em 0; }
.original { font-size: .9em; }
a { color: #1a5fa8; }
article.story + article.story { border-top: 1px solid #ccc; margin-top: 2.5em; padding-top: 1.5em; }
header.export { color: #666; font-size: .85em; border-bottom: 1px solid #ccc; margin-bottom: 1.5em; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  a { color: inherit; }
  .original a::after { content: " (" attr(href) ")"; font-size: .85em; }
  article.story + article.story { border-top: none; page-break-before: always; break-before: page; }
  img { page-break-inside: avoid; break-inside: avoid; }
}
"""
