"""casebook/1 import and export: round trips, all-or-nothing, errors that name the JSON path."""

from __future__ import annotations

import base64
import contextlib
import copy
import io
import json
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook import kinds
from casebook.errors import InvalidInput
from casebook.fieldtypes import rules
from casebook.formats.casebook_json import FORMAT, loads, parse_document
from casebook.record import MAX_ATTACHMENT_BYTES, check_attachment_size
from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"


@contextlib.contextmanager
def fresh_notebook(template: Any, factory: pytest.TempPathFactory) -> Iterator[Notebook]:
    """A copy of the empty template, open; for use inside hypothesis examples."""
    folder = factory.mktemp("example") / "nb.casebook"
    shutil.copytree(template.folder, folder)
    nb = Notebook.open(folder, PASSPHRASE)
    try:
        yield nb
    finally:
        nb.close()
        shutil.rmtree(folder.parent, ignore_errors=True)


def record_count(nb: Notebook) -> int:
    return nb.database.conn.execute("SELECT count(*) FROM records").fetchone()[0]


def state(nb: Notebook) -> tuple[int, int, int, Any]:
    conn = nb.database.conn
    counts = tuple(
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("cases", "records", "reflections")
    )
    return (*counts, nb.audit.head())


# -- generated documents ---------------------------------------------------------------------

SPECIAL_TEXT = ["<b>bold</b>", "<script>alert(1)</script>", "שלום עולם", "مرحبا بالعالم",
                "\u202eevil\u202c", "🙂👨‍👩‍👧‍👦", "Nguyễn Łukasz Ольга 李小龙", "a\nb\r\nc",
                "  spaced  ", "tab\there", "&amp; \\ \" '", "\ufeffbom", "e\u0301"]  # fmt: skip
any_char = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
text = st.text(any_char, max_size=25) | st.sampled_from(SPECIAL_TEXT)
nonblank = text.map(str.strip).filter(bool)
# Refs, keys and names hold no control character and no bidi control (record.label).
LABEL_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                             "\u200e\u200f\u061c]")  # fmt: skip
labels = nonblank.filter(lambda t: not LABEL_FORBIDDEN.search(t))
# The plausible ranges (timeutil): events up to a year ahead, plans up to ten, births never.
TODAY = date.today()


def _iso_dates(latest: date) -> st.SearchStrategy[str]:
    return st.dates(min_value=date(1950, 1, 1), max_value=latest).map(lambda d: d.isoformat())


dates = _iso_dates(TODAY + timedelta(days=300))
planned_dates = _iso_dates(TODAY + timedelta(days=9 * 365))
birth_dates = _iso_dates(TODAY)
offsets = st.integers(-14 * 4, 14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))
times = st.builds(
    lambda dt, tz: dt.replace(tzinfo=tz).isoformat(timespec="seconds"),
    st.datetimes(min_value=datetime(1990, 1, 1),
                 max_value=datetime.combine(TODAY + timedelta(days=300), datetime.min.time())),
    offsets,
)  # fmt: skip


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def disclosures(draw: st.DrawFn) -> dict[str, Any]:
    value: dict[str, Any] = {"verbatim": draw(text)}
    if draw(st.booleans()):
        value["at"] = draw(maybe(times))
    for name in ("present", "response"):
        if draw(st.booleans()):
            value[name] = draw(text)
    if draw(st.booleans()):
        value["informed"] = [
            {"who": draw(text), **({"at": draw(maybe(times))} if draw(st.booleans()) else {})}
            for _ in range(draw(st.integers(0, 2)))
        ]
    return value


def field_value(
    spec: kinds.FieldSpec, keys: list[str], child_keys: list[str]
) -> st.SearchStrategy[Any]:
    if spec.name in ("child", "children"):  # only people with the child role go there
        if spec.type == "children":
            return (
                st.lists(st.sampled_from(child_keys), unique=True, max_size=3)
                if child_keys
                else st.just([])
            )
        return st.sampled_from(child_keys) if child_keys else st.none()
    if spec.type == "disclosures":
        made_by = st.sampled_from([None, *child_keys])
        return st.lists(
            st.builds(lambda c, d: {"child": c, **d}, made_by, disclosures()), max_size=2
        )
    if spec.type == "text":
        return text
    if spec.type == "enum":
        return st.sampled_from(spec.choices)
    if spec.type == "enum_list":
        return st.lists(st.sampled_from(spec.choices), unique=True, max_size=3)
    if spec.type == "text_list":
        return st.lists(text, max_size=3)
    if spec.type == "person":
        return st.sampled_from(keys) if keys else st.none()
    if spec.type == "date":
        return planned_dates
    if spec.type == "attendees":
        return attendees(keys)
    assert spec.type == "disclosure"
    return disclosures()


