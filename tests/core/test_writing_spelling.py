"""Spell-check in the core: dictionaries, known words, what is skipped, suggestions."""

from __future__ import annotations

import gc
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.paths import resource_dir
from casebook.writing import spelling
from casebook.writing.spelling import Speller


@pytest.fixture(scope="module")
def british() -> object:
    return spelling.load_dictionary("en_GB")


def words_flagged(speller: Speller, text: str) -> list[str]:
    return [text[start : start + length] for start, length in speller.misspelt(text)]


def test_british_english_is_the_default_and_american_english_can_be_chosen() -> None:
    found = spelling.available_dictionaries(system_dirs=())
    assert [d.code for d in found][:2] == ["en_GB", "en_US"]
    assert all(d.bundled for d in found)
    assert spelling.DEFAULT_DICTIONARY == "en_GB"


def test_a_misspelt_word_is_found_and_british_spellings_are_right(british: object) -> None:
    speller = Speller(british)
    text = "We recieved the organisation's colour chart; the color was wrong."
    assert words_flagged(speller, text) == ["recieved", "color"]


def test_american_dictionary_accepts_american_spelling() -> None:
    speller = Speller(spelling.load_dictionary("en_US"), "en_US")
    assert words_flagged(speller, "The color of the organization") == []


def test_names_of_the_case_people_are_known_words_in_every_part(british: object) -> None:
    speller = Speller(british)
    text = "Saw Zofia and Mary-Jane Nowakowska at Zofia's school; Ó Briain rang."
    assert "Zofia" in words_flagged(speller, text)
    speller.set_names(["Zofia Nowakowska", "Mary-Jane", "Aoife Ó Briain"])
    assert words_flagged(speller, text) == []


def test_words_with_digits_abbreviations_emails_and_addresses_are_skipped(
    british: object,
) -> None:
    speller = Speller(british)
    text = (
        "MAPPA and the PPU met at 10am in room B12; write to duty.tm@northvale.gov.uk "
        "or see https://example.org/xqzvk and www.qwzrt.org.uk"
    )
    assert words_flagged(speller, text) == []
    assert words_flagged(speller, "Xqzvk wrote") == ["Xqzvk"]


def test_personal_words_are_known_whatever_their_case(british: object) -> None:
    speller = Speller(british)
    assert words_flagged(speller, "Sorted by Kinship Plus.") == []
    assert words_flagged(speller, "The Qwerk group") == ["Qwerk"]
    speller.add_personal_word("qwerk")
    assert words_flagged(speller, "The Qwerk group and QWERK") == []


def test_practice_words_the_dictionaries_lack_are_known(british: object) -> None:
    speller = Speller(british)
    assert words_flagged(speller, "Her wellbeing and co-parenting; minimisation noted.") == []


def test_typographic_apostrophes_and_possessives_are_read_as_plain_ones(british: object) -> None:
    speller = Speller(british)
    assert (
        words_flagged(
            speller, "The children\u2019s worker didn\u2019t come; the parents\u2019 view."
        )
        == []
    )


def test_suggestions_offer_the_correction(british: object) -> None:
    speller = Speller(british)
    assert speller.suggestions("practioner")[0] == "practitioner"
    assert "receive" in speller.suggestions("recieve")


def test_reading_a_dictionary_closes_its_files() -> None:
    stem = resource_dir("dictionaries") / "en_US"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        dictionary = spelling._read(stem)
        gc.collect()
    assert dictionary.lookup("color")
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []


def test_an_unknown_dictionary_is_refused() -> None:
    with pytest.raises(LookupError):
        spelling.load_dictionary("xx_XX")


def test_system_dictionaries_are_offered_after_the_bundled_ones(tmp_path: Path) -> None:
    for suffix in (".dic", ".aff"):
        (tmp_path / f"cy_GB{suffix}").write_text("")
    found = spelling.available_dictionaries(system_dirs=[tmp_path])
    assert [d.code for d in found] == ["en_GB", "en_US", "cy_GB"]
    assert found[-1].label == "Welsh" and not found[-1].bundled


@given(
    st.lists(st.sampled_from(["the", "practioner", "Lily's", "B12", "MAPPA", "x@y.org", "colour",
                              "recieve", "\n", "well-being", "a"]), min_size=400, max_size=600),
    st.integers(min_value=0, max_value=10_000),
    st.text(alphabet="abc zq'-\n", max_size=12),
    st.integers(min_value=0, max_value=8),
)  # fmt: skip
@settings(max_examples=150, deadline=None)
def test_rechecking_only_around_a_change_gives_the_same_answer_as_checking_everything(
    words: list[str], at: int, typed: str, deleted: int
) -> None:
    speller = Speller(spelling.load_dictionary("en_GB"), names=["Lily Smith"])
    old = " ".join(words)
    at = at % (len(old) + 1)
    new = old[:at] + typed + old[at + deleted :]
    previous = (old, speller.misspelt(old))
    assert speller.misspelt(new, previous) == speller.misspelt(new)
