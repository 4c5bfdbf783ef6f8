"""Search as you type across the notebook, with escaped snippets; Enter opens the record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelpers import unlock, wait_idle
from PySide6.QtCore import Qt

from ui.models import HTML_ROLE
from ui.text import snippet_html


def test_searching_as_you_type_finds_the_record_and_enter_opens_it(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    qtbot.keyClick(main, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(main.search_field, "seasi")
    model = main.search_view.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    assert main.pages.currentWidget() is main.search_view
    html = model.index(0, 0).data(HTML_ROLE)
    assert "<b>seaside</b>" in html
    assert "C-1042" in html
    qtbot.keyClick(main.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.editor.record_id == "rec-child-final", timeout=5000)
    assert main.pages.currentWidget() is main.editor


def test_clearing_the_search_field_goes_back_to_the_page_before(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    main.show_actions_due()
    wait_idle(qtbot, main)
    main.search_field.setText("dog")
    qtbot.waitUntil(lambda: main.pages.currentWidget() is main.search_view, timeout=5000)
    main.search_field.clear()
    assert main.pages.currentWidget() is main.actions_view


def test_search_text_with_fts_syntax_or_html_is_shown_literally(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    main.search_field.setText('"<b>bold" OR *')
    qtbot.waitUntil(lambda: main.pages.currentWidget() is main.search_view, timeout=5000)
    wait_idle(qtbot, main)
    assert "&lt;b&gt;bold" in main.search_view.heading.text()


def test_snippets_escape_the_users_text_and_bold_only_the_matches() -> None:
    assert snippet_html("a <script> \x02Łukasz\x03 & b") == "a &lt;script&gt; <b>Łukasz</b> &amp; b"
    assert snippet_html("\x02x\x03\x02y\x03") == "<b>x</b><b>y</b>"


def test_a_hit_found_by_a_name_shows_its_title_once_and_a_snippet_of_its_text(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    main.search_field.setText("lukasz")
    model = main.search_view.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    html = model.index(0, 0).data(HTML_ROLE)
    assert html.count("Review session") == 1
    assert "Łukasz" not in html and "Ольга" not in html
    assert "Review of the safety plan" in html
