"""What a command loads: `steppe --version` and `steppe stories` start without Qt, numpy or the
chart code (--version and an unfiltered listing without SQLAlchemy, a filtered one without its
ORM), so scripts and CLI tests do not pay for the window.

Each command runs in a fresh interpreter (a test process has long since imported everything);
the child prints which of the watched packages ended up in sys.modules. Speed itself is measured
by bench/bench_cli.py, not here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

WATCHED = (
    "PySide6", "numpy", "pyqtgraph", "sqlalchemy", "sqlalchemy.orm", "alembic", "httpcore", "feedparser", "nh3",
    "reader.core.search.index", "reader.core.search.engine", "reader.core.search.query",
    "reader.core.country_tags",
)  # fmt: skip
# The search engine and its tokeniser (the stemmer's tables, the alias table): loaded by a search.
SEARCH_CODE = {"reader.core.search.index", "reader.core.search.engine", "reader.core.search.query"}

PROBE = """
import contextlib, io, json, sys
from reader.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(io.StringIO()):
    code = main(sys.argv[2:])
watched = set(json.loads(sys.argv[1]))
loaded = sorted(name for name in watched if name in sys.modules)  # a package is there with any part
print(json.dumps({"code": code, "loaded": loaded, "out": out.getvalue()}))
"""


def run_command(*argv: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(WATCHED), *argv],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_version_loads_neither_qt_nor_the_core() -> None:
    result = run_command("--version")
    assert result["code"] == 0
    assert result["loaded"] == []


def test_help_loads_neither_qt_nor_the_core() -> None:
    result = run_command("stories", "--help")
    assert result["code"] == 0
    assert "--limit" in str(result["out"])
    assert result["loaded"] == []


@pytest.mark.parametrize("extra", [(), ("--json",), ("--search", "bishkek"), ("--country", "KZ", "--unread")])
def test_stories_loads_no_qt_numpy_chart_or_network_code(tmp_path: Path, extra: tuple[str, ...]) -> None:
    # The first run builds the cache (Alembic, and the bundled stories sanitised by nh3); what is
    # measured is a command on a cache that exists, as every later call finds it.
    assert run_command("--data-dir", str(tmp_path), "stories", "--count")["code"] == 0
    result = run_command("--data-dir", str(tmp_path), "stories", "--limit", "1", *extra)
    assert result["code"] == 0
    if not extra:
        assert str(result["out"]).strip(), "the bundled sample stories are listed"
    loaded = set(result["loaded"])  # type: ignore[call-overload]
    assert not loaded & {"PySide6", "numpy", "pyqtgraph", "alembic", "httpcore", "feedparser"}
    if extra in ((), ("--json",)):
        # No filter, on a settled cache: read like the window's first rows (tests/test_cli_quick.py).
        assert not loaded & {"sqlalchemy", "reader.core.library", "reader.core.storage", "reader.core.models"}
    else:
        assert "sqlalchemy" in loaded  # the probe sees what the command loads
    assert "sqlalchemy.orm" not in loaded  # the tables are declared in Core (reader/core/models.py)
    if "--search" in extra:
        assert loaded >= SEARCH_CODE  # the probe sees the search code when a search needs it
    else:
        assert not loaded & SEARCH_CODE  # listing and filtering need no tokeniser
    # Whether the cache needs re-tagging is read from reader.core.tagger_version, not the tagger;
    # titles are cleaned with html_to_text, which needs no sanitiser.
    assert not loaded & {"reader.core.country_tags", "nh3"}


# What the first paint does not need: SQLAlchemy and the Library (the first rows are read with the
# standard library's sqlite3, reader.core.first_page), the chart, the network, the sanitiser and
# the extractors, the exporters, the sync. Each loads with the first use of what needs it.
NOT_BEFORE_THE_FIRST_PAINT = (
    "sqlalchemy", "reader.core.library", "reader.core.storage", "reader.core.stories", "reader.core.models",
    "numpy", "pyqtgraph", "reader.ui.rate_chart", "httpx", "httpcore", "h11", "feedparser", "lxml",
    "trafilatura", "nh3", "alembic", "sqlalchemy.orm", "reader.core.export", "reader.core.html",
    "reader.core.story_html", "reader.core.articles.extract", "reader.core.articles.service",
    "reader.core.sync.ingest", "reader.core.search.highlight", "html.parser", *sorted(SEARCH_CODE),
    "logging.handlers", "reader.core.repair",  # the log file opens with the Library; repair on a damaged cache
)  # fmt: skip


def test_the_window_modules_load_no_chart_network_or_export_code() -> None:
    """The window paints its first rows before SQLAlchemy and the Library load (reader.ui.app),
    and before pyqtgraph and numpy load (~0.3 s): the rates panel builds its
    chart when the chart's data arrive, and the chart's module is imported off the GUI thread; the
    HTTP client, nh3 and the exporters (about 0.1 s more) load when they are first used."""
    probe = (
        "import json, sys\n"
        "import reader.cli, reader.ui.app, reader.ui.main_window, reader.core.first_page\n"
        f"print(json.dumps(sorted(m for m in {NOT_BEFORE_THE_FIRST_PAINT!r} if m in sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(done.stdout) == []


@pytest.mark.parametrize(
    ("arguments", "opens_the_window"),
    [
        ([], True),
        (["--data-dir", "/tmp/x"], True),
        (["--data-dir=/tmp/x"], True),
        (["--data", "/tmp/x"], True),  # argparse's abbreviation, as the full parser takes it
        (["stories"], False),
        (["--data-dir", "/tmp/x", "stories", "--limit", "1"], False),
        (["--help"], False),
        (["-h"], False),
        (["--no-such-option"], False),
    ],
)
def test_only_the_windows_arguments_skip_the_commands(arguments: list[str], opens_the_window: bool) -> None:
    from reader.cli import window_arguments

    args = window_arguments(arguments)
    assert (args is not None) is opens_the_window
    if args is not None:
        assert args.command is None
        assert (args.data_dir is not None) is bool(arguments)


def test_the_window_and_version_import_no_command_module() -> None:
    """The window's start (and --version) reads the top-level options alone: no command module
    is imported or registered (~15 ms of building the parser, and each module's imports)."""
    probe = (
        "import contextlib, io, json, sys\n"
        "from reader.cli import main, window_arguments\n"
        "window_arguments(['--data-dir', '/tmp/x'])\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--version'])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('reader.cli.') and m != 'reader.cli.common')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(done.stdout) == []


def test_a_window_usage_error_is_one_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "steppe: argument --data-dir: expected one argument (see `steppe --help`)"
    ]
