# ruff: noqa: RUF001
"""The core's gate for what people enter: text that is no text, look-alike labels,
duplicate JSON keys and dates outside any plausible range are refused with exit 6,
naming the place, whichever way they arrive (import, CLI, app)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from casebook.domain import Practitioner
from casebook.errors import InvalidInput
from casebook.formats.casebook_json import loads, parse_document
from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"
TOMORROW = (date.today() + timedelta(days=1)).isoformat()


def document(**record_fields: object) -> dict[str, object]:
    """A one-case document whose one record has ``record_fields`` as its fields."""
    return {
        "format": "casebook/1",
        "cases": [{
            "ref": "R-1",
            "people": [{"key": "p1", "name": "Ann Lee", "role": "partner", "born": "1990-01-01"}],
            "records": [{"kind": "session", "event_at": "2026-03-04T10:00:00+00:00",
                         "fields": dict(record_fields)}],
        }],
    }  # fmt: skip


def refused(raw: str | dict[str, object]) -> InvalidInput:
    """The InvalidInput that decoding and validating ``raw`` raises."""
    with pytest.raises(InvalidInput) as info:
        parse_document(loads(raw) if isinstance(raw, str) else raw)
    return info.value


# -- text that is no text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "where, raw",
    [
        ("cases[0].records[0].fields.narrative",
         json.dumps(document(narrative="x")).replace('"x"', '"a\\ud800b"')),
        ("cases[0].ref", json.dumps(document()).replace('"R-1"', '"R\\udc00"')),
        ("cases[0].people[0].name", json.dumps(document()).replace('"Ann Lee"', '"\\ud83d"')),
    ],
    ids=["narrative", "case ref", "person name"],
)  # fmt: skip
def test_lone_surrogate_in_json_is_invalid_input_naming_its_path(where, raw):
    error = refused(raw)
    assert error.where == where
    assert "surrogate" in error.problem


def test_a_surrogate_pair_is_one_character_and_imports(empty_notebook):
    raw = json.dumps(document(narrative="x")).replace('"x"', '"smile \\ud83d\\ude00"')
    empty_notebook.interchange.import_document(loads(raw))
    (record,) = empty_notebook.records.list("R-1")
    assert empty_notebook.records.get(record.id).fields["narrative"] == "smile \U0001f600"


def test_lone_surrogate_given_to_the_core_directly_is_refused(notebook):
    with pytest.raises(InvalidInput, match="surrogate"):
        notebook.reflections.add("broken \udcff text")
    with pytest.raises(InvalidInput, match="surrogate"):
        notebook.cases.add("S-\udcff")
    with pytest.raises(InvalidInput, match="surrogate"):
        notebook.cases.update("C-1042", title="Family \ud800")


# -- duplicate keys -----------------------------------------------------------------------------


def test_duplicate_json_key_is_refused_naming_its_path():
    nested = json.dumps(document(narrative="first")).replace(
        '"narrative": "first"', '"narrative": "first", "narrative": "second"'
    )
    error = refused(nested)
    assert error.where == "cases[0].records[0].fields.narrative"
    assert "twice" in error.problem
    top = '{"format": "casebook/1", "cases": [], "format": "casebook/1"}'
    assert refused(top).where == "format"


# -- refs and names ------------------------------------------------------------------------------

LOOK_ALIKES = {
    "escape": "\x1b[31m", "newline": "\n", "tab": "\t", "carriage return": "\r",
    "C1 control": "\x9b", "right-to-left override": "\u202e", "left-to-right isolate": "\u2066",
    "pop directional isolate": "\u2069", "right-to-left mark": "\u200f",
    "left-to-right mark": "\u200e", "Arabic letter mark": "\u061c", "line separator": "\u2028",
}  # fmt: skip


@pytest.mark.parametrize("char", LOOK_ALIKES.values(), ids=LOOK_ALIKES.keys())
@pytest.mark.parametrize("field", ["ref", "key", "name", "preferred_name"])
def test_control_and_bidi_characters_in_refs_and_names_are_refused_on_import(char, field):
    doc = document()
    case = doc["cases"][0]  # type: ignore[index]
    if field == "ref":
        case["ref"] = f"C-1{char}042"
        where = "cases[0].ref"
    else:
        case["people"][0][field] = f"Ann{char}Lee"
        where = f"cases[0].people[0].{field}"
        if field == "key":
            case["records"] = []
    error = refused(doc)
    assert error.where == where
    assert f"U+{ord(char[0]):04X}" in error.problem


@pytest.mark.parametrize("char", ["\x1b", "\u202e", "\u200f", "\n"])
def test_control_and_bidi_characters_are_refused_by_every_core_command(notebook, tmp_path, char):
    with pytest.raises(InvalidInput, match=r"case\.ref"):
        notebook.cases.add(f"C-9{char}1")
    with pytest.raises(InvalidInput, match=r"person\.name"):
        notebook.people.add("C-1042", f"Rose{char}Smith", "family")
    with pytest.raises(InvalidInput, match=r"person\.preferred_name"):
        notebook.people.update("C-1042", "p1", name="Jane Smith", role="partner",
                               preferred_name=f"Ja{char}ne")  # fmt: skip
    with pytest.raises(InvalidInput, match=r"practitioner\.name"):
        Notebook.create(tmp_path / "x.casebook", PASSPHRASE, Practitioner(f"Sam{char}Ok", "", ""))
    with pytest.raises(InvalidInput, match=r"practitioner\.organisation"):
        Notebook.create(tmp_path / "x.casebook", PASSPHRASE, Practitioner("Sam", "", f"N{char}V"))
    assert not (tmp_path / "x.casebook").exists()


def test_right_to_left_names_and_joiners_are_welcome(empty_notebook):
    """Refusing controls must not refuse scripts: Arabic, Hebrew, Persian with ZWNJ."""
    empty_notebook.cases.add("C-1")
    for name in ("محمد الأحمد", "שרה כהן", "می\u200cخواهم", "Zoë O'Brien-Łukasz"):
        assert empty_notebook.people.add("C-1", name, "family").name == name


# -- dates and times ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "event_at",
    ["0001-01-01T10:00:00+00:00", "9999-12-31T10:00:00+00:00", "1899-12-31T23:59:59+00:00",
     f"{date.today().year + 2}-01-01T10:00:00+00:00"],
    ids=["year 1", "year 9999", "before 1900", "two years ahead"],
)  # fmt: skip
def test_event_times_outside_1900_to_a_year_ahead_are_refused(event_at):
    doc = document()
    doc["cases"][0]["records"][0]["event_at"] = event_at  # type: ignore[index]
    error = refused(doc)
    assert error.where == "cases[0].records[0].event_at"
    assert "1900" in error.problem


@pytest.mark.parametrize("key", ["written_at", "finalised_at"])
def test_other_times_of_a_record_follow_the_same_range(key):
    doc = document()
    record = doc["cases"][0]["records"][0]  # type: ignore[index]
    record.update({"status": "final", key: "9999-01-01T00:00:00+00:00"})
    assert refused(doc).where == f"cases[0].records[0].{key}"


def test_birth_date_in_the_future_is_refused(notebook):
    doc = document()
    doc["cases"][0]["people"][0]["born"] = TOMORROW  # type: ignore[index]
    error = refused(doc)
    assert error.where == "cases[0].people[0].born"
    assert "future" in error.problem
    with pytest.raises(InvalidInput, match=r"person\.born"):
        notebook.people.add("C-1042", "Baby Smith", "child", born=TOMORROW)
    assert notebook.people.add("C-1042", "Baby Smith", "child", born=date.today().isoformat())


def test_planned_dates_may_lie_years_ahead_but_not_centuries():
    soon = (date.today() + timedelta(days=5 * 365)).isoformat()
    parse_document(document(next_session=soon, actions=[{"text": "Review", "due": soon}]))
    error = refused(document(actions=[{"text": "Review", "due": "9999-01-01"}]))
    assert error.where == "cases[0].records[0].fields.actions[0].due"
    error = refused(document(next_session="0001-01-01"))
    assert error.where == "cases[0].records[0].fields.next_session"


def test_whitespace_around_a_name_is_dropped_not_refused():
    doc = document()
    person = doc["cases"][0]["people"][0]  # type: ignore[index]
    person.update({"name": "Ann Lee\n", "preferred_name": "\tAnn "})
    parsed = parse_document(doc).cases[0].people[0]
    assert (parsed.name, parsed.preferred_name) == ("Ann Lee", "Ann")
