"""Direct work as it happens (issue 17): several children and their disclosures in one
record, the Three Houses only for that activity, children only in the child fields, and
drawings in a summary when asked for. Records of the older shape keep their hashes."""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest

from casebook import kinds
from casebook.childwork import children_of, disclosures_of
from casebook.domain import Practitioner
from casebook.errors import InvalidInput
from casebook.record import content_hash, hashed_content, parse_fields
from casebook.schema import SCHEMA_VERSION
from casebook.service import Notebook
from casebook.summary.export import prepare_summary
from casebook.summary.pdf import render_summary_pdf

# How reportlab marks an image drawn on a page.
IMAGE = b"/Subtype /Image"
PASSPHRASE = "correct horse battery staple"
V1 = Path(__file__).resolve().parent.parent / "fixtures" / "v1"
AT = "2026-03-20T15:00:00+00:00"

OLD_FIELDS = {
    "child": "p3",
    "activity": "three_houses",
    "childs_words": ["I miss my dad"],
    "worries": "Bedtimes.",
    "good_things": "The dog.",
    "wishes": "The seaside.",
    "understanding": "",
    "disclosure": {
        "verbatim": "He said not to tell.",
        "at": "2026-03-04T10:20:00+00:00",
        "present": "Me and Lily",
        "response": "Listened.",
        "informed": [{"who": "Duty social worker", "at": None}],
    },
    "observations": "Relaxed.",
}


def _old_content(fields: dict[str, Any]) -> dict[str, Any]:
    return hashed_content(
        uid="rec-old", kind="child_work", event_at="2026-03-04T10:00:00+00:00",
        written_at="2026-03-04T11:30:00+00:00", location="home_visit", duration_minutes=50,
        people=["p3"], tags=["three houses"], significant=False, fields=fields,
        actions=[("Speak to mum", "2026-03-11")], attachments=[],
        finalised_at="2026-03-04T12:00:00+00:00",
    )  # fmt: skip


