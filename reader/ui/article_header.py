"""The bookmark's note and tags, shown under the story's title in the article pane and edited
there: a change is written through the Library on its writer (operations.edit_bookmark) when a
field is left or Enter pressed, and the `changes` it carries tell the other views (the list's
star and note, the Bookmarks window). A story that is not bookmarked shows nothing here."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFormLayout, QFrame, QLineEdit, QWidget

from reader.core.types import BookmarkInfo, Changes
from reader.ui import operations, theme
from reader.ui.tasks import TaskManager


class ArticleHeader(QFrame):
    loaded = Signal()  # the bookmark (or its absence) of the shown story is in the fields
    saved = Signal()  # an edit was written

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.story_id: int | None = None
        self.bookmark: BookmarkInfo | None = None
        self.setObjectName("articleHeader")
        theme.style(
            self,
            "#articleHeader {{ background: {header_bg}; border: 1px solid {header_border}; border-radius: 4px; }}"
            "QLineEdit {{ background: transparent; border: none; border-bottom: 1px solid {header_border}; }}",
        )
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Bookmark note"))
        self.note.setPlaceholderText(self.tr("Add a note to this bookmark"))
        self.tags = QLineEdit()
        self.tags.setAccessibleName(self.tr("Bookmark tags"))
        self.tags.setPlaceholderText(self.tr("tags, separated by commas"))
        form = QFormLayout(self)
        form.setContentsMargins(8, 4, 8, 4)
        form.setVerticalSpacing(2)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Tags"), self.tags)
        self.hide()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.note.editingFinished.connect(self.on_field_edited)
        self.tags.editingFinished.connect(self.on_field_edited)
        self.tasks.changes.connect(self.on_changes)

    def show_story(self, story_id: int | None) -> None:
        """Load the story's bookmark (off the GUI thread); `loaded` follows."""
        self.story_id = story_id
        self.bookmark = None
        self.hide()
        if story_id is not None:
            self._load(story_id)

    def _load(self, story_id: int) -> None:
        def done(loaded: tuple[str, BookmarkInfo | None]) -> None:
            if story_id != self.story_id:
                return  # another story is shown by now
            self.bookmark = loaded[1]
            self._fill()

        operations.load_bookmark(story_id).success(done).run(self.tasks)

    def _fill(self) -> None:
        bookmark = self.bookmark
        if bookmark is None:
            self.hide()
        else:
            # A field being typed in keeps what the user has typed.
            if not self.note.hasFocus():
                self.note.setText(bookmark.note or "")
            if not self.tags.hasFocus():
                self.tags.setText(", ".join(bookmark.tags))
            self.show()
        self.loaded.emit()

    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.text().split(",") if t.strip()]

    @Slot()
    def on_field_edited(self) -> None:
        bookmark, story_id = self.bookmark, self.story_id
        if bookmark is None or story_id is None:
            return
        note, tags = self.note.text().strip(), self.tag_list()
        if note == (bookmark.note or "") and _folded(tags) == _folded(bookmark.tags):
            return  # nothing changed: nothing written
        operations.edit_bookmark(story_id, note, ", ".join(tags)).success(lambda _c: self.saved.emit()).run(
            self.tasks, initiator=self
        )

    def on_changes(self, changes: Changes, initiator: object) -> None:
        if self.story_id is None or not changes.bookmarks:
            return
        if changes.story_ids and self.story_id not in changes.story_ids:
            return
        self._load(self.story_id)  # also after our own edit: the stored, normalised tags


def _folded(tags: Sequence[str]) -> set[str]:
    return {tag.casefold() for tag in tags}
