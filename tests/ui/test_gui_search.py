"""Search as you type across the notebook, with escaped snippets; Enter opens the record."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from guihelpers import PASSPHRASE, many_records_document, unlock, wait_idle
from PySide6.QtCore import Qt

from ui.models import HTML_ROLE, ROW_ROLE
from ui.search import SEARCH_LIMIT, SEARCH_MS
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


def _hit_ids(main: Any) -> set[str]:
    model = main.search_view.model
    return {model.index(row, 0).data(ROW_ROLE).record_id for row in range(model.rowCount())}


def _search_everywhere_for_the(main: Any, qtbot: Any) -> None:
    qtbot.keyClicks(main.search_field, "the")
    qtbot.waitUntil(lambda: main.search_view.model.rowCount() == 3, timeout=5000)
    assert _hit_ids(main) == {"rec-child-final", "rec-partner-late", "rec-b-session"}


def test_narrowing_the_search_to_a_case_hides_the_other_cases_hits(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    view = main.search_view
    _search_everywhere_for_the(main, qtbot)
    picker = view.case_picker
    assert [picker.itemText(i) for i in range(picker.count())] == [
        "All cases", "C-1042 — Family A", "C-2001 — Family B",
    ]  # fmt: skip
    picker.setFocus()
    qtbot.keyClick(picker, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: _hit_ids(main) == {"rec-b-session"}, timeout=5000)
    assert "in case C-2001" in view.heading.text()
    assert main.pages.currentWidget() is view
    qtbot.keyClick(picker, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=5000)
    assert " in " not in view.heading.text()


def test_narrowing_the_search_to_a_kind_hides_the_other_kinds_hits(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    view = main.search_view
    _search_everywhere_for_the(main, qtbot)
    picker = view.kind_picker
    assert [picker.itemText(i) for i in range(picker.count())] == [
        "All kinds", "Session", "Direct work with a child", "Partner support",
        "Professional contact",
    ]  # fmt: skip
    picker.setFocus()
    qtbot.keyClick(picker, Qt.Key.Key_Down)
    qtbot.keyClick(picker, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: _hit_ids(main) == {"rec-child-final"}, timeout=5000)
    assert "matches “the” (direct work with a child only)" in view.heading.text()
    # Both pickers narrow together: no direct work with a child in C-2001.
    qtbot.keyClick(view.case_picker, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=5000)
    assert "in case C-2001 (direct work with a child only)" in view.heading.text()
    assert "choose All cases and All kinds" in view.heading.text()
    # A new word is searched within the same case and kind.
    main.search_field.setText("seaside")
    wait_idle(qtbot, main)
    qtbot.wait(SEARCH_MS * 2)
    wait_idle(qtbot, main)
    assert view.model.rowCount() == 0
    qtbot.keyClick(view.case_picker, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: _hit_ids(main) == {"rec-child-final"}, timeout=5000)


def test_locking_forgets_the_cases_offered_and_the_narrowing(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    view = main.search_view
    qtbot.waitUntil(lambda: view.case_picker.count() == 3, timeout=5000)
    view.case_picker.setCurrentIndex(2)
    view.kind_picker.setCurrentIndex(1)
    main.shutdown()  # what locking does to the window before it goes
    assert [view.case_picker.itemText(i) for i in range(view.case_picker.count())] == ["All cases"]
    assert (view.case_ref, view.kind) == (None, None)
    controller.lock("manual")
    main = unlock(qtbot, controller)
    qtbot.waitUntil(lambda: main.search_view.case_picker.count() == 3, timeout=5000)
    assert (main.search_view.case_ref, main.search_view.kind) == (None, None)


def test_show_more_asks_for_the_older_hits_beyond_the_first_fifty(
    empty_notebook_path: Path, make_controller: Any, make_document: Any, qtbot: Any
) -> None:
    from casebook.service import Notebook

    nb = Notebook.open(empty_notebook_path, PASSPHRASE)
    nb.interchange.import_document(many_records_document(make_document(), 1, 60))
    nb.close()
    main = unlock(qtbot, make_controller(empty_notebook_path))
    view = main.search_view
    main.search_field.setText("attended")
    qtbot.waitUntil(lambda: view.model.rowCount() == SEARCH_LIMIT, timeout=5000)
    wait_idle(qtbot, main)
    assert "The 50 newest records" in view.heading.text()
    assert view.more_button.isVisibleTo(view)
    qtbot.mouseClick(view.more_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(view.model.rows()) == 60, timeout=5000)
    assert "60 records" in view.heading.text()
    assert not view.more_button.isVisibleTo(view)
    # A new word asks for the first fifty again.
    main.search_field.setText("attended on")
    qtbot.waitUntil(lambda: len(view.model.rows()) == SEARCH_LIMIT, timeout=5000)


def test_search_hits_are_laid_out_one_under_another_at_the_lists_width(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    main.resize(1280, 800)
    main.show()
    view = main.search_view
    _search_everywhere_for_the(main, qtbot)
    qtbot.waitUntil(lambda: view.list.visualRect(view.model.index(2, 0)).height() > 0)
    indexes = [view.model.index(row, 0) for row in range(3)]
    rects = [view.list.visualRect(index) for index in indexes]
    for above, below in itertools.pairwise(rects):
        assert below.top() == above.bottom() + 1  # no row drawn over another
    # Each row is as high as its text wrapped at the list's width: what paint() draws.
    for index, rect in zip(indexes, rects, strict=True):
        assert view.list.sizeHintForIndex(index) == rect.size()
        assert rect.width() == view.list.viewport().width()


def test_a_case_gone_from_the_list_widens_the_search_without_showing_the_results(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    view = main.search_view
    _search_everywhere_for_the(main, qtbot)
    view.case_picker.setCurrentIndex(view.case_picker.findData("C-2001"))
    qtbot.waitUntil(lambda: _hit_ids(main) == {"rec-b-session"}, timeout=5000)
    main.open_record("rec-child-final")
    qtbot.waitUntil(lambda: main.pages.currentWidget() is main.editor, timeout=5000)
    # The case list reloads without C-2001 (deleted past retention, say).
    main.case_pane.cases_loaded.emit([c for c in main.cases.all_cases() if c.ref != "C-2001"])
    wait_idle(qtbot, main)
    assert view.case_ref is None
    assert view.case_picker.count() == 2
    assert main.pages.currentWidget() is main.editor
