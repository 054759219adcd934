"""Bad paths and a faulty environment, met through the real `steppe` entry point.

Each case is what a user can type or what a machine can do to us: a missing, file-as-folder,
device or unwritable destination, a NUL or an over-long name, a data folder that is a file, a
damaged, newer or locked database, malformed bookmark files, a full disk. Each must end in one
`steppe: …` line on stderr and exit 2 — never a traceback — and write or lose nothing.

The tests run as root in CI, where chmod stops nothing: an unwritable folder is /sys (sysfs
refuses new files to everyone), a folder that takes no files is /proc, a full disk is /dev/full
or RLIMIT_FSIZE.
"""

from __future__ import annotations

import errno
import json
import os
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.cli import stories as stories_cli
from reader.core.db import classify
from reader.core.errors import DatabaseCorrupt, StorageError, describe_os_error
from reader.core.library import Library
from reader.core.logs import log_path, shown_path, stop_logging
from reader.core.paths import DATABASE_NAME


@pytest.fixture(autouse=True)
def _no_log_left_open() -> Iterator[None]:
    """reader.cli.main() logs to the data folder it opened; close that file after each test."""
    yield
    stop_logging()


# -- the work folder every case gets ----------------------------------------------------------
#   t/data      a cache filled from the bundled data, with two bookmarks (and their backup)
#   t/afile     a regular file           t/folder   a folder holding the user's own file


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("seeded") / "data"
    with Library(data) as library:
        library.set_bookmarked(3, note="keep this")
        library.bookmarks.edit(5, tags=["rates", "UZ"])
    return data


