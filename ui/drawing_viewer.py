"""A drawing (an image attachment) full size, from memory, with "Save a copy…".

The image is decoded from the bytes the notebook hands over (``QPixmap.loadFromData``):
nothing decoded reaches a temporary file. Saving a copy is the practitioner's choice, made
after a warning that the copy is not encrypted; it is written atomically, readable by the
user alone (0600).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QStandardPaths, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from casebook.atomic import write_atomic
from casebook.domain import Attachment
from ui.settings import file_dialog_options
from ui.text import file_size

UNENCRYPTED_WARNING = (
    "The copy will NOT be encrypted. Anyone who can open the file (on this computer, a USB "
    "stick or in an email) will see the drawing. Save a copy only where you are allowed to "
    "keep it, and delete it when you no longer need it. The drawing stays encrypted in the "
    "notebook."
)


class DrawingViewer(QDialog):
    """One image attachment at full size (scrolling when larger than the window).

    Attributes:
        attachment: The attachment shown, with its bytes (held in memory only).
        saved_to: Where the last copy was saved (None before any).
    """

    def __init__(self, attachment: Attachment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawingViewer")
        self.attachment = attachment
        self.saved_to: Path | None = None
        self.setWindowTitle(f"Drawing: {attachment.name}")
        self.image = QLabel()
        self.image.setObjectName("drawingImage")
        self.image.setAccessibleName(f"The drawing {attachment.name}, full size")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pixmap = QPixmap()
        if self.pixmap.loadFromData(QByteArray(attachment.data or b"")):
            self.image.setPixmap(self.pixmap)
        else:
            self.image.setTextFormat(Qt.TextFormat.PlainText)
            self.image.setText(f"{attachment.name} cannot be shown as an image.")
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(self.pixmap.isNull())
        scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        details = QLabel(
            f"{attachment.name} · {attachment.media_type} · {file_size(attachment.size)}"
            + (
                f" · {self.pixmap.width()} by {self.pixmap.height()} pixels"
                if not self.pixmap.isNull()
                else ""
            )
        )
        details.setTextFormat(Qt.TextFormat.PlainText)
        details.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton("Save a copy…")
        self.save_button.setAccessibleDescription("Saves an unencrypted copy of the drawing")
        self.save_button.clicked.connect(self.save_copy)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(details)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        width = min(self.pixmap.width() + 60, screen.width() - 80) if screen else 900
        height = min(self.pixmap.height() + 120, screen.height() - 80) if screen else 700
        self.resize(max(420, width), max(320, height))

    def warning_box(self) -> QMessageBox:
        """The warning shown before a copy is saved (its Save button goes on to the file)."""
        box = QMessageBox(self)
        box.setObjectName("unencryptedCopyWarning")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Save an unencrypted copy?")
        box.setText("The copy of the drawing will not be encrypted.")
        box.setInformativeText(UNENCRYPTED_WARNING)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box

    def save_copy(self) -> Path | None:
        """Warn, ask where, then write the copy; where it went (None when not saved)."""
        if self.warning_box().exec() != QMessageBox.StandardButton.Save:
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        start = Path(folder) if folder and Path(folder).is_dir() else Path.home()
        path, _ = QFileDialog.getSaveFileName(
            self, "Save an unencrypted copy of the drawing", str(start / self.attachment.name),
            "All files (*)", options=file_dialog_options(),
        )  # fmt: skip
        if not path:
            return None
        try:
            write_atomic(Path(path), self.attachment.data or b"")
        except OSError as exc:
            QMessageBox.warning(self, "Copy not saved", f"Could not save the copy: {exc.strerror}")
            return None
        self.saved_to = Path(path)
        return self.saved_to
