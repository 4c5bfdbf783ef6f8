"""The diary's reading of the notebook: next sessions planned in the records of open
cases, the day of each case's latest event, and the iCalendar file written on request
(see :mod:`casebook.diary`)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Protocol

from casebook.diary import Diary, Visit, ics_calendar, in_period, planned_visits
from casebook.record import record_title
from casebook.stores.actions import ActionStore
from casebook.stores.base import Facade, Store


class _Parts(Facade, Protocol):
    actions: ActionStore


class DiaryStore(Store[_Parts]):
    """``notebook.diary``: visits planned and overdue actions, by period."""

    def visits(self, today: date | None = None) -> list[Visit]:
        """Every upcoming visit and every overdue one, overdue first, then by day."""
        today = today or date.today()
        rows = self._db.query(
            "SELECT json_extract(r.fields, '$.next_session'), c.ref, r.uid, r.kind, r.subtype"
            " FROM records r JOIN cases c ON c.id = r.case_id"
            " WHERE c.status = 'open' AND r.kind = 'session'"
            " AND coalesce(json_extract(r.fields, '$.next_session'), '') <> ''"
        )
        last = dict(
            self._db.query(
                "SELECT c.ref, max(substr(r.event_at, 1, 10)) FROM records r"
                " JOIN cases c ON c.id = r.case_id WHERE c.status = 'open' GROUP BY c.ref"
            )
        )
        return planned_visits(
            ((day, ref, uid, record_title(kind, subtype, None)) for day, ref, uid, kind, subtype
             in rows),
            last,
            today,
        )  # fmt: skip

    def diary(
        self, start: date | None = None, end: date | None = None, today: date | None = None
    ) -> Diary:
        """The visits of ``start``..``end`` (all upcoming when not given), every overdue
        visit, and the open actions past their due date."""
        today = today or date.today()
        return Diary(
            start=start.isoformat() if start else None,
            end=end.isoformat() if end else None,
            visits=tuple(in_period(self.visits(today), start, end)),
            overdue_actions=tuple(self._notebook.actions.list(overdue=True, today=today)),
        )

    def write_ics(self, path: Path, start: date | None = None, end: date | None = None) -> int:
        """Write the upcoming visits of the period as an iCalendar file, atomically and
        readable by the owner alone; audited as an export. Returns how many events.

        Raises:
            WriteFailed: the file could not be written; nothing is audited.
        """
        from casebook.atomic import write_atomic

        visits = [v for v in self.diary(start, end).visits if not v.overdue]
        write_atomic(Path(path), ics_calendar(visits, datetime.now(UTC)))
        self._append_audit("diary.ics", "notebook", f"events={len(visits)}")
        return len(visits)
