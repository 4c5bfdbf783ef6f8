"""The app stays in pieces a reader can hold in mind (issue 15).

No module of ``ui/`` is longer than 450 lines, and the main window, which only composes
its parts and keeps the window-wide concerns, is under 400.
"""

from __future__ import annotations

from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
MODULE_MAX_LINES = 450
MAIN_WINDOW_MAX_LINES = 400


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_app_module_is_longer_than_450_lines() -> None:
    modules = sorted(UI.rglob("*.py"))
    assert modules
    too_long = {
        str(path.relative_to(UI)): _lines(path)
        for path in modules
        if _lines(path) > MODULE_MAX_LINES
    }
    assert too_long == {}


def test_the_main_window_is_composed_in_under_400_lines() -> None:
    assert _lines(UI / "mainwindow.py") < MAIN_WINDOW_MAX_LINES
