"""One record of a case in the summary: heading, details, fields, addenda.

A record's fields are drawn in the order of :data:`casebook.kinds.FIELDS`, each by its
type through :data:`DRAW`; choices and people of the record go into one table of details.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from casebook import kinds, timeutil
from casebook.kinds import FieldSpec
from casebook.summary import child_work as cw
from casebook.summary import labels as lb
from casebook.summary import styles as st
from casebook.summary.blocks import MM, Blocks
from casebook.summary.layout import bookmark
from casebook.summary.records import SummaryAction, SummaryAddendum, SummaryRecord

People = dict[str, dict[str, Any]]
# A row of the details table: its heading and its value.
Row = tuple[str, str]

# A record starts a new page when less than this is left on the current one.
RECORD_START_SPACE = 60 * MM


def person_name(people: People, key: Any) -> str:
    """The (possibly redacted) name for a person key.

    Args:
        people: Person dicts of the case by key.
        key: A person key from a record.

    Returns:
        The name, or a neutral placeholder for an unknown key.
    """
    person = people.get(str(key))
    if person is None:
        return "[unknown person]"
    return str(person.get("name") or "[unnamed]")


def record_title(record: SummaryRecord) -> str:
    """Outline text for a record: date and title (plain text).

    Returns:
        ``"4 Mar 2026 · <title>"``.
    """
    return f"{lb.format_day(record.event_at)} · {record.title}"


def record_flowables(
    entry: dict[str, Any], people: People, blocks: Blocks, key: str, today: dt.date | None
) -> list[Any]:
    """All flowables for one record.

    Args:
        entry: The record as the summary input holds it (already redacted if redaction
            was asked for).
        people: Person dicts of the case by key.
        blocks: Flowable factory.
        key: Unique outline destination for the record.
        today: Date the summary was generated (for overdue actions).

    Returns:
        The flowables, starting with the outline entry.
    """
    from reportlab.platypus import CondPageBreak, Spacer

    record = SummaryRecord.from_entry(entry)
    s = blocks.styles
    out: list[Any] = [CondPageBreak(RECORD_START_SPACE), bookmark(key, record_title(record), 1)]
    out.append(blocks.para(_heading_markup(record, blocks), s.h3))
    out.append(blocks.para(_meta_markup(record, people, blocks), s.muted))
    out.extend(_fields(record, people, blocks))
    out.extend(_actions(record.actions, blocks, today))
    for name, value in record.other_fields:
        out.extend(blocks.field(name.replace("_", " ").capitalize(), _plain(value)))
    out.extend(_attachments_and_tags(record, blocks))
    out.append(Spacer(1, 4))
    out.append(blocks.para(_status_markup(record, blocks), s.mono_small))
    for addendum in record.addenda:
        out.append(Spacer(1, 5))
        out.append(_addendum(addendum, blocks))
    out.append(_separator(blocks))
    return out


def _heading_markup(record: SummaryRecord, blocks: Blocks) -> str:
    s = blocks.styles
    badges = []
    if not record.is_final:
        badges.append(f'<font color="{st.DRAFT}">DRAFT</font>')
    if record.imported_at:
        badges.append(f'<font color="{st.HEADING}">IMPORTED</font>')
    if record.late:
        late = "LATE ENTRY (CLAIMED)" if record.imported_at else "LATE ENTRY"
        badges.append(f'<font color="{st.ALERT}">{late}</font>')
    if record.significant:
        badges.append(f'<font color="{st.HEADING}">SIGNIFICANT</font>')
    suffix = "".join(f'  <font size="8">{b}</font>' for b in badges)
    return blocks.inline(record.title, s.h3) + suffix


def _meta_markup(record: SummaryRecord, people: People, blocks: Blocks) -> str:
    s = blocks.styles.muted
    parts = [
        lb.label(lb.KIND, record.kind or None),
        lb.format_time(record.event_at),
        lb.label(lb.LOCATION, record.location),
        lb.format_duration(record.duration_minutes),
    ]
    line = " · ".join(blocks.inline(p, s) for p in parts if p)
    present = [person_name(people, k) for k in record.people]
    if present:
        line += "<br/>With: " + blocks.inline(", ".join(present), s)
    written = lb.format_time(record.written_at)
    claimed = lb.format_time(record.claimed_written_at) or "no time given"
    if record.imported_at:
        # Casebook vouches only for the import; the document's time is a claim.
        line += "<br/>Imported " + blocks.inline(lb.format_time(record.imported_at), s)
        line += "; claimed written " + blocks.inline(claimed, s)
        if record.late:
            note = "(late entry by its claimed time: more than 24 hours after the event)"
            line += f' <font color="{st.ALERT}">{note}</font>'
    elif written:
        line += "<br/>Written " + blocks.inline(written, s)
        if record.claimed_written_at:
            line += "; claimed written " + blocks.inline(claimed, s)
        if record.late:
            note = "(late entry: completed more than 24 hours after the event)"
            line += f' <font color="{st.ALERT}">{note}</font>'
    return line


def _status_markup(record: SummaryRecord, blocks: Blocks) -> str:
    s = blocks.styles.mono_small
    if not record.is_final:
        return f'<font color="{st.DRAFT}">Draft: not finalised, may still change.</font>'
    text = "Final"
    if record.finalised_at:
        text += " · finalised " + blocks.inline(lb.format_time(record.finalised_at), s)
        if record.imported_at and record.imported_at == record.finalised_at:
            text += " (on import)"
    if record.claimed_finalised_at:
        claimed = lb.format_time(record.claimed_finalised_at)
        text += " · claimed finalised " + blocks.inline(claimed, s)
    if record.content_hash:
        text += " · content hash (SHA-256) " + blocks.inline(record.content_hash, s)
    return text


# -- the fields, by type ---------------------------------------------------------------------

# How one type of field is drawn: flowables, or a row of the record's details table
# (consecutive rows make one table).
Draw = Callable[[FieldSpec, Any, SummaryRecord, People, Blocks], "list[Any] | Row"]


def _fields(record: SummaryRecord, people: People, blocks: Blocks) -> list[Any]:
    out: list[Any] = []
    rows: list[Row] = []
    # Direct work with the Three Houses: a heading above the first house written in.
    houses = record.kind == "child_work" and record.three_houses
    first_house = cw.first_house(record.fields) if houses else None
    for spec, value in record.fields:
        if value in (None, "", [], {}):
            continue
        if spec.name == first_house:
            if rows:
                out.append(blocks.pairs(rows))
                rows = []
            out.append(cw.three_houses_heading(blocks))
        drawn = DRAW[spec.type](spec, value, record, people, blocks)
        if isinstance(drawn, tuple):
            rows.append(drawn)
            continue
        if rows:
            out.append(blocks.pairs(rows))
            rows = []
        out.extend(drawn)
    if rows:
        out.append(blocks.pairs(rows))
    return out


def _text(spec: FieldSpec, value: Any, _r: SummaryRecord, _p: People, blocks: Blocks) -> list[Any]:
    return blocks.field(spec.summary_heading, value)


def _choice(
    spec: FieldSpec, value: Any, _r: SummaryRecord, _p: People, blocks: Blocks
) -> list[Any] | Row:
    if spec.choices == kinds.RISK_LEVELS:
        return _rating(spec, value, blocks)
    scale = kinds.rating_scale(spec.name)
    if scale is not None:  # change over time: the step's words and its place on the scale
        return spec.summary_heading, scale.words(value)
    return spec.summary_heading, lb.label(kinds.CHOICE_LABELS[spec.name], value)


# A risk rating's colour: alarm for high, caution for medium.
_RATING_COLOURS = {"high": st.ALERT, "medium": st.DRAFT, "low": st.OK, "none": st.OK}


def _rating(spec: FieldSpec, value: Any, blocks: Blocks) -> list[Any]:
    s = blocks.styles.body
    colour = _RATING_COLOURS.get(str(value), st.INK)
    words = blocks.inline(lb.label(kinds.CHOICE_LABELS[spec.name], value).upper(), s)
    text = f'Rating: <b><font color="{colour}">{words}</font></b>'
    if value in ("high", "medium"):
        return [
            blocks.label(spec.summary_heading),
            blocks.box([blocks.para(text, s)], st.ALERT_TINT, st.ALERT),
        ]
    return [blocks.label(spec.summary_heading), blocks.para(text, s)]


def _choices(
    spec: FieldSpec, value: Any, _r: SummaryRecord, _p: People, blocks: Blocks
) -> list[Any]:
    s = blocks.styles.body
    names = [lb.label(kinds.CHOICE_LABELS[spec.name], v) for v in value]
    return [
        blocks.label(spec.summary_heading),
        blocks.para(" · ".join(blocks.inline(n, s) for n in names), s),
    ]


def _quotes(
    spec: FieldSpec, value: Any, _r: SummaryRecord, _p: People, blocks: Blocks
) -> list[Any]:
    words = [w for w in value if str(w).strip()]
    return [blocks.label(spec.summary_heading), *blocks.quotes(words)] if words else []


def _person(spec: FieldSpec, value: Any, record: SummaryRecord, people: People, _b: Blocks) -> Row:
    name = person_name(people, value)
    age = _age_at_event(record, people.get(str(value))) if spec.with_age else None
    return spec.summary_heading, f"{name} (age {age} at the session)" if age is not None else name


def _date(spec: FieldSpec, value: Any, _r: SummaryRecord, _p: People, blocks: Blocks) -> list[Any]:
    return blocks.field(spec.summary_heading, lb.format_day(value))


def _age_at_event(record: SummaryRecord, person: dict[str, Any] | None) -> int | None:
    if record.child_age is not None:
        return record.child_age
    born = lb.parse_day((person or {}).get("born"))
    event = lb.parse_day(record.event_at)
    if born is None or event is None:
        return None
    return timeutil.age(born, event)


def _disclosure(
    spec: FieldSpec, value: Any, _r: SummaryRecord, _p: People, blocks: Blocks
) -> list[Any]:
    if not isinstance(value, dict):
        return blocks.field(spec.summary_heading, value)
    return disclosure_box(value, None, blocks)


def _children(
    spec: FieldSpec, value: Any, record: SummaryRecord, people: People, _b: Blocks
) -> Row:
    ages = dict(record.child_ages)

    def age(key: Any) -> int | None:
        if str(key) in ages:
            return ages[str(key)]
        return None if record.child_ages else _age_at_event(record, people.get(str(key)))

    return cw.children_row(spec, value, lambda key: person_name(people, key), age)


def _disclosures(
    _spec: FieldSpec, value: Any, _r: SummaryRecord, people: People, blocks: Blocks
) -> list[Any]:
    return cw.disclosures_flowables(
        value,
        lambda key: person_name(people, key),
        lambda item, made_by: disclosure_box(item, made_by, blocks),
    )


def disclosure_box(value: dict[str, Any], made_by: str | None, blocks: Blocks) -> list[Any]:
    """A disclosure in its box; ``made_by`` names the child who made it (casebook/1.1)."""
    from reportlab.platypus import Spacer

    s = blocks.styles
    heading = f'<font color="{st.DISCLOSURE_EDGE}"><b>DISCLOSURE</b></font>'
    if made_by:
        heading += " by " + blocks.inline(made_by, s.body)
    inner: list[Any] = [blocks.para(heading, s.body)]
    if value.get("verbatim"):
        inner.append(blocks.label("In the child's words (verbatim)"))
        inner.extend(blocks.text(value["verbatim"], s.quote))
    rows: list[tuple[str, Any]] = [
        ("When", lb.format_time(value.get("at"))),
        ("Present", value.get("present")),
        ("Response", value.get("response")),
    ]
    for heading, text in rows:
        if text:
            inner.append(blocks.label(heading))
            inner.extend(blocks.text(text))
    informed = value.get("informed") or []
    if informed:
        inner.append(blocks.label("Who was informed"))
        for entry in informed:
            item = entry if isinstance(entry, dict) else {"who": entry}
            when = lb.format_time(item.get("at"))
            line = blocks.inline(item.get("who") or "", s.body)
            if when:
                line += " · " + blocks.inline(when, s.body)
            inner.append(blocks.para("▸ " + line, s.body))
    return [Spacer(1, 6), blocks.box(inner, st.DISCLOSURE_TINT, st.DISCLOSURE_EDGE), Spacer(1, 2)]


def _attendees(
    spec: FieldSpec, value: Any, _r: SummaryRecord, people: People, blocks: Blocks
) -> list[Any]:
    s = blocks.styles.body
    out: list[Any] = [blocks.label(spec.summary_heading)]
    for item in value:
        attendee = item if isinstance(item, dict) else {"name": str(item)}
        who = attendee.get("name") or ""
        if attendee.get("person") and not who:
            who = person_name(people, attendee["person"])
        details = ", ".join(str(x) for x in (attendee.get("agency"), attendee.get("role")) if x)
        line = "▸ " + blocks.inline(who, s)
        if details:
            line += f' <font color="{st.MUTED}">— {blocks.inline(details, s)}</font>'
        out.append(blocks.para(line, s))
    return out


# How the summary draws each type of field (casebook.fieldtypes has the rest of what a
# type means).
DRAW: dict[kinds.FieldType, Draw] = {
    "text": _text,
    "enum": _choice,
    "enum_list": _choices,
    "text_list": _quotes,
    "person": _person,
    "date": _date,
    "disclosure": _disclosure,
    "attendees": _attendees,
    "children": _children,
    "disclosures": _disclosures,
}


# -- actions, attachments, tags, addenda -----------------------------------------------------


def _actions(
    actions: tuple[SummaryAction, ...], blocks: Blocks, today: dt.date | None
) -> list[Any]:
    if not actions:
        return []
    s = blocks.styles.body
    out: list[Any] = [blocks.label("Actions")]
    for action in actions:
        line = "▸ " + blocks.inline(action.text, s)
        due = lb.parse_day(action.due)
        if action.done:
            line += f' <font color="{st.OK}">(done)</font>'
        elif due is not None:
            overdue = today is not None and due < today
            colour = st.ALERT if overdue else st.MUTED
            word = "overdue, was due" if overdue else "due"
            when = blocks.inline(lb.format_day(action.due), s)
            line += f' <font color="{colour}">({word} {when})</font>'
        out.append(blocks.para(line, s))
    return out


def _attachments_and_tags(record: SummaryRecord, blocks: Blocks) -> list[Any]:
    out: list[Any] = []
    s = blocks.styles.body
    drawings = [item for item in record.attachments if item.drawing is not None]
    if drawings:
        out.append(blocks.label("Drawings (included as they are, scaled to fit)"))
        for item in drawings:
            out.extend(cw.drawing_flowables(item.name, item.drawing or b"", blocks))
    named = [item for item in record.attachments if item.drawing is None]
    if named:
        out.append(
            blocks.label("Attachments (kept encrypted in the notebook, not in this summary)")
        )
        for item in named:
            details = ", ".join(x for x in (item.media_type, lb.format_size(item.size)) if x)
            line = "▸ " + blocks.inline(item.name, s)
            if details:
                line += f' <font color="{st.MUTED}">({blocks.inline(details, s)})</font>'
            out.append(blocks.para(line, s))
    tags = [t for t in record.tags if t.strip()]
    if tags:
        out.append(blocks.label("Tags"))
        out.append(blocks.para(" · ".join(blocks.inline(t, s) for t in tags), s))
    return out


def _addendum(addendum: SummaryAddendum, blocks: Blocks) -> Any:
    s = blocks.styles
    heading = "ADDENDUM"
    when = lb.format_time(addendum.written_at)
    if addendum.imported_at:
        claimed = lb.format_time(addendum.claimed_written_at) or "no time given"
        heading += f" · imported {when}; claimed written {claimed}"
    elif when:
        heading += " · written " + when
    inner = [
        blocks.para(blocks.inline(heading, s.label), s.label),
        *blocks.text(addendum.text),
    ]
    return blocks.box(inner, st.TINT, st.HEADING)


def _separator(blocks: Blocks) -> Any:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import HRFlowable

    return HRFlowable(
        width="100%", thickness=0.5, color=HexColor(st.RULE), spaceBefore=10, spaceAfter=12
    )


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "\n".join(f"{k}: {_plain(v)}" for k, v in value.items())
    return str(value)
