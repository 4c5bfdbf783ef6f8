"""The pictures of Words and pictures: eight small SVG files in ``resources/explain``.

The icons are drawn from a handful of plain shapes (rect, circle, ellipse, line,
polygon, polyline) on a 100 x 100 view box, so that the child's PDF can draw them with
reportlab's own graphics (no SVG library needed) and the app shows the very same files
through Qt's SVG support. :func:`shapes` reads one file into :class:`Shape` values;
:func:`drawing` turns them into a reportlab ``Drawing`` of any size.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casebook import paths

VIEW_BOX = 100.0
SHAPE_TAGS = ("rect", "circle", "ellipse", "line", "polygon", "polyline")
_SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


class IconError(ValueError):
    """An icon file uses something outside the plain shapes drawn here."""


@dataclass(frozen=True)
class Shape:
    """One shape of an icon, in view-box units (y down, as in SVG)."""

    tag: str
    numbers: dict[str, float]
    points: tuple[float, ...]
    fill: str | None
    stroke: str | None
    stroke_width: float


def icon_dir() -> Path:
    """Where the icon files are (``resources/explain``)."""
    return paths.resource_dir("explain")


def icon_path(name: str) -> Path:
    """The SVG file of icon ``name``."""
    return icon_dir() / f"{name}.svg"


@functools.cache
def shapes(name: str) -> tuple[Shape, ...]:
    """The shapes of icon ``name``, in drawing order.

    Raises:
        IconError: the file uses an element or attribute this module does not draw.
        OSError: the file cannot be read.
    """
    root = ET.parse(icon_path(name)).getroot()
    out = []
    for element in root:
        tag = element.tag.removeprefix(_SVG)
        if tag not in SHAPE_TAGS:
            raise IconError(f"{name}.svg: <{tag}> is not drawn (use {', '.join(SHAPE_TAGS)})")
        numbers = {
            key: float(value)
            for key, value in element.attrib.items()
            if key in ("x", "y", "width", "height", "rx", "cx", "cy", "r", "ry", "x1", "y1",
                       "x2", "y2")
        }  # fmt: skip
        points = tuple(float(n) for n in _NUMBER.findall(element.get("points", "")))
        fill = element.get("fill")
        out.append(
            Shape(
                tag=tag,
                numbers=numbers,
                points=points,
                fill=None if fill in (None, "none") else fill,
                stroke=element.get("stroke"),
                stroke_width=float(element.get("stroke-width", "1")),
            )
        )
    return tuple(out)


def drawing(name: str, size: float) -> Any:
    """Icon ``name`` as a reportlab ``Drawing`` ``size`` points square."""
    from reportlab.graphics.shapes import Circle, Drawing, Ellipse, Group, Line, Polygon, PolyLine
    from reportlab.graphics.shapes import Rect as RlRect
    from reportlab.lib.colors import HexColor

    def style(shape: Shape, item: Any, filled: bool = True) -> Any:
        if filled:
            item.fillColor = HexColor(shape.fill) if shape.fill else None
        item.strokeColor = HexColor(shape.stroke) if shape.stroke else None
        item.strokeWidth = shape.stroke_width if shape.stroke else 0
        item.strokeLineCap = 1
        item.strokeLineJoin = 1
        return item

    group = Group()
    for shape in shapes(name):
        n = shape.numbers
        if shape.tag == "rect":
            rx = n.get("rx", 0)
            item = RlRect(n["x"], n["y"], n["width"], n["height"], rx=rx, ry=rx)
        elif shape.tag == "circle":
            item = Circle(n["cx"], n["cy"], n["r"])
        elif shape.tag == "ellipse":
            item = Ellipse(n["cx"], n["cy"], n["rx"], n["ry"])
        elif shape.tag == "line":
            item = Line(n["x1"], n["y1"], n["x2"], n["y2"])
        elif shape.tag == "polygon":
            item = Polygon(list(shape.points))
        else:
            item = PolyLine(list(shape.points))
        group.add(style(shape, item, filled=shape.tag not in ("line", "polyline")))
    # SVG's y runs down, reportlab's up: flip, then scale the view box to the size.
    scale = size / VIEW_BOX
    group.transform = (scale, 0, 0, -scale, 0, size)
    result = Drawing(size, size)
    result.add(group)
    return result
