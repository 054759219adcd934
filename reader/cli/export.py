"""`steppe export`: stories to Markdown, HTML, PDF, EPUB, JSON or CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.cli.common import EXIT_OK, id_arg
from reader.cli.search import ensure_search_index
from reader.cli.stories import add_filter_arguments, query_from_args
from reader.core.types import ExportFormat, ExportScope

if TYPE_CHECKING:
    from reader.core.library import Library


def register(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help="export stories (the filtered ones, bookmarks, or by id) to a file",
        description="Export stories. With no filter, every story is exported; --bookmarked exports the "
        "bookmarks. Markdown goes to one file (PATH ending .md) or a folder (any other PATH).",
    )
    export.add_argument(
        "--format", "-f", required=True, choices=[f.value for f in ExportFormat], help="the file format"
    )
    export.add_argument("-o", "--output", required=True, type=Path, metavar="PATH", help="where to write")
    export.add_argument(
        "--id", type=id_arg, action="append", default=[], metavar="ID", help="this story; repeatable"
    )
    export.add_argument("--view", metavar="NAME", help="the stories of a saved search")
    export.add_argument("--force", action="store_true", help="replace PATH if it exists")
    add_filter_arguments(export)
    export.set_defaults(handler=cmd_export)


def cmd_export(library: Library, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    fmt = ExportFormat(args.format)
    if args.id:
        for story_id in args.id:
            library.stories.get(story_id)  # an unknown id is a clear error before anything is written
        scope = ExportScope(story_ids=tuple(dict.fromkeys(args.id)))
    elif args.view:
        scope = ExportScope(query=library.saved_searches.get(args.view).query)
    else:
        scope = ExportScope(query=query_from_args(library, args, parser))
    if scope.query is not None and scope.query.text.strip():
        ensure_search_index(library)
    show = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if show:
            print(f"\rExporting {done}/{total}…", end="", file=sys.stderr, flush=True)

    result = library.export.run(fmt, args.output, scope, force=args.force, progress=progress)
    if show:
        print(file=sys.stderr)
    print(f"Exported {result.count} stor{'y' if result.count == 1 else 'ies'} to {result.path}")
    return EXIT_OK
