# ruff: noqa: RUF001
"""The summary PDF: contents, layout, text-as-data, metadata and size."""

from __future__ import annotations

import copy
import io
import logging
import re
import time
from pathlib import Path
from typing import Any

import pytest
import summary_samples as samples

from casebook.signing import create_identity, sign_pdf, verify_pdf
from casebook.summary import RedactionError, render_summary_pdf
from casebook.summary.text import chunk_text, visual_order


def _text(pdf: bytes, tmp_path: Path) -> str:
    return samples.poppler("pdftotext", "-enc", "UTF-8", data=pdf, tmp_path=tmp_path)


def _pages(pdf: bytes, tmp_path: Path) -> int:
    info = samples.poppler("pdfinfo", data=pdf, tmp_path=tmp_path)
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert match, info
    return int(match.group(1))


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return render_summary_pdf(samples.summary())


def test_summary_shows_cover_people_chronology_actions_and_records(
    sample_pdf: bytes, tmp_path: Path
) -> None:
    text = _text(sample_pdf, tmp_path)
    expected = [
        "Case summary",
        "Confidential: contains special category personal data",
        "Ruth Adeyemi", "Senior practitioner", "Northfield Family Safeguarding Service",
        "1 Mar 2026 to 31 Mar 2026", "23 Nov 2026, 10:00 UTC",
        "entry 4127", samples.AUDIT_HEAD["hash"],
        "People", "Chronology", "Open and overdue actions", "Records",
        "Jane Smith", "GP: Dr Patel, Oak Surgery",
        "Direct work with Lily — Three Houses",
        "I miss my dad but I don't want him to be sad",
        "DISCLOSURE", "Daddy said it was our secret game",
        "Duty social worker, Northfield MASH",
        "RISK-TO-SELF SCREEN", "HIGH", "Denial", "Minimisation", "Victim-blaming",
        "LATE ENTRY", "DRAFT", "Draft: not finalised",
        "content hash (SHA-256)",
        "5b0d2c8f9e7a41f2b1d1f0c9a3e6b7d8c2f4a6e8b0d2c4f6a8e0b2d4c6f8a0b2",
        "ADDENDUM", "MASH reference 26/0412",
        "lily_three_houses.jpg",
        "Overdue by", "Refer to Good Lives programme",
    ]  # fmt: skip
    missing = [item for item in expected if item not in text]
    assert not missing


def test_every_page_is_numbered_page_n_of_m(sample_pdf: bytes, tmp_path: Path) -> None:
    pages = _pages(sample_pdf, tmp_path)
    text = _text(sample_pdf, tmp_path)
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages}" in text


def test_case_pages_carry_the_case_reference_in_their_header(
    sample_pdf: bytes, tmp_path: Path
) -> None:
    second_page = samples.poppler(
        "pdftotext", "-f", "2", "-l", "2", data=sample_pdf, tmp_path=tmp_path
    )
    assert "C-1042 · Family A" in second_page
    assert "CONFIDENTIAL" in second_page


def test_outline_has_an_entry_for_each_case_and_record(sample_pdf: bytes) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    root = PdfFileReader(io.BytesIO(sample_pdf)).root
    titles: list[str] = []

    def walk(node: Any) -> None:
        while node is not None:
            node = node.get_object()
            titles.append(str(node["/Title"]))
            if "/First" in node:
                walk(node["/First"])
            node = node.get("/Next")

    walk(root["/Outlines"]["/First"])
    assert "C-1042 · Family A" in titles
    assert "4 Mar 2026 · Direct work with Lily — Three Houses" in titles
    assert "16 Mar 2026 · Assessment session with Mark" in titles
    assert len(titles) == 1 + 1 + 3  # cover, case, three records


def test_reflections_appear_only_when_asked_for(tmp_path: Path) -> None:
    without = _text(render_summary_pdf(samples.summary()), tmp_path)
    with_them = _text(render_summary_pdf(samples.summary(include_reflections=True)), tmp_path)
    assert "booked extra supervision" not in without
    assert "Reflective log" in with_them
    assert "booked extra supervision" in with_them


def test_markup_typed_by_users_appears_literally(tmp_path: Path) -> None:
    typed = [
        "<b>bold?</b>",
        '<img src="x"/>',
        "<img src=x>",
        '<font color="red" size="40">',
        "Tom & Jerry &amp; &lt;co&gt;",
        "<para unclosed",
        "<br/> and <br> and </p>",
        "<a href='javascript:alert(1)'>link</a>",
        "a < b > c",
    ]
    data = samples.with_records(samples.summary(), 0, typed)
    data["cases"][0]["records"][0]["fields"]["childs_words"] = ["<i>not italic</i> & <u>"]
    data["cases"][0]["records"][0]["title"] = "Title with <b>tags</b> & more"
    # pdftotext drops the spaces around "<" and ">" (even for Helvetica), so
    # compare without whitespace: every character must be there, in order.
    text = "".join(_text(render_summary_pdf(data), tmp_path).split())
    for value in [*typed, "<i>not italic</i> & <u>", "Title with <b>tags</b> & more"]:
        assert "".join(value.split()) in text


