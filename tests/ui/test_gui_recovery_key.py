"""A recovery key shown once: typed back before moving on, printed, saved with a warning."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

import ui.recovery_key
from ui.recovery_key import RecoveryKeyPanel

KEY = "K7QX-3MNA-ABCD-EFGH-IJKL-MNOP-QRST-UV23"


def _panel(qtbot: Any) -> RecoveryKeyPanel:
    panel = RecoveryKeyPanel()
    qtbot.addWidget(panel)
    panel.set_key(KEY)
    return panel


def test_the_key_must_be_typed_back_right_and_a_wrong_copy_is_said_in_the_error_colour(
    qtbot: Any,
) -> None:
    from ui.models import warning_colour

    panel = _panel(qtbot)
    seen: list[bool] = []
    panel.confirmed.connect(seen.append)
    assert not panel.is_confirmed
    qtbot.keyClicks(panel.retype, KEY.replace("Q", "O"))
    assert not panel.is_confirmed and seen[-1] is False
    assert "Not the same key" in panel.match.text()
    assert warning_colour().name() in panel.match.styleSheet()
    panel.retype.clear()
    qtbot.keyClicks(panel.retype, KEY.lower().replace("-", " "))
    assert panel.is_confirmed and seen[-1] is True
    # The key cannot be selected, so it never reaches the X11 selection or this box by copy.
    assert panel.key.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction


def test_save_warns_the_file_is_unencrypted_then_writes_it_for_the_owner_alone(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(ui.recovery_key, "removable_mounts", lambda: [usb])
    chosen = {"path": usb / "key.txt"}
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(chosen["path"]), ""))
    )
    panel = _panel(qtbot)
    asked: list[tuple[Path, bool]] = []
    panel.confirm_save = lambda target, removable: asked.append((target, removable)) or True
    panel.save_key()
    assert asked == [(usb / "key.txt", True)]
    assert (usb / "key.txt").read_text() == KEY + "\n"
    assert stat.S_IMODE((usb / "key.txt").stat().st_mode) == 0o600

    chosen["path"] = tmp_path / "laptop" / "key.txt"
    chosen["path"].parent.mkdir()
    panel.confirm_save = lambda target, removable: asked.append((target, removable)) or False
    panel.save_key()
    assert asked[-1] == (chosen["path"], False)
    assert not chosen["path"].exists()  # refused: nothing written


def test_the_save_warning_says_when_the_place_is_not_removable_and_cancel_is_the_default(
    qtbot: Any, tmp_path: Path
) -> None:
    panel = _panel(qtbot)
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.extend([box.text(), box.informativeText(), box.defaultButton().text()])
        box.defaultButton().click()

    QTimer.singleShot(0, answer)
    assert panel.confirm_save(tmp_path / "key.txt", removable=False) is False
    assert "unencrypted" in seen[0]
    assert "NOT a removable drive" in seen[1]
    assert seen[2] == "Cancel"


def test_print_lays_the_key_out_on_a_page(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    from PySide6 import QtPrintSupport

    out = tmp_path / "printed.pdf"

    class PrintToFile:
        class DialogCode:
            Accepted = 1

        def __init__(self, printer: Any, parent: Any) -> None:
            printer.setOutputFormat(QtPrintSupport.QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))

        def setWindowTitle(self, title: str) -> None:
            pass

        def exec(self) -> int:
            return 1

    monkeypatch.setattr(QtPrintSupport, "QPrintDialog", PrintToFile)
    panel = _panel(qtbot)
    panel.print_key()
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert KEY in text and "Casebook recovery key" in text
    assert "Printed" in panel.note.text()
