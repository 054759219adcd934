"""Whole stories from feeds that send only a summary (issue 15): extraction and the fetch rule.

The names below load on first use (PEP 562): importing reader.core.articles.rule, as the story
list does at start-up, does not load the sanitiser and the extractor.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ExtractedArticle", "extract_article", "wants_full_article", "wants_full_text"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from reader.core.articles import extract

        return getattr(extract, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