# Words of every script, as an attendee's name, agency or role (stored as given, stripped).
SOME_WORDS = ("DS Amir Khan", "Ольга Петрова", "محمد حداد", "Nguyễn Thị Lan", "Police", "")


def attendees(keys: list[str]) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Attendees as casebook/1.1 writes them: all four keys, a person or a name."""
    named = st.fixed_dictionaries(
        {"person": st.none(), "name": st.sampled_from(SOME_WORDS[:4]),
         "agency": st.sampled_from(SOME_WORDS), "role": st.sampled_from(SOME_WORDS)}
    )  # fmt: skip
    if not keys:
        return st.lists(named, max_size=3)
    from_case = st.fixed_dictionaries(
        {"person": st.sampled_from(keys), "name": st.just(""),
         "agency": st.sampled_from(SOME_WORDS), "role": st.sampled_from(SOME_WORDS)}
    )  # fmt: skip
    return st.lists(named | from_case, max_size=3)


@st.composite
def intakes(draw: st.DrawFn) -> dict[str, Any]:
    """A case's intake (casebook/1.1) as export writes it: every key."""
    referred = draw(maybe(dates))
    seen = None
    if referred is not None and draw(st.booleans()):
        seen = referred  # the same day: never before the referral
    return {
        "referral_date": referred, "referrer": draw(st.sampled_from(SOME_WORDS)),
        "source": draw(st.sampled_from(SOME_WORDS)), "first_contact": seen,
        "confidentiality_agreed": draw(maybe(dates)),
        "confidentiality_limits": draw(st.sampled_from(SOME_WORDS)),
        "consent_to_share": draw(st.sampled_from(SOME_WORDS)),
        "safeguarding_taken": draw(st.booleans()), "gp_confirmed": draw(st.booleans()),
        "language": draw(st.sampled_from(SOME_WORDS)),
        "interpreter_needed": draw(st.booleans()),
    }  # fmt: skip


def _one_shape(draw: st.DrawFn, fields: dict[str, Any]) -> None:
    # A direct-work record gives the casebook/1 shape (one child, one disclosure) or the
    # casebook/1.1 one (children, disclosures made by one of them), never both.
    for old, new in (("child", "children"), ("disclosure", "disclosures")):
        if fields.get(old) and fields.get(new):
            del fields[draw(st.sampled_from([old, new]))]
    named = fields.get("children") or ([fields["child"]] if fields.get("child") else [])
    for item in fields.get("disclosures") or []:
        if named and item["child"] not in named:
            item["child"] = None


@st.composite
def records(draw: st.DrawFn, keys: list[str], child_keys: list[str]) -> dict[str, Any]:
    kind = draw(st.sampled_from(kinds.KINDS))
    fields: dict[str, Any] = {}
    for spec in kinds.FIELDS[kind]:
        choice = draw(st.integers(0, 3))  # 0: left out, 1: null, else a value
        if choice == 1:
            fields[spec.name] = None
        elif choice > 1:
            fields[spec.name] = draw(field_value(spec, keys, child_keys))
    _one_shape(draw, fields)
    if draw(st.booleans()):
        fields["actions"] = [
            {"text": draw(text), "due": draw(maybe(planned_dates)),
             **({"done": draw(st.booleans())} if draw(st.booleans()) else {})}
            for _ in range(draw(st.integers(0, 2)))
        ]  # fmt: skip
    status = draw(st.sampled_from(["draft", "final"]))
    record: dict[str, Any] = {
        "kind": kind,
        "event_at": draw(times),
        "written_at": draw(times),
        "status": status,
        "fields": fields,
    }
    if draw(st.booleans()):
        record["location"] = draw(st.sampled_from(kinds.LOCATIONS))
    if draw(st.booleans()):
        record["duration_minutes"] = draw(st.integers(0, 24 * 60))
    if keys and draw(st.booleans()):
        record["people"] = draw(st.lists(st.sampled_from(keys), unique=True, max_size=3))
    if draw(st.booleans()):
        record["tags"] = draw(st.lists(nonblank.filter(lambda t: len(t) <= 200), unique=True,
                                       max_size=3))  # fmt: skip
    if draw(st.booleans()):
        record["significant"] = draw(st.booleans())
    if draw(st.integers(0, 3)) == 0:
        record["attachments"] = [
            {"name": draw(text),
             "data_base64": base64.b64encode(draw(st.binary(max_size=64))).decode(),
             **({"media_type": draw(st.sampled_from(["image/png", "application/pdf"]))}
                if draw(st.booleans()) else {})}
            for _ in range(draw(st.integers(1, 2)))
        ]  # fmt: skip
    if status == "final" and draw(st.booleans()):
        record["addenda"] = [
            {"written_at": draw(times), "text": draw(text)} for _ in range(draw(st.integers(1, 2)))
        ]
    return record


