"""The redaction review: what redaction leaves is found, decided, and applied exactly."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import summary_samples as samples

from casebook.errors import InvalidInput
from casebook.summary import redact, render_summary_pdf
from casebook.summary.review import (
    ADDRESS,
    EMAIL,
    FAMILY_WORD,
    KEEP,
    NAME,
    OTHER_SCRIPT,
    PHONE,
    PLACE,
    POSTCODE,
    REDACT,
    TITLE_AND_NAME,
    Decision,
    Place,
    apply_decisions,
    find_spans,
    map_shown_text,
    read_review_file,
    review_candidates,
    review_file_json,
    unreviewed,
)


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[start:end], kind) for start, end, kind in find_spans(text)]


def _with_outsiders() -> dict[str, Any]:
    """The sample with people who are not in the case, as notes really mention them."""
    data = samples.summary()
    record = data["cases"][0]["records"][0]
    record["fields"]["good_things"] = (
        "Her teacher Ms Fenwick is kind. Babcia makes pierogi on Sundays."
    )
    record["fields"]["observations"] = "Ms Fenwick waved from the gate; Fenwickson Road is busy."
    return data


def test_names_of_people_outside_the_case_are_review_candidates_after_redaction() -> None:
    for mode in ("initials", "pseudonyms"):
        candidates = {c.text: c for c in review_candidates(redact(_with_outsiders(), mode))}
        fenwick = candidates["Ms Fenwick"]
        assert (fenwick.kind, fenwick.occurrences) == (TITLE_AND_NAME, 2)
        assert fenwick.places == (
            Place("C-1042", "r1", "fields.good_things"),
            Place("C-1042", "r1", "fields.observations"),
        )
        assert fenwick.replacement == "[name]"
        assert candidates["Babcia"].kind == FAMILY_WORD
        assert candidates["Babcia"].replacement == "[relative]"
        # The GP of the person of concern: name, surgery and phone number.
        assert candidates["Dr Patel"].kind == TITLE_AND_NAME
        assert Place("C-1042", None, "people[1].gp") in candidates["Dr Patel"].places
        assert candidates["Oak Surgery"].kind == PLACE
        assert candidates["0121 000 0000"].kind == PHONE
        assert candidates["Nana"].kind == FAMILY_WORD  # "Nana Gwen": Gwen is redacted
        for name in ("Jane", "Smith", "Lily", "Mark", "Gwen", "Hollis"):
            assert not [text for text in candidates if name in text], name


def test_phone_numbers_postcodes_emails_addresses_and_other_scripts_are_candidates() -> None:
    assert _found(
        "Call 07700 900123, +44 (0)121 496 0018 or (020) 7946 0958; lives at 14 Station Road, "
        "Birmingham B15 2TT; mail jo.bloggs@example.org. Spoke with 王小明 today."
    ) == [
        ("07700 900123", PHONE),
        ("+44 (0)121 496 0018", PHONE),
        ("(020) 7946 0958", PHONE),
        ("14 Station Road", ADDRESS),
        ("Birmingham", NAME),
        ("B15 2TT", POSTCODE),
        ("jo.bloggs@example.org", EMAIL),
        ("王小明", OTHER_SCRIPT),
    ]
    assert _found("We walked down Green Lane to Meadowbank Primary School.") == [
        ("Green Lane", ADDRESS),
        ("Meadowbank Primary School", PLACE),
    ]
    assert _found("Dr A. Patel, PC Jones and Auntie Sam came.") == [
        ("Dr A. Patel", TITLE_AND_NAME),
        ("PC Jones", TITLE_AND_NAME),
        ("Auntie Sam", FAMILY_WORD),
    ]


def test_common_words_known_words_and_redaction_output_are_not_candidates() -> None:
    for text in [
        "On Monday the Police, CAMHS and the Family Court met at the school in March.",
        "Direct work with Child A — Three Houses. Subject said Partner was at the GP.",
        "Mrs S. and Mr Subject came; J.S. is settled. Childline is 0800 1111.",
        "MASH reference 26/0412, finalised 2026-03-04, hash 5b0d2c8f9e7a41f2b1d1f0c9a3e6b7d8.",
        "Swimming on Saturdays. Mum said the Xbox is OK. [name] rang at 10:30.",
        "Ці слова написані кирилицею, тому вони не є кандидатами.",
    ]:
        assert _found(text) == [], text


def test_a_capitalised_word_starts_a_sentence_as_a_common_word_or_as_a_surname() -> None:
    # "Rose" at the start of a sentence is the word, in the middle a name; "Fenwick" is no
    # English word wherever it stands; "Will" at the start is a word.
    assert _found("Rose early. Fenwick said Will should come. We met Rose.") == [
        ("Fenwick", NAME),
        ("Will", NAME),
        ("Rose", NAME),
    ]
    assert _found("Will you come?") == []
    # Only English has a word list: another language's first word is not a candidate,
    # its capitalised words in the middle of a sentence are.
    assert _found("Вчора прийшла Ольга.") == [("Ольга", NAME)]


def test_applying_decisions_replaces_exactly_the_decided_strings_and_no_other_word() -> None:
    data = redact(_with_outsiders(), "pseudonyms")
    data["cases"][0]["records"][0]["fields"]["wishes"] = "MS FENWICK and ms fenwick stay."
    decisions = [
        Decision("Ms Fenwick", REDACT, "[teacher]"),
        Decision("Babcia", REDACT, "[relative]"),
        Decision("Dr Patel", KEEP),
    ]
    changed = apply_decisions(data, decisions)
    before: list[str] = []
    after: list[str] = []
    map_shown_text(data, lambda _place, text: before.append(text) or text)
    map_shown_text(changed, lambda _place, text: after.append(text) or text)
    assert len(before) == len(after)
    for old, new in zip(before, after, strict=True):
        assert new == old.replace("Ms Fenwick", "[teacher]").replace("Babcia", "[relative]")
    assert "Fenwickson Road" in " ".join(after)  # a longer word is another word
    assert "MS FENWICK and ms fenwick stay." in after  # exactly the string decided
    # Nothing else in the input changed: ids, times, hashes, people, the practitioner.
    blank = lambda _place, _text: ""  # noqa: E731
    assert map_shown_text(changed, blank) == map_shown_text(data, blank)


def test_a_kept_longer_string_protects_a_shorter_redacted_one_inside_it() -> None:
    data = redact(samples.summary(), "initials")
    changed = apply_decisions(data, [Decision("Dr Patel", KEEP), Decision("Patel", REDACT, "X")])
    gp = changed["cases"][0]["people"][1]["gp"]
    assert gp.startswith("Dr Patel, Oak Surgery")


def test_the_review_is_done_when_every_candidate_has_a_decision() -> None:
    data = redact(_with_outsiders(), "initials")
    candidates = review_candidates(data)
    decisions = [Decision(c.text, REDACT, c.replacement) for c in candidates[1:]]
    left = unreviewed(review_candidates(apply_decisions(data, decisions)), decisions)
    assert [c.text for c in left] == [candidates[0].text]
    decisions.append(Decision(candidates[0].text, KEEP))
    assert unreviewed(review_candidates(apply_decisions(data, decisions)), decisions) == []
    # A replacement the practitioner chose is not a new candidate.
    own = [Decision(c.text, REDACT, "Ms Teacher") for c in candidates]
    assert unreviewed(review_candidates(apply_decisions(data, own)), own) == []


def test_a_redacted_summary_with_decisions_no_longer_shows_the_redacted_names(
    tmp_path: Path,
) -> None:
    data = redact(_with_outsiders(), "pseudonyms")
    decisions = [
        Decision(c.text, KEEP if c.text == "Fenwickson Road" else REDACT, c.replacement)
        for c in review_candidates(data)
    ]
    text = samples.poppler(
        "pdftotext", data=render_summary_pdf(apply_decisions(data, decisions)), tmp_path=tmp_path
    )
    for gone in ("Fenwick", "Babcia", "Patel", "Oak Surgery", "0121 000 0000", "Mrs Ahmed"):
        assert gone not in text.replace("Fenwickson", "")
    assert "[relative]" in text and "Fenwickson Road" in text


def test_reflections_left_out_and_the_practitioner_are_not_reviewed() -> None:
    data = redact(samples.summary(include_reflections=False), "initials")
    data["reflections"] = [{"written_at": "2026-03-16T19:00:00+00:00", "text": "Ms Fenwick"}]
    data["practitioner"]["name"] = "Dr Ruth Adeyemi"
    assert "Ms Fenwick" not in {c.text for c in review_candidates(data)}
    assert "Dr Ruth Adeyemi" not in {c.text for c in review_candidates(data)}
    data["include_reflections"] = True
    assert Place("", None, "reflections[0].text") in next(
        c.places for c in review_candidates(data) if c.text == "Ms Fenwick"
    )


def test_the_review_file_lists_candidates_and_reads_back_the_decisions() -> None:
    candidates = review_candidates(redact(_with_outsiders(), "initials"))
    entries = json.loads(review_file_json(candidates))
    assert [e["text"] for e in entries] == [c.text for c in candidates]
    fenwick = next(e for e in entries if e["text"] == "Ms Fenwick")
    assert fenwick == {
        "text": "Ms Fenwick",
        "kind": TITLE_AND_NAME,
        "occurrences": 2,
        "where": [
            {"case": "C-1042", "record": "r1", "field": "fields.good_things"},
            {"case": "C-1042", "record": "r1", "field": "fields.observations"},
        ],
        "decision": None,
        "replacement": "[name]",
    }
    assert read_review_file(json.dumps(entries)) == []
    fenwick["decision"] = "redact"
    entries[0]["decision"] = "keep"
    decisions = read_review_file(json.dumps(entries))
    assert Decision("Ms Fenwick", REDACT, "[name]") in decisions
    assert Decision(entries[0]["text"], KEEP, entries[0]["replacement"]) in decisions
    # Decisions already made are written back as they were.
    again = json.loads(review_file_json([], decisions))
    assert read_review_file(json.dumps(again)) == decisions


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        '{"text": "x"}',
        '[{"decision": "keep"}]',
        '[{"text": "Ms Fenwick", "decision": "blur"}]',
        '[{"text": "Ms Fenwick", "decision": "redact", "replacement": ""}]',
    ],
)
def test_a_malformed_review_file_is_invalid_input_that_names_no_candidate(content: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_review_file(content, where="review.json")
    assert "Fenwick" not in str(caught.value)
    assert str(caught.value).startswith("review.json")


def test_review_leaves_its_input_unchanged() -> None:
    data = redact(_with_outsiders(), "initials")
    before = copy.deepcopy(data)
    review_candidates(data)
    apply_decisions(data, [Decision("Ms Fenwick", REDACT, "[name]")])
    assert data == before
