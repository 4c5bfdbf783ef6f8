"""Every script prints: fallback fonts for Thai, Chinese, Japanese, Korean and emoji, and a
visible marker (reported before signing) for what no bundled font can draw."""

from __future__ import annotations

import subprocess
from pathlib import Path

import summary_samples as samples

from casebook import paths
from casebook.summary import fonts, render_summary_pdf
from casebook.summary.fonts import (
    CJK,
    FALLBACK,
    REGULAR,
    SYMBOLS,
    THAI,
    FontCoverage,
    register_fonts,
    to_unicode_cmap,
)
from casebook.summary.review import undrawable_characters
from casebook.summary.text import marker, to_markup, undrawable

CHILD = "王小明"
THAI_SENTENCE = "สวัสดีครับ วันนี้ฉันมีความสุข"
KOREAN = "김민준"
JAPANESE = "さくら"
EMOJI = ["😀", "👋", "❤", "😢", "🙂", "🐶", "⚽"]
# Unicode 14 (2021): in none of the bundled fonts.
MELTING_FACE = "\U0001fae0"
REPO = Path(__file__).resolve().parents[2]


def _text(pdf: bytes, tmp_path: Path) -> str:
    return samples.poppler("pdftotext", "-enc", "UTF-8", data=pdf, tmp_path=tmp_path)


def _summary_in_many_scripts() -> dict:
    data = samples.summary()
    case = data["cases"][0]
    case["people"][3]["name"] = CHILD
    case["records"][0]["fields"]["childs_words"] = [f"I felt {EMOJI[3]} and then {EMOJI[4]}"]
    return samples.with_records(
        data,
        0,
        [
            f"{CHILD} drew his house and said: {THAI_SENTENCE}",
            f"Korean name {KOREAN}, Japanese name {JAPANESE}",
            "Smiled " + " and ".join(EMOJI),
            f"Unknown to every font: {MELTING_FACE} here",
        ],
    )


def test_a_chinese_name_a_thai_sentence_and_emoji_come_out_of_the_pdf_as_typed(
    tmp_path: Path,
) -> None:
    text = _text(render_summary_pdf(_summary_in_many_scripts()), tmp_path)
    for typed in [CHILD, THAI_SENTENCE, KOREAN, JAPANESE, *EMOJI]:
        assert typed in text, typed
    assert "\ufffd" not in text


def test_bold_and_italic_text_in_other_scripts_is_drawn_too(tmp_path: Path) -> None:
    data = _summary_in_many_scripts()
    record = data["cases"][0]["records"][0]
    record["title"] = f"Direct work with {CHILD} {THAI_SENTENCE} {EMOJI[0]}"  # bold heading
    record["fields"]["childs_words"] = [f"{CHILD} {THAI_SENTENCE} {EMOJI[1]}"]  # italic quote
    text = _text(render_summary_pdf(data), tmp_path)
    assert f"Direct work with {CHILD} {THAI_SENTENCE} {EMOJI[0]}" in text
    assert f"{CHILD} {THAI_SENTENCE} {EMOJI[1]}" in text


def test_a_character_no_font_draws_shows_as_a_visible_code_point_marker(tmp_path: Path) -> None:
    text = _text(render_summary_pdf(_summary_in_many_scripts()), tmp_path)
    assert "Unknown to every font: [U+1FAE0] here" in text
    assert MELTING_FACE not in text


def test_the_characters_a_summary_cannot_draw_are_known_before_it_is_signed() -> None:
    data = _summary_in_many_scripts()
    data["cases"][0]["records"][0]["fields"]["worries"] = "Devanagari क and again \U0001fae0"
    assert undrawable_characters(data) == ["\u0915", MELTING_FACE]
    assert undrawable_characters(samples.summary()) == []


