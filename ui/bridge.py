"""One worker thread for notebook work, and core change events as Qt signals.

Every call into the core that may take time (unlocking, queries, saves) goes through a
:class:`Worker`: a ``QThreadPool`` with one thread, so calls run one after another in the
order they were made, and results come back to the GUI thread through a queued signal.
The notebook's own lock makes the odd direct call from the GUI thread (a last save on
quit or lock) safe too.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

Callback = Callable[[Any], None] | None


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[..., Any], args: tuple, deliver: Any) -> None:
        super().__init__()
        self._job_id = job_id
        self._fn = fn
        self._args = args
        self._deliver = deliver
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._fn(*self._args)
        except BaseException as exc:  # handed to the GUI thread, never swallowed
            self._deliver.emit(self._job_id, None, exc)
        else:
            self._deliver.emit(self._job_id, result, None)


class Worker(QObject):
    """Runs functions on one background thread and calls back on the GUI thread.

    Signals:
        busy_changed(bool): work started (True) or the queue ran empty (False).
        failed(object): a call raised and had no ``on_error`` callback; the exception.
    """

    busy_changed = Signal(bool)
    failed = Signal(object)
    _result = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Callback, Callback]] = {}
        self._result.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callback = None,
        on_error: Callback = None,
    ) -> int:
        """Queue ``fn(*args)``; ``on_done(result)`` or ``on_error(exc)`` run on the GUI thread."""
        job_id = next(self._ids)
        was_idle = not self._pending
        self._pending[job_id] = (on_done, on_error)
        self._pool.start(_Job(job_id, fn, args, self._result))
        if was_idle:
            self.busy_changed.emit(True)
        return job_id

    @property
    def busy(self) -> bool:
        """Whether calls are queued or running."""
        return bool(self._pending)

    def forget_pending(self) -> None:
        """Drop the callbacks of queued calls (their results are no longer wanted)."""
        self._pending = {job_id: (None, None) for job_id in self._pending}

    def wait(self, msecs: int = -1) -> bool:
        """Block until queued calls have run (used before a last save and on lock)."""
        return self._pool.waitForDone(msecs)

    @Slot(int, object, object)
    def _deliver(self, job_id: int, result: Any, error: BaseException | None) -> None:
        on_done, on_error = self._pending.pop(job_id, (None, None))
        try:
            if error is not None:
                if on_error is not None:
                    on_error(error)
                else:
                    self.failed.emit(error)
            elif on_done is not None:
                on_done(result)
        finally:
            if not self._pending:
                self.busy_changed.emit(False)


class Bridge(QObject):
    """The GUI's way into an open notebook: a worker plus core events as a Qt signal.

    The core calls subscribers on whatever thread ran the command; :attr:`changed` is
    always emitted on the GUI thread.

    Signals:
        changed(object): a notice of :mod:`casebook.changes` after a committed command.
        failed(object): a worker call raised and nobody handled it; the exception.
        busy_changed(bool): forwarded from the worker.
    """

    changed = Signal(object)
    failed = Signal(object)
    busy_changed = Signal(bool)
    _core_change = Signal(object)

    def __init__(self, notebook: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notebook = notebook
        self.worker = Worker(self)
        self.worker.failed.connect(self.failed)
        self.worker.busy_changed.connect(self.busy_changed)
        self._core_change.connect(self._relay, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: Callable[[], None] | None = notebook.subscribe(self._core_change.emit)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callback = None,
        on_error: Callback = None,
    ) -> int:
        """Queue ``fn(*args)`` on the worker (see :meth:`Worker.run`)."""
        return self.worker.run(fn, *args, on_done=on_done, on_error=on_error)

    def wait(self) -> None:
        """Let queued work finish (before a last save, lock or quit)."""
        self.worker.wait()

    def detach(self) -> None:
        """Stop listening to the core and drop pending results (on lock and quit)."""
        self.worker.forget_pending()
        self.worker.wait()
        if self._unsubscribe is not None:
            with contextlib.suppress(ValueError):
                self._unsubscribe()
            self._unsubscribe = None

    @Slot(object)
    def _relay(self, change: Any) -> None:
        if self._unsubscribe is not None:
            self.changed.emit(change)
