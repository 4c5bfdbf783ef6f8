"""The real X11 PRIMARY selection, seen by another X client (run under Xvfb).

Not collected by the normal run (offscreen has no selection): ``test_gui_privacy`` runs
this file in its own pytest under ``xvfb-run`` with ``QT_QPA_PLATFORM=xcb``. Text is
selected with the keyboard in a record's field, as a practitioner would; a separate Qt
process then asks the X server for PRIMARY, before and after lock, privacy screen, quit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from guihelpers import MARKER, open_record, unlock
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

pytestmark = pytest.mark.skipif(
    os.environ.get("QT_QPA_PLATFORM") != "xcb", reason="run under Xvfb by test_gui_privacy"
)

READER = (
    "from PySide6.QtGui import QClipboard, QGuiApplication\n"
    "app = QGuiApplication([])\n"
    "print(app.clipboard().text(QClipboard.Mode.Selection), end='')\n"
)


def primary_as_another_client_sees_it(qtbot: Any) -> str:
    """PRIMARY as read by another X client (our event loop answers its request)."""
    reader = subprocess.Popen([sys.executable, "-c", READER], stdout=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: reader.poll() is not None, timeout=30_000)
    assert reader.stdout is not None
    text = reader.stdout.read()
    reader.stdout.close()
    return text


@pytest.mark.parametrize("how", ["lock", "privacy screen", "quit"])
def test_text_selected_in_a_record_is_gone_from_the_primary_selection_after(
    notebook_path: Path, make_controller: Any, qtbot: Any, how: str
) -> None:
    assert QGuiApplication.clipboard().supportsSelection()
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    main.show()
    qtbot.waitExposed(main)
    editor = open_record(qtbot, main, "rec-session-draft")
    edit = editor.form.fields["narrative"].edit
    edit.setPlainText(f"Lily said {MARKER}")
    main.pages.setCurrentWidget(main.editor)
    main.activateWindow()
    edit.setFocus()
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(edit, Qt.Key.Key_Home, ctrl)
    qtbot.keyClick(edit, Qt.Key.Key_End, ctrl | shift)  # selects all: X11 publishes it
    assert MARKER in primary_as_another_client_sees_it(qtbot)

    if how == "lock":
        controller.lock("manual")
    elif how == "privacy screen":
        qtbot.keyClick(main, Qt.Key.Key_F12)
        assert main.privacy_on
    else:
        main.close()
        qtbot.waitUntil(lambda: controller.notebook is None)
    assert MARKER not in primary_as_another_client_sees_it(qtbot)
