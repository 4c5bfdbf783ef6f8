"""View ▸ Diary (issue 17 item 4): the week's visits planned in records, overdue visits
and actions, week by week, and Export .ics…."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from guihelpers import fake_save, unlock, wait_idle

from casebook.diary import week_of


def _plan(main: Any, event_offset: int, next_day: date, ref: str = "C-2001") -> str:
    event = (date.today() + timedelta(days=event_offset)).isoformat()
    record = main.bridge.notebook.records.create(
        ref, {"kind": "session", "event_at": f"{event}T10:00:00+00:00",
                   "fields": {"session_type": "review", "next_session": next_day.isoformat()}},
    )  # fmt: skip
    return str(record.id)


def test_the_diary_shows_this_weeks_visits_overdue_ones_and_overdue_actions(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    sunday = week_of(date.today())[1]
    this_week = _plan(main, -30, sunday)
    missed = _plan(main, -60, date.today() - timedelta(days=40), "C-1042")
    next_week = _plan(main, -30, sunday + timedelta(days=3))
    main.menus.diary_action.trigger()
    view = main.record_pane.diary_view
    qtbot.waitUntil(lambda: view.heading.text().startswith("Diary:"))
    wait_idle(qtbot, main)
    assert main.record_pane.currentWidget() is view
    shown = [v.record_id for v in view.visits.rows()]
    assert shown[0] == missed and this_week in shown and next_week not in shown
    assert view.visits.data(view.visits.index(0, 3)) == "Overdue: no record since"
    assert "Send GP letter" in [a.text for a in view.action_model.rows()]
    view.step(7)
    qtbot.waitUntil(lambda: next_week in [v.record_id for v in view.visits.rows()])
    assert this_week not in [v.record_id for v in view.visits.rows()]


def test_a_visit_opens_the_record_that_planned_it(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    planned = _plan(main, -1, date.today() + timedelta(days=1))
    main.record_pane.show_diary()
    view = main.record_pane.diary_view
    qtbot.waitUntil(lambda: planned in [v.record_id for v in view.visits.rows()] or
                    view.monday is None)  # fmt: skip
    view.all_upcoming()
    qtbot.waitUntil(lambda: planned in [v.record_id for v in view.visits.rows()])
    view.open_record.emit(planned)
    qtbot.waitUntil(lambda: main.editor.record_id == planned)


def test_export_ics_writes_the_weeks_visits(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    out = tmp_path / "week.ics"
    fake_save(monkeypatch, out)
    main = unlock(qtbot, make_controller(notebook_path))
    _plan(main, -1, week_of(date.today())[1])
    main.record_pane.show_diary()
    view = main.record_pane.diary_view
    qtbot.waitUntil(lambda: view.heading.text().startswith("Diary:"))
    view.export_ics()
    qtbot.waitUntil(lambda: "Wrote" in view.export_note.text())
    text = out.read_text(encoding="utf-8")
    assert "SUMMARY:Session: case C-2001" in text and "Nguyễn" not in text
