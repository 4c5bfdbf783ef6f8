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


class OpenDialog:
    """Stands in for QFileDialog.getOpenFileName: answers with the next path given."""

    def __init__(self, answers: list[Path | None]) -> None:
        self.answers = list(answers)
        self.titles: list[str] = []

    def __call__(self, parent: Any, title: str, *args: Any, **kwargs: Any) -> Any:
        self.titles.append(title)
        answer = self.answers.pop(0) if self.answers else None
        return (str(answer) if answer else ""), ""


def fake_open(monkeypatch: Any, *answers: Path | None) -> OpenDialog:
    """Answer the open-file dialogs with ``answers`` in turn (None: the user cancels)."""
    from PySide6.QtWidgets import QFileDialog

    fake = OpenDialog(list(answers))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    return fake


def many_records_document(document: dict[str, Any], cases: int, per_case: int) -> dict[str, Any]:
    """A casebook/1 document of ``cases`` cases of ``per_case`` session drafts each, made
    from the sample document's first case (for long imports)."""
    template = document["cases"][0]
    draft = next(r for r in template["records"] if r["id"] == "rec-session-draft")
    out: dict[str, Any] = {"format": "casebook/1", "cases": []}
    for c in range(cases):
        records = []
        for n in range(per_case):
            record = {k: v for k, v in draft.items() if k != "id"}
            record["fields"] = dict(draft["fields"], purpose=f"Session {n} of case {c}.")
            records.append(record)
        out["cases"].append(
            {"ref": f"BULK-{c}", "title": f"Case {c}", "people": template["people"],
             "records": records}
        )  # fmt: skip
    return out


def wait_progress(qtbot: Any, dialog: Any, timeout: int = 60_000) -> None:
    """Wait until a ProgressDialog's operation has ended (done, cancelled or failed)."""
    qtbot.waitUntil(lambda: not dialog.running and bool(dialog.outcome), timeout=timeout)
