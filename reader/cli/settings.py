"""`steppe settings list|get|set|reset`: the typed settings the window and the core share."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from reader.cli.common import EXIT_OK, print_json

if TYPE_CHECKING:
    from reader.core.library import Library


def register(commands: Any) -> None:
    settings = commands.add_parser(
        "settings",
        help="list, show or change the settings (sync interval, retention, rates providers, …)",
        description="Every setting has a type and allowed values; a value that does not fit is refused "
        "with a message saying what does.",
    )
    actions = settings.add_subparsers(dest="settings_command", metavar="list|get|set|reset")
    actions.required = True
    listing = actions.add_parser("list", help="every setting with its value, default and what it does")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_list)
    get = actions.add_parser("get", help="one setting's value")
    get.add_argument("name")
    get.add_argument("--json", action="store_true")
    get.set_defaults(handler=cmd_get)
    change = actions.add_parser("set", help="change a setting (lists: comma-separated)")
    change.add_argument("name")
    change.add_argument("value")
    change.set_defaults(handler=cmd_set)
    reset = actions.add_parser("reset", help="put a setting back to its default")
    reset.add_argument("name")
    reset.set_defaults(handler=cmd_reset)


def _row(library: Library, name: str) -> dict[str, Any]:
    current = library.settings.value(name)
    option = current.option
    return {
        "name": option.name,
        "value": option.to_json(current.value),
        "default": option.to_json(option.default),
        "is_default": current.is_default,
        "type": option.kind,
        "description": option.description,
    }


def cmd_list(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    values = library.settings.all()
    if args.json:
        print_json([_row(library, v.option.name) for v in values])
        return EXIT_OK
    for v in values:
        mark = "" if v.is_default else "  (changed)"
        print(f"{v.option.name} = {v.text}{mark}")
        print(f"    {v.option.description}; {v.option.kind}")
    return EXIT_OK


def cmd_get(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    if args.json:
        print_json(_row(library, args.name))
    else:
        print(library.settings.value(args.name).text)
    return EXIT_OK


def cmd_set(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    library.settings.set_text(args.name, args.value)
    print(f"{args.name} = {library.settings.value(args.name).text}")
    return EXIT_OK


def cmd_reset(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    library.settings.reset(args.name)
    print(f"{args.name} = {library.settings.value(args.name).text} (the default)")
    return EXIT_OK
