"""Change over time: dated ratings with a note on session and partner support records,
their trends per scale, their place in the content hash, interchange and the summary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import summary_samples as samples

from casebook import kinds
from casebook.errors import InvalidInput, NotFound
from casebook.record import content_hash, hashed_content, hashed_fields
from casebook.service import Notebook
from casebook.summary import render_summary_pdf
from casebook.summary.trends import summary_trends

RATING_FIELDS = {name for s in kinds.RATING_SCALES for name in (s.rating, s.note)}


def _case(notebook: Notebook, ref: str = "T-1") -> str:
    notebook.cases.add(ref, "Trends")
    notebook.people.add(ref, "Łukasz Nowak", "subject", key="p1")
    notebook.people.add(ref, "Agnieszka Nowak", "partner", key="p2")
    return ref


def _session(notebook: Notebook, ref: str, at: str, **fields: Any) -> str:
    data = {"kind": "session", "event_at": at, "people": ["p1"], "fields": fields}
    return notebook.records.create(ref, data).id


def _partner(notebook: Notebook, ref: str, at: str, **fields: Any) -> str:
    data = {"kind": "partner_support", "event_at": at, "fields": {"partner": "p2", **fields}}
    return notebook.records.create(ref, data).id


def test_every_scale_is_an_optional_enum_with_five_steps_and_a_note_added_in_1_1() -> None:
    for scale in kinds.RATING_SCALES:
        rating = kinds.field_spec(scale.kind, scale.rating)
        note = kinds.field_spec(scale.kind, scale.note)
        assert rating is not None and rating.type == "enum" and rating.later
        assert note is not None and note.type == "text" and note.later
        assert len(scale.steps) == 5
        assert all(step in kinds.CHOICE_LABELS[scale.rating] for step in scale.steps)
    assert [s.role for s in kinds.RATING_SCALES] == ["subject"] * 3 + ["partner"]


def test_a_rating_reads_as_its_words_and_its_place_on_the_scale() -> None:
    motivation = kinds.rating_scale("motivation_rating")
    assert motivation is not None
    assert motivation.words("action") == "Making changes (3 of 4)"
    assert motivation.words(None) == "Not rated"
    assert motivation.step("precontemplation") == 0


def test_a_new_record_rates_nothing(empty_notebook: Notebook) -> None:
    ref = _case(empty_notebook)
    for kind in ("session", "partner_support"):
        record = empty_notebook.records.create(
            ref, {"kind": kind, "event_at": "2026-01-05T10:00:00+00:00"}
        )
        for name in RATING_FIELDS & {s.name for s in kinds.FIELDS[kind]}:
            assert record.fields[name] in (None, ""), name
    assert all(not t.points for t in empty_notebook.trends.of_case(ref))


def test_trend_returns_points_in_date_order_per_scale(empty_notebook: Notebook) -> None:
    ref = _case(empty_notebook)
    # Written out of order, and one at an offset that puts it before a later-looking time.
    _session(empty_notebook, ref, "2026-03-01T10:00:00+00:00", motivation_rating="action",
             motivation_note="Booked the course himself")  # fmt: skip
    _session(empty_notebook, ref, "2026-01-10T10:00:00+00:00", motivation_rating="precontemplation",
             denial_rating="full_denial")  # fmt: skip
    _session(empty_notebook, ref, "2026-02-01T09:30:00+02:00", motivation_rating="contemplation")
    _session(empty_notebook, ref, "2026-02-01T08:00:00+00:00", narrative="Not rated this time")
    _partner(empty_notebook, ref, "2026-02-02T10:00:00+00:00", protective_rating="limited")
    _partner(empty_notebook, ref, "2026-03-02T10:00:00+00:00", protective_rating="adequate",
             protective_note="Told school about contact")  # fmt: skip
    trends = {t.scale.rating: t for t in empty_notebook.trends.of_case(ref)}
    motivation = trends["motivation_rating"]
    assert [p.value for p in motivation.points] == ["precontemplation", "contemplation", "action"]
    assert [p.step for p in motivation.points] == [0, 1, 3]
    assert motivation.points[-1].note == "Booked the course himself"
    assert motivation.person_key == "p1" and motivation.person_name == "Łukasz Nowak"
    assert [p.value for p in trends["denial_rating"].points] == ["full_denial"]
    assert trends["desistance_rating"].points == ()
    protective = trends["protective_rating"]
    assert [p.step for p in protective.points] == [1, 3]
    assert protective.title == "Protective capacity — Agnieszka Nowak"
    assert [t.scale.rating for t in empty_notebook.trends.of_case(ref)] == [
        s.rating for s in kinds.RATING_SCALES
    ]


def test_trend_of_an_unknown_case_is_not_found(empty_notebook: Notebook) -> None:
    with pytest.raises(NotFound):
        empty_notebook.trends.of_case("NOPE")


def test_a_rating_outside_its_scale_is_refused_naming_the_field(empty_notebook: Notebook) -> None:
    ref = _case(empty_notebook)
    with pytest.raises(InvalidInput) as info:
        _session(empty_notebook, ref, "2026-01-10T10:00:00+00:00", motivation_rating="3")
    assert info.value.where.endswith("fields.motivation_rating")


def test_ratings_on_final_session_are_part_of_its_hash(empty_notebook: Notebook) -> None:
    ref = _case(empty_notebook)
    rating = {"motivation_rating": "preparation", "motivation_note": "Wants to see his children"}
    rid = _session(empty_notebook, ref, "2026-01-10T10:00:00+00:00", **rating)
    final = empty_notebook.records.finalise(rid)
    hashed = hashed_fields("session", final.fields)
    assert hashed["motivation_rating"] == "preparation"
    assert hashed["motivation_note"] == "Wants to see his children"
    assert "denial_rating" not in hashed and "denial_note" not in hashed
    change = "UPDATE records SET fields = json_set(fields, '$.motivation_rating', 'action')"
    with (
        pytest.raises(Exception, match="final record cannot be changed"),
        empty_notebook.database.transaction() as tx,
    ):
        tx.execute(change + " WHERE uid = ?", (rid,))
    assert empty_notebook.audit.verify(pages=False).ok


def test_a_final_record_from_before_the_ratings_keeps_its_hash() -> None:
    old_fields = {"session_type": "review", "narrative": "Talked about work."}
    common: dict[str, Any] = {
        "uid": "r1", "kind": "session", "event_at": "2025-01-01T10:00:00+00:00",
        "written_at": "2025-01-01T11:00:00+00:00", "location": None, "duration_minutes": None,
        "people": [], "tags": [], "significant": False, "actions": [], "attachments": [],
        "finalised_at": "2025-01-01T12:00:00+00:00",
    }  # fmt: skip
    before = content_hash(hashed_content(fields=old_fields, **common))
    session = RATING_FIELDS & {spec.name for spec in kinds.FIELDS["session"]}
    empty = {name: None if name.endswith("_rating") else "" for name in session}
    assert content_hash(hashed_content(fields={**old_fields, **empty}, **common)) == before
    rated = {**old_fields, "motivation_rating": "action"}
    assert content_hash(hashed_content(fields=rated, **common)) != before


def test_ratings_round_trip_through_export_and_import_keeping_hashes(
    notebook: Notebook, empty_notebook: Notebook
) -> None:
    draft = notebook.records.get("rec-session-draft")
    ratings = {"motivation_rating": "contemplation", "motivation_note": "Ambivalent «x»",
               "denial_rating": "much_minimising"}  # fmt: skip
    notebook.records.save_draft(
        draft.id,
        {"event_at": draft.event_at, "people": ["p2"], "fields": {**draft.fields, **ratings}},
    )
    notebook.records.create("C-1042", {
        "kind": "partner_support", "event_at": "2026-03-10T10:00:00+00:00",
        "fields": {"partner": "p1", "protective_rating": "developing", "protective_note": "Ok"},
    })  # fmt: skip
    digest = notebook.records.finalise(draft.id).content_hash
    exported = notebook.interchange.export_document()
    assert exported["format"] == "casebook/1.1"
    fields = next(r["fields"] for c in exported["cases"] for r in c["records"]
                  if r["id"] == draft.id)  # fmt: skip
    assert {k: fields[k] for k in ratings} == ratings
    assert fields["desistance_rating"] is None and fields["desistance_note"] == ""
    empty_notebook.interchange.import_document(json.loads(json.dumps(exported)))
    assert empty_notebook.records.get(draft.id).content_hash == digest
    assert empty_notebook.audit.verify(pages=False).ok
    again = empty_notebook.interchange.export_document()
    assert next(r["fields"] for c in again["cases"] for r in c["records"]
                if r["id"] == draft.id) == fields  # fmt: skip
    trends = {t.scale.rating: t for t in empty_notebook.trends.of_case("C-1042")}
    assert [p.value for p in trends["motivation_rating"].points] == ["contemplation"]
    assert [p.value for p in trends["protective_rating"].points] == ["developing"]


def test_a_casebook_1_document_without_ratings_still_imports(
    empty_notebook: Notebook, make_document: Any
) -> None:
    document = make_document()
    assert document["format"] == "casebook/1"
    empty_notebook.interchange.import_document(document)
    assert all(not t.points for t in empty_notebook.trends.of_case("C-1042"))
    assert empty_notebook.audit.verify(pages=False).ok


def test_summary_shows_the_ratings_with_their_trend(tmp_path: Path) -> None:
    data = samples.summary()
    case = data["cases"][0]
    subject = next(p for p in case["people"] if p["role"] == "subject")
    sessions = [r for r in case["records"] if r["kind"] == "session"]
    assert sessions
    for record, step in zip(sessions, ("contemplation", "action"), strict=False):
        record["people"] = [subject["key"]]
        record["fields"] |= {"motivation_rating": step, "motivation_note": "Noted " + step}
    trends = summary_trends(case["records"], {p["key"]: p for p in case["people"]})
    assert trends and trends[0].scale.rating == "motivation_rating"
    assert trends[0].person == subject["name"]
    text = samples.poppler("pdftotext", "-enc", "UTF-8", data=render_summary_pdf(data),
                           tmp_path=tmp_path)  # fmt: skip
    assert "Change over time" in text
    assert "Thinking about change (1 of 4)" in text
    assert "Noted contemplation" in text


def test_cli_trends_lists_each_scales_dated_ratings_oldest_first(
    cli: Any, notebook_path: Path
) -> None:
    for at, step, note in (("2026-03-20T10:00:00+00:00", "action", "Went to the group"),
                           ("2026-03-12T10:00:00+00:00", "contemplation", "")):  # fmt: skip
        record = {"kind": "session", "event_at": at, "people": ["p2"],
                  "fields": {"motivation_rating": step, "motivation_note": note}}  # fmt: skip
        rc, _, err = cli.nb(notebook_path, "record", "add", "--case", "C-1042", "--json", "-",
                            stdin=json.dumps(record))  # fmt: skip
        assert rc == 0, err
    rc, out, err = cli.nb(notebook_path, "trends", "C-1042")
    assert rc == 0, err
    assert "Motivation to change — Mark Smith (0 to 4)" in out
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if "Thinking about change (1 of 4)" in line)
    second = next(i for i, line in enumerate(lines) if "Making changes (3 of 4)" in line)
    assert first < second and "(draft)" in lines[second] and "Went to the group" in lines[second]
    assert "Not rated yet: Strengths and desistance factors" in out
    rc, out, _ = cli.nb(notebook_path, "trends", "C-1042", "--json")
    scales = {t["scale"]: t for t in json.loads(out)}
    assert [p["step"] for p in scales["motivation_rating"]["points"]] == [1, 3]
    assert scales["motivation_rating"]["person"] == "p2"
    assert scales["protective_rating"]["points"] == []
    rc, _, err = cli.nb(notebook_path, "trends", "NOPE")
    assert rc == 6 and "NOPE" in err
    rc, out, _ = cli("trends", "--help")
    words = " ".join(out.split())
    assert rc == 0 and "protective capacity" in words and "runs from 0 to 4" in words


def test_a_redacted_summary_names_nobody_in_the_ratings_or_their_notes(tmp_path: Path) -> None:
    data = samples.summary()
    case = data["cases"][0]
    partner = next(r for r in case["records"] if r["kind"] == "partner_support")
    partner["fields"] |= {"protective_rating": "adequate",
                          "protective_note": "Jane told Mark's brother no."}  # fmt: skip
    pdf = render_summary_pdf(data, redaction="pseudonyms")
    text = " ".join(
        samples.poppler("pdftotext", "-enc", "UTF-8", data=pdf, tmp_path=tmp_path).split()
    )
    assert "Change over time" in text and "Adequate (3 of 4)" in text
    assert "Jane" not in text and "Mark" not in text
    assert "told" in text and "brother no." in text  # no other word changes


def test_a_notebook_from_before_the_ratings_opens_verifies_and_rates_nothing(
    tmp_path: Path,
) -> None:
    import shutil

    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "v1" / "demo-v1.casebook"
    folder = tmp_path / "demo-v1.casebook"
    shutil.copytree(fixture, folder)
    with Notebook.open(folder, "correct horse battery staple") as notebook:
        report = notebook.audit.verify()
        assert report.ok and report.final_records > 0, report.problems
        for case in notebook.cases.list():
            assert all(not t.points for t in notebook.trends.of_case(case.ref))
        ref = notebook.cases.list()[0].ref
        record = notebook.records.create(ref, {
            "kind": "session", "event_at": "2026-12-01T10:00:00+00:00",
            "fields": {"motivation_rating": "preparation"},
        })  # fmt: skip
        notebook.records.finalise(record.id)
        assert notebook.audit.verify().ok
        rated = [t for t in notebook.trends.of_case(ref) if t.points]
        assert [p.value for t in rated for p in t.points] == ["preparation"]


def test_a_final_records_rating_changed_after_export_is_refused_on_import(
    notebook: Notebook, empty_notebook: Notebook
) -> None:
    ref = "C-1042"
    rid = notebook.records.create(ref, {
        "kind": "partner_support", "event_at": "2026-03-10T10:00:00+00:00",
        "fields": {"partner": "p1", "protective_rating": "limited"},
    }).id  # fmt: skip
    notebook.records.finalise(rid)
    exported = notebook.interchange.export_document()
    i, j = next((i, j) for i, c in enumerate(exported["cases"])
                for j, r in enumerate(c["records"]) if r["id"] == rid)  # fmt: skip
    exported["cases"][i]["records"][j]["fields"]["protective_rating"] = "strong"
    with pytest.raises(InvalidInput) as info:
        empty_notebook.interchange.import_document(exported)
    assert info.value.where == f"cases[{i}].records[{j}].content_hash"
