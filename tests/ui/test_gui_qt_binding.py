"""The Qt binding itself: calls that return nothing must not use up Python's None."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QPlainTextEdit


def test_qt_calls_that_return_nothing_leave_the_reference_count_of_none_alone(qtbot: Any) -> None:
    # PySide6 6.12.0 on Python 3.11 handed back None without a reference from every void
    # call; a long note's text box makes hundreds per keystroke, and the app aborted
    # ("none_dealloc") a few keystrokes in. pyproject.toml keeps such a version out.
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    option = QTextOption()
    layout = QTextLayout("a few words to lay out " * 20)
    layout.beginLayout()
    line = layout.createLine()
    before = sys.getrefcount(None)
    for _ in range(1000):
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        line.setLineWidth(100)
        edit.setObjectName("box")
    after = sys.getrefcount(None)
    layout.endLayout()
    assert after - before > -100