@st.composite
def cases(draw: st.DrawFn, ref: str) -> dict[str, Any]:
    people = []
    for key in draw(st.lists(labels.filter(lambda k: len(k) <= 100), unique=True, max_size=3)):
        person: dict[str, Any] = {"key": key, "name": draw(labels),
                                  "role": draw(st.sampled_from(kinds.ROLES))}  # fmt: skip
        if draw(st.booleans()):
            person["preferred_name"] = draw(st.just("") | labels)
        if draw(st.booleans()):
            person["born"] = draw(maybe(birth_dates))
        if draw(st.booleans()):
            person["gp"] = draw(text)
        people.append(person)
    keys = [p["key"] for p in people]
    child_keys = [p["key"] for p in people if p["role"] == "child"]
    case: dict[str, Any] = {"ref": ref, "people": people}
    if draw(st.booleans()):
        case["title"] = draw(text)
    if draw(st.booleans()):
        case["status"] = draw(st.sampled_from(kinds.CASE_STATUSES))
    for name in ("opened", "closed"):
        if draw(st.booleans()):
            case[name] = draw(maybe(dates))
    case["records"] = draw(st.lists(records(keys, child_keys), max_size=4))
    if draw(st.booleans()):
        case["intake"] = draw(intakes())
    return case


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    refs = draw(st.lists(labels.filter(lambda r: len(r) <= 100), unique=True, min_size=1,
                         max_size=3))  # fmt: skip
    document: dict[str, Any] = {"format": FORMAT, "cases": [draw(cases(r)) for r in refs]}
    if draw(st.booleans()):
        document["reflections"] = [
            {"written_at": draw(times), "text": draw(text)} for _ in range(draw(st.integers(0, 2)))
        ]
    return document


# -- normalisation: what a document means, whichever optional keys it spells out -------------


def _utc(time: str) -> datetime:
    return datetime.fromisoformat(time).astimezone(UTC)


def _disclosure(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "verbatim": value["verbatim"],
        "at": value.get("at"),
        "present": value.get("present") or "",
        "response": value.get("response") or "",
        "informed": [{"who": i["who"], "at": i.get("at")} for i in value.get("informed", [])],
    }


