"""The diary (issue 17 item 4): next sessions planned in records, overdue visits and
actions together, by week; an .ics file on request, its text escaped per RFC 5545."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from casebook.diary import Visit, ics_calendar, ics_text, in_period, planned_visits, week_of

TODAY = date.today()


def _day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def _session(notebook: Any, ref: str, event_offset: int, next_offset: int | None) -> str:
    fields: dict[str, Any] = {"session_type": "review"}
    if next_offset is not None:
        fields["next_session"] = _day(next_offset)
    record = notebook.records.create(
        ref, {"kind": "session", "event_at": f"{_day(event_offset)}T10:00:00+00:00",
              "fields": fields},
    )  # fmt: skip
    return str(record.id)


def test_a_next_session_ahead_is_in_the_diary_and_one_passed_without_a_visit_is_overdue(
    notebook: Any,
) -> None:
    ahead = _session(notebook, "C-2001", -1, 3)
    missed = _session(notebook, "C-1042", -20, -10)
    visits = notebook.diary.visits()
    assert [(v.record_id, v.overdue) for v in visits if v.record_id in (ahead, missed)] == [
        (missed, True), (ahead, False)
    ]  # fmt: skip
    assert next(v for v in visits if v.record_id == ahead).title == "Review session"


def test_a_passed_visit_followed_by_a_record_leaves_the_diary(notebook: Any) -> None:
    planned = _session(notebook, "C-2001", -20, -10)
    _session(notebook, "C-2001", -9, None)  # the visit happened (a day late)
    assert planned not in {v.record_id for v in notebook.diary.visits()}


def test_closed_cases_have_no_diary(notebook: Any) -> None:
    planned = _session(notebook, "C-2001", -1, 3)
    notebook.cases.update("C-2001", status="closed")
    assert planned not in {v.record_id for v in notebook.diary.visits()}


def test_the_week_shows_its_visits_every_overdue_one_and_overdue_actions(notebook: Any) -> None:
    monday, sunday = week_of(TODAY)
    assert monday.weekday() == 0 and (sunday - monday).days == 6
    this_week = _session(notebook, "C-2001", -1, (monday - TODAY).days + 6)
    next_week = _session(notebook, "C-2001", -1, (monday - TODAY).days + 8)
    diary = notebook.diary.diary(monday, sunday)
    shown = {v.record_id for v in diary.visits}
    assert this_week in shown and next_week not in shown
    overdue_texts = {a.text for a in diary.overdue_actions}
    assert "Send GP letter" in overdue_texts  # due in March 2026, still open


def test_in_period_keeps_overdue_visits_whatever_the_period() -> None:
    visits = [Visit("2020-01-01", "C-1", "r1", "Session", True),
              Visit("2999-01-01", "C-1", "r2", "Session", False)]  # fmt: skip
    assert [v.record_id for v in in_period(visits, TODAY, TODAY)] == ["r1"]


def test_planned_visits_are_judged_against_the_cases_latest_event() -> None:
    rows = [("2026-01-10", "C-1", "r1", "Session"), ("2026-01-10", "C-2", "r2", "Session")]
    visits = planned_visits(rows, {"C-1": "2026-01-10", "C-2": "2026-01-09"}, date(2026, 2, 1))
    assert [v.record_id for v in visits] == ["r2"]


def test_ics_text_escapes_what_rfc_5545_asks() -> None:
    assert ics_text("a\\b;c,d\ne\r\nf\x07") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_the_ics_file_is_crlf_folded_and_names_the_case_not_the_people() -> None:
    ref = "C-Łukasz;Ольга," + "x" * 80
    data = ics_calendar(
        [Visit("2026-12-08", ref, "r1", "Review session", False),
         Visit("2020-01-01", "C-1", "r0", "Session", True)],
        datetime(2026, 12, 5, 9, 0, tzinfo=UTC),
    )  # fmt: skip
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Session: case C-Łukasz\\;Ольга\\," in unfolded
    assert "DTSTART;VALUE=DATE:20261208" in unfolded and "DTEND;VALUE=DATE:20261209" in unfolded
    assert unfolded.count("BEGIN:VEVENT") == 1  # the overdue visit is not a calendar event
    assert "DTSTAMP:20261205T090000Z" in unfolded


def test_write_ics_is_atomic_owner_only_and_audited(notebook: Any, tmp_path: Path) -> None:
    _session(notebook, "C-2001", -1, 3)
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "diary.ics"
    assert notebook.diary.write_ics(out) >= 1
    assert out.stat().st_mode & 0o777 == 0o600
    assert "Nguyễn" not in out.read_text(encoding="utf-8")
    rows = notebook.database.query("SELECT action, detail FROM audit_log ORDER BY seq DESC")
    assert rows[0][0] == "diary.ics" and rows[0][1].startswith("events=")
    assert list(out.parent.iterdir()) == [out]  # no temporary file left


def test_casebook_diary_lists_visits_and_overdue_actions(
    cli: Any, notebook_path: Path, tmp_path: Path
) -> None:
    record = {"kind": "session", "event_at": f"{_day(-1)}T10:00:00+00:00",
              "fields": {"next_session": _day(2)}}  # fmt: skip
    rc, out, err = cli.nb(notebook_path, "record", "add", "--case", "C-2001", "--json", "-",
                          stdin=json.dumps(record))  # fmt: skip
    assert rc == 0, err
    rc, out, err = cli.nb(notebook_path, "diary")
    assert rc == 0, err
    assert _day(2) in out and "Send GP letter" in out and "Overdue actions" in out
    ics = tmp_path / "next.ics"
    rc, out, err = cli.nb(notebook_path, "diary", "--json", "--ics", ics)
    assert rc == 0 and "not encrypted" in err
    assert any(v["day"] == _day(2) for v in json.loads(out)["visits"])
    assert "BEGIN:VEVENT" in ics.read_text(encoding="utf-8")
