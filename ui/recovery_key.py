"""A recovery key shown once: Print, Save to a removable drive, and type it again.

The key is the only way into a notebook whose passphrase is forgotten, and it is shown
once (on creating a notebook, after a new recovery key or a re-encryption). Like
KeePassXC, Casebook does not move on until the key is typed back: a key written down
wrongly is found now, not on the day it is needed. Print and Save… are the other ways to
keep it; a saved key is a plain text file, so Save warns, and says when the place chosen
is not a removable drive.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QPagedPaintDevice
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.settings import file_dialog_options
from ui.widgets import hbox, problem_label, show_problem

KEY_FILE_NAME = "casebook-recovery-key.txt"


def same_key(typed: str, key: str) -> bool:
    """Whether ``typed`` is ``key`` as the recovery reads keys (case, spaces, dashes,
    and 0/1/8 for O/I/B do not matter)."""
    from casebook.errors import InvalidInput
    from casebook.keyfile import parse_recovery_key

    try:
        return bool(key) and parse_recovery_key(typed) == parse_recovery_key(key)
    except InvalidInput:
        return False


def removable_mounts() -> list[Path]:
    """Mount points of removable drives (USB sticks, cards): Linux's view in /proc and /sys,
    and what desktops mount under /media and /run/media."""
    found: list[Path] = []
    try:
        lines = Path("/proc/self/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return found
    for line in lines:
        parts = line.split()
        if len(parts) < 2:
            continue
        device, mount = parts[0], Path(parts[1].replace("\\040", " "))
        if str(mount).startswith(("/media/", "/run/media/")) or _removable_device(device):
            found.append(mount)
    return found


def _removable_device(device: str) -> bool:
    if not device.startswith("/dev/"):
        return False
    block = Path("/sys/class/block") / Path(os.path.realpath(device)).name
    for folder in (block, block.resolve().parent):  # a partition's disk says it
        try:
            if (folder / "removable").read_text().strip() == "1":
                return True
        except OSError:
            continue
    return False


def on_removable_drive(path: Path) -> bool:
    """Whether ``path`` lies on a removable drive (its deepest mount point is one)."""
    target = Path(os.path.realpath(path))
    return any(target == m or m in target.parents for m in removable_mounts() if m != Path("/"))


def key_document_html(key: str) -> str:
    """The page printed: what the key is for, the key, and where to keep it."""
    import html

    return (
        "<h2>Casebook recovery key</h2>"
        f"<p>Printed {html.escape(date.today().strftime('%d %B %Y'))}.</p>"
        "<p>This key opens your Casebook notebook if you forget its passphrase. "
        "Keep this page somewhere safe and away from the laptop.</p>"
        "<p style='font-family: monospace; font-size: 16pt; white-space: nowrap'>"
        f"<b>{html.escape(key)}</b></p>"
    )


class RecoveryKeyPanel(QWidget):
    """The key in large letters, Print…, Save…, and a box to type it again.

    Signals:
        confirmed(bool): whether the key typed again is the key shown.
    """

    confirmed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._key = ""
        self.key = QLabel()
        self.key.setObjectName("recoveryKey")
        self.key.setAccessibleName("Recovery key")
        # Not selectable: selected text reaches every X program (PRIMARY), and a key
        # copied into the box below would prove nothing.
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.key.setWordWrap(True)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(mono.pointSizeF() * 1.4)
        mono.setWeight(QFont.Weight.DemiBold)
        self.key.setFont(mono)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setMargin(16)
        self.key.setFrameShape(QLabel.Shape.StyledPanel)
        self.print_button = QPushButton("Print…")
        self.print_button.clicked.connect(self.print_key)
        self.save_button = QPushButton("Save to a removable drive…")
        self.save_button.clicked.connect(self.save_key)
        self.note = QLabel()
        self.note.setWordWrap(True)
        retype_label = QLabel("<b>Type the key again</b> to check you have it right:")
        self.retype = QLineEdit()
        self.retype.setAccessibleName("The recovery key, typed again")
        self.retype.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.retype.setFont(mono)
        self.retype.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.retype.textChanged.connect(self._check)
        retype_label.setBuddy(self.retype)
        self.match = problem_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.key)
        layout.addLayout(hbox(self.print_button, self.save_button, None))
        layout.addWidget(self.note)
        layout.addSpacing(8)
        layout.addWidget(retype_label)
        layout.addWidget(self.retype)
        layout.addWidget(self.match)

    @property
    def is_confirmed(self) -> bool:
        """Whether the key was typed again correctly."""
        return same_key(self.retype.text(), self._key)

    def set_key(self, key: str) -> None:
        """Show ``key`` (and empty the box to type it again)."""
        self._key = key
        self.key.setText(key)
        self.retype.clear()
        self.note.clear()
        show_problem(self.match, "")

    def clear(self) -> None:
        """Forget the key (the window closes or locks)."""
        self.set_key("")

    def _check(self, typed: str) -> None:
        ok = self.is_confirmed
        complete = len("".join(ch for ch in typed if ch.isalnum())) >= 32
        show_problem(
            self.match,
            "" if ok or not complete else "Not the same key: compare it letter by letter.",
        )
        if ok:
            self.match.setText("✓ The key is right.")
            self.match.setStyleSheet("")
            self.match.show()
        self.confirmed.emit(ok)

    # -- print and save -------------------------------------------------------------------

    def print_key(self) -> None:
        """Print the key (the print dialog can also print to a PDF file)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the recovery key")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.render_to(printer)
        self.note.setText(
            "Printed. A printer's queue can keep a copy until the page is out: "
            "collect the page at once."
        )

    def render_to(self, printer: QPagedPaintDevice) -> None:
        """Lay the key's page out on ``printer`` (a QPrinter or QPdfWriter)."""
        from PySide6.QtGui import QTextDocument

        document = QTextDocument()
        document.setHtml(key_document_html(self._key))
        document.print_(printer)

    def save_key(self) -> None:
        """Save the key as a text file, where the practitioner chooses, after a warning."""
        start = next(iter(removable_mounts()), Path.home())
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Save the recovery key to a removable drive",
            str(start / KEY_FILE_NAME),
            "Text files (*.txt)",
            options=file_dialog_options(),
        )
        if not path:
            return
        target = Path(path)
        if not self.confirm_save(target, on_removable_drive(target.parent)):
            return
        from casebook.atomic import write_atomic

        try:
            write_atomic(target, (self._key + "\n").encode("ascii"))
        except OSError as exc:
            show_problem(self.match, f"Could not save the key there: {exc.strerror}.")
            return
        self.note.setText(
            f"Saved to {target}. Keep that drive somewhere safe, away from the laptop."
        )

    def confirm_save(self, target: Path, removable: bool) -> bool:
        """Warn that the file is not encrypted (and when the place is not removable)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Save the recovery key?")
        box.setText("The recovery key will be saved as plain, unencrypted text.")
        where = (
            "It is going to a removable drive: keep that drive in a safe place, away from "
            "the laptop."
            if removable
            else "This place is NOT a removable drive. A key kept on the laptop opens the "
            "notebook for whoever has the laptop: choose a USB stick or card instead."
        )
        box.setInformativeText(
            "Anyone who has this file and a copy of your notebook can open the notebook "
            f"and set a new passphrase.\n\n{where}"
        )
        save = box.addButton(
            "Save" if removable else "Save here anyway", QMessageBox.ButtonRole.AcceptRole
        )
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save if removable else cancel)
        box.exec()
        return box.clickedButton() is save
