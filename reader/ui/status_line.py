"""The status bar's account of the cache: stories, unread, bookmarked, samples, rates' date.

It reloads itself when a write changes what it counts; no other code refreshes it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from reader.core.types import Changes, DataState
from reader.ui import operations
from reader.ui.tasks import TaskManager


class StateLabel(QLabel):
    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.setAccessibleName("What the cache holds")
        tasks.changes.connect(self.on_changes)
        self.reload()

    def reload(self) -> None:
        operations.load_state().success(self.show_state).run(self._tasks)

    def on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.stories or changes.read_state or changes.bookmarks or changes.sources or changes.rates:
            self.reload()

    def show_state(self, state: DataState) -> None:
        parts = [
            f"{state.story_count} stories",
            f"{state.unread_count} unread",
            f"{state.bookmark_count} bookmarked",
        ]
        if state.sample_story_count:
            parts.append(f"sample data: {state.sample_story_count} sample stories")
        if state.last_sync_at is None:
            parts.append("not synced yet")
        if state.rates_as_of:
            parts.append(f"rates as of {state.rates_as_of.isoformat()}")
        self.setText(" · ".join(parts))
