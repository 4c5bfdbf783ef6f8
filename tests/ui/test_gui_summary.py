"""File ▸ Signed summary: the dialog, the default file name, the signed PDF on disk."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from guihelpers import PASSPHRASE, fake_save, open_case, unlock, wait_idle
from PySide6.QtWidgets import QDialog

from casebook.domain import Case
from ui.exports import SummaryOptions, ref_for_filename, safe_filename

CASES = [
    Case(1, "C-1042", "Family A", "open", "2026-03-02", None, 3),
    Case(2, "C-2001", "Family B", "open", "2026-01-10", None, 1),
]


def _accepting_dialog(monkeypatch: pytest.MonkeyPatch, **choices: Any) -> list[Any]:
    """Make the summary dialog accept at once, after ``choices`` (refs, redaction ...)."""
    import ui.summary

    shown: list[Any] = []

    class Accepting(ui.summary.SummaryDialog):
        def exec(self) -> int:
            shown.append(self)
            if "refs" in choices:
                self.set_ticked(choices["refs"])
            if "redaction" in choices:
                self.set_redaction(choices["redaction"])
            if "period" in choices:
                self.set_period(*choices["period"])
            return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ui.summary, "SummaryDialog", Accepting)
    return shown


def _deciding_review(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Make the redaction review redact every detail and continue as soon as it opens."""
    import ui.review

    shown: list[Any] = []

    def open_and_decide(self: Any) -> None:
        shown.append(self)
        self.redact_undecided()
        self.done(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(ui.review.RedactionReviewDialog, "open", open_and_decide)
    return shown


def _pdf_text(pdf: Path) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=False
    )
    return done.stdout.decode("utf-8", "replace")


