"""Writing records: the editors, autosave, finalise, addenda, attachments, actions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from guihelpers import MARKER, PASSPHRASE, open_case, open_record, unlock, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from casebook import kinds
from ui.editors.editor import FORMS


def _new_record(qtbot: Any, main: Any, kind: str) -> Any:
    main.new_record(kind)
    qtbot.waitUntil(
        lambda: (
            main.editor.record is not None
            and main.editor.record.kind == kind
            and main.pages.currentWidget() is main.editor
        )
    )
    return main.editor


@pytest.mark.parametrize("kind", kinds.KINDS)
def test_every_field_of_every_kind_has_a_widget_in_its_editor(kind: str, qtbot: Any) -> None:
    form = FORMS[kind]()
    qtbot.addWidget(form)
    assert list(form.fields) == [spec.name for spec in kinds.FIELDS[kind]]
    for widget in form.fields.values():
        assert form.isAncestorOf(widget), widget.spec.name
        assert widget.accessibleName()


def test_a_child_work_record_with_a_quote_and_a_disclosure_autosaves_and_survives_quit(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    editor = _new_record(qtbot, main, "child_work")
    form = editor.form
    form.fields["children"].boxes["p3"].click()
    quotes = form.fields["childs_words"]
    qtbot.mouseClick(quotes.add, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(quotes.quotes[0].edit, f"I liked the {MARKER} drawing")
    qtbot.mouseClick(form.fields["disclosures"].add, Qt.MouseButton.LeftButton)
    entry = form.fields["disclosures"].entries[0]
    entry.child.setCurrentIndex(entry.child.findData("p3"))
    disclosure = entry.disclosure
    qtbot.keyClicks(disclosure.verbatim, "He told me not to tell")
    disclosure.present.setPlainText("Teacher")
    disclosure.response.setPlainText("Listened, did not ask leading questions.")
    disclosure._add_informed("Duty social worker", None)
    disclosure.informed.item(0, 0).setText("Duty social worker")
    form.fields["worries"].edit.setPlainText("Bedtimes")

    with qtbot.waitSignal(editor.saved, timeout=5000):
        pass  # the autosave timer (1.5 s after the last change) saves on its own
    wait_idle(qtbot, main)
    assert main.saved_label.text().startswith("Draft saved at")
    record_id = editor.record_id
    assert "Lily" in editor.record.title

    main.close()
    qtbot.waitUntil(lambda: controller.notebook is None)

    again = make_controller(notebook_path)
    main = unlock(qtbot, again)
    editor = open_record(qtbot, main, record_id)
    assert editor.form.fields["childs_words"].value() == [f"I liked the {MARKER} drawing"]
    [value] = editor.form.fields["disclosures"].value()
    assert value["child"] == "p3"
    assert value["verbatim"] == "He told me not to tell"
    assert value["present"] == "Teacher"
    assert [i["who"] for i in value["informed"]] == ["Duty social worker"]
    assert editor.form.fields["worries"].value() == "Bedtimes"


def test_a_draft_is_saved_when_the_notebook_locks_before_the_autosave_pause(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    narrative = editor.form.fields["narrative"].edit
    narrative.setPlainText(f"Typed just before stepping away {MARKER}")
    assert editor.dirty
    controller.lock("manual")
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    assert MARKER in editor.form.fields["narrative"].value()


def test_finalising_asks_first_then_makes_the_editor_refuse_edits_and_shows_the_hash(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    asked: list[bool] = []
    editor.confirm_finalise = lambda parent, gaps: asked.append(False) or False
    editor.request_finalise()
    assert asked and not editor.is_final

    editor.confirm_finalise = lambda parent, gaps: True
    editor.request_finalise()
    qtbot.waitUntil(lambda: editor.is_final, timeout=5000)
    assert "Content hash (SHA-256)" in editor.header.info.text()
    assert editor.record.content_hash in editor.header.info.text()
    assert editor.header.badge.text() == "Final"

    edits = editor.findChildren(QPlainTextEdit)
    addendum = editor.addenda_section.addendum_text
    editable = [e for e in edits if not e.isReadOnly() and e is not addendum]
    assert editable == []
    narrative = editor.form.fields["narrative"].edit
    before = narrative.toPlainText()
    qtbot.keyClicks(narrative, "changed")
    assert narrative.toPlainText() == before
    assert not editor.common.location.isEnabled()
    assert not editor.finalise_button.isVisible()


def test_an_addendum_is_added_to_a_final_record_and_shown_under_it(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-partner-late")
    assert editor.is_final
    assert editor.add_addendum_button.isVisibleTo(editor)
    assert editor.header.late.isVisibleTo(editor) and "Late entry" in editor.header.late.text()
    original_hash = editor.record.content_hash
    addenda = editor.addenda_section
    assert not addenda.isVisibleTo(editor)
    qtbot.mouseClick(editor.add_addendum_button, Qt.MouseButton.LeftButton)
    assert addenda.isVisibleTo(editor)
    addenda.addendum_text.setPlainText("Partner rang back: wants the leaflet posted.")
    qtbot.mouseClick(addenda.addendum_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(editor.record.addenda) == 1, timeout=5000)
    assert "wants the leaflet posted" in editor.document.text.text()
    assert editor.record.content_hash == original_hash
    assert addenda.addendum_text.toPlainText() == ""
    assert not addenda.isVisibleTo(editor)


def test_medium_risk_to_self_reveals_escalation_and_the_gp_details(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    form = editor.form
    assert not form.escalation_box.isVisibleTo(form)
    risk = form.fields["risk_to_self"].combo
    risk.setCurrentIndex(risk.findData("medium"))
    assert form.escalation_box.isVisibleTo(form)
    assert "Dr Patel, Oak Surgery" in form.gp.text()
    form.fields["escalation"].edit.setPlainText("Phoned GP surgery, spoke to duty doctor.")
    boxes = form.fields["risk_indicators"].boxes
    assert boxes["denial"].isChecked() and boxes["minimisation"].isChecked()
    boxes["breach"].setChecked(True)
    assert editor.save_sync()
    saved = controller.notebook.records.get("rec-session-draft")
    assert saved.fields["risk_to_self"] == "medium"
    assert saved.fields["escalation"].startswith("Phoned GP")
    assert saved.fields["risk_indicators"] == ["denial", "minimisation", "breach"]


def test_partner_support_shows_the_feelings_stage_over_time(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    editor = _new_record(qtbot, main, "partner_support")
    wait_idle(qtbot, main)
    form = editor.form
    partner = form.fields["partner"].combo
    partner.setCurrentIndex(partner.findData("p1"))
    stage = form.fields["feelings_stage"].combo
    stage.setCurrentIndex(stage.findData("sadness"))
    assert "Anger" in form.stages.text()
    assert "this contact: Sadness" in form.stages.text()


def test_an_image_attachment_is_stored_in_the_notebook_and_previewed_from_memory(
    notebook_path: Path, make_controller: Any, qtbot: Any, tmp_path: Path
) -> None:
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("green"))
    source = tmp_path / "drawing.png"
    image.save(str(source))
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    files_before = set(tmp_path.rglob("*"))
    editor.attachments.attach_file(str(source))
    qtbot.waitUntil(lambda: len(editor.record.attachments) == 1, timeout=5000)
    assert editor.attachments.list.count() == 1
    editor.attachments.list.setCurrentRow(0)
    qtbot.waitUntil(
        lambda: (
            editor.attachments.preview.pixmap() is not None
            and not editor.attachments.preview.pixmap().isNull()
        ),
        timeout=5000,
    )
    assert set(tmp_path.rglob("*")) - files_before <= {
        p for p in tmp_path.rglob("*") if notebook_path in p.parents or p == notebook_path
    }


def test_ticking_an_action_done_in_the_case_view_marks_it_done_in_the_notebook(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    model = main.case_view.action_model
    row = next(i for i in range(model.rowCount()) if model.row_at(i).text == "Send GP letter")
    action = model.row_at(row)
    model.setData(model.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    wait_idle(qtbot, main)
    done = {a.id: a.done for a in controller.notebook.actions.list("C-1042", include_done=True)}
    assert done[action.id] is True


def test_the_notebook_wide_actions_due_view_marks_overdue_actions(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    main.show_actions_due()
    wait_idle(qtbot, main)
    model = main.actions_view.model
    assert model.rowCount() >= 2
    overdue = [
        model.index(i, 1).data()
        for i in range(model.rowCount())
        if model.is_overdue(model.row_at(i))
    ]
    assert overdue and all(text.startswith("Overdue") for text in overdue)


def test_people_show_their_age_and_a_new_person_can_be_added(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    people = main.case_view.people
    lily = next(i for i in range(people.rowCount()) if people.row_at(i).name == "Lily Smith")
    assert people.index(lily, 3).data().isdigit()
    main.bridge.run(
        lambda: controller.notebook.people.add("C-1042", "Sam Smith", "child", born="2020-01-02")
    )
    qtbot.waitUntil(lambda: any(p.name == "Sam Smith" for p in people.rows()), timeout=5000)


def test_the_reflective_log_lists_entries_and_adds_one(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    main.show_reflections()
    wait_idle(qtbot, main)
    view = main.reflections_view
    assert view.model.rowCount() == 1
    view.text.setPlainText("Supervision: talk about the Smith visit.")
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=5000)


def test_event_time_entered_in_the_editor_is_stored_with_the_local_offset(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    when = editor.common.event_at
    when.date_edit.line.selectAll()
    qtbot.keyClicks(when.date_edit.line, "06/03/2026")
    when.time.selectAll()
    qtbot.keyClicks(when.time, "15:30")
    assert editor.save_sync()
    stored = controller.notebook.records.get("rec-session-draft").event_at
    assert stored.startswith("2026-03-06T15:30:00")
    assert PASSPHRASE  # the notebook stays unlocked


def test_autosave_waits_for_a_short_pause_in_typing_then_saves(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    import time

    from ui.editors.autosave import AUTOSAVE_MS

    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    started = time.monotonic()
    editor.form.fields["purpose"].edit.setPlainText(f"Purpose {MARKER}")
    with qtbot.waitSignal(editor.saved, timeout=AUTOSAVE_MS + 3000):
        pass
    assert time.monotonic() - started >= AUTOSAVE_MS / 1000 * 0.9
    assert controller.notebook.records.get("rec-session-draft").fields["purpose"].endswith(MARKER)
    assert not editor.dirty


def test_record_level_undo_and_redo_restore_choices_outside_text_boxes(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    risk = editor.form.fields["risk_to_self"].combo
    assert risk.currentData() == "low"
    risk.setCurrentIndex(risk.findData("high"))
    editor.common.significant.setChecked(True)
    editor.checkpoint()
    risk.setFocus()
    main.undo_action.trigger()
    assert risk.currentData() == "low"
    assert not editor.common.significant.isChecked()
    assert not editor.form.escalation_box.isVisibleTo(editor.form)
    main.redo_action.trigger()
    assert risk.currentData() == "high"
    assert editor.save_sync()
    assert controller.notebook.records.get("rec-session-draft").fields["risk_to_self"] == "high"


def test_choosing_the_child_ticks_them_as_involved(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    editor = _new_record(qtbot, main, "child_work")
    editor.form.fields["children"].boxes["p3"].click()
    assert editor.common.values()["people"] == ["p3"]
    assert editor.form.age.text().isdigit()


def test_a_new_case_and_a_person_in_it_are_made_through_their_dialogs(
    notebook_path: Path, make_controller: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog

    import ui.case_pane
    import ui.record_pane
    from ui.dialogs import NewCaseDialog, PersonDialog

    class FilledCase(NewCaseDialog):
        def exec(self) -> int:
            self.ref.setText("C-3001")
            self.title_edit.setText("Family C")
            return QDialog.DialogCode.Accepted.value

    class FilledPerson(PersonDialog):
        def exec(self) -> int:
            self.name.setText("Ada Ng")
            self.preferred.setText("Ada")
            self.role.setCurrentIndex(self.role.findData("child"))
            return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ui.case_pane, "NewCaseDialog", FilledCase)
    monkeypatch.setattr(ui.record_pane, "PersonDialog", FilledPerson)
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    main.new_case()
    qtbot.waitUntil(
        lambda: main.case_view.case is not None and main.case_view.case.ref == "C-3001",
        timeout=5000,
    )
    # The case list reloads in the background after the case opens.
    qtbot.waitUntil(lambda: main.cases.row_of("C-3001") >= 0, timeout=5000)
    main.edit_person(None)
    qtbot.waitUntil(
        lambda: [p.preferred_name for p in main.case_view.people.rows()] == ["Ada"], timeout=5000
    )


def test_tab_moves_through_the_editor_in_reading_order(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    from ui.editors.base import focus_chain

    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    chain = focus_chain(editor.body)
    order = {id(w): i for i, w in enumerate(chain)}
    event_at = order[id(editor.common.event_at.date_edit.line)]
    session_type = order[id(editor.form.fields["session_type"].combo)]
    narrative = order[id(editor.form.fields["narrative"].edit)]
    actions = order[id(editor.actions_table.table)]
    assert event_at < session_type < narrative < actions
    widget = editor.common.event_at.date_edit.line
    seen = []
    for _ in range(500):
        if widget is editor.form.fields["session_type"].combo:
            break
        seen.append(widget)
        widget = widget.nextInFocusChain()
    assert widget is editor.form.fields["session_type"].combo
    assert editor.actions_table.table not in seen


def test_a_new_direct_work_record_asserts_no_disclosure_and_keeps_it_unticked(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    editor = _new_record(qtbot, main, "child_work")
    disclosures = editor.form.fields["disclosures"]
    assert disclosures.entries == []
    assert disclosures.value() == []
    assert editor.form.fields["children"].value() == []
    editor.form.fields["worries"].edit.setPlainText("Bedtimes")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        pass
    wait_idle(qtbot, main)
    record_id = editor.record_id
    stored = main.notebook.records.get(record_id).fields
    assert (stored["disclosure"], stored["disclosures"], stored["children"]) == (None, [], [])

    main.show_case_page()
    editor = open_record(qtbot, main, record_id)
    assert editor.form.fields["disclosures"].entries == []
    editor.form.fields["worries"].edit.setPlainText("Bedtimes, and the dog")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        pass
    wait_idle(qtbot, main)
    stored = main.notebook.records.get(record_id).fields
    assert (stored["disclosure"], stored["disclosures"]) == (None, [])


def test_the_person_dialog_edits_other_names(qtbot: Any) -> None:
    from casebook.domain import Person
    from ui.dialogs import PersonDialog

    person = Person(1, "C-1", "p1", "Małgorzata Wójcik", "partner", other_names=("Gosia",))
    dialog = PersonDialog(person)
    qtbot.addWidget(dialog)
    assert dialog.other_names.text() == "Gosia"
    dialog.other_names.setText(" Gosia, Gośka ,, JP ")
    assert dialog.values()["other_names"] == ["Gosia", "Gośka", "JP"]


def test_an_autosave_updates_its_row_without_reloading_the_case_list_or_the_case(
    notebook_path: Path, make_controller: Any, qtbot: Any, monkeypatch: Any
) -> None:
    from ui.case_pane import CasePane
    from ui.record_pane import RecordPane

    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    ref = editor.record.case_ref
    reloads: list[str] = []
    real_refresh, real_load = CasePane.refresh, RecordPane._load_case
    monkeypatch.setattr(CasePane, "refresh", lambda s: (reloads.append("cases"), real_refresh(s)))
    monkeypatch.setattr(RecordPane, "_load_case", lambda s, r: (reloads.append(r), real_load(s, r)))
    records = main.case_view.records
    assert not records.row_at(records.row_of("rec-session-draft")).significant
    editor.common.significant.setChecked(True)
    with qtbot.waitSignal(editor.saved, timeout=5000):
        pass
    wait_idle(qtbot, main)
    qtbot.waitUntil(lambda: records.row_at(records.row_of("rec-session-draft")).significant)
    assert main.case_view.case.ref == ref
    assert reloads == []


def test_an_autosave_that_moves_a_draft_in_time_reloads_the_case_and_the_case_list(
    notebook_path: Path, make_controller: Any, qtbot: Any, monkeypatch: Any
) -> None:
    from ui.case_pane import CasePane

    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = open_record(qtbot, main, "rec-session-draft")
    reloads: list[str] = []
    real_refresh = CasePane.refresh
    monkeypatch.setattr(CasePane, "refresh", lambda s: (reloads.append("cases"), real_refresh(s)))
    when = editor.common.event_at
    when.date_edit.line.selectAll()
    qtbot.keyClicks(when.date_edit.line, "01/01/2026")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        pass
    records = main.case_view.records
    qtbot.waitUntil(
        lambda: records.row_at(records.row_of("rec-session-draft")).event_at.startswith(
            "2026-01-01"
        )
    )
    wait_idle(qtbot, main)
    assert reloads == ["cases"]
    assert records.row_of("rec-session-draft") == len(records.rows()) - 1  # oldest: last
