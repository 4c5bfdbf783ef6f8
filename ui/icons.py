"""Icons from ``resources/icons`` (SVG, so they stay sharp on HiDPI screens)."""

from __future__ import annotations

import functools

from PySide6.QtGui import QIcon

from casebook.paths import resource_dir

ICON_DIR = resource_dir("icons")

KIND_ICONS = {
    "session": "session",
    "child_work": "child_work",
    "partner_support": "partner_support",
    "professional_contact": "professional_contact",
}


@functools.cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` (an empty icon if the file is missing)."""
    path = ICON_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def app_icon() -> QIcon:
    """The application icon, with the pre-rendered PNG sizes when they exist."""
    result = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = ICON_DIR / f"casebook-{size}.png"
        if png.is_file():
            result.addFile(str(png))
    svg = ICON_DIR / "casebook.svg"
    if svg.is_file():
        result.addFile(str(svg))
    return result
