"""Search: words as typed (any script, any syntax characters), prefixes, newest first."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.domain import SNIPPET_END, SNIPPET_START

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
    empty_notebook.interchange.import_document(SEARCH_DOC)
    return empty_notebook


def ids(hits) -> list[str]:
    return [h.record_id for h in hits]


def test_search_finds_words_by_prefix(nb):
    assert set(ids(nb.records.search("hippo"))) == {
        "s1-old",
        "s1-partner",
        "s1-child",
        "s2-session",
    }
    assert ids(nb.records.search("tamago")) == ["s1-child"]


def test_search_is_case_insensitive(nb):
    assert ids(nb.records.search("HIPPOPOTAMUS")) == ids(nb.records.search("hippopotamus"))
    assert ids(nb.records.search("BedTime")) == ["s1-old"]


def test_search_ignores_diacritics_so_nguyen_finds_nguyen_with_accents(nb):
    assert ids(nb.records.search("nguyen")) == ["s1-partner"]
    assert ids(nb.records.search("Nguyễn")) == ["s1-partner"]
    assert ids(nb.records.search("van an")) == ["s1-partner"]


def test_search_folds_letters_like_l_with_stroke_so_lukasz_finds_lukasz(nb):
    assert ids(nb.records.search("lukasz")) == ["s1-old"]
    assert ids(nb.records.search("Łukasz")) == ["s1-old"]
    assert ids(nb.records.search("wisniewski")) == ["s1-old"]
    assert set(ids(nb.records.search("soren"))) == {"s2-session"}
    assert ids(nb.records.search("odegard")) == []  # Søren Ødegård is in no record


def test_search_finds_cyrillic_names_in_any_case(nb):
    assert set(ids(nb.records.search("ольга"))) == {"s1-child", "s2-session"}
    assert set(ids(nb.records.search("ОЛЬГА"))) == {"s1-child", "s2-session"}
    assert ids(nb.records.search("иван")) == ["s1-child"]


def test_search_requires_every_word(nb):
    assert ids(nb.records.search("hippo money")) == ["s1-partner"]
    assert ids(nb.records.search("hippo nothingmatches")) == []


def test_search_results_are_newest_first_across_offsets(nb):
    hits = nb.records.search("hippo")
    # 2026-03-01T14:00Z, 2026-02-20T15:00Z, 2026-02-10T09:00Z, 2026-01-05T10:00Z
    assert ids(hits) == ["s1-child", "s2-session", "s1-partner", "s1-old"]


def test_search_filters_by_case_and_kind(nb):
    assert set(ids(nb.records.search("hippo", case_ref="S-1"))) == {
        "s1-old",
        "s1-partner",
        "s1-child",
    }
    assert ids(nb.records.search("hippo", case_ref="S-2")) == ["s2-session"]
    assert set(ids(nb.records.search("hippo", kind="session"))) == {"s1-old", "s2-session"}
    assert ids(nb.records.search("hippo", case_ref="S-1", kind="session")) == ["s1-old"]
    assert ids(nb.records.search("hippo", kind="partner_support")) == ["s1-partner"]


def test_a_hit_found_by_a_name_shows_a_snippet_of_the_text_not_the_title_and_names(nb):
    (hit,) = nb.records.search("lukasz")
    assert hit.title == "Session"
    assert "Łukasz" not in hit.snippet and "court report" not in hit.snippet
    assert hit.snippet.startswith("Discussed the Hippopotamus drawing")
    (hit,) = nb.records.search("nguyen worried")
    assert hit.snippet.count("Nguyễn") == 0
    assert f"{SNIPPET_START}Worried{SNIPPET_END} about the hippo" in hit.snippet


def test_a_title_name_or_tag_is_still_found_after_the_index_moved_them_apart(nb):
    assert ids(nb.records.search("court rep")) == ["s1-old"]
    assert "s1-partner" in ids(nb.records.search("partner support"))


def test_a_choice_is_found_but_a_snippet_never_starts_with_it(nb):
    hits = {h.record_id: h for h in nb.records.search("drawing")}
    assert set(hits) == {"s1-old", "s1-child"}  # the text's word; the activity chosen
    assert hits["s1-child"].snippet.startswith("I drew a hippopotamus")
    assert "Drawing" not in hits["s1-child"].snippet
    assert f"{SNIPPET_START}drawing{SNIPPET_END}" in hits["s1-old"].snippet
    (hit,) = nb.records.search("phone worried")
    assert "Phone" not in hit.snippet


def test_a_snippet_keeps_to_the_part_of_the_record_that_holds_its_match(nb):
    (hit,) = nb.records.search("garden")
    assert hit.snippet == f"I drew a hippopotamus in the {SNIPPET_START}garden{SNIPPET_END}"
    (hit,) = nb.records.search("tamagotchi")
    assert "garden" not in hit.snippet and "\n" not in hit.snippet


def test_a_snippet_takes_the_line_with_most_matches_and_leaves_one_without_any():
    from casebook.search import part_snippet

    one, two = f"{SNIPPET_START}safety{SNIPPET_END}", f"{SNIPPET_START}plan{SNIPPET_END}"
    snippet = f"…a {one} net\nThe {one} {two}, signed\nNext…"
    assert part_snippet(snippet) == f"The {one} {two}, signed"
    assert part_snippet(f"…the {two}\nAnd the {two}.") == f"…the {two}"
    assert part_snippet("Office\nSettled and calm…") == "Office\nSettled and calm…"


def test_search_limit_is_respected(nb):
    assert len(nb.records.search("hippo", limit=2)) == 2
    assert ids(nb.records.search("hippo", limit=1)) == ["s1-child"]


def test_search_snippet_marks_the_match(nb):
    (hit,) = nb.records.search("tamagotchi")
    assert f"{SNIPPET_START}Tamagotchi{SNIPPET_END}" in hit.snippet
    (hit,) = nb.records.search("money")
    assert f"{SNIPPET_START}money{SNIPPET_END}" in hit.snippet
    assert hit.case_ref == "S-1"
    assert hit.kind == "partner_support"
    assert hit.title.startswith("Partner support")


def test_search_finds_text_in_addenda_tags_and_people_names(nb):
    assert ids(nb.records.search("tamagotchi")) == ["s1-child"]  # addendum
    assert ids(nb.records.search("court report")) == ["s1-old"]  # tag
    assert ids(nb.records.search("wiśniewski")) == ["s1-old"]  # person in the record
    assert ids(nb.records.search("Иванова")) == ["s1-child"]  # the child the record is about


def test_search_finds_an_addendum_added_after_finalising(nb):
    nb.records.add_addendum("s1-child", "Grandmother Zuzanna visited.")
    assert ids(nb.records.search("zuzanna")) == ["s1-child"]


def test_search_flags_late_entries(nb):
    late = {h.record_id: h.late for h in nb.records.search("hippo")}
    assert late == {"s1-old": False, "s1-partner": True, "s1-child": False, "s2-session": False}


def test_edited_draft_is_found_by_its_new_words_only(nb):
    nb.records.save_draft("s1-old", {"kind": "session", "event_at": "2026-01-05T10:00:00+00:00",
                             "fields": {"narrative": "Only about the xylophone now."}})  # fmt: skip
    assert ids(nb.records.search("xylophone")) == ["s1-old"]
    assert "s1-old" not in ids(nb.records.search("bedtime"))


def test_deleted_draft_is_not_found(nb):
    nb.records.delete_draft("s1-old")
    assert "s1-old" not in ids(nb.records.search("hippo"))


SYNTAX = ['"', "*", "-", "(", ")", "NEAR", "AND", "OR", "NOT", ":", "^", "+", "'", "{", "}",
          "[", "]", "body:", "folded:", "NEAR(", '"hippo', "hippo*", "-hippo", "\\", "%", "_",
          "\x00", "\u200f", "\u2018", "\u201c"]  # fmt: skip


@pytest.mark.parametrize("query", [*SYNTAX, "", "   ", '"""', "hippo AND", "NEAR(hippo toy)",
                                   "hippo OR", "(hippo", "hippo)", "body:hippo", "^hippo",
                                   'hippo"', "hip*po", "-", "a" * 5000])  # fmt: skip
