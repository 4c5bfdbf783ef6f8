"""Subject-access pack (issue 14, part 2): everything about one person, third parties
redacted, a child's voice withheld, the reflective log never included, signed."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from casebook.errors import InvalidInput
from casebook.service import Notebook
from casebook.summary.sar import IDENTIFIES_CHILD, THIRD_PARTY, prepare_sar, sign_sar

ABOUT_JANE = (
    "Jane said Mark's address is now 14 Elm Road, Leeds LS6 2AB. Lily was born on "
    "30/09/2016 and Jane's sister Karolina Wiśniewska can help on 07700 900123."
)
ONLY_MARK = "Mark spoke about his job at the QUOKKA-WAREHOUSE-5512 and his sleep."
REFLECTION = "Jane Smith's case weighs on me. OCELOT-REFLECTION-2290"


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: apt-get install poppler-utils")
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return " ".join(unicodedata.normalize("NFKC", out).split())


def _more_records(notebook: Notebook) -> None:
    jane = notebook.records.create("C-1042", {
        "kind": "partner_support", "event_at": "2026-03-10T10:00:00+00:00",
        "people": ["p1"],
        "fields": {"partner": "p1", "contact_type": "phone", "feelings": ABOUT_JANE},
    })  # fmt: skip
    notebook.records.finalise(jane.id)
    mark = notebook.records.create("C-1042", {
        "kind": "session", "event_at": "2026-03-11T10:00:00+00:00", "people": ["p2"],
        "fields": {"session_type": "intervention", "narrative": ONLY_MARK},
    })  # fmt: skip
    notebook.records.finalise(mark.id)
    notebook.reflections.add(REFLECTION)


@pytest.fixture
def pack_text(notebook: Notebook, tmp_path: Path) -> str:
    _more_records(notebook)
    return _pdf_text(sign_sar(notebook, prepare_sar(notebook, "C-1042", "p1")), tmp_path)


def test_a_pack_for_the_partner_holds_none_of_the_childs_or_subjects_names(
    pack_text: str,
) -> None:
    assert "Jane Smith" in pack_text
    for name in ("Lily", "Mark", "Karolina", "Wiśniewska", "Patel"):
        assert name not in pack_text, name


def test_a_pack_for_the_partner_holds_no_third_partys_date_of_birth_or_address(
    pack_text: str,
) -> None:
    for detail in ("30/09/2016", "2016-09-30", "30 Sep 2016", "Elm Road", "LS6 2AB",
                   "07700 900123", "0121 000 0000"):  # fmt: skip
        assert detail not in pack_text, detail
    assert "12 Apr 1988" in pack_text  # the partner's own date of birth


def test_the_reflective_log_is_never_in_a_pack(pack_text: str) -> None:
    assert "OCELOT-REFLECTION-2290" not in pack_text
    assert "weighs on me" not in pack_text


def test_a_record_that_neither_involves_nor_mentions_the_person_is_left_out(
    pack_text: str,
) -> None:
    assert "QUOKKA-WAREHOUSE-5512" not in pack_text


def test_the_pack_has_a_cover_letter_an_index_and_a_withheld_log(pack_text: str) -> None:
    assert "Dear Jane Smith," in pack_text
    assert "Index" in pack_text and "6. Withheld log" in pack_text
    assert IDENTIFIES_CHILD in pack_text and THIRD_PARTY in pack_text


def test_a_childs_own_words_are_withheld_from_a_parents_pack(notebook: Notebook) -> None:
    prepared = prepare_sar(notebook, "C-1042", "p1")
    record = next(r for r in prepared.shown["cases"][0]["records"] if r["kind"] == "child_work")
    assert "I miss my dad" not in str(record)
    assert any(w.reason == IDENTIFIES_CHILD and "own words" in w.what for w in prepared.withheld)


def test_a_childs_own_pack_keeps_their_words(notebook: Notebook) -> None:
    prepared = prepare_sar(notebook, "C-1042", "p3")
    record = next(r for r in prepared.shown["cases"][0]["records"] if r["kind"] == "child_work")
    assert "I miss my dad" in str(record["fields"]["childs_words"])


def test_each_other_person_is_one_line_of_the_withheld_log(notebook: Notebook) -> None:
    withheld = prepare_sar(notebook, "C-1042", "p1").withheld
    details = [w for w in withheld if w.what.startswith("Details of")]
    assert len(details) == 2
    assert {w.reason for w in details} == {THIRD_PARTY, IDENTIFIES_CHILD}


def test_an_unknown_person_is_refused_and_nothing_is_audited(notebook: Notebook) -> None:
    head = notebook.audit.head()
    with pytest.raises(InvalidInput, match="no person"):
        prepare_sar(notebook, "C-1042", "nobody")
    assert notebook.audit.head() == head


def test_the_pack_is_signed_and_its_export_audited_without_names(
    notebook: Notebook, tmp_path: Path
) -> None:
    from casebook.signing import verify_pdf

    pdf = sign_sar(notebook, prepare_sar(notebook, "C-1042", "p1"))
    assert verify_pdf(pdf).ok
    detail = notebook._db.query_one("SELECT detail FROM audit_log WHERE action = 'sar.export'")[0]
    assert "person=p1" in detail and "Jane" not in detail


def test_cli_writes_a_signed_pack(cli: Any, notebook_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    rc, stdout, err = cli.nb(notebook_path, "sar", "--case", "C-1042", "--person", "p1", "-o", out)
    assert rc == 0, err
    assert "withheld" in stdout and out.read_bytes().startswith(b"%PDF-")
    rc, _, err = cli.nb(notebook_path, "sar", "--case", "C-1042", "--person", "zz", "-o", out)
    assert rc == 6 and "no person 'zz'" in err


def test_the_persons_own_record_stays_with_third_party_details_replaced(pack_text: str) -> None:
    assert "Jane said Subject's address is now [address]" in pack_text
    assert "Child A was born on [date of birth]" in pack_text


def _events(notebook: Notebook) -> None:
    notebook.events.add(
        "C-1042", "2026-02-01", "move_of_home", "reported", source="Jane Smith",
        description="Jane moved with Lily to her sister's flat at 3 Oak Street",
    )  # fmt: skip
    notebook.events.add(
        "C-1042", "2026-02-03T09:30:00+00:00", "arrest", "reported", source="Police disclosure",
        description="Mark Smith arrested; bailed not to contact Lily",
    )  # fmt: skip
    wrong = notebook.events.add("C-1042", "2026-02-04", "other", "observed",
                                description="Jane Smith entered in error")  # fmt: skip
    notebook.events.withdraw(wrong.id, "wrong case")


def test_an_event_that_mentions_the_person_is_in_their_pack_with_others_redacted(
    notebook: Notebook, tmp_path: Path
) -> None:
    _events(notebook)
    prepared = prepare_sar(notebook, "C-1042", "p1")
    (event,) = prepared.shown["cases"][0]["events"]
    assert event["occurred"] == "2026-02-01" and event["source"] == "Jane Smith"
    assert event["what"].startswith("Move of home: Jane moved with Child A")
    assert "Lily" not in str(event) and "Oak Street" not in str(event)
    assert any(w.what.startswith("Events in the case's chronology") for w in prepared.withheld)
    text = _pdf_text(sign_sar(notebook, prepared), tmp_path)
    assert "3. Events in the case's chronology" in text
    assert "Move of home: Jane moved with Child A" in text and "1 Feb 2026" in text
    assert "arrested" not in text and "entered in error" not in text  # Mark's; withdrawn
    detail = notebook._db.query_one("SELECT detail FROM audit_log WHERE action = 'sar.export'")[0]
    assert "events=1" in detail and "Oak" not in detail


def test_an_event_goes_to_whoever_it_names_not_to_others_who_share_a_surname(
    notebook: Notebook,
) -> None:
    from casebook.summary.sar import pack_contents

    _events(notebook)
    child = prepare_sar(notebook, "C-1042", "p3")  # Lily is named in both
    assert len(child.shown["cases"][0]["events"]) == 2
    subject = prepare_sar(notebook, "C-1042", "p2")  # "Jane Smith" is not Mark Smith
    assert [e["what"] for e in subject.shown["cases"][0]["events"]] == [
        "Arrest: Mark Smith arrested; bailed not to contact Child A"
    ]
    assert "1 event of the chronology" in pack_contents(subject)


def test_a_pack_never_redacts_the_persons_own_name_where_it_is_also_a_word(
    notebook: Notebook,
) -> None:
    records = prepare_sar(notebook, "C-1042", "p2").shown["cases"][0]["records"]
    text = str([r["fields"] for r in records])
    assert "Mark attended on time" in text and "with Mark." in text
    assert "[name] attended" not in text


def test_a_record_naming_another_person_with_the_same_surname_is_not_in_the_pack(
    notebook: Notebook,
) -> None:
    about_mark = notebook.records.create("C-1042", {
        "kind": "session", "event_at": "2026-03-12T10:00:00+00:00", "people": [],
        "fields": {"session_type": "intervention", "narrative": "Mark Smith rang to rearrange."},
    })  # fmt: skip
    ids = [r["id"] for r in prepare_sar(notebook, "C-1042", "p1").shown["cases"][0]["records"]]
    assert about_mark.id not in ids


def test_the_person_of_concern_gets_the_justice_steps_that_name_no_one_else(
    notebook: Notebook,
) -> None:
    notebook.events.add(
        "C-1042",
        "2026-02-10",
        "charge",
        "reported",
        description="Charged; bail conditions continued",
        source="Police",
    )
    notebook.events.add(
        "C-1042",
        "2026-02-11",
        "court_hearing",
        "reported",
        description="Jane Smith gave evidence",
        source="Court listing",
    )
    notebook.events.add(
        "C-1042",
        "2026-02-12",
        "strategy_meeting",
        "reported",
        description="Strategy meeting held",
        source="Children's services",
    )

    def whats(key: str) -> list[str]:
        return [e["what"] for e in prepare_sar(notebook, "C-1042", key).shown["cases"][0]["events"]]

    assert whats("p2") == ["Charge: Charged; bail conditions continued"]  # the subject
    assert whats("p1") == ["Court hearing: Jane Smith gave evidence"]  # named; not the charge
    assert whats("p3") == []