def test_an_old_shaped_record_hashes_exactly_as_before_the_children_fields() -> None:
    # Before casebook/1.1's children and disclosures, the hash covered every field of the
    # kind, canonically; the same content, read by today's code (which fills in the newer
    # fields, empty), hashes to the same digest.
    before = {
        "id": "rec-old", "kind": "child_work", "event_at": "2026-03-04T10:00:00+00:00",
        "written_at": "2026-03-04T11:30:00+00:00", "location": "home_visit",
        "duration_minutes": 50, "people": ["p3"], "tags": ["three houses"],
        "significant": False, "fields": OLD_FIELDS,
        "actions": [{"text": "Speak to mum", "due": "2026-03-11"}], "attachments": [],
        "finalised_at": "2026-03-04T12:00:00+00:00",
    }  # fmt: skip
    canonical = json.dumps(before, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    expected = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    parsed, _ = parse_fields("child_work", OLD_FIELDS, "fields", {"p3"})
    assert parsed["children"] == [] and parsed["disclosures"] == []
    assert content_hash(_old_content(parsed)) == expected
    assert content_hash(_old_content(dict(OLD_FIELDS))) == expected
    assert expected == "6dce9a8bce540b7aff087181815cf96a4486016cb469effdd318c6e3f7a2b98e"


def test_an_old_final_record_imported_again_keeps_its_stored_hash(
    notebook: Notebook, empty_notebook: Notebook
) -> None:
    old = notebook.records.get("rec-child-final")
    assert "children" not in json.dumps(old.fields) or old.fields.get("children") == []
    document = notebook.interchange.export_document(audit=False)
    empty_notebook.interchange.import_document(document)
    again = empty_notebook.records.get("rec-child-final")
    assert again.content_hash == old.content_hash
    assert empty_notebook.audit.verify().ok


def _siblings(notebook: Notebook, ref: str = "C-1042") -> None:
    notebook.people.add(ref, "Sam Smith", "child", key="p4", born="2019-02-11")


def _together(**fields: Any) -> dict[str, Any]:
    return {
        "kind": "child_work",
        "event_at": AT,
        "location": "home_visit",
        "people": ["p3", "p4"],
        "fields": {
            "children": ["p3", "p4"],
            "activity": "three_houses",
            "childs_words": ["Lily: We both saw him.", "Sam: He had a red car."],
            "disclosures": [
                {"child": "p3", "verbatim": "He waited by the school gate.",
                 "at": "2026-03-20T15:20:00+00:00", "present": "Lily, Sam and me",
                 "response": "Listened; said I would tell Mum.",
                 "informed": [{"who": "Duty social worker", "at": "2026-03-20T16:00:00+00:00"}]},
                {"child": "p4", "verbatim": "He gave me sweets. Secret.", "present": "",
                 "response": "Said I could always tell."},
            ],
            **fields,
        },
    }  # fmt: skip


def test_siblings_and_their_disclosures_round_trip_through_export_and_import(
    notebook: Notebook, empty_notebook: Notebook
) -> None:
    _siblings(notebook)
    record = notebook.records.finalise(notebook.records.create("C-1042", _together()).id)
    assert record.title == "Direct work with Lily Smith and Sam Smith — Three Houses"
    assert children_of(record.fields) == ["p3", "p4"]
    made = disclosures_of(record.fields)
    assert [d["child"] for d in made] == ["p3", "p4"]
    assert made[1]["at"] is None and made[1]["informed"] == []
    assert record.fields["child"] is None and record.fields["disclosure"] is None

    document = notebook.interchange.export_document(audit=False)
    assert document["format"] == "casebook/1.1"
    empty_notebook.interchange.import_document(copy.deepcopy(document))
    again = empty_notebook.records.get(record.id)
    assert again.fields == record.fields
    assert again.content_hash == record.content_hash
    assert again.title == record.title
    assert empty_notebook.audit.verify().ok
    exported = empty_notebook.interchange.export_document(audit=False)
    assert _record_in(exported, record.id)["fields"] == _record_in(document, record.id)["fields"]


def _record_in(document: dict[str, Any], record_id: str) -> dict[str, Any]:
    return next(r for c in document["cases"] for r in c["records"] if r["id"] == record_id)


def test_a_summary_names_every_child_and_who_made_each_disclosure(
    notebook: Notebook, tmp_path: Path
) -> None:
    _siblings(notebook)
    notebook.records.finalise(notebook.records.create("C-1042", _together()).id)
    prepared = prepare_summary(notebook, ["C-1042"], period_from="2026-03-20")
    text = _pdf_text(render_summary_pdf(prepared.shown), tmp_path)
    assert "Lily Smith (age 9 at the session), Sam Smith (age 7 at the session)" in text
    assert "DISCLOSURE by Lily Smith" in text and "DISCLOSURE by Sam Smith" in text
    redacted = prepare_summary(notebook, ["C-1042"], period_from="2026-03-20", redaction="initials")
    text = _pdf_text(render_summary_pdf(redacted.shown, "initials"), tmp_path)
    assert "Sam Smith" not in text and "Lily Smith" not in text
    assert "(age 9 at the session)" in text and "(age 7 at the session)" in text


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "summary.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def test_the_three_houses_heading_is_in_a_summary_only_for_the_three_houses_activity(
    notebook: Notebook, tmp_path: Path
) -> None:
    _siblings(notebook)
    houses = {"worries": "Dogs barking.", "good_things": "Football.", "wishes": "A bike."}
    notebook.records.create("C-1042", _together(**houses))
    other = _together(activity="play", **houses)
    other["event_at"] = "2026-03-21T15:00:00+00:00"
    notebook.records.create("C-1042", other)
    prepared = prepare_summary(notebook, ["C-1042"], period_from="2026-03-20", include_drafts=True)
    text = _pdf_text(render_summary_pdf(prepared.shown), tmp_path)
    three, play = text.index("— Three Houses DRAFT"), text.index("— Play DRAFT")
    assert text.count("Three Houses WORRIES Dogs barking.") == 1
    assert three < text.index("Three Houses WORRIES") < play
    # The play session still shows what was written, without the heading.
    assert "Activity Play" in text and text.index("WORRIES Dogs barking.", play) > play


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"children": ["p3", "p1"]}, "record.fields.children[1]"),
        ({"child": "p2", "children": []}, "record.fields.child"),
        (
            {"disclosures": [{"child": "p2", "verbatim": "x"}], "children": []},
            "record.fields.disclosures[0].child",
        ),
    ],
)
def test_only_a_person_with_the_child_role_is_taken_as_a_child(
    notebook: Notebook, fields: dict[str, Any], where: str
) -> None:
    _siblings(notebook)
    data = _together()
    data["fields"].update(fields)
    with pytest.raises(InvalidInput) as refused:
        notebook.records.create("C-1042", data)
    assert refused.value.where == where
    assert "not a child" in str(refused.value) and "child role" in str(refused.value)


