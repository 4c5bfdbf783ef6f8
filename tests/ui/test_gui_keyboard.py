"""The keyboard: the toolbar reached by Tab and shortcuts, a visible focus ring on tables,
and Ctrl+Z taking back one word at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelpers import open_record, unlock
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QToolButton


def _shown(qtbot: Any, main: Any) -> None:
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)


def test_every_toolbar_button_is_reached_by_tab_and_has_a_shortcut(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    main.resize(1280, 800)  # wide enough that no button is folded into the overflow menu
    _shown(qtbot, main)
    toolbar = main.menus.toolbar
    buttons = [
        toolbar.widgetForAction(a)
        for a in toolbar.actions()
        if isinstance(toolbar.widgetForAction(a), QToolButton) and a.isVisible()
    ]
    assert len(buttons) >= 6
    for button in buttons:
        action = button.defaultAction()
        assert action.shortcuts(), action.text()
        assert action in main.actions(), action.text()  # works with the toolbar hidden
    main.search_field.setFocus()
    reached = set()
    for _ in range(80):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.add(id(QApplication.focusWidget()))
    missing = [b.defaultAction().text() for b in buttons if id(b) not in reached]
    assert missing == []


def test_a_table_with_the_keyboard_in_it_shows_a_ring_in_the_highlight_colour(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    _shown(qtbot, main)
    table = main.case_pane.case_table
    highlight = table.palette().color(QPalette.ColorRole.Highlight).rgb()
    edge = table.viewport().mapTo(table, table.viewport().rect().bottomLeft())
    point = (edge.x() + 1, edge.y() - 1)  # inside the viewport's edge, under no row
    main.case_filter.setFocus()
    assert table.grab().toImage().pixel(*point) != highlight
    table.setFocus()
    qtbot.wait(300)  # the first case opens on the right; the keyboard stays in the list
    assert table.hasFocus()
    assert table.grab().toImage().pixel(*point) == highlight
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: main.current_ref == "C-2001")
    assert table.hasFocus()


def test_one_ctrl_z_takes_back_one_word_not_the_paragraph(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    _shown(qtbot, main)
    editor = open_record(qtbot, main, "rec-session-draft")
    narrative = editor.form.fields["narrative"].edit
    narrative.setFocus()
    narrative.moveCursor(narrative.textCursor().MoveOperation.End)
    before = narrative.toPlainText()
    qtbot.keyClicks(narrative, " Mark said the week went well.")
    qtbot.keyClick(narrative, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert narrative.toPlainText() == before + " Mark said the week went "
    qtbot.keyClick(narrative, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert narrative.toPlainText() == before + " Mark said the week "
