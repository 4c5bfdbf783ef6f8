"""One record of a case in the summary: heading, details, fields, addenda."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from notebook import timeutil
from notebook.summary import labels as lb
from notebook.summary import styles as st
from notebook.summary.blocks import MM, Blocks
from notebook.summary.layout import bookmark

People = dict[str, dict[str, Any]]

# A record starts a new page when less than this is left on the current one.
RECORD_START_SPACE = 60 * MM

SESSION_TEXT = (
    ("purpose", "Purpose"),
    ("narrative", "Narrative"),
    ("presentation", "Presentation and wellbeing"),
)
SESSION_AFTER_RISK = (
    ("strengths", "Strengths and motivation"),
    ("safeguarding", "Safeguarding concerns"),
)
CHILD_TEXT = (
    ("worries", "Worries"),
    ("good_things", "Good things"),
    ("wishes", "Wishes"),
    ("understanding", "Understanding of why contact stopped"),
)
PARTNER_TEXT = (
    ("feelings", "Feelings"),
    ("information_given", "Information and advice given"),
    ("decisions", "Partner's decisions"),
    ("understanding_of_risk", "Understanding of risk"),
    ("protective_capacity", "Protective capacity"),
    ("safety_plan", "Safety plan"),
    ("wellbeing", "Wellbeing"),
)
# Fields shown by the kind-specific code; anything else is shown generically.
_KNOWN = {
    "session_type", "purpose", "narrative", "presentation", "risk_to_self", "risk_indicators",
    "strengths", "safeguarding", "actions", "next_session", "child", "activity",
    "childs_words", "worries", "good_things", "wishes", "understanding", "disclosure",
    "observations", "partner", "contact_type", "feelings_stage", "feelings",
    "information_given", "decisions", "understanding_of_risk", "protective_capacity",
    "safety_plan", "wellbeing",
}  # fmt: skip


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


def record_title(record: dict[str, Any]) -> str:
    """Outline text for a record: date and title (plain text).

    Args:
        record: The record dict.

    Returns:
        ``"4 Mar 2026 · <title>"``.
    """
    title = str(record.get("title") or lb.label(lb.KIND, record.get("kind")) or "Record")
    return f"{lb.format_day(record.get('event_at'))} · {title}"


def record_flowables(
    record: dict[str, Any], people: People, blocks: Blocks, key: str, today: dt.date | None
) -> list[Any]:
    """All flowables for one record.

    Args:
        record: The record dict (already redacted if redaction was asked for).
        people: Person dicts of the case by key.
        blocks: Flowable factory.
        key: Unique outline destination for the record.
        today: Date the summary was generated (for overdue actions).

    Returns:
        The flowables, starting with the outline entry.
    """
    from reportlab.platypus import CondPageBreak, Spacer

    s = blocks.styles
    out: list[Any] = [CondPageBreak(RECORD_START_SPACE), bookmark(key, record_title(record), 1)]
    out.append(blocks.para(_heading_markup(record, blocks), s.h3))
    out.append(blocks.para(_meta_markup(record, people, blocks), s.muted))
    out.extend(_fields(record, people, blocks, today))
    out.extend(_attachments_and_tags(record, blocks))
    out.append(Spacer(1, 4))
    out.append(blocks.para(_status_markup(record, blocks), s.mono_small))
    for addendum in record.get("addenda") or []:
        out.append(Spacer(1, 5))
        out.append(_addendum(addendum, blocks))
    out.append(_separator(blocks))
    return out


def _heading_markup(record: dict[str, Any], blocks: Blocks) -> str:
    s = blocks.styles
    title = record.get("title") or lb.label(lb.KIND, record.get("kind")) or "Record"
    badges = []
    if record.get("status") != "final":
        badges.append(f'<font color="{st.DRAFT}">DRAFT</font>')
    if record.get("imported_at"):
        badges.append(f'<font color="{st.HEADING}">IMPORTED</font>')
    if record.get("late"):
        late = "LATE ENTRY (CLAIMED)" if record.get("imported_at") else "LATE ENTRY"
        badges.append(f'<font color="{st.ALERT}">{late}</font>')
    if record.get("significant"):
        badges.append(f'<font color="{st.HEADING}">SIGNIFICANT</font>')
    suffix = "".join(f'  <font size="8">{b}</font>' for b in badges)
    return blocks.inline(title, s.h3) + suffix


def _meta_markup(record: dict[str, Any], people: People, blocks: Blocks) -> str:
    s = blocks.styles.muted
    parts = [
        lb.label(lb.KIND, record.get("kind")),
        lb.format_time(record.get("event_at")),
        lb.label(lb.LOCATION, record.get("location")),
        lb.format_duration(record.get("duration_minutes")),
    ]
    line = " · ".join(blocks.inline(p, s) for p in parts if p)
    present = [person_name(people, k) for k in record.get("people") or []]
    if present:
        line += "<br/>With: " + blocks.inline(", ".join(present), s)
    written = lb.format_time(record.get("written_at"))
    claimed = lb.format_time(record.get("claimed_written_at")) or "no time given"
    if record.get("imported_at"):
        # Casebook vouches only for the import; the document's time is a claim.
        imported = lb.format_time(record["imported_at"])
        line += "<br/>Imported " + blocks.inline(imported, s)
        line += "; claimed written " + blocks.inline(claimed, s)
        if record.get("late"):
            note = "(late entry by its claimed time: more than 24 hours after the event)"
            line += f' <font color="{st.ALERT}">{note}</font>'
    elif written:
        line += "<br/>Written " + blocks.inline(written, s)
        if record.get("claimed_written_at"):
            line += "; claimed written " + blocks.inline(claimed, s)
        if record.get("late"):
            note = "(late entry: written more than 24 hours after the event)"
            line += f' <font color="{st.ALERT}">{note}</font>'
    return line


def _status_markup(record: dict[str, Any], blocks: Blocks) -> str:
    s = blocks.styles.mono_small
    if record.get("status") != "final":
        return f'<font color="{st.DRAFT}">Draft: not finalised, may still change.</font>'
    text = "Final"
    if record.get("finalised_at"):
        text += " · finalised " + blocks.inline(lb.format_time(record["finalised_at"]), s)
        if record.get("imported_at") and record["imported_at"] == record["finalised_at"]:
            text += " (on import)"
    if record.get("claimed_finalised_at"):
        claimed = lb.format_time(record["claimed_finalised_at"])
        text += " · claimed finalised " + blocks.inline(claimed, s)
    if record.get("content_hash"):
        text += " · content hash (SHA-256) " + blocks.inline(record["content_hash"], s)
    return text


def _fields(
    record: dict[str, Any], people: People, blocks: Blocks, today: dt.date | None
) -> list[Any]:
    fields = record.get("fields") or {}
    if not isinstance(fields, dict):
        return blocks.field("Details", fields)
    renderers: dict[str, Callable[..., list[Any]]] = {
        "session": _session_fields,
        "child_work": _child_fields,
        "partner_support": _partner_fields,
    }
    render = renderers.get(str(record.get("kind")))
    out = render(record, fields, people, blocks) if render else []
    out.extend(_actions(fields.get("actions") or [], blocks, today))
    for name, value in fields.items():
        if name not in _KNOWN and value not in (None, "", [], {}):
            out.extend(blocks.field(name.replace("_", " ").capitalize(), _plain(value)))
    return out


def _session_fields(
    record: dict[str, Any], fields: dict[str, Any], people: People, blocks: Blocks
) -> list[Any]:
    out: list[Any] = []
    if fields.get("session_type"):
        out.append(
            blocks.pairs([("Session type", lb.label(lb.SESSION_TYPE, fields["session_type"]))])
        )
    for name, heading in SESSION_TEXT:
        out.extend(blocks.field(heading, fields.get(name)))
    out.extend(_risk(fields, blocks))
    for name, heading in SESSION_AFTER_RISK:
        out.extend(blocks.field(heading, fields.get(name)))
    if fields.get("next_session"):
        out.extend(blocks.field("Next session", lb.format_day(fields["next_session"])))
    return out


def _risk(fields: dict[str, Any], blocks: Blocks) -> list[Any]:
    out: list[Any] = []
    rating = fields.get("risk_to_self")
    if rating:
        colour = {"high": st.ALERT, "medium": st.DRAFT, "low": st.OK, "none": st.OK}.get(
            str(rating), st.INK
        )
        s = blocks.styles.body
        rating_text = blocks.inline(lb.label(lb.RISK_TO_SELF, rating).upper(), s)
        text = f'Rating: <b><font color="{colour}">{rating_text}</font></b>'
        out.append(blocks.label("Risk-to-self screen"))
        if rating in ("high", "medium"):
            out.append(blocks.box([blocks.para(text, s)], st.ALERT_TINT, st.ALERT))
        else:
            out.append(blocks.para(text, s))
    indicators = fields.get("risk_indicators") or []
    if indicators:
        out.append(blocks.label("Risk indicators"))
        names = [lb.label(lb.RISK_INDICATOR, i) for i in indicators]
        s = blocks.styles.body
        out.append(blocks.para(" · ".join(blocks.inline(n, s) for n in names), s))
    return out


def _child_fields(
    record: dict[str, Any], fields: dict[str, Any], people: People, blocks: Blocks
) -> list[Any]:
    out: list[Any] = []
    rows: list[tuple[str, Any]] = []
    if fields.get("child") is not None:
        child = person_name(people, fields["child"])
        age = _child_age(record, people.get(str(fields["child"])))
        rows.append(("Child", f"{child} (age {age} at the session)" if age is not None else child))
    if fields.get("activity"):
        rows.append(("Activity", lb.label(lb.ACTIVITY, fields["activity"])))
    if rows:
        out.append(blocks.pairs(rows))
    words = [w for w in fields.get("childs_words") or [] if str(w).strip()]
    if words:
        out.append(blocks.label("The child's own words"))
        out.extend(blocks.quotes(words))
    for name, heading in CHILD_TEXT:
        out.extend(blocks.field(heading, fields.get(name)))
    if fields.get("disclosure"):
        out.extend(_disclosure(fields["disclosure"], blocks))
    out.extend(blocks.field("Observations", fields.get("observations")))
    return out


def _child_age(record: dict[str, Any], person: dict[str, Any] | None) -> int | None:
    if isinstance(record.get("child_age"), int):
        return int(record["child_age"])
    born = lb.parse_day((person or {}).get("born"))
    event = lb.parse_day(record.get("event_at"))
    if born is None or event is None:
        return None
    return timeutil.age(born, event)


def _disclosure(disclosure: Any, blocks: Blocks) -> list[Any]:
    from reportlab.platypus import Spacer

    s = blocks.styles
    if not isinstance(disclosure, dict):
        return blocks.field("Disclosure", disclosure)
    inner: list[Any] = [
        blocks.para(f'<font color="{st.DISCLOSURE_EDGE}"><b>DISCLOSURE</b></font>', s.body)
    ]
    if disclosure.get("verbatim"):
        inner.append(blocks.label("In the child's words (verbatim)"))
        inner.extend(blocks.text(disclosure["verbatim"], s.quote))
    rows: list[tuple[str, Any]] = [
        ("When", lb.format_time(disclosure.get("at"))),
        ("Present", disclosure.get("present")),
        ("Response", disclosure.get("response")),
    ]
    for heading, value in rows:
        if value:
            inner.append(blocks.label(heading))
            inner.extend(blocks.text(value))
    informed = disclosure.get("informed") or []
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


def _partner_fields(
    record: dict[str, Any], fields: dict[str, Any], people: People, blocks: Blocks
) -> list[Any]:
    rows: list[tuple[str, Any]] = []
    if fields.get("partner") is not None:
        rows.append(("Partner", person_name(people, fields["partner"])))
    if fields.get("contact_type"):
        rows.append(("Contact", lb.label(lb.CONTACT_TYPE, fields["contact_type"])))
    if fields.get("feelings_stage"):
        rows.append(("Stage", lb.label(lb.FEELINGS_STAGE, fields["feelings_stage"])))
    out: list[Any] = [blocks.pairs(rows)] if rows else []
    for name, heading in PARTNER_TEXT:
        out.extend(blocks.field(heading, fields.get(name)))
    return out


def _actions(actions: list[Any], blocks: Blocks, today: dt.date | None) -> list[Any]:
    if not actions:
        return []
    s = blocks.styles.body
    out: list[Any] = [blocks.label("Actions")]
    for entry in actions:
        action = entry if isinstance(entry, dict) else {"text": entry}
        line = "▸ " + blocks.inline(action.get("text") or "", s)
        due = lb.parse_day(action.get("due"))
        if action.get("done"):
            line += f' <font color="{st.OK}">(done)</font>'
        elif due is not None:
            overdue = today is not None and due < today
            colour = st.ALERT if overdue else st.MUTED
            word = "overdue, was due" if overdue else "due"
            when = blocks.inline(lb.format_day(action["due"]), s)
            line += f' <font color="{colour}">({word} {when})</font>'
        out.append(blocks.para(line, s))
    return out


def _attachments_and_tags(record: dict[str, Any], blocks: Blocks) -> list[Any]:
    out: list[Any] = []
    s = blocks.styles.body
    attachments = record.get("attachments") or []
    if attachments:
        out.append(
            blocks.label("Attachments (kept encrypted in the notebook, not in this summary)")
        )
        for entry in attachments:
            item = entry if isinstance(entry, dict) else {"name": entry}
            details = ", ".join(
                x
                for x in (str(item.get("media_type") or ""), lb.format_size(item.get("size")))
                if x
            )
            line = "▸ " + blocks.inline(item.get("name") or "", s)
            if details:
                line += f' <font color="{st.MUTED}">({blocks.inline(details, s)})</font>'
            out.append(blocks.para(line, s))
    tags = [str(t) for t in record.get("tags") or [] if str(t).strip()]
    if tags:
        out.append(blocks.label("Tags"))
        out.append(blocks.para(" · ".join(blocks.inline(t, s) for t in tags), s))
    return out


def _addendum(addendum: Any, blocks: Blocks) -> Any:
    s = blocks.styles
    addendum = addendum if isinstance(addendum, dict) else {"text": addendum}
    heading = "ADDENDUM"
    when = lb.format_time(addendum.get("written_at"))
    if addendum.get("imported_at"):
        claimed = lb.format_time(addendum.get("claimed_written_at")) or "no time given"
        heading += f" · imported {when}; claimed written {claimed}"
    elif when:
        heading += " · written " + when
    inner = [
        blocks.para(blocks.inline(heading, s.label), s.label),
        *blocks.text(addendum.get("text")),
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
