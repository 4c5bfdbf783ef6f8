"""Search: words as typed (any script, any syntax characters), prefixes, newest first."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notebook.domain import SNIPPET_END, SNIPPET_START

SEARCH_DOC = {
    "format": "casebook/1",
    "cases": [
        {
            "ref": "S-1",
            "people": [
                {"key": "n", "name": "Nguyễn Văn An", "role": "partner"},
                {"key": "l", "name": "Łukasz Wiśniewski", "role": "subject"},
                {"key": "o", "name": "Ольга Иванова", "role": "child"},
                {"key": "d", "name": "Søren Ødegård", "role": "family"},
            ],
            "records": [
                {
                    "id": "s1-old",
                    "kind": "session",
                    "event_at": "2026-01-05T10:00:00+00:00",
                    "written_at": "2026-01-05T12:00:00+00:00",
                    "people": ["l"],
                    "tags": ["court report"],
                    "fields": {"narrative": "Discussed the Hippopotamus drawing and bedtime."},
                },
                {
                    "id": "s1-partner",
                    "kind": "partner_support",
                    "event_at": "2026-02-10T09:00:00+00:00",
                    "written_at": "2026-02-13T09:00:00+00:00",
                    "people": ["n"],
                    "fields": {
                        "partner": "n",
                        "contact_type": "phone",
                        "feelings": "Worried about the hippo toy and money.",
                    },
                },
                {
                    "id": "s1-child",
                    "kind": "child_work",
                    "event_at": "2026-03-01T15:00:00+01:00",
                    "written_at": "2026-03-02T14:59:00+01:00",
                    "people": ["o"],
                    "status": "final",
                    "fields": {
                        "child": "o",
                        "activity": "drawing",
                        "childs_words": ["I drew a hippopotamus in the garden"],
                    },
                    "addenda": [
                        {
                            "written_at": "2026-03-02T10:00:00+00:00",
                            "text": "Mum later mentioned the Tamagotchi.",
                        }
                    ],
                },
            ],
        },
        {
            "ref": "S-2",
            "people": [{"key": "x", "name": "Другая Ольга", "role": "partner"}],
            "records": [
                {
                    "id": "s2-session",
                    "kind": "session",
                    "event_at": "2026-02-20T10:00:00-05:00",
                    "written_at": "2026-02-21T15:00:00+00:00",
                    "people": ["x"],
                    "fields": {"narrative": "Hippopotamus again, and Søren's visit."},
                },
            ],
        },
    ],
}


@pytest.fixture
def nb(empty_notebook):
    empty_notebook.import_document(SEARCH_DOC)
    return empty_notebook


def ids(hits) -> list[str]:
    return [h.record_id for h in hits]


def test_search_finds_words_by_prefix(nb):
    assert set(ids(nb.search("hippo"))) == {"s1-old", "s1-partner", "s1-child", "s2-session"}
    assert ids(nb.search("tamago")) == ["s1-child"]


def test_search_is_case_insensitive(nb):
    assert ids(nb.search("HIPPOPOTAMUS")) == ids(nb.search("hippopotamus"))
    assert ids(nb.search("BedTime")) == ["s1-old"]


def test_search_ignores_diacritics_so_nguyen_finds_nguyen_with_accents(nb):
    assert ids(nb.search("nguyen")) == ["s1-partner"]
    assert ids(nb.search("Nguyễn")) == ["s1-partner"]
    assert ids(nb.search("van an")) == ["s1-partner"]


def test_search_folds_letters_like_l_with_stroke_so_lukasz_finds_lukasz(nb):
    assert ids(nb.search("lukasz")) == ["s1-old"]
    assert ids(nb.search("Łukasz")) == ["s1-old"]
    assert ids(nb.search("wisniewski")) == ["s1-old"]
    assert set(ids(nb.search("soren"))) == {"s2-session"}
    assert ids(nb.search("odegard")) == []  # Søren Ødegård is in no record


def test_search_finds_cyrillic_names_in_any_case(nb):
    assert set(ids(nb.search("ольга"))) == {"s1-child", "s2-session"}
    assert set(ids(nb.search("ОЛЬГА"))) == {"s1-child", "s2-session"}
    assert ids(nb.search("иван")) == ["s1-child"]


def test_search_requires_every_word(nb):
    assert ids(nb.search("hippo money")) == ["s1-partner"]
    assert ids(nb.search("hippo nothingmatches")) == []


def test_search_results_are_newest_first_across_offsets(nb):
    hits = nb.search("hippo")
    # 2026-03-01T14:00Z, 2026-02-20T15:00Z, 2026-02-10T09:00Z, 2026-01-05T10:00Z
    assert ids(hits) == ["s1-child", "s2-session", "s1-partner", "s1-old"]


def test_search_filters_by_case_and_kind(nb):
    assert set(ids(nb.search("hippo", case_ref="S-1"))) == {"s1-old", "s1-partner", "s1-child"}
    assert ids(nb.search("hippo", case_ref="S-2")) == ["s2-session"]
    assert set(ids(nb.search("hippo", kind="session"))) == {"s1-old", "s2-session"}
    assert ids(nb.search("hippo", case_ref="S-1", kind="session")) == ["s1-old"]
    assert ids(nb.search("hippo", kind="partner_support")) == ["s1-partner"]


def test_search_limit_is_respected(nb):
    assert len(nb.search("hippo", limit=2)) == 2
    assert ids(nb.search("hippo", limit=1)) == ["s1-child"]


def test_search_snippet_marks_the_match(nb):
    (hit,) = nb.search("tamagotchi")
    assert f"{SNIPPET_START}Tamagotchi{SNIPPET_END}" in hit.snippet
    (hit,) = nb.search("money")
    assert f"{SNIPPET_START}money{SNIPPET_END}" in hit.snippet
    assert hit.case_ref == "S-1"
    assert hit.kind == "partner_support"
    assert hit.title.startswith("Partner support")


def test_search_finds_text_in_addenda_tags_and_people_names(nb):
    assert ids(nb.search("tamagotchi")) == ["s1-child"]  # addendum
    assert ids(nb.search("court report")) == ["s1-old"]  # tag
    assert ids(nb.search("wiśniewski")) == ["s1-old"]  # person in the record
    assert ids(nb.search("Иванова")) == ["s1-child"]  # the child the record is about


def test_search_finds_an_addendum_added_after_finalising(nb):
    nb.add_addendum("s1-child", "Grandmother Zuzanna visited.")
    assert ids(nb.search("zuzanna")) == ["s1-child"]


def test_search_flags_late_entries(nb):
    late = {h.record_id: h.late for h in nb.search("hippo")}
    assert late == {"s1-old": False, "s1-partner": True, "s1-child": False, "s2-session": False}


def test_edited_draft_is_found_by_its_new_words_only(nb):
    nb.save_draft("s1-old", {"kind": "session", "event_at": "2026-01-05T10:00:00+00:00",
                             "fields": {"narrative": "Only about the xylophone now."}})  # fmt: skip
    assert ids(nb.search("xylophone")) == ["s1-old"]
    assert "s1-old" not in ids(nb.search("bedtime"))


def test_deleted_draft_is_not_found(nb):
    nb.delete_draft("s1-old")
    assert "s1-old" not in ids(nb.search("hippo"))


SYNTAX = ['"', "*", "-", "(", ")", "NEAR", "AND", "OR", "NOT", ":", "^", "+", "'", "{", "}",
          "[", "]", "body:", "folded:", "NEAR(", '"hippo', "hippo*", "-hippo", "\\", "%", "_",
          "\x00", "\u200f", "\u2018", "\u201c"]  # fmt: skip


@pytest.mark.parametrize("query", [*SYNTAX, "", "   ", '"""', "hippo AND", "NEAR(hippo toy)",
                                   "hippo OR", "(hippo", "hippo)", "body:hippo", "^hippo",
                                   'hippo"', "hip*po", "-", "a" * 5000])  # fmt: skip
def test_typed_syntax_characters_never_raise(nb, query):
    nb.search(query)
    nb.search(query, case_ref="S-1", kind="session")


def test_syntax_characters_around_words_are_just_text(nb):
    assert ids(nb.search('"hippo')) == ids(nb.search("hippo"))
    assert ids(nb.search("(hippo) -money")) == ["s1-partner"]
    assert ids(nb.search("NEAR(hippo)")) == []  # "near" is a word here, and no record has it


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)  # read-only: shared is fine
@given(st.lists(st.sampled_from([*SYNTAX, "hippo", " ", "é", "Ł", "ß", "🙂", "x"]), max_size=12)
       .map("".join) | st.text(max_size=40))  # fmt: skip
def test_any_typed_query_never_raises(nb, query):
    for hit in nb.search(query):
        assert hit.record_id in {"s1-old", "s1-partner", "s1-child", "s2-session"}
