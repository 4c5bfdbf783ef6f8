"""Typography and colours of the summary PDF.

One sans face (DejaVu Sans) at a calm size, generous leading, a restrained
palette: ink for text, a deep blue for headings, a muted slate for labels,
soft tints for the confidential band, quotes and disclosures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casebook.summary.fonts import BOLD, ITALIC, REGULAR

INK = "#1f2933"
HEADING = "#1b3a5c"
MUTED = "#5f6b7a"
RULE = "#c9d2dc"
TINT = "#f2f5f8"
QUOTE_BAR = "#7b9bbd"
DISCLOSURE_TINT = "#fdf3e1"
DISCLOSURE_EDGE = "#d9902f"
ALERT = "#a33a2b"
ALERT_TINT = "#fbeae7"
DRAFT = "#b45f06"
OK = "#2f6f4f"

BODY_SIZE = 9.5
BODY_LEADING = 13.5


@dataclass(frozen=True)
class Styles:
    """The paragraph styles the summary uses (reportlab ``ParagraphStyle``s)."""

    body: Any
    small: Any
    muted: Any
    label: Any
    title: Any
    subtitle: Any
    h1: Any
    h1_meta: Any
    h2: Any
    h3: Any
    quote: Any
    cell: Any
    cell_bold: Any
    cell_muted: Any
    banner: Any
    mono_small: Any


def make_styles() -> Styles:
    """Build the paragraph styles (imports reportlab).

    Returns:
        The styles.
    """
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=BODY_SIZE,
        leading=BODY_LEADING,
        textColor=HexColor(INK),
        spaceAfter=4,
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
    )

    def derive(name: str, **kwargs: Any) -> Any:
        return ParagraphStyle(name, parent=base, **kwargs)

    def heading(name: str, size: float, leading: float, colour: str, **kwargs: Any) -> Any:
        """A bold style kept with what follows it (labels and headings)."""
        return derive(
            name, fontName=BOLD, fontSize=size, leading=leading, textColor=HexColor(colour),
            keepWithNext=1, **kwargs,
        )  # fmt: skip

    return Styles(
        body=base,
        small=derive("small", fontSize=8, leading=11, spaceAfter=2),
        muted=derive("muted", fontSize=8.5, leading=12, textColor=HexColor(MUTED)),
        label=heading("label", 7.5, 10, MUTED, spaceBefore=7, spaceAfter=1.5),
        title=derive("title", fontName=BOLD, fontSize=24, leading=30, textColor=HexColor(HEADING)),
        subtitle=derive(
            "subtitle", fontSize=12, leading=17, textColor=HexColor(MUTED), spaceAfter=14
        ),
        h1=heading("h1", 17, 22, HEADING, spaceAfter=2),
        h1_meta=derive("h1_meta", fontSize=9, leading=13, textColor=HexColor(MUTED)),
        h2=heading("h2", 12, 16, HEADING, spaceBefore=14, spaceAfter=6),
        h3=heading("h3", 11, 15, INK, spaceBefore=0, spaceAfter=2),
        quote=derive(
            "quote",
            fontName=ITALIC,
            fontSize=10,
            leading=14.5,
            textColor=HexColor(INK),
            spaceAfter=0,
        ),
        cell=derive("cell", fontSize=8.5, leading=11.5, spaceAfter=0),
        cell_bold=derive("cell_bold", fontName=BOLD, fontSize=8.5, leading=11.5, spaceAfter=0),
        cell_muted=derive(
            "cell_muted", fontSize=8, leading=11, textColor=HexColor(MUTED), spaceAfter=0
        ),
        banner=derive("banner", fontName=BOLD, fontSize=10, leading=14, textColor=HexColor(ALERT)),
        mono_small=derive("mono_small", fontSize=7.5, leading=10, textColor=HexColor(MUTED)),
    )