def test_newlines_typed_by_users_become_line_breaks(tmp_path: Path) -> None:
    data = samples.with_records(samples.summary(), 0, ["first line\nsecond line\r\nthird line"])
    text = _text(render_summary_pdf(data), tmp_path)
    assert re.search(r"first line\s*\n\s*second line\s*\n\s*third line", text)


def test_unicode_names_appear_in_extracted_text(tmp_path: Path) -> None:
    # "שלום" and "مريم" read differently backwards: they prove logical order.
    names = ["Łukasz", "Nguyễn", "Ольга", "Ελένη", "محمد", "مريم", "דוד", "שלום", "Zoë", "Şükrü"]
    data = samples.summary()
    data["cases"][0]["people"][3]["name"] = " ".join(names[:3])
    data = samples.with_records(data, 0, [f"Spoke with {n} today." for n in names])
    text = _text(render_summary_pdf(data), tmp_path)
    for name in names:
        assert name in text


def test_right_to_left_runs_are_drawn_in_visual_order() -> None:
    assert visual_order("Mum said שלום דוד today") == "Mum said דוד םולש today"
    assert visual_order("plain text") == "plain text"
    assert visual_order("אמר 123 מילים") == "םילימ 123 רמא"


def test_emoji_and_control_characters_do_not_crash(tmp_path: Path) -> None:
    odd = [
        "Smiled 😀 and waved 👋🏽; family 👨‍👩‍👧; flag 🇬🇧; heart ❤️",
        "nul\x00 bell\x07 vertical\x0btab\tform\x0cfeed",
        "lone surrogate \ud800 here",
        "right-to-left override \u202e olleh \u202c end",
        "combining e\u0301 and zero-width\u200bspace and soft\u00adhyphen",
        "CJK 王小明 and math 𝔸",
    ]
    data = samples.with_records(samples.summary(), 0, odd)
    data["cases"][0]["records"][0]["fields"]["childs_words"] = ["I felt 😢 and 🙂"]
    text = _text(render_summary_pdf(data), tmp_path)
    assert "Smiled" in text
    assert "waved" in text
    assert "\ufffd" in text
    assert "I felt" in text


def test_a_hundred_kilobyte_note_renders_across_pages(tmp_path: Path) -> None:
    sentence = "The family talked about routines and school. "
    note = (sentence * 2300)[:100_000]
    long_word = "x" * 5000
    data = samples.with_records(
        samples.summary(), 0, [note, f"before {long_word} after", "y" * 100_000]
    )
    pdf = render_summary_pdf(data)
    assert _pages(pdf, tmp_path) > 30
    running = ("Page ", "CONFIDENTIAL", "Casebook summary ·", "C-1042 ·")
    lines = [line for line in _text(pdf, tmp_path).splitlines() if not line.startswith(running)]
    text = " ".join(" ".join(lines).split())
    assert text.count("The family talked about routines and school.") == note.count(
        "The family talked about routines and school."
    )
    assert "before" in text
    assert "after" in text


def test_long_text_is_cut_into_pieces_that_fit_a_page() -> None:
    text = ("word " * 5000) + "\n\n" + ("z" * 7000)
    pieces = chunk_text(text)
    assert all(len(piece) <= 2500 for piece in pieces)
    assert "".join(pieces).replace(" ", "").count("word") == 5000
    assert sum(piece.count("z") for piece in pieces) == 7000


def test_metadata_contains_no_names_in_any_mode(tmp_path: Path) -> None:
    names = ["Jane", "Mark", "Lily", "Smith", "Ruth", "Adeyemi", "Gwen", "Hollis", "Amir"]
    for mode in ("none", "initials", "pseudonyms"):
        info = samples.poppler(
            "pdfinfo", data=render_summary_pdf(samples.summary(), mode), tmp_path=tmp_path
        )
        assert "Title:           Casebook summary" in info
        for name in names:
            assert name.lower() not in info.lower(), (mode, name)


def test_metadata_carries_the_audit_chain_head(sample_pdf: bytes, tmp_path: Path) -> None:
    info = samples.poppler("pdfinfo", data=sample_pdf, tmp_path=tmp_path)
    assert f"audit-head 4127:{samples.AUDIT_HEAD['hash']}" in info


