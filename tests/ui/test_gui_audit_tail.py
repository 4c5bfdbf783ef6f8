"""After unlocking, the status bar shows the audit log's last entry, so a practitioner
notices entries missing from its end (which leave a whole chain)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelpers import PASSPHRASE, unlock

from casebook.service import Notebook


def test_the_status_bar_shows_the_last_audit_entry_before_this_unlock(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    nb = Notebook.open(notebook_path, PASSPHRASE)
    nb.close()
    last = nb.audit.head().seq  # the entry this unlock follows
    main = unlock(qtbot, make_controller(notebook_path))
    label = main.audit_label
    assert label.isVisibleTo(main)
    assert label.text().startswith(f"Audit log: last entry {last:,}, ")
    assert "backup" in label.toolTip()
