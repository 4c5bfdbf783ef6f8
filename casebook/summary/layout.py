"""Page layout of the summary: A4 pages, header, footer, outline, metadata.

The footer shows "Page N of M" in a single pass: M is drawn from a form
XObject that is only defined once the last page is known (PDF allows the
forward reference, reportlab supports it).

The document information dictionary never holds a person's name: the title is
"Casebook summary" and the author field is left empty. It carries the
notebook's audit-chain head twice: in ``/Keywords`` (readable by any tool) and
in the custom key ``/CasebookAuditHead``; both are inside the byte range of
the practitioner's signature.

The last page ends with a drawn *countersignature block*. Where its box landed
(page index and rectangle in PDF points) goes into the custom key
``/CasebookCountersignatureBox``, so that :func:`casebook.signing.sign_pdf` can
reserve an empty signature field exactly there before the practitioner signs.
A supervisor's countersignature then fills that field and its appearance stays
inside the box; nothing may be drawn anywhere else after signing.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from casebook.signing.document import AUDIT_HEAD_ENTRY, COUNTERSIGNATURE_BOX_KEY
from casebook.summary import styles as st
from casebook.summary.fonts import BOLD, REGULAR

TOTAL_PAGES_FORM = "CasebookTotalPages"
TITLE = "Casebook summary"

MM = 72 / 25.4
MARGIN_LEFT = 22 * MM
MARGIN_RIGHT = 22 * MM
MARGIN_TOP = 24 * MM
MARGIN_BOTTOM = 22 * MM
# The reserved countersignature box: its height, and the block's height above it.
COUNTERSIGNATURE_BOX_HEIGHT = 20 * MM
_COUNTERSIGNATURE_HEAD = 20 * MM  # room above the heading, the heading and a line of help
_FRAME_HEIGHT = 297 * MM - MARGIN_TOP - MARGIN_BOTTOM  # A4
# The summary's last lines that go to a new page with the block: at least this high
# (three lines of text), and never more than this (a move leaves at most that gap).
_KEPT_WITH_BLOCK_MIN = 36.0
_KEPT_WITH_BLOCK_MAX = 60 * MM


@dataclass(frozen=True)
class PageText:
    """Text for the running header and footer (already redacted and plain).

    Attributes:
        footer_note: Shown at the right of every footer.
        confidential: Shown at the left of every header after the cover.
    """

    footer_note: str
    confidential: str = "CONFIDENTIAL: special category personal data"


@dataclass(frozen=True)
class Metadata:
    """Document information dictionary entries (must contain no names).

    Attributes:
        subject: ``/Subject``.
        keywords: ``/Keywords``.
        audit_head: Value of ``/CasebookAuditHead`` (``"SEQ:HEX"``), or None.
    """

    subject: str
    keywords: str
    audit_head: str | None


def build_document(story: list[Any], page_text: PageText, metadata: Metadata) -> bytes:
    """Lay the story out on A4 pages and return the PDF bytes.

    Args:
        story: Flowables; :func:`header_marker` flowables in it set the
            running header text of the pages they land on.
        page_text: Running header and footer text.
        metadata: Document information entries.

    Returns:
        The finished PDF.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=TITLE,
        author="",
        subject=metadata.subject,
        keywords=metadata.keywords,
        creator="Casebook",
        producer="Casebook",
        pageCompression=1,
    )
    frame = Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )  # fmt: skip
    decorate = _page_decorator(page_text)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=decorate)])
    doc.build(story, canvasmaker=_canvas_class(metadata))
    return buffer.getvalue()


def header_marker(text: str) -> Any:
    """A zero-size flowable that sets the running header from its page on.

    Args:
        text: Plain text (a case reference and title, already redacted).

    Returns:
        The flowable.
    """
    from reportlab.platypus import Flowable

    class HeaderMarker(Flowable):  # type: ignore[misc]
        width = height = 0

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            return (0, 0)

        def draw(self) -> None:
            self.canv.casebook_header = text

    return HeaderMarker()


