"""Python's cyclic garbage collector runs on the GUI thread only.

Left automatic, a collection starts in whichever thread happens to allocate: the
dictionary loader or a bridge worker. If it then frees the Python side of a closed
window's widgets, Qt deletes them off the GUI thread and the app crashes (seen as a
segfault after lock, with the collector running in ``casebook-dictionary``). The
usual remedy in Qt applications (pyqtgraph, GitFourchette, Anki's add-ons): turn the
automatic collector off and collect on a timer in the GUI thread, generation by
generation, with the thresholds Python would have used. Reference counting still frees
everything without cycles at once; only cycles wait up to one tick.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    """Collects garbage on the GUI thread every :data:`INTERVAL_MS` (made once per app)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(INTERVAL_MS)

    def collect(self) -> None:
        """Collect the generations whose counts passed Python's own thresholds."""
        counts = gc.get_count()
        for generation in range(3):
            if counts[generation] <= self._thresholds[generation]:
                break
            gc.collect(generation)


def collect_on_gui_thread(app: QObject) -> None:
    """Install the collector on ``app`` (idempotent)."""
    if app.findChild(GuiThreadCollector) is None:
        GuiThreadCollector(app)
