"""Render the main views of a demo notebook offscreen to docs/screenshots/*.png.

Run: ``python -m ui.tools.screenshots [OUTPUT_DIR] [--dark]``. Everything (the demo notebook,
settings) lives in a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 1280, 800


def main(argv: list[str] | None = None) -> int:
    """Write the screenshots; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m ui.tools.screenshots",
        description="Render the main views of a demo notebook offscreen to PNG files.",
    )
    parser.add_argument(
        "out", nargs="?", type=Path, help="output folder (default: docs/screenshots)"
    )
    parser.add_argument("--dark", action="store_true", help="a dark palette (into dark/)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    dark = args.dark
    out = args.out or ROOT / "docs" / "screenshots" / ("dark" if dark else "")
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="casebook-shots-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for var, sub in (("HOME", "home"), ("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data")):
        os.environ[var] = str(scratch / sub)
    os.environ.setdefault("CASEBOOK_KDF_COST", "test")
    try:
        return _shoot(out, scratch, dark)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _shoot(out: Path, scratch: Path, dark: bool = False) -> int:

    from casebook.demo import create_demo_notebook
    from ui.app import AppController, dispose_windows, make_application
    from ui.settings import AppSettings
    from ui.tools.harness import saver, settler
    from ui.unlock import UnlockWindow
    from ui.welcome import WelcomeWindow

    app = make_application()
    if dark:
        from ui.theme import apply_theme

        apply_theme("dark", app)
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)

    settle, save = settler(app), saver(out)

    welcome = WelcomeWindow(scratch / "Default.casebook")
    welcome.resize(640, 540)
    welcome.show()
    settle()
    save(welcome, "welcome")
    welcome.show_create()
    welcome.name.setText("Alex Morgan")
    welcome.role.setText("Social Worker")
    welcome.organisation.setText("Northvale Children's Services")
    welcome.passphrase.setText("correct horse battery")
    welcome.passphrase2.setText("correct horse battery")
    settle()
    save(welcome, "welcome-create")
    welcome.close()
    welcome.deleteLater()

    folder = scratch / "Demo.casebook"
    notebook, _key = create_demo_notebook(folder, "demo")
    notebook.close()
    unlock = UnlockWindow(
        folder, hint="This is the fictional demo notebook. Its passphrase is “demo”."
    )
    unlock.show()
    settle()
    save(unlock, "unlock")
    unlock.passphrase.setText("not it")
    unlock.unlock()
    while unlock.working:
        settle(rounds=1)
    settle()
    save(unlock, "unlock-wrong-passphrase")
    unlock.forgot.click()
    assert unlock.recovery_dialog is not None
    unlock.recovery_dialog.new.setText("a new passphrase of words")
    settle()
    save(unlock.recovery_dialog, "recovery-dialog")
    unlock.recovery_dialog.reject()
    unlock.close()
    unlock.deleteLater()
    _shoot_verify_without_notebook(folder, scratch, settle, save)

    from casebook.service import Notebook

    settings = AppSettings(scratch / "config")
    settings.backup_reminder_days = 0  # the reminder gets a screenshot of its own
    controller = AppController(settings, folder)
    controller._on_unlocked(Notebook.open(folder, "demo"))
    main = controller.main_window
    main.resize(WIDTH, HEIGHT)
    bridge = controller.bridge
    settle(bridge)
    main.open_case("C-2041")
    settle(bridge)
    main.case_view.record_table.selectRow(0)
    save(main, "case-records")

    main.case_view.tabs.setCurrentIndex(1)
    settle(bridge)
    save(main, "case-people")
    main.case_view.tabs.setCurrentIndex(2)
    settle(bridge)
    save(main, "chronology")
    main.case_view.tabs.setCurrentIndex(3)
    settle(bridge)
    save(main, "case-actions")
    main.case_view.tabs.setCurrentWidget(main.case_view.trends)
    settle(bridge)
    # The keyboard on the first chart's next-to-last dot (the ring shows where it is).
    chart = next(c for c in main.case_view.trends.charts if len(c.trend.points) > 1)
    chart.setFocus()
    settle(bridge)
    chart.go_to(len(chart.trend.points) - 2)
    settle(bridge)
    save(main, "case-change-over-time")

    records = notebook_records(controller)
    child = next(r for r in records if r[1] == "child_work" and r[2] == "disclosure")
    main.open_record(child[0])
    settle(bridge)
    save(main, "child-work-editor")
    save(main.editor.body, "child-work-editor-full")

    main.open_case("C-2041")
    settle(bridge)
    main.new_record("child_work")
    settle(bridge)
    form = main.editor.form
    # Siblings seen together: both children ticked (only the case's children are offered).
    for key in ("p3", "p4"):
        form.fields["children"].tick(key)
    activity = form.fields["activity"].combo
    activity.setCurrentIndex(activity.findData("three_houses"))
    form.fields["childs_words"].add_quote("Kacper: Daddy lives at Uncle Marek's now.")
    form.fields["childs_words"].add_quote("")
    # No disclosure is added, as on every new record: the picture shows what a practitioner
    # sees before writing anything there.
    main.editor.common.location.setCurrentIndex(main.editor.common.location.findData("home_visit"))
    main.editor.save_now()
    settle(bridge, rounds=8)
    save(main, "child-work-new-draft")
    save(main.editor.body, "child-work-new-draft-full")
    main.editor.request_discard = lambda: None  # keep the demo as it was

    # Siblings seen together, a disclosure by each, and Amira's drawing (final).
    siblings = next(r for r in records if r[1] == "child_work" and r[2] == "siblings")
    main.open_record(siblings[0])
    settle(bridge)
    save(main, "child-work-siblings")
    save(main.editor.body, "child-work-siblings-full")
    # Amira's drawing, full size from memory, with Save a copy….
    main.editor.attachments.list.setCurrentRow(0)
    settle(bridge)
    main.editor.attachments.open_viewer()
    settle(bridge)
    if main.editor.attachments.viewer is not None:
        save(main.editor.attachments.viewer, "drawing-viewer")
        main.editor.attachments.viewer.close()

    # Another final direct-work record (not the disclosure one shown above), as a locked
    # document with Add addendum at the top.
    other_child = next(r for r in records if r[1] == "child_work" and not r[2])
    main.open_record(other_child[0])
    settle(bridge)
    save(main, "child-work-final")
    save(main.editor.body, "child-work-final-full")

    session = next(r for r in records if r[1] == "session" and r[2] == "medium")
    main.open_record(session[0])
    settle(bridge)
    main.editor.scroll_area.ensureWidgetVisible(main.editor.form.escalation_box)
    settle(bridge)
    save(main, "session-editor-medium-risk")
    save(main.editor.body, "session-editor-full")

    partner = next(r for r in records if r[1] == "partner_support")
    main.open_record(partner[0])
    settle(bridge)
    save(main.editor.body, "partner-support-editor-full")

    meeting = next(r for r in records if r[1] == "professional_contact")
    main.open_record(meeting[0])
    settle(bridge)
    save(main, "professional-contact-editor")
    save(main.editor.body, "professional-contact-editor-full")
    from ui.tools import screenshots_week

    screenshots_week.shoot_new_professional_contact(main, bridge, settle, save)
    screenshots_week.shoot_risk_and_intake(main, controller, bridge, settle, save)

    _shoot_summary_and_backup(main, settings, scratch, settle, save)

    main.show_actions_due()
    settle(bridge)
    save(main, "actions-due")
    main.show_reflections()
    settle(bridge)
    save(main, "reflective-log")
    main.search_field.setText("worry")
    settle(bridge, rounds=10)
    save(main, "search")
    view = main.search_view  # narrowed, as `casebook search plan --case C-2041 --kind ...`
    main.search_field.setText("plan")
    view.case_picker.setCurrentIndex(view.case_picker.findData("C-2041"))
    view.kind_picker.setCurrentIndex(view.kind_picker.findData("partner_support"))
    settle(bridge, rounds=10)
    save(main, "search-narrowed")
    view.case_picker.setCurrentIndex(0)
    view.kind_picker.setCurrentIndex(0)
    from ui.tools.screenshots_flows import shoot_flows

    shoot_flows(controller, scratch, settle, save)
    from ui.tools.screenshots_rights import shoot_rights

    shoot_rights(controller, settle, save)
    from ui.tools.screenshots_week import shoot_week

    shoot_week(controller, scratch, settle, save)
    from ui.tools.screenshots_writing import shoot_writing

    shoot_writing(controller, settle, save)
    main.toggle_privacy(True)
    settle()
    save(main, "privacy-screen")
    main.toggle_privacy(False)
    controller.lock("idle")
    settle()
    save(controller.window, "locked")
    controller.shutdown()
    dispose_windows()
    return 0


