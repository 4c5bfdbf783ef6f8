"""Start-up: --smoke-test, fast first window, no heavy imports, titles without content."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from guihelpers import open_record, unlock

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        check=False,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
    )


def test_smoke_test_opens_the_window_and_exits_zero_without_heavy_imports(
    notebook_path: Path,
) -> None:
    result = _run(
        "import sys; from ui.main import main; rc = main(sys.argv[1:]);"
        " heavy = sorted(m for m in ('reportlab', 'pyhanko') if m in sys.modules);"
        " print('heavy:', heavy); sys.exit(rc)",
        "--smoke-test",
        "--notebook",
        str(notebook_path),
    )
    assert result.returncode == 0, result.stderr
    assert "heavy: []" in result.stdout


def test_smoke_test_without_any_notebook_shows_the_welcome_window_and_exits_zero(
    tmp_path: Path,
) -> None:
    result = _run(
        "import os, sys; os.environ['CASEBOOK_NOTEBOOK'] = sys.argv[1];"
        " from ui.main import main; sys.exit(main(['--smoke-test']))",
        str(tmp_path / "none.casebook"),
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "none.casebook").exists()


def test_version_answers_without_starting_qt() -> None:
    result = _run(
        "import sys; from ui.main import main; rc = main(['--version']);"
        " print('qt' if 'PySide6.QtWidgets' in sys.modules else 'no qt'); sys.exit(rc)"
    )
    assert result.returncode == 0
    assert result.stdout.startswith("casebook-app ")
    assert "no qt" in result.stdout


def test_the_window_title_names_the_notebook_and_nothing_from_a_case(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    open_record(qtbot, main, "rec-child-final")
    assert main.windowTitle() == "Casebook — sample"


def test_every_frequent_action_has_a_shortcut_listed_in_help(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    from ui.dialogs import ShortcutsDialog

    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    dialog = ShortcutsDialog(main.all_actions(), main)
    qtbot.addWidget(dialog)
    listed = {dialog.table.item(i, 0).text() for i in range(dialog.table.rowCount())}
    for name in (
        "Lock",
        "Privacy screen",
        "Search…",
        "New record…",
        "New case…",
        "Finalise record…",
        "Save now",
        "Actions due",
        "Reflective log",
    ):
        assert name in listed