def test_a_disclosure_is_made_by_one_of_the_children_of_the_record(notebook: Notebook) -> None:
    _siblings(notebook)
    data = _together(children=["p3"])
    with pytest.raises(InvalidInput, match="not among the children") as refused:
        notebook.records.create("C-1042", data)
    assert refused.value.where == "record.fields.disclosures[1].child"


def test_a_record_names_its_children_in_one_shape_never_both(notebook: Notebook) -> None:
    _siblings(notebook)
    with pytest.raises(InvalidInput, match="not both"):
        notebook.records.create("C-1042", _together(child="p3"))


def test_an_import_refuses_a_non_child_named_as_the_child(make_document: Any) -> None:
    from casebook.formats.casebook_json import parse_document

    document = make_document()
    record = document["cases"][0]["records"][0]
    assert record["kind"] == "child_work"
    record["fields"]["child"] = "p2"
    with pytest.raises(InvalidInput) as refused:
        parse_document(document)
    assert refused.value.where.endswith("records[0].fields.child")


def test_the_cli_refuses_a_non_child_with_the_exit_code_of_other_invalid_input(
    cli: Any, notebook_path: Path, tmp_path: Path
) -> None:
    data = _together(children=["p1"], disclosures=[])
    data["people"] = ["p1"]
    path = tmp_path / "record.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    rc, _, err = cli.nb(notebook_path, "record", "add", "--case", "C-1042", "--json", path)
    assert rc == 6
    assert "fields.children[0]" in err and "not a child" in err


