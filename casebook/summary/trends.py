"""Change over time in the summary: each scale's dated ratings, with a small chart.

Drawn from the records the summary holds (so the period, drafts left out and redaction
apply as to the records themselves): a session's ratings are its person of concern's, a
partner support record's its partner's (:data:`casebook.kinds.RATING_SCALES`). The notes
stay with their records; this section gives dates and steps only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from casebook import kinds, timeutil
from casebook.kinds import RatingScale
from casebook.summary import labels as lb
from casebook.summary import styles as st
from casebook.summary.blocks import MM, Blocks

People = Mapping[str, Mapping[str, Any]]

CHART_WIDTH = 46 * MM
CHART_HEIGHT = 16 * MM


@dataclass(frozen=True)
class SummaryTrend:
    """One scale's ratings for one person, oldest first: (event_at, value, step, final)."""

    scale: RatingScale
    person: str
    points: tuple[tuple[str, str, int, bool], ...]


def summary_trends(records: list[Mapping[str, Any]], people: People) -> list[SummaryTrend]:
    """The trends of a case's records (as the summary input holds them), scale by scale.

    Args:
        records: The case's record entries (put in event order here).
        people: The case's person dicts by key (names already redacted when asked for).
    """
    records = sorted(records, key=_moment)
    out: list[SummaryTrend] = []
    for scale in kinds.RATING_SCALES:
        by_person: dict[str, list[tuple[str, str, int, bool]]] = {}
        for record in records:
            fields = record.get("fields")
            if record.get("kind") != scale.kind or not isinstance(fields, Mapping):
                continue
            value = fields.get(scale.rating)
            step = scale.step(value if isinstance(value, str) else None)
            if step is None:
                continue
            who = _rated_person(scale, record, fields, people)
            point = (str(record.get("event_at") or ""), str(value), step, _final(record))
            by_person.setdefault(who, []).append(point)
        out += [SummaryTrend(scale, who, tuple(points)) for who, points in by_person.items()]
    return out


def _moment(record: Mapping[str, Any]) -> str:
    at = str(record.get("event_at") or "")
    try:
        return timeutil.utc_key(at)
    except ValueError:
        return at


def _final(record: Mapping[str, Any]) -> bool:
    return record.get("status") == "final"


def _rated_person(
    scale: RatingScale, record: Mapping[str, Any], fields: Mapping[str, Any], people: People
) -> str:
    """The name of whose change the record rates ("" when it names nobody in the role)."""
    if scale.role == "partner":
        keys = [fields.get("partner")]
    else:
        keys = [k for k in record.get("people") or [] if people.get(str(k), {}).get("role")
                == scale.role]  # fmt: skip
    person = people.get(str(keys[0])) if keys and keys[0] else None
    return str(person.get("name") or "") if person else ""


def trend_flowables(records: list[Mapping[str, Any]], people: People, blocks: Blocks) -> list[Any]:
    """The "Change over time" section of a case; nothing when no record is rated."""
    trends = summary_trends(records, people)
    if not trends:
        return []
    s = blocks.styles
    rows: list[list[Any]] = []
    for trend in trends:
        title = trend.scale.label + (f"\n{trend.person}" if trend.person else "")
        steps = "\n".join(
            f"{lb.format_day(at)}: {trend.scale.words(value)}" + ("" if final else " (draft)")
            for at, value, _step, final in trend.points
        )
        rows.append([title, steps, _chart(trend)])
    table = blocks.grid(["Scale", "Ratings, oldest first", "Trend"], rows, [0.22, 0.48, 0.30])
    top = len(kinds.RATING_SCALES[0].steps) - 1
    note = blocks.para(
        f"Each scale runs from 0 to {top}; higher is further towards safe change. The "
        "note beside each rating is in its record below. A hollow dot is a draft.",
        s.muted,
    )
    return [blocks.para("Change over time", s.h2), table, note]


def _chart(trend: SummaryTrend) -> Any:
    """A small line chart of the steps over time: dots at the ratings, spaced by date."""
    from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
    from reportlab.lib.colors import HexColor, white

    from casebook.summary.fonts import REGULAR

    top = len(trend.scale.steps) - 1
    left, pad = 8.0, 3.0
    width, height = CHART_WIDTH - left - pad, CHART_HEIGHT - 2 * pad
    drawing = Drawing(CHART_WIDTH, CHART_HEIGHT)
    for step in range(top + 1):
        y = pad + height * step / top
        drawing.add(Line(left, y, left + width, y, strokeColor=HexColor(st.RULE),
                         strokeWidth=0.3))  # fmt: skip
    for step in (0, top):
        y = pad + height * step / top
        drawing.add(String(1, y - 2, str(step), fontName=REGULAR, fontSize=6,
                           fillColor=HexColor(st.MUTED)))  # fmt: skip
    days = [lb.parse_day(at) for at, *_ in trend.points]
    known = [d for d in days if d is not None]
    first, last = (min(known), max(known)) if known else (None, None)
    span = (last - first).days if first and last else 0
    xy = []
    for index, (day, (_at, _value, step, final)) in enumerate(zip(days, trend.points, strict=True)):
        if span and day is not None and first is not None:
            x = left + width * (day - first).days / span
        else:
            x = left + width * (index + 1) / (len(trend.points) + 1)
        xy.append((x, pad + height * step / top, final))
    if len(xy) > 1:
        points = [c for x, y, _ in xy for c in (x, y)]
        drawing.add(PolyLine(points, strokeColor=HexColor(st.HEADING), strokeWidth=0.9))
    for x, y, final in xy:
        fill = HexColor(st.HEADING) if final else white
        drawing.add(Circle(x, y, 1.8, fillColor=fill, strokeColor=HexColor(st.HEADING),
                           strokeWidth=0.7))  # fmt: skip
    return drawing
