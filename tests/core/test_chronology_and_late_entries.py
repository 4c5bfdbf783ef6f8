"""Late entries (written > 24 h after the event) are flagged wherever records are listed;
a chronology is in date order whatever offsets the times were written with."""

from __future__ import annotations

import pytest

from casebook import timeutil


def _session(uid: str, event_at: str, written_at: str, **extra) -> dict:
    return {"id": uid, "kind": "session", "event_at": event_at, "written_at": written_at,
            "fields": {"narrative": f"Walrus note {uid}."}, **extra}  # fmt: skip


OFFSETS_DOC = {
    "format": "casebook/1",
    "cases": [{
        "ref": "T-1",
        "records": [
            # Listed out of order; the local clock times sort differently from the instants.
            # 23:00Z on the 3rd:
            _session("c-tokyo", "2026-03-04T08:00:00+09:00", "2026-03-04T09:00:00+09:00"),
            # 01:00Z on the 4th:
            _session("c-london", "2026-03-04T01:00:00+00:00", "2026-03-04T02:00:00+00:00"),
            _session("c-newyork", "2026-03-03T19:30:00-05:00", "2026-03-05T00:30:01-05:00",
                     significant=True),  # 00:30Z 4th: late by one second
            _session("c-exact", "2026-03-01T10:00:00+00:00", "2026-03-02T10:00:00+00:00"),
            _session("c-late-offset", "2026-03-06T23:00:00-10:00", "2026-03-08T11:00:00+01:00"),
        ],
    }],
}  # fmt: skip

IN_ORDER = ["c-exact", "c-tokyo", "c-newyork", "c-london", "c-late-offset"]
LATE = {"c-exact": False, "c-tokyo": False, "c-newyork": True, "c-london": False,
        "c-late-offset": True}  # fmt: skip


@pytest.fixture
def nb(empty_notebook):
    empty_notebook.interchange.import_document(OFFSETS_DOC)
    return empty_notebook


def test_late_entry_is_more_than_24_hours_after_the_event():
    assert not timeutil.is_late("2026-03-01T10:00:00+00:00", "2026-03-02T10:00:00+00:00")
    assert timeutil.is_late("2026-03-01T10:00:00+00:00", "2026-03-02T10:00:01+00:00")
    # Offsets count: 23:00-10:00 on the 6th is 09:00Z on the 7th; 10:00+01:00 on the 8th is
    # 09:00Z, exactly 24 h later (not late); 11:00+01:00 is 25 h later (late).
    assert not timeutil.is_late("2026-03-06T23:00:00-10:00", "2026-03-08T10:00:00+01:00")
    assert timeutil.is_late("2026-03-06T23:00:00-10:00", "2026-03-08T11:00:00+01:00")


def test_chronology_is_in_date_order_across_offsets(nb):
    assert [e.record_id for e in nb.records.chronology("T-1")] == IN_ORDER


def test_chronology_flags_late_entries_and_significant_records(nb):
    entries = nb.records.chronology("T-1")
    assert {e.record_id: e.late for e in entries} == LATE
    assert [e.record_id for e in nb.records.chronology("T-1", significant_only=True)] == [
        "c-newyork"
    ]
    assert all(e.kind == "session" and e.title == "Session" for e in entries)


def test_list_records_flags_late_entries_newest_first(nb):
    summaries = nb.records.list("T-1")
    assert [s.id for s in summaries] == IN_ORDER[::-1]
    assert {s.id: s.late for s in summaries} == LATE
    assert [s.id for s in nb.records.list("T-1", newest_first=False)] == IN_ORDER


def test_search_hits_flag_late_entries(nb):
    assert {h.record_id: h.late for h in nb.records.search("walrus")} == LATE
    assert [h.record_id for h in nb.records.search("walrus")] == IN_ORDER[::-1]


def test_record_and_summary_flag_late_entries(nb, notebook):
    assert nb.records.get("c-newyork").late
    assert not nb.records.get("c-london").late
    assert notebook.records.get("rec-partner-late").late


def test_editing_a_draft_recomputes_the_late_flag(nb):
    # Moving the event two days earlier makes the same written time a late entry (the
    # written time itself is never the caller's to change).
    record = _session("c-london", "2026-03-02T01:00:00+00:00", "2026-03-04T02:00:00+00:00")
    nb.records.save_draft("c-london", record)
    assert nb.records.get("c-london").late


def test_record_written_now_about_last_week_is_late(empty_notebook):
    empty_notebook.cases.add("T-2")
    record = empty_notebook.records.create(
        "T-2", {"kind": "session", "event_at": "2020-01-01T10:00:00+00:00"}
    )
    assert record.late
    assert record.written_at >= timeutil.today()


def test_cli_shows_late_entries_in_chronology_case_show_and_search(cli, notebook_path):
    rc, out, _ = cli.nb(notebook_path, "chronology", "C-1042")
    assert rc == 0
    lines = out.splitlines()
    # The sample caseload was imported: its late mark is judged by the claimed time.
    late_lines = [line for line in lines if "late entry" in line]
    assert len(late_lines) == 1 and "rec-partner-late" in late_lines[0]
    assert "(imported; late entry as claimed)" in late_lines[0]
    # date order: the child work on the 4th, the session on the 6th, the partner call on the 7th
    order = [next(i for i, line in enumerate(lines) if uid in line)
             for uid in ("rec-child-final", "rec-session-draft", "rec-partner-late")]  # fmt: skip
    assert order == sorted(order)

    rc, out, _ = cli.nb(notebook_path, "case", "show", "C-1042")
    assert rc == 0
    assert (
        next(line for line in out.splitlines() if "LATE" in line)
        .strip()
        .startswith("rec-partner-late")
    )
    rc, out, _ = cli.nb(notebook_path, "search", "court")
    assert rc == 0
    assert "rec-partner-late" in out and "LATE" in out