def _fields(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for spec in kinds.FIELDS[kind]:
        value = fields.get(spec.name)
        if spec.type == "disclosure":
            out[spec.name] = _disclosure(value)
        elif spec.type == "disclosures":
            out[spec.name] = [{"child": d["child"], **_disclosure(d)} for d in value or []]  # type: ignore[dict-item]
        else:
            out[spec.name] = rules(spec).empty() if value is None else value
    out["actions"] = [
        {"text": a["text"], "due": a.get("due"), "done": bool(a.get("done", False))}
        for a in fields.get("actions", [])
    ]
    return out


def _record(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": r["kind"],
        "event_at": r["event_at"],
        "written_at": r["written_at"],
        "location": r.get("location"),
        "duration_minutes": r.get("duration_minutes"),
        "people": list(r.get("people", [])),
        "status": r.get("status", "draft"),
        "tags": list(r.get("tags", [])),
        "significant": bool(r.get("significant", False)),
        "fields": _fields(r["kind"], r.get("fields", {})),
        "attachments": [
            {
                "name": a["name"],
                "media_type": a.get("media_type") or "application/octet-stream",
                "data_base64": a["data_base64"],
            }
            for a in r.get("attachments", [])
        ],
        "addenda": [
            {"written_at": a["written_at"], "text": a["text"]} for a in r.get("addenda", [])
        ],
    }


def _person(p: dict[str, Any]) -> dict[str, Any]:
    return {"key": p["key"], "name": p["name"], "role": p["role"],
            "preferred_name": p.get("preferred_name") or "", "born": p.get("born"),
            "gp": p.get("gp") or ""}  # fmt: skip


def normalise(document: dict[str, Any]) -> dict[str, Any]:
    """Cases by ref, people by key, records in event order, defaults filled in."""
    out = {}
    for case in document["cases"]:
        ordered = sorted(case.get("records", []), key=lambda r: _utc(r["event_at"]))
        out[case["ref"]] = {
            "title": case.get("title") or "",
            "status": case.get("status", "open"),
            "opened": case.get("opened"),
            "closed": case.get("closed"),
            "people": sorted((_person(p) for p in case.get("people", [])), key=lambda p: p["key"]),
            "records": [_record(r) for r in ordered],
            "intake": case.get("intake"),
        }
    return out


def reflections(document: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted((r["written_at"], r["text"]) for r in document.get("reflections", []))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=documents())
def test_import_then_export_json_round_trips_any_document(
    document, empty_template, tmp_path_factory
):
    with fresh_notebook(empty_template, tmp_path_factory) as nb:
        nb.interchange.import_document(copy.deepcopy(document))
        exported = nb.interchange.export_document(include_reflections=True)
    assert normalise(exported) == normalise(document)
    assert reflections(exported) == reflections(document)
    # Through JSON text too, the way the CLI writes and reads it.
    assert loads(json.dumps(exported, ensure_ascii=False).encode("utf-8")) == exported

    # A second notebook keeps every id, time and content hash; only the time of its own
    # import (`imported_at`, which the notebook adds) is its own.
    with fresh_notebook(empty_template, tmp_path_factory) as nb2:
        nb2.interchange.import_document(copy.deepcopy(exported))
        again = nb2.interchange.export_document(include_reflections=True)
        report = nb2.audit.verify(pages=False)
    assert without_import_times(again) == without_import_times(exported)
    assert report.ok, report.problems


def without_import_times(document: dict[str, Any]) -> dict[str, Any]:
    """The document without the import times a notebook adds (each record must have one)."""
    document = copy.deepcopy(document)
    for case in document["cases"]:
        for record in case["records"]:
            assert record.pop("imported_at")
            for addendum in record.get("addenda", []):
                assert addendum.pop("imported_at")
    return document


def test_import_then_export_json_round_trips_the_sample_caseload(empty_notebook, make_document):
    document = make_document()
    empty_notebook.interchange.import_document(copy.deepcopy(document))
    exported = empty_notebook.interchange.export_document(include_reflections=True)
    assert normalise(exported) == normalise(document)
    assert reflections(exported) == reflections(document)


def test_streamed_export_is_the_same_json_as_the_document_in_memory(notebook):
    document = notebook.interchange.export_document(include_reflections=True)
    out = io.BytesIO()
    notebook.interchange.write_export(out, include_reflections=True)
    assert (
        out.getvalue().decode("utf-8") == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    )


@pytest.mark.parametrize("refs", [[], ["C-0"]], ids=["no cases", "a case with no records"])
def test_streamed_export_of_empty_parts_is_valid_json(empty_notebook, refs):
    if refs:
        empty_notebook.cases.add("C-0", "Nothing written yet")
    out = io.BytesIO()
    empty_notebook.interchange.write_export(out, refs)
    document = empty_notebook.interchange.export_document(refs)
    assert json.loads(out.getvalue()) == document
    assert (
        out.getvalue().decode("utf-8") == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    )


def test_export_json_to_a_file_matches_the_document(cli, notebook_path, tmp_path):
    out = tmp_path / "export.json"
    rc, _, err = cli.nb(notebook_path, "export-json", "--include-reflections", "-o", str(out))
    assert rc == 0, err
    rc, stdout, err = cli.nb(notebook_path, "export-json", "--include-reflections")
    assert rc == 0, err
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(stdout)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_then_import_into_a_second_notebook_keeps_content_hashes(notebook, empty_notebook):
    exported = notebook.interchange.export_document()
    hashes = {r["id"]: r["content_hash"] for c in exported["cases"] for r in c["records"]
              if r["status"] == "final"}  # fmt: skip
    assert len(hashes) == 3
    empty_notebook.interchange.import_document(exported)
    for record_id, digest in hashes.items():
        assert empty_notebook.records.get(record_id).content_hash == digest
    report = empty_notebook.audit.verify()
    assert report.ok, report.problems


def _final_index(document: dict[str, Any]) -> tuple[int, int]:
    for i, case in enumerate(document["cases"]):
        for j, record in enumerate(case["records"]):
            if record["status"] == "final" and record["kind"] == "partner_support":
                return i, j
    raise AssertionError("no final partner_support record")


def test_import_refuses_a_final_record_changed_after_export_naming_its_path(
    notebook, empty_notebook
):
    exported = notebook.interchange.export_document()
    i, j = _final_index(exported)
    exported["cases"][i]["records"][j]["fields"]["feelings"] = "Calm and accepting."
    before = state(empty_notebook)
    with pytest.raises(InvalidInput) as info:
        empty_notebook.interchange.import_document(exported)
    assert info.value.where == f"cases[{i}].records[{j}].content_hash"
    assert state(empty_notebook) == before
    assert empty_notebook.audit.verify(pages=False).ok


def test_cli_import_of_a_changed_final_record_exits_6_naming_the_path(
    cli, notebook_path, empty_notebook_path, tmp_path
):
    out_file = tmp_path / "export.json"
    assert cli.nb(notebook_path, "export-json", "-o", out_file)[0] == 0
    exported = json.loads(out_file.read_text(encoding="utf-8"))
    i, j = _final_index(exported)
    exported["cases"][i]["records"][j]["written_at"] = "2026-03-07T10:00:00+00:00"
    out_file.write_text(json.dumps(exported), encoding="utf-8")
    rc, _, err = cli.nb(empty_notebook_path, "import", out_file)
    assert rc == 6
    assert f"cases[{i}].records[{j}].content_hash" in err
    rc, out, _ = cli.nb(empty_notebook_path, "case", "list", "--json")
    assert json.loads(out) == []


# -- errors name the JSON path; nothing is written ------------------------------------------------


def _with_fourth_record(document: dict[str, Any]) -> dict[str, Any]:
    document["cases"][0]["records"].append(
        {"kind": "session", "event_at": "2026-03-08T10:00:00+00:00",
         "fields": {"narrative": "Fourth."}}
    )  # fmt: skip
    return document


def test_unknown_key_is_an_error_naming_its_exact_path(cli, notebook_path, make_document, tmp_path):
    document = _with_fourth_record(make_document())
    document["cases"][0]["records"][3]["fields"]["narative"] = "typo"
    for case in document["cases"]:
        case["ref"] += "-new"
    for case in document["cases"]:
        for record in case["records"]:
            record.pop("id", None)
    path = tmp_path / "typo.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    before = cli.nb(notebook_path, "audit", "verify")[1]
    rc, _, err = cli.nb(notebook_path, "import", path)
    assert rc == 6
    assert "cases[0].records[3].fields.narative: unknown field" in err
    assert "Traceback" not in err
    nb = Notebook.open(notebook_path, PASSPHRASE)
    try:
        assert record_count(nb) == 4
        # Nothing was added since the audit verify run above, but this unlock.
        assert f"Chain head: entry {nb.audit.head().seq - 1}," in before
    finally:
        nb.close()


def test_unknown_key_in_process_writes_nothing(notebook, make_document):
    document = _with_fourth_record(make_document())
    document["cases"][0]["records"][3]["fields"]["narative"] = "typo"
    document["cases"][0]["ref"] = "NEW-1"
    document["cases"][1]["ref"] = "NEW-2"
    for case in document["cases"]:
        for record in case["records"]:
            record.pop("id", None)
    before = state(notebook)
    with pytest.raises(InvalidInput) as info:
        notebook.interchange.import_document(document)
    assert str(info.value) == "cases[0].records[3].fields.narative: unknown field"
    assert state(notebook) == before


def _set(path: list[Any], value: Any) -> Any:
    def change(document: dict[str, Any]) -> None:
        target = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


R1 = ["cases", 0, "records", 1]
BAD = {
    "bad location": (_set([*R1, "location"], "garden"), "cases[0].records[1].location"),
    "bad kind": (_set([*R1, "kind"], "visit"), "cases[0].records[1].kind"),
    "bad session type": (_set([*R1, "fields", "session_type"], "chat"),
                         "cases[0].records[1].fields.session_type"),
    "bad risk indicator": (_set([*R1, "fields", "risk_indicators"], ["denial", "sulking"]),
                           "cases[0].records[1].fields.risk_indicators[1]"),
    "bad role": (_set(["cases", 0, "people", 1, "role"], "uncle"), "cases[0].people[1].role"),
    "bad case status": (_set(["cases", 1, "status"], "pending"), "cases[1].status"),
    "bad record status": (_set([*R1, "status"], "locked"), "cases[0].records[1].status"),
    "person not in case": (_set([*R1, "people"], ["p2", "k1"]), "cases[0].records[1].people[1]"),
    "child not in case": (_set(["cases", 0, "records", 0, "fields", "child"], "p9"),
                          "cases[0].records[0].fields.child"),
    "bad date": (_set(["cases", 0, "opened"], "2026-02-30"), "cases[0].opened"),
    "date as time": (_set([*R1, "fields", "next_session"], "2026-03-13T10:00:00+00:00"),
                     "cases[0].records[1].fields.next_session"),
    "bad due date": (_set([*R1, "fields", "actions", 0, "due"], "next week"),
                     "cases[0].records[1].fields.actions[0].due"),
    "bad born": (_set(["cases", 0, "people", 0, "born"], "12/04/1988"), "cases[0].people[0].born"),
    "time without offset": (_set([*R1, "event_at"], "2026-03-06T14:00:00"),
                            "cases[0].records[1].event_at"),
    "written_at without offset": (_set([*R1, "written_at"], "2026-03-06 16:00"),
                                  "cases[0].records[1].written_at"),
    "time out of range": (_set([*R1, "event_at"], "0001-01-01T00:30:00+01:00"),
                          "cases[0].records[1].event_at"),
    "time past the end of time": (_set([*R1, "event_at"], "9999-12-31T23:30:00-01:00"),
                                  "cases[0].records[1].event_at"),
    "disclosure time without offset": (
        _set(["cases", 0, "records", 0, "fields", "disclosure"],
             {"verbatim": "x", "at": "2026-03-04T10:00:00"}),
        "cases[0].records[0].fields.disclosure.at"),
    "duration too long": (_set([*R1, "duration_minutes"], 100000),
                          "cases[0].records[1].duration_minutes"),
    "duration as text": (_set([*R1, "duration_minutes"], "60"),
                         "cases[0].records[1].duration_minutes"),
    "text as number": (_set([*R1, "fields", "narrative"], 42),
                       "cases[0].records[1].fields.narrative"),
    "NUL in text": (_set([*R1, "fields", "narrative"], "a\x00b"),
                    "cases[0].records[1].fields.narrative"),
    "empty tag": (_set([*R1, "tags"], ["ok", "  "]), "cases[0].records[1].tags[1]"),
    "addenda on a draft": (_set([*R1, "addenda"], [{"text": "x"}]), "cases[0].records[1].addenda"),
    "bad base64": (_set(["cases", 0, "records", 0, "attachments", 0, "data_base64"], "@@@"),
                   "cases[0].records[0].attachments[0].data_base64"),
    "unknown record key": (_set([*R1, "colour"], "red"), "cases[0].records[1].colour"),
    "unknown person key": (_set(["cases", 0, "people", 0, "nickname"], "J"),
                           "cases[0].people[0].nickname"),
    "duplicate case ref": (_set(["cases", 1, "ref"], "C-1042"), "cases[1].ref"),
    "duplicate person key": (_set(["cases", 0, "people", 1, "key"], "p1"),
                             "cases[0].people[1].key"),
    "missing event_at": (_set([*R1, "event_at"], None), "cases[0].records[1].event_at"),
    "fields not an object": (_set([*R1, "fields"], []), "cases[0].records[1].fields"),
    "wrong format": (_set(["format"], "casebook/2"), "format"),
    "unknown top-level key": (_set(["extra"], 1), "$.extra"),
}  # fmt: skip


@pytest.mark.parametrize("change, where", BAD.values(), ids=BAD.keys())
def test_invalid_value_is_an_error_naming_its_path_and_nothing_is_written(
    empty_notebook, make_document, change, where
):
    document = make_document()
    change(document)
    before = state(empty_notebook)
    with pytest.raises(InvalidInput) as info:
        empty_notebook.interchange.import_document(document)
    assert info.value.where == where, str(info.value)
    assert str(info.value).startswith(f"{where}: ")
    assert state(empty_notebook) == before


def test_time_without_offset_says_it_needs_one(empty_notebook, make_document):
    document = make_document()
    document["cases"][0]["records"][1]["event_at"] = "2026-03-06T14:00:00"
    with pytest.raises(InvalidInput, match="offset"):
        empty_notebook.interchange.import_document(document)


def test_import_failing_halfway_writes_nothing(notebook, make_document):
    # Validation passes; the last record's content hash fails inside the transaction,
    # after the earlier cases, people and records were inserted.
    document = make_document()
    for case in document["cases"]:
        case["ref"] += "-again"
        for record in case["records"]:
            record.pop("id", None)
    last = document["cases"][-1]["records"][-1]
    assert last["status"] == "final"
    last["finalised_at"] = "2026-02-01T12:00:00+00:00"
    last["content_hash"] = "0" * 64
    before = state(notebook)
    hits_before = len(notebook.records.search("hippopotamus probation"))
    with pytest.raises(InvalidInput) as info:
        notebook.interchange.import_document(document)
    assert info.value.where == "cases[1].records[0].content_hash"
    assert state(notebook) == before
    assert len(notebook.records.search("probation")) == 1 + hits_before
    assert [c.ref for c in notebook.cases.list()] == ["C-1042", "C-2001"]
    report = notebook.audit.verify()
    assert report.ok, report.problems
    # The notebook still takes the same import once it is right.
    last.pop("content_hash")
    notebook.interchange.import_document(document)
    assert len(notebook.cases.list()) == 4
    assert notebook.audit.verify().ok


def test_import_of_an_existing_case_ref_is_refused_naming_the_path(notebook, make_document):
    before = state(notebook)
    document = make_document()
    document["cases"][0]["ref"] = "C-NEW"
    for record in document["cases"][0]["records"]:
        record.pop("id")
    with pytest.raises(InvalidInput) as info:
        notebook.interchange.import_document(document)
    assert info.value.where == "cases[1].ref"
    assert state(notebook) == before


def test_import_of_an_existing_record_id_is_refused_naming_the_path(notebook, make_document):
    document = make_document()
    for case in document["cases"]:
        case["ref"] += "-again"
    with pytest.raises(InvalidInput) as info:
        notebook.interchange.import_document(document)
    assert info.value.where == "cases[0].records[0].id"


def test_invalid_utf8_file_gives_exit_6(cli, notebook_path, tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"format": "casebook/1", "cases": [{"ref": "Zoë"}]}'.encode("latin-1"))
    rc, _, err = cli.nb(notebook_path, "import", path)
    assert rc == 6
    assert "UTF-8" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "content, message",
    [(b"", "not valid JSON"), (b"{", "not valid JSON"), (b"[]", "expected an object"),
     (b"null", "expected an object"), (b'{"cases": []}', "$.format: required"),
     (b"[" * 100000 + b"]" * 100000, "")],
    ids=["empty", "broken", "list", "null", "no format", "deeply nested"],
)  # fmt: skip
def test_malformed_json_file_gives_exit_6(cli, notebook_path, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    rc, _, err = cli.nb(notebook_path, "import", path)
    assert rc == 6, err
    assert message in err
    assert "Traceback" not in err


def test_missing_import_file_gives_exit_6_naming_it(cli, notebook_path, tmp_path):
    rc, _, err = cli.nb(notebook_path, "import", tmp_path / "nowhere.json")
    assert rc == 6
    assert "nowhere.json" in err


def test_attachment_over_50_mb_is_refused_with_a_clear_error():
    check_attachment_size(MAX_ATTACHMENT_BYTES, "attachment")
    with pytest.raises(InvalidInput) as info:
        check_attachment_size(MAX_ATTACHMENT_BYTES + 1, "cases[0].records[0].attachments[0]")
    assert str(info.value) == (
        "cases[0].records[0].attachments[0]: an attachment can be at most 50 MB"
    )


def test_imported_attachment_over_50_mb_is_refused_before_decoding(make_document):
    document = make_document()
    huge = "A" * (MAX_ATTACHMENT_BYTES * 4 // 3 + 16)
    document["cases"][0]["records"][0]["attachments"][0]["data_base64"] = huge
    with pytest.raises(InvalidInput, match="at most 50 MB") as info:
        parse_document(document)
    assert info.value.where == "cases[0].records[0].attachments[0].data_base64"


def test_attaching_over_50_mb_to_a_draft_is_refused(notebook, monkeypatch):
    monkeypatch.setattr("casebook.record.MAX_ATTACHMENT_BYTES", 1000)
    with pytest.raises(InvalidInput, match="at most"):
        notebook.attachments.add("rec-session-draft", "big.bin", "application/octet-stream",
                                b"x" * 1001)  # fmt: skip
    assert notebook.records.get("rec-session-draft").attachments == ()


# -- anything at all: InvalidInput or success, never another exception ---------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["format", "cases", "ref", "records", "kind", "event_at",
                                       "fields", "people", "key", "name", "role", "x"]) | text,
                      children, max_size=4),
    max_leaves=20,
)  # fmt: skip


