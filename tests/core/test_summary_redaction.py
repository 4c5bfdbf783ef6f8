# ruff: noqa: RUF001
"""Redaction: no name survives, in the data or in the PDF text."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import summary_samples as samples

from casebook.summary import RedactionError, redact, render_summary_pdf

# Names that are no English word: redacted in every case and place.
NAMES = ["Jane", "Janey", "Gwen", "Hollis", "Amir", "Haddad"]
# Names that are also ordinary words (a mark, a lily, a tom, a smith): redacted written
# with a capital; in lower case they stay, since they may be the ordinary word.
WORD_NAMES = ["Mark", "Lily", "Tom", "Smith"]
UNICODE_PEOPLE = [
    {"key": "u1", "name": "Łukasz Nowak", "role": "family"},
    {"key": "u2", "name": "Nguyễn Văn An", "role": "family"},
    {"key": "u3", "name": "Ольга Иванова", "role": "professional"},
    {"key": "u4", "name": "Ελένη Παπαδοπούλου", "role": "child", "born": "2015-05-01"},
    {"key": "u5", "name": "محمد حداد", "role": "family"},
    {"key": "u6", "name": "דוד כהן", "role": "professional"},
]
UNICODE_NAMES = [
    "Łukasz",
    "Nowak",
    "Nguyễn",
    "Ольга",
    "Иванова",
    "Ελένη",
    "Παπαδοπούλου",
    "محمد",
    "حداد",
    "דוד",
    "כהן",
]

MENTIONS = [
    "Jane Smith said JANE SMITH was tired; jane smith agreed.",
    'Jane\'s worry and Jane’s plan; (Jane), [Jane]; "Jane"; Jane. Jane, Jane!',
    "Janey-May? No: Janey. Mrs Smith and the Smiths' house; smith-family",
    "Mark's GP; mark said; MARK; Mark\u00a0Smith; Mark\nSmith; Mark  Smith",
    "Lily_drawing.jpg, lily-age9, LILY's, l'Lily, Lily2",
    "Tom and Lily; tom's bike; TOM.",
    "Gwen Hollis (Nana Gwen); hollis; GWEN’S",
    "Amir Haddad, social worker; haddad's report",
    "Łukasz, lukasz, ŁUKASZ, Lukasz's, Nowak",
    "Nguyễn, NGUYỄN, nguyen, Nguyen's, Nguye\u0302\u0303n",
    "Ольга, ОЛЬГА, ольга, Иванова",
    "Ελένη, ΕΛΕΝΗ, Ελενη, Παπαδοπούλου",
    "قال محمد، ومحمد، محمد حداد",
    "אמר דוד, ודוד, דוד כהן",
    "born 30/09/2016, 2016-09-30, 30 September 2016",
]


def _summary_with_mentions() -> dict[str, Any]:
    data = samples.summary(include_reflections=True)
    case = data["cases"][0]
    case["people"].extend(copy.deepcopy(UNICODE_PEOPLE))
    data = samples.with_records(data, 0, MENTIONS)
    record = case["records"][0]
    record["fields"]["childs_words"].append("Jane said Mark was nice to Lily")
    record["fields"]["disclosure"]["present"] = "Jane Smith and Gwen"
    record["fields"]["disclosure"]["informed"].append({"who": "Amir Haddad", "at": None})
    record["addenda"].append(
        {"written_at": "2026-03-07T09:00:00+00:00", "text": "Spoke to Janey again"}
    )
    record["tags"].append("lily")
    record["attachments"].append(
        {"name": "Mark Smith letter.pdf", "media_type": "application/pdf", "size": 1}
    )
    case["actions"].append(
        {"text": "Ring Jane about Tom", "due": None, "done": False, "record_id": "r1"}
    )
    case["chronology"][0]["title"] = "Lily disclosed to practitioner"
    case["title"] = "The Smith family"
    case["ref"] = "SMITH-1"
    data["reflections"].append(
        {"written_at": "2026-03-20T19:00:00+00:00", "text": "Worried about Łukasz and Jane."}
    )
    return data


def _all_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _all_strings(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _all_strings(item)]
    return []


def _name_found(text: str, name: str) -> bool:
    """A name as a word (or plural) anywhere, in any case; "Janet" is no hit."""
    pattern = rf"(?<![^\W\d_]){re.escape(name)}s?(?![^\W\d_])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _capitalised_found(text: str, name: str) -> bool:
    """A name written with a capital (``Lily``, ``Smiths``) as a word anywhere."""
    return re.search(rf"(?<![^\W\d_]){re.escape(name)}s?(?![^\W\d_])", text) is not None


@pytest.mark.parametrize("mode", ["initials", "pseudonyms"])
def test_redacted_summary_contains_no_names(mode: str, tmp_path: Path) -> None:
    pdf = render_summary_pdf(_summary_with_mentions(), mode)
    text = samples.poppler("pdftotext", "-enc", "UTF-8", data=pdf, tmp_path=tmp_path)
    assert "Records" in text
    leaked = [
        name for name in [*NAMES, *UNICODE_NAMES, "Lukasz", "Nguyen"] if _name_found(text, name)
    ]
    leaked += [name for name in WORD_NAMES if _capitalised_found(text, name)]
    assert not leaked
    for date in ("30/09/2016", "2016-09-30", "30 September 2016", "30 Sep 2016"):
        assert date not in text


@pytest.mark.parametrize("mode", ["initials", "pseudonyms"])
def test_redacted_data_keeps_no_name_in_any_string(mode: str) -> None:
    data = _summary_with_mentions()
    redacted = redact(data, mode)
    strings = _all_strings({k: v for k, v in redacted.items() if k != "practitioner"})
    for name in [*NAMES, *UNICODE_NAMES]:
        hits = [s for s in strings if _name_found(s, name)]
        assert not hits, (name, hits[:3])
    for name in WORD_NAMES:
        hits = [s for s in strings if _capitalised_found(s, name)]
        assert not hits, (name, hits[:3])


def test_pseudonyms_follow_roles() -> None:
    data = samples.summary()
    data["cases"][0]["people"].extend(copy.deepcopy(UNICODE_PEOPLE))
    people = {p["key"]: p["name"] for p in redact(data, "pseudonyms")["cases"][0]["people"]}
    assert people["p1"] == "Partner"
    assert people["p2"] == "Subject"
    assert people["p3"] == "Child A"
    assert people["p4"] == "Child B"
    assert people["u4"] == "Child C"
    assert people["p5"] == "Family member A"
    assert people["p6"] == "Professional A"
    record = redact(data, "pseudonyms")["cases"][0]["records"][0]
    assert record["title"] == "Direct work with Child A — Three Houses"
    assert record["fields"]["childs_words"][0] == "I miss my dad but I don't want him to be sad"


def test_initials_replace_names_and_keep_possessives() -> None:
    data = samples.with_records(samples.summary(), 0, ["Jane’s view, Mark's view, Łukasz"])
    data["cases"][0]["people"].append({"key": "u1", "name": "Łukasz Nowak", "role": "family"})
    narrative = redact(data, "initials")["cases"][0]["records"][-1]["fields"]["narrative"]
    assert narrative == "J.S.’s view, M.S.'s view, Ł.N."


def test_a_name_written_in_another_order_becomes_one_pseudonym() -> None:
    data = samples.with_records(samples.summary(), 0, ["With Đặng interpreting; Mai Đặng's notes"])
    data["cases"][0]["people"].append(
        {"key": "u7", "name": "Đặng Thu Mai", "role": "professional", "preferred_name": "Mai"}
    )
    redacted = redact(data, "pseudonyms")
    label = {p["key"]: p["name"] for p in redacted["cases"][0]["people"]}["u7"]
    narrative = redacted["cases"][0]["records"][-1]["fields"]["narrative"]
    assert narrative == f"With {label} interpreting; {label}'s notes"
    initials = redact(data, "initials")["cases"][0]["records"][-1]["fields"]["narrative"]
    assert initials == "With Đ.T.M. interpreting; Đ.T.M.'s notes"


def test_a_surname_shared_by_several_people_becomes_neutral() -> None:
    data = samples.with_records(samples.summary(), 0, ["The Smith family"])
    assert (
        redact(data, "pseudonyms")["cases"][0]["records"][-1]["fields"]["narrative"]
        == "The [name] family"
    )
    assert (
        redact(data, "initials")["cases"][0]["records"][-1]["fields"]["narrative"]
        == "The S. family"
    )


def test_longer_words_containing_a_name_are_kept() -> None:
    data = samples.with_records(samples.summary(), 0, ["Janet marked the Tomato Marker; Lilypad"])
    narrative = redact(data, "pseudonyms")["cases"][0]["records"][-1]["fields"]["narrative"]
    assert narrative == "Janet marked the Tomato Marker; Lilypad"


def test_one_letter_name_parts_are_not_redacted() -> None:
    data = samples.summary()
    data["cases"][0]["people"].append({"key": "x", "name": "J D Salinger", "role": "family"})
    data = samples.with_records(data, 0, ["Plan J is D-day; Salinger called"])
    narrative = redact(data, "initials")["cases"][0]["records"][-1]["fields"]["narrative"]
    assert narrative == "Plan J is D-day; J.D.S. called"


def test_dates_of_birth_become_ages() -> None:
    people = redact(samples.summary(), "initials")["cases"][0]["people"]
    by_key = {p["key"]: p for p in people}
    assert all("born" not in p for p in people)
    assert by_key["p1"]["age"] == 38
    assert by_key["p3"]["age"] == 10
    assert by_key["p6"]["age"] is None


def test_child_age_at_the_session_survives_redaction(tmp_path: Path) -> None:
    pdf = render_summary_pdf(samples.summary(), "pseudonyms")
    text = samples.poppler("pdftotext", data=pdf, tmp_path=tmp_path)
    assert "Child A (age 9 at the session)" in text
    assert "age 38" in text
    assert "12 Apr 1988" not in text


def test_case_title_and_reference_with_a_name_are_replaced() -> None:
    data = samples.summary()
    data["cases"][0]["title"] = "Smith family"
    data["cases"][0]["ref"] = "C-1042"
    case = redact(data, "initials")["cases"][0]
    assert case["title"] == "Case 1"
    assert case["ref"] == "C-1042"


def test_same_person_in_two_cases_gets_the_same_pseudonym() -> None:
    data = samples.summary()
    second = copy.deepcopy(data["cases"][0])
    second["ref"] = "C-2000"
    second["people"] = [second["people"][2], {"key": "n", "name": "Ava Brown", "role": "child"}]
    data["cases"].append(second)
    redacted = redact(data, "pseudonyms")
    first_names = {p["key"]: p["name"] for p in redacted["cases"][0]["people"]}
    second_names = {p["key"]: p["name"] for p in redacted["cases"][1]["people"]}
    assert second_names["p3"] == first_names["p3"] == "Child A"
    assert second_names["n"] == "Child C"


def test_redaction_leaves_its_input_unchanged() -> None:
    data = _summary_with_mentions()
    before = copy.deepcopy(data)
    redact(data, "pseudonyms")
    redact(data, "initials")
    assert data == before


def test_no_redaction_is_an_exact_copy() -> None:
    data = _summary_with_mentions()
    copied = redact(data, "none")
    assert copied == data
    assert copied is not data


def test_unknown_mode_is_an_error() -> None:
    with pytest.raises(RedactionError):
        redact(samples.summary(), "initial")


@pytest.mark.parametrize("mode", ["initials", "pseudonyms"])
def test_redacting_twice_changes_nothing(mode: str) -> None:
    once = redact(_summary_with_mentions(), mode)
    assert redact(once, mode) == once
    assert redact(once, "none") == once
    other = "pseudonyms" if mode == "initials" else "initials"
    with pytest.raises(RedactionError):
        redact(once, other)


def test_an_already_redacted_input_renders_as_redacted(tmp_path: Path) -> None:
    once = redact(samples.summary(), "initials")
    text = samples.poppler("pdftotext", data=render_summary_pdf(once), tmp_path=tmp_path)
    assert "Initials: names replaced by initials" in text
    assert "J.S." in text
    assert "age 38" in text