def _shoot_verify_without_notebook(folder: Path, scratch: Path, settle: Any, save: Any) -> None:
    """Verify a signed summary… from the welcome window: no notebook, then the
    practitioner's certificate file trusted for this check."""
    from PySide6.QtWidgets import QFileDialog

    from casebook.service import Notebook
    from casebook.summary.export import export_summary
    from ui.welcome import WelcomeWindow

    notebook = Notebook.open(folder, "demo")
    try:
        pdf = export_summary(notebook, ["C-2041"], redaction="initials", review=False)
        cert = notebook.identity.signing_identity().cert_pem
    finally:
        notebook.close()
    files = scratch / "home" / "Documents"
    files.mkdir(parents=True, exist_ok=True)
    summary, cert_file = files / "summary-C-2041.pdf", files / "sam-example.pem"
    summary.write_bytes(pdf)
    cert_file.write_bytes(cert)

    welcome = WelcomeWindow(scratch / "Default.casebook")
    welcome.resize(640, 540)
    welcome.show()
    dialog = welcome.verify_summary(summary)

    def checked() -> None:
        while dialog.check is None:
            settle(rounds=1)
        settle()

    checked()
    save(dialog, "welcome-verify")
    chooser = QFileDialog.getOpenFileName
    QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(cert_file), ""))  # type: ignore[method-assign]
    try:
        dialog.check = None
        dialog.trust_once_button.click()
        checked()
    finally:
        QFileDialog.getOpenFileName = chooser  # type: ignore[method-assign]
    save(dialog, "welcome-verify-trusted")
    dialog.reject()
    welcome.close()
    welcome.deleteLater()


