"""Garbage with reference cycles is collected on the GUI thread, never on a worker
(a collection on the dictionary loader freed closed windows' widgets off the GUI
thread and crashed the app)."""

from __future__ import annotations

import gc
import threading
from typing import Any, ClassVar

from ui.app import make_application
from ui.collector import INTERVAL_MS


class _Cycle:
    freed_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.freed_on.append(threading.current_thread().name)


def test_the_app_turns_off_automatic_collection(qapp: Any) -> None:
    make_application()
    assert not gc.isenabled()


def test_cycles_made_garbage_on_a_worker_are_freed_on_the_gui_thread(qapp: Any, qtbot: Any) -> None:
    make_application()
    _Cycle.freed_on.clear()

    def churn() -> None:
        _Cycle()  # garbage at once: only the cyclic collector can free it
        for _ in range(5_000):  # more cyclic garbage than starts a collection
            cycle: list[Any] = []
            cycle.append(cycle)

    worker = threading.Thread(target=churn, name="casebook-worker")
    worker.start()
    worker.join()
    assert _Cycle.freed_on == []
    qtbot.waitUntil(lambda: _Cycle.freed_on != [], timeout=INTERVAL_MS * 5)
    assert _Cycle.freed_on == [threading.main_thread().name]
