"""Change over time: a case's dated ratings, one trend per scale and person.

The ratings are fields of the records (:data:`casebook.kinds.RATING_SCALES`): a session
rates the person of concern, a partner support record the partner it is about. A trend
is read, never stored: it is the ratings of the case's records in event order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from casebook import kinds
from casebook.errors import NotFound
from casebook.kinds import RatingScale
from casebook.stores.base import Facade, Store


@dataclass(frozen=True)
class TrendPoint:
    """One dated rating.

    Attributes:
        event_at: When the record's event took place (as recorded, with its offset).
        value: The rating (a step of the scale).
        step: Its place on the scale, 0 = lowest.
        note: The practitioner's note beside it ("" when none).
        record_id: The record that holds it.
        status: The record's status (``draft`` or ``final``).
    """

    event_at: str
    value: str
    step: int
    note: str
    record_id: str
    status: str


@dataclass(frozen=True)
class Trend:
    """The ratings of one scale for one person of a case, oldest first.

    Attributes:
        scale: The scale.
        person_key: Whose change (the session's person of concern, the record's partner);
            None when the record names nobody in that role.
        person_name: Their name ("" when None).
        points: The ratings in event order (records of the same moment in the order they
            were written); empty when the case has none on this scale.
    """

    scale: RatingScale
    person_key: str | None
    person_name: str
    points: tuple[TrendPoint, ...]

    @property
    def title(self) -> str:
        """ "Motivation to change — Łukasz Nowak" (the scale alone when nobody is named)."""
        return f"{self.scale.label} — {self.person_name}" if self.person_name else self.scale.label


# The records of one case of one kind with every rating and note that kind carries (one
# JSON array: the fields are read once for all its scales), and whose change they rate:
# the partner a partner support record is about, or the first person of the role a session
# names. Paths and role are bound; ``{rated}`` is one condition per scale, from constants.
_RATINGS = """
SELECT r.uid, r.event_at, r.status, json_array({values}),
       CASE r.kind WHEN 'partner_support' THEN json_extract(r.fields, '$.partner')
       ELSE (SELECT p.key FROM record_people rp JOIN people p ON p.id = rp.person_id
             WHERE rp.record_id = r.id AND p.role = :role ORDER BY rp.position LIMIT 1)
       END
FROM records r JOIN cases c ON c.id = r.case_id
WHERE c.ref = :ref AND r.kind = :kind AND ({rated})
ORDER BY r.event_utc, r.id
"""


def _ratings_sql(count: int) -> str:
    """:data:`_RATINGS` for ``count`` scales (parameters ``:rating0``, ``:note0`` ...)."""
    values = ", ".join(
        f"json_extract(r.fields, '$.' || :rating{i}),"
        f" coalesce(json_extract(r.fields, '$.' || :note{i}), '')"
        for i in range(count)
    )
    rated = " OR ".join(
        f"json_extract(r.fields, '$.' || :rating{i}) IS NOT NULL" for i in range(count)
    )
    return _RATINGS.format(values=values, rated=rated)


class TrendStore(Store[Facade]):
    """``notebook.trends``: change over time in a case."""

    def of_case(self, ref: str) -> list[Trend]:
        """Every scale's trends in case ``ref``, in the order of ``RATING_SCALES``.

        A scale with ratings gives one trend per person rated (in the order of their
        first rating); a scale with none gives one empty trend, so a view can say so.
        """
        if self._db.query_one("SELECT 1 FROM cases WHERE ref = ?", (ref,)) is None:
            raise NotFound("case", f"there is no case {ref!r}")
        names = dict(
            self._db.query(
                "SELECT p.key, p.name FROM people p JOIN cases c ON c.id = p.case_id"
                " WHERE c.ref = ?",
                (ref,),
            )
        )
        # Each kind's records are read once for all its scales (sessions carry three).
        groups: dict[tuple[str, str], list[RatingScale]] = {}
        for scale in kinds.RATING_SCALES:
            groups.setdefault((scale.kind, scale.role), []).append(scale)
        by_scale: dict[RatingScale, dict[str | None, list[TrendPoint]]] = {}
        for (kind, role), scales in groups.items():
            params = {"ref": ref, "kind": kind, "role": role}
            for i, scale in enumerate(scales):
                params |= {f"rating{i}": scale.rating, f"note{i}": scale.note}
            for uid, event_at, status, values, person in self._db.query(
                _ratings_sql(len(scales)), params
            ):
                pairs = json.loads(values)
                for i, scale in enumerate(scales):
                    value, note = pairs[2 * i], pairs[2 * i + 1]
                    step = scale.step(value)
                    if step is None:
                        continue  # not rated, or not a step of the scale (validation)
                    point = TrendPoint(event_at, value, step, note, uid, status)
                    by_scale.setdefault(scale, {}).setdefault(person, []).append(point)
        trends: list[Trend] = []
        for scale in kinds.RATING_SCALES:
            by_person = by_scale.get(scale, {})
            if not by_person:
                trends.append(Trend(scale, None, "", ()))
            for person, points in by_person.items():
                name = names.get(person, "") if person else ""
                trends.append(Trend(scale, person, name, tuple(points)))
        return trends
