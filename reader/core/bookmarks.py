"""Bookmarks that are never lost: notes, tags, a JSON backup rewritten on every change, and
export/import that merge by the story's identity rather than by cache ids.

A story is recognised across caches by its source's feed URL and its guid, falling back to its
URL. An imported bookmark whose story is not in this cache brings the story with it (title,
link, text), so restoring a backup into a fresh cache loses nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, delete, select, update
from sqlalchemy.dialects.sqlite import insert

from reader.core import search
from reader.core.errors import ReaderError, StoryNotFound, describe_os_error
from reader.core.models import Bookmark, BookmarkTag, Source, Story
from reader.core.storage import Storage
from reader.core.types import BookmarkInfo, Changes, ImportReport, Outcome

# A bookmarks file carries each story's text, so it may be large, but never this large; the
# limit keeps /dev/zero or a wrong multi-gigabyte file from filling the memory.
MAX_FILE_BYTES = 128 * 1024 * 1024
MAX_BOOKMARKS = 200_000
FORMAT = "steppe-bookmarks"
VERSION = 1
MAX_TAG_LENGTH = 64
T = TypeVar("T")


class BookmarkFileError(ReaderError, ValueError):
    """A bookmarks file that is not one Steppe wrote (or is damaged)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"Cannot read bookmarks from {path}: {reason}")
        self.path = path


class BookmarkBackupError(ReaderError, OSError):
    """The bookmark was saved in the cache, but its backup file could not be rewritten."""

    def __init__(self, message: str, changes: Changes) -> None:
        super().__init__(message)
        self.changes = changes  # what was saved all the same, so the views still refresh


