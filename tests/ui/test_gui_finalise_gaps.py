"""Before finalising, the key fields left empty are listed and the practitioner asked;
saving a draft never waits for them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelpers import open_case, unlock, wait_idle
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.editors.finalise import ask_finalise, finalise_gaps


def _new_session(qtbot: Any, main: Any) -> Any:
    open_case(qtbot, main, "C-1042")
    main.new_record("session")
    qtbot.waitUntil(lambda: main.editor.record is not None and main.editor.record.kind == "session")
    wait_idle(qtbot, main)
    return main.editor


def test_finalising_lists_the_empty_key_fields_and_asks_while_drafts_save_regardless(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    editor = _new_session(qtbot, main)
    asked: list[list[str]] = []
    editor.confirm_finalise = lambda parent, gaps: asked.append(gaps) or False
    editor.form.fields["narrative"].edit.setPlainText("We met at the office.")
    editor.request_finalise()
    assert not editor.is_final
    assert asked == [
        ["Location: still “— choose —”", "Session type: not chosen",
         "Risk to self: the screen is not answered"]
    ]  # fmt: skip
    assert editor.save_sync()  # the draft itself is saved, gaps and all
    stored = controller.notebook.records.get(editor.record_id)
    assert stored.fields["narrative"] == "We met at the office." and stored.status == "draft"

    common, form = editor.common, editor.form
    common.location.setCurrentIndex(common.location.findData("office"))
    form.fields["session_type"].combo.setCurrentIndex(
        form.fields["session_type"].combo.findData("review")
    )
    risk = form.fields["risk_to_self"].combo
    risk.setCurrentIndex(risk.findData("high"))
    # A raised screen without who was contacted and when is refused before any question
    # (the core refuses it too, casebook.risk): the app says why.
    refused: list[str] = []
    editor.refuse_finalise = lambda parent, why: refused.append(why)
    asked_before = len(asked)
    editor.request_finalise()
    assert len(asked) == asked_before and refused and "Risk to self is high" in refused[0]
    form.fields["escalation_contacted"].edit.setPlainText("Crisis team, duty worker")
    form.fields["escalation_on"].set_value("2026-03-04")
    editor.request_finalise()
    assert asked[-1] == ["Risk to self is high, but no escalation is recorded"]
    form.fields["escalation"].edit.setPlainText("Rang the crisis team at 15:10.")
    editor.confirm_finalise = lambda parent, gaps: asked.append(gaps) or True
    editor.request_finalise()
    qtbot.waitUntil(lambda: editor.is_final, timeout=5000)
    assert asked[-1] == []


def test_finalising_asks_which_child_made_each_disclosure_left_unsaid() -> None:
    fields = {
        "children": ["p3", "p4"],
        "activity": "three_houses",
        "disclosures": [{"child": "p3", "verbatim": "a"}, {"child": None, "verbatim": "b"}],
    }
    gaps = finalise_gaps({"kind": "child_work", "location": "home_visit", "fields": fields})
    assert gaps == ["Disclosure 2: which child made it is not chosen"]


def test_the_question_names_each_gap_and_going_back_is_the_default(qtbot: Any) -> None:
    gaps = finalise_gaps({"kind": "child_work", "location": "home_visit", "fields": {}})
    assert gaps == ["Children: not chosen", "Activity or tool: not chosen"]
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.informativeText())
        seen.append(box.defaultButton().text())
        box.defaultButton().click()

    QTimer.singleShot(0, answer)
    assert ask_finalise(None, gaps) is False  # type: ignore[arg-type]
    assert "Children: not chosen" in seen[0] and "Activity or tool: not chosen" in seen[0]
    assert seen[1] == "Go back and fill them in"
