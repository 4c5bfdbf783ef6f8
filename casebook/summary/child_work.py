"""Direct work in the summary: the children seen, their disclosures, the Three Houses and
the drawings attached to the record.

The disclosure box itself is :func:`casebook.summary.record.disclosure_box`'s; a
disclosure of casebook/1.1 adds which child made it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from casebook import kinds
from casebook.kinds import FieldSpec
from casebook.summary import styles as st
from casebook.summary.blocks import MM, Blocks

# The heading the Three Houses take in a record whose activity is Three Houses.
THREE_HOUSES_HEADING = "Three Houses"
# The tallest a drawing is drawn (it keeps its proportions and never exceeds the frame).
DRAWING_MAX_HEIGHT = 120 * MM


def children_row(
    spec: FieldSpec,
    value: Any,
    name: Callable[[Any], str],
    age: Callable[[Any], int | None],
) -> tuple[str, str]:
    """The details row of the children seen: "Lily (age 9 at the session), Sam (age 6 ...)"."""
    words = []
    for key in value if isinstance(value, list) else [value]:
        years = age(key)
        words.append(
            f"{name(key)} (age {years} at the session)" if years is not None else name(key)
        )
    return spec.summary_heading, ", ".join(words)


def disclosures_flowables(
    value: Any,
    name: Callable[[Any], str],
    box: Callable[[Any, str | None], list[Any]],
) -> list[Any]:
    """Each disclosure of ``disclosures`` in its box, saying which child made it."""
    out: list[Any] = []
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, dict):
            continue
        child = item.get("child")
        out.extend(box(item, name(child) if child else None))
    return out


def three_houses_heading(blocks: Blocks) -> Any:
    """The heading over the worries, good things and wishes of a Three Houses session."""
    s = blocks.styles
    return blocks.para(
        f'<font color="{st.HEADING}">{blocks.inline(THREE_HOUSES_HEADING, s.body)}</font>', s.h3
    )


def first_house(fields: tuple[tuple[FieldSpec, Any], ...]) -> str | None:
    """The first of the Three Houses that holds something (the heading goes above it)."""
    for spec, value in fields:
        if spec.name in kinds.THREE_HOUSES and value not in (None, "", [], {}):
            return spec.name
    return None


def drawing_flowables(name: str, data: bytes, blocks: Blocks) -> list[Any]:
    """A drawing as it is, scaled to fit the frame (never enlarged), with its name.

    An image reportlab cannot read is named, with a note, rather than failing the summary.
    """
    import io

    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image, KeepTogether

    s = blocks.styles
    caption = blocks.para("▸ " + blocks.inline(name, s.body), s.body)
    try:
        width, height = ImageReader(io.BytesIO(data)).getSize()
    except Exception:
        note = f'<font color="{st.MUTED}">(this image could not be drawn)</font>'
        return [blocks.para(caption.text + " " + note, s.body)]
    scale = min(1.0, blocks.width / width, DRAWING_MAX_HEIGHT / height)
    image = Image(io.BytesIO(data), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return [KeepTogether([caption, image])]
