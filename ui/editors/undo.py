"""Record-level undo in the editor (Edit ▸ Undo outside a text box).

Snapshots of the record are taken after each pause in editing; each pause's edits are one
step on a :class:`QUndoStack`. Text boxes keep their own undo as well. A final record
has no undo: it is never changed, it gets an addendum.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from ui.widgets import pause_timer

CHECKPOINT_MS = 700

Data = dict[str, Any]


class EditCommand(QUndoCommand):
    """One step of record-level undo: the record before and after a burst of edits."""

    def __init__(self, apply: Callable[[Data], None], before: Data, after: Data) -> None:
        super().__init__("Edit record")
        self._apply = apply
        self._before = before
        self._after = after
        self._pushed = False

    def undo(self) -> None:
        self._apply(self._before)

    def redo(self) -> None:
        if self._pushed:  # the first redo happens on push: the widgets already show it
            self._apply(self._after)
        self._pushed = True


class RecordUndo(QObject):
    """The undo steps of the record in an editor.

    Args:
        data: the record as the editor shows it now (a casebook/1 record object).
        apply: shows a record object in the editor (undo and redo).
        editable: whether the editor shows a draft (steps are only taken of drafts).
    """

    def __init__(
        self,
        data: Callable[[], Data],
        apply: Callable[[Data], None],
        editable: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._data = data
        self._apply = apply
        self._editable = editable
        self.stack = QUndoStack(self)
        self._snapshot: Data | None = None
        self._timer = pause_timer(self, CHECKPOINT_MS, self.checkpoint)

    def reset(self, snapshot: Data | None) -> None:
        """Start again from ``snapshot`` (None: nothing to undo, a final or no record)."""
        self.stack.clear()
        self._timer.stop()
        self._snapshot = snapshot

    def edited(self) -> None:
        """Something changed: make a step of it after a pause."""
        self._timer.start()

    def applied(self, data: Data) -> None:
        """The editor shows ``data`` after an undo or redo."""
        self._snapshot = data

    def checkpoint(self) -> None:
        """Make the edits since the last pause one undo step."""
        self._timer.stop()
        if self._snapshot is None or not self._editable():
            return
        current = self._data()
        if current != self._snapshot:
            self.stack.push(EditCommand(self._apply, self._snapshot, current))
            self._snapshot = current

    def undo(self) -> None:
        """Undo the last step (after closing the current burst of edits)."""
        self.checkpoint()
        self.stack.undo()

    def redo(self) -> None:
        """Redo the step undone last."""
        self.stack.redo()
