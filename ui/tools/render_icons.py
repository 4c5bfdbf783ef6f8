"""Render the app icon (resources/icons/casebook.svg) to PNGs of 16-256 px.

Run: ``python -m ui.tools.render_icons`` (works offscreen).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from ui.icons import ICON_DIR

SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int) -> QImage:
    """The app icon at ``size`` x ``size`` pixels."""
    renderer = QSvgRenderer(str(ICON_DIR / "casebook.svg"))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    """Write casebook-<size>.png next to the SVG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for size in SIZES:
        path = ICON_DIR / f"casebook-{size}.png"
        if not render(size).save(str(path)):
            print(f"could not write {path}", file=sys.stderr)
            return 1
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
