"""Raised risk now: the open cases whose latest risk-to-self screen is medium or high."""

from __future__ import annotations

from dataclasses import dataclass

from casebook.risk import RAISED
from casebook.stores.base import Facade, Store


@dataclass(frozen=True)
class RaisedRisk:
    """An open case whose latest screened session rated risk to self medium or high.

    Attributes:
        case_ref: The case.
        case_title: Its title.
        record_id: The session with that screen.
        event_at: When the session took place.
        level: ``"medium"`` or ``"high"``.
        escalated: Whether the session says who was contacted and when.
        status: The session's status (``draft`` or ``final``).
    """

    case_ref: str
    case_title: str
    record_id: str
    event_at: str
    level: str
    escalated: bool
    status: str


_LATEST_SCREENS = """
WITH screens AS (
    SELECT r.case_id, r.uid, r.event_at, r.event_utc, r.status,
           json_extract(r.fields, '$.risk_to_self') AS level,
           coalesce(trim(json_extract(r.fields, '$.escalation_contacted')), '') <> ''
               AND json_extract(r.fields, '$.escalation_on') IS NOT NULL AS escalated,
           row_number() OVER (PARTITION BY r.case_id ORDER BY r.event_utc DESC, r.id DESC) AS n
    FROM records r
    WHERE r.kind = 'session' AND json_extract(r.fields, '$.risk_to_self') IS NOT NULL
)
SELECT c.ref, c.title, s.uid, s.event_at, s.level, s.escalated, s.status
FROM screens s JOIN cases c ON c.id = s.case_id
WHERE s.n = 1 AND c.status = 'open' AND s.level IN ({levels})
ORDER BY s.level = 'high' DESC, s.event_utc DESC
"""


class RiskStore(Store[Facade]):
    """``notebook.risk``: reads of risk to self across the notebook."""

    def raised_now(self) -> list[RaisedRisk]:
        """Open cases whose latest screen is medium or high: high first, then newest."""
        sql = _LATEST_SCREENS.format(levels=", ".join("?" for _ in RAISED))
        rows = self._db.query(sql, RAISED)
        return [
            RaisedRisk(
                case_ref=ref, case_title=title or "", record_id=uid, event_at=event_at,
                level=level, escalated=bool(escalated), status=status,
            )
            for ref, title, uid, event_at, level, escalated, status in rows
        ]  # fmt: skip
