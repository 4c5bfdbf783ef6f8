"""Change over time in the app: rating in the session and partner support editors, and
the case's Change over time tab charting the dated ratings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelpers import open_case, open_record, unlock, wait_idle
from PySide6.QtCore import QPointF, Qt

from ui.editors.ratings import NOT_RATED
from ui.trends import chart_points


def _rate(controller: Any, record_id: str, **fields: Any) -> None:
    record = controller.notebook.records.get(record_id)
    data = {"event_at": record.event_at, "people": list(record.people),
            "fields": {**record.fields, **fields}}  # fmt: skip
    controller.notebook.records.save_draft(record_id, data)


def _session(controller: Any, at: str, **fields: Any) -> str:
    data = {"kind": "session", "event_at": at, "people": ["p2"], "fields": fields}
    return str(controller.notebook.records.create("C-1042", data).id)


def test_a_rating_set_in_the_session_editor_is_saved_and_charted(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    editor = open_record(qtbot, main, "rec-session-draft")
    motivation = editor.form.fields["motivation_rating"].combo
    assert motivation.currentText() == NOT_RATED
    assert motivation.itemText(motivation.findData("action")) == "3 · Making changes"
    with qtbot.waitSignal(editor.saved, timeout=5000):
        motivation.setCurrentIndex(motivation.findData("action"))
        qtbot.keyClicks(editor.form.fields["motivation_note"].edit, "Booked the course <b>")
    wait_idle(qtbot, main)
    qtbot.waitUntil(
        lambda: (
            controller.notebook.records.get("rec-session-draft").fields.get("motivation_note")
            == "Booked the course <b>"
        )
    )
    saved = controller.notebook.records.get("rec-session-draft").fields
    assert saved["motivation_rating"] == "action"
    assert saved["denial_rating"] is None and saved["desistance_rating"] is None
    # The case's tab follows the autosave without reading the whole case again.
    page = main.case_view.trends
    qtbot.waitUntil(lambda: chart_points(page).get("Motivation to change — Mark Smith") == [
        ("2026-03-06T14:00:00+00:00", 3)
    ])  # fmt: skip
    latest = [w.text() for w in page.body.findChildren(type(main.case_view.heading))]
    assert any("Booked the course <b>" in t for t in latest)  # literally, as typed


def test_the_partner_support_editor_rates_protective_capacity(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_case(qtbot, main, "C-1042")
    main.new_record("partner_support")
    qtbot.waitUntil(lambda: main.editor.record is not None
                    and main.editor.record.kind == "partner_support")  # fmt: skip
    editor = main.editor
    wait_idle(qtbot, main)
    rating = editor.form.fields["protective_rating"].combo
    assert rating.currentData() is None and rating.currentText() == NOT_RATED
    with qtbot.waitSignal(editor.saved, timeout=5000):
        rating.setCurrentIndex(rating.findData("developing"))
    wait_idle(qtbot, main)
    record = controller.notebook.records.get(editor.record_id)
    assert record.fields["protective_rating"] == "developing"
    assert record.fields["protective_note"] == ""


def test_the_case_view_charts_each_scale_with_its_dated_points_in_order(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    first = _session(controller, "2026-01-05T10:00:00+00:00", motivation_rating="contemplation",
                     denial_rating="full_denial")  # fmt: skip
    _rate(controller, "rec-session-draft", motivation_rating="maintenance")
    _session(controller, "2026-02-05T10:00:00+00:00", motivation_rating="preparation")
    open_case(qtbot, main, "C-1042")
    page = main.case_view.trends
    qtbot.waitUntil(lambda: bool(page.charts))
    points = chart_points(page)
    assert points["Motivation to change — Mark Smith"] == [
        ("2026-01-05T10:00:00+00:00", 1),
        ("2026-02-05T10:00:00+00:00", 2),
        ("2026-03-06T14:00:00+00:00", 4),
    ]
    assert points["Denial and minimisation — Mark Smith"] == [("2026-01-05T10:00:00+00:00", 0)]
    assert points["Strengths and desistance factors"] == []
    assert points["Protective capacity"] == []
    # A click on a dot opens its record.
    main.case_view.tabs.setCurrentWidget(page)
    chart = next(c for c in page.charts if c.trend.scale.rating == "motivation_rating")
    chart.resize(300, 120)
    at, point = chart.positions()[0]
    assert point.record_id == first
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPointF(at).toPoint())
    qtbot.waitUntil(lambda: main.editor.record is not None and main.editor.record.id == first)


def test_a_chart_is_read_and_its_records_opened_from_the_keyboard(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    first = _session(controller, "2026-01-05T10:00:00+00:00", motivation_rating="contemplation")
    _session(controller, "2026-02-05T10:00:00+00:00", motivation_rating="preparation")
    open_case(qtbot, main, "C-1042")
    page = main.case_view.trends
    qtbot.waitUntil(lambda: bool(page.charts))
    main.case_view.tabs.setCurrentWidget(page)
    chart = next(c for c in page.charts if c.trend.scale.rating == "motivation_rating")
    empty = next(c for c in page.charts if not c.trend.points)
    assert chart.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert empty.focusPolicy() == Qt.FocusPolicy.NoFocus  # nothing to read: Tab skips it
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus)
    last = len(chart.trend.points) - 1
    assert chart.current == last  # the latest rating first
    assert f"({last + 1} of {last + 1})" in chart.accessibleDescription()
    qtbot.keyClick(chart, Qt.Key.Key_Home)
    assert chart.current == 0
    described = chart.accessibleDescription()
    assert described.startswith("5 Jan 2026: ") and described.endswith(f"(1 of {last + 1})")
    qtbot.keyClick(chart, Qt.Key.Key_Left)  # already the first: stays
    assert chart.current == 0
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.current == 1
    qtbot.keyClick(chart, Qt.Key.Key_Left)
    qtbot.keyClick(chart, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.editor.record is not None and main.editor.record.id == first)
