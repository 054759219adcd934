"""`steppe stories`, `show`, `bookmark`, `read`.

`steppe stories` with no filter lists the newest stories without opening the Library when the
cache is settled (quick_stories), as the window shows its first rows: a script asking "what is
new" loads no SQLAlchemy. Anything else, and any cache that opening would change, takes the
Library's path; both print the same (tests/test_cli_quick.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reader.cli.common import EXIT_OK, date_arg, id_arg, iso_utc, positive_int, print_json
from reader.cli.search import ensure_search_index
from reader.core.errors import ReaderError
from reader.core.types import (
    MoneyContext,
    RetagProgress,
    SortOrder,
    StoryCount,
    StoryPage,
    StoryQuery,
    StorySummary,
    count_line,
    format_usd,
)
from reader.core.types import Story as StoryValue
from reader.core.types.words import plural

if TYPE_CHECKING:
    from reader.core.library import Library


def register(commands: Any) -> None:
    stories = commands.add_parser("stories", help="list stories, newest first")
    add_filter_arguments(stories)
    stories.add_argument(
        "--sort",
        choices=[s.value for s in SortOrder],
        default=None,
        help="newest (default), oldest, or relevance (default when searching)",
    )
    stories.add_argument(
        "--limit", type=positive_int, default=50, metavar="N", help="at most N stories (default 50)"
    )
    stories.add_argument("--count", action="store_true", help="print only how many stories match")
    stories.add_argument(
        "--view", metavar="NAME", help="the filters of a saved search (`steppe views`); --unread narrows it"
    )
    stories.add_argument("--json", action="store_true", help="print JSON")
    stories.set_defaults(handler=cmd_stories, without_library=quick_stories)

    show = commands.add_parser("show", help="print one story")
    show.add_argument("id", type=id_arg)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)

    bookmark = commands.add_parser("bookmark", help="bookmark a story (or remove its bookmark)")
    bookmark.add_argument("id", type=id_arg)
    bookmark.add_argument("--remove", action="store_true")
    bookmark.add_argument("--note", help="a note kept with the bookmark")
    bookmark.set_defaults(handler=cmd_bookmark)

    read = commands.add_parser("read", help="mark a story read (or unread)")
    read.add_argument("id", type=id_arg)
    read.add_argument("--unread", action="store_true")
    read.set_defaults(handler=cmd_read)

    retag = commands.add_parser(
        "retag",
        help="tag the stored stories' countries again after an upgrade (the window does it by itself)",
        description="Resumable: it continues where an interrupted run stopped. Read state and bookmarks "
        "are not touched.",
    )
    retag.add_argument("--json", action="store_true", help="print {done, total, finished} at the end")
    retag.set_defaults(handler=cmd_retag)


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """The list's filters, shared by every command that selects stories."""
    parser.add_argument(
        "--search", metavar="Q", default="", help='full-text search (words, "phrases", OR, NOT, prefix*)'
    )
    parser.add_argument(
        "--country", action="append", default=[], metavar="CODE", help="KZ, KG, TJ, TM or UZ; repeatable"
    )
    parser.add_argument(
        "--section", action="append", default=[], metavar="S", help="section slug or name; repeatable"
    )
    parser.add_argument(
        "--source", action="append", default=[], metavar="S", help="source id, name or feed URL; repeatable"
    )
    parser.add_argument(
        "--since", type=date_arg, metavar="DATE", help="published on or after DATE (YYYY-MM-DD, UTC)"
    )
    parser.add_argument("--until", type=date_arg, metavar="DATE", help="published on or before DATE")
    parser.add_argument("--unread", action="store_true", help="only stories not yet read")
    parser.add_argument("--bookmarked", action="store_true", help="only bookmarked stories")


