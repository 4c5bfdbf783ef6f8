"""A final record shown as the locked document it is: what was written, and nothing to edit.

A final record is never changed, so its page holds no field, arrow, placeholder or tick
box that looks as if it could be: only the text of what the practitioner wrote, under
its labels, followed by the addenda with who wrote each one and when. Empty fields are
left out; a direct-work record without a disclosure says so.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from casebook import kinds
from casebook.childwork import disclosures_of, shows_three_houses
from casebook.domain import Person, Practitioner
from casebook.fieldtypes import enum_words
from ui import text


def _words(value: str) -> str:
    """User text as HTML: escaped, line breaks kept."""
    return html.escape(value).replace("\n", "<br>")


def _row(label: str, value_html: str) -> str:
    return (
        f"<tr><td style='padding: 2px 16px 2px 0'><b>{html.escape(label)}</b></td>"
        f"<td style='padding: 2px 0'>{value_html}</td></tr>"
    )


def _quote(value: str) -> str:
    return f"<blockquote><i>“{_words(value)}”</i></blockquote>"


THREE_HOUSES_HEADING = "Three Houses"


def _section(title: str, body: str) -> str:
    return f"<h3 style='margin-top: 14px'>{html.escape(title)}</h3>{body}"


class _Names:
    def __init__(self, people: Iterable[Person]) -> None:
        self._people = {p.key: p for p in people}

    @property
    def raw(self) -> dict[str, str]:
        """Each person's name as shown, not escaped (by key)."""
        return {k: p.preferred_name or p.name for k, p in self._people.items()}

    def __call__(self, key: str | None) -> str:
        return html.escape(self.plain(key))

    def plain(self, key: str | None) -> str:
        """The name as it is (not escaped: for a heading that escapes its title)."""
        person = self._people.get(key or "")
        return (person.preferred_name or person.name) if person else (key or "")


def _marked_words(value: str, marks: list[Any], name: _Names) -> str:
    """Free text with its marked passages tinted and their class (and source) after them."""
    from ui.marking import CLASS_COLOURS

    out, at = [], 0
    for mark in sorted(marks, key=lambda m: m.start):
        c = CLASS_COLOURS[mark.cls]
        rgba = f"rgba({c.red()},{c.green()},{c.blue()},{c.alpha() / 255:.2f})"
        source = mark.source_text(name.raw)
        tag = mark.cls if mark.cls == "observed" else f"{mark.cls}: {source}"
        out += [
            _words(value[at : mark.start]),
            f"<span style='background-color:{rgba}'>{_words(value[mark.start : mark.end])}</span>",
            f"<sup> [{html.escape(tag)}]</sup>",
        ]
        at = mark.end
    return "".join(out) + _words(value[at:])


def _field_html(
    spec: kinds.FieldSpec,
    value: Any,
    name: _Names,
    fields: dict[str, Any],
    marks: list[Any] | None = None,
) -> tuple[str, str]:
    """One field of a record: (a row of the table at the top, a section below); "" for
    what it does not have."""
    if spec.type == "disclosure":
        # Either shape of a direct-work record: its disclosures, each by its child.
        made = disclosures_of(fields)
        if not made:
            return "", _disclosure_html(None)
        return "", "".join(_disclosure_html(d, name.plain(d.get("child"))) for d in made)
    if spec.type == "disclosures" or not value:
        return "", ""
    if spec.type == "children":
        return _row(spec.label, ", ".join(name(k) for k in value)), ""
    if spec.name in kinds.THREE_HOUSES and _first_house(fields):
        # Under the Three Houses heading (above the first house written in), one step down.
        house = f"<h4>{html.escape(spec.label)}</h4><p>{_words(value)}</p>"
        heading = _section(THREE_HOUSES_HEADING, "") if spec.name == _first_house(fields) else ""
        return "", heading + house
    if spec.type == "text":
        return "", _section(spec.label, f"<p>{_marked_words(value, marks or [], name)}</p>")
    if spec.type == "text_list":
        return "", _section(spec.label, "".join(_quote(v) for v in value))
    if spec.type == "enum":
        return _row(spec.label, html.escape(enum_words(spec, value))), ""
    if spec.type == "enum_list":
        return _row(
            spec.label, html.escape(", ".join(kinds.label(v, spec.name) for v in value))
        ), ""
    if spec.type == "person":
        return _row(spec.label, name(value)), ""
    if spec.type == "date":
        return _row(spec.label, html.escape(text.day(value))), ""
    if spec.type == "attendees":
        return "", _section(spec.label, _attendees_html(value, name))
    return "", ""


