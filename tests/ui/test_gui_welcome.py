"""First run: the welcome window creates a notebook (recovery key shown once) or opens the demo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from guihelpers import wait_idle
from PySide6.QtCore import Qt

from casebook.passphrase import passphrase_strength
from ui.welcome import WelcomeWindow


@pytest.fixture
def first_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No notebook at the default place (a per-test folder)."""
    folder = tmp_path / "Mine.casebook"
    monkeypatch.setenv("CASEBOOK_NOTEBOOK", str(folder))
    monkeypatch.setattr("ui.welcome.demo_folder", lambda: tmp_path / "Demo.casebook")
    return folder


def test_without_a_notebook_the_welcome_window_opens(first_run: Path, make_controller: Any) -> None:
    controller = make_controller()
    assert isinstance(controller.window, WelcomeWindow)


def test_creating_a_notebook_shows_the_recovery_key_once_then_opens_it(
    first_run: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller()
    welcome = controller.window
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    assert welcome.pages.currentWidget() is welcome.create_page
    qtbot.keyClicks(welcome.name, "Alex Morgan")
    qtbot.keyClicks(welcome.role, "Social Worker")
    qtbot.keyClicks(welcome.organisation, "Northvale")
    qtbot.keyClicks(welcome.passphrase, "four words of passphrase")
    qtbot.keyClicks(welcome.passphrase2, "four words of passphrase")
    qtbot.mouseClick(welcome.create_confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: welcome.pages.currentWidget() is welcome.key_page, timeout=10_000)

    key = welcome.recovery_key.text()
    assert len(key) > 20
    assert not welcome.continue_button.isEnabled()
    qtbot.keyClicks(welcome.key_panel.retype, key.replace("-", " "))
    assert welcome.continue_button.isEnabled()
    qtbot.mouseClick(welcome.continue_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: controller.main_window is not None)
    main = controller.main_window
    wait_idle(qtbot, main)
    assert main.windowTitle() == "Casebook — Mine"
    assert (first_run / "key.json").is_file()
    assert controller.notebook.identity.practitioner().name == "Alex Morgan"


def test_create_refuses_passphrases_that_differ(
    first_run: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller()
    welcome = controller.window
    welcome.show_create()
    welcome.name.setText("Alex")
    welcome.passphrase.setText("one long passphrase")
    welcome.passphrase2.setText("another long passphrase")
    welcome.create_notebook()
    assert "not the same" in welcome.create_error.text()
    assert not first_run.exists()


def test_the_demo_button_creates_the_fictional_demo_notebook_and_opens_it(
    first_run: Path, make_controller: Any, qtbot: Any
) -> None:
    controller = make_controller()
    welcome = controller.window
    assert "demo" in welcome.demo_button.description()
    qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=20_000)
    main = controller.main_window
    wait_idle(qtbot, main)
    assert main.windowTitle() == "Casebook — Demo"
    assert main.cases.rowCount() >= 3


def test_an_existing_demo_notebook_is_unlocked_not_recreated(
    first_run: Path, make_controller: Any, tmp_path: Path
) -> None:
    from casebook.demo import create_demo_notebook
    from ui.unlock import UnlockWindow

    notebook, _ = create_demo_notebook(tmp_path / "Demo.casebook", "demo")
    notebook.close()
    before = (tmp_path / "Demo.casebook" / "key.json").read_bytes()
    controller = make_controller()
    controller.window.open_demo()
    assert isinstance(controller.window, UnlockWindow)
    assert "demo" in controller.window.hint.text()
    assert (tmp_path / "Demo.casebook" / "key.json").read_bytes() == before


def test_passphrase_hint_rates_long_phrases_above_short_words() -> None:
    assert passphrase_strength("abc")[0] == 0
    assert passphrase_strength("abcdefgh")[0] == 1
    assert passphrase_strength("the cat sat on the warm mat")[0] == 3


def test_an_unlock_that_indexes_the_notebook_again_says_so_and_counts_the_records(
    qtbot: Any, tmp_path: Path
) -> None:
    from ui.unlock import UnlockWindow

    window = UnlockWindow(tmp_path / "any.casebook")
    qtbot.addWidget(window)
    window._set_busy(True)
    window.reporter(0, 2_000)
    window.reporter(1_000, 2_000)
    qtbot.waitUntil(lambda: window.busy.value() == 1_000)
    assert window.busy.maximum() == 2_000
    assert window.busy_note.text() == (
        "Updating the search index for this version of Casebook (once): 1,000 of 2,000 records."
    )
    assert not window.busy_note.isHidden()
    window._set_busy(False)
    assert window.busy_note.isHidden() and window.busy.maximum() == 0  # back to a busy bar
