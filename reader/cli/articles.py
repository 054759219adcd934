"""`steppe fetch-article ID`: fetch a story's page now and keep its full text."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from reader.cli.common import EXIT_FAILED, EXIT_OK, fail
from reader.core.types.words import plural

if TYPE_CHECKING:
    from reader.core.library import Library


def register(commands: Any) -> None:
    fetch = commands.add_parser("fetch-article", help="fetch a story's article page and keep its full text")
    fetch.add_argument("story_id", type=int, metavar="ID", help="the story's id (as `steppe stories` shows)")
    fetch.set_defaults(handler=cmd_fetch_article)


def cmd_fetch_article(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from reader.core.articles.service import UnknownStory

    try:
        library.articles.fetch(args.story_id)
    except UnknownStory as error:
        return fail(str(error))
    full = library.articles.get(args.story_id)
    assert full is not None  # just written
    if not full.ok:
        print(f"Story {args.story_id}: {full.note} The feed's summary is kept.")
        return EXIT_FAILED
    words = len((full.text or "").split())
    by = f" by {full.author}" if full.author else ""
    print(f"Story {args.story_id}: full article kept ({plural(words, 'word')}{by}).")
    return EXIT_OK
