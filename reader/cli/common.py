"""Helpers shared by the subcommands: argument types, JSON printing, exit codes, error lines."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import sys
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any, NoReturn

from reader.core.errors import ReaderError, describe_os_error

if TYPE_CHECKING:
    from reader.core.library import Library

# Exit codes (README, "Command line"): 0 done; 1 some of the work failed (a sync source, a
# rates provider); 2 bad input or an environment that stops us (a bad path, a full disk, an
# unusable database) — always with one `steppe: …` line; 70 a bug of ours (EX_SOFTWARE of
# sysexits.h), the traceback in the log; 130 interrupted by Ctrl-C (128 + SIGINT).
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130

# SQLite stores integers in 64 bits; a larger id would be an OverflowError, not "no such story".
MAX_ID = 2**63 - 1
MAX_LIMIT = 1_000_000_000

# A subcommand: (library, parsed args, the parser for error messages) -> exit code.
Handler = Callable[["Library", argparse.Namespace, argparse.ArgumentParser], int]


class Parser(argparse.ArgumentParser):
    """argparse with its usage errors said in the `steppe: …` line every other error uses."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{error_line(message)} (see `{self.prog} --help`)\n")


def error_line(message: str) -> str:
    """`steppe: message` on one line, whatever the message holds."""
    return "steppe: " + " ".join(message.splitlines())


def fail(message: str, code: int = EXIT_USAGE) -> int:
    print(error_line(message), file=sys.stderr)
    return code


def date_arg(text: str) -> dt.date:
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None
    # A day either side must exist too: a range ending 9999-12-31 would end on a day that cannot be.
    if not dt.date.min < value < dt.date.max:
        raise argparse.ArgumentTypeError(f"{text} is outside the dates 0001-01-02 … 9999-12-30")
    return value


def _whole_number(text: str, low: int, high: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{what} must be a whole number, not {text!r}") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{what} must be between {low} and {high}, not {value}")
    return value


def positive_int(text: str) -> int:
    return _whole_number(text, 1, MAX_LIMIT, "the number")


def id_arg(text: str) -> int:
    """A story id: a whole number SQLite can hold (an unknown one is StoryNotFound later)."""
    return _whole_number(text, 1, MAX_ID, "a story id")


def iso_utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def to_json(value: Any) -> str:
    """Always valid JSON: a non-finite float (which json.dumps would write as the non-JSON
    `Infinity` or `NaN`) becomes null."""
    return json.dumps(_finite(value), ensure_ascii=False, indent=2, allow_nan=False)


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def print_json(value: Any) -> None:
    sys.stdout.write(to_json(value) + "\n")


def check_text_arguments(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """Refuse text that is not UTF-8 (Python hands such bytes on as lone surrogates, which the
    database cannot store). Paths are exempt: any bytes make a valid file name."""
    for name, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str) and not _is_utf8(item):
                parser.error(f"the text given for {name.replace('_', '-')} is not valid UTF-8")


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class OutputError(ReaderError):
    """Standard output cannot be written (redirected to a full disk, a closed device...)."""


class GuardedOutput:
    """sys.stdout for the length of a command: a failing write is an OutputError (one line,
    exit 2) rather than a traceback at exit, and text the terminal cannot encode (a file name
    of arbitrary bytes) is escaped rather than fatal."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            try:
                return self._stream.write(text)
            except UnicodeEncodeError:
                encoding = getattr(self._stream, "encoding", None) or "utf-8"
                return self._stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"cannot write the output: {describe_os_error(exc)}") from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(f"cannot write the output: {describe_os_error(exc)}") from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def silence_stdout() -> None:
    """After a broken pipe (`steppe stories | head`), point stdout at /dev/null so Python's
    final flush does not complain about the reader that went away."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
        os.close(devnull)
    except (OSError, ValueError):
        pass
