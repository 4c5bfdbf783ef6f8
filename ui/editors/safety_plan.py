"""Print safety plan…: a session's safety plan as a PDF for the person (the core draws it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from casebook.summary.safety_plan import write_safety_plan
from ui.settings import file_dialog_options
from ui.widgets import push_button


def ask_where(parent: QWidget, name: str) -> str:
    """Where to save the plan ("" when cancelled); the dialog warns that it is not encrypted."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = Path(folder) if folder and Path(folder).is_dir() else Path.home()
    path, _ = QFileDialog.getSaveFileName(
        parent, "Save the safety plan (not encrypted: for the person)", str(start / name),
        "PDF files (*.pdf)", options=file_dialog_options(),
    )  # fmt: skip
    return path


def plan_button(editor: Any) -> QPushButton:
    """The editor's Print safety plan… button (shown on sessions)."""
    return push_button(
        "Print safety plan…",
        lambda: print_safety_plan(editor),
        "summary",
        "The session's safety plan as a PDF for the person: nothing else of the case",
    )


def print_safety_plan(editor: Any) -> None:
    """Save the open session's safety plan (after saving the draft), then say where."""
    record = editor.record
    if record is None:
        return
    editor.save_now()
    path = editor.ask_safety_plan_path(editor, f"safety-plan-{record.event_at[:10]}.pdf")
    if not path:
        return

    def done(size: int) -> None:
        QMessageBox.information(
            editor, "Safety plan saved",
            f"Saved to {path} ({size:,} bytes). The file is not encrypted: give it to the "
            "person and do not keep a copy on this computer.",
        )  # fmt: skip

    editor.bridge.run(
        write_safety_plan, editor.bridge.notebook, record.id, Path(path),
        on_done=done, on_error=editor.failed.emit,
    )  # fmt: skip