def test_typed_syntax_characters_never_raise(nb, query):
    nb.records.search(query)
    nb.records.search(query, case_ref="S-1", kind="session")


def test_syntax_characters_around_words_are_just_text(nb):
    assert ids(nb.records.search('"hippo')) == ids(nb.records.search("hippo"))
    assert ids(nb.records.search("(hippo) -money")) == ["s1-partner"]
    assert (
        ids(nb.records.search("NEAR(hippo)")) == []
    )  # "near" is a word here, and no record has it


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)  # read-only: shared is fine
@given(st.lists(st.sampled_from([*SYNTAX, "hippo", " ", "é", "Ł", "ß", "🙂", "x"]), max_size=12)
       .map("".join) | st.text(max_size=40))  # fmt: skip
def test_any_typed_query_never_raises(nb, query):
    for hit in nb.records.search(query):
        assert hit.record_id in {"s1-old", "s1-partner", "s1-child", "s2-session"}


# -- every script (issue 12, item 19) -------------------------------------------------------------

SCRIPTS_DOC = {
    "format": "casebook/1",
    "cases": [
        {
            "ref": "W-1",
            "people": [{"key": "c", "name": "王小明", "role": "child"},
                       {"key": "m", "name": "Lily Wang", "role": "partner"}],
            "records": [
                {"id": "zh", "kind": "child_work", "event_at": "2026-04-01T10:00:00+08:00",
                 "people": ["c"],
                 "fields": {"child": "c", "observations": "今天王小明和妈妈一起画画。"}},
                {"id": "zh-lily", "kind": "session", "event_at": "2026-04-02T10:00:00+00:00",
                 "people": ["m"], "fields": {"narrative": "Lily said 小明 sleeps well now."}},
                {"id": "ja", "kind": "session", "event_at": "2026-04-03T10:00:00+09:00",
                 "fields": {"narrative": "田中さんは毎朝学校に行きました。"}},
                {"id": "ko", "kind": "session", "event_at": "2026-04-04T10:00:00+09:00",
                 "fields": {"narrative": "김철수가 오늘 학교에 갔다."}},
                {"id": "th", "kind": "session", "event_at": "2026-04-05T10:00:00+07:00",
                 "fields": {"narrative": "วันนี้น้องมะลิไปโรงเรียนกับแม่"}},
                {"id": "ar-hamza", "kind": "session", "event_at": "2026-04-06T10:00:00+03:00",
                 "fields": {"narrative": "زارت فاطمة الأحمد المدرسة مع إبراهيم وأختها آمنة."}},
                {"id": "ar-plain", "kind": "session", "event_at": "2026-04-07T10:00:00+03:00",
                 "fields": {"narrative": "اتصل مصطفى الاحمد مع عـــلي بخصوص مُحَمَّد."}},
                {"id": "hi-river", "kind": "session", "event_at": "2026-04-08T10:00:00+05:30",
                 "fields": {"narrative": "हम नदी देखते हैं"}},
                {"id": "hi-lang", "kind": "session", "event_at": "2026-04-09T10:00:00+05:30",
                 "fields": {"narrative": "वह हिन्दी बोलती है"}},
            ],
        }
    ],
}  # fmt: skip


