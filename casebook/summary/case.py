"""One case in the summary: heading, people, chronology, actions, records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from casebook import timeutil
from casebook.summary import labels as lb
from casebook.summary import styles as st
from casebook.summary.blocks import MM, Blocks
from casebook.summary.layout import bookmark, header_marker
from casebook.summary.record import RECORD_START_SPACE, People, record_flowables
from casebook.summary.trends import trend_flowables

# Room a table's heading needs below it on a page: the heading, the header row and the first
# rows. A heading kept with its whole table (keepWithNext) moved a long chronology to the
# next page and left a page with the people alone, or with nothing at all.
TABLE_START_SPACE = 40 * MM


def case_label(case: dict[str, Any]) -> str:
    """Reference and title of a case as one line of plain text.

    Args:
        case: The case dict (already redacted if asked for).

    Returns:
        ``"C-1042 · Family A"``, or only one of them when they are equal or missing.
    """
    ref = str(case.get("ref") or "").strip()
    title = str(case.get("title") or "").strip()
    if not title or title == ref:
        return ref or "Case"
    return f"{ref} · {title}" if ref else title


def case_flowables(
    case: dict[str, Any], number: int, blocks: Blocks, today: dt.date | None
) -> list[Any]:
    """All flowables for one case, starting on a new page.

    Args:
        case: The case dict (already redacted if asked for).
        number: Position of the case in the summary, from 1 (for unique keys).
        blocks: Flowable factory.
        today: Date the summary was generated.

    Returns:
        The flowables.
    """
    from reportlab.platypus import CondPageBreak, PageBreak

    s = blocks.styles
    label = case_label(case)
    out: list[Any] = [PageBreak(), header_marker(label), bookmark(f"case-{number}", label, 0)]
    out.append(
        blocks.para(blocks.inline(case.get("title") or case.get("ref") or "Case", s.h1), s.h1)
    )
    out.append(blocks.para(_case_meta(case, blocks), s.h1_meta))
    out.append(_rule(blocks))
    people: People = {str(p.get("key")): p for p in case.get("people") or []}
    out.extend(_people(case.get("people") or [], blocks, today))
    out.extend(_intake(case.get("intake"), blocks))
    out.extend(_chronology(case.get("chronology") or [], blocks))
    out.extend(trend_flowables(case.get("records") or [], people, blocks))
    out.extend(
        _open_actions(case.get("actions") or [], blocks, today, case.get("actions_left_out"))
    )
    records = sorted(case.get("records") or [], key=lambda r: str(r.get("event_at") or ""))
    # The heading moves with the first record: that starts a page when less than
    # RECORD_START_SPACE is left (record_flowables), which would strand it.
    out += [CondPageBreak(RECORD_START_SPACE), blocks.para("Records", s.h2)]
    if not records:
        out.append(blocks.para("No records in this summary for this case.", s.muted))
    for index, record in enumerate(records, start=1):
        out.extend(record_flowables(record, people, blocks, f"case-{number}-record-{index}", today))
    return out


def _case_meta(case: dict[str, Any], blocks: Blocks) -> str:
    s = blocks.styles.h1_meta
    parts = []
    if case.get("ref") and case.get("ref") != case.get("title"):
        parts.append("Reference " + str(case["ref"]))
    if case.get("status"):
        parts.append(str(case["status"]).capitalize())
    if case.get("opened"):
        parts.append("opened " + lb.format_day(case["opened"]))
    if case.get("closed"):
        parts.append("closed " + lb.format_day(case["closed"]))
    count = len(case.get("records") or [])
    parts.append(f"{count} record{'s' if count != 1 else ''} in this summary")
    return " · ".join(blocks.inline(p, s) for p in parts)


def _rule(blocks: Blocks) -> Any:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import HRFlowable

    return HRFlowable(
        width="100%", thickness=1.2, color=HexColor(st.HEADING), spaceBefore=6, spaceAfter=4
    )


def _people(people: list[dict[str, Any]], blocks: Blocks, today: dt.date | None) -> list[Any]:
    s = blocks.styles
    out: list[Any] = [blocks.para("People", s.h2)]
    if not people:
        return [*out, blocks.para("No people recorded.", s.muted)]
    rows = [
        [
            str(p.get("name") or ""),
            lb.label(lb.ROLE, p.get("role")),
            _born_or_age(p, today),
            _person_details(p),
        ]
        for p in people
    ]
    widths = [0.25, 0.18, 0.25, 0.32]
    return _table_section(
        out[0], blocks.grid(["Name", "Role", "Born / age", "Details"], rows, widths)
    )


def _intake(intake: Any, blocks: Blocks) -> list[Any]:
    """How the work began (casebook/1.1 intake), when the case has one."""
    from casebook.intake import AIM_DAYS, DATE_KEYS, FLAG_KEYS, INTAKE_KEYS, LABELS, Intake

    if not isinstance(intake, dict):
        return []
    rows: list[tuple[str, Any]] = []
    for key in INTAKE_KEYS:
        value = intake.get(key)
        if key in FLAG_KEYS:
            value = "Yes" if value else "No"
        elif key in DATE_KEYS:
            value = lb.format_day(value) if value else ""
        rows.append((LABELS[key], value))
    referred, seen = intake.get("referral_date"), intake.get("first_contact")
    days = Intake(referral_date=referred, first_contact=seen).days_to_first_contact()
    if days is not None:
        aim = "within" if days <= AIM_DAYS else "beyond"
        rows.insert(4, ("Days to first contact", f"{days} ({aim} the {AIM_DAYS}-day aim)"))
    return [blocks.para("Intake", blocks.styles.h2), blocks.pairs(rows, label_width=62 * MM)]


def _born_or_age(person: dict[str, Any], today: dt.date | None) -> str:
    born = lb.parse_day(person.get("born"))
    if born is not None:
        today = today or dt.date.today()
        return f"{lb.format_day(person['born'])} (age {timeutil.age(born, today)})"
    if isinstance(person.get("age"), int):
        return f"age {person['age']}"
    return ""


def _person_details(person: dict[str, Any]) -> str:
    details = []
    if person.get("preferred_name"):
        details.append(f"Known as {person['preferred_name']}")
    if person.get("other_names"):
        details.append("Also called " + ", ".join(map(str, person["other_names"])))
    if person.get("role") == "subject" and person.get("gp"):
        details.append(f"GP: {person['gp']}")
    extra = person.get("details")
    if isinstance(extra, dict):
        from casebook.person_details import DETAIL_KEYS, PersonDetails

        known: dict[str, Any] = {k: extra[k] for k in DETAIL_KEYS if extra.get(k) is not None}
        details.extend(PersonDetails(**known).summary_words())
    return "\n".join(details)


def _chronology(chronology: list[dict[str, Any]], blocks: Blocks) -> list[Any]:
    s = blocks.styles
    out: list[Any] = [blocks.para("Chronology", s.h2)]
    if not chronology:
        return [*out, blocks.para("No significant events in this period.", s.muted)]
    rows = []
    for event in chronology:
        imported = event.get("imported")
        notes = [
            n
            for n, on in (
                ("Significant", event.get("significant")),
                ("Imported", imported),
                ("Late entry (claimed)" if imported else "Late entry", event.get("late")),
            )
            if on
        ]
        rows.append(
            [
                _two_line_time(event.get("event_at")),
                str(event.get("title") or ""),
                lb.label(lb.KIND, event.get("kind")),
                ", ".join(notes),
            ]
        )
    significant = [i for i, e in enumerate(chronology) if e.get("significant")]
    widths = [0.17, 0.48, 0.19, 0.16]
    table = blocks.grid(["When", "Event", "Kind", "Notes"], rows, widths, significant, st.TINT)
    note = blocks.para("Times as recorded, with their offset from UTC.", s.muted)
    return [*_table_section(out[0], table), note]


def _open_actions(
    actions: list[dict[str, Any]],
    blocks: Blocks,
    today: dt.date | None,
    left_out: int | None = None,
) -> list[Any]:
    s = blocks.styles
    out: list[Any] = [blocks.para("Open and overdue actions", s.h2)]
    pending = [a for a in actions if not a.get("done")]
    # Drafts are not in this summary; say that their open actions exist.
    where = "action is on a draft" if left_out == 1 else "actions are on drafts"
    more = [
        blocks.para(
            f"{left_out} more open {where}, which this summary does not include.", s.muted
        )
    ] if left_out else []  # fmt: skip
    if not pending:
        none = "No open actions on final records." if left_out else "No open actions."
        return [*out, blocks.para(none, s.muted), *more]
    pending.sort(key=lambda a: (lb.parse_day(a.get("due")) is None, str(a.get("due") or "")))
    rows, overdue_rows = [], []
    for index, action in enumerate(pending):
        due = lb.parse_day(action.get("due"))
        if due is None:
            state = "Open, no due date"
        elif today is not None and due < today:
            days = (today - due).days
            state = f"Overdue by {days} day{'s' if days != 1 else ''}"
            overdue_rows.append(index)
        else:
            state = "Open"
        rows.append([lb.format_day(action.get("due")) or "—", str(action.get("text") or ""), state])
    table = blocks.grid(["Due", "Action", "Status"], rows, [0.18, 0.57, 0.25], overdue_rows)
    return [*_table_section(out[0], table), *more]


def _table_section(heading: Any, table: Any) -> list[Any]:
    """A heading and its table: the table starts under the heading and splits across pages."""
    from reportlab.platypus import CondPageBreak

    heading.keepWithNext = 0  # kept with the table's start by the page break instead
    return [CondPageBreak(TABLE_START_SPACE), heading, table]


def _two_line_time(value: Any) -> str:
    """``12 Feb 2025`` over ``10:00 +00:00``: two lines in the chronology's narrow column,
    every time with its UTC offset written the same way (as the command line writes it)."""
    moment = lb.parse_time(value)
    offset = moment.utcoffset() if moment is not None else None
    if moment is None or offset is None:
        text = lb.format_time(value)
        day, sep, clock = text.partition(", ")
        return f"{day}\n{clock}" if sep else text
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    zone = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{lb.format_day(value)}\n{moment:%H:%M} {zone}"
