"""How the child's copy of Words and pictures will look: the name, the words and the
pictures with their words, as the PDF lays them out (large type, two pictures a row)."""

from __future__ import annotations

import functools

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from casebook.explain import ICONS, Panel
from casebook.explain_icons import icon_path

PICTURE_PX = 96


@functools.cache
def picture_icon(name: str) -> QIcon:
    """Icon ``name`` of Words and pictures (the same SVG the PDF draws)."""
    path = icon_path(name)
    return QIcon(str(path)) if name in ICONS and path.is_file() else QIcon()


def picture_pixmap(name: str, size: int = PICTURE_PX) -> QPixmap:
    """The picture ``name`` drawn ``size`` pixels square."""
    return picture_icon(name).pixmap(QSize(size, size))


def _plain(text: str, point_size: int, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # the practitioner's words, shown literally
    label.setWordWrap(True)
    font = label.font()
    font.setPointSize(point_size)
    font.setBold(bold)
    label.setFont(font)
    return label


class ExplainPreview(QFrame):
    """A page-like preview of the child's copy, rebuilt by :meth:`show_copy`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("explainPreview")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # A sheet of paper in either theme: the child's copy is printed black on white.
        self.setStyleSheet(
            "#explainPreview, #explainPreview QLabel, #explainPreview QWidget"
            " { background: #ffffff; color: #1a1a1a; }"
        )
        self.setAccessibleName("Preview of the child's copy")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(24, 20, 24, 20)
        self.texts: list[str] = []  # what the preview shows, in order (tests read it)

    def show_copy(self, name: str, title: str, words: str, panels: list[Panel]) -> None:
        """Show the copy for ``name`` with the heading, words and pictures given."""
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.texts = []
        self._add(_plain(f"For {name.strip() or '…'}", 20, bold=True))
        if title.strip():
            self._add(_plain(title.strip(), 16, bold=True))
        for block in words.strip().split("\n\n"):
            if block.strip():
                self._add(_plain(block.strip(), 13))
        grid = QGridLayout()
        for i, panel in enumerate(panels):
            cell = QVBoxLayout()
            picture = QLabel()
            picture.setPixmap(picture_pixmap(panel.icon))
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            picture.setAccessibleName(ICONS.get(panel.icon, panel.icon))
            cell.addWidget(picture)
            caption = _plain(panel.caption, 12)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.texts.append(panel.caption)
            cell.addWidget(caption)
            holder = QWidget()
            holder.setLayout(cell)
            grid.addWidget(holder, i // 2, i % 2)
        panels_box = QWidget()
        panels_box.setLayout(grid)
        self._layout.addWidget(panels_box)
        self._layout.addStretch(1)

    def _add(self, label: QLabel) -> None:
        self.texts.append(label.text())
        self._layout.addWidget(label)
