"""After the practitioner signs, a summary may only gain allowed countersignatures.

Issue 12, item 1: a stranger's later signature field brought its own appearance (a white
box with other words over page 2) and still verified, because pyHanko rates new signature
fields at modification level FORM_FILLING. The attacks are built with plain pyHanko in
``signing_attacks``; each must fail with a reason that names the revision and what it did.
"""

from __future__ import annotations

import io
import logging
import subprocess
from pathlib import Path

import pytest
import signing_attacks as attacks
import summary_samples as samples

from casebook.signing import (
    SigningError,
    SigningIdentity,
    countersign_pdf,
    create_identity,
    sign_pdf,
    verify_pdf,
)
from casebook.summary import render_summary_pdf


@pytest.fixture(scope="module")
def practitioner() -> SigningIdentity:
    return create_identity("Ruth Adeyemi", "Northfield Family Safeguarding Service")


@pytest.fixture(scope="module")
def supervisor() -> SigningIdentity:
    return create_identity("Sam Okoro", "Northfield Family Safeguarding Service")


@pytest.fixture(scope="module")
def stranger() -> SigningIdentity:
    return create_identity("Mallory", "")


@pytest.fixture(scope="module")
def signed(practitioner: SigningIdentity) -> bytes:
    return sign_pdf(render_summary_pdf(samples.summary()), practitioner, "Summary for supervision")


@pytest.fixture(scope="module")
def countersigned(signed: bytes, supervisor: SigningIdentity) -> bytes:
    return countersign_pdf(signed, supervisor)


@pytest.fixture(scope="module")
def painted(signed: bytes, stranger: SigningIdentity) -> bytes:
    return attacks.paint_over_with_new_signature(signed, stranger)


def _trust(*identities: SigningIdentity) -> bytes:
    return b"".join(identity.cert_pem for identity in identities)


