"""What each type of field in :data:`casebook.kinds.FIELDS` means, in one table.

Per type: how a given value is validated (:func:`casebook.record.parse_fields`), what a
left-out field holds, the text it gives the search index, how it reads as plain text
(``casebook record show``), which of its text are the practitioner's own words (the
language check looks at those, never at what someone said word for word) and whether it
holds free text that people wrote, which redaction and the redaction review walk (every
other type holds keys, choices or dates, which they leave alone). The summary draws each
type through its own table (:mod:`casebook.summary.record`); the app's editors have one
widget per type.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from casebook import kinds
from casebook.errors import InvalidInput
from casebook.kinds import FieldSpec
from casebook.validate import _choice, _date, _list, _object, _person_key, _text, _time

# Person keys to the names shown for them.
Names = Mapping[str, str]


@dataclass(frozen=True)
class TypeRules:
    """How one type of field is validated, indexed and read.

    Attributes:
        parse: ``parse(spec, value, path, person_keys)``: the normalised value of a given
            (not null) value, or :class:`~casebook.errors.InvalidInput` naming ``path``.
        empty: What a left-out field holds.
        search_text: The pieces of text a (not empty) value gives the search index.
        plain_text: The lines a (not empty) value reads as, indented under its label.
        own_words: ``(where, text)`` of the text in a value that the practitioner wrote
            (not a quote: a child's words, a disclosure's verbatim account).
        free_text: Whether the value holds text people wrote (redaction walks it).
    """

    parse: Callable[[FieldSpec, Any, str, set[str]], Any]
    empty: Callable[[], Any]
    search_text: Callable[[FieldSpec, Any], list[str]]
    plain_text: Callable[[FieldSpec, Any, Names], list[str]]
    own_words: Callable[[FieldSpec, Any], list[tuple[str, str]]]
    free_text: bool


def _parse_enum_list(spec: FieldSpec, value: Any, path: str, _keys: set[str]) -> list[str]:
    items = [_choice(v, f"{path}[{i}]", spec.choices) for i, v in enumerate(_list(value, path))]
    return list(dict.fromkeys(items))


def _parse_disclosure(_spec: FieldSpec, value: Any, path: str, _keys: set[str]) -> dict[str, Any]:
    return _disclosure(_object(value, path, set(kinds.DISCLOSURE_KEYS), ("verbatim",)), path)


def _parse_children(_spec: FieldSpec, value: Any, path: str, keys: set[str]) -> list[str]:
    """The children seen: person keys, each once (the role is checked by the record)."""
    items = [_person_key(v, f"{path}[{i}]", keys) for i, v in enumerate(_list(value, path))]
    return list(dict.fromkeys(items))


def _parse_disclosures(
    _spec: FieldSpec, value: Any, path: str, keys: set[str]
) -> list[dict[str, Any]]:
    """Each disclosure: which child made it (``child``, may be left out) and the
    disclosure's own keys; its key order is that of a casebook/1 disclosure, child first."""
    out = []
    for i, item in enumerate(_list(value, path)):
        where = f"{path}[{i}]"
        obj = _object(item, where, set(kinds.DISCLOSURES_ITEM_KEYS), ("verbatim",))
        child = obj.get("child")
        made_by = _person_key(child, f"{where}.child", keys) if child is not None else None
        out.append({"child": made_by, **_disclosure(obj, where)})
    return out


def _disclosure(obj: dict[str, Any], path: str) -> dict[str, Any]:
    informed = []
    for i, item in enumerate(_list(obj.get("informed", []), f"{path}.informed")):
        where = f"{path}.informed[{i}]"
        entry = _object(item, where, {"who", "at"}, ("who",))
        informed.append(
            {
                "who": _text(entry["who"], f"{where}.who"),
                "at": _time(entry["at"], f"{where}.at") if entry.get("at") is not None else None,
            }
        )
    return {
        "verbatim": _text(obj["verbatim"], f"{path}.verbatim"),
        "at": _time(obj["at"], f"{path}.at") if obj.get("at") is not None else None,
        "present": _text(obj.get("present") or "", f"{path}.present"),
        "response": _text(obj.get("response") or "", f"{path}.response"),
        "informed": informed,
    }


