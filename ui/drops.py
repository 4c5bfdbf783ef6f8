"""A PDF dropped on a window: the welcome, unlock and main windows verify it.

Kept apart from :mod:`ui.verify` so the first windows do not load the verify dialog (and
what it imports) before anyone asks for it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


def pdf_paths(event: Any) -> list[Path]:
    """The local PDF files a drag carries."""
    data = event.mimeData()
    if not data.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() == ".pdf"]


class PdfDrops(QObject):
    """Hands the first PDF dropped on ``window`` to ``on_pdf(path)`` (its event filter)."""

    def __init__(self, window: QWidget, on_pdf: Callable[[Path], Any]) -> None:
        super().__init__(window)
        self.window = window
        self.on_pdf = on_pdf
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window and kind in (QEvent.Type.DragEnter, QEvent.Type.Drop):
            paths = pdf_paths(event)
            if paths:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                if kind == QEvent.Type.Drop:
                    self.on_pdf(paths[0])
                return True
        return super().eventFilter(watched, event)
