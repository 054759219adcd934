"""The storage layer's one writer, and the Changes every write of the Library returns."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, select
from sqlalchemy.dialects.sqlite import insert

from reader.core.library import Library
from reader.core.models import Meta
from reader.core.types import Changes, StoryQuery


def test_every_write_runs_on_the_one_writer_thread_whoever_asks(library: Library) -> None:
    storage = library._storage
    writers: set[int] = set()

    def write(n: int) -> int:
        def change(conn: Connection) -> int:
            writers.add(threading.get_ident())
            conn.execute(insert(Meta).values(key=f"test.{n}", value=str(n)))
            return threading.get_ident()

        return storage.write(change)

    with ThreadPoolExecutor(max_workers=8) as pool:
        idents = set(pool.map(write, range(200)))
    assert len(writers) == 1 and idents == writers  # 200 writes from 8 threads, one writer
    assert threading.get_ident() not in writers
    with storage.read() as conn:
        assert conn.execute(select(func.count()).where(Meta.key.like("test.%"))).scalar_one() == 200


def test_a_write_inside_a_write_joins_it_and_fails_with_it(library: Library) -> None:
    storage = library._storage

    def outer(conn: Connection) -> None:
        conn.execute(insert(Meta).values(key="outer", value="1"))
        storage.write(lambda inner: inner.execute(insert(Meta).values(key="inner", value="1")))
        raise RuntimeError("roll back both")

    with pytest.raises(RuntimeError, match="roll back both"):
        storage.write(outer)
    with storage.read() as conn:
        assert conn.execute(select(Meta.key).where(Meta.key.in_(["outer", "inner"]))).all() == []


def test_writes_say_what_they_changed(library: Library) -> None:
    story = library.stories.page(StoryQuery(), limit=1).stories[0].id
    assert library.stories.mark_read(story) == Changes(read_state=True, story_ids=frozenset({story}))
    toggled = library.bookmarks.toggle(story)
    assert toggled.value is True and toggled.changes.bookmarks and toggled.changes.story_ids == {story}
    saved = library.saved_searches.save("Mine", StoryQuery(countries=("KZ",)))
    assert saved.value.name == "Mine" and saved.changes == Changes(saved_searches=True)
    assert library.saved_searches.remove(saved.value.id).saved_searches
    source = library.sources.add_known("https://example.test/feed/", "A feed")
    assert source.changes.sources and not source.changes.stories
    removed = library.sources.remove(source.value.id)
    assert removed.value == 0 and removed.changes.stories and removed.changes.sources
    setting = library.settings.set_named("sync.interval_minutes", 15)
    assert setting.settings and setting.setting_names == {"sync.interval_minutes"}
    assert not Changes() and bool(Changes(rates=True))
    assert (Changes(stories=True) | Changes(story_ids=frozenset({1}))) == Changes(
        stories=True, story_ids=frozenset({1})
    )


def test_opening_a_library_imports_no_network_numpy_or_export_code() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tempfile, pathlib\n"
        "from reader.core.library import Library\n"
        "from reader.core.types import StoryQuery\n"
        "with tempfile.TemporaryDirectory() as d:\n"
        "    with Library(pathlib.Path(d)) as lib:\n"
        "        lib.stories.page(StoryQuery()); lib.stories.facets(); lib.state()\n"
        "heavy = ('httpx', 'numpy', 'feedparser', 'ebooklib', 'reader.core.export', 'reader.core.ratesync')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_read_beside_runs_on_the_reading_thread_and_hands_back_its_result(library: Library) -> None:
    storage = library._storage

    def count(conn: Connection) -> tuple[str, int]:
        return threading.current_thread().name, conn.execute(
            select(func.count()).select_from(Meta)
        ).scalar_one()

    with storage.read() as conn:
        expected = conn.execute(select(func.count()).select_from(Meta)).scalar_one()
    futures = [storage.beside(count) for _ in range(3)]
    results = [f.result(timeout=10) for f in futures]
    assert {n for _name, n in results} == {expected} and expected > 0
    assert all(name.startswith("steppe-read") for name, _n in results)
    assert threading.current_thread().name not in {name for name, _n in results}


def test_a_read_beside_fails_to_whoever_takes_its_result(library: Library) -> None:
    def broken(conn: Connection) -> None:
        raise LookupError("not there")

    future = library._storage.beside(broken)
    with pytest.raises(LookupError, match="not there"):
        future.result(timeout=10)
    assert library._storage.beside(lambda conn: 7).result(timeout=10) == 7  # the thread is still there


def test_closing_finishes_a_read_beside_first(data_dir: Path) -> None:
    started = threading.Event()

    def slow(conn: Connection) -> int:
        started.set()
        threading.Event().wait(0.2)
        return int(conn.execute(select(func.count()).select_from(Meta)).scalar_one())

    library = Library(data_dir)
    future = library._storage.beside(slow)
    assert started.wait(10)
    library.close()
    assert future.done() and future.result() > 0
