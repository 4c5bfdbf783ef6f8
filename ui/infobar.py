"""Quiet bars across the top of the main window: a backup reminder, and what the last
summary or backup wrote (with a summary's fingerprint).

Not message boxes: they ask for nothing, block nothing and go away with one click. A
lost or broken laptop is the day a backup matters; a supervisor checking a signed
summary needs the certificate's fingerprint in full, which a status bar line cuts off.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from ui import text
from ui.exports import SummaryWritten, backup_age
from ui.icons import icon


class InfoBar(QFrame):
    """An icon, a message that wraps, optional buttons, and a way to close it.

    Signals:
        dismissed(): the user closed the bar.
    """

    dismissed = Signal()

    def __init__(
        self, icon_name: str, close_text: str, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("infoBar")
        self.setAccessibleName(name)
        self.setStyleSheet(
            "QFrame#infoBar { background: palette(alternate-base);"
            " border-left: 4px solid palette(highlight);"
            " border-bottom: 1px solid palette(mid); }"
        )
        badge = QLabel()
        badge.setPixmap(icon(icon_name).pixmap(22, 22))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.close_button = QToolButton()
        self.close_button.setText(close_text)
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self._dismiss)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(12, 6, 8, 6)
        self.row.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        self.row.addWidget(self.message, 1)
        self.row.addWidget(self.close_button)
        self.hide()

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()


class BackupReminder(InfoBar):
    """How long ago the last backup was, with Back up now and Not now.

    Signals:
        back_up(): the user chose Back up now.
        dismissed(): the user put the reminder away for this session.
    """

    back_up = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("backup", "Not now", "Backup reminder", parent)
        self.close_button.setToolTip("Hide this reminder until Casebook is next started")
        self.back_up_button = QPushButton("Back up now…")
        self.back_up_button.setIcon(icon("backup"))
        self.back_up_button.clicked.connect(self.back_up.emit)
        self.row.insertWidget(2, self.back_up_button)

    def show_age(self, last: datetime | None, now: datetime) -> None:
        """Say how long ago the last backup was (or that there never was one) and show."""
        if last is None:
            lead = "<b>This notebook has never been backed up.</b>"
        else:
            age = html.escape(backup_age(last, now))
            day = html.escape(text.day(last.isoformat()))
            lead = f"<b>The last backup was {age}</b> ({day})."
        self.message.setText(
            f"{lead} A backup is an encrypted copy to keep on another drive; "
            "it opens with the same passphrase."
        )
        self.show()


class DemoBanner(InfoBar):
    """Inside the demo notebook: everything here is made up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("demo", "Hide", "Fictional data", parent)
        self.close_button.setToolTip("Hide until the demo notebook is next opened")
        self.message.setText(
            "<b>Fictional data.</b> This is the demo notebook: its families, records and "
            "practitioner are made up. Never write real notes here; create your own "
            "notebook for that."
        )


class ResultNotice(InfoBar):
    """What the last summary or backup wrote: where (and a summary's fingerprint),
    selectable, with *Open PDF* and *Show in folder*. One bar: a new result replaces the
    last one instead of stacking under it.

    Signals:
        open_requested(object): open this Path with the desktop's own program.
    """

    open_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("summary", "Close", "Saved", parent)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path: Path | None = None
        self.open_button = QPushButton("Open PDF")
        self.open_button.clicked.connect(lambda: self.path and self.open_requested.emit(self.path))
        self.folder_button = QPushButton("Show in folder")
        self.folder_button.clicked.connect(
            lambda: self.path and self.open_requested.emit(self.path.parent)
        )
        self.row.insertWidget(2, self.open_button)
        self.row.insertWidget(3, self.folder_button)

    def show_summary(self, written: SummaryWritten) -> None:
        """Show where a signed summary went and the fingerprint to compare."""
        self.path = Path(written.path)
        self.setAccessibleName("Signed summary saved")
        self.message.setText(
            f"<b>Signed summary saved</b> to {html.escape(str(written.path))}"
            f" ({text.file_size(written.size)}).<br>"
            "Certificate fingerprint (SHA-256): "
            f"<code>{html.escape(written.fingerprint)}</code><br>"
            "Whoever checks the signature can compare it with the certificate you gave them."
            + "".join(f"<br><b>Note:</b> {html.escape(w)}" for w in written.warnings)
        )
        self.open_button.show()
        self.show()

    def show_backup(self, path: Path, size: str) -> None:
        """Show where a backup went (``size`` in words, or "")."""
        self.path = Path(path)
        self.setAccessibleName("Backup saved")
        self.message.setText(
            f"<b>Backup saved</b> to {html.escape(str(path))}{html.escape(size)}. "
            "It opens with this notebook's passphrase; keep it on another drive."
        )
        self.open_button.hide()
        self.show()
