"""A record's attachments in the editor: list, add, remove, and a preview shown from memory."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casebook.domain import Attachment
from ui.icons import icon
from ui.settings import file_dialog_options
from ui.text import file_size
from ui.widgets import hbox

IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".bmp": "image/bmp",
    ".pdf": "application/pdf",
}


class AttachmentsPanel(QWidget):
    """A record's attachments: list, add, remove, and a preview shown from memory.

    Decoded bytes only ever live in memory (``QPixmap.loadFromData``); nothing decoded
    is written to disk.

    Signals:
        add_requested(str, str, bytes): name, media type and bytes of a file to attach.
        remove_requested(int): attachment id.
        preview_requested(int): attachment id.
    """

    add_requested = Signal(str, str, bytes)
    remove_requested = Signal(int)
    preview_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName("Attachments")
        self.list.setMaximumHeight(110)
        self.list.currentItemChanged.connect(self._selected)
        self.add = QPushButton("Add image or PDF…")
        self.add.setIcon(icon("attachment"))
        self.add.clicked.connect(self.choose_file)
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName("Remove the selected attachment")
        self.remove.clicked.connect(self._remove)
        # A drawing full size, from memory, with Save a copy… (ui/drawing_viewer.py).
        self.open_full = QPushButton("Open full size…")
        self.open_full.setAccessibleName("Open the selected drawing full size")
        self.open_full.clicked.connect(self.open_viewer)
        self.open_full.setEnabled(False)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_viewer())
        self.shown: Attachment | None = None
        self.viewer: QDialog | None = None
        self.preview = QLabel()
        self.preview.setAccessibleName("Attachment preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(0)
        self.preview.hide()
        self.empty = QLabel("No attachments.")
        self.empty.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        layout.addLayout(hbox(self.add, self.remove, self.open_full, None))
        layout.addWidget(self.preview)

    def load(self, attachments: tuple[Attachment, ...]) -> None:
        """List a record's attachments."""
        self.list.clear()
        for a in attachments:
            item = QListWidgetItem(f"{a.name}  ({file_size(a.size)})")
            item.setIcon(icon("attachment"))
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.list.addItem(item)
        self.list.setVisible(bool(attachments))
        self.empty.setVisible(not attachments)
        self.shown = None
        self.open_full.setEnabled(False)
        if not attachments:
            self.preview.clear()
            self.preview.hide()

    def choose_file(self) -> None:
        """Pick a file, read its bytes and ask for it to be attached."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Attach an image or PDF",
            "",
            "Images and PDF (*.png *.jpg *.jpeg *.gif *.webp *.bmp *.pdf);;All files (*)",
            options=file_dialog_options(),
        )
        if path:
            self.attach_file(path)

    def attach_file(self, path: str) -> None:
        """Read a file and emit :attr:`add_requested`."""
        file = Path(path)
        data = file.read_bytes()
        media_type = IMAGE_TYPES.get(file.suffix.lower(), "application/octet-stream")
        self.add_requested.emit(file.name, media_type, data)

    def _remove(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.remove_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _selected(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.preview_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def show_preview(self, attachment: Attachment) -> None:
        """Show an image (or the first page of a PDF) from its bytes, in memory."""
        pixmap = QPixmap()
        data = attachment.data or b""
        fmt = "PDF" if attachment.media_type == "application/pdf" else None
        loaded = (
            pixmap.loadFromData(QByteArray(data), fmt)
            if fmt
            else pixmap.loadFromData(QByteArray(data))
        )
        is_image = bool(loaded and not pixmap.isNull() and not fmt)
        self.shown = attachment if is_image else None
        self.open_full.setEnabled(is_image)
        if loaded and not pixmap.isNull():
            ratio = self.devicePixelRatioF()
            scaled = pixmap.scaled(
                int(420 * ratio),
                int(300 * ratio),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            scaled.setDevicePixelRatio(ratio)
            self.preview.setPixmap(scaled)
        else:
            self.preview.setText(
                f"{attachment.name}: {attachment.media_type}, {file_size(attachment.size)}"
            )
        self.preview.show()

    def open_viewer(self) -> None:
        """Show the selected drawing full size (its bytes are already in memory)."""
        if self.shown is None:
            return
        from ui.drawing_viewer import DrawingViewer

        self.viewer = DrawingViewer(self.shown, self)
        self.viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer.open()

    def set_read_only(self, read_only: bool) -> None:
        """Final records: attachments can be viewed, not added or removed."""
        self.add.setVisible(not read_only)
        self.remove.setVisible(not read_only)