def bookmark(key: str, title: str, level: int) -> Any:
    """A zero-size flowable that adds a PDF outline entry for its page.

    Args:
        key: Unique destination name.
        title: Outline text (plain, already redacted).
        level: 0 for a case, 1 for a record.

    Returns:
        The flowable.
    """
    from reportlab.platypus import Flowable

    class Bookmark(Flowable):  # type: ignore[misc]
        width = height = 0

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            return (0, 0)

        def draw(self) -> None:
            _, y = self.canv.absolutePosition(0, 0)
            self.canv.bookmarkPage(key, fit="XYZ", top=y + 16)
            self.canv.addOutlineEntry(title, key, level=level, closed=level == 0)

    return Bookmark()


def end_with_countersignature(story: list[Any], width: float) -> None:
    """Append the countersignature block, kept on one page with the last lines above it.

    Left alone, the block lands at the top of a page of its own whenever the content
    ends near the foot of the previous one: a page that holds nothing but an empty
    box. The trailing flowables (a few lines and the label above them, at most
    :data:`_KEPT_WITH_BLOCK_MAX` high) go with it instead, so a page break before
    the block always carries some of the summary's own text. A long last paragraph,
    which could only move whole, leaves the block as it was.

    Args:
        story: The summary's flowables; changed in place.
        width: The frame's width, to measure the trailing flowables.
    """
    from reportlab.platypus import KeepTogether, Paragraph, Spacer
    from reportlab.platypus.flowables import HRFlowable

    tail: list[Any] = []
    held = 0.0
    # A label or heading (kept with what follows it) goes along with what it heads.
    while story and (held < _KEPT_WITH_BLOCK_MIN or story[-1].getKeepWithNext()):
        last = story[-1]
        if not isinstance(last, Paragraph | Spacer | HRFlowable):
            break
        height = last.wrap(width, _FRAME_HEIGHT)[1]
        if held + height > _KEPT_WITH_BLOCK_MAX:
            break
        tail.insert(0, story.pop())
        held += height
    block = countersignature_block()
    story.append(KeepTogether([*tail, block]) if tail else block)


def countersignature_block() -> Any:
    """The block that ends a summary: a heading, a line of help and the reserved box.

    It never splits across pages. When drawn it records its box on the canvas
    (``casebook_countersignature_box``: page index, x1, y1, x2, y2), which the
    document information then carries (see the module docstring).

    Returns:
        The flowable.
    """
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Flowable

    class CountersignatureBlock(Flowable):  # type: ignore[misc]
        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            self.width = avail_width
            self.height = _COUNTERSIGNATURE_HEAD + COUNTERSIGNATURE_BOX_HEIGHT
            return (self.width, self.height)

        def draw(self) -> None:
            canvas = self.canv
            box = COUNTERSIGNATURE_BOX_HEIGHT
            canvas.saveState()
            canvas.setFont(BOLD, 12)
            canvas.setFillColor(HexColor(st.HEADING))
            canvas.drawString(0, box + 26, "Countersignature")
            canvas.setFont(REGULAR, 8.5)
            canvas.setFillColor(HexColor(st.MUTED))
            canvas.drawString(
                0, box + 8, "A supervisor who reviewed this summary may countersign it in this box."
            )
            canvas.setFillColor(HexColor(st.TINT))
            canvas.setStrokeColor(HexColor(st.RULE))
            canvas.setLineWidth(0.6)
            canvas.rect(0, 0, self.width, box, stroke=1, fill=1)
            canvas.setFont(REGULAR, 8)
            canvas.setFillColor(HexColor(st.MUTED))
            canvas.drawCentredString(
                self.width / 2, box / 2 - 3, "Reserved for a digital countersignature"
            )
            canvas.restoreState()
            x, y = canvas.absolutePosition(0, 0)
            canvas.casebook_countersignature_box = (
                canvas.getPageNumber() - 1,
                x,
                y,
                x + self.width,
                y + box,
            )

    return CountersignatureBlock()


