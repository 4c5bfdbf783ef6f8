"""Records as input: validation of a casebook/1 record object, canonical form and hash.

:func:`parse_record` is the one gate every record passes (import, CLI, GUI): it names
the JSON path of the first problem and returns a normalised :class:`RecordInput`.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from casebook import kinds
from casebook.childwork import check_children, children_of
from casebook.errors import InvalidInput
from casebook.fieldtypes import rules
from casebook.marks import Mark, parse_spans
from casebook.validate import (
    _bool,
    _choice,
    _date,
    _list,
    _minutes,
    _object,
    _person_list,
    _tags,
    _text,
    _time,
    check_text,
    label,
)

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
RECORD_KEYS = {
    "id", "kind", "event_at", "written_at", "location", "duration_minutes", "people",
    "status", "tags", "significant", "fields", "attachments", "addenda", "finalised_at",
    "content_hash", "imported_at", "spans", "significance",
}  # fmt: skip
# Times only Casebook's clock sets on a record it makes (see Notebook.records.create).
CASEBOOK_TIMES = ("written_at", "finalised_at", "imported_at")
REQUIRED_RECORD_KEYS = ("kind", "event_at")


@dataclass(frozen=True)
class ActionInput:
    """An action as given: text and due date (``done`` kept on export round-trips)."""

    text: str
    due: str | None = None
    done: bool = False


@dataclass(frozen=True)
class AttachmentInput:
    """An attachment's decoded bytes."""

    name: str
    media_type: str
    data: bytes


@dataclass(frozen=True)
class AddendumInput:
    """An addendum of an imported final record; its time (if given) is a claim."""

    written_at: str | None
    text: str


@dataclass
class RecordInput:
    """A validated, normalised record, ready to store."""

    kind: str
    event_at: str
    written_at: str | None = None
    location: str | None = None  # None: not given
    duration_minutes: int | None = None
    people: list[str] = field(default_factory=list)
    status: str = "draft"
    tags: list[str] = field(default_factory=list)
    significant: bool = False
    fields: dict[str, Any] = field(default_factory=dict)
    actions: list[ActionInput] = field(default_factory=list)
    attachments: list[AttachmentInput] = field(default_factory=list)
    addenda: list[AddendumInput] = field(default_factory=list)
    id: str | None = None
    finalised_at: str | None = None
    content_hash: str | None = None
    imported_at: str | None = None
    spans: list[Mark] = field(default_factory=list)
    # Significance set after finalising (casebook/1.1): outside the hash, final records only.
    significance: list[dict[str, Any]] = field(default_factory=list)


def parse_record(
    obj: Any,
    path: str,
    person_keys: Iterable[str],
    record_kinds: tuple[str, ...] = kinds.KINDS,
    roles: Mapping[str, str] | None = None,
) -> RecordInput:
    """Validate a casebook/1 (or 1.1) record object.

    Args:
        obj: the decoded JSON value.
        path: its JSON path, used in messages (``cases[0].records[3]``).
        person_keys: the keys of the people of the record's case.
        record_kinds: the kinds the document's format knows (casebook/1: three).
        roles: the role of each person of the case by key: a direct-work record names
            only children as its children (:func:`casebook.childwork.check_children`).

    Raises:
        InvalidInput: naming the path of the first problem.
    """
    keys = set(person_keys)
    obj = _object(obj, path, RECORD_KEYS, REQUIRED_RECORD_KEYS)
    kind = _choice(obj["kind"], f"{path}.kind", record_kinds)
    record = RecordInput(kind=kind, event_at=_time(obj["event_at"], f"{path}.event_at"))
    if obj.get("written_at") is not None:
        record.written_at = _time(obj["written_at"], f"{path}.written_at")
    if obj.get("location") is not None:
        record.location = _choice(obj["location"], f"{path}.location", kinds.LOCATIONS)
    if obj.get("duration_minutes") is not None:
        record.duration_minutes = _minutes(obj["duration_minutes"], f"{path}.duration_minutes")
    record.people = _person_list(obj.get("people", []), f"{path}.people", keys)
    record.status = _choice(obj.get("status", "draft"), f"{path}.status", kinds.RECORD_STATUSES)
    record.tags = _tags(obj.get("tags", []), f"{path}.tags")
    record.significant = _bool(obj.get("significant", False), f"{path}.significant")
    record.fields, record.actions = parse_fields(
        kind, obj.get("fields", {}), f"{path}.fields", keys
    )
    _parse_1_1(record, obj, path, keys, record_kinds)
    if kind == "child_work" and roles is not None:
        check_children(record.fields, f"{path}.fields", roles)
    record.attachments = [
        _attachment(a, f"{path}.attachments[{i}]")
        for i, a in enumerate(_list(obj.get("attachments", []), f"{path}.attachments"))
    ]
    addenda = _list(obj.get("addenda", []), f"{path}.addenda")
    if addenda and record.status != "final":
        raise InvalidInput(f"{path}.addenda", "only final records carry addenda")
    record.addenda = [_addendum(a, f"{path}.addenda[{i}]") for i, a in enumerate(addenda)]
    if obj.get("id") is not None:
        record.id = label(obj["id"], f"{path}.id", max_chars=200)
        if not record.id.strip():
            raise InvalidInput(f"{path}.id", "must not be empty")
    if obj.get("finalised_at") is not None:
        record.finalised_at = _time(obj["finalised_at"], f"{path}.finalised_at")
    if obj.get("content_hash") is not None:
        record.content_hash = _text(obj["content_hash"], f"{path}.content_hash", 64)
    if obj.get("imported_at") is not None:
        # Another notebook's import time: read, never stored (this notebook vouches only
        # for its own import).
        record.imported_at = _time(obj["imported_at"], f"{path}.imported_at")
    if record.status != "final" and (record.finalised_at or record.content_hash):
        raise InvalidInput(f"{path}.status", "finalised_at and content_hash need status final")
    return record