def normalize_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, single-spaced, comma-split, without duplicates (case-insensitive), in order."""
    seen: dict[str, str] = {}
    for given in tags:
        for part in given.split(","):  # "a, b" typed in one box is two tags
            tag = " ".join(part.split())[:MAX_TAG_LENGTH]
            if tag and tag.casefold() not in seen:
                seen[tag.casefold()] = tag
    return tuple(seen.values())


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _parse_time(text: Any) -> dt.datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
        moment.astimezone(dt.UTC)  # 9999-12-31T23:00-05:00 has no UTC time
    except (ValueError, OverflowError):
        return None
    return moment


def _read_bounded(path: Path) -> bytes:
    """The bytes of a bookmarks file, refusing what is not a regular file or is too large to be one."""
    limit = _megabytes(MAX_FILE_BYTES)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise BookmarkFileError(path, "no such file") from None
    except ValueError:  # os.stat's answer to a NUL in the name
        shown = Path(os.fspath(path).replace("\x00", "\\0"))
        raise BookmarkFileError(shown, "the name contains a NUL character") from None
    except OSError as exc:
        raise BookmarkFileError(path, describe_os_error(exc, path)) from None
    if stat.S_ISDIR(st.st_mode):
        raise BookmarkFileError(path, "it is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):  # /dev/zero would never end
        raise BookmarkFileError(path, "it is a device or a pipe, not a file")
    if st.st_size > MAX_FILE_BYTES:
        raise BookmarkFileError(path, f"it is {_megabytes(st.st_size)}; a bookmarks file is at most {limit}")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise BookmarkFileError(path, describe_os_error(exc, path)) from None
    if len(raw) > MAX_FILE_BYTES:  # it grew while we looked
        raise BookmarkFileError(path, f"it is larger than {limit}")
    return raw


class _TooManyObjects(Exception):
    pass


class _ObjectCounter:
    """json's object_pairs_hook that stops a file of millions of tiny objects (`[{},{},…]`
    is 20 times its size in memory) long before it could fill the memory."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        self.count += 1
        if self.count > MAX_BOOKMARKS + 1:  # the entries and the document around them
            raise _TooManyObjects
        return dict(pairs)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def _shown(value: Any) -> str:
    text = json.dumps(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _text(value: Any) -> str | None:
    """A string field as SQLite can store it (JSON may carry lone surrogates), else None."""
    if not isinstance(value, str):
        return None
    return value.encode("utf-8", "replace").decode("utf-8")


_TEXT_FIELDS = (
    "feed_url", "guid", "url", "title", "author", "source", "source_site_url", "published_at",
    "bookmarked_at", "note", "summary", "content_html",
)  # fmt: skip


def _clean_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry with every known field of the right type: a field of another type (a number for
    a title, an object for a note) counts as missing rather than reaching the database."""
    clean: dict[str, Any] = {key: _text(entry.get(key)) for key in _TEXT_FIELDS}
    tags = entry.get("tags")
    clean["tags"] = [t for t in map(_text, tags) if t] if isinstance(tags, list) else []
    return clean


_CHANGED = Changes(bookmarks=True)


class Bookmarks:
    """The bookmarks part of the Library: marks, notes, tags, the backup, export and import.

    Every change and the backup it rewrites run together on the storage's writer thread, so
    backups are written in the order of the changes they record."""

    def __init__(self, storage: Storage, backup_path: Path) -> None:
        self._storage = storage
        self.backup_path = backup_path

    def _change(self, fn: Callable[[Connection], T], changes: Changes) -> T:
        """Run a write, then rewrite the backup; both on the writer thread."""

        def run() -> T:
            result = self._storage.write(fn)
            self._write_backup(changes)
            return result

        return self._storage.serially(run)

    # -- reading -------------------------------------------------------------------------

    def find(self, text: str = "", tag: str | None = None, unread_only: bool = False) -> list[BookmarkInfo]:
        """Bookmarks, newest bookmark first; `text` searches title, note and tags (plain words).

        Bookmarks are made one by one by a person, so the whole set is small enough to list.
        """
        with self._storage.read() as conn:
            rows = conn.execute(
                select(
                    Bookmark.id,
                    Bookmark.story_id,
                    Bookmark.created_at,
                    Bookmark.note,
                    Story.title,
                    Story.url,
                    Story.published_at,
                    Story.read_at,
                    Source.name,
                )
                .join(Story, Story.id == Bookmark.story_id)
                .join(Source, Source.id == Story.source_id)
                .order_by(Bookmark.created_at.desc(), Bookmark.id.desc())
            ).all()
            tags = self._tags_by_bookmark(conn)
        words = text.casefold().split()
        result = []
        for r in rows:
            item_tags = tags.get(r.id, ())
            if tag and tag.casefold() not in {t.casefold() for t in item_tags}:
                continue
            if unread_only and r.read_at is not None:
                continue
            haystack = " ".join((r.title, r.note or "", " ".join(item_tags), r.name)).casefold()
            if any(w not in haystack for w in words):
                continue
            result.append(
                BookmarkInfo(
                    story_id=r.story_id,
                    title=r.title,
                    url=r.url,
                    source_name=r.name,
                    published_at=r.published_at,
                    created_at=r.created_at,
                    note=r.note,
                    tags=item_tags,
                    is_read=r.read_at is not None,
                )
            )
        return result

    def get(self, story_id: int) -> BookmarkInfo | None:
        return next((b for b in self.find() if b.story_id == story_id), None)

    def tags(self) -> list[str]:
        with self._storage.read() as conn:
            tags = set(conn.execute(select(BookmarkTag.tag).distinct()).scalars())
        return sorted(tags, key=str.casefold)

    @staticmethod
    def _tags_by_bookmark(conn: Connection) -> dict[int, tuple[str, ...]]:
        tags: dict[int, list[str]] = {}
        for bookmark_id, tag in conn.execute(
            select(BookmarkTag.bookmark_id, BookmarkTag.tag).order_by(BookmarkTag.tag)
        ):
            tags.setdefault(bookmark_id, []).append(tag)
        return {k: tuple(sorted(v, key=str.casefold)) for k, v in tags.items()}

    # -- writing -------------------------------------------------------------------------

    def set(self, story_id: int, bookmarked: bool = True, note: str | None = None) -> Changes:
        """Bookmark a story (with a note, if given) or remove its bookmark."""

        def change(conn: Connection) -> None:
            if bookmarked:
                bookmark_id = self._ensure(conn, story_id)
                if note is not None:
                    conn.execute(update(Bookmark).where(Bookmark.id == bookmark_id).values(note=note))
            else:
                require = conn.execute(select(Story.id).where(Story.id == story_id)).first()
                if require is None:
                    raise StoryNotFound(story_id)
                conn.execute(delete(Bookmark).where(Bookmark.story_id == story_id))

        changes = Changes(bookmarks=True, story_ids=frozenset({story_id}))
        self._change(change, changes)
        return changes

    def toggle(self, story_id: int) -> Outcome[bool]:
        """Bookmark the story if it is not, else remove its bookmark; the value is the new state."""

        def change(conn: Connection) -> bool:
            marked = conn.execute(select(Bookmark.id).where(Bookmark.story_id == story_id)).first()
            if marked is None:
                self._ensure(conn, story_id)
            else:
                conn.execute(delete(Bookmark).where(Bookmark.story_id == story_id))
            return marked is None

        changes = Changes(bookmarks=True, story_ids=frozenset({story_id}))
        return Outcome(self._change(change, changes), changes)

    def edit(self, story_id: int, note: str | None = None, tags: Sequence[str] | None = None) -> Changes:
        """Bookmark the story if needed and set its note and/or tags (None leaves one as it is)."""

        def change(conn: Connection) -> None:
            bookmark_id = self._ensure(conn, story_id)
            if note is not None:
                conn.execute(
                    update(Bookmark).where(Bookmark.id == bookmark_id).values(note=note.strip() or None)
                )
            if tags is not None:
                conn.execute(delete(BookmarkTag).where(BookmarkTag.bookmark_id == bookmark_id))
                for tag in normalize_tags(tags):
                    conn.execute(insert(BookmarkTag).values(bookmark_id=bookmark_id, tag=tag))

        changes = Changes(bookmarks=True, story_ids=frozenset({story_id}))
        self._change(change, changes)
        return changes

    @staticmethod
    def _ensure(conn: Connection, story_id: int, created_at: dt.datetime | None = None) -> int:
        if conn.execute(select(Story.id).where(Story.id == story_id)).first() is None:
            raise StoryNotFound(story_id)
        conn.execute(
            insert(Bookmark)
            .values(story_id=story_id, created_at=created_at or dt.datetime.now(dt.UTC))
            .on_conflict_do_nothing(index_elements=[Bookmark.story_id])
        )
        return int(conn.execute(select(Bookmark.id).where(Bookmark.story_id == story_id)).scalar_one())

    # -- backup, export, import ------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        """Every bookmark with its story's identity and text, as written to backups and exports."""
        with self._storage.read() as conn:
            rows = conn.execute(
                select(
                    Bookmark.id,
                    Bookmark.created_at,
                    Bookmark.note,
                    Story.guid,
                    Story.url,
                    Story.title,
                    Story.author,
                    Story.published_at,
                    Story.summary,
                    Story.content_html,
                    Source.feed_url,
                    Source.name,
                    Source.site_url,
                )
                .join(Story, Story.id == Bookmark.story_id)
                .join(Source, Source.id == Story.source_id)
                .order_by(Bookmark.created_at, Bookmark.id)
            ).all()
            tags = self._tags_by_bookmark(conn)
        return {
            "format": FORMAT,
            "version": VERSION,
            "written_at": _iso(dt.datetime.now(dt.UTC)),
            "bookmarks": [
                {
                    "feed_url": r.feed_url,
                    "guid": r.guid,
                    "url": r.url,
                    "title": r.title,
                    "author": r.author,
                    "source": r.name,
                    "source_site_url": r.site_url,
                    "published_at": _iso(r.published_at),
                    "bookmarked_at": _iso(r.created_at),
                    "note": r.note,
                    "tags": list(tags.get(r.id, ())),
                    "summary": r.summary,
                    "content_html": r.content_html,
                }
                for r in rows
            ],
        }

    def export(self, path: Path, force: bool = False) -> int:
        """Write every bookmark to `path` (temp file, then rename); returns how many."""
        from reader.core.safe_write import atomic_file

        doc = self.document()
        with atomic_file(path, force=force) as tmp:
            tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), "utf-8")
        return len(doc["bookmarks"])

    def _write_backup(self, changes: Changes) -> None:
        """Rewrite the backup in the data folder atomically (after every change)."""
        from reader.core.safe_write import atomic_write

        doc = json.dumps(self.document(), ensure_ascii=False).encode("utf-8")
        try:
            atomic_write(self.backup_path, doc)
        except OSError as exc:
            raise BookmarkBackupError(
                f"Bookmark saved, but its backup {self.backup_path} could not be written: "
                f"{describe_os_error(exc, exc.filename)}",
                changes,
            ) from exc

    def restore_if_lost(self) -> ImportReport | None:
        """On start-up: a cache with no bookmarks beside a backup that has some was lost or
        replaced (removing the last bookmark rewrites the backup empty), so bring them back."""
        if not self.backup_path.is_file():
            return None
        with self._storage.read() as conn:
            if conn.execute(select(Bookmark.id).limit(1)).first() is not None:
                return None
        try:
            entries = self._read_file(self.backup_path)
        except BookmarkFileError:
            return None  # a damaged backup must not stop the app; `steppe bookmarks restore` says why
        return self._import_entries(entries) if entries else None

    def restore(self) -> ImportReport:
        """Merge the automatic backup back in."""
        if not self.backup_path.is_file():
            raise BookmarkFileError(self.backup_path, "no backup has been written yet")
        return self.import_file(self.backup_path)

    def import_file(self, path: Path) -> ImportReport:
        return self._import_entries(self._read_file(path))

    @staticmethod
    def _read_file(path: Path) -> list[dict[str, Any]]:
        raw = _read_bounded(path)
        try:
            doc = json.loads(raw.decode("utf-8-sig"), object_pairs_hook=_ObjectCounter())
        except _TooManyObjects:
            raise BookmarkFileError(path, f"more than {MAX_BOOKMARKS:,} bookmarks") from None
        except UnicodeDecodeError:
            raise BookmarkFileError(path, "not a JSON file (it is not UTF-8 text)") from None
        except json.JSONDecodeError as exc:
            raise BookmarkFileError(path, f"not a JSON file ({exc})") from None
        except RecursionError:
            raise BookmarkFileError(path, "nested too deeply to be a bookmarks file") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise BookmarkFileError(path, f'not a Steppe bookmarks file (no "format": "{FORMAT}")')
        version = doc.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise BookmarkFileError(path, f'"version" must be a whole number, not {_shown(version)}')
        if version > VERSION:
            raise BookmarkFileError(path, f"written by a newer Steppe Reader (version {version})")
        entries = doc.get("bookmarks")
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise BookmarkFileError(path, '"bookmarks" must be a list of objects')
        return entries

    def _import_entries(self, entries: list[dict[str, Any]]) -> ImportReport:
        return self._change(lambda conn: self._merge(conn, entries), Changes(bookmarks=True, stories=True))

    def _merge(self, conn: Connection, entries: list[dict[str, Any]]) -> ImportReport:
        added = merged = created = skipped = 0
        for raw_entry in entries:
            entry = _clean_entry(raw_entry)
            story_id = self._find_story(conn, entry)
            if story_id is None:
                story_id = self._rebuild_story(conn, entry)
                if story_id is None:
                    skipped += 1
                    continue
                created += 1
            elif conn.execute(select(Bookmark.id).where(Bookmark.story_id == story_id)).first():
                merged += 1
            else:
                added += 1
            bookmark_id = self._ensure(conn, story_id, _parse_time(entry.get("bookmarked_at")))
            note = entry.get("note")
            if isinstance(note, str) and note.strip():
                # Keep the note already here; fill it only where there is none.
                conn.execute(
                    update(Bookmark)
                    .where(Bookmark.id == bookmark_id, Bookmark.note.is_(None))
                    .values(note=note.strip())
                )
            tags = entry.get("tags") or []
            if isinstance(tags, list):
                existing = {
                    t.casefold()
                    for t in conn.execute(
                        select(BookmarkTag.tag).where(BookmarkTag.bookmark_id == bookmark_id)
                    ).scalars()
                }
                for tag in normalize_tags(t for t in tags if isinstance(t, str)):
                    if tag.casefold() not in existing:
                        conn.execute(insert(BookmarkTag).values(bookmark_id=bookmark_id, tag=tag))
        changes = Changes(bookmarks=True, stories=bool(created))
        return ImportReport(
            added=added, merged=merged, stories_created=created, skipped=skipped, changes=changes
        )

    @staticmethod
    def _find_story(conn: Connection, entry: dict[str, Any]) -> int | None:
        feed_url, guid, url = entry.get("feed_url"), entry.get("guid"), entry.get("url")
        if isinstance(feed_url, str) and isinstance(guid, str):
            found = conn.execute(
                select(Story.id)
                .join(Source, Source.id == Story.source_id)
                .where(Source.feed_url == feed_url, Story.guid == guid)
            ).scalar_one_or_none()
            if found is not None:
                return int(found)
        if isinstance(url, str) and url:
            found = conn.execute(
                select(Story.id).where(Story.url == url).order_by(Story.id).limit(1)
            ).scalar()
            if found is not None:
                return int(found)
        return None

    @staticmethod
    def _rebuild_story(conn: Connection, entry: dict[str, Any]) -> int | None:
        """Put back a story this cache does not have, from what the bookmark file kept of it."""
        title, feed_url = entry.get("title"), entry.get("feed_url")
        published = _parse_time(entry.get("published_at"))
        url = entry.get("url") if isinstance(entry.get("url"), str) else None
        guid = entry.get("guid") if isinstance(entry.get("guid"), str) else url
        if not isinstance(title, str) or not isinstance(feed_url, str) or published is None or not guid:
            return None
        now = dt.datetime.now(dt.UTC)
        source_id = conn.execute(select(Source.id).where(Source.feed_url == feed_url)).scalar()
        if source_id is None:
            # The feed is unknown here: keep it, disabled, so its stories have a home.
            source_id = conn.execute(
                insert(Source)
                .values(
                    name=str(entry.get("source") or feed_url),
                    feed_url=feed_url,
                    site_url=entry.get("source_site_url"),
                    kind="rss",
                    enabled=False,
                    is_sample=False,
                    created_at=now,
                )
                .returning(Source.id)
            ).scalar_one()
        from reader.core.html import html_to_text, sanitize_html

        body = sanitize_html(str(entry.get("content_html") or ""), url)
        summary = entry.get("summary") if isinstance(entry.get("summary"), str) else None
        story_id = int(
            conn.execute(
                insert(Story)
                .values(
                    source_id=source_id,
                    guid=guid,
                    url=url,
                    title=title,
                    author=entry.get("author") if isinstance(entry.get("author"), str) else None,
                    published_at=published,
                    fetched_at=now,
                    summary=summary,
                    content_html=body,
                    content_text=html_to_text(body),
                )
                .returning(Story.id)
            ).scalar_one()
        )
        search.reindex_stories(conn, [story_id])
        return story_id
