"""Where notebooks live by default (platformdirs), and the files inside a notebook folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Casebook"
DEFAULT_NOTEBOOK = "Default.casebook"
DATABASE_FILE = "notebook.db"
KEY_FILE = "key.json"
SUFFIX = ".casebook"
BACKUP_SUFFIX = ".casebook-backup"


def data_dir() -> Path:
    """The per-user data folder, e.g. ``~/.local/share/Casebook``."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The per-user settings folder (window sizes, never case content)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_notebook() -> Path:
    """``CASEBOOK_NOTEBOOK`` if set, else ``<data dir>/Default.casebook``."""
    override = os.environ.get("CASEBOOK_NOTEBOOK")
    return Path(override) if override else data_dir() / DEFAULT_NOTEBOOK


def notebook_folder(path: Path | str) -> Path:
    """The folder of a notebook named by the user (``.casebook`` added if missing)."""
    path = Path(path).expanduser()
    if path.suffix == SUFFIX or is_notebook(path):
        return path
    return path.with_name(path.name + SUFFIX)


def is_notebook(folder: Path) -> bool:
    """Whether ``folder`` looks like a notebook (has a key file)."""
    return (folder / KEY_FILE).is_file()


def resource_dir(kind: str) -> Path:
    """The folder of shipped resources of one kind (``fonts``, ``icons`` or ``words``).

    From a checkout (or an editable install, or the PyInstaller bundle) it is
    ``resources/<kind>`` beside the packages; ``pip install .`` puts the same files in
    ``<prefix>/share/casebook/<kind>`` (pyproject's data-files).
    """
    beside = Path(__file__).resolve().parent.parent / "resources" / kind
    if beside.is_dir():
        return beside
    return Path(sys.prefix) / "share" / "casebook" / kind