def _disclosure_search_text(_spec: FieldSpec, value: Any) -> list[str]:
    parts = [str(value.get(k) or "") for k in ("verbatim", "present", "response")]
    return parts + [i.get("who", "") for i in value.get("informed", [])]


def _disclosure_plain_text(_spec: FieldSpec, value: Any, _names: Names) -> list[str]:
    lines = [f"  Verbatim: “{value['verbatim']}”"]
    for key, title in (("at", "At"), ("present", "Present"), ("response", "Response")):
        if value.get(key):
            lines.append(f"  {title}: {value[key]}")
    for item in value.get("informed", []):
        at = f" at {item['at']}" if item.get("at") else ""
        lines.append(f"  Informed: {item['who']}{at}")
    return lines


def _disclosures_search_text(spec: FieldSpec, value: Any) -> list[str]:
    return [part for item in value for part in _disclosure_search_text(spec, item)]


def _disclosures_plain_text(spec: FieldSpec, value: Any, names: Names) -> list[str]:
    lines: list[str] = []
    for item in value:
        child = item.get("child")
        lines.append("  Made by: " + (names.get(child, child) if child else "(child not given)"))
        lines += _disclosure_plain_text(spec, item, names)
    return lines


def _disclosures_own_words(spec: FieldSpec, value: Any) -> list[tuple[str, str]]:
    if not isinstance(value, list):
        return []
    return [
        (f"{spec.name}[{i}].{where.split('.', 1)[1]}", text)
        for i, item in enumerate(value)
        for where, text in _disclosure_own_words(spec, item)
    ]


def _parse_attendees(_spec: FieldSpec, value: Any, path: str, keys: set[str]) -> list[Any]:
    """Each attendee: a person of the case (``person``) or a named professional (``name``),
    with agency and role; one of the two is needed."""
    attendees = []
    for i, item in enumerate(_list(value, path)):
        where = f"{path}[{i}]"
        entry = _object(item, where, set(kinds.ATTENDEE_KEYS), ())
        person = entry.get("person")
        attendee = {
            "person": _person_key(person, f"{where}.person", keys) if person is not None else None,
            "name": _text(entry.get("name") or "", f"{where}.name", 500).strip(),
            "agency": _text(entry.get("agency") or "", f"{where}.agency", 500).strip(),
            "role": _text(entry.get("role") or "", f"{where}.role", 500).strip(),
        }
        if attendee["person"] is None and not attendee["name"]:
            raise InvalidInput(where, "give a person of the case or the professional's name")
        attendees.append(attendee)
    return attendees


def attendee_words(attendee: Any, names: Names) -> str:
    """One attendee in words: "DS Amir Khan — Police, chair" or a case person's name."""
    who = attendee.get("name") or ""
    if attendee.get("person") and not who:
        who = names.get(attendee["person"], attendee["person"])
    details = ", ".join(x for x in (attendee.get("agency"), attendee.get("role")) if x)
    return f"{who} — {details}" if details else who


def _attendees_search_text(_spec: FieldSpec, value: Any) -> list[str]:
    return [str(a.get(k) or "") for a in value for k in ("name", "agency", "role")]


def _text_own_words(spec: FieldSpec, value: Any) -> list[tuple[str, str]]:
    return [(spec.name, value)] if isinstance(value, str) else []


def _disclosure_own_words(spec: FieldSpec, value: Any) -> list[tuple[str, str]]:
    """What the practitioner wrote about a disclosure: who was present, their response."""
    if not isinstance(value, dict):
        return []
    parts = ("present", "response")
    return [(f"{spec.name}.{p}", value[p]) for p in parts if isinstance(value.get(p), str)]


