"""Helpers shared by the subcommands: argument types, JSON printing, exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from collections.abc import Callable
from typing import Any

from reader.core.library import Library

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

# A subcommand: (library, parsed args, the parser for error messages) -> exit code.
Handler = Callable[[Library, argparse.Namespace, argparse.ArgumentParser], int]


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


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
