"""Whole stories from feeds that send only a summary (issue 15): extraction and the fetch rule."""

from reader.core.articles.extract import (
    ExtractedArticle,
    extract_article,
    wants_full_article,
    wants_full_text,
)

__all__ = ["ExtractedArticle", "extract_article", "wants_full_article", "wants_full_text"]
