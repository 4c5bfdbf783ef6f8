"""A late entry is judged by when the record was finalised or last really written, not by
when its draft was started (issue 17 item 8)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from casebook import timeutil
from casebook.textview import record_text

EVENT = (datetime.now().astimezone() - timedelta(days=12)).replace(microsecond=0)


class Clock:
    """Casebook's clock, moved by the test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.at = EVENT + timedelta(hours=1)
        monkeypatch.setattr(timeutil, "now", lambda: self.at.isoformat(timespec="seconds"))

    def later(self, **delta: float) -> None:
        self.at += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


def _draft(notebook: Any, narrative: str = "") -> Any:
    return notebook.records.create(
        "C-1042",
        {"kind": "session", "event_at": EVENT.isoformat(), "people": ["p2"],
         "fields": {"narrative": narrative}},
    )  # fmt: skip


def _edit(notebook: Any, record: Any, narrative: str) -> Any:
    return notebook.records.save_draft(
        record.id, {"event_at": record.event_at, "people": list(record.people),
                    "fields": {**record.fields, "narrative": narrative}},
    )  # fmt: skip


def test_a_draft_started_on_time_and_completed_ten_days_later_is_late(
    notebook: Any, clock: Clock
) -> None:
    record = _draft(notebook, "Started in the car.")
    assert not record.late
    clock.later(days=10)
    record = _edit(notebook, record, "Started in the car. Finished ten days later.")
    assert record.late
    assert record.written_at < record.last_written_at == timeutil.now()
    summary = next(s for s in notebook.records.list("C-1042") if s.id == record.id)
    assert summary.late and summary.last_written_at == record.last_written_at


def test_saving_a_draft_unchanged_days_later_does_not_make_it_late(
    notebook: Any, clock: Clock
) -> None:
    record = _draft(notebook, "Written on the day.")
    clock.later(days=5)
    record = _edit(notebook, record, "Written on the day.")  # an editor opened and closed
    assert not record.late
    assert record.last_written_at is None


def test_a_draft_written_on_time_and_finalised_ten_days_later_is_late(
    notebook: Any, clock: Clock
) -> None:
    record = _draft(notebook, "Written on the day.")
    clock.later(days=10)
    final = notebook.records.finalise(record.id)
    assert final.late
    assert "Finalised:" in record_text(final, {}) and "(late entry)" in record_text(final, {})


def test_a_draft_completed_and_finalised_within_a_day_is_on_time(
    notebook: Any, clock: Clock
) -> None:
    record = _draft(notebook, "Notes.")
    clock.later(hours=20)
    record = _edit(notebook, record, "Notes, completed the same evening.")
    final = notebook.records.finalise(record.id)
    assert not final.late


def test_a_late_mark_is_shown_with_the_time_that_judged_it(notebook: Any, clock: Clock) -> None:
    record = _draft(notebook, "Started.")
    clock.later(days=3)
    record = _edit(notebook, record, "Started. Completed.")
    text = record_text(record, {})
    assert "Last written:" in text and "(late entry)" in text.split("Last written:")[1]


def test_imported_records_keep_the_judgement_by_their_claimed_time(
    notebook: Any, clock: Clock
) -> None:
    clock.later(days=30)
    draft = notebook.records.get("rec-session-draft")  # imported, claimed written on time
    edited = _edit(notebook, draft, "Changed long after the import.")
    assert not edited.late and edited.last_written_at is None


def _upgraded_late(
    rows: list[tuple[str, str, str | None, str, str | None, str | None]],
) -> list[int]:
    """Run the migrations before LATE_ENTRIES on a fresh database, store ``rows``
    (uid, event_at, finalised_at, written_at, updated_at, imported_at, late 0), run
    LATE_ENTRIES and return each record's late mark."""
    import sqlcipher3.dbapi2 as sqlcipher

    from casebook.migrations.late_entries import LATE_ENTRIES
    from casebook.schema import MIGRATIONS

    conn = sqlcipher.connect(":memory:")
    for script in MIGRATIONS[: MIGRATIONS.index(LATE_ENTRIES)]:
        conn.executescript(script)
    conn.execute(
        "INSERT INTO cases (id, ref, title, status, opened, created_at)"
        " VALUES (1, 'C-1', '', 'open', '2026-01-01', '2026-01-01')"
    )
    for uid, event_at, finalised_at, written_at, updated_at, imported_at in rows:
        conn.execute(
            "INSERT INTO records (uid, case_id, kind, event_at, event_utc, written_at, status,"
            " fields, updated_at, imported_at, late, finalised_at)"
            " VALUES (?, 1, 'session', ?, ?, ?, 'draft', '{}', ?, ?, 0, ?)",
            (uid, event_at, event_at, written_at, updated_at, imported_at, finalised_at),
        )
        if finalised_at:
            conn.execute(
                "UPDATE records SET status = 'final', content_hash = 'x' WHERE uid = ?", (uid,)
            )
    conn.executescript(LATE_ENTRIES)
    return [r[0] for r in conn.execute("SELECT late FROM records ORDER BY id")]


def test_the_upgrade_marks_records_completed_late_and_unmarks_none() -> None:
    day = "2026-03-04T10:00:00+00:00"
    assert _upgraded_late([
        ("on-time", day, None, "2026-03-04T11:00:00+00:00", "2026-03-04T12:00:00+00:00", None),
        ("draft-done-later", day, None, "2026-03-04T11:00:00+00:00",
         "2026-03-14T09:00:00+01:00", None),
        ("final-later", day, "2026-03-10T10:00:00+00:00", "2026-03-04T11:00:00+00:00",
         "2026-03-04T11:30:00+00:00", None),
        ("imported", day, None, "2026-03-04T11:00:00+00:00", "2026-03-20T11:00:00+00:00",
         "2026-03-20T11:00:00+00:00"),
    ]) == [0, 1, 1, 0]  # fmt: skip
