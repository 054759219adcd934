"""`steppe sync` and `steppe sources …`: fetch the sources now, and manage them."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.cli.common import EXIT_FAILED, EXIT_OK, iso_utc, print_json
from reader.core.errors import ReaderError
from reader.core.logs import active_log_file, internal_message, shown_path
from reader.core.types import SourceStatus, SyncProgress
from reader.core.types.words import plural

if TYPE_CHECKING:
    from reader.core.library import Library

log = logging.getLogger(__name__)


def register(commands: Any) -> None:
    sync = commands.add_parser(
        "sync",
        help="fetch new stories from the sources (and the rates), print progress and a summary",
        description="Exit status: 0 when every source succeeded, 1 when any failed (the others are still "
        "stored), 2 for bad input (an unknown --source) or an unusable database.",
    )
    sync.add_argument(
        "--source", action="append", default=[], metavar="URL",
        help="only this source (feed URL, id or name); repeatable. Disabled sources may be named.",
    )  # fmt: skip
    sync.add_argument("--stories-only", action="store_true", help="stories only: do not refresh the rates")
    sync.add_argument(
        "--no-images", action="store_true", help="do not save the stories' images for offline use"
    )
    sync.add_argument(
        "--no-full-articles", action="store_true",
        help="do not fetch the article pages of stories whose feed sent only a summary afterwards",
    )  # fmt: skip
    sync.set_defaults(handler=cmd_sync)

    sources = commands.add_parser("sources", help="list, add, remove, import or export the sources")
    actions = sources.add_subparsers(
        dest="sources_command",
        metavar="list|add|remove|rename|enable|disable|full-articles|import|export",
    )
    actions.required = True
    listing = actions.add_parser("list", help="the sources and how their last sync went")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_list)
    add = actions.add_parser(
        "add", help="subscribe to a feed URL, or to the feed found on a site's page",
        description="Exit status: 0 added, 1 the site could not be read or offers no feed (nothing is "
        "added), 2 bad input (not an http(s) address, already subscribed).",
    )  # fmt: skip
    add.add_argument("url")
    add.add_argument("--name", metavar="N", help="the name to show (default: the feed's title)")
    add.add_argument("--no-discover", action="store_true", help="take URL as the feed, without fetching it")
    add.set_defaults(handler=cmd_add)
    remove = actions.add_parser(
        "remove", help="delete a source and its stories (not while any is bookmarked)"
    )
    remove.add_argument("id")
    remove.set_defaults(handler=cmd_remove)
    rename = actions.add_parser("rename", help="change a source's name")
    rename.add_argument("id")
    rename.add_argument("name")
    rename.set_defaults(handler=cmd_rename)
    for verb, enabled in (("enable", True), ("disable", False)):
        toggle = actions.add_parser(verb, help=f"{verb} syncing a source (its stories stay)")
        toggle.add_argument("id")
        toggle.set_defaults(handler=cmd_toggle, enabled=enabled)
    full = actions.add_parser(
        "full-articles", help="when to fetch a source's article pages: automatic, always or never",
        description="automatic (the default): when the feed's text is under 80 words or ends in a "
        "\"read more\" link; always: every story; never: keep the feed's text only.",
    )  # fmt: skip
    full.add_argument("id", metavar="SOURCE", help="the source's id, feed URL or name")
    full.add_argument("mode", choices=("automatic", "always", "never"))
    full.set_defaults(handler=cmd_full_articles)
    opml_in = actions.add_parser("import", help="add the feeds of an OPML file")
    opml_in.add_argument("file", type=Path, metavar="FILE.opml")
    opml_in.set_defaults(handler=cmd_import)
    opml_out = actions.add_parser("export", help="write the sources to an OPML file")
    opml_out.add_argument("file", type=Path, metavar="FILE.opml")
    opml_out.set_defaults(handler=cmd_export)


def cmd_sync(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    def show(progress: SyncProgress) -> None:
        if progress.finished:
            print(f"[{progress.done}/{progress.total}] {progress.message}", flush=True)
        elif progress.source == "images":
            print(progress.message, flush=True)

    try:
        report = library.sync.run(args.source, images=not args.no_images, progress=show)
    except ReaderError:
        raise  # an unknown --source, an unusable database: one line and exit 2, from main()
    except Exception as error:  # not one source's problem (those are in the report): a bug
        log.error("The sync failed", exc_info=error)
        print(internal_message("finish the sync", active_log_file()), file=sys.stderr)
        return EXIT_FAILED
    for result in report.waiting:
        print(f"[skipped] {result.name}: {result.error}")
    problems = report.problem_lines()
    if report.offline:
        print(problems[0], flush=True)  # one line says it all; the saved stories are kept
    else:
        print(report.summary(), flush=True)
        if problems:
            print("Problems:", *(f"  {line}" for line in problems), sep="\n", file=sys.stderr)
    if problems:
        where = active_log_file()
        print(
            "Each source's last problem: steppe sources list"
            + (f"; technical details in {shown_path(where)}" if where else ""),
            file=sys.stderr,
        )
    ok = report.ok
    if not args.no_full_articles and not report.cancelled:
        synced = [r.source_id for r in report.results] if args.source else []
        _fetch_full_articles(library, synced)  # a page that fails is its story's note, never ok = False
    if not args.stories_only and not args.source:
        ok = _sync_rates(library) and ok
    return EXIT_OK if ok else EXIT_FAILED


def _fetch_full_articles(library: Library, sources: list[int]) -> None:
    """The background run after the feeds: the wanted stories' pages, politely (two at a time
    per host). Nothing here can fail the sync: a page's failure is kept as its story's note."""
    from reader.core.articles.service import ArticleProgress

    def show(step: ArticleProgress) -> None:
        state = f"summary only — {step.note}" if step.note else "full article kept"
        print(f"[article {step.done}/{step.total}] {step.title}: {state}", flush=True)

    try:
        run = library.articles.fetch_wanted(sources=sources, progress=show)
    except Exception as error:  # a bug of ours: logged; the stories synced are all kept
        log.error("Fetching the full articles failed", exc_info=error)
        print(internal_message("fetch the full articles", active_log_file()), file=sys.stderr)
        return
    if run.kept or run.failed:
        print(run.summary(), flush=True)


def _sync_rates(library: Library) -> bool:
    report = library.rates.refresh()  # the rates' own sync (`steppe rates sync`)
    for result in report.results:
        state = plural(result.new_points, "new point") if result.ok else f"failed — {result.error}"
        if result.peg:
            state += "; " + ", ".join(f"{code} at its legal peg of {value:g}" for code, value in result.peg)
        print(f"rates {result.provider}: {state}")
    print(report.summary())
    return all(result.ok for result in report.results)


def _as_json(source: SourceStatus) -> dict[str, Any]:
    return {
        "id": source.id,
        "name": source.name,
        "feed_url": source.feed_url,
        "site_url": source.site_url,
        "api_url": source.api_url,
        "kind": source.kind,
        "enabled": source.enabled,
        "story_count": source.story_count,
        "last_fetched_at": iso_utc(source.last_fetched_at) if source.last_fetched_at else None,
        "last_error": source.last_error,
        "retry_after": iso_utc(source.retry_after) if source.retry_after else None,
        "full_articles": source.full_articles,
    }


def cmd_list(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    sources = library.sources.list()
    if args.json:
        print_json([_as_json(s) for s in sources])
        return EXIT_OK
    now = dt.datetime.now(dt.UTC)
    for s in sources:
        state = "on " if s.enabled else "off"
        line = f"{s.id:>4}  {state}  {s.name}  <{s.feed_url}>  {plural(s.story_count, 'story', 'stories')}"
        if s.full_articles != "automatic":
            line += f"  (full articles: {s.full_articles})"
        if s.retry_after and s.retry_after > now:
            line += f"  — waiting until {s.retry_after:%Y-%m-%d %H:%M} UTC"
        elif s.last_error:
            line += f"  — last sync failed: {s.last_error}"
        print(line)
    return EXIT_OK


def cmd_add(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from reader.core.sync.fetch import SourceError  # only this command needs the network's errors

    url = library.sources.check_url(args.url)  # not an http(s) address: bad input, exit 2
    try:
        source = library.sources.add(url, args.name, discover_feed=not args.no_discover).value
    except SourceError as error:  # the site could not be read or offers no feed: nothing added
        print(f"steppe: cannot add {url}: {error.cause}", file=sys.stderr)
        return EXIT_FAILED
    print(
        f"Added {source.id}: {source.name} <{source.feed_url}>"
        + (" (WordPress API)" if source.api_url else "")
    )
    return EXIT_OK


def cmd_remove(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    source = library.sources.find(args.id)
    removed = library.sources.remove(source.id).value
    print(f"Removed {source.name} and its {plural(removed, 'story', 'stories')}")
    return EXIT_OK


def cmd_rename(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    library.sources.rename(library.sources.find(args.id).id, args.name)
    return EXIT_OK


def cmd_toggle(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    library.sources.set_enabled(library.sources.find(args.id).id, args.enabled)
    return EXIT_OK


def cmd_full_articles(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    source = library.sources.find(args.id)
    library.articles.set_mode(source.id, args.mode)
    print(f"{source.name}: full articles {args.mode}")
    return EXIT_OK


def cmd_import(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    added, known = library.sources.import_opml(args.file).value
    print(f"Imported {added} new source{'' if added == 1 else 's'} ({known} already there or unusable)")
    return EXIT_OK


def cmd_export(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    count = library.sources.export_opml(args.file)
    print(f"Wrote {plural(count, 'source')} to {args.file}")
    return EXIT_OK