@pytest.fixture
def t(seeded: Path, tmp_path: Path) -> Path:
    shutil.copytree(seeded, tmp_path / "data")
    (tmp_path / "afile").write_text("the user's own file\n", "utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "mine.txt").write_text("the user's own notes\n", "utf-8")
    return tmp_path


def snapshot(t: Path) -> dict[str, bytes | None]:
    """Every file under t except the cache's SQLite files (opening a cache touches its -shm)
    and its log folder, with its bytes; None for folders."""
    found: dict[str, bytes | None] = {}
    for path in sorted(t.rglob("*")):
        if path.parent == t / "data" and path.name.startswith(DATABASE_NAME):
            continue
        if path == t / "data" / "logs" or t / "data" / "logs" in path.parents:
            continue
        found[str(path.relative_to(t))] = path.read_bytes() if path.is_file() else None
    return found


def bookmarks_of(data: Path) -> list[tuple[int, str | None, tuple[str, ...]]]:
    with Library(data) as library:
        return sorted((b.story_id, b.note, b.tags) for b in library.bookmarks.find())


KEPT_BOOKMARKS = [(3, "keep this", ()), (5, None, ("rates", "UZ"))]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- the cases ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    argv: Callable[[Path], list[str]]  # after --data-dir t/data, unless it gives its own
    message: Callable[[Path], str]  # the one line on stderr
    setup: Callable[[Path], None] | None = None


def export_to(target: str, fmt: str = "json", *extra: str) -> Callable[[Path], list[str]]:
    return lambda t: ["export", "-f", fmt, "-o", target.format(t=t), *extra]


def cannot_write(target: str, reason: str) -> Callable[[Path], str]:
    return lambda t: f"steppe: cannot write {target.format(t=t)}: {reason.format(t=t)}"


LONG_NAME = "a" * 300 + ".json"
LONG_PATH = "/".join(["d" * 200] * 25) + "/out.json"  # > PATH_MAX (4096)

EXPORT_CASES = [
    Case(
        "export-missing-parent",
        export_to("{t}/missing/sub/out.json"),
        cannot_write("{t}/missing/sub/out.json", "the folder {t}/missing/sub does not exist"),
    ),
    Case(
        "export-under-a-file",
        export_to("{t}/afile/out.json"),
        cannot_write("{t}/afile/out.json", "{t}/afile is a file, not a folder"),
    ),
    Case(
        "export-deep-under-a-file",
        export_to("{t}/afile/x/y/out.csv", "csv"),
        cannot_write("{t}/afile/x/y/out.csv", "{t}/afile is a file, not a folder"),
    ),
    Case(
        "export-markdown-file-under-a-file",
        export_to("{t}/afile/notes.md", "md"),
        cannot_write("{t}/afile/notes.md", "{t}/afile is a file, not a folder"),
    ),
    Case(
        "export-json-onto-a-folder",
        export_to("{t}/folder"),
        cannot_write("{t}/folder", "that is a folder; give a file name inside it"),
    ),
    Case(
        "export-csv-onto-a-folder-with-force",
        export_to("{t}/folder", "csv", "--force"),
        cannot_write("{t}/folder", "that is a folder; give a file name inside it"),
    ),
    Case(
        "export-markdown-over-the-users-folder",
        export_to("{t}/folder", "md", "--force"),
        cannot_write(
            "{t}/folder",
            "the folder holds files of its own; only a folder of a Markdown export is replaced "
            "(choose a new or empty folder)",
        ),
    ),
    Case(
        "export-markdown-into-a-full-folder",
        export_to("{t}/folder", "md"),
        lambda t: f"steppe: {t}/folder already exists; use --force to replace it",
    ),
    Case(
        "export-over-a-file-without-force",
        export_to("{t}/afile", "html"),
        lambda t: f"steppe: {t}/afile already exists; use --force to replace it",
    ),
    Case(
        "export-onto-dev-full",
        export_to("/dev/full", "json", "--force"),
        cannot_write("/dev/full", "that is a device or a pipe, not a file; give a file name"),
    ),
    Case(
        "export-onto-dev-null",
        export_to("/dev/null", "csv", "--force"),
        cannot_write("/dev/null", "that is a device or a pipe, not a file; give a file name"),
    ),
    Case(
        "export-into-proc",
        export_to("/proc/steppe-out.json"),
        cannot_write("/proc/steppe-out.json", "the folder /proc does not take new files"),
    ),
    Case(
        "export-into-unwritable-sys",
        export_to("/sys/steppe-out.json"),
        cannot_write(
            "/sys/steppe-out.json", "permission denied: the folder /sys does not let you write in it"
        ),
    ),
    Case(
        "export-name-with-nul",
        export_to("{t}/out\x00.json"),
        cannot_write("{t}/out\\0.json", "the name contains a NUL character"),
    ),
    Case(
        "export-name-too-long",
        export_to("{t}/" + LONG_NAME),
        cannot_write("{t}/" + LONG_NAME, "the name is too long"),
    ),
    Case(
        "export-path-too-long",
        export_to("{t}/" + LONG_PATH),
        cannot_write("{t}/" + LONG_PATH, "the name is too long"),
    ),
    Case(
        "export-empty-path",
        export_to(""),
        cannot_write(".", "that is a folder; give a file name"),
    ),
    Case(
        "bookmarks-export-missing-parent",
        lambda t: ["bookmarks", "export", f"{t}/gone/marks.json"],
        cannot_write("{t}/gone/marks.json", "the folder {t}/gone does not exist"),
    ),
    Case(
        "bookmarks-export-into-proc",
        lambda t: ["bookmarks", "export", "/proc/marks.json"],
        cannot_write("/proc/marks.json", "the folder /proc does not take new files"),
    ),
]


def write(name: str, content: bytes | str) -> Callable[[Path], None]:
    def setup(t: Path) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        (t / name).write_bytes(data)

    return setup


def sparse(name: str, size: int) -> Callable[[Path], None]:
    def setup(t: Path) -> None:
        with (t / name).open("wb") as handle:
            handle.truncate(size)

    return setup


def import_file(name: str) -> Callable[[Path], list[str]]:
    return lambda t: ["bookmarks", "import", f"{t}/{name}" if name and not name.startswith("/") else name]


def cannot_read(name: str, reason: str) -> Callable[[Path], str]:
    def message(t: Path) -> str:
        shown = name if name.startswith("/") else f"{t}/{name}"
        return f"steppe: Cannot read bookmarks from {shown}: {reason}"

    return message


def bookmarks_doc(**fields: object) -> str:
    return json.dumps({"format": "steppe-bookmarks", "version": 1, "bookmarks": [], **fields})


def json_error(text: str) -> str:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return str(exc)
    raise AssertionError("valid JSON")


TRUNCATED = bookmarks_doc(bookmarks=[{"title": "A story about the Aral Sea"}])[:70]

IMPORT_CASES = [
    Case("import-missing-file", import_file("nothing.json"), cannot_read("nothing.json", "no such file")),
    Case(
        "import-under-a-file",
        import_file("afile/marks.json"),
        cannot_read("afile/marks.json", "a part of the path is a file, not a folder"),
    ),
    Case("import-a-folder", import_file("folder"), cannot_read("folder", "it is a folder, not a file")),
    Case(
        "import-dev-zero",
        import_file("/dev/zero"),
        cannot_read("/dev/zero", "it is a device or a pipe, not a file"),
    ),
    Case(
        "import-name-with-nul",
        import_file("marks\x00.json"),
        cannot_read("marks\\0.json", "the name contains a NUL character"),
    ),
    Case(
        "import-empty-file",
        import_file("empty.json"),
        cannot_read("empty.json", "not a JSON file (Expecting value: line 1 column 1 (char 0))"),
        write("empty.json", b""),
    ),
    Case(
        "import-truncated",
        import_file("cut.json"),
        cannot_read("cut.json", f"not a JSON file ({json_error(TRUNCATED)})"),
        write("cut.json", TRUNCATED),
    ),
    Case(
        "import-an-export-file",
        import_file("export.json"),
        cannot_read("export.json", 'not a Steppe bookmarks file (no "format": "steppe-bookmarks")'),
        write("export.json", json.dumps({"format": "steppe-export", "version": 1, "stories": []})),
    ),
    Case(
        "import-json-array",
        import_file("list.json"),
        cannot_read("list.json", 'not a Steppe bookmarks file (no "format": "steppe-bookmarks")'),
        write("list.json", "[1, 2, 3]"),
    ),
    Case(
        "import-newer-version",
        import_file("newer.json"),
        cannot_read("newer.json", "written by a newer Steppe Reader (version 7)"),
        write("newer.json", bookmarks_doc(version=7)),
    ),
    Case(
        "import-version-as-text",
        import_file("version.json"),
        cannot_read("version.json", '"version" must be a whole number, not "1"'),
        write("version.json", bookmarks_doc(version="1")),
    ),
    Case(
        "import-bookmarks-not-a-list",
        import_file("dict.json"),
        cannot_read("dict.json", '"bookmarks" must be a list of objects'),
        write("dict.json", bookmarks_doc(bookmarks={"title": "x"})),
    ),
    Case(
        "import-bookmarks-of-numbers",
        import_file("numbers.json"),
        cannot_read("numbers.json", '"bookmarks" must be a list of objects'),
        write("numbers.json", bookmarks_doc(bookmarks=[1, 2, 3])),
    ),
    Case(
        "import-nested-100k-deep",
        import_file("deep.json"),
        cannot_read("deep.json", "nested too deeply to be a bookmarks file"),
        write("deep.json", '{"format": "steppe-bookmarks", "version": 1, "bookmarks": ' + "[" * 100_000),
    ),
    Case(
        "import-50-mb-of-garbage",
        import_file("garbage.json"),
        cannot_read("garbage.json", "not a JSON file (Expecting value: line 1 column 1 (char 0))"),
        write("garbage.json", b"\x00steppe" * (50 * 1024 * 1024 // 7)),
    ),
    Case(
        "import-200-mb",
        import_file("huge.json"),
        cannot_read("huge.json", "it is 200 MB; a bookmarks file is at most 128 MB"),
        sparse("huge.json", 200 * 1024 * 1024),
    ),
    Case(
        "import-300k-tiny-objects",
        import_file("tiny.json"),
        cannot_read("tiny.json", "more than 200,000 bookmarks"),
        write("tiny.json", bookmarks_doc(bookmarks=[{}] * 300_000)),
    ),
    Case(
        "import-not-utf8",
        import_file("latin1.json"),
        cannot_read("latin1.json", "not a JSON file (it is not UTF-8 text)"),
        write("latin1.json", '{"format": "steppe-bookmarks", "title": "Almaty café"}'.encode("latin-1")),
    ),
]


def data_dir_is(target: str) -> Callable[[Path], list[str]]:
    return lambda t: ["--data-dir", target.format(t=t), "stories"]


def make_dirs(name: str) -> Callable[[Path], None]:
    return lambda t: (t / name).mkdir(parents=True)


DATA_DIR_CASES = [
    Case(
        "data-dir-is-a-file",
        data_dir_is("{t}/afile"),
        lambda t: f"steppe: The data folder is a file, not a folder ({t}/afile)",
    ),
    Case(
        "data-dir-is-the-database-file",
        data_dir_is("{t}/data/" + DATABASE_NAME),
        lambda t: (
            "steppe: The data folder is a file, not a folder (give the folder that holds "
            f"{DATABASE_NAME}) ({t}/data/{DATABASE_NAME})"
        ),
    ),
    Case(
        "data-dir-under-a-file",
        data_dir_is("{t}/afile/steppe"),
        lambda t: (
            f"steppe: The data folder cannot be made: {t}/afile is a file, not a folder ({t}/afile/steppe)"
        ),
    ),
    Case(
        "data-dir-in-proc",
        data_dir_is("/proc/steppe-data"),
        lambda t: "steppe: The data folder cannot be made or does not take new files (/proc/steppe-data)",
    ),
    Case(
        "data-dir-in-unwritable-sys",
        data_dir_is("/sys/steppe-data"),
        lambda t: "steppe: The data folder cannot be written: permission denied (/sys/steppe-data)",
    ),
    Case(
        "data-dir-with-nul",
        data_dir_is("{t}/da\x00ta"),
        lambda t: f"steppe: The data folder's name contains a NUL character ({t}/da\\0ta)",
    ),
    Case(
        "data-dir-name-too-long",
        data_dir_is("{t}/" + "d" * 300),
        lambda t: f"steppe: The data folder cannot be used: the name is too long ({t}/{'d' * 300})",
    ),
    Case(
        "database-is-a-folder",
        data_dir_is("{t}/other"),
        lambda t: f"steppe: A folder stands where the database file should be ({t}/other/{DATABASE_NAME})",
        make_dirs(f"other/{DATABASE_NAME}"),
    ),
]


def damage_header(t: Path) -> None:
    with (t / "data" / DATABASE_NAME).open("r+b") as handle:
        handle.write(b"\x00" * 100)


def from_the_future(t: Path) -> None:
    conn = sqlite3.connect(t / "data" / DATABASE_NAME)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()


DATABASE_CASES = [
    Case(
        "database-damaged",
        lambda t: ["stories"],
        lambda t: (
            f'steppe: the database {t}/data/{DATABASE_NAME} is damaged; run "steppe --data-dir '
            f'{t}/data repair" to keep it aside and start fresh (bookmarks are restored from the backup)'
        ),
        damage_header,
    ),
    Case(
        "database-newer",
        lambda t: ["bookmarks"],
        lambda t: (
            "steppe: This database was written by a newer Steppe Reader (schema 9999_from_the_future); "
            f"please update the app. The file was left untouched ({t}/data/{DATABASE_NAME})"
        ),
        from_the_future,
    ),
    Case(
        "repair-a-sound-database",
        lambda t: ["repair"],
        lambda t: (
            f"steppe: The database {t}/data/{DATABASE_NAME} is not damaged (SQLite's integrity check "
            "passes); nothing was changed"
        ),
    ),
    Case(
        "repair-an-empty-folder",
        lambda t: ["--data-dir", f"{t}/fresh", "repair"],
        lambda t: f"steppe: There is no database in {t}/fresh to repair",
    ),
]

ARGUMENT_CASES = [
    Case(
        "date-not-a-date",
        lambda t: ["stories", "--since", "2025-13-01"],
        lambda t: (
            "steppe: argument --since: not a date (YYYY-MM-DD): '2025-13-01' (see `steppe stories --help`)"
        ),
    ),
    Case(
        "date-at-the-end-of-time",
        lambda t: ["stories", "--until", "9999-12-31"],
        lambda t: (
            "steppe: argument --until: 9999-12-31 is outside the dates 0001-01-02 … 9999-12-30 "
            "(see `steppe stories --help`)"
        ),
    ),
    Case("unknown-story", lambda t: ["show", "99999"], lambda t: "steppe: No story with id 99999"),
    Case(
        "id-beyond-64-bits",
        lambda t: ["bookmark", "99999999999999999999"],
        lambda t: (
            "steppe: argument id: a story id must be between 1 and 9223372036854775807, not "
            "99999999999999999999 (see `steppe bookmark --help`)"
        ),
    ),
    Case(
        "id-not-a-number",
        lambda t: ["export", "-f", "json", "-o", f"{t}/out.json", "--id", "x1"],
        lambda t: (
            "steppe: argument --id: a story id must be a whole number, not 'x1' (see `steppe export --help`)"
        ),
    ),
    Case(
        "export-unknown-id",
        lambda t: ["export", "-f", "json", "-o", f"{t}/out.json", "--id", "4", "--id", "123456"],
        lambda t: "steppe: No story with id 123456",
    ),
    Case(
        "limit-zero",
        lambda t: ["stories", "--limit", "0"],
        lambda t: (
            "steppe: argument --limit: the number must be between 1 and 1000000000, not 0 "
            "(see `steppe stories --help`)"
        ),
    ),
    Case(
        "unknown-country",
        lambda t: ["stories", "--country", "Atlantis"],
        lambda t: "steppe: unknown country 'Atlantis'; use one of KG, KZ, TJ, TM, UZ (see `steppe --help`)",
    ),
    Case(
        "search-not-utf8",
        lambda t: ["stories", "--search", "caf\udce9"],  # what Python makes of a Latin-1 "café" in argv
        lambda t: "steppe: the text given for search is not valid UTF-8 (see `steppe --help`)",
    ),
    Case(
        "bad-search",
        lambda t: ["stories", "--search", '"unclosed'],
        lambda t: "steppe: Invalid search '\"unclosed': a quotation mark is not closed",
    ),
]

ALL_CASES = EXPORT_CASES + IMPORT_CASES + DATA_DIR_CASES + DATABASE_CASES + ARGUMENT_CASES


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_one_line_and_exit_2_and_nothing_written_or_lost(
    case: Case, t: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if case.setup is not None:
        case.setup(t)
    database = t / "data" / DATABASE_NAME
    before, database_before = snapshot(t), database.read_bytes()
    argv = case.argv(t)
    if "--data-dir" not in argv:
        argv = ["--data-dir", str(t / "data"), *argv]

    code, out, err = run(capsys, *argv)

    assert (code, err) == (2, case.message(t) + "\n")
    assert out == ""
    assert snapshot(t) == before  # no file made, changed or removed (no temp file left either)
    assert database.read_bytes() == database_before
    if case.setup not in (damage_header, from_the_future):
        assert bookmarks_of(t / "data") == KEPT_BOOKMARKS
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode) and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_bookmark_entries_of_the_wrong_types_are_skipped_or_cleaned(
    t: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file in the right format whose entries carry numbers, lists and objects where text
    belongs, or text that is not Unicode (lone surrogates): bad entries are skipped, odd fields
    dropped, and nothing reaches the database that it cannot store."""
    entries: list[object] = [
        {"title": 5, "feed_url": ["x"], "guid": {}, "published_at": "2025-01-01T00:00:00Z"},
        {"title": "Out of time", "feed_url": "https://x.test/feed", "guid": "g0",
         "published_at": "9999-12-31T23:00:00-05:00"},
        {"title": "Bishkek \ud800 transit", "feed_url": "https://x.test/feed", "guid": "g1",
         "published_at": "2025-01-01T00:00:00Z", "source_site_url": {"a": 1}, "author": 7,
         "note": "check \udcff", "tags": ["roads", 1, None, {"x": 1}, "KG \ud800"],
         "bookmarked_at": [2025], "content_html": ["<p>x</p>"], "summary": 3.5},
    ]  # fmt: skip
    (t / "odd.json").write_text(
        json.dumps({"format": "steppe-bookmarks", "version": 1, "bookmarks": entries}), "utf-8"
    )
    code, out, err = run(capsys, "--data-dir", str(t / "data"), "bookmarks", "import", str(t / "odd.json"))
    assert (code, err) == (0, "")
    assert (
        out
        == "Bookmarks merged: 0 added, 0 already here (tags joined), 1 brought back with their story, 2 skipped\n"
    )
    with Library(t / "data") as library:
        (added,) = [b for b in library.bookmarks.find() if b.story_id not in (3, 5)]
        assert (added.title, added.note, added.tags) == ("Bishkek ? transit", "check ?", ("KG ?", "roads"))
        assert library.story(added.story_id).author is None
    assert bookmarks_of(t / "data")[:2] == KEPT_BOOKMARKS


def test_a_locked_database_is_one_line_after_the_busy_timeout(
    t: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = sqlite3.connect(t / "data" / DATABASE_NAME, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, out, err = run(capsys, "--data-dir", str(t / "data"), "bookmark", "7")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (code, out) == (2, "")
    assert err == (
        "steppe: The database is in use by another Steppe Reader and stayed locked "
        f"({t}/data/{DATABASE_NAME})\n"
    )
    assert bookmarks_of(t / "data") == KEPT_BOOKMARKS


# -- through a real process: the guarantee that no traceback gets out --------------------------


def steppe(*argv: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "reader", *argv], stderr=subprocess.PIPE, text=True, timeout=120, **kwargs
    )


PROCESS_CASES = [
    c
    for c in ALL_CASES
    if c.id
    in {
        "export-under-a-file",
        "export-onto-dev-full",
        "export-into-unwritable-sys",
        "import-nested-100k-deep",
        "data-dir-is-a-file",
        "database-damaged",
        "date-at-the-end-of-time",
        "id-beyond-64-bits",
    }
]


@pytest.mark.parametrize("case", PROCESS_CASES, ids=[c.id for c in PROCESS_CASES])
def test_a_real_process_prints_one_line_and_no_traceback(case: Case, t: Path) -> None:
    if case.setup is not None:
        case.setup(t)
    argv = case.argv(t)
    if "--data-dir" not in argv:
        argv = ["--data-dir", str(t / "data"), *argv]
    result = steppe(*argv)
    assert (result.returncode, result.stderr) == (2, case.message(t) + "\n")
    assert "Traceback" not in result.stdout + result.stderr


def test_output_to_a_full_disk_is_one_line(t: Path) -> None:
    with open("/dev/full", "w") as full:
        result = steppe("--data-dir", str(t / "data"), "stories", "--json", "--limit", "500", stdout=full)
    assert (result.returncode, result.stderr) == (2, "steppe: cannot write the output: the disk is full\n")


def test_output_into_a_closed_pipe_is_quiet(t: Path) -> None:
    many = [
        {"feed_url": "https://pipe.test/feed", "guid": f"p{i}", "title": f"Caravan report {i} from Termez",
         "published_at": "2025-04-01T06:00:00Z"}
        for i in range(1500)
    ]  # fmt: skip
    (t / "many.json").write_text(json.dumps({"format": "steppe-bookmarks", "version": 1, "bookmarks": many}))
    assert steppe("--data-dir", str(t / "data"), "bookmarks", "import", str(t / "many.json")).returncode == 0
    reader = subprocess.Popen(  # some 400 kB: far more than a pipe holds
        [
            sys.executable,
            "-m",
            "reader",
            "--data-dir",
            str(t / "data"),
            "stories",
            "--limit",
            "2000",
            "--json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.read(10)
    reader.stdout.close()  # `steppe stories | head -c 10`
    assert reader.wait(timeout=120) == 0
    assert reader.stderr.read() == b""


def _file_size_limit(size: int) -> Callable[[], None]:
    def limit() -> None:  # in the child: writes past `size` bytes fail with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def test_a_disk_that_fills_during_an_export_leaves_no_file(t: Path) -> None:
    target = t / "stories.json"
    before = snapshot(t)
    # 100 kB: the cache opens (its -shm needs 32 kB), the JSON of 48 stories does not fit.
    result = steppe(
        "--data-dir", str(t / "data"), "export", "-f", "json", "-o", str(target),
        preexec_fn=_file_size_limit(100_000),
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (
        2,
        f"steppe: cannot write {target}: the file grew too large; nothing was written\n",
    )
    assert snapshot(t) == before  # neither the file nor its temporary file is left


def stories_to_import(count: int, feed: str) -> dict[str, object]:
    """A bookmarks file of `count` stories this cache lacks, each some 5 kB of text."""
    entries = [
        {"feed_url": feed, "guid": f"g{i}", "title": f"Story {i} from Karakol",
         "published_at": "2025-03-01T08:00:00Z", "content_html": "<p>" + "Issyk-Kul shore. " * 300 + "</p>"}
        for i in range(count)
    ]  # fmt: skip
    return {"format": "steppe-bookmarks", "version": 1, "bookmarks": entries}


def test_a_disk_that_fills_during_a_database_write_changes_nothing(t: Path) -> None:
    marks = t / "marks.json"
    marks.write_text(json.dumps(stories_to_import(40, "https://full-disk.test/feed")), "utf-8")
    database_before = (t / "data" / DATABASE_NAME).read_bytes()
    # 40 kB: the cache opens (its -shm needs 32 kB); 200 kB of new stories do not fit in its log.
    result = steppe(
        "--data-dir", str(t / "data"), "bookmarks", "import", str(marks), preexec_fn=_file_size_limit(40_000)
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "steppe: The disk refused to read or write the database (is it full or removed?) "
        f"({t}/data/{DATABASE_NAME})\n"
    )
    assert (t / "data" / DATABASE_NAME).read_bytes() == database_before
    assert bookmarks_of(t / "data") == KEPT_BOOKMARKS


def test_ctrl_c_exits_130_quietly_and_rolls_back(t: Path) -> None:
    """Interrupted while importing 3,000 bookmarks (one transaction): no output, exit 130, and
    not one of them half-stored."""
    marks = t / "many.json"
    marks.write_text(json.dumps(stories_to_import(3000, "https://ctrl-c.test/feed")), "utf-8")
    wal = t / "data" / f"{DATABASE_NAME}-wal"
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "--data-dir", str(t / "data"), "bookmarks", "import", str(marks)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not (wal.exists() and wal.stat().st_size > 0) and process.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)  # until the import is writing
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert (process.returncode, out, err) == (130, "", "")
    assert bookmarks_of(t / "data") == KEPT_BOOKMARKS


# -- the safety net, and the words for what the tests cannot make happen -----------------------


def test_a_bug_is_one_line_exit_70_and_the_traceback_in_the_log(
    t: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The net only: every expected error above has its own message and never reaches it."""

    def broken(*_args: object) -> int:
        raise RuntimeError("a bug in a command")

    monkeypatch.setattr(stories_cli, "cmd_show", broken)
    code, out, err = run(capsys, "--data-dir", str(t / "data"), "show", "3")
    log = log_path(t / "data")
    assert (code, out) == (70, "")
    assert err == f"steppe: internal error: RuntimeError: a bug in a command (details in {shown_path(log)})\n"
    text = log.read_text("utf-8")
    assert "Traceback (most recent call last)" in text and "RuntimeError: a bug in a command" in text
    assert f"internal error in `steppe --data-dir {t / 'data'} show 3`" in text


def test_ctrl_c_inside_a_command_is_130_without_a_word(
    t: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(stories_cli, "cmd_show", interrupted)
    assert run(capsys, "--data-dir", str(t / "data"), "show", "3") == (130, "", "")


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "the disk is read-only"),
        (errno.EACCES, "permission denied"),
        (errno.EDQUOT, "the disk quota is used up"),
        (errno.EIO, "the disk reported an input/output error"),
    ],
)
def test_errno_in_plain_words(code: int, words: str) -> None:
    assert describe_os_error(OSError(code, os.strerror(code), "/media/usb/out.json")) == (
        f"{words} (/media/usb/out.json)"
    )
    assert describe_os_error(OSError(code, os.strerror(code), "/x"), "/x") == words


@pytest.mark.parametrize(
    ("code", "name", "expected"),
    [
        (13, "SQLITE_FULL", "The database cannot be written: the disk is full"),
        (8, "SQLITE_READONLY", "The database cannot be written: it is read-only"),
        (1032, "SQLITE_READONLY_DBMOVED", "The database cannot be written: it is read-only"),
        (14, "SQLITE_CANTOPEN", "The database file cannot be opened"),
        (26, "SQLITE_NOTADB", "The database file is damaged: file is not a database"),
    ],
)
def test_sqlite_errors_are_sorted_by_their_code(code: int, name: str, expected: str, tmp_path: Path) -> None:
    """Errors SQLite raises only on a full or read-only disk, built as SQLite builds them."""
    error = sqlite3.OperationalError("file is not a database" if code == 26 else "some words")
    error.sqlite_errorcode, error.sqlite_errorname = code, name  # type: ignore[attr-defined]
    sorted_error = classify(tmp_path, error)
    assert isinstance(sorted_error, StorageError)
    assert isinstance(sorted_error, DatabaseCorrupt) == (code == 26)
    assert str(sorted_error) == f"{expected} ({tmp_path})"
    bug = sqlite3.IntegrityError("UNIQUE constraint failed: story.guid")
    bug.sqlite_errorcode, bug.sqlite_errorname = 2067, "SQLITE_CONSTRAINT_UNIQUE"  # type: ignore[attr-defined]
    assert classify(tmp_path, bug) is None  # a bug of ours is not the environment's fault