def _attendees_html(value: Any, name: _Names) -> str:
    """Each attendee: a case person's name or the professional's, then agency and role."""
    items = []
    for attendee in value:
        who = html.escape(attendee.get("name") or "") or name(attendee.get("person"))
        details = ", ".join(
            html.escape(str(attendee[k])) for k in ("agency", "role") if attendee.get(k)
        )
        items.append(f"<li>{who}" + (f" — {details}" if details else "") + "</li>")
    return f"<ul>{''.join(items)}</ul>"


def _first_house(fields: dict[str, Any]) -> str | None:
    """The first of the Three Houses written in, when the activity is Three Houses."""
    if not shows_three_houses(fields):
        return None
    return next((h for h in kinds.THREE_HOUSES if fields.get(h)), None)


def _disclosure_html(value: Any, made_by: str = "") -> str:
    if not value:
        return _section("Disclosure", "<p>No disclosure recorded.</p>")
    rows = [
        _row("Time", html.escape(text.when(value.get("at"))) or "not recorded"),
        _row("Present", _words(value.get("present") or "") or "not recorded"),
        _row("Response", _words(value.get("response") or "") or "not recorded"),
    ]
    informed = [
        html.escape(i.get("who", ""))
        + (f", {html.escape(text.when(i.get('at')))}" if i.get("at") else ", time not recorded")
        for i in value.get("informed") or []
    ]
    rows.append(_row("Informed", "<br>".join(informed) or "nobody recorded"))
    title = f"Disclosure by {made_by}" if made_by else "Disclosure"
    return _section(title, _quote(value.get("verbatim") or "") + f"<table>{''.join(rows)}</table>")


def _addendum_html(addendum: Any, practitioner: Practitioner | None) -> str:
    """An addendum under who wrote it and when (Casebook's clock)."""
    if addendum.is_imported:
        claimed = text.when(addendum.claimed_written_at) or "at no given time"
        head = (
            f"Addendum imported {html.escape(text.when(addendum.imported_at))}; "
            f"claimed written {html.escape(claimed)}"
        )
    else:
        # A notebook is one practitioner's: whoever added an addendum here is its owner.
        who = practitioner.name if practitioner else "the practitioner"
        role = f" ({practitioner.role})" if practitioner and practitioner.role else ""
        head = (
            f"Addendum by {html.escape(who + role)}, {html.escape(text.when(addendum.written_at))}"
        )
    return f"<p><b>{head}</b><br>{_words(addendum.text)}</p>"


def record_html(
    record: Any, people: Iterable[Person], practitioner: Practitioner | None = None
) -> str:
    """A final record as HTML (user text escaped): when, where, who, fields, actions,
    attachments and addenda."""
    name = _Names(people)
    meta = [
        _row("When", html.escape(text.when(record.event_at))),
        _row("Where", html.escape(kinds.label(record.location, "location")) or "not recorded"),
    ]
    if record.duration_minutes:
        meta.append(_row("Duration", f"{record.duration_minutes} minutes"))
    if record.people:
        meta.append(_row("People", ", ".join(name(k) for k in record.people)))
    if record.tags:
        meta.append(_row("Tags", html.escape(", ".join(record.tags))))
    if record.significant:
        meta.append(_row("Significant", "Yes: shows in the chronology"))
    spans = list(getattr(record, "spans", ()))
    fields = [
        _field_html(
            s,
            record.fields.get(s.name),
            name,
            record.fields,
            [m for m in spans if m.field == s.name],
        )
        for s in kinds.FIELDS[record.kind]
    ]
    parts = [f"<table>{''.join(meta + [row for row, _ in fields if row])}</table>"]
    parts += [part for _, part in fields]
    if record.actions:
        items = "".join(
            f"<li>{_words(a.text)}"
            + (f", due {html.escape(text.day(a.due))}" if a.due else "")
            + (" (done)" if a.done else "")
            + "</li>"
            for a in record.actions
        )
        parts.append(_section("Actions", f"<ul>{items}</ul>"))
    if record.attachments:
        items = "".join(f"<li>{html.escape(a.name)}</li>" for a in record.attachments)
        parts.append(_section("Attachments", f"<ul>{items}</ul>"))
    addenda = "".join(_addendum_html(a, practitioner) for a in record.addenda)
    parts.append(_section("Addenda", addenda or "<p>No addenda yet.</p>"))
    return "".join(p for p in parts if p)


class FinalDocument(QFrame):
    """A final record as a page of text: selectable, never editable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finalDocument")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.text = QLabel()
        self.text.setObjectName("finalDocumentText")
        self.text.setAccessibleName("The final record")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setForegroundRole(QPalette.ColorRole.Text)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 20)
        layout.addWidget(self.text)

    def show_record(
        self, record: Any, people: Iterable[Person], practitioner: Practitioner | None
    ) -> None:
        """Show ``record`` (final) with its addenda."""
        self.text.setText(record_html(record, people, practitioner))

    def clear(self) -> None:
        """Forget the record shown (on lock)."""
        self.text.clear()