def _page_decorator(page_text: PageText) -> Callable[[Any, Any], None]:
    from reportlab.lib.colors import HexColor

    def decorate(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        width, height = doc.pagesize
        left, right = doc.leftMargin, width - doc.rightMargin
        page = canvas.getPageNumber()
        if page > 1:
            top = height - 14 * MM
            canvas.setFont(BOLD, 7)
            canvas.setFillColor(HexColor(st.ALERT))
            canvas.drawString(left, top, page_text.confidential)
            canvas.setFont(REGULAR, 7.5)
            canvas.setFillColor(HexColor(st.MUTED))
            header = getattr(canvas, "casebook_header", "")
            if header:
                canvas.drawRightString(right, top, _fit(header, canvas, right - left - 250))
            canvas.setStrokeColor(HexColor(st.RULE))
            canvas.setLineWidth(0.5)
            canvas.line(left, top - 4, right, top - 4)
        bottom = 12 * MM
        canvas.setStrokeColor(HexColor(st.RULE))
        canvas.setLineWidth(0.5)
        canvas.line(left, bottom + 9, right, bottom + 9)
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(HexColor(st.MUTED))
        label = f"Page {page} of "
        canvas.drawString(left, bottom, label)
        canvas.saveState()
        canvas.translate(left + canvas.stringWidth(label, REGULAR, 7.5), bottom)
        canvas.doForm(TOTAL_PAGES_FORM)
        canvas.restoreState()
        canvas.drawRightString(right, bottom, _fit(page_text.footer_note, canvas, 300))
        canvas.restoreState()

    return decorate


def _fit(text: str, canvas: Any, width: float) -> str:
    """Shorten one line of header/footer text to a width, with an ellipsis."""
    font, size = canvas._fontname, canvas._fontsize
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _canvas_class(metadata: Metadata) -> type:
    from reportlab.lib.colors import HexColor
    from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFInfo, PDFName, PDFString
    from reportlab.pdfgen.canvas import Canvas

    class SummaryInfo(PDFInfo):  # type: ignore[misc]
        """Document information with one custom key (no names in any entry)."""

        def format(self, document: Any) -> Any:
            entries = {
                "Title": PDFString(self.title),
                "Subject": PDFString(self.subject),
                "Keywords": PDFString(self.keywords),
                "Creator": PDFString(self.creator),
                "Producer": PDFString(self.producer),
                "CreationDate": PDFDate(ts=document._timeStamp),
                "ModDate": PDFDate(ts=document._timeStamp),
                "Trapped": PDFName("False"),
            }
            if metadata.audit_head is not None:
                entries[AUDIT_HEAD_ENTRY] = PDFString(metadata.audit_head)
            box = getattr(self, "countersignature_box", None)
            if box is not None:
                page, *rect = box
                entries[COUNTERSIGNATURE_BOX_KEY] = PDFString(
                    f"{page} " + " ".join(f"{v:.2f}" for v in rect)
                )
            return PDFDictionary(entries).format(document)

    class SummaryCanvas(Canvas):  # type: ignore[misc]
        """Canvas that fills in the page total and writes the custom info."""

        casebook_header = ""
        casebook_countersignature_box: tuple[int, float, float, float, float] | None = None

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            info = SummaryInfo()
            info.__dict__.update(self._doc.info.__dict__)
            self._doc.info = info

        def save(self) -> None:
            total = self.getPageNumber() - 1
            self.beginForm(TOTAL_PAGES_FORM)
            self.setFont(REGULAR, 7.5)
            self.setFillColor(HexColor(st.MUTED))
            self.drawString(0, 0, str(max(total, 1)))
            self.endForm()
            self.showOutline()
            self._doc.info.countersignature_box = self.casebook_countersignature_box
            super().save()

    return SummaryCanvas
