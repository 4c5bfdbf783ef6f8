"""Saving the draft in the editor: after a pause in typing, when asked, and before lock or quit.

Drafts save themselves (``Notebook.records.save_draft``) 1.5 s after the last change; the editor
also saves when focus leaves it and before another page shows. On lock and quit the save
runs at once and the caller waits for it. A draft is saved only when what it says differs
from what was loaded or last saved: opening a draft and closing it writes nothing, so its
"last edited" time is that of the last real edit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from ui.widgets import pause_timer

AUTOSAVE_MS = 1500


class Autosave(QObject):
    """Saves a draft on the worker when it has changed.

    Args:
        bridge: the way into the notebook.
        draft_id: the id of the draft shown, or None when the editor shows no draft.
        data: the draft as the editor shows it (a casebook/1 record object).

    Signals:
        saved(object): the draft was saved; the record as the core returned it.
        failed(object): a save failed (the changes are still to be saved); the exception.
    """

    saved = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        bridge: Any,
        draft_id: Callable[[], str | None],
        data: Callable[[], dict[str, Any]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self._draft_id = draft_id
        self._data = data
        self.dirty = False  # changed since the last save
        self._saved: dict[str, Any] | None = None  # the draft as loaded or last saved
        self._timer = pause_timer(self, AUTOSAVE_MS, self.save_now)

    def reset(self, loaded: dict[str, Any] | None) -> None:
        """A draft was loaded as ``loaded`` (None: no draft): save only changes from it."""
        self.forget()
        self._saved = loaded

    def _unchanged(self, data: dict[str, Any]) -> bool:
        return self._saved is not None and data == self._saved

    def changed(self) -> None:
        """The draft changed: save it after a short pause."""
        self.dirty = True
        self._timer.start()

    def forget(self) -> None:
        """Nothing is left to save (the draft was discarded, or is saved and closed)."""
        self._timer.stop()
        self.dirty = False

    @Slot()
    def save_now(self) -> None:
        """Save the draft on the worker now (if anything changed)."""
        self._timer.stop()
        record_id = self._draft_id()
        if not self.dirty or record_id is None:
            return
        try:
            data = self._data()
        except Exception as exc:
            self.failed.emit(exc)
            return
        self.dirty = False
        if self._unchanged(data):
            return  # edited back to what it was: nothing to write
        self._saved = data
        self.bridge.run(
            self.bridge.notebook.records.save_draft,
            record_id,
            data,
            on_done=self.saved.emit,
            on_error=self._save_failed,
        )

    def save_sync(self) -> bool:
        """Save now and wait (on lock and quit). Returns whether everything is saved."""
        self._timer.stop()
        self.bridge.wait()
        record_id = self._draft_id()
        if not self.dirty or record_id is None:
            return True
        try:
            data = self._data()
            if self._unchanged(data):
                self.dirty = False
                return True
            record = self.bridge.notebook.records.save_draft(record_id, data)
        except Exception as exc:
            self._saved = None  # not saved: the next save writes whatever is shown
            self.failed.emit(exc)
            return False
        self._saved = data
        self.dirty = False
        self.saved.emit(record)
        return True

    def _save_failed(self, exc: BaseException) -> None:
        self.dirty = True
        self._saved = None
        self.failed.emit(exc)