def query_from_args(
    library: Library, args: argparse.Namespace, parser: argparse.ArgumentParser
) -> StoryQuery:
    """A StoryQuery from add_filter_arguments()'s options; unknown names are a usage error."""
    # The facets count every story: looked up only when a name needs checking.
    codes, slugs = _facet_keys(library, args, parser) if args.country or args.section else ([], [])
    source_ids: list[int] = []
    for given in args.source:
        try:
            source_ids.append(library.sources.find(given).id)
        except ReaderError:
            parser.error(f"unknown source {given!r}; give its id, name or feed URL")
    chosen_sort = getattr(args, "sort", None)
    sort = SortOrder(chosen_sort) if chosen_sort else None  # None: the default (StoryQuery.effective_sort)
    return StoryQuery(
        text=args.search,
        countries=tuple(codes),
        sections=tuple(slugs),
        sources=tuple(source_ids),
        since=args.since,
        until=args.until,
        unread_only=args.unread,
        bookmarked_only=args.bookmarked,
        sort=sort,
    )


def _facet_keys(
    library: Library, args: argparse.Namespace, parser: argparse.ArgumentParser
) -> tuple[list[str], list[str]]:
    """The country codes and section slugs for the names given (a usage error if unknown)."""
    facets = library.stories.facets()
    codes: list[str] = []
    slugs: list[str] = []
    countries = {f.key: f for f in facets.countries}
    by_name = {f.name.casefold(): f.key for f in countries.values()}
    for given in args.country:
        code = given.upper() if given.upper() in countries else by_name.get(given.casefold())
        if code is None:
            parser.error(f"unknown country {given!r}; use one of {', '.join(sorted(countries))}")
        codes.append(code)
    sections = facets.sections
    for given in args.section:
        match = [s.key for s in sections if given.casefold() in (s.key, s.name.casefold())]
        if not match:
            parser.error(f"unknown section {given!r}; use one of {', '.join(s.key for s in sections)}")
        slugs.append(match[0])
    return codes, slugs


def _list_fields(story: StorySummary | StoryValue) -> dict[str, Any]:
    """The fields a story has in every JSON listing (the contract of `stories --json`)."""
    return {
        "id": story.id,
        "title": story.title,
        "url": story.url,
        "source": story.source_name,
        "published_at": iso_utc(story.published_at),
        "countries": list(story.countries),
        "mentioned_countries": list(story.mentioned_countries),
        "sections": list(story.sections),
        "is_read": story.is_read,
        "is_bookmarked": story.is_bookmarked,
        "is_sample": story.is_sample,
    }


def summary_json(story: StorySummary) -> dict[str, Any]:
    data = _list_fields(story)
    data["summary_only"] = story.summary_only
    if story.snippet is not None:
        data["snippet"] = story.snippet
    return data


def story_json(story: StoryValue) -> dict[str, Any]:
    return {
        **_list_fields(story),
        "author": story.author,
        "summary": story.summary,
        "content_html": story.content_html,
        "content_text": story.content_text,
        "bookmark_note": story.bookmark_note,
        "summary_only": story.summary_only,
        # The article page's story (issue 15): null when none is kept; the note says why not.
        "full_html": story.full_html,
        "full_text": story.full_text,
        "full_note": story.full_note,
    }


def money_json(money: MoneyContext) -> dict[str, Any]:
    """One amount a story states, with its dollar value then and now (rates issue)."""
    return {
        "text": money.text,
        "currency": money.currency,
        "amount": money.amount,
        "usd_at_published": money.usd_at_published,
        "usd_today": money.usd_today,
        "publisher_usd": money.publisher_usd,
        "publisher_text": money.publisher_text,
        "misread": money.misread,
        # The dates of the rates used: the newest stored on or before the story's date, and the newest.
        "rate_date": money.rate_date.isoformat() if money.rate_date else None,
        "today_rate_date": money.today_rate_date.isoformat() if money.today_rate_date else None,
    }