@pytest.fixture
def scripts(empty_notebook):
    empty_notebook.interchange.import_document(SCRIPTS_DOC)
    return empty_notebook


def test_search_finds_a_chinese_name_inside_a_sentence(scripts):
    assert set(ids(scripts.records.search("小明"))) == {"zh", "zh-lily"}
    assert ids(scripts.records.search("王小明")) == ["zh"]
    assert ids(scripts.records.search("明和妈妈")) == ["zh"]  # any substring of the running text
    assert ids(scripts.records.search("王明")) == []  # not a substring
    assert ids(scripts.records.search("小红")) == []


def test_search_finds_one_and_two_character_chinese_queries(scripts):
    assert set(ids(scripts.records.search("明"))) == {"zh", "zh-lily"}
    assert ids(scripts.records.search("画画")) == ["zh"]
    assert ids(scripts.records.search("妈")) == ["zh"]
    assert ids(scripts.records.search("。")) == []  # punctuation is no word


def test_search_finds_japanese_and_korean_words_inside_sentences(scripts):
    assert ids(scripts.records.search("学校")) == ["ja"]
    assert ids(scripts.records.search("田中さん")) == ["ja"]
    assert ids(scripts.records.search("철수")) == ["ko"]  # the given name inside 김철수가
    assert ids(scripts.records.search("학교")) == ["ko"]