def _reserved_box(pdf: bytes) -> tuple[int, list[float]]:
    """Page index and /Rect of the reserved countersignature field."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    reader = PdfFileReader(io.BytesIO(pdf))
    count = int(reader.root["/Pages"]["/Count"])
    pages = [reader.find_page_for_modification(i)[0].reference for i in range(count)]
    for name, _, ref in enumerate_sig_fields(reader):
        if name == "Supervisor":
            widget = ref.get_object()
            page = pages.index(widget.raw_get("/P").reference)
            return page, [float(v) for v in widget["/Rect"]]
    raise LookupError("no reserved countersignature field")


def _pixels(pdf: bytes, page: int, tmp_path: Path) -> tuple[int, int, bytes]:
    """Render one page (0-based) at 36 dpi: width, height and RGB bytes."""
    source = tmp_path / "page.pdf"
    source.write_bytes(pdf)
    out = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-r", "36", "-f", str(page + 1), "-l", str(page + 1), "-singlefile",
         str(source), str(out)],
        check=True, timeout=120,
    )  # fmt: skip
    data = (tmp_path / "page.ppm").read_bytes()
    magic, width, height, depth, rest = data.split(maxsplit=4)
    assert (magic, depth) == (b"P6", b"255")
    return int(width), int(height), rest


# --- (a) a stranger's signature that paints over the text ------------------------------


def test_the_painting_attack_is_cryptographically_valid_so_only_the_revision_check_stops_it(
    painted: bytes, tmp_path: Path
) -> None:
    report = verify_pdf(painted)
    assert all(s["intact"] and s["valid"] for s in report.signatures)
    assert report.signatures[0]["modification"] == "FORM_FILLING"
    pdfsig = samples.poppler("pdfsig", data=painted, tmp_path=tmp_path)
    assert pdfsig.count("Signature is Valid") == 2


def test_a_strangers_later_signature_painting_over_page_two_fails_and_names_the_revision(
    painted: bytes,
) -> None:
    report = verify_pdf(painted)
    assert not report.ok
    assert report.reason.startswith("revision 3 adds a signature field 'Review'")
    assert "visible appearance on page 2" in report.reason
    [revision] = report.revisions
    assert revision["revision"] == 3
    assert revision["signature"] == 2
    assert revision["allowed"] is False


def test_painting_over_fails_even_when_every_signer_is_trusted(
    painted: bytes, practitioner: SigningIdentity, stranger: SigningIdentity
) -> None:
    report = verify_pdf(painted, _trust(practitioner, stranger))
    assert not report.ok
    assert all(s["trusted"] for s in report.signatures)
    assert "visible appearance" in report.reason


def test_a_summary_painted_over_is_never_countersigned(
    painted: bytes, supervisor: SigningIdentity
) -> None:
    with pytest.raises(SigningError, match="visible appearance"):
        countersign_pdf(painted, supervisor)


def test_an_invisible_signature_field_carrying_a_drawing_fails(
    signed: bytes, stranger: SigningIdentity
) -> None:
    report = verify_pdf(attacks.countersign_invisibly_with_a_drawing(signed, stranger))
    assert not report.ok
    assert report.reason == (
        "revision 3 adds an invisible signature field 'Review' that carries a drawing"
    )


def test_filling_the_reserved_field_with_its_widget_moved_over_page_text_fails(
    signed: bytes, stranger: SigningIdentity
) -> None:
    moved = attacks.fill_reserved_field_with_moved_widget(signed, stranger)
    report = verify_pdf(moved)
    assert not report.ok
    assert "revision 3 changes the empty signature field 'Supervisor'" in report.reason


# --- (b) annotations, page content, metadata ------------------------------------------


@pytest.mark.parametrize("subtype", ["/FreeText", "/Square"])
def test_a_later_annotation_over_page_content_fails_even_under_a_later_signature(
    signed: bytes, stranger: SigningIdentity, subtype: str
) -> None:
    annotated = attacks.add_annotation(signed, subtype)
    then_signed = attacks.countersign_invisibly(annotated, stranger)
    for pdf in (annotated, then_signed):
        report = verify_pdf(pdf)
        assert not report.ok
        assert f"revision 3: adds a {subtype[1:]} annotation on page 2" in _revision_lines(report)
    assert verify_pdf(then_signed).reason == f"revision 3 adds a {subtype[1:]} annotation on page 2"


def test_an_annotation_added_in_the_same_revision_as_a_signature_fails(
    signed: bytes, stranger: SigningIdentity
) -> None:
    report = verify_pdf(attacks.add_annotation(signed, "/FreeText", attacker=stranger))
    assert not report.ok
    assert report.reason == "revision 3 adds a FreeText annotation on page 2"


def test_a_later_change_to_a_pages_content_fails_with_or_without_a_signature(
    signed: bytes, stranger: SigningIdentity
) -> None:
    for pdf in (
        attacks.countersign_invisibly(attacks.add_page_content(signed), stranger),
        attacks.add_page_content(signed, attacker=stranger),
    ):
        report = verify_pdf(pdf)
        assert not report.ok
        assert report.reason == "revision 3 changes the content of page 2"


def test_a_later_signature_that_rewrites_the_title_and_keywords_fails(
    signed: bytes, stranger: SigningIdentity
) -> None:
    # pyHanko allows any change to the document information at every level.
    report = verify_pdf(attacks.change_document_information(signed, stranger))
    assert not report.ok
    assert report.reason.startswith("revision 3 changes the document information")


def test_an_unsigned_update_after_a_countersignature_fails(countersigned: bytes) -> None:
    report = verify_pdf(attacks.add_annotation(countersigned, "/Square"))
    assert not report.ok
    assert "revision 4: adds a Square annotation on page 2" in _revision_lines(report)


def _revision_lines(report: object) -> list[str]:
    return [f"revision {r['revision']}: {r['did']}" for r in getattr(report, "revisions")]  # noqa: B009


# --- (c) what is allowed ---------------------------------------------------------------


def test_an_invisible_countersignature_passes_but_its_signer_is_not_checked_without_trust(
    signed: bytes, practitioner: SigningIdentity, stranger: SigningIdentity
) -> None:
    pdf = attacks.countersign_invisibly(signed, stranger)
    report = verify_pdf(pdf)
    assert report.ok, report.reason
    assert not report.identity_checked
    assert [s["trusted"] for s in report.signatures] == [None, None]
    [revision] = report.revisions
    assert revision["allowed"]
    assert (
        revision["did"] == "countersignature by Mallory in a new invisible signature field 'Review'"
    )
    assert "NOT checked" in report.reason
    assert not verify_pdf(pdf, practitioner.cert_pem).ok
    assert verify_pdf(pdf, _trust(practitioner, stranger)).ok


def test_casebooks_countersignature_fills_the_reserved_box_and_is_allowed(
    countersigned: bytes,
) -> None:
    report = verify_pdf(countersigned)
    assert report.ok, report.reason
    [revision] = report.revisions
    assert revision == {
        "revision": 3,
        "signature": 2,
        "did": "countersignature by Sam Okoro filled the empty signature field 'Supervisor'"
        " on page 5; its appearance stays inside the box reserved for it",
        "allowed": True,
    }


def test_the_countersignature_draws_only_inside_the_reserved_box(
    signed: bytes, countersigned: bytes, tmp_path: Path
) -> None:
    page, (x1, y1, x2, y2) = _reserved_box(signed)
    width, height, before = _pixels(signed, page, tmp_path)
    _, _, after = _pixels(countersigned, page, tmp_path)
    scale = 36 / 72
    inside, outside = 0, 0
    for index in range(0, len(before), 3):
        if before[index : index + 3] == after[index : index + 3]:
            continue
        px, py = (index // 3) % width, (index // 3) // width
        x, y = (px + 0.5) / scale, (height - py - 0.5) / scale
        if x1 - 2 <= x <= x2 + 2 and y1 - 2 <= y <= y2 + 2:
            inside += 1
        else:
            outside += 1
    assert inside > 100  # the countersignature is visible in its box ...
    assert outside == 0  # ... and nowhere else


def test_the_reserved_box_is_the_drawn_countersignature_block_on_the_last_page(
    signed: bytes, tmp_path: Path
) -> None:
    page, (x1, y1, x2, y2) = _reserved_box(signed)
    info = samples.poppler("pdfinfo", data=signed, tmp_path=tmp_path)
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert page == pages - 1
    assert 50 < x1 < x2 < 560 and 50 < y1 < y2 < 800
    text = samples.poppler(
        "pdftotext", "-f", str(pages), "-l", str(pages), data=signed, tmp_path=tmp_path
    )
    assert "Countersignature" in text
    assert "Reserved for a digital countersignature" in text


def test_pdfsig_says_a_countersigned_summary_is_valid_and_totally_signed(
    countersigned: bytes, tmp_path: Path
) -> None:
    output = samples.poppler("pdfsig", data=countersigned, tmp_path=tmp_path)
    first, second = output.split("Signature #2")
    assert "Signature Field Name: Practitioner" in first
    assert "Signature is Valid" in first
    assert "Signature Field Name: Supervisor" in second
    assert "Signature is Valid" in second
    assert "Total document signed" in second
    assert "Not total document signed" not in second


def test_a_countersignature_in_another_script_shows_in_the_box(
    signed: bytes, tmp_path: Path
) -> None:
    olga = create_identity("Ольга Петрова", "Служба")
    pdf = countersign_pdf(signed, olga)
    assert verify_pdf(pdf).ok
    page, _ = _reserved_box(signed)
    _, _, before = _pixels(signed, page, tmp_path)
    _, _, after = _pixels(pdf, page, tmp_path)
    assert before != after


def test_verifying_an_attacked_file_logs_nothing(
    signed: bytes, stranger: SigningIdentity, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    attacked = attacks.countersign_invisibly(attacks.add_page_content(signed), stranger)
    assert not verify_pdf(attacked).ok
    assert [r for r in caplog.records if r.name.startswith("pyhanko")] == []
