"""The `steppe` command: the window by default, and scriptable subcommands over the same core.

The JSON printed with --json is a contract: later tools and tests rely on its field names.
Qt is imported only when the window opens, so the subcommands run without a display.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader import __version__
from reader.core import rates as rates_mod
from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.types import RateQuote, SortOrder, StoryQuery, StorySummary
from reader.core.types import Story as StoryValue

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="steppe",
        description="Steppe Reader: news from Central Asia with the currency rates that shape it. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"steppe {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="folder of the local cache (default: $STEPPE_DATA_DIR or the platform's user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    stories = commands.add_parser("stories", help="list stories, newest first")
    stories.add_argument(
        "--search", metavar="Q", default="", help='full-text search (words, "phrases", OR, NOT, prefix*)'
    )
    stories.add_argument(
        "--country", action="append", default=[], metavar="CODE", help="KZ, KG, TJ, TM or UZ; repeatable"
    )
    stories.add_argument(
        "--section", action="append", default=[], metavar="S", help="section slug or name; repeatable"
    )
    stories.add_argument(
        "--source", action="append", default=[], metavar="S", help="source id, name or feed URL; repeatable"
    )
    stories.add_argument(
        "--since", type=_date, metavar="DATE", help="published on or after DATE (YYYY-MM-DD, UTC)"
    )
    stories.add_argument("--until", type=_date, metavar="DATE", help="published on or before DATE")
    stories.add_argument("--unread", action="store_true", help="only stories not yet read")
    stories.add_argument("--bookmarked", action="store_true", help="only bookmarked stories")
    stories.add_argument(
        "--sort",
        choices=[s.value for s in SortOrder],
        default=None,
        help="newest (default), oldest, or relevance (default when searching)",
    )
    stories.add_argument(
        "--limit", type=_positive, default=50, metavar="N", help="at most N stories (default 50)"
    )
    stories.add_argument("--count", action="store_true", help="print only how many stories match")
    stories.add_argument("--json", action="store_true", help="print JSON")

    show = commands.add_parser("show", help="print one story")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")

    bookmark = commands.add_parser("bookmark", help="bookmark a story (or remove its bookmark)")
    bookmark.add_argument("id", type=int)
    bookmark.add_argument("--remove", action="store_true")
    bookmark.add_argument("--note", help="a note kept with the bookmark")

    read = commands.add_parser("read", help="mark a story read (or unread)")
    read.add_argument("id", type=int)
    read.add_argument("--unread", action="store_true")

    rates = commands.add_parser("rates", help="latest currency rates against the US dollar")
    rates.add_argument(
        "--date", type=_date, metavar="DATE", help="the rates as of DATE instead of the latest"
    )
    rates.add_argument(
        "--currency",
        action="append",
        default=[],
        metavar="CUR",
        help="currency code; repeatable (default: KGS KZT TJS UZS TMT)",
    )
    rates.add_argument("--json", action="store_true")
    rates_commands = rates.add_subparsers(dest="rates_command", metavar="history")
    history = rates_commands.add_parser("history", help="the stored history of one currency")
    history.add_argument("currency", metavar="CUR")
    history.add_argument("--since", type=_date, metavar="DATE")
    history.add_argument("--until", type=_date, metavar="DATE")
    history.add_argument("--json", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from reader.ui.app import run_app  # Qt only for the window

        return run_app(args.data_dir)
    try:
        with Library(args.data_dir) as library:
            return int(_COMMANDS[args.command](library, args, parser))
    except ReaderError as exc:
        print(f"steppe: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `steppe stories | head`
        return EXIT_OK


def gui_main() -> int:
    """Entry point of the `steppe-reader` launcher: always the window."""
    args = build_parser().parse_args()
    from reader.ui.app import run_app

    return run_app(args.data_dir)


# -- subcommands ------------------------------------------------------------------------


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _resolve_filters(
    library: Library, args: argparse.Namespace, parser: argparse.ArgumentParser
) -> StoryQuery:
    countries = {f.key: f for f in library.countries()}
    by_name = {f.name.casefold(): f.key for f in countries.values()}
    codes: list[str] = []
    for given in args.country:
        code = given.upper() if given.upper() in countries else by_name.get(given.casefold())
        if code is None:
            parser.error(f"unknown country {given!r}; use one of {', '.join(sorted(countries))}")
        codes.append(code)
    sections = library.sections()
    slugs: list[str] = []
    for given in args.section:
        match = [s.key for s in sections if given.casefold() in (s.key, s.name.casefold())]
        if not match:
            parser.error(f"unknown section {given!r}; use one of {', '.join(s.key for s in sections)}")
        slugs.append(match[0])
    source_ids: list[int] = []
    for given in args.source:
        source = library.find_source(given)
        if source is None:
            parser.error(f"unknown source {given!r}; see the sources' names with `steppe stories --json`")
        source_ids.append(source.id)
    sort = SortOrder(args.sort) if args.sort else (SortOrder.RELEVANCE if args.search else SortOrder.NEWEST)
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


def summary_json(story: StorySummary) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": story.id,
        "title": story.title,
        "url": story.url,
        "source": story.source_name,
        "published_at": _iso(story.published_at),
        "countries": list(story.countries),
        "sections": list(story.sections),
        "is_read": story.is_read,
        "is_bookmarked": story.is_bookmarked,
        "is_sample": story.is_sample,
    }
    if story.snippet is not None:
        data["snippet"] = story.snippet
    return data


def story_json(story: StoryValue) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "url": story.url,
        "source": story.source_name,
        "published_at": _iso(story.published_at),
        "countries": list(story.countries),
        "sections": list(story.sections),
        "is_read": story.is_read,
        "is_bookmarked": story.is_bookmarked,
        "is_sample": story.is_sample,
        "author": story.author,
        "summary": story.summary,
        "content_html": story.content_html,
        "content_text": story.content_text,
        "bookmark_note": story.bookmark_note,
    }


def _cmd_stories(library: Library, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    query = _resolve_filters(library, args, parser)
    if args.count:
        total = library.count_stories(query)
        if args.json:
            _print_json({"count": total})
        else:
            print(total)
        return EXIT_OK
    page = library.stories(query, limit=args.limit)
    if args.json:
        _print_json([summary_json(s) for s in page.stories])
        return EXIT_OK
    for s in page.stories:
        flags = ("★" if s.is_bookmarked else " ") + (" " if s.is_read else "•")
        countries = ",".join(s.countries) or "--"
        print(f"{s.id:>6} {flags} {s.published_at:%Y-%m-%d} {countries:<8} {s.title}  [{s.source_name}]")
    total = library.count_stories(query)
    shown = len(page.stories)
    print(f"Showing {'1–' + str(shown) if shown else '0'} of {total} stories", file=sys.stderr)
    return EXIT_OK


def _cmd_show(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    story = library.story(args.id)
    if args.json:
        _print_json(story_json(story))
        return EXIT_OK
    print(story.title)
    byline = " · ".join(
        part for part in (story.author, f"{story.published_at:%d %B %Y}", story.source_name) if part
    )
    print(byline)
    if story.countries or story.sections:
        print(", ".join((*story.countries, *story.sections)))
    if story.is_sample:
        print("[Sample story written for Steppe Reader — not a news report]")
    print()
    print(story.content_text)
    if story.url:
        print(f"\n{story.url}")
    return EXIT_OK


def _cmd_bookmark(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    library.set_bookmarked(args.id, not args.remove, note=args.note)
    print(f"Story {args.id} {'is no longer bookmarked' if args.remove else 'bookmarked'}")
    return EXIT_OK


def _cmd_read(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    library.set_read(args.id, not args.unread)
    print(f"Story {args.id} marked {'unread' if args.unread else 'read'}")
    return EXIT_OK


def quote_json(quote: RateQuote) -> dict[str, Any]:
    change = quote.change_pct
    return {
        "currency": quote.currency,
        "name": quote.name,
        "units_per_usd": quote.units_per_usd,
        "usd_per_unit": quote.usd_per_unit,
        "change_pct": None if change is None else round(change, 6),
        "previous_as_of": quote.previous_as_of.isoformat() if quote.previous_as_of else None,
        "as_of": quote.as_of.isoformat(),
        "provider": quote.provider,
        "provider_name": rates_mod.provider_name(quote.provider),
    }


def _cmd_rates(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    if args.rates_command == "history":
        series = library.rate_series(args.currency, args.since, args.until)
        if args.json:
            _print_json(
                {
                    "currency": series.currency,
                    "provider": series.provider,
                    "provider_name": rates_mod.provider_name(series.provider),
                    "points": [
                        {"date": d.isoformat(), "units_per_usd": v}
                        for d, v in zip(series.dates, series.units_per_usd, strict=True)
                    ],
                }
            )
        else:
            for d, v in zip(series.dates, series.units_per_usd, strict=True):
                print(f"{d.isoformat()}  {v:>14.4f} {series.currency}/USD-unit  ({1 / v:.5f} USD)")
            print(
                f"{len(series.dates)} points from {rates_mod.provider_name(series.provider)}", file=sys.stderr
            )
        return EXIT_OK
    currencies = [c.upper() for c in args.currency] or list(rates_mod.TICKER_CURRENCIES)
    quotes = library.latest_rates(currencies, args.date)
    if args.json:
        _print_json([quote_json(q) for q in quotes])
        return EXIT_OK
    for q in quotes:
        print(f"{rates_mod.format_ticker(q):<28} {rates_mod.format_inverse(q)}")
    providers = sorted({rates_mod.provider_name(q.provider) for q in quotes})
    as_of = max(q.as_of for q in quotes)
    print(f"As of {as_of.isoformat()} · {', '.join(providers)}")
    return EXIT_OK


_COMMANDS = {
    "stories": _cmd_stories,
    "show": _cmd_show,
    "bookmark": _cmd_bookmark,
    "read": _cmd_read,
    "rates": _cmd_rates,
}