def test_search_finds_a_thai_word_inside_a_sentence(scripts):
    assert ids(scripts.records.search("โรงเรียน")) == ["th"]  # school
    assert ids(scripts.records.search("มะลิ")) == ["th"]  # a child's name
    assert ids(scripts.records.search("โรงพยาบาล")) == []  # hospital


def test_search_mixes_scripts_and_needs_every_word(scripts):
    assert ids(scripts.records.search("lily 小明")) == ["zh-lily"]
    assert ids(scripts.records.search("lily 学校")) == []


def test_search_snippet_marks_a_match_inside_running_text(scripts):
    (hit,) = scripts.records.search("一起画")
    assert f"{SNIPPET_START}一起画{SNIPPET_END}" in hit.snippet
    (hit,) = scripts.records.search("โรงเรียน")
    assert f"{SNIPPET_START}โรงเรียน{SNIPPET_END}" in hit.snippet


@pytest.mark.parametrize(
    "query, found",
    [("الاحمد", {"ar-hamza", "ar-plain"}), ("الأحمد", {"ar-hamza", "ar-plain"}),
     ("ابراهيم", {"ar-hamza"}), ("آمنه", {"ar-hamza"}), ("فاطمه", {"ar-hamza"}),
     ("فاطمة", {"ar-hamza"}), ("مصطفي", {"ar-plain"}), ("علي", {"ar-plain"}),
     ("محمد", {"ar-plain"}), ("مُحَمَّد", {"ar-plain"}), ("مـحـمـد", {"ar-plain"})],
    ids=["alef for hamza alef", "hamza alef for alef", "alef for hamza below",
         "alef for madda, ha for ta marbuta", "ha for ta marbuta", "ta marbuta as written",
         "ya for alef maqsura", "word written with tatweel", "word written with harakat",
         "query with harakat", "query with tatweel"],
)  # fmt: skip
def test_search_folds_arabic_spelling_variants_both_ways(scripts, query, found):
    assert set(ids(scripts.records.search(query))) == found


def test_search_keeps_words_with_combining_marks_whole(scripts):
    # Devanagari vowel signs are marks: a word must not fall apart into its letters.
    assert ids(scripts.records.search("हिन्दी")) == ["hi-lang"]
    assert ids(scripts.records.search("नदी")) == ["hi-river"]


