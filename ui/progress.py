"""Long work with a progress bar and Cancel: import, export, backup, restore, verify, audit.

The core's long operations take a ``progress(done, total)`` callable
(:mod:`casebook.progress`). :class:`ProgressReporter` is that callable: the worker
thread calls it, it moves the bar on the GUI thread through a queued signal, and after
Cancel it raises :class:`~casebook.progress.Cancelled` so the core stops and undoes what
it started. :class:`ProgressDialog` shows one such operation from start to end.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.messages import describe

SCALE = 1000
_STARTED: weakref.WeakSet[ProgressDialog] = weakref.WeakSet()


def running_operations() -> list[ProgressDialog]:
    """The progress windows (still open) whose operation is still running."""
    from shiboken6 import isValid

    return [dialog for dialog in list(_STARTED) if isValid(dialog) and dialog.running]


class ProgressReporter(QObject):
    """The ``progress`` callable a core operation calls on the worker thread.

    Signals:
        progressed(int, int): (done, total), at most once per thousandth of the work.
    """

    progressed = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._last = -1

    def __call__(self, done: int, total: int) -> None:
        from casebook.progress import Cancelled

        if self._cancel.is_set():
            raise Cancelled()
        step = done * SCALE // total if total > 0 else SCALE
        if step != self._last:
            self._last = step
            self.progressed.emit(done, total)

    def cancel(self) -> None:
        """Ask the operation to stop at its next report (any thread)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """Whether Cancel was asked for."""
        return self._cancel.is_set()


class ProgressDialog(QDialog):
    """One long operation: what it does, a bar from 0 to 100 %, Cancel, then the outcome.

    Args:
        title: the window title.
        doing: what runs, in words ("Importing family-a.json…").
        run: ``run(fn, *args, on_done=, on_error=)`` (a bridge's or a worker's).

    Signals:
        finished_with(object): the operation's result when it succeeded.
        ended(str): the operation ended: "done", "cancelled" or "failed".
    """

    finished_with = Signal(object)
    ended = Signal(str)

    def __init__(
        self, title: str, doing: str, run: Callable[..., Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(460)
        self._run = run
        self.reporter = ProgressReporter(self)
        self.reporter.progressed.connect(self._progressed)
        self.running = False
        self.outcome: str = ""  # "done", "cancelled" or "failed" once it ends
        self.error: BaseException | None = None
        self.started_at = 0.0
        self.seconds = 0.0
        self.doing = QLabel(doing)
        self.doing.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, SCALE)
        self.bar.setValue(0)
        self.bar.setFormat("%p%")
        self.bar.setAccessibleName("Progress")
        self.result_line = QLabel()
        self.result_line.setObjectName("progressResult")
        self.result_line.setWordWrap(True)
        self.result_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_line.hide()
        self.buttons = QDialogButtonBox()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.accept)
        self.close_button.hide()
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.doing)
        layout.addWidget(self.bar)
        layout.addWidget(self.result_line)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def start(self, fn: Callable[..., Any], *args: Any) -> None:
        """Run ``fn(*args, progress=reporter)`` on the worker; the bar follows it."""
        self.running = True
        _STARTED.add(self)
        self.started_at = time.monotonic()
        self._run(
            lambda: fn(*args, progress=self.reporter),
            on_done=self._done,
            on_error=self._failed,
        )

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self.running:
            self.bar.setValue(done * SCALE // total if total > 0 else SCALE)

    @Slot()
    def cancel(self) -> None:
        """Cancel: the operation stops at its next report and undoes what it started."""
        if not self.running:
            self.reject()
            return
        self.reporter.cancel()
        self.cancel_button.setEnabled(False)
        self.doing.setText(self.doing.text() + " Cancelling…")

    def _done(self, result: Any) -> None:
        self._ended("done")
        self.bar.setValue(SCALE)
        self.finished_with.emit(result)

    def _failed(self, exc: BaseException) -> None:
        from casebook.progress import Cancelled

        if isinstance(exc, Cancelled):
            self._ended("cancelled")
            self.show_result("Cancelled. Nothing was changed.", ok=None)
            return
        self._ended("failed")
        self.error = exc
        title, detail = describe(exc)
        self.show_result(f"{title}. {detail}", ok=False)

    def _ended(self, outcome: str) -> None:
        self.running = False
        self.outcome = outcome
        self.seconds = time.monotonic() - self.started_at
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.ended.emit(outcome)

    def show_result(self, message: str, ok: bool | None = True) -> None:
        """The outcome in words: green when it went well, red when it failed."""
        from ui.models import warning_colour

        colour = {True: "#1b7f3b", False: "#c62828", None: warning_colour().name()}[ok]
        self.result_line.setStyleSheet(f"color: {colour}")
        self.result_line.setText(message)
        self.result_line.setProperty("ok", ok)
        self.result_line.show()
        self.adjustSize()  # the outcome may take a few lines

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.running:
            self.cancel()  # Escape asks to cancel; the dialog closes when the work has stopped
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        # Closed while running (the window's close button, a lock): the operation is
        # asked to stop and undo what it started; its outcome is no longer shown.
        if self.running:
            self.reporter.cancel()
            self.running = False  # whatever it reports now goes nowhere
        super().reject()