def _parse_1_1(
    record: RecordInput,
    obj: dict[str, Any],
    path: str,
    keys: set[str],
    kinds_known: tuple[str, ...],
) -> None:
    """casebook/1.1's keys of a record: its marks and its significance notes (a casebook/1
    document, which knows only casebook/1's kinds, carries neither)."""
    if kinds_known == kinds.KINDS_V1:
        for key in ("spans", "significance"):
            if obj.get(key) is not None:
                raise InvalidInput(f"{path}.{key}", "casebook/1 has none (casebook/1.1 has)")
        return
    if obj.get("spans") is not None:
        record.spans = parse_spans(obj["spans"], f"{path}.spans", record.kind, record.fields, keys)
    if obj.get("significance") is not None:
        record.significance = parse_significance(obj["significance"], f"{path}.significance")
        if record.significance and obj.get("status") != "final":
            raise InvalidInput(
                f"{path}.significance", "only final records carry significance notes"
            )


def parse_significance(value: Any, path: str) -> list[dict[str, Any]]:
    """Validate a casebook/1.1 record's ``"significance"`` notes, oldest first.

    Raises:
        InvalidInput: naming the path of the first problem.
    """
    notes = []
    for i, item in enumerate(_list(value, path)):
        where = f"{path}[{i}]"
        obj = _object(item, where, {"at", "significant", "reason"}, ("at", "significant"))
        notes.append(
            {
                "at": _time(obj["at"], f"{where}.at"),
                "significant": _bool(obj["significant"], f"{where}.significant"),
                "reason": check_text(obj.get("reason") or "", f"{where}.reason", 2000).strip(),
            }
        )
    return notes


def parse_fields(
    kind: str, obj: Any, path: str, person_keys: set[str]
) -> tuple[dict[str, Any], list[ActionInput]]:
    """Validate the kind-specific ``fields`` object; every field is present afterwards."""
    specs = {spec.name: spec for spec in kinds.FIELDS[kind]}
    obj = _object(obj, path, set(specs) | {"actions"}, (), noun="field")
    values: dict[str, Any] = {}
    for name, spec in specs.items():
        value = obj.get(name)
        where = f"{path}.{name}"
        kind_rules = rules(spec)
        values[name] = (
            kind_rules.empty()
            if value is None
            else kind_rules.parse(spec, value, where, person_keys)
        )
    actions = [
        _action(a, f"{path}.actions[{i}]")
        for i, a in enumerate(_list(obj.get("actions", []), f"{path}.actions"))
    ]
    return values, actions


def canonical_bytes(value: Any) -> bytes:
    """Canonical JSON: sorted keys, no spaces, UTF-8. Hashes are taken over this."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def content_hash(content: Mapping[str, Any]) -> str:
    """SHA-256 hex of the canonical form of a record's content."""
    return hashlib.sha256(canonical_bytes(content)).hexdigest()


