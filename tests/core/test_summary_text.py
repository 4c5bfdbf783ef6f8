"""User text on its way to reportlab markup: the fast paths say the same as the slow."""

from __future__ import annotations

import sys
import unicodedata

from casebook.summary import text as summary_text
from casebook.summary.fonts import FALLBACK, REGULAR, FontCoverage
from casebook.summary.text import clean_text, to_markup

REPLACEMENT = "\ufffd"


def test_every_right_to_left_character_is_in_the_quick_check_ranges() -> None:
    missed = [
        hex(point)
        for point in range(sys.maxunicode + 1)
        if not 0xD800 <= point <= 0xDFFF
        and unicodedata.bidirectional(chr(point)) in ("R", "AL")
        and not summary_text._MAYBE_RTL.match(chr(point))
    ]
    assert missed == []


def test_control_characters_and_lone_surrogates_become_replacement_characters() -> None:
    controls = [chr(p) for p in range(0x110000) if unicodedata.category(chr(p)) == "Cc"]
    for char in controls:
        expected = {"\n": "\n", "\t": " ", "\r": "\n", "\x85": "\n"}.get(char, REPLACEMENT)
        assert clean_text(f"a{char}b") == f"a{expected}b", hex(ord(char))
    assert clean_text("a\ud800b\udfffc") == f"a{REPLACEMENT}b{REPLACEMENT}c"
    assert clean_text("e\u0301 \u2028x\u2029y") == "é \nx\n\ny"


def test_text_the_face_draws_entirely_is_only_escaped() -> None:
    coverage = FontCoverage({REGULAR: frozenset(map(ord, "ab<&>\n "))})
    assert to_markup("a<b>&\nb", REGULAR, coverage) == "a&lt;b&gt;&amp;<br/>b"


def test_characters_no_face_has_become_visible_markers_even_beside_covered_ones() -> None:
    coverage = FontCoverage(
        {REGULAR: frozenset(map(ord, "ab[]U+0123456789ABCDEF")) | {0x1F600}, FALLBACK: frozenset()}
    )
    # An emoji beyond U+FFFF is drawn when the face has it (its ToUnicode entry is fixed).
    assert to_markup("a\U0001f600b", REGULAR, coverage) == "a\U0001f600b"
    assert to_markup("aqb", REGULAR, coverage) == "a[U+0071]b"
    assert REPLACEMENT not in to_markup("a\U0001f972b", REGULAR, coverage)
