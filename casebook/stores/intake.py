"""Intake rows of cases (table ``case_intake``): read, set (audited), referrals waiting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from casebook import timeutil
from casebook.changes import CaseChanged
from casebook.intake import FLAG_KEYS, INTAKE_KEYS, Intake, parse_intake
from casebook.stores.base import Facade, Store
from casebook.stores.cases import CaseStore

_COLUMNS = ", ".join(INTAKE_KEYS)


@dataclass(frozen=True)
class Waiting:
    """An open case whose referral has not yet been seen.

    Attributes:
        case_ref: The case.
        case_title: Its title.
        referral_date: When it was referred.
        days: Days waited so far (today minus the referral date).
        over_aim: Waited longer than the service's aim (:data:`casebook.intake.AIM_DAYS`).
    """

    case_ref: str
    case_title: str
    referral_date: str
    days: int
    over_aim: bool


def _row_intake(row: Any) -> Intake:
    values = dict(zip(INTAKE_KEYS, row, strict=True))
    for key in FLAG_KEYS:
        values[key] = bool(values[key])
    return Intake(**values)


class _Parts(Facade, Protocol):
    cases: CaseStore


class IntakeStore(Store[_Parts]):
    """``notebook.intake``: the intake of each case."""

    def get(self, ref: str) -> Intake | None:
        """Case ``ref``'s intake, or None when none was recorded.

        Raises:
            NotFound: there is no such case.
        """
        case_id = self._notebook.cases.get(ref).id
        row = self._db.query_one(
            f"SELECT {_COLUMNS} FROM case_intake WHERE case_id = ?", (case_id,)
        )
        return _row_intake(row) if row else None

    def set(self, ref: str, changes: dict[str, Any]) -> Intake:
        """Change parts of case ``ref``'s intake (keys of an ``intake`` object; null clears).

        Raises:
            NotFound: there is no such case.
            InvalidInput: naming the part that is wrong; nothing changes.
        """
        case_id = self._notebook.cases.get(ref).id
        current = self.get(ref)
        merged = {**(current.document() if current else {}), **changes}
        intake = parse_intake(merged)
        with self._db.transaction() as tx:
            self.write(tx, case_id, intake)
            changed = sorted(k for k in changes if k in INTAKE_KEYS)
            self._audit.append(
                tx, timeutil.now(), "case.intake", f"case:{case_id}", "set=" + ",".join(changed)
            )
        self._notify(CaseChanged(ref))
        return intake

    @staticmethod
    def write(tx: Any, case_id: int, intake: Intake) -> None:
        """Store ``intake`` as case ``case_id``'s (inside the caller's transaction)."""
        values = intake.document()
        row = [values[k] for k in INTAKE_KEYS]
        row = [int(v) if k in FLAG_KEYS else v for k, v in zip(INTAKE_KEYS, row, strict=True)]
        tx.execute("DELETE FROM case_intake WHERE case_id = ?", (case_id,))
        marks = ", ".join("?" for _ in INTAKE_KEYS)
        tx.execute(
            f"INSERT INTO case_intake (case_id, {_COLUMNS}, updated_at) VALUES (?, {marks}, ?)",
            (case_id, *row, timeutil.now()),
        )

    def waiting(self, today: date | None = None) -> list[Waiting]:
        """Open cases referred and not yet seen, longest waiting first."""
        from casebook.intake import AIM_DAYS

        today = today or date.fromisoformat(timeutil.today())
        rows = self._db.query(
            "SELECT c.ref, c.title, i.referral_date FROM case_intake i"
            " JOIN cases c ON c.id = i.case_id"
            " WHERE c.status = 'open' AND i.referral_date IS NOT NULL"
            " AND i.first_contact IS NULL ORDER BY i.referral_date, c.ref"
        )
        out = []
        for ref, title, referred in rows:
            days = (today - date.fromisoformat(referred)).days
            out.append(Waiting(ref, title or "", referred, days, days > AIM_DAYS))
        return out
