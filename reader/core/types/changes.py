"""What a write made stale: every write of the Library returns a Changes value (Anki's OpChanges),
so each view can decide for itself what to reload."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    stories: bool = False  # stories added, removed or rewritten: the list, counts and facets
    read_state: bool = False  # stories marked read or unread
    bookmarks: bool = False  # bookmarks, their notes or tags
    saved_searches: bool = False
    sources: bool = False  # sources added, renamed, switched, removed, or their sync state
    rates: bool = False  # rate points or the providers' states
    settings: bool = False
    # Where cheap: the stories concerned (their read state, bookmark or content changed, or
    # they were removed) and the settings that changed, so a view can refresh just those.
    story_ids: frozenset[int] = frozenset()
    setting_names: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{
                f.name: getattr(self, f.name) | getattr(other, f.name)
                for f in fields(self)  # bools or, frozensets union
            }
        )

    @classmethod
    def of_setting(cls, *names: str) -> Changes:
        return cls(settings=True, setting_names=frozenset(names))


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A write's result together with what it changed (Anki's OpChangesWith…)."""

    value: T
    changes: Changes


def changes_of(result: object) -> Changes | None:
    """The Changes a write returned: the value itself, or its `changes` attribute."""
    if isinstance(result, Changes):
        return result
    found = getattr(result, "changes", None)
    return found if isinstance(found, Changes) else None