def test_reflections_left_out_of_a_summary_are_not_reported_as_undrawable() -> None:
    data = samples.summary(include_reflections=False)
    data["reflections"] = [{"written_at": "2026-03-16T19:00:00+00:00", "text": MELTING_FACE}]
    assert undrawable_characters(data) == []
    data["include_reflections"] = True
    assert undrawable_characters(data) == [MELTING_FACE]


def test_invisible_joiners_and_selectors_are_not_reported_as_undrawable() -> None:
    coverage = register_fonts()
    assert undrawable("family 👨\u200d👩\u200d👧 heart ❤\ufe0f", coverage) == set()


def test_each_script_is_drawn_in_a_face_that_has_it() -> None:
    coverage = register_fonts()
    assert coverage.face_for(REGULAR, "a") == REGULAR
    assert coverage.face_for(REGULAR, "ส") == THAI
    assert coverage.face_for(REGULAR, "王") == CJK
    assert coverage.face_for(REGULAR, "김") == CJK
    assert coverage.face_for(REGULAR, "👋") == SYMBOLS
    assert coverage.face_for(REGULAR, MELTING_FACE) is None


def test_markup_switches_faces_per_character_and_marks_what_no_face_has() -> None:
    coverage = FontCoverage(
        {REGULAR: frozenset(map(ord, "ab []U+0123456789ABCDEF")), FALLBACK: frozenset(),
         THAI: frozenset({ord("ส")}), CJK: frozenset({ord("王")}), SYMBOLS: frozenset({0x1F44B})}
    )  # fmt: skip
    markup = to_markup("a王ส👋b\U0001fae0", REGULAR, coverage)
    assert markup == (
        f'a<font face="{CJK}">王</font><font face="{THAI}">ส</font>'
        f'<font face="{SYMBOLS}">👋</font>b[U+1FAE0]'
    )
    assert marker("\u0915") == "[U+0915]"


def test_to_unicode_maps_characters_beyond_the_basic_plane_as_surrogate_pairs() -> None:
    cmap = to_unicode_cmap("AAAAAA+Symbola", [0x20, 0x1F600, 0x2764])
    assert "<00> <0020>" in cmap
    assert "<01> <D83DDE00>" in cmap
    assert "<02> <2764>" in cmap
    assert "<02> <02>" not in cmap and "3 beginbfchar" in cmap


def test_the_to_unicode_map_is_reportlabs_own_for_the_basic_plane() -> None:
    from reportlab.pdfbase import ttfonts

    register_fonts()
    assert ttfonts.makeToUnicodeCMap is to_unicode_cmap  # reportlab 5.1 needs the fix
    (reportlab_own,) = fonts._REPORTLAB_TO_UNICODE
    subset = [0x20, 0x41, 0xE9, 0x5C0F, 0xFFFD]
    assert to_unicode_cmap("AAAAAA+X", subset) == reportlab_own("AAAAAA+X", subset)


def test_every_bundled_font_has_truetype_outlines_and_its_licence_beside_it() -> None:
    fonts_dir = paths.resource_dir("fonts")
    fonts = sorted(fonts_dir.glob("*.ttf"))
    assert {p.name for p in fonts} >= {
        "DroidSansFallback.ttf", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf",
        "Symbola_hint.ttf",
    }  # fmt: skip
    licences = " ".join(p.read_text(encoding="utf-8") for p in fonts_dir.glob("LICENSE-*.txt"))
    for font in fonts:
        header = font.read_bytes()[:12]
        assert header[:4] == b"\x00\x01\x00\x00", font.name  # TrueType, not CFF ("OTTO")
        assert font.name in licences or font.name.startswith("DejaVuSans"), font.name
    assert sum(p.stat().st_size for p in fonts) < 12 * 1024 * 1024


def test_a_summary_in_many_scripts_renders_a_page_with_visible_glyphs(tmp_path: Path) -> None:
    pdf = render_summary_pdf(_summary_in_many_scripts())
    path = tmp_path / "scripts.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    for name in ("DroidSansFallback", "NotoSansThai", "Symbola"):
        assert name in fonts.stdout
