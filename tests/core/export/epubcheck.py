"""epubcheck, the EPUB conformance checker, run on a book a test wrote (Debian's package)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def _command() -> list[str] | None:
    tool = shutil.which("epubcheck")
    if tool is None:
        return None
    # Debian ships the jar itself as /usr/bin/epubcheck (run through binfmt when that is set up).
    with open(tool, "rb") as handle:
        is_jar = handle.read(2) == b"PK"
    return ["java", "-jar", tool] if is_jar else [tool]


COMMAND = _command()
needs_epubcheck = pytest.mark.skipif(COMMAND is None, reason="needs epubcheck (installed by .ci/run)")


def assert_valid_epub(book: Path) -> None:
    """epubcheck finds no fatal error, no error and no warning in `book`."""
    assert COMMAND is not None
    check = subprocess.run(
        [*COMMAND, str(book)], capture_output=True, text=True, env={**os.environ, "LC_ALL": "C.UTF-8"}
    )
    report = check.stdout + check.stderr  # English messages; UTF-8 so Java can open any path
    assert check.returncode == 0, report
    assert "No errors or warnings detected" in report, report
