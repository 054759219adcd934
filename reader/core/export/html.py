"""HTML export: one self-contained file (images inline as data: URIs) with a print style."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from reader import __version__
from reader.core.export import ExportStory
from reader.core.export.render import PRINT_CSS, data_uri, story_html
from reader.core.safe_write import atomic_file


def write_html(items: Iterator[ExportStory], path: Path, force: bool, total: int) -> None:
    with atomic_file(path, force) as tmp, tmp.open("w", encoding="utf-8") as out:
        title = "Steppe Reader export"
        out.write(
            f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f'<meta name="generator" content="Steppe Reader {__version__}">\n<style>{PRINT_CSS}</style>\n'
            "</head>\n<body>\n"
            f'<header class="export">{total} stor{"y" if total == 1 else "ies"} exported from Steppe Reader '
            f"on {dt.date.today().isoformat()}</header>\n"
        )
        for item in items:
            out.write(story_html(item, partial(_inline, item.images)))
            out.write("\n")
        out.write("</body>\n</html>\n")


def _inline(images: dict[str, Path], url: str) -> str | None:
    path = images.get(url)
    return data_uri(path) if path is not None else None