def _shoot_summary_and_backup(
    main: Any, settings: Any, scratch: Path, settle: Any, save: Any
) -> None:
    """The signed summary dialog, the status bar after a summary, the backup reminder."""
    from dataclasses import replace
    from datetime import datetime, timedelta

    from casebook.backup import LAST_BACKUP_SETTING
    from ui import exports
    from ui.review import RedactionReviewDialog
    from ui.settings import SettingsDialog
    from ui.summary import SummaryDialog

    bridge = main.bridge
    main.open_case("C-2041")
    main.case_view.tabs.setCurrentIndex(0)
    settle(bridge)
    dialog = SummaryDialog(main.cases.all_cases(), "C-2041", main)
    dialog.show()
    settle()
    save(dialog, "summary-dialog")
    dialog.set_ticked([])
    dialog.set_period("2026-05-01", "2026-04-01")
    settle()
    save(dialog, "summary-dialog-problem")
    dialog.set_ticked(["C-2041"])
    dialog.set_period(None, None)
    options = dialog.options()
    dialog.close()
    dialog.deleteLater()
    found: list[Any] = []
    bridge.run(exports.review_summary, main.notebook, options, on_done=found.append)
    settle(bridge)
    review = RedactionReviewDialog(found[0], main)
    review.show()
    settle()
    save(review, "redaction-review")
    review.redact_undecided()
    options = replace(options, decisions=review.decisions())
    review.close()
    review.deleteLater()
    out = scratch / "home" / "Documents" / "summary-C-2041.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    bridge.run(
        exports.write_summary, main.notebook, options, out, on_done=main.exports._summary_written
    )
    settle(bridge, rounds=10)
    save(main, "summary-saved")
    main.result_notice.hide()
    main.statusBar().clearMessage()

    settings.backup_reminder_days = 7
    settings_dialog = SettingsDialog(settings, main)
    settings_dialog.show()
    settle()
    save(settings_dialog, "settings")
    settings_dialog.backup_days.setValue(0)
    settle()
    save(settings_dialog, "settings-never-remind")
    settings_dialog.close()
    settings_dialog.deleteLater()

    settings.backup_reminder_days = 7
    twelve_days_ago = datetime.now().astimezone() - timedelta(days=12)
    bridge.run(
        main.notebook.settings.set,
        LAST_BACKUP_SETTING,
        twelve_days_ago.isoformat(timespec="seconds"),
    )
    main.check_backup_reminder()
    settle(bridge)
    save(main, "backup-reminder")
    bridge.run(main.notebook.settings.set, LAST_BACKUP_SETTING, "")
    main.check_backup_reminder()
    settle(bridge)
    save(main.backup_reminder, "backup-reminder-never")
    main.backup_reminder.hide()


def notebook_records(controller: Any) -> list[tuple[str, str, str]]:
    """(id, kind, a feature) of every record in the demo notebook, for picking examples."""
    nb = controller.notebook
    out = []
    for case in nb.cases.list():
        for summary in nb.records.list(case.ref):
            record = nb.records.get(summary.id)
            feature = ""
            if record.kind == "child_work" and record.fields.get("disclosure"):
                feature = "disclosure"
            if record.kind == "child_work" and len(record.fields.get("children") or []) > 1:
                feature = "siblings"
            if record.kind == "session":
                feature = record.fields.get("risk_to_self") or ""
            out.append((record.id, record.kind, feature))
    return out


if __name__ == "__main__":
    sys.exit(main())
