"""Writing aids in the app: spell-check as you type, phrases and templates, language check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from guihelpers import PASSPHRASE, open_case, open_record, unlock, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor

from casebook.service import Notebook
from casebook.writing.phrases import Phrase
from casebook.writing.store import WritingStore
from ui.writing.hub import hub
from ui.writing.language_panel import LanguageCheckPanel, open_panel

SPELLCHECK = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
CONFIDENTIALITY = Phrase("Confidentiality", "Explained confidentiality and its limits.", ";conf")


def underlined(edit: Any) -> list[str]:
    """The words of a text box that the spell-checker underlines."""
    out = []
    block = edit.document().begin()
    while block.isValid():
        for rng in block.layout().formats():
            if rng.format.underlineStyle() == SPELLCHECK:
                out.append(block.text()[rng.start : rng.start + rng.length])
        block = block.next()
    return out


def speller_ready(qtbot: Any) -> None:
    qtbot.waitUntil(lambda: hub().speller is not None and hub().bridge is not None, timeout=15_000)


def session_editor(qtbot: Any, make_controller: Any, notebook_path: Path) -> tuple[Any, Any]:
    main = unlock(qtbot, make_controller(notebook_path))
    editor = open_record(qtbot, main, "rec-session-draft")
    speller_ready(qtbot)
    wait_idle(qtbot, main)
    return main, editor


def word_position(edit: Any, word: str) -> Any:
    """Viewport coordinates inside ``word`` (for a right-click there)."""
    cursor = QTextCursor(edit.document())
    cursor.setPosition(edit.toPlainText().index(word) + 2)
    return edit.cursorRect(cursor).center()


def new_record(qtbot: Any, main: Any, kind: str) -> Any:
    open_case(qtbot, main, "C-1042")
    main.new_record(kind)
    qtbot.waitUntil(lambda: main.editor.record is not None and main.editor.record.kind == kind)
    wait_idle(qtbot, main)
    return main.editor


def test_a_misspelt_word_is_underlined_as_typed_and_corrected_from_the_menu(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    _main, editor = session_editor(qtbot, make_controller, notebook_path)
    narrative = editor.form.fields["narrative"].edit
    narrative.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(narrative, " The practioner spoke to Mark about his behaviour.")
    assert underlined(narrative) == ["practioner"]

    menu = narrative.writing_aids.build_menu(word_position(narrative, "practioner"))
    suggestions = [a for a in menu.actions() if a.objectName() == "suggestion"]
    assert suggestions[0].text() == "practitioner"
    assert menu.actions()[0] is suggestions[0]  # suggestions come first
    suggestions[0].trigger()
    assert "The practitioner spoke" in narrative.toPlainText()
    assert underlined(narrative) == []
    with qtbot.waitSignal(editor.saved, timeout=5000):
        pass  # the correction is an edit like any other: it autosaves
    narrative.undo()
    assert "The practioner spoke" in narrative.toPlainText()


def test_names_of_the_case_people_are_never_underlined(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    _main, editor = session_editor(qtbot, make_controller, notebook_path)
    narrative = editor.form.fields["narrative"].edit
    narrative.setPlainText("Jane and Lily Smith's visit; Mark's mum. Zebulonx came too.")
    assert underlined(narrative) == ["Zebulonx"]


def test_add_to_my_dictionary_keeps_the_word_encrypted_in_the_notebook_only(
    notebook_path: Path, make_controller: Any, qtbot: Any, app_settings: Any
) -> None:
    main, editor = session_editor(qtbot, make_controller, notebook_path)
    narrative = editor.form.fields["narrative"].edit
    narrative.setPlainText("Referred to the Qwertyhaven project.")
    assert underlined(narrative) == ["Qwertyhaven"]
    menu = narrative.writing_aids.build_menu(word_position(narrative, "Qwertyhaven"))
    add = next(a for a in menu.actions() if a.objectName() == "addToDictionary")
    add.trigger()
    assert underlined(narrative) == []
    wait_idle(qtbot, main)
    assert WritingStore(main.notebook).personal_words() == ["Qwertyhaven"]
    main.close()
    app_settings.sync()
    plain = b"".join(p.read_bytes() for p in app_settings.path.parent.rglob("*") if p.is_file())
    assert b"Qwertyhaven" not in plain
    assert b"Qwertyhaven" not in (notebook_path / "notebook.db").read_bytes()


def test_opening_a_record_with_misspelt_words_changes_nothing(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    with Notebook.open(notebook_path, PASSPHRASE) as nb:
        data = nb.interchange.record_document("rec-session-draft")
        data["fields"]["narrative"] = "Teh sesion went wel."
        for key in ("id", "significant", "status"):
            data.pop(key, None)
        nb.records.save_draft("rec-session-draft", data)
    _main, editor = session_editor(qtbot, make_controller, notebook_path)
    narrative = editor.form.fields["narrative"].edit
    assert underlined(narrative) == ["Teh", "sesion", "wel"]
    # Underlining again (a dictionary loaded, the case's names arrived) is not an edit:
    # the box does not report a change, so the editor has nothing to save.
    changes: list[bool] = []
    narrative.textChanged.connect(lambda: changes.append(True))
    hub().spelling_changed.emit()
    hub().set_names(["Someone Else"])
    narrative.setReadOnly(True)
    narrative.setReadOnly(False)
    qtbot.wait(100)
    assert changes == []
    assert underlined(narrative) == ["Teh", "sesion", "wel"]
    assert narrative.toPlainText() == "Teh sesion went wel."


def test_a_final_record_shows_no_underlines_and_offers_no_corrections(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    editor = open_record(qtbot, main, "rec-child-final")
    speller_ready(qtbot)
    worries = editor.form.fields["worries"].edit
    assert worries.isReadOnly()
    assert underlined(worries) == []
    menu = worries.writing_aids.build_menu(word_position(worries, "Bedtimes"))
    assert not [a for a in menu.actions() if a.objectName() in ("suggestion", "addToDictionary")]


def test_a_phrase_is_inserted_by_its_trigger_and_undo_takes_it_back(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main, editor = session_editor(qtbot, make_controller, notebook_path)
    hub().set_phrases([CONFIDENTIALITY])
    wait_idle(qtbot, main)
    narrative = editor.form.fields["narrative"].edit
    narrative.setFocus()
    narrative.setPlainText("")
    qtbot.keyClicks(narrative, "Start. ;conf")
    qtbot.keyClick(narrative, Qt.Key.Key_Tab)
    assert narrative.toPlainText() == "Start. " + CONFIDENTIALITY.text
    assert narrative.hasFocus()  # Tab expanded the phrase instead of moving on
    narrative.undo()
    assert narrative.toPlainText() == "Start. ;conf"
    narrative.setPlainText("")
    qtbot.keyClicks(narrative, "Then ;CONF")
    qtbot.keyClick(narrative, Qt.Key.Key_Space)
    assert narrative.toPlainText() == "Then " + CONFIDENTIALITY.text + " "
    narrative.undo()
    assert narrative.toPlainText() == "Then ;CONF"
    qtbot.keyClick(narrative, Qt.Key.Key_Space)  # a word that is not a trigger: just a space
    qtbot.keyClicks(narrative, "conf")
    qtbot.keyClick(narrative, Qt.Key.Key_Space)
    assert narrative.toPlainText() == "Then " + CONFIDENTIALITY.text + " conf "
    assert WritingStore(main.notebook).phrases() == [CONFIDENTIALITY]


def test_the_phrase_menu_inserts_a_phrase_at_the_cursor(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    _main, editor = session_editor(qtbot, make_controller, notebook_path)
    hub().set_phrases([CONFIDENTIALITY])
    purpose = editor.form.fields["purpose"].edit
    purpose.setPlainText("Review. ")
    purpose.moveCursor(QTextCursor.MoveOperation.End)
    menu = purpose.writing_aids.phrase_menu()
    action = next(a for a in menu.actions() if a.data() == "Confidentiality")
    action.trigger()
    assert purpose.toPlainText() == "Review. " + CONFIDENTIALITY.text


def test_the_phrases_manager_opened_from_a_text_box_gives_its_phrase_box_the_writing_aids(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.writing.phrases_dialog import PhrasesDialog
    from ui.writing.textaids import TextAids

    _main, editor = session_editor(qtbot, make_controller, notebook_path)
    editor.form.fields["purpose"].edit.writing_aids.manage_phrases()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PhrasesDialog))
    qtbot.addWidget(dialog)
    assert isinstance(dialog.text.writing_aids, TextAids)
    assert dialog.text.writing_aids.hub is hub()


def test_a_template_goes_into_an_empty_box_only_when_asked_and_undo_removes_it(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    editor = new_record(qtbot, main, "session")
    narrative = editor.form.fields["narrative"].edit
    assert narrative.toPlainText() == ""  # never filled in by itself
    aids = narrative.writing_aids
    assert aids.place() == ("session", "narrative")
    assert aids.insert_template()
    assert narrative.toPlainText().startswith("Purpose and agreement for today:")
    assert not aids.insert_template()  # not into a box that has text
    narrative.undo()
    assert narrative.toPlainText() == ""
    assert editor.form.fields["purpose"].edit.writing_aids.template() is None


def test_the_language_check_finds_failed_to_protect_and_replaces_it_with_the_alternative(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    editor = new_record(qtbot, main, "partner_support")
    box = editor.form.fields["protective_capacity"].edit
    box.setPlainText("Jane failed to protect the children before the arrest.")
    panel = open_panel(editor)
    qtbot.addWidget(panel)
    assert isinstance(panel, LanguageCheckPanel)
    assert [(f.field, f.phrase) for f in panel.findings] == [
        ("protective_capacity", "failed to protect")
    ]
    assert panel.list.topLevelItem(0).text(0) == "Protective capacity"
    assert "responsib" in panel.reason.text()
    assert panel.alternatives.currentText() == "was not able to protect"
    panel.replace()
    assert box.toPlainText() == "Jane was not able to protect the children before the arrest."
    assert panel.findings == []
    with qtbot.waitSignal(editor.saved, timeout=5000):
        pass
    assert (
        "was not able to protect"
        in main.notebook.records.get(editor.record_id).fields["protective_capacity"]
    )
    box.undo()
    assert "failed to protect" in box.toPlainText()


def test_ignoring_a_finding_leaves_the_words_as_they_are(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    editor = new_record(qtbot, main, "partner_support")
    editor.form.fields["feelings"].edit.setPlainText("Says he is always late. She is in denial.")
    panel = open_panel(editor)
    qtbot.addWidget(panel)
    assert [f.phrase for f in panel.findings] == ["always", "in denial"]
    panel.ignore()
    assert [f.phrase for f in panel.findings] == ["in denial"]
    assert "always" in editor.form.fields["feelings"].value()


@pytest.mark.parametrize("finalise_anyway", [True, False])
def test_with_the_check_on_finalising_lists_findings_and_finalise_anyway_is_always_there(
    finalise_anyway: bool, notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main, editor = session_editor(qtbot, make_controller, notebook_path)
    hub().set_check_before_finalise(True)
    editor.form.fields["narrative"].edit.setPlainText("He never lies.")
    asked: list[list[str]] = []

    def ask(parent: Any, findings: list[Any], kind: str) -> bool:
        asked.append([f.phrase for f in findings])
        return finalise_anyway

    import ui.writing.language_panel as panel_module

    original = panel_module.ask_before_finalise
    panel_module.ask_before_finalise = ask
    try:
        editor.confirm_finalise = lambda parent, gaps: True
        editor.request_finalise()
    finally:
        panel_module.ask_before_finalise = original
    assert asked == [["never"]]
    if finalise_anyway:
        qtbot.waitUntil(lambda: editor.is_final, timeout=5000)
    else:
        assert not editor.is_final
        panel = main.findChild(LanguageCheckPanel)
        assert panel is not None and panel.findings
        with qtbot.waitSignal(editor.saved, timeout=5000):
            pass  # saving goes on as usual: the check never blocks it


def test_settings_keep_the_dictionary_and_language_list_in_the_notebook_not_a_file(
    notebook_path: Path, make_controller: Any, qtbot: Any, app_settings: Any
) -> None:
    from casebook.paths import resource_dir
    from ui.writing.settings_page import WritingSettingsPage

    shipped = (resource_dir("language") / "guidance.json").read_bytes()
    main, editor = session_editor(qtbot, make_controller, notebook_path)
    page = WritingSettingsPage()
    qtbot.addWidget(page)
    page.dictionary.setCurrentIndex(page.dictionary.findData("en_US"))
    row = next(i for i, (e, _) in enumerate(page.entries) if e.id == "absolutes")
    page.tree.topLevelItem(row).setCheckState(0, Qt.CheckState.Unchecked)
    page.before_finalise.setChecked(True)
    page.apply()
    wait_idle(qtbot, main)
    qtbot.waitUntil(
        lambda: hub().speller is not None and hub().speller.code == "en_US", timeout=15_000
    )

    store = WritingStore(main.notebook)
    assert store.dictionary() == "en_US"
    assert store.language_override() == {"absolutes": None}
    assert store.check_before_finalise()
    assert "absolutes" not in {e.id for e in hub().state.guidance.entries}
    narrative = editor.form.fields["narrative"].edit
    narrative.setPlainText("The colour of the color")
    assert underlined(narrative) == ["colour"]
    assert (resource_dir("language") / "guidance.json").read_bytes() == shipped
    app_settings.sync()
    config = app_settings.path.read_text(encoding="utf-8") if app_settings.path.exists() else ""
    assert "en_US" not in config and "absolutes" not in config


def test_an_own_language_entry_is_added_in_settings_and_found_by_the_check(
    notebook_path: Path, make_controller: Any, qtbot: Any, monkeypatch: Any
) -> None:
    from casebook.writing import language
    from ui.writing import settings_page

    main, editor = session_editor(qtbot, make_controller, notebook_path)
    page = settings_page.WritingSettingsPage()
    qtbot.addWidget(page)
    own = language.Entry("own-kicked-off", ("kicked off",), "Vague.", ("became angry",), "Team")
    monkeypatch.setattr(page, "_ask", lambda entry: own)
    page.add_entry()
    page.apply()
    wait_idle(qtbot, main)
    editor.form.fields["narrative"].edit.setPlainText("Mark kicked off when asked.")
    panel = open_panel(editor)
    qtbot.addWidget(panel)
    assert [(f.phrase, f.entry.id) for f in panel.findings] == [("kicked off", "own-kicked-off")]
    assert WritingStore(main.notebook).language_override() == {"own-kicked-off": own}


def test_the_phrases_dialog_saves_phrases_and_refuses_a_repeated_trigger(
    notebook_path: Path, make_controller: Any, qtbot: Any, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ui.writing.phrases_dialog import PhrasesDialog

    main, _editor = session_editor(qtbot, make_controller, notebook_path)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    dialog = PhrasesDialog(hub())
    qtbot.addWidget(dialog)
    for name, trigger in (("Confidentiality", ";conf"), ("Again", ";CONF")):
        dialog.add_phrase()
        dialog.name.setText(name)
        dialog.name.textEdited.emit(name)
        dialog.trigger.setText(trigger)
        dialog.trigger.textEdited.emit(trigger)
        dialog.text.setPlainText(f"{name} text")
    dialog.accept()
    assert warned and "Again" in warned[0] and "trigger" in warned[0]
    assert WritingStore(main.notebook).phrases() == []
    dialog.remove_phrase()
    dialog.accept()
    wait_idle(qtbot, main)
    assert WritingStore(main.notebook).phrases() == [
        Phrase("Confidentiality", "Confidentiality text", ";conf")
    ]


def test_phrases_exported_from_the_dialog_import_into_another_notebook(
    notebook_path: Path, make_controller: Any, qtbot: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    from guihelpers import fake_save
    from PySide6.QtWidgets import QFileDialog

    from ui.writing.phrases_dialog import PhrasesDialog

    main, _editor = session_editor(qtbot, make_controller, notebook_path)
    hub().set_phrases([CONFIDENTIALITY])
    target = tmp_path / "phrases.json"
    fake_save(monkeypatch, target)
    dialog = PhrasesDialog(hub())
    qtbot.addWidget(dialog)
    dialog.export_file()
    exported = target.read_text(encoding="utf-8")
    assert '"format": "casebook/1.1"' in exported and CONFIDENTIALITY.text in exported

    hub().set_phrases([])
    wait_idle(qtbot, main)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    again = PhrasesDialog(hub())
    qtbot.addWidget(again)
    again.import_file()
    again.accept()
    wait_idle(qtbot, main)
    assert WritingStore(main.notebook).phrases() == [CONFIDENTIALITY]


def test_the_language_check_finds_and_replaces_words_in_the_second_disclosure(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    editor = new_record(qtbot, main, "child_work")
    disclosures = editor.form.fields["disclosures"]
    for response in ("Listened.", "I told him he always tells the truth."):
        disclosures.add.click()
        entry = disclosures.entries[-1]
        entry.disclosure.verbatim.setPlainText("He always says that")  # their words: not checked
        entry.disclosure.response.setPlainText(response)
    panel = open_panel(editor)
    qtbot.addWidget(panel)
    assert [(f.field, f.phrase) for f in panel.findings] == [("disclosures[1].response", "always")]
    assert panel.list.topLevelItem(0).text(0) == "Disclosure 2: response"
    panel.replace()
    second = disclosures.entries[1].disclosure.response.toPlainText()
    assert "always" not in second and disclosures.entries[0].disclosure.response.toPlainText() == (
        "Listened."
    )