def enum_words(spec: FieldSpec, value: str) -> str:
    """A choice in words; a change-over-time rating with its place: "Strong (4 of 4)"."""
    scale = kinds.rating_scale(spec.name)
    return scale.words(value) if scale else kinds.label(value, spec.name)


def _none() -> None:
    return None


def _nothing(_spec: FieldSpec, _value: Any) -> list[Any]:
    return []


TYPES: dict[kinds.FieldType, TypeRules] = {
    "text": TypeRules(
        parse=lambda _spec, value, path, _keys: _text(value, path),
        empty=str,
        search_text=lambda _spec, value: [value],
        plain_text=lambda _spec, value, _names: ["  " + line for line in value.splitlines()],
        own_words=_text_own_words,
        free_text=True,
    ),
    "enum": TypeRules(
        parse=lambda spec, value, path, _keys: _choice(value, path, spec.choices),
        empty=_none,
        search_text=lambda _spec, value: [kinds.label(value)],
        plain_text=lambda spec, value, _names: ["  " + enum_words(spec, value)],
        own_words=_nothing,
        free_text=False,
    ),
    "enum_list": TypeRules(
        parse=_parse_enum_list,
        empty=list,
        search_text=lambda _spec, value: [kinds.label(v) for v in value],
        plain_text=lambda spec, value, _names: [
            "  " + ", ".join(kinds.label(v, spec.name) for v in value)
        ],
        own_words=_nothing,
        free_text=False,
    ),
    "text_list": TypeRules(
        parse=lambda _spec, value, path, _keys: [
            _text(v, f"{path}[{i}]") for i, v in enumerate(_list(value, path))
        ],
        empty=list,
        search_text=lambda _spec, value: list(value),
        plain_text=lambda _spec, value, _names: [f"  “{quote}”" for quote in value],
        own_words=_nothing,
        free_text=True,
    ),
    "person": TypeRules(
        parse=lambda _spec, value, path, keys: _person_key(value, path, keys),
        empty=_none,
        search_text=_nothing,
        plain_text=lambda _spec, value, names: ["  " + names.get(value, value)],
        own_words=_nothing,
        free_text=False,
    ),
    "date": TypeRules(
        parse=lambda _spec, value, path, _keys: _date(value, path, "planned"),
        empty=_none,
        search_text=_nothing,
        plain_text=lambda _spec, value, _names: ["  " + value],
        own_words=_nothing,
        free_text=False,
    ),
    "disclosure": TypeRules(
        parse=_parse_disclosure,
        empty=_none,
        search_text=_disclosure_search_text,
        plain_text=_disclosure_plain_text,
        own_words=_disclosure_own_words,
        free_text=True,
    ),
    "children": TypeRules(
        parse=_parse_children,
        empty=list,
        search_text=_nothing,
        plain_text=lambda _spec, value, names: [
            "  " + ", ".join(names.get(key, key) for key in value)
        ],
        own_words=_nothing,
        free_text=False,
    ),
    "disclosures": TypeRules(
        parse=_parse_disclosures,
        empty=list,
        search_text=_disclosures_search_text,
        plain_text=_disclosures_plain_text,
        own_words=_disclosures_own_words,
        free_text=True,
    ),
    "attendees": TypeRules(
        parse=_parse_attendees,
        empty=list,
        search_text=_attendees_search_text,
        plain_text=lambda _spec, value, names: ["  " + attendee_words(a, names) for a in value],
        own_words=_nothing,
        free_text=True,
    ),
}


def rules(spec: FieldSpec) -> TypeRules:
    """The rules of ``spec``'s type."""
    return TYPES[spec.type]


def structured_field_names() -> frozenset[str]:
    """The names of the fields (of every kind) that hold no free text: choices, person
    keys and dates. A name is one or the other in every kind (a test holds this)."""
    return frozenset(
        spec.name for specs in kinds.FIELDS.values() for spec in specs if not rules(spec).free_text
    )