def hashed_content(
    *,
    uid: str,
    kind: str,
    event_at: str,
    written_at: str,
    location: str | None,
    duration_minutes: int | None,
    people: list[str],
    tags: list[str],
    significant: bool,
    fields: Mapping[str, Any],
    actions: Iterable[tuple[str, str | None]],
    attachments: Iterable[tuple[str, str, str]],
    finalised_at: str,
    spans: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """What a final record's content hash covers (everything but addenda and done flags).

    A record's marks (``spans``, casebook/1.1) are covered when it has any: the hash of
    a record without marks is the one casebook/1 gave it.
    """
    content = {
        "id": uid,
        "kind": kind,
        "event_at": event_at,
        "written_at": written_at,
        "location": location,
        "duration_minutes": duration_minutes,
        "people": list(people),
        "tags": list(tags),
        "significant": significant,
        "fields": hashed_fields(kind, fields),
        "actions": [{"text": t, "due": d} for t, d in actions],
        "attachments": [{"name": n, "media_type": m, "sha256": s} for n, m, s in attachments],
        "finalised_at": finalised_at,
    }
    if spans:
        content["spans"] = {name: list(items) for name, items in spans.items()}
    return content


def hashed_fields(kind: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The fields a content hash covers: all, but a field added later
    (:attr:`~casebook.kinds.FieldSpec.later`) only when it holds something."""
    later = {spec.name for spec in kinds.FIELDS.get(kind, ()) if spec.later}
    return {
        name: value
        for name, value in fields.items()
        if name not in later or value not in (None, "", [], {})
    }


def text_parts(kind: str, fields: Mapping[str, Any]) -> list[str]:
    """Every piece of free text in a record's fields, for the search index's body."""
    return _search_parts(kind, fields, free_text=True)


def choice_parts(kind: str, fields: Mapping[str, Any]) -> list[str]:
    """The words of a record's choices ("Three Houses", "Developing"), for the search
    index's head: found, but never the start of a snippet."""
    return _search_parts(kind, fields, free_text=False)


def _search_parts(kind: str, fields: Mapping[str, Any], *, free_text: bool) -> list[str]:
    parts: list[str] = []
    for spec in kinds.FIELDS[kind]:
        value = fields.get(spec.name)
        if value and rules(spec).free_text is free_text:
            parts += rules(spec).search_text(spec, value)
    return parts


def title_parts(kind: str, fields: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(subtype, person key) that a record's title is made of."""
    if kind == "session":
        return fields.get("session_type"), None
    if kind == "child_work":
        children = children_of(fields)
        return fields.get("activity"), children[0] if children else None
    if kind == "professional_contact":
        return fields.get("meeting_type"), None
    return fields.get("contact_type"), fields.get("partner")


# Between the names of the children of one record as the record lists read them.
NAMES_APART = "\x1f"


def children_beyond_first(kind: str, fields: Mapping[str, Any]) -> int:
    """How many children a direct-work record names after the first (its title names all)."""
    return max(0, len(children_of(fields)) - 1) if kind == "child_work" else 0


# Record lists ask for thousands of titles made of a few names and subtypes.
@functools.lru_cache(maxsize=4096)
def record_title(kind: str, subtype: str | None, who: str | None) -> str:
    """A one-line title: "Assessment session", "Direct work with Lily — Three Houses".

    Args:
        kind: the record kind.
        subtype: session type, activity or contact type.
        who: the name (as shown) of the child or partner the record is about; the
            names of several children are separated by :data:`NAMES_APART`.
    """
    if kind == "session":
        return f"{kinds.label(subtype)} session" if subtype else "Session"
    if kind == "child_work":
        names = (who or "").split(NAMES_APART)
        together = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else who
        title = f"Direct work with {together or 'a child'}"
        return title + (f" — {kinds.label(subtype)}" if subtype else "")
    if kind == "professional_contact":
        return kinds.label(subtype, "meeting_type") if subtype else "Professional contact"
    title = f"Partner support: {who or 'partner'}"
    return title + (f" ({kinds.label(subtype).lower()})" if subtype else "")


# -- validators -------------------------------------------------------------------------


def check_practitioner(practitioner: Any) -> None:
    """Validate the practitioner's name, role and organisation as labels.

    Raises:
        InvalidInput: naming the field.
    """
    for name in ("name", "role", "organisation"):
        label(getattr(practitioner, name), f"practitioner.{name}")


def _action(value: Any, path: str) -> ActionInput:
    obj = _object(value, path, {"text", "due", "done"}, ("text",))
    text = _text(obj["text"], f"{path}.text")
    due = _date(obj["due"], f"{path}.due", "planned") if obj.get("due") is not None else None
    return ActionInput(text=text, due=due, done=_bool(obj.get("done", False), f"{path}.done"))


def _attachment(value: Any, path: str) -> AttachmentInput:
    obj = _object(value, path, {"name", "media_type", "data_base64"}, ("name", "data_base64"))
    name = _text(obj["name"], f"{path}.name", max_chars=255)
    media_type = _text(
        obj.get("media_type") or "application/octet-stream", f"{path}.media_type", 200
    )
    encoded = obj["data_base64"]
    if not isinstance(encoded, str):
        raise InvalidInput(f"{path}.data_base64", "expected base64 text")
    if len(encoded) > MAX_ATTACHMENT_BYTES * 4 // 3 + 8:
        raise InvalidInput(f"{path}.data_base64", _too_big())
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInput(f"{path}.data_base64", "not valid base64") from None
    check_attachment_size(len(data), f"{path}.data_base64")
    return AttachmentInput(name=name, media_type=media_type, data=data)


def check_attachment_size(size: int, where: str) -> None:
    """Refuse attachments over the limit with a clear message."""
    if size > MAX_ATTACHMENT_BYTES:
        raise InvalidInput(where, _too_big())


def _too_big() -> str:
    return f"an attachment can be at most {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB"


def _addendum(value: Any, path: str) -> AddendumInput:
    obj = _object(value, path, {"written_at", "text", "imported_at"}, ("text",))
    written_at = obj.get("written_at")
    if obj.get("imported_at") is not None:
        _time(obj["imported_at"], f"{path}.imported_at")
    return AddendumInput(
        written_at=_time(written_at, f"{path}.written_at") if written_at is not None else None,
        text=_text(obj["text"], f"{path}.text"),
    )