def test_rendering_leaves_the_input_unchanged() -> None:
    data = samples.summary(include_reflections=True)
    before = copy.deepcopy(data)
    render_summary_pdf(data, "pseudonyms")
    assert data == before


def test_unknown_redaction_mode_is_refused() -> None:
    with pytest.raises(RedactionError):
        render_summary_pdf(samples.summary(), "blur")


def test_rendering_and_signing_log_no_record_text(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    pdf = render_summary_pdf(samples.summary(include_reflections=True))
    verify_pdf(sign_pdf(pdf, create_identity("Ruth Adeyemi", "Northfield"), "Supervision"))
    logged = caplog.text
    for secret in ("secret game", "Lily", "Jane", "booked extra supervision", "Ruth"):
        assert secret not in logged


def test_a_sixty_page_summary_renders_and_signs_quickly(tmp_path: Path) -> None:
    data = samples.large_summary(records=57)
    identity = create_identity("Ruth Adeyemi", "Northfield")
    start = time.perf_counter()
    pdf = render_summary_pdf(data)
    rendered = time.perf_counter()
    signed = sign_pdf(pdf, identity, "Summary for supervision")
    finished = time.perf_counter()
    pages = _pages(signed, tmp_path)
    print(
        f"\n{pages} pages: render {rendered - start:.2f} s, sign {finished - rendered:.2f} s, "
        f"{len(signed) // 1024} KB"
    )
    assert pages >= 60
    assert verify_pdf(signed).ok
    assert finished - start < 20


def _long_chronology(events: int) -> dict[str, Any]:
    data = samples.summary()
    case = data["cases"][0]
    first = case["chronology"][0]
    case["chronology"] = [
        dict(first, event_at=f"2026-03-{1 + i % 28:02d}T10:00:00+01:00", title=f"Event {i}")
        for i in range(events)
    ]
    return data


def test_a_long_chronology_starts_under_the_people_and_no_page_holds_only_header_and_footer(
    tmp_path: Path,
) -> None:
    for events in (14, 40):
        pdf = render_summary_pdf(_long_chronology(events))
        page_two = samples.poppler("pdftotext", "-f", "2", "-l", "2", data=pdf, tmp_path=tmp_path)
        assert "People" in page_two and "Chronology" in page_two, events
        for page in range(1, _pages(pdf, tmp_path) + 1):
            text = samples.poppler(
                "pdftotext", "-f", str(page), "-l", str(page), data=pdf, tmp_path=tmp_path
            )
            body = [
                line
                for line in text.splitlines()
                if line.strip()
                and not line.startswith(("CONFIDENTIAL", "Page ", "Casebook summary"))
                and line.strip() != "C-1042 · Family A"
            ]
            assert body, f"page {page} of a summary with {events} events is blank"


def test_chronology_times_are_two_lines_with_every_offset_written_the_same_way(
    tmp_path: Path,
) -> None:
    from casebook.summary.case import _two_line_time

    assert _two_line_time("2025-02-12T10:00:00+00:00") == "12 Feb 2025\n10:00 +00:00"
    assert _two_line_time("2025-04-02T11:00:00+01:00") == "2 Apr 2025\n11:00 +01:00"
    assert _two_line_time("2025-04-02T11:00:00-05:30") == "2 Apr 2025\n11:00 -05:30"
    pdf = render_summary_pdf(_long_chronology(3))
    text = samples.poppler("pdftotext", "-f", "2", "-l", "2", data=pdf, tmp_path=tmp_path)
    assert "10:00 +01:00" in text
    assert "(UTC" not in text.split("Chronology", 1)[1].split("Open and overdue", 1)[0]


def test_the_countersignature_box_never_stands_alone_on_the_last_page(tmp_path: Path) -> None:
    # 20-24 and 43-47 events ended the content near the foot of a page: the block alone
    # would have started the next one.
    for events in (20, 22, 24, 45, 47):
        pdf = render_summary_pdf(_long_chronology(events))
        box = re.search(rb"/CasebookCountersignatureBox \((\d+) ", pdf)
        assert box, events
        page = str(int(box.group(1)) + 1)
        assert page == str(_pages(pdf, tmp_path)), events
        text = samples.poppler("pdftotext", "-f", page, "-l", page, data=pdf, tmp_path=tmp_path)
        above = [
            line
            for line in text.split("Countersignature", 1)[0].splitlines()
            if line.strip() and not line.startswith("CONFIDENTIAL") and "C-1042" not in line
        ]
        assert above, f"with {events} events the countersignature box is alone on page {page}"