def _import_or_invalid(nb: Notebook, raw: Any) -> None:
    before = state(nb)
    try:
        document = loads(raw) if isinstance(raw, bytes) else raw
        nb.interchange.import_document(document)
    except InvalidInput:
        assert state(nb) == before
    nb.audit.verify(pages=False)


_SHARED = settings(max_examples=60, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip


@_SHARED
@given(raw=st.binary(max_size=300) | text.map(lambda t: t.encode("utf-8")))
def test_arbitrary_bytes_import_or_raise_invalid_input(empty_notebook, raw):
    _import_or_invalid(empty_notebook, raw)


@_SHARED
@given(value=json_values)
def test_random_json_imports_or_raises_invalid_input(empty_notebook, value):
    _import_or_invalid(empty_notebook, json.dumps(value).encode())
    _import_or_invalid(empty_notebook, {"format": "casebook/1", "cases": [value]})


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _paths(v, (*prefix, i))
    return found


@_SHARED
@given(data=st.data())
def test_a_valid_document_with_any_part_replaced_imports_or_raises_invalid_input(
    empty_notebook, make_document, data
):
    document = make_document()
    for case in document["cases"]:  # unique per example, so successes can repeat
        case["ref"] += f"-{data.draw(st.integers(0, 10**9))}"
        for record in case["records"]:
            record.pop("id")
    path = data.draw(st.sampled_from(_paths(document)[1:]))
    replacement = data.draw(json_values | times | dates | st.sampled_from(
        ["", "p1", "k1", "final", "draft", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
         "2026-13-01", "2026-03-04T25:00:00+00:00", 10**30, -1, 1.5, True]))  # fmt: skip
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = replacement
    _import_or_invalid(empty_notebook, document)


@_SHARED
@given(
    when=st.datetimes(max_value=datetime(1, 1, 2))
    | st.datetimes(min_value=datetime(9999, 12, 30))
    | st.datetimes(),
    offset=st.integers(-23 * 60, 23 * 60),
)
def test_any_time_with_an_offset_imports_or_raises_invalid_input(empty_notebook, when, offset):
    stamp = when.replace(tzinfo=timezone(timedelta(minutes=offset))).isoformat()
    document = {"format": "casebook/1", "cases": [{"ref": f"T{stamp}", "records": [
        {"kind": "session", "event_at": stamp, "written_at": stamp}]}]}  # fmt: skip
    _import_or_invalid(empty_notebook, document)


def test_exported_json_keeps_text_literally(empty_notebook):
    tricky = '<b>bold</b> & "quotes" \u202eRTL\u202c 🙂 Łódź\r\n\ttab \\ end'
    record = {
        "kind": "session",
        "event_at": "2026-01-01T10:00:00+00:00",
        "written_at": "2026-01-01T10:00:00+00:00",
        "fields": {"narrative": tricky},
    }
    empty_notebook.interchange.import_document(
        {"format": "casebook/1", "cases": [{"ref": "T-1", "records": [record]}]}
    )
    exported = empty_notebook.interchange.export_document()
    assert exported["cases"][0]["records"][0]["fields"]["narrative"] == tricky


def test_export_of_one_case_holds_only_that_case(notebook):
    exported = notebook.interchange.export_document(["C-2001"])
    assert [c["ref"] for c in exported["cases"]] == ["C-2001"]
    assert "reflections" not in exported
