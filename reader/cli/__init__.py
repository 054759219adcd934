"""The `steppe` command: the window by default, and scriptable subcommands over the same core.

Each module of this package registers its subcommands (`register(commands)`), setting a
`handler` that receives the open Library (and, for `steppe stories`, a `without_library` that
may answer first, from reader.core.first_page). The JSON printed with --json is a contract that
later tools and tests rely on. Qt is imported only when the window opens, so the subcommands run
without a display; the core (SQLAlchemy, the models) only once a subcommand opens the Library,
so `steppe --version` and `--help` start in a few hundredths of a second
(tests/test_cli_imports.py checks what each command loads).

No traceback reaches the user: an error the user or the environment caused (a bad path, a full
disk, an unusable database) is one `steppe: …` line and exit 2; a bug of ours is one line naming
the log that holds the traceback, and exit 70 (common.py lists the codes).
"""

from __future__ import annotations

import argparse
import logging
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import __version__
from reader.cli.common import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    GuardedOutput,
    Parser,
    check_text_arguments,
    fail,
    silence_stdout,
)
from reader.core.errors import DatabaseCorrupt, ReaderError, describe_os_error
from reader.core.paths import DATA_DIR_ENV, default_data_dir


def _top_options(parser: argparse.ArgumentParser) -> None:
    """The options before any command, the same in the full parser and the window's."""
    parser.add_argument("--version", action="version", version=f"steppe {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help=f"folder of the local cache (default: ${DATA_DIR_ENV} or the platform's user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    # Each command module registers its subcommands (imported here: the window needs none of them).
    from reader.cli import (
        articles,
        bookmarks,
        desktop,
        export,
        rates,
        repair,
        search,
        settings,
        status,
        stories,
    )
    from reader.cli import sync as sync_cli

    parser = Parser(
        prog="steppe",
        description="Steppe Reader: news from Central Asia with the currency rates that shape it. "
        "With no command, opens the window.",
    )
    _top_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in (
        stories,
        rates,
        bookmarks,
        export,
        sync_cli,
        repair,
        settings,
        search,
        articles,
        status,
        desktop,
    ):
        module.register(commands)
    return parser


def window_arguments(arguments: Sequence[str]) -> argparse.Namespace | None:
    """The arguments, when all they do is open the window (none, or --data-dir DIR; --version
    answers here too): read by the top-level options alone, so the window's start imports and
    registers no command. None for anything else (a command, --help, an unknown option), which
    the full parser reads."""
    top = Parser(prog="steppe", add_help=False)
    _top_options(top)
    args, rest = top.parse_known_args(arguments)  # a usage error exits as the full parser's would
    if rest:
        return None
    args.command = None
    return args


def damaged_message(exc: DatabaseCorrupt, data_dir: Path | None) -> str:
    """What to do about a damaged database, with the --data-dir the user gave (else `steppe
    repair` would look at the default folder)."""
    where = f"--data-dir {shlex.quote(str(data_dir))} " if data_dir is not None else ""
    return (
        f'the database {exc.path} is damaged; run "steppe {where}repair" to keep it aside and start '
        "fresh (bookmarks are restored from the backup)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        window = window_arguments(arguments)
        parser = build_parser() if window is None else Parser(prog="steppe")
        args = parser.parse_args(arguments) if window is None else window
        check_text_arguments(args, parser)
    except SystemExit as exc:  # --help, --version, or a usage error in one line (Parser.error)
        return int(exc.code or 0)
    # SQLAlchemy's pool logs a connection reset that Ctrl-C interrupted; with no handler of ours
    # yet, logging's last resort would print that traceback to the terminal.
    logging.getLogger("sqlalchemy").addHandler(logging.NullHandler())
    stdout = sys.stdout
    sys.stdout = GuardedOutput(stdout)
    try:
        if args.command is None:
            from reader.ui.app import run_app  # Qt only for the window

            return run_app(args.data_dir)
        code = _run(args, parser)
        sys.stdout.flush()
        return code
    except SystemExit as exc:  # a usage error found by a command (an unknown country...)
        return int(exc.code or 0)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED  # Ctrl-C: the open transaction rolled back; nothing to say
    except BrokenPipeError:  # `steppe stories | head`
        silence_stdout()
        return EXIT_OK
    except DatabaseCorrupt as exc:
        return fail(damaged_message(exc, args.data_dir))
    except ReaderError as exc:
        return fail(str(exc))
    except OSError as exc:  # the environment's fault that no layer below put in words
        return fail(describe_os_error(exc))
    except Exception as exc:  # a bug: one line for the user, the traceback in the log
        from reader.core.crashlog import describe_bug, report_internal_error

        log = report_internal_error(exc, args.data_dir or default_data_dir(), arguments)
        return fail(f"internal error: {describe_bug(exc)} (details in {log})", EXIT_INTERNAL)
    finally:
        sys.stdout = stdout


def _run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not getattr(args, "opens_library", True):  # `steppe repair` opens the database itself
        return int(args.handler(args.data_dir, args))
    quick = getattr(args, "without_library", None)  # a command that can answer before the Library opens
    if quick is not None and (code := quick(args)) is not None:
        return int(code)
    # Imported here, not at the top: `steppe --version` and `--help` load no SQLAlchemy.
    from reader.cli.cache_upgrade import upgrade_if_behind
    from reader.core.library import Library
    from reader.core.logs import setup_logging

    upgrade_if_behind(args.data_dir)  # a cache from an older version: one line while it converts
    with Library(args.data_dir) as library:
        setup_logging(library.data_dir)  # tracebacks to the log file, never the terminal
        return int(args.handler(library, args, parser))


def gui_main() -> int:
    """Entry point of the `steppe-reader` launcher: always the window."""
    arguments = sys.argv[1:]
    args = window_arguments(arguments) or build_parser().parse_args(arguments)
    from reader.ui.app import run_app

    return run_app(args.data_dir)
