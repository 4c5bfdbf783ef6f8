"""Screenshots of the dialogs of issue 13: import, export, backup and restore, security,
signing identity, trusted certificates, verify, countersign, audit check, chronology,
people and case status. Called by :mod:`ui.tools.screenshots` with the demo notebook open.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

Settle = Callable[..., None]
Save = Callable[[Any, str], None]


def shoot_flows(controller: Any, scratch: Path, settle: Settle, save: Save) -> None:
    """Open each new dialog on the demo notebook and save a PNG of it."""
    from PySide6.QtWidgets import QFileDialog

    main = controller.main_window
    bridge = main.bridge
    files = scratch / "home" / "Documents"
    files.mkdir(parents=True, exist_ok=True)
    answers: list[str] = []
    # The file dialogs answer with prepared paths (nothing to click offscreen).
    QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (answers.pop(0), ""))  # type: ignore[method-assign]
    QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (answers.pop(0), ""))  # type: ignore[method-assign]

    def wait(dialog: Any = None) -> None:
        settle(bridge, rounds=4)
        while dialog is not None and getattr(dialog, "running", False):
            settle(bridge, rounds=1)
        settle(bridge, rounds=4)

    # Import: a fresh copy of one demo case (new reference, no ids), then a clash.
    document = main.notebook.interchange.export_document(["C-2041"], audit=False)
    document["cases"][0]["ref"] = "C-3001"
    for record in document["cases"][0]["records"]:
        for key in ("id", "content_hash"):  # a new reference: the old hash no longer holds
            record.pop(key, None)
    fresh = files / "transfer-C-3001.json"
    fresh.write_text(json.dumps(document), encoding="utf-8")
    clash = files / "demo-again.json"
    clash.write_text(
        json.dumps(main.notebook.interchange.export_document(audit=False)), encoding="utf-8"
    )
    answers.append(str(clash))
    main.flows.import_file()
    wait()
    save(main.flows.dialog, "import-preview-clash")
    main.flows.dialog.reject()
    answers.append(str(fresh))
    main.flows.import_file()
    wait()
    save(main.flows.dialog, "import-preview")
    main.flows.dialog.accept()
    wait(main.flows.dialog)
    save(main.flows.dialog, "import-done")
    main.flows.dialog.accept()

    main.open_case("C-2041")
    wait()
    main.flows.export_file()
    dialog = main.flows.dialog
    dialog.reflections.setChecked(True)
    wait()
    save(dialog, "export-dialog")
    dialog.reject()

    answers.append(str(files / "Demo-backup"))
    main.exports.back_up_now()
    wait(main.exports.backup_progress)
    save(main.exports.backup_progress, "backup-done")
    main.exports.backup_progress.accept()

    answers.append(str(files / "Demo-backup.casebook-backup"))
    main.flows.restore()
    restore = main.flows.dialog
    restore.choose_backup()
    restore.passphrase.setText("demo")
    restore.check_backup()
    wait(restore.progress)
    save(restore, "restore-checked")
    restore.reject()

    main.open_settings("Security")
    settings = main.settings_dialog
    wait()
    save(settings, "settings-security")
    page = settings.tabs.currentWidget()
    page.change_button.click()
    keys = page.dialog
    keys.new.setText("a longer passphrase of words")
    keys.again.setText("a longer passphrase of words")
    wait()
    save(keys, "change-passphrase")
    keys.reject()
    page.show_identity()
    wait()
    save(page.dialog, "identity")
    page.dialog.reject()
    settings.reject()

    _shoot_signatures(main, files, answers, wait, save)

    main.flows.check_audit()
    wait(main.flows.dialog)
    save(main.flows.dialog, "audit-check")
    main.flows.dialog.accept()

    _shoot_case(main, wait, save)


def _shoot_signatures(main: Any, files: Path, answers: list[str], wait: Any, save: Save) -> None:
    """Verify (good and tampered), countersign, trusted certificates."""
    from casebook.summary.export import export_summary
    from casebook.trust import trust_certificate

    pdf = export_summary(main.notebook, ["C-2041"], redaction="initials", review=False)
    good = files / "summary-C-2041.pdf"
    good.write_bytes(pdf)
    tampered = bytearray(pdf)
    tampered[tampered.index(b"stream") + 40] ^= 1
    bad = files / "summary-changed.pdf"
    bad.write_bytes(bytes(tampered))
    for path, name in ((good, "verify-good"), (bad, "verify-tampered")):
        dialog = main.flows.verify(path)
        wait()
        save(dialog, name)
        dialog.reject()

    # A supervisor's view: a summary signed by someone this notebook does not trust yet.
    from casebook.signing import create_identity, sign_pdf
    from casebook.summary.export import prepare_summary
    from casebook.summary.pdf import render_summary_pdf

    colleague = create_identity("Jordan Reyes", "Eastbrook Probation Service (fictional)")
    prepared = prepare_summary(main.notebook, ["C-2041"], redaction="initials")
    theirs = sign_pdf(render_summary_pdf(prepared.shown, "initials"), colleague, "Casebook summary")
    other = files / "summary-from-Jordan.pdf"
    other.write_bytes(theirs)
    dialog = main.flows.countersign()
    dialog.set_source(other)
    wait()
    dialog.comment.setText("Discussed in supervision on 4 December; plan agreed")
    save(dialog, "countersign")
    dialog.reject()

    trust_certificate(main.notebook, colleague.cert_pem)
    dialog = main.flows.trusted_certificates()
    wait()
    save(dialog, "trusted-certificates")
    dialog.reject()


def _shoot_case(main: Any, wait: Any, save: Save) -> None:
    """The chronology dialog, a case closed with a reason, someone no longer involved."""
    pane = main.record_pane
    main.open_case("C-2041")
    wait()
    pane.print_chronology(True)
    wait()
    save(pane.dialog, "chronology-dialog")
    pane.dialog.reject()
    view = main.case_view
    people = main.notebook.people.list("C-2041")
    main.notebook.people.mark_no_longer_involved(
        "C-2041", people[-1].key, "2026-05-01", "Moved to another area"
    )
    main.open_case("C-2041")
    wait()
    view.tabs.setCurrentIndex(1)
    view.people_table.selectRow(0)
    wait()
    save(main, "case-people-involvement")
    view.involved_button.click()
    wait()
    save(pane.dialog, "no-longer-involved")
    pane.dialog.reject()
    # The case has drafts: the question naming them is answered "close anyway" (offscreen
    # nothing can click it, and a modal question would wait until the idle lock).
    pane.confirm_close = lambda *_: True
    view.status_button.click()
    wait()
    pane.dialog.reason.setPlainText("The family moved out of the area; case transferred.")
    save(pane.dialog, "close-case")
    pane.dialog.reject()
    view.tabs.setCurrentIndex(0)
