"""The countersignature's appearance: a one-page PDF the size of the reserved box.

pyHanko imports the page as the appearance of the signature widget, so the
countersigner's name shows in the box in any script the summary itself can
draw (DejaVu Sans with the same glyph fallback), and nothing is drawn outside
the box. Rendered in memory; nothing is written to disk.
"""

from __future__ import annotations

import io

from casebook.summary import styles as st
from casebook.summary.fonts import register_fonts

_PADDING = 7.0


def render_countersignature_stamp(
    width: float, height: float, signer: str, organisation: str, signed_at: str, fingerprint: str
) -> bytes:
    """Render the appearance of a countersignature.

    Args:
        width: Width of the reserved box in points.
        height: Height of the reserved box in points.
        signer: The countersigner's name (from their certificate).
        organisation: Their organisation (may be empty).
        signed_at: When, as shown (e.g. ``"4 Dec 2026, 15:12 UTC"``).
        fingerprint: The SHA-256 fingerprint of their certificate.

    Returns:
        A one-page PDF of exactly ``width`` x ``height`` points.
    """
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Frame

    from casebook.summary.blocks import Blocks

    styles = st.make_styles()
    blocks = Blocks(styles, register_fonts(), width - 2 * _PADDING)
    name_style = ParagraphStyle("stamp_name", parent=styles.cell_bold, fontSize=9.5, leading=12)
    line_style = ParagraphStyle("stamp_line", parent=styles.cell_muted, fontSize=7, leading=9)
    who = "Countersigned by " + blocks.inline(signer, name_style)
    lines = [blocks.para(who, name_style)]
    if organisation.strip():
        lines.append(blocks.para(blocks.inline(organisation, line_style), line_style))
    lines.append(blocks.para(blocks.inline(f"Signed {signed_at}", line_style), line_style))
    lines.append(
        blocks.para(blocks.inline(f"Certificate SHA-256 {fingerprint}", line_style), line_style)
    )
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1)
    canvas.setTitle("Countersignature")
    canvas.setFillColor(HexColor("#ffffff"))
    canvas.setStrokeColor(HexColor(st.OK))
    canvas.setLineWidth(1.2)
    canvas.rect(0.6, 0.6, width - 1.2, height - 1.2, stroke=1, fill=1)
    frame = Frame(
        _PADDING, 0, width - 2 * _PADDING, height - 2, leftPadding=0, rightPadding=0,
        topPadding=_PADDING - 2, bottomPadding=0, showBoundary=0,
    )  # fmt: skip
    frame.addFromList(lines, canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
