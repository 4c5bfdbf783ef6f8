"""The child's copy of Words and pictures: a PDF in large type.

It holds the child's name, the heading and the agreed words, and the panels (each picture
with its words) two to a row. Nothing else: no case reference, no other person's name,
no practitioner, no dates and no signature. It is the child's, to keep. The PDF's
metadata names nobody either.

Text goes through :func:`casebook.summary.text.to_markup` (shown literally, any script,
DejaVu Sans with fallbacks); the pictures are drawn from the shipped SVG files
(:mod:`casebook.explain_icons`). The PDF is built in memory and written atomically.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from casebook.explain import Explanation

NAME_PT = 30
TITLE_PT = 24
WORDS_PT = 20
CAPTION_PT = 18
ICON_CM = 5.0
DOCUMENT_TITLE = "Words and pictures"


def explanation_pdf(explanation: Explanation) -> bytes:
    """The child's copy of one version, as PDF bytes."""
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

    from casebook.summary.fonts import BOLD, REGULAR, register_fonts
    from casebook.summary.text import to_markup

    coverage = register_fonts()

    def style(name: str, face: str, size: float, **extra: Any) -> ParagraphStyle:
        return ParagraphStyle(
            name, fontName=face, fontSize=size, leading=size * 1.35, splitLongWords=True,
            **extra,
        )  # fmt: skip

    name_style = style("name", BOLD, NAME_PT, spaceAfter=10)
    title_style = style("title", BOLD, TITLE_PT, spaceAfter=12)
    words_style = style("words", REGULAR, WORDS_PT, spaceAfter=14)
    caption_style = style("caption", REGULAR, CAPTION_PT, alignment=TA_CENTER)

    def para(text: str, st: ParagraphStyle, face: str = REGULAR) -> Any:
        return Paragraph(to_markup(text, face, coverage), st)

    story: list[Any] = [para(f"For {explanation.name}", name_style, BOLD)]
    if explanation.title:
        story.append(para(explanation.title, title_style, BOLD))
    for block in explanation.words.split("\n\n"):
        if block.strip():
            story.append(para(block.strip(), words_style))
    story.append(Spacer(1, 0.4 * cm))
    cells = [_panel_cell(panel.icon, panel.caption, para, caption_style) for panel in
             explanation.panels]  # fmt: skip
    width = (A4[0] - 4 * cm) / 2
    for i in range(0, len(cells), 2):
        row = cells[i : i + 2] + ([""] if len(cells[i : i + 2]) == 1 else [])
        table = Table([row], colWidths=[width, width])
        table.setStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 18),
        ])  # fmt: skip
        story.append(KeepTogether(table))

    out = io.BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
        bottomMargin=2 * cm, title=DOCUMENT_TITLE, author="", subject="", creator="Casebook",
        keywords="",
    )  # fmt: skip
    document.build(story)
    return out.getvalue()


def _panel_cell(icon: str, caption: str, para: Any, caption_style: Any) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import Spacer

    from casebook.explain import ICONS
    from casebook.explain_icons import drawing

    cell: list[Any] = []
    if icon in ICONS:
        picture = drawing(icon, ICON_CM * cm)
        picture.hAlign = "CENTER"
        cell.append(picture)
    cell.append(Spacer(1, 0.2 * cm))
    if caption:
        cell.append(para(caption, caption_style))
    return cell


def write_explanation_pdf(explanation: Explanation, path: Path) -> int:
    """Write the child's copy to ``path`` atomically (owner-only); returns its size.

    Raises:
        WriteFailed: the file could not be written; nothing half-written is left.
    """
    from casebook.atomic import write_atomic

    data = explanation_pdf(explanation)
    write_atomic(Path(path), data)
    return len(data)
