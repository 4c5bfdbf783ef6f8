"""Fixtures for the GUI tests: offscreen Qt, one shared QApplication, app controllers.

The root ``tests/conftest.py`` isolates HOME and the XDG folders, sets the cheap test
KDF and provides sample notebooks (``notebook_path``, ``passphrase``); this file adds Qt.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CASEBOOK_KDF_COST", "test")

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session", autouse=True)
def casebook_qapp(qapp: Any) -> Any:
    """pytest-qt's one QApplication, set up as Casebook sets up its own."""
    from ui.app import make_application

    return make_application()


@pytest.fixture(autouse=True)
def dispose_windows_after_test(qapp: Any) -> Iterator[None]:
    """Close and delete every window a test left, while the QApplication still exists."""
    yield
    from ui.app import dispose_windows

    dispose_windows()


@pytest.fixture
def app_settings(tmp_path: Path) -> Any:
    """Settings in the (isolated) per-user config folder."""
    from casebook.paths import config_dir
    from ui.settings import AppSettings

    return AppSettings(config_dir())


@pytest.fixture
def make_controller(app_settings: Any, qtbot: Any) -> Iterator[Callable[..., Any]]:
    """``make_controller(path=None, idle_ms=None)``: a started AppController."""
    from ui.app import AppController

    made: list[Any] = []

    def make(path: Path | None = None, idle_ms: int | None = None) -> Any:
        controller = AppController(app_settings, path, idle_ms=idle_ms)
        controller.start()
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.shutdown()