def test_summary_dialog_writes_a_signed_pdf_of_the_ticked_cases(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from casebook.signing import fingerprint, verify_pdf

    _accepting_dialog(monkeypatch, refs=["C-1042", "C-2001"])
    reviews = _deciding_review(monkeypatch)
    fake_save(monkeypatch, tmp_path / "for supervision")  # no suffix typed
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    main.summary_action.trigger()
    out = tmp_path / "for supervision.pdf"
    qtbot.waitUntil(
        lambda: main.statusBar().currentMessage().startswith("Signed summary saved"),
        timeout=60_000,
    )
    wait_idle(qtbot, main)
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF")
    assert verify_pdf(pdf).ok
    assert out.stat().st_mode & 0o077 == 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert str(out) in main.statusBar().currentMessage()
    assert main.result_notice.isVisible()
    notice = main.result_notice.message.text()
    assert str(out) in notice
    assert fingerprint(controller.notebook.identity.signing_identity().cert_pem) in notice
    assert main.summary_action.isEnabled()
    text = _pdf_text(out)
    if text is not None:
        assert "C-1042" in text and "C-2001" in text
        assert "Jane Smith" not in text  # initials unless the user chooses full names
        assert "Dr Patel" not in text  # the GP's name, redacted in the review
    assert len(reviews) == 1


def test_the_summary_dialog_starts_with_the_open_case_initials_and_nothing_private(
    qtbot: Any,
) -> None:
    from ui.summary import SummaryDialog

    dialog = SummaryDialog(CASES, "C-2001")
    qtbot.addWidget(dialog)
    assert dialog.options() == SummaryOptions(
        case_refs=("C-2001",),
        period_from=None,
        period_to=None,
        redaction="initials",
        include_drafts=False,
        include_reflections=False,
    )
    assert dialog.save_button.isEnabled()
    assert not dialog.date_from.isEnabled()


def test_the_summary_dialog_passes_on_every_option_of_the_command(qtbot: Any) -> None:
    from ui.summary import SummaryDialog

    dialog = SummaryDialog(CASES, None)
    qtbot.addWidget(dialog)
    dialog.set_ticked(["C-1042", "C-2001"])
    dialog.set_period("2026-03-01", "2026-03-31")
    dialog.set_redaction("pseudonyms")
    dialog.include_drafts.setChecked(True)
    dialog.include_reflections.setChecked(True)
    assert dialog.options() == SummaryOptions(
        case_refs=("C-1042", "C-2001"),
        period_from="2026-03-01",
        period_to="2026-03-31",
        redaction="pseudonyms",
        include_drafts=True,
        include_reflections=True,
    )


def test_the_summary_dialog_will_not_save_without_a_case_or_with_a_backwards_period(
    qtbot: Any,
) -> None:
    from ui.summary import SummaryDialog

    dialog = SummaryDialog(CASES, None)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    assert "Tick at least one case" in dialog.problem.text()
    dialog.set_ticked(["C-1042"])
    assert dialog.save_button.isEnabled()
    dialog.set_period("2026-04-01", "2026-03-01")
    assert not dialog.save_button.isEnabled()
    assert "ends before it starts" in dialog.problem.text()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted.value


def test_summary_default_filename_contains_no_names(
    notebook_path: Path, make_controller: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casebook.service import Notebook

    nb = Notebook.open(notebook_path, PASSPHRASE)
    try:
        nb.cases.add("SMITH-7", "Smith household")
        nb.people.add("SMITH-7", name="Ann Smith", role="partner")
    finally:
        nb.close()
    today = date.today().isoformat()
    _accepting_dialog(monkeypatch, refs=["C-1042"])
    _deciding_review(monkeypatch)
    save = fake_save(monkeypatch, None)  # the user cancels
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    main.case_view.summary_button.click()
    qtbot.waitUntil(lambda: len(save.offered) == 1)
    assert Path(save.offered[0]).name == f"summary-C-1042-{today}.pdf"

    _accepting_dialog(monkeypatch, refs=["C-1042", "SMITH-7"])
    main.export_summary()
    qtbot.waitUntil(lambda: len(save.offered) == 2)
    name = Path(save.offered[1]).name
    assert name == f"summary-C-1042-case-2-{today}.pdf"
    for word in ("smith", "ann", "jane", "lily", "mark", "family"):
        assert word not in name.casefold()
    wait_idle(qtbot, main)
    assert main.summary_action.isEnabled()
    assert not list(Path(save.offered[1]).parent.glob("*.pdf"))


def test_file_names_are_cleaned_of_paths_and_odd_characters() -> None:
    assert safe_filename("../../etc/passwd") == "etc-passwd"
    assert safe_filename("C 10/42: Zoë") == "C-10-42-Zoe"
    assert safe_filename("...") == "casebook"
    assert safe_filename("-rf") == "rf"
    assert len(safe_filename("C" * 500)) <= 120


def test_a_reference_holding_a_name_of_the_case_is_left_out_of_file_names() -> None:
    from casebook.domain import Person

    people = [Person(1, "X", "p1", "Łucja Kowalska", "partner", "Lucy")]
    assert ref_for_filename("C-1042", people, 1) == "C-1042"
    assert ref_for_filename("KOWALSKA-2", people, 3) == "case-3"
    assert ref_for_filename("lucja_1", people, 2) == "case-2"
    assert ref_for_filename("LUCYFAMILY", people, 2) == "case-2"


def test_an_error_while_writing_the_summary_is_shown_in_plain_words(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _accepting_dialog(monkeypatch, refs=["C-1042"])
    _deciding_review(monkeypatch)
    fake_save(monkeypatch, tmp_path / "no such folder" / "summary.pdf")
    shown: list[BaseException] = []
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    real_show_error = main.show_error
    monkeypatch.setattr(main, "show_error", lambda exc: (shown.append(exc), real_show_error(exc)))
    main.export_summary()
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    wait_idle(qtbot, main)
    from casebook.errors import WriteFailed

    assert isinstance(shown[0], WriteFailed)
    assert main.statusBar().currentMessage().startswith("Could not save")
    assert main.summary_action.isEnabled()


def test_the_signed_summary_is_in_the_file_menu_the_case_view_and_the_shortcut_list(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    from ui.dialogs import ShortcutsDialog

    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    file_menu = main.menuBar().actions()[0].menu()
    assert main.summary_action in file_menu.actions()
    assert main.backup_action in file_menu.actions()
    dialog = ShortcutsDialog(main.all_actions(), main)
    qtbot.addWidget(dialog)
    rows = {
        dialog.table.item(i, 0).text(): dialog.table.item(i, 1).text()
        for i in range(dialog.table.rowCount())
    }
    assert rows["Signed summary…"] == "Ctrl+Shift+S"
    assert main.case_view.summary_button.text() == "Signed summary…"
