"""The HTML of one exported story, shared by the HTML, PDF and EPUB writers."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable
from pathlib import Path

from reader.core.export import ExportStory, metadata_pairs, money_lines
from reader.core.html import sanitize_html

_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
MIME = {".png": "image/png", ".jpg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp"}

# Given an image URL, the src to use in the export, or None to leave the image out.
ImageSource = Callable[[str], str | None]


def data_uri(path: Path) -> str:
    mime = MIME.get(path.suffix.lower(), "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def rewrite_images(body: str, image_src: ImageSource, xhtml: bool = False) -> str:
    """Point each <img> at what `image_src` says; an image not cached becomes its alt text,
    since an export must not reach for the network."""

    def replace(match: re.Match[str]) -> str:
        attrs = dict(_ATTR.findall(match.group(0)))
        url = html.unescape(attrs.get("src", ""))
        alt = attrs.get("alt", "")
        src = image_src(url) if url else None
        if src is None:
            return f"<em>[image: {alt}]</em>" if alt else ""
        keep = "".join(f' {k}="{v}"' for k, v in attrs.items() if k in ("width", "height", "title"))
        end = " />" if xhtml else ">"
        return f'<img src="{html.escape(src, quote=True)}" alt="{alt}"{keep}{end}'

    return _IMG_TAG.sub(replace, body)


def story_html(item: ExportStory, image_src: ImageSource, xhtml: bool = False, heading: str = "h1") -> str:
    """Title, metadata, lead image, body, currency context and the link to the original."""
    s = item.story
    e = html.escape
    parts = [f'<article class="story" id="story-{s.id}">', f"<{heading}>{e(s.title)}</{heading}>"]
    byline = [f"By {e(s.author)}"] if s.author else []
    byline += [s.published_at.strftime("%d %B %Y"), e(s.source_name)]
    parts.append(f'<p class="byline">{" · ".join(byline)}</p>')
    rows = []
    for label, value in metadata_pairs(item):
        value_html = f'<a href="{e(value, quote=True)}">{e(value)}</a>' if label == "Original" else e(value)
        rows.append(f"<tr><th>{e(label)}</th><td>{value_html}</td></tr>")
    parts.append(f'<table class="meta">{"".join(rows)}</table>')
    body = sanitize_html(s.content_html, s.url)
    if s.image_url and s.image_url not in body:
        body = f'<p><img src="{e(s.image_url, quote=True)}" alt=""></p>' + body
    parts.append(f'<div class="body">{rewrite_images(body, image_src, xhtml)}</div>')
    money = money_lines(item)
    if money:
        items = "".join(f"<li>{e(line)}</li>" for line in money)
        parts.append(f'<div class="money"><p><strong>Currency context</strong></p><ul>{items}</ul></div>')
    if s.url:
        parts.append(
            f'<p class="original"><a href="{e(s.url, quote=True)}">Read the original at {e(s.source_name)}</a></p>'
        )
    parts.append("</article>")
    out = "\n".join(parts)
    if xhtml:
        out = out.replace("<br>", "<br />").replace("<hr>", "<hr />")
    return out


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
