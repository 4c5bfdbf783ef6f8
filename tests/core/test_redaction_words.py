# ruff: noqa: RUF001
"""Redaction removes names and never changes another word (issue 12, items 15, 17, 18)."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
import summary_samples as samples

from casebook.demo import demo_document
from casebook.paths import resource_dir
from casebook.summary import redact


def _narrative(data: dict[str, Any], mode: str, case: int = 0) -> str:
    return str(redact(data, mode)["cases"][case]["records"][-1]["fields"]["narrative"])


def _label(data: dict[str, Any], key: str) -> str:
    """The pseudonym of the person ``key`` of the first case."""
    people = redact(data, "pseudonyms")["cases"][0]["people"]
    return str(next(p["name"] for p in people if p["key"] == key))


def _with(people: list[dict[str, Any]], text: str) -> dict[str, Any]:
    """The sample summary with extra people in its case and one record saying ``text``."""
    data = samples.summary()
    data["cases"][0]["people"].extend(copy.deepcopy(people))
    return samples.with_records(data, 0, [text])


def _demo_summary(texts: list[str] | None = None) -> dict[str, Any]:
    """A summary of all four demo cases (every demo person a redaction target)."""
    data = samples.summary()
    template = data["cases"][0]
    data["cases"] = []
    for case in demo_document()["cases"]:
        copied = copy.deepcopy(template)
        copied["ref"], copied["title"], copied["people"] = case["ref"], "", case["people"]
        copied["records"], copied["chronology"], copied["actions"] = [], [], []
        data["cases"].append(copied)
    if texts:
        data = samples.with_records(data, 0, texts)
    return data


def _word_list() -> list[str]:
    text = (resource_dir("words") / "english.txt").read_text(encoding="utf-8")
    return [w for w in text.splitlines() if w and not w.startswith("#")]


# -- item 17: no word that is not a name changes ---------------------------------------------


def test_the_middle_name_thi_never_turns_this_into_initials() -> None:
    demo = _demo_summary(["This is a misunderstanding my lawyer will fix"])
    tran = next(c for c in demo["cases"] if c["ref"] == "C-2057")
    demo["cases"] = [tran, *[c for c in demo["cases"] if c is not tran]]
    demo = samples.with_records(demo, 0, ["This is a misunderstanding my lawyer will fix"])
    assert _narrative(demo, "initials") == "This is a misunderstanding my lawyer will fix"


def test_a_two_case_summary_keeps_this_in_a_quote() -> None:
    demo = _demo_summary()
    demo["cases"] = [c for c in demo["cases"] if c["ref"] in ("C-2057", "C-2041")]
    demo = samples.with_records(demo, 0, ["Lan said she was afraid this will ruin everything"])
    for mode in ("initials", "pseudonyms"):
        narrative = _narrative(demo, mode)
        assert narrative.endswith(" said she was afraid this will ruin everything"), narrative
        assert "Lan" not in narrative


@pytest.mark.parametrize("mode", ["initials", "pseudonyms"])
def test_no_ordinary_word_changes_with_every_demo_person_as_a_target(mode: str) -> None:
    words = _word_list()
    assert len(words) > 60_000
    lower = " ".join(words)
    starts = " ".join(f"{w[:1].upper()}{w[1:]}." for w in words)
    redacted = redact(_demo_summary([lower, starts]), mode)
    records = redacted["cases"][0]["records"]
    assert records[-2]["fields"]["narrative"] == lower
    changed = [
        (a, b)
        for a, b in zip(starts.split(), records[-1]["fields"]["narrative"].split(), strict=False)
        if a != b
    ]
    assert not changed
    assert records[-1]["fields"]["narrative"] == starts


def _demo_parts() -> list[str]:
    parts: set[str] = set()
    for case in demo_document()["cases"]:
        for person in case["people"]:
            for name in (person["name"], person.get("preferred_name") or ""):
                parts.add(name)
                parts.update(w for w in name.split() if w not in ("DC",))
    return sorted(p for p in parts if p)


@pytest.mark.parametrize("mode", ["initials", "pseudonyms"])
def test_every_demo_name_and_name_part_as_written_is_redacted(mode: str) -> None:
    parts = _demo_parts()
    texts = [f"{part} said hello. Today I met {part} at school." for part in parts]
    redacted = redact(_demo_summary(texts), mode)
    records = redacted["cases"][0]["records"][-len(parts) :]
    for part, record in zip(parts, records, strict=True):
        narrative = record["fields"]["narrative"]
        assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", narrative), (part, narrative)
        assert narrative.endswith(" at school.")


def test_short_and_common_name_parts_match_only_where_they_are_names() -> None:
    people = [
        {"key": "v1", "name": "Trần Văn Long", "role": "family"},
        {"key": "v2", "name": "Will Mark", "role": "professional"},
    ]
    text = (
        "We will mark the long van. Long journeys tire him. Will you mark it? "
        "Mr Long came; then Long and Will Mark agreed. Van, the van driver, waited."
    )
    narrative = _narrative(_with(people, text), "initials")
    assert narrative == (
        "We will mark the long van. Long journeys tire him. Will you mark it? "
        "Mr T.V.L. came; then T.V.L. and W.M. agreed. Van, the van driver, waited."
    )


def test_a_common_word_name_at_a_sentence_start_is_redacted_only_as_a_name() -> None:
    text = "Lily drew a house. Lily's cat. Mark said no. Mark the date. MARK. LILY. lily pads"
    narrative = _narrative(samples.with_records(samples.summary(), 0, [text]), "initials")
    assert narrative == (
        "L.S. drew a house. L.S.'s cat. M.S. said no. Mark the date. MARK. L.S.. lily pads"
    )


def test_the_plural_s_is_only_for_longer_surnames() -> None:
    people = [
        {"key": "v1", "name": "Nguyễn Thị Lan", "role": "family"},
        {"key": "v2", "name": "Anna Nowak", "role": "family"},
    ]
    data = _with(people, "This: the Nowaks and the Smiths met; Thị and Lan stayed; Lans? Nowak's.")
    lan, nowak = _label(data, "v1"), _label(data, "v2")
    assert _narrative(data, "pseudonyms") == (
        f"This: the {nowak} and the [name] met; {lan} and {lan} stayed; Lans? {nowak}'s."
    )


# -- item 15: names the old matcher missed ------------------------------------------------


def test_names_joined_to_other_words_in_file_names_are_redacted() -> None:
    people = [
        {"key": "w1", "name": "Łukasz Wójcik", "role": "family"},
        {"key": "w2", "name": "Małgorzata Wójcik", "role": "family",
         "other_names": ["Gosia", "Gośka"]},
    ]  # fmt: skip
    text = "LukaszWojcik_letter.txt, GosiaDrawing2.png, gośka-notes.pdf, Wójcik2026.jpg"
    narrative = _narrative(_with(people, text), "initials")
    assert narrative == "Ł.W._letter.txt, M.W.Drawing2.png, M.W.-notes.pdf, W.2026.jpg"


def test_other_names_are_redacted_like_the_name() -> None:
    people = [
        {"key": "w2", "name": "Małgorzata Wójcik", "role": "family",
         "other_names": ["Gosia", "Gośka", "JP"]},
    ]  # fmt: skip
    data = _with(people, "Gosia and GOŚKA and JP came")
    label = _label(data, "w2")
    assert _narrative(data, "pseudonyms") == f"{label} and {label} and {label} came"


def test_chinese_names_are_found_inside_running_text() -> None:
    people = [{"key": "z1", "name": "李小龙", "role": "family"}]
    text = "李小龙来了。小龙说他很好。李子很甜。Li Xiaolong and Xiao-Long came."
    data = _with(people, text)
    label = _label(data, "z1")
    assert _narrative(data, "pseudonyms") == (
        f"{label}来了。{label}说他很好。李子很甜。{label} and {label} came."
    )


def test_names_in_other_scripts_are_found_in_latin_letters() -> None:
    people = [
        {"key": "r1", "name": "Ольга Петрова", "role": "family"},
        {"key": "g1", "name": "Ελένη Παπαδοπούλου", "role": "family"},
    ]
    text = "Olga and Ol'ga Petrova; Eleni Papadopoulou; Mrs Papadopoulou"
    narrative = _narrative(_with(people, text), "initials")
    assert narrative == "О.П. and О.П.; Ε.Π.; Mrs Ε.Π."
    assert "Olga" not in narrative


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Anna Strauß", ["Strauss", "STRAUSS", "Strauß"]),
        ("Jonas Ødegård", ["Odegaard", "Oedegaard", "Odegard", "Ødegaard"]),
        ("Jonas Odegaard", ["Ødegård", "Odegård"]),
        ("Deniz Ünal", ["Uenal", "Unal", "ÜNAL"]),
        ("Seán O'Brien", ["OBrien", "O’Brien", "O'Brien"]),
        ("Halina Kowalczyk", ["Kowal-\nczyk", "Kowalczyk"]),
    ],
)
def test_spellings_of_a_name_are_redacted(name: str, written: list[str]) -> None:
    people = [{"key": "s1", "name": name, "role": "family"}]
    data = _with(people, "; ".join(f"with {w} today" for w in written))
    label = _label(data, "s1")
    assert _narrative(data, "pseudonyms") == "; ".join(f"with {label} today" for _ in written)


def test_dates_of_birth_in_other_forms_are_redacted_and_other_dates_are_not() -> None:
    people = [
        {"key": "d1", "name": "Zofia Nowak", "role": "child", "born": "2016-09-30"},
        {"key": "d2", "name": "Adam Nowak", "role": "family", "born": "1985-02-14"},
    ]
    born = [
        "30.09.16", "30th of September 2016", "2016/09/30", "30-Sep-2016", "20160930",
        "September 30th, 2016", "09/30/2016", "14/2/85", "14.02.1985",
    ]  # fmt: skip
    others = [
        "30.09.17", "29/09/2016", "2016/09/03", "03/09/2016", "30 Sep 16:00", "1.30.09.16",
        "2/14/86", "14/2/8", "v2.14.2.85", "20160931",
    ]  # fmt: skip
    narrative = _narrative(_with(people, " | ".join(born + others)), "initials")
    assert narrative == " | ".join(["[date of birth]"] * len(born) + others)


# -- item 18: reflections ------------------------------------------------------------------


def test_reflections_are_redacted_against_every_person_of_the_notebook() -> None:
    data = samples.summary(include_reflections=True)
    data["notebook_people"] = [
        {"case": "C-9", "key": "p1", "name": "Kacper Wiśniewski", "role": "child",
         "other_names": ["Kacperek"], "born": "2015-05-21"},
    ]  # fmt: skip
    data["reflections"] = [
        {"written_at": "2026-03-20T19:00:00+00:00",
         "text": "Jane and Kacper Wiśniewski (Kacperek, born 21/05/2015) on my mind."},
    ]  # fmt: skip
    for mode, expected in (
        ("pseudonyms", "Partner and [name] ([name], born [date of birth]) on my mind."),
        ("initials", "J.S. and K.W. (K.W., born [date of birth]) on my mind."),
    ):
        redacted = redact(data, mode)
        assert redacted["reflections"][0]["text"] == expected
        assert "notebook_people" not in redacted
