"""The casebook/1 interchange JSON: parse and validate a whole document.

Parsing validates everything before anything is written, naming the JSON path of the
first problem (``cases[0].records[3].fields.narative: unknown field``). The document's
content comes from :meth:`casebook.stores.interchange.Interchange.export_document` (in memory) or
:meth:`~casebook.stores.interchange.Interchange.export_cases`, which :func:`write_document` streams
a record at a time: a 10-year caseload with attachments is gigabytes of JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from casebook import kinds
from casebook.errors import InvalidInput
from casebook.events import parse_events
from casebook.intake import Intake, parse_intake
from casebook.person_details import PersonDetails, parse_person_details
from casebook.record import RecordInput, parse_record
from casebook.validate import _date, _list, _object, _text, _time, label
from casebook.writing.phrases import Phrase, Template, parse_phrases, parse_templates

# What Casebook writes; casebook/1.1 adds the professional_contact kind (docs/interchange.md).
FORMAT = "casebook/1.1"
# What it reads, with the record kinds each allows: a casebook/1 document reads as before.
READ_FORMATS: dict[str, tuple[str, ...]] = {
    "casebook/1": kinds.KINDS_V1,
    FORMAT: kinds.KINDS,
}


@dataclass
class PersonInput:
    """A person of a case as given in a document."""

    key: str
    name: str
    role: str
    preferred_name: str = ""
    born: str | None = None
    gp: str = ""
    other_names: list[str] = field(default_factory=list)
    # casebook/1.1: relationship, contact, language, legal status (casebook.person_details).
    details: PersonDetails | None = None


@dataclass
class CaseInput:
    """A case with its people and records."""

    ref: str
    title: str = ""
    status: str = "open"
    opened: str | None = None
    closed: str | None = None
    people: list[PersonInput] = field(default_factory=list)
    records: list[RecordInput] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)  # casebook/1.1
    # casebook/1.1: how the work began (casebook.intake).
    intake: Intake | None = None


@dataclass
class ReflectionInput:
    """An entry of the reflective log."""

    written_at: str | None
    text: str


@dataclass
class DocumentInput:
    """A validated casebook/1 document."""

    cases: list[CaseInput]
    reflections: list[ReflectionInput]
    # The practitioner's phrases and templates (optional top-level keys; casebook.writing).
    phrases: list[Phrase] = field(default_factory=list)
    templates: list[Template] = field(default_factory=list)


def load_file(path: Path) -> Any:
    """Read a JSON file, turning unreadable files and syntax errors into InvalidInput."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(str(path), f"cannot read the file: {exc.strerror}") from None
    return loads(raw)


