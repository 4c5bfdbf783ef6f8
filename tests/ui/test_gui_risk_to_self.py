"""Risk to self in the app: why a raised screen cannot be finalised yet, the screen and
escalation fields, raised risk now in Actions due, and printing the safety plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelpers import open_record, unlock, wait_idle


def test_a_high_screen_without_who_was_contacted_is_not_finalised_and_the_app_says_why(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    form = editor.form
    risk = form.fields["risk_to_self"].combo
    risk.setCurrentIndex(risk.findData("high"))
    form.fields["risk_plans"].edit.setPlainText("Saving his tablets")
    assert form.escalation_needed.isVisibleTo(form)
    told: list[str] = []
    asked: list[Any] = []
    editor.refuse_finalise = lambda _parent, why: told.append(why)
    editor.confirm_finalise = lambda _parent, gaps: asked.append(gaps) or True
    editor.request_finalise()
    wait_idle(qtbot, main)
    assert told and "Risk to self is high" in told[0]
    assert "who was contacted (gp, crisis team)" in told[0]
    assert not asked
    assert controller.notebook.records.get("rec-session-draft").status == "draft"

    form.fields["escalation_contacted"].edit.setPlainText("Crisis team, duty worker")
    form.fields["escalation_on"].set_value("2026-03-04")
    form.fields["escalation_on"].changed.emit()  # as when the practitioner picks the day
    assert not form.escalation_needed.isVisibleTo(form)
    editor.request_finalise()
    qtbot.waitUntil(lambda: controller.notebook.records.get("rec-session-draft").is_final)
    stored = controller.notebook.records.get("rec-session-draft").fields
    assert stored["risk_plans"] == "Saving his tablets"
    assert stored["escalation_on"] == "2026-03-04"


def test_actions_due_lists_raised_risk_now_and_opens_the_session(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    risk = editor.form.fields["risk_to_self"].combo
    risk.setCurrentIndex(risk.findData("medium"))
    assert editor.save_sync()
    main.show_actions_due()
    wait_idle(qtbot, main)
    panel = main.actions_view.raised
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    line = panel.list.item(0).text()
    assert line.startswith("MEDIUM · ") and "NOT recorded" in line and "(draft)" in line
    opened: list[str] = []
    panel.chosen.connect(opened.append)
    panel.list.itemActivated.emit(panel.list.item(0))
    assert opened == ["rec-session-draft"]


def test_print_safety_plan_writes_the_pdf_where_asked(
    notebook_path: Path, make_controller: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    assert editor.print_plan_button.isVisibleTo(editor)
    editor.form.fields["plan_coping"].edit.setPlainText("Walk by the river")
    target = tmp_path / "plan.pdf"
    editor.ask_safety_plan_path = lambda _parent, name: str(target)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, body: said.append(body))
    editor.print_plan_button.click()
    qtbot.waitUntil(lambda: bool(said), timeout=20_000)
    assert target.read_bytes().startswith(b"%PDF")
    assert "not encrypted" in said[0]