def cmd_stories(library: Library, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    query = query_from_args(library, args, parser)
    if args.view:
        saved = library.saved_searches.get(args.view).query
        query = dataclasses.replace(saved, unread_only=saved.unread_only or args.unread)
    if query.text.strip():
        ensure_search_index(library)
    if args.count:
        return _print_count(library.stories.count(query), args)
    page = library.stories.page(query, limit=args.limit)
    if library.retag_pending():
        print(
            "Note: the stories' countries are from an older version; `steppe retag` updates them.",
            file=sys.stderr,
        )
    return _print_page(page, lambda: library.stories.estimate(query), args)


# The longest page listed without the Library: its rows' tags are read with one IN (...) list.
QUICK_LIMIT = 1000


def quick_stories(args: argparse.Namespace) -> int | None:
    """`steppe stories` with no filter, read like the window's first rows (reader.core.first_page:
    the standard library's sqlite3, no SQLAlchemy, no Library), when the cache is at the newest
    schema and opening the Library would change nothing listed. None: run the usual way."""
    default_sort = args.sort in (None, SortOrder.NEWEST.value)
    filtered = args.search.strip() or args.country or args.section or args.source or args.view
    ranged = args.since or args.until or args.unread or args.bookmarked
    if filtered or ranged or not default_sort or args.limit > QUICK_LIMIT:
        return None
    from reader.core.first_page import first_look

    look = first_look(args.data_dir, args.limit)
    if look is None or not look.settled:
        return None
    if args.count:
        return _print_count(look.count.value, args)
    return _print_page(look.page, lambda: look.count, args)


def _print_count(total: int, args: argparse.Namespace) -> int:
    if args.json:
        print_json({"count": total})
    else:
        print(total)
    return EXIT_OK


def _print_page(page: StoryPage, matching: Callable[[], StoryCount], args: argparse.Namespace) -> int:
    """The rows (or their JSON), then the count line on stderr; `matching` is asked only for it."""
    if args.json:
        print_json([summary_json(s) for s in page.stories])
        return EXIT_OK
    for s in page.stories:
        flags = ("★" if s.is_bookmarked else " ") + (" " if s.is_read else "•")
        countries = ",".join(s.countries) or "--"
        print(f"{s.id:>6} {flags} {s.published_at:%Y-%m-%d} {countries:<8} {s.title}  [{s.source_name}]")
    count = matching()
    line = count_line(
        len(page.stories), count.value, estimated=count.estimated, ranked_among=page.ranked_among
    )
    print(line, file=sys.stderr)
    return EXIT_OK


def cmd_show(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    article = library.stories.article(args.id)
    story, money = article.story, article.money
    if args.json:
        data = story_json(story)
        data["money"] = [money_json(m) for m in money]
        print_json(data)
        return EXIT_OK
    print(story.title)
    print(" · ".join(p for p in (story.author, f"{story.published_at:%d %B %Y}", story.source_name) if p))
    if story.countries or story.sections:
        print(", ".join((*story.countries, *story.sections)))
    if story.mentioned_countries:
        print(f"Also mentioned: {', '.join(story.mentioned_countries)}")
    if story.is_sample:
        print("[Sample story written for Steppe Reader — not a news report]")
    if story.full_note:
        print(f"[Summary only: {story.full_note}]")
    elif story.summary_only:
        print(f"[Summary only: `steppe fetch-article {story.id}` fetches the whole story]")
    print()
    print(story.body_text)  # the full article's text when one is kept
    if money:
        print("\nCurrency context (US dollars at the story's date · today):")
        for m in money:
            publisher = f"publisher: {m.publisher_text}" if m.publisher_text else ""
            if m.misread:
                print(f"  {m.label}: {publisher} (our reading disagreed more than tenfold: not shown)")
                continue
            then = format_usd(m.usd_at_published) if m.usd_at_published is not None else "no rate"
            now = format_usd(m.usd_today) if m.usd_today is not None else "no rate"
            print(f"  {m.label}: {then}{f' ({publisher})' if publisher else ''} · {now}")
    if story.url:
        print(f"\n{story.url}")
    return EXIT_OK


def cmd_retag(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    def report(step: RetagProgress) -> None:
        if not args.json:
            print(
                f"\rRe-tagging countries: {step.done:,} of {step.total:,} stories",
                end="",
                file=sys.stderr,
            )

    done = library.retag_all(report)
    if args.json:
        print_json({"done": done.done, "total": done.total, "finished": done.finished})
    else:
        print(f"\nCountries re-tagged for {plural(done.total, 'story', 'stories')}.", file=sys.stderr)
    return EXIT_OK


def cmd_bookmark(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    library.bookmarks.set(args.id, not args.remove, note=args.note)
    print(f"Story {args.id} {'is no longer bookmarked' if args.remove else 'bookmarked'}")
    return EXIT_OK


def cmd_read(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    library.stories.mark_read(args.id, not args.unread)
    print(f"Story {args.id} marked {'unread' if args.unread else 'read'}")
    return EXIT_OK
