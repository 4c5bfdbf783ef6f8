"""Moving around: a click on the case shown, closing a case with drafts, quitting from the
unlock window, a too-short passphrase, and the way back after Lock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from guihelpers import open_case, open_record, unlock, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _click_case(qtbot: Any, main: Any, ref: str) -> None:
    table = main.case_pane.case_table
    row = main.cases.row_of(ref)
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.mark.parametrize("page", ["actions due", "reflective log", "search"])
def test_a_click_on_the_case_already_selected_shows_it_again(
    page: str, notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    main.show()
    _click_case(qtbot, main, "C-1042")
    qtbot.waitUntil(lambda: main.pages.currentWidget() is main.case_view)
    wait_idle(qtbot, main)
    if page == "actions due":
        main.show_actions_due()
    elif page == "reflective log":
        main.show_reflections()
    else:
        main.search_field.setText("Mark")
        qtbot.waitUntil(lambda: main.pages.currentWidget() is main.search_view)
    wait_idle(qtbot, main)
    assert main.pages.currentWidget() is not main.case_view
    _click_case(qtbot, main, "C-1042")
    qtbot.waitUntil(lambda: main.pages.currentWidget() is main.case_view, timeout=3000)
    assert main.case_view.case.ref == "C-1042"


def test_a_new_record_stays_on_screen_when_its_save_reloads_the_case_list(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    main.show()
    _click_case(qtbot, main, "C-1042")
    qtbot.waitUntil(lambda: main.pages.currentWidget() is main.case_view)
    main.new_record("child_work")
    qtbot.waitUntil(lambda: main.pages.currentWidget() is main.editor)
    main.editor.form.fields["worries"].edit.setPlainText("Bedtimes")
    main.editor.save_now()
    wait_idle(qtbot, main)
    qtbot.wait(300)
    wait_idle(qtbot, main)
    assert main.pages.currentWidget() is main.editor


def test_closing_a_case_with_drafts_asks_first_and_names_them(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    asked: list[list[str]] = []
    main.record_pane.confirm_close = lambda parent, drafts: (
        asked.append([d.title for d in drafts]) or False
    )
    qtbot.mouseClick(main.case_view.status_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, main)
    assert asked == [["Assessment session"]]
    assert controller.notebook.cases.get("C-1042").status == "open"
    assert main.record_pane.dialog is None  # no reason asked once the practitioner said no
    main.record_pane.confirm_close = lambda parent, drafts: True
    qtbot.mouseClick(main.case_view.status_button, Qt.MouseButton.LeftButton)
    dialog = main.record_pane.dialog
    dialog.reason.setPlainText("Work complete")
    dialog.accept()
    qtbot.waitUntil(lambda: controller.notebook.cases.get("C-1042").status == "closed")


def test_the_close_case_question_lists_each_draft_and_keeping_it_open_is_the_default(
    qtbot: Any,
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from casebook.domain import RecordSummary
    from ui.dialogs import ask_close_case

    draft = RecordSummary(
        id="r1", case_ref="C-1", kind="session", title="Assessment session",
        event_at="2026-03-06T14:00:00+00:00", written_at="2026-03-06T16:00:00+00:00",
        status="draft", late=False, significant=False,
    )  # fmt: skip
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.extend([box.text(), box.informativeText(), box.defaultButton().text()])
        box.defaultButton().click()

    QTimer.singleShot(0, answer)
    assert ask_close_case(None, [draft]) is False  # type: ignore[arg-type]
    assert "1 draft" in seen[0] and "Assessment session" in seen[1]
    assert seen[2] == "Keep it open"


def test_ctrl_q_quits_from_the_unlock_window(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))
    qtbot.keyClick(window.passphrase, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert closed == [True]
    assert not window.isVisible()


def test_enter_on_a_too_short_new_passphrase_says_why_in_the_error_colour(
    tmp_path: Path, qtbot: Any
) -> None:
    from ui.models import warning_colour
    from ui.welcome import MIN_PASSPHRASE, WelcomeWindow

    welcome = WelcomeWindow(tmp_path / "Mine.casebook")
    qtbot.addWidget(welcome)
    welcome.show_create()
    qtbot.keyClicks(welcome.name, "Alex Morgan")
    qtbot.keyClicks(welcome.passphrase, "short")
    qtbot.keyClick(welcome.passphrase, Qt.Key.Key_Return)
    assert f"at least {MIN_PASSPHRASE} characters" in welcome.create_error.text()
    assert welcome.create_error.isVisibleTo(welcome)
    assert warning_colour().name() in welcome.create_error.styleSheet()
    assert not (tmp_path / "Mine.casebook").exists()


def test_lock_comes_back_to_the_same_case_and_record_at_the_same_window_size(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    main.show()
    main.resize(761, 559)  # within the offscreen screen (800 x 600), larger than unlock's
    qtbot.waitUntil(lambda: main.size().width() == 761)
    open_record(qtbot, main, "rec-partner-late")
    controller.lock("manual")
    assert controller.window.size().width() < 761  # the unlock window is small
    again = unlock(qtbot, controller)
    qtbot.waitUntil(lambda: again.editor.record_id == "rec-partner-late", timeout=5000)
    assert again.pages.currentWidget() is again.editor
    assert again.current_ref == "C-1042"
    assert (again.size().width(), again.size().height()) == (761, 559)
    wait_idle(qtbot, again)
    assert again.case_pane.case_table.current_value().ref == "C-1042"
