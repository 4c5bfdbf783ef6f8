"""The demo notebook is reachable from the app at any time and says it is fictional inside."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from guihelpers import MARKER, PASSPHRASE, open_record, unlock, wait_idle

from ui.unlock import UnlockWindow


@pytest.fixture
def demo_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Demo.casebook"
    monkeypatch.setattr("ui.welcome.demo_folder", lambda: folder)
    return folder


def test_help_opens_the_demo_notebook_after_saving_this_one_and_it_says_fictional_data(
    notebook_path: Path, demo_folder: Path, make_controller: Any, qtbot: Any
) -> None:
    from casebook.service import Notebook

    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    assert main.demo_banner.isHidden()  # a real notebook
    editor = open_record(qtbot, main, "rec-session-draft")
    editor.form.fields["purpose"].edit.setPlainText(f"Typed just before {MARKER}")
    main.menus.demo_action.trigger()
    qtbot.waitUntil(
        lambda: controller.main_window is not None and controller.notebook.folder == demo_folder,
        timeout=30_000,
    )
    demo = controller.main_window
    wait_idle(qtbot, demo)
    qtbot.waitUntil(lambda: demo.demo_banner.isVisibleTo(demo))
    assert "Fictional data" in demo.demo_banner.message.text()
    # The notebook left behind was saved and closed (its lock given up).
    with Notebook.open(notebook_path, PASSPHRASE) as first:
        assert MARKER in first.records.get("rec-session-draft").fields["purpose"]


def test_the_demo_is_unlocked_when_it_exists_and_can_be_chosen_from_a_locked_notebook(
    notebook_path: Path, demo_folder: Path, make_controller: Any, qtbot: Any
) -> None:
    from casebook.demo import create_demo_notebook

    create_demo_notebook(demo_folder, "demo")[0].close()
    controller = make_controller(notebook_path)
    unlock(qtbot, controller)
    controller.lock("manual")
    locked = controller.window
    assert isinstance(locked, UnlockWindow)
    locked.demo.click()
    window = controller.window
    assert isinstance(window, UnlockWindow) and window.folder == demo_folder
    assert "demo" in window.hint.text()
    main = unlock(qtbot, controller, "demo")
    qtbot.waitUntil(lambda: main.demo_banner.isVisibleTo(main))
    # The notebook that was locked is free again.
    from casebook.service import Notebook

    Notebook.open(notebook_path, PASSPHRASE).close()
