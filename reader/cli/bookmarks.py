"""`steppe bookmarks` (list, edit, export, import, restore) and `steppe views` (saved searches)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.cli.common import EXIT_OK, id_arg, iso_utc, print_json
from reader.cli.stories import add_filter_arguments, query_from_args
from reader.core.types import BookmarkInfo, ImportReport
from reader.core.types.words import plural

if TYPE_CHECKING:
    from reader.core.library import Library


def register(commands: Any) -> None:
    bookmarks = commands.add_parser("bookmarks", help="list, edit, export, import or restore bookmarks")
    bookmarks.add_argument("--search", default="", metavar="Q", help="words in the title, note or tags")
    bookmarks.add_argument("--tag", metavar="TAG", help="only bookmarks with this tag")
    bookmarks.add_argument("--unread", action="store_true", help="only bookmarks not yet read")
    bookmarks.add_argument("--json", action="store_true", help="print JSON")
    bookmarks.set_defaults(handler=cmd_list)
    actions = bookmarks.add_subparsers(dest="action", metavar="ACTION")

    edit = actions.add_parser("edit", help="bookmark a story and set its note and tags")
    edit.add_argument("id", type=id_arg)
    edit.add_argument("--note", help="the note (an empty text removes it)")
    edit.add_argument("--tags", help='comma-separated tags, replacing the old ones ("" removes them)')
    edit.set_defaults(handler=cmd_edit)

    export = actions.add_parser("export", help="write every bookmark to a JSON file")
    export.add_argument("file", type=Path, metavar="FILE.json")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.set_defaults(handler=cmd_export)

    imp = actions.add_parser("import", help="merge bookmarks from a JSON file (no duplicates)")
    imp.add_argument("file", type=Path, metavar="FILE.json")
    imp.set_defaults(handler=cmd_import)

    restore = actions.add_parser("restore", help="merge the automatic backup in the data folder back in")
    restore.set_defaults(handler=cmd_restore)

    views = commands.add_parser("views", help="saved searches: list, save or remove")
    views.add_argument("--json", action="store_true", help="print JSON")
    views.set_defaults(handler=cmd_views)
    view_actions = views.add_subparsers(dest="action", metavar="ACTION")
    save = view_actions.add_parser("save", help="save these filters under NAME")
    save.add_argument("name")
    add_filter_arguments(save)
    save.add_argument("--replace", action="store_true", help="replace a saved search of that name")
    save.set_defaults(handler=cmd_view_save)
    remove = view_actions.add_parser("remove", help="remove a saved search")
    remove.add_argument("name")
    remove.set_defaults(handler=cmd_view_remove)


def bookmark_json(b: BookmarkInfo) -> dict[str, Any]:
    return {
        "id": b.story_id,
        "title": b.title,
        "url": b.url,
        "source": b.source_name,
        "published_at": iso_utc(b.published_at),
        "bookmarked_at": iso_utc(b.created_at),
        "note": b.note,
        "tags": list(b.tags),
        "is_read": b.is_read,
    }


def cmd_list(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    found = library.bookmarks.find(args.search, args.tag, unread_only=args.unread)
    if args.json:
        print_json([bookmark_json(b) for b in found])
        return EXIT_OK
    for b in found:
        tags = f"  #{' #'.join(b.tags)}" if b.tags else ""
        print(f"{b.story_id:>6} {b.published_at:%Y-%m-%d} {b.title}  [{b.source_name}]{tags}")
        if b.note:
            print(f"       — {b.note}")
    print(f"{len(found)} bookmark{'' if len(found) == 1 else 's'}")
    return EXIT_OK


def cmd_edit(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    tags = None if args.tags is None else [args.tags]
    library.bookmarks.edit(args.id, note=args.note, tags=tags)
    b = library.bookmarks.get(args.id)
    assert b is not None
    print(f"Story {args.id} bookmarked; note: {b.note or '(none)'}; tags: {', '.join(b.tags) or '(none)'}")
    return EXIT_OK


def cmd_export(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    count = library.bookmarks.export(args.file, force=args.force)
    print(f"Wrote {count} bookmark{'' if count == 1 else 's'} to {args.file}")
    return EXIT_OK


def _report(report: ImportReport) -> None:
    print(
        f"Bookmarks merged: {report.added} added, {report.merged} already here (tags joined), "
        f"{report.stories_created} brought back with their story, {report.skipped} skipped"
    )


def cmd_import(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    _report(library.bookmarks.import_file(args.file))
    return EXIT_OK


def cmd_restore(library: Library, _args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    _report(library.bookmarks.restore())
    return EXIT_OK


def cmd_views(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    views = library.saved_searches.all()
    if args.json:
        print_json(
            [
                {
                    "name": v.name,
                    "unread": v.unread_count,
                    "total": v.total_count,
                    "query": v.query.to_dict(),
                }
                for v in views
            ]
        )
        return EXIT_OK
    for v in views:
        print(f"{v.name}  ({v.unread_count} unread of {v.total_count})")
    if not views:
        print("No saved searches; save one with `steppe views save NAME --search …`")
    return EXIT_OK


def cmd_view_save(library: Library, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    saved = library.saved_searches.save(args.name, query_from_args(library, args, parser), args.replace).value
    print(f"Saved {saved.name!r}: {plural(library.stories.count(saved.query), 'story', 'stories')} match")
    return EXIT_OK


def cmd_view_remove(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    saved = library.saved_searches.get(args.name)
    library.saved_searches.remove(saved.id)
    print(f"Removed {saved.name!r}")
    return EXIT_OK