def _png(width: int, height: int) -> bytes:
    """A real PNG (grey), made by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )  # fmt: skip


def test_a_summary_includes_drawings_only_when_asked_and_as_they_are(
    notebook: Notebook, tmp_path: Path
) -> None:
    _siblings(notebook)
    record = notebook.records.create("C-1042", _together())
    drawing = _png(300, 200)
    notebook.attachments.add(record.id, "Lily Smith's house.png", "image/png", drawing)
    notebook.attachments.add(record.id, "letter.pdf", "application/pdf", b"%PDF-1.4 letter")
    options: dict[str, Any] = {"period_from": "2026-03-20", "include_drafts": True}

    left_out = prepare_summary(notebook, ["C-1042"], **options)
    [entry] = left_out.shown["cases"][0]["records"]
    assert all("drawing" not in a for a in entry["attachments"])
    assert IMAGE not in render_summary_pdf(left_out.shown)

    asked = prepare_summary(
        notebook, ["C-1042"], include_drawings=True, redaction="initials", **options
    )
    [entry] = asked.shown["cases"][0]["records"]
    image, letter = entry["attachments"]
    assert image["drawing"] == drawing  # as it is, after redaction
    assert image["name"] == "L.S.'s house.png"  # its name is text: redacted
    assert "drawing" not in letter
    pdf = render_summary_pdf(asked.shown, "initials")
    assert pdf.count(IMAGE) == 1
    text = _pdf_text(pdf, tmp_path)
    assert "DRAWINGS (INCLUDED AS THEY ARE, SCALED TO FIT) ▸ L.S.'s house.png" in text
    assert "NOT IN THIS SUMMARY) ▸ letter.pdf" in text


def test_a_drawing_that_cannot_be_read_is_named_not_drawn(
    notebook: Notebook, tmp_path: Path
) -> None:
    # The sample's drawing is not a real image (opaque bytes with a PNG signature).
    prepared = prepare_summary(notebook, ["C-1042"], include_drawings=True)
    text = _pdf_text(render_summary_pdf(prepared.shown), tmp_path)
    assert "three-houses.png (this image could not be drawn)" in text


def test_a_notebook_from_before_siblings_upgrades_and_its_final_records_verify(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "demo-v1.casebook"
    shutil.copytree(V1 / "demo-v1.casebook", folder)
    with Notebook.open(folder, PASSPHRASE) as upgraded:
        db = upgraded.database
        assert db.query_one("PRAGMA user_version")[0] == SCHEMA_VERSION
        assert db.query("SELECT DISTINCT about_more FROM records") == [(0,)]
        report = upgraded.audit.verify()
        assert report.ok and report.final_records > 0
        ref = next(
            c.ref for c in upgraded.cases.list()
            if sum(p.role == "child" for p in upgraded.people.list(c.ref)) >= 2
        )  # fmt: skip
        old = [s for s in upgraded.records.list(ref, kind="child_work")]
        assert old and all(" and " not in s.title.split(" — ")[0] for s in old)
        children = [p.key for p in upgraded.people.list(ref) if p.role == "child"][:2]
        record = upgraded.records.create(
            ref, {"kind": "child_work", "event_at": AT, "fields": {"children": children}}
        )
        upgraded.records.finalise(record.id)
        assert " and " in upgraded.records.summary(record.id).title
        assert upgraded.audit.verify().ok


def test_a_new_direct_work_record_names_no_child_and_asserts_no_disclosure(
    empty_notebook: Notebook,
) -> None:
    empty_notebook.cases.add("C-9", "New")
    empty_notebook.people.add("C-9", "Ada", "child", key="a")
    record = empty_notebook.records.create("C-9", {"kind": "child_work", "event_at": AT})
    for name in ("child", "children", "disclosure", "disclosures"):
        spec = kinds.field_spec("child_work", name)
        assert spec is not None
        assert record.fields[name] in (None, []), name
    assert record.title == "Direct work with a child"


def test_a_fresh_notebook_and_an_upgraded_one_have_the_same_records_columns(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "demo-v1.casebook"
    shutil.copytree(V1 / "demo-v1.casebook", folder)
    columns = "SELECT name FROM pragma_table_info('records') ORDER BY cid"
    with Notebook.open(folder, PASSPHRASE) as upgraded:
        after = upgraded.database.query(columns)
    fresh, _ = Notebook.create(tmp_path / "new.casebook", PASSPHRASE, Practitioner("Ł", "", ""))
    with fresh:
        assert fresh.database.query(columns) == after
    assert ("about_more",) in after


def test_a_siblings_own_pack_keeps_their_disclosure_and_withholds_the_others(
    notebook: Notebook,
) -> None:
    from casebook.summary.sar import prepare_sar

    _siblings(notebook)
    record = notebook.records.finalise(notebook.records.create("C-1042", _together()).id)
    prepared = prepare_sar(notebook, "C-1042", "p4")
    [entry] = [r for r in prepared.shown["cases"][0]["records"] if r["id"] == record.id]
    assert [d["verbatim"] for d in entry["fields"]["disclosures"]] == ["He gave me sweets. Secret."]
    assert "school gate" not in str(entry)
    assert "He had a red car" not in str(entry)  # the words are not told apart by child
    assert any("another child" in w.what for w in prepared.withheld)
    # The mother's pack: the record names her children, not her ("Lily Smith" is Lily's
    # name), so it is not hers; their words are in it in no form.
    parent = prepare_sar(notebook, "C-1042", "p1")
    assert record.id not in [r["id"] for r in parent.shown["cases"][0]["records"]]
    assert "Secret" not in str(parent.shown) and "school gate" not in str(parent.shown)


def test_the_cli_summary_draws_drawings_only_with_drawings(
    cli: Any, notebook_path: Path, tmp_path: Path
) -> None:
    with Notebook.open(notebook_path, PASSPHRASE) as notebook:
        draft = notebook.records.create("C-1042", {"kind": "child_work", "event_at": AT})
        notebook.attachments.add(draft.id, "house.png", "image/png", _png(90, 60))
    args = ["summary", "--case", "C-1042", "--include-drafts", "--redact", "none"]
    rc, _, err = cli.nb(notebook_path, *args, "-o", tmp_path / "plain.pdf")
    assert rc == 0, err
    rc, _, err = cli.nb(notebook_path, *args, "--drawings", "-o", tmp_path / "drawn.pdf")
    assert rc == 0, err
    assert IMAGE not in (tmp_path / "plain.pdf").read_bytes()
    assert IMAGE in (tmp_path / "drawn.pdf").read_bytes()