def loads(raw: bytes | str) -> Any:
    """Decode JSON text, reporting where it is broken."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InvalidInput("$", f"the file is not UTF-8 text (byte {exc.start})") from None
    duplicated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicated
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        # A key given twice: json keeps the last silently, so the document would mean
        # something other than what a reader of it sees. Marked here, refused below.
        duplicated = True
        return _DuplicateKey(obj, _first_repeated(key for key, _ in items))

    try:
        value = json.loads(raw, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            "$", f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise InvalidInput("$", "the JSON is nested too deeply") from None
    if duplicated:
        try:
            path, key = _duplicate_key(value, "$") or ("$", "")
        except RecursionError:
            path, key = "$", ""
        raise InvalidInput(_join(path, key), "a key appears twice in the same object")
    return value


class _DuplicateKey(dict[str, Any]):
    """A decoded object in which ``key`` appeared more than once."""

    def __init__(self, obj: dict[str, Any], key: str) -> None:
        super().__init__(obj)
        self.key = key


def _first_repeated(keys: Iterable[str]) -> str:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            return key
        seen.add(key)
    raise AssertionError("no key is repeated")


def _duplicate_key(value: Any, path: str) -> tuple[str, str] | None:
    """The path of the first object (in document order) holding a repeated key, and it."""
    if isinstance(value, _DuplicateKey):
        return path, value.key
    children: Iterable[tuple[str, Any]] = ()
    if isinstance(value, dict):
        children = ((_join(path, k), v) for k, v in value.items())
    elif isinstance(value, list):
        children = ((f"{path}[{i}]", v) for i, v in enumerate(value))
    for child_path, child in children:
        if isinstance(child, dict | list):
            found = _duplicate_key(child, child_path)
            if found:
                return found
    return None


def _join(path: str, key: str) -> str:
    """``cases[0]`` + ``ref`` → ``cases[0].ref``; at the top, just ``ref``."""
    if not key:
        return path
    return key if path == "$" else f"{path}.{key}"


def parse_document(obj: Any) -> DocumentInput:
    """Validate a decoded casebook/1 document.

    Raises:
        InvalidInput: naming the path of the first problem.
    """
    obj = _object(obj, "$", {"format", "cases", "reflections", "phrases", "templates"}, ("format",))
    record_kinds = READ_FORMATS.get(obj["format"]) if isinstance(obj["format"], str) else None
    if record_kinds is None:
        raise InvalidInput("format", f"expected {' or '.join(map(repr, READ_FORMATS))}")
    cases = [
        parse_case(c, f"cases[{i}]", record_kinds)
        for i, c in enumerate(_list(obj.get("cases", []), "cases"))
    ]
    seen: dict[str, int] = {}
    record_ids: dict[str, str] = {}
    for i, case in enumerate(cases):
        if case.ref in seen:
            raise InvalidInput(f"cases[{i}].ref", f"the ref {case.ref!r} appears twice")
        seen[case.ref] = i
        for j, record in enumerate(case.records):
            if record.id is not None:
                where = f"cases[{i}].records[{j}].id"
                if record.id in record_ids:
                    raise InvalidInput(
                        where, f"the record id also appears at {record_ids[record.id]}"
                    )
                record_ids[record.id] = where
    reflections = []
    for i, item in enumerate(_list(obj.get("reflections", []), "reflections")):
        where = f"reflections[{i}]"
        entry = _object(item, where, {"written_at", "text"}, ("text",))
        written = entry.get("written_at")
        reflections.append(
            ReflectionInput(
                written_at=_time(written, f"{where}.written_at") if written is not None else None,
                text=_text(entry["text"], f"{where}.text"),
            )
        )
    return DocumentInput(
        cases=cases, reflections=reflections,
        phrases=parse_phrases(obj.get("phrases", [])),
        templates=parse_templates(obj.get("templates", [])),
    )  # fmt: skip


def parse_case(obj: Any, path: str, record_kinds: tuple[str, ...] = kinds.KINDS) -> CaseInput:
    """Validate one case object with its people and records (of ``record_kinds``).

    A casebook/1.1 case (one whose format knows the newer kinds) may carry ``intake`` and
    its chronology ``events``.
    """
    allowed = {"ref", "title", "status", "opened", "closed", "people", "records"}
    if record_kinds != kinds.KINDS_V1:
        allowed |= {"intake", "events"}
    obj = _object(obj, path, allowed, ("ref",))
    ref = label(obj["ref"], f"{path}.ref", max_chars=100).strip()
    if not ref:
        raise InvalidInput(f"{path}.ref", "must not be empty")
    case = CaseInput(ref=ref, title=_text(obj.get("title") or "", f"{path}.title", 500))
    status = obj.get("status", "open")
    if status not in kinds.CASE_STATUSES:
        raise InvalidInput(f"{path}.status", "expected one of open, closed")
    case.status = status
    for name in ("opened", "closed"):
        if obj.get(name) is not None:
            setattr(case, name, _date(obj[name], f"{path}.{name}"))
    keys: set[str] = set()
    for i, p in enumerate(_list(obj.get("people", []), f"{path}.people")):
        person = parse_person(p, f"{path}.people[{i}]", with_details="intake" in allowed)
        if person.key in keys:
            raise InvalidInput(f"{path}.people[{i}].key", f"the key {person.key!r} appears twice")
        keys.add(person.key)
        case.people.append(person)
    if obj.get("events") is not None:
        case.events = parse_events(obj["events"], f"{path}.events")
    if obj.get("intake") is not None:
        case.intake = parse_intake(obj["intake"], f"{path}.intake")
    roles = {person.key: person.role for person in case.people}
    case.records = [
        parse_record(r, f"{path}.records[{i}]", keys, record_kinds, roles)
        for i, r in enumerate(_list(obj.get("records", []), f"{path}.records"))
    ]
    return case


def parse_person(obj: Any, path: str, *, with_details: bool = True) -> PersonInput:
    """Validate one person object (``with_details``: casebook/1.1's ``details`` allowed)."""
    allowed = {"key", "name", "preferred_name", "role", "born", "gp", "other_names"}
    if with_details:
        allowed.add("details")
    obj = _object(obj, path, allowed, ("key", "name", "role"))
    key = label(obj["key"], f"{path}.key", max_chars=100).strip()
    name = label(obj["name"], f"{path}.name", max_chars=500).strip()
    if not key:
        raise InvalidInput(f"{path}.key", "must not be empty")
    if not name:
        raise InvalidInput(f"{path}.name", "must not be empty")
    role = obj["role"]
    if role not in kinds.ROLES:
        raise InvalidInput(f"{path}.role", f"expected one of {', '.join(kinds.ROLES)}")
    return PersonInput(
        key=key,
        name=name,
        role=role,
        preferred_name=label(obj.get("preferred_name") or "", f"{path}.preferred_name", 500),
        born=_date(obj["born"], f"{path}.born", "birth") if obj.get("born") is not None else None,
        gp=_text(obj.get("gp") or "", f"{path}.gp", 2000),
        other_names=parse_other_names(obj.get("other_names"), f"{path}.other_names"),
        details=parse_person_details(obj["details"], f"{path}.details")
        if obj.get("details") is not None
        else None,
    )


MAX_OTHER_NAMES = 20


def parse_other_names(value: Any, path: str) -> list[str]:
    """Validate a person's ``other_names``: a list of texts (nicknames, other spellings).

    Each is stripped like a name and must not be empty; None means none.
    """
    if value is None:
        return []
    names: list[str] = []
    for i, item in enumerate(_list(value, path)):
        name = _text(item, f"{path}[{i}]", 500).strip()
        if not name:
            raise InvalidInput(f"{path}[{i}]", "must not be empty")
        names.append(name)
    if len(names) > MAX_OTHER_NAMES:
        raise InvalidInput(path, f"at most {MAX_OTHER_NAMES} other names")
    return names


def write_document(
    out: BinaryIO,
    cases: Iterable[tuple[dict[str, Any], Iterable[dict[str, Any]]]],
    reflections: list[dict[str, Any]] | None = None,
    extras: dict[str, Any] | None = None,
) -> None:
    """Write a casebook/1 document as UTF-8 JSON, one record at a time.

    The text is exactly ``json.dumps(document, ensure_ascii=False, indent=2) + "\\n"`` of
    the same document held in memory; only one record is ever held.

    Args:
        out: where the bytes go.
        cases: each case object without its ``records``, and those records in order.
        reflections: the reflective log entries, or None to leave the key out.
        extras: further top-level keys written after them (``phrases``, ``templates``).
    """

    def write(text: str) -> None:
        out.write(text.encode("utf-8"))

    write(f'{{\n  "format": {_json(FORMAT, 1)},\n  "cases": [')
    cases_written = 0
    for case, records in cases:
        head = _json({**case, "records": None}, 2).removesuffix("null\n    }")
        write(("," if cases_written else "") + "\n    " + head)
        cases_written += 1
        records_written = 0
        for record in records:
            write(("," if records_written else "[") + "\n        " + _json(record, 4))
            records_written += 1
        write(("\n      ]" if records_written else "[]") + "\n    }")
    write("\n  ]" if cases_written else "]")
    if reflections is not None:
        write(',\n  "reflections": ' + _json(reflections, 1))
    for key, value in (extras or {}).items():
        write(f",\n  {_json(key, 1)}: " + _json(value, 1))
    write("\n}\n")


def _json(value: Any, depth: int) -> str:
    """``value`` as indented JSON, its lines after the first indented ``depth`` levels."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)
