"""Helpers shared by the GUI tests (imported by name; tests/ui is on sys.path)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

PASSPHRASE = "correct horse battery staple"
MARKER = "QUOKKA-7731-MARKER"


def wait_idle(qtbot: Any, main: Any, timeout: int = 5000) -> None:
    """Wait until the worker has nothing queued and no refresh is pending."""
    qtbot.waitUntil(
        lambda: not main.bridge.worker.busy and not main._refresh_timer.isActive(),
        timeout=timeout,
    )


def unlock(qtbot: Any, controller: Any, passphrase: str = PASSPHRASE) -> Any:
    """Type the passphrase into the unlock window, unlock, and return the main window."""
    from PySide6.QtCore import Qt

    window = controller.window
    window.passphrase.setText(passphrase)
    qtbot.mouseClick(window.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=10_000)
    main = controller.main_window
    wait_idle(qtbot, main)
    return main


def open_case(qtbot: Any, main: Any, ref: str) -> None:
    """Show a case and wait for its records."""
    main.open_case(ref)
    qtbot.waitUntil(lambda: main.case_view.case is not None and main.case_view.case.ref == ref)
    wait_idle(qtbot, main)


def open_record(qtbot: Any, main: Any, record_id: str) -> Any:
    """Open a record in the editor and return the editor."""
    main.open_record(record_id)
    qtbot.waitUntil(lambda: main.editor.record_id == record_id)
    wait_idle(qtbot, main)
    return main.editor


class SaveDialog:
    """Stands in for QFileDialog.getSaveFileName: records what it was offered."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.offered: list[str] = []

    def __call__(self, parent: Any, title: str, start: str, *args: Any, **kwargs: Any) -> Any:
        self.offered.append(start)
        return (str(self.answer) if self.answer else ""), ""


def fake_save(monkeypatch: Any, answer: Path | None) -> SaveDialog:
    """Answer every save dialog with ``answer`` (None: the user cancels)."""
    from PySide6.QtWidgets import QFileDialog

    fake = SaveDialog(answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return fake
