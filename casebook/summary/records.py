"""One record of a summary, typed: its kind, its details and its fields in order.

A summary input stays plain data (see :mod:`casebook.summary`), so that redaction and the
redaction review can rewrite its text; each record in it is a :class:`SummaryRecord`
written out by :meth:`SummaryRecord.entry` and read back, after redaction, by
:meth:`SummaryRecord.from_entry`. Both go through :data:`casebook.kinds.FIELDS`, so a field
is declared once: its label, its type and its place in the record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from casebook import kinds
from casebook.childwork import shows_three_houses
from casebook.domain import Record
from casebook.kinds import FieldSpec


@dataclass(frozen=True)
class SummaryAction:
    """An action raised in the record."""

    text: str
    due: str | None = None
    done: bool = False


@dataclass(frozen=True)
class SummaryAttachment:
    """An attachment, named only: its bytes stay in the notebook, unless it is a drawing
    the practitioner chose to include (``drawing``: the image's bytes, drawn as they are)."""

    name: str
    media_type: str = ""
    size: int | None = None
    drawing: bytes | None = None


@dataclass(frozen=True)
class SummaryAddendum:
    """An addendum; an imported one keeps the time its document claims apart."""

    text: str
    written_at: str | None = None
    imported_at: str | None = None
    claimed_written_at: str | None = None


@dataclass(frozen=True)
class SummaryRecord:
    """What the summary shows of one record.

    Times are Casebook's own clock; an imported record's document times are claims, kept
    beside them (``claimed_*``). ``fields`` holds every field of the kind, in the order of
    :data:`casebook.kinds.FIELDS`; ``other_fields`` what a hand-made input gives beyond
    them (shown as it is, so that nothing given is hidden).
    """

    id: str
    kind: str
    title: str
    event_at: str | None = None
    location: str | None = None
    duration_minutes: int | None = None
    people: tuple[str, ...] = ()
    status: str = "draft"
    significant: bool = False
    late: bool = False
    written_at: str | None = None
    imported_at: str | None = None
    claimed_written_at: str | None = None
    finalised_at: str | None = None
    claimed_finalised_at: str | None = None
    content_hash: str | None = None
    fields: tuple[tuple[FieldSpec, Any], ...] = ()
    actions: tuple[SummaryAction, ...] = ()
    attachments: tuple[SummaryAttachment, ...] = ()
    tags: tuple[str, ...] = ()
    addenda: tuple[SummaryAddendum, ...] = ()
    other_fields: tuple[tuple[str, Any], ...] = ()
    # The child's age at the event, which redaction keeps when it drops dates of birth;
    # ``child_ages`` the age of each of the children a record names (by person key).
    child_age: int | None = None
    child_ages: tuple[tuple[str, int], ...] = ()

    @property
    def is_final(self) -> bool:
        """Whether the record was finalised."""
        return self.status == "final"

    @property
    def three_houses(self) -> bool:
        """Whether the record's activity is Three Houses (its heading is shown)."""
        return shows_three_houses({spec.name: value for spec, value in self.fields})

    @classmethod
    def from_record(
        cls, record: Record, drawings: Mapping[int, bytes] | None = None
    ) -> SummaryRecord:
        """The summary's view of a stored record (with the bytes of the drawings to draw,
        by attachment id)."""
        drawings = drawings or {}
        return cls(
            id=record.id,
            kind=record.kind,
            title=record.title,
            event_at=record.event_at,
            location=record.location,
            duration_minutes=record.duration_minutes,
            people=tuple(record.people),
            status=record.status,
            significant=record.significant,
            late=record.late,
            written_at=record.written_at,
            imported_at=record.imported_at,
            claimed_written_at=record.claimed_written_at,
            finalised_at=record.finalised_at,
            claimed_finalised_at=record.claimed_finalised_at,
            content_hash=record.content_hash,
            fields=tuple(
                (spec, record.fields.get(spec.name)) for spec in kinds.FIELDS[record.kind]
            ),
            actions=tuple(SummaryAction(a.text, a.due, a.done) for a in record.actions),
            attachments=tuple(
                SummaryAttachment(a.name, a.media_type, a.size, drawings.get(a.id or 0))
                for a in record.attachments
            ),
            tags=tuple(record.tags),
            addenda=tuple(
                SummaryAddendum(a.text, a.written_at, a.imported_at, a.claimed_written_at)
                for a in record.addenda
            ),
        )

    def entry(self) -> dict[str, Any]:
        """The record as the summary input holds it (plain data, in the order it is shown)."""
        fields: dict[str, Any] = {spec.name: value for spec, value in self.fields}
        fields.update(self.other_fields)
        fields["actions"] = [{"text": a.text, "due": a.due, "done": a.done} for a in self.actions]
        out: dict[str, Any] = {
            "id": self.id, "kind": self.kind, "title": self.title, "event_at": self.event_at,
            "location": self.location, "duration_minutes": self.duration_minutes,
            "people": list(self.people), "written_at": self.written_at,
            "imported_at": self.imported_at, "claimed_written_at": self.claimed_written_at,
            "late": self.late, "status": self.status, "significant": self.significant,
            "fields": fields,
            "attachments": [
                {"name": a.name, "media_type": a.media_type, "size": a.size}
                | ({"drawing": a.drawing} if a.drawing is not None else {})
                for a in self.attachments
            ],
            "tags": list(self.tags),
            "finalised_at": self.finalised_at, "claimed_finalised_at": self.claimed_finalised_at,
            "content_hash": self.content_hash,
            "addenda": [
                {"written_at": a.written_at, "text": a.text, "imported_at": a.imported_at,
                 "claimed_written_at": a.claimed_written_at}
                for a in self.addenda
            ],
        }  # fmt: skip
        if self.child_age is not None:
            out["child_age"] = self.child_age
        if self.child_ages:
            out["child_ages"] = dict(self.child_ages)
        return out

    @classmethod
    def from_entry(cls, entry: Mapping[str, Any]) -> SummaryRecord:
        """Read a record of a summary input (after redaction, or made by hand in a test).

        Values of the wrong shape are read as leniently as a summary can show them: a
        summary of what was given is better than none.
        """
        kind = str(entry.get("kind") or "")
        title = entry.get("title") or kinds.KIND_LABELS.get(kind) or "Record"
        given = entry.get("fields") or {}
        specs = kinds.FIELDS.get(kind, ())
        if isinstance(given, Mapping):
            names = {spec.name for spec in specs} | {"actions"}
            fields = tuple((spec, given.get(spec.name)) for spec in specs)
            other = tuple((k, v) for k, v in given.items() if k not in names)
            actions = tuple(_action(a) for a in _items(given.get("actions")))
        else:
            fields, other, actions = (), (("details", given),), ()
        age = entry.get("child_age")
        ages = entry.get("child_ages")
        return cls(
            id=str(entry.get("id") or ""),
            kind=kind,
            title=str(title),
            event_at=_text_or_none(entry.get("event_at")),
            location=_text_or_none(entry.get("location")),
            duration_minutes=entry.get("duration_minutes"),
            people=tuple(str(key) for key in _items(entry.get("people"))),
            status=str(entry.get("status") or "draft"),
            significant=bool(entry.get("significant")),
            late=bool(entry.get("late")),
            written_at=_text_or_none(entry.get("written_at")),
            imported_at=_text_or_none(entry.get("imported_at")),
            claimed_written_at=_text_or_none(entry.get("claimed_written_at")),
            finalised_at=_text_or_none(entry.get("finalised_at")),
            claimed_finalised_at=_text_or_none(entry.get("claimed_finalised_at")),
            content_hash=_text_or_none(entry.get("content_hash")),
            fields=fields,
            actions=actions,
            attachments=tuple(_attachment(a) for a in _items(entry.get("attachments"))),
            tags=tuple(str(tag) for tag in _items(entry.get("tags"))),
            addenda=tuple(_addendum(a) for a in _items(entry.get("addenda"))),
            other_fields=other,
            child_age=age if isinstance(age, int) and not isinstance(age, bool) else None,
            child_ages=tuple(
                (str(k), v)
                for k, v in (ages.items() if isinstance(ages, Mapping) else ())
                if isinstance(v, int) and not isinstance(v, bool)
            ),
        )


def _items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _action(value: Any) -> SummaryAction:
    item = value if isinstance(value, Mapping) else {"text": value}
    return SummaryAction(
        str(item.get("text") or ""), _text_or_none(item.get("due")), bool(item.get("done"))
    )


def _attachment(value: Any) -> SummaryAttachment:
    item = value if isinstance(value, Mapping) else {"name": value}
    size = item.get("size")
    return SummaryAttachment(
        str(item.get("name") or ""),
        str(item.get("media_type") or ""),
        size if isinstance(size, int) and not isinstance(size, bool) else None,
        item["drawing"] if isinstance(item.get("drawing"), bytes) else None,
    )


def _addendum(value: Any) -> SummaryAddendum:
    item = value if isinstance(value, Mapping) else {"text": value}
    return SummaryAddendum(
        str(item.get("text") or ""),
        _text_or_none(item.get("written_at")),
        _text_or_none(item.get("imported_at")),
        _text_or_none(item.get("claimed_written_at")),
    )
