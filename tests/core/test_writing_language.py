"""The language check: findings with reasons and alternatives, context rules, overrides."""

from __future__ import annotations

import json
from typing import Any

from casebook.paths import resource_dir
from casebook.service import Notebook
from casebook.writing import language
from casebook.writing.store import WritingStore


def found(kind: str, fields: dict[str, Any], guidance: Any = None) -> list[tuple[str, str, str]]:
    findings = language.check_record(kind, fields, guidance or language.shipped())
    return [(f.field, f.phrase, f.entry.id) for f in findings]


def test_the_shipped_list_names_its_sources_and_every_entry_has_a_reason_and_alternatives() -> None:
    raw = json.loads((resource_dir("language") / "guidance.json").read_text(encoding="utf-8"))
    assert "starting point" in raw["about"]
    assert len(raw["sources"]) >= 3
    guidance = language.shipped()
    ids = [e.id for e in guidance.entries]
    assert len(ids) == len(set(ids))
    for entry in guidance.entries:
        assert entry.reason and entry.alternatives and entry.source, entry.id


def test_failed_to_protect_is_found_with_its_reason_and_a_neutral_alternative() -> None:
    fields = {"protective_capacity": "Mum Failed to protect the children in 2019."}
    findings = language.check_record("partner_support", fields, language.shipped())
    assert [(f.field, f.phrase) for f in findings] == [("protective_capacity", "Failed to protect")]
    text = fields["protective_capacity"]
    assert text[findings[0].start : findings[0].end] == "Failed to protect"
    assert "was not able to protect" in findings[0].entry.alternatives
    assert "responsib" in findings[0].entry.reason


def test_in_denial_is_flagged_about_a_partner_only() -> None:
    text = "He remains in denial."
    assert found("partner_support", {"feelings": text}) == [
        ("feelings", "in denial", "in-denial-partner")
    ]
    assert found("session", {"narrative": text}) == []


def test_alleged_victim_is_flagged_only_in_a_record_that_holds_a_disclosure() -> None:
    fields: dict[str, Any] = {"observations": "The alleged victim drew a house."}
    assert found("child_work", fields) == []
    fields["disclosure"] = {"verbatim": "He hurt me", "response": "Listened.", "present": ""}
    assert found("child_work", fields) == [("observations", "alleged victim", "alleged-victim")]


def test_what_someone_said_word_for_word_is_never_flagged() -> None:
    fields = {
        "childs_words": ["Mummy always says he never meant it"],
        "disclosure": {"verbatim": "I never told", "present": "", "response": "I never asked why."},
        "actions": [{"text": "Never leave Lily alone with him", "due": None}],
    }
    assert found("child_work", fields) == [
        ("disclosure.response", "never", "absolutes"),
        ("actions[0].text", "Never", "absolutes"),
    ]


def test_in_several_disclosures_only_the_practitioners_words_are_checked_each_in_its_place() -> (
    None
):
    fields = {
        "disclosures": [
            {"child": "p3", "verbatim": "He never said sorry", "present": "", "response": "Fine."},
            {
                "child": "p4",
                "verbatim": "I never told",
                "present": "",
                "response": "I never asked.",
            },
        ],
        "observations": "The alleged victim drew a house.",
    }
    assert found("child_work", fields) == [
        ("disclosures[1].response", "never", "absolutes"),
        ("observations", "alleged victim", "alleged-victim"),
    ]


def test_whole_words_only_and_line_breaks_inside_a_phrase_still_match() -> None:
    assert found("session", {"narrative": "Nevertheless, the alwaysOn app"}) == []
    assert found("partner_support", {"feelings": "She has failed\nto  protect"}) == [
        ("feelings", "failed\nto  protect", "failed-to-protect")
    ]


def test_a_notebook_override_turns_entries_off_changes_them_and_adds_its_own(
    notebook: Notebook,
) -> None:
    store = WritingStore(notebook)
    base = language.shipped()
    absolutes = next(e for e in base.entries if e.id == "absolutes")
    changed = language.Entry(**{**absolutes.__dict__, "patterns": ("always",)})
    own = language.Entry("own-kicked-off", ("kicked off",), "Vague.", ("became angry",), "Mine")
    wanted = [changed if e.id == "absolutes" else e for e in base.entries] + [own]
    store.set_language_override(language.diff_override(base, wanted, ["colluding"]))

    guidance = WritingStore(notebook).guidance()
    text = "He always colluded, never kicked off."
    assert found("partner_support", {"feelings": text}, guidance) == [
        ("feelings", "always", "absolutes"),
        ("feelings", "kicked off", "own-kicked-off"),
    ]
    assert language.shipped() == base  # the shipped list is untouched
    assert set(store.language_override()) == {"colluding", "absolutes", "own-kicked-off"}


def test_a_replacement_keeps_the_capital_of_the_words_it_replaces() -> None:
    assert language.matching_case("Admitted", "said") == "Said"
    assert language.matching_case("admitted", "said") == "said"