def test_version_1_notebook_is_indexed_again_for_every_script(tmp_path):
    import shutil
    from pathlib import Path

    from casebook.schema import SCHEMA_VERSION, SEARCH_REBUILD_SETTING
    from casebook.service import Notebook

    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "v1" / "demo-v1.casebook"
    folder = shutil.copytree(fixture, tmp_path / "demo-v1.casebook")
    with Notebook.open(folder, "correct horse battery staple") as nb:
        db = nb.database
        assert db.query_one("PRAGMA user_version")[0] == SCHEMA_VERSION
        assert nb.settings.get(SEARCH_REBUILD_SETTING) is None
        records = db.query_one("SELECT count(*) FROM records")[0]
        assert db.query_one("SELECT count(*) FROM search_index")[0] == records > 0
        assert db.query_one("SELECT count(*) FROM search_keys")[0] == records
        haddad = set(ids(nb.records.search("محمد حداد")))
        assert haddad and haddad == set(ids(nb.records.search("مُحَمَّد حَدّاد")))
        ref = nb.cases.list()[0].ref
        nb.people.add(ref, "王小明", "child")
        record = nb.records.create(ref, {"kind": "session", "event_at": "2026-12-01T10:00:00Z",
                                        "fields": {"narrative": "王小明今天很开心。"}})  # fmt: skip
        assert ids(nb.records.search("小明")) == [record.id]


def test_snippets_of_long_unsegmented_text_stay_short(empty_notebook):
    text = "今天" * 600 + " Lily " + "开心" * 600
    importer = empty_notebook.interchange
    importer.import_document({"format": "casebook/1", "cases": [{"ref": "L-1", "records": [
        {"kind": "session", "event_at": "2026-04-01T10:00:00+08:00",
         "fields": {"narrative": text}}]}]})  # fmt: skip
    for query, match in (("lily", "Lily"), ("天今", "天今"), ("心开心", "心开心")):
        (hit,) = empty_notebook.records.search(query)
        shown = hit.snippet.replace(SNIPPET_START, "").replace(SNIPPET_END, "")
        assert len(shown) <= 170, query
        assert hit.snippet.count(SNIPPET_START) == hit.snippet.count(SNIPPET_END) >= 1
        assert f"{SNIPPET_START}{match}{SNIPPET_END}" in hit.snippet


def test_every_character_segmented_as_cjk_or_thai_is_a_letter_digit_or_mark():
    """The grams column only holds what unicode61 keeps in a token, so a bigram is
    always one token and phrase positions line up."""
    import sys
    import unicodedata

    from casebook.search import _UNSEGMENTED

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or not _UNSEGMENTED.fullmatch(char):
            continue
        category = unicodedata.category(char)
        assert category[0] in "LN" or category in ("Mn", "Mc", "Cn"), (hex(code), category)


def test_an_upgrade_that_indexes_every_record_again_reports_its_progress(tmp_path):
    import shutil
    from pathlib import Path

    from casebook.service import Notebook

    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "v1" / "demo-v1.casebook"
    folder = shutil.copytree(fixture, tmp_path / "demo-v1.casebook")
    heard: list[tuple[int, int]] = []
    with Notebook.open(
        folder, "correct horse battery staple", progress=lambda *a: heard.append(a)
    ) as nb:
        records = nb.database.query_one("SELECT count(*) FROM records")[0]
    assert heard[0] == (0, records) and heard[-1] == (records, records)
    assert [done for done, _ in heard] == sorted(done for done, _ in heard)
    heard.clear()
    with Notebook.open(folder, "correct horse battery staple", progress=lambda *a: heard.append(a)):
        pass
    assert heard == []  # once


def test_the_cli_says_once_that_an_unlock_indexes_every_record_again(cli, tmp_path):
    import shutil
    from pathlib import Path

    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "v1" / "demo-v1.casebook"
    folder = shutil.copytree(fixture, tmp_path / "demo-v1.casebook")
    secret = "correct horse battery staple"
    rc, out, err = cli.nb(folder, "search", "Zofia", passphrase=secret)
    assert rc == 0, err
    assert "Updating the search index for this version of Casebook (once)" in err
    assert "Zofia" in out  # and the search found what it should
    rc, _, err = cli.nb(folder, "search", "Zofia", passphrase=secret)
    assert rc == 0 and "Updating the search index" not in err
