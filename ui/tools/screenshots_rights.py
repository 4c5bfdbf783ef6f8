"""Screenshots of issue 14's retention view and subject-access dialog. Called by
:mod:`ui.tools.screenshots` with the demo notebook open; ``python -m
ui.tools.screenshots_rights OUT`` shoots only these (a demo notebook in a temp folder).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

Settle = Callable[..., None]
Save = Callable[[Any, str], None]


def shoot_rights(controller: Any, settle: Settle, save: Save) -> None:
    """The retention view with a legal hold and a case due, its deletion dialog, and
    the subject-access dialog."""
    from PySide6.QtWidgets import QDialog

    from ui.retention_dialogs import DeleteCaseDialog

    main = controller.main_window
    bridge = main.bridge
    retention = main.notebook.retention
    retention.set_rule("C-1988", "closed", 0)
    retention.place_hold("C-2057", "Family court proceedings: order of 14 October", "2026-10-20")
    main.flows.retention()
    view = main.flows.dialog
    settle(bridge, rounds=8)
    view.select("C-1988")
    settle(bridge)
    save(view, "retention")
    shots: list[Any] = []

    def grab(self: DeleteCaseDialog) -> int:
        self.confirm.setText("C-1988")
        self.show()
        settle()
        save(self, "retention-delete")
        shots.append(self)
        return QDialog.DialogCode.Rejected

    DeleteCaseDialog.exec = grab  # type: ignore[method-assign,assignment]
    view.delete_case()
    settle(bridge, rounds=8)
    view.reject()
    settle(bridge)
    main.open_case("C-2041")
    settle(bridge)
    sar = main.flows.subject_access()
    settle(bridge, rounds=8)
    sar.person_box.setCurrentIndex(sar.person_box.findData("p2"))
    sar.prepare()
    settle(bridge, rounds=10)
    save(sar, "subject-access")
    sar.reject()


def main(argv: list[str] | None = None) -> int:
    """Shoot only these screenshots into OUT (default docs/screenshots)."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="casebook-shots-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for var, sub in (("HOME", "home"), ("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data")):
        os.environ[var] = str(scratch / sub)
    os.environ.setdefault("CASEBOOK_KDF_COST", "test")
    try:
        from casebook.demo import create_demo_notebook
        from casebook.service import Notebook
        from ui.app import AppController, dispose_windows, make_application
        from ui.settings import AppSettings
        from ui.tools.harness import saver, settler

        app = make_application()
        folder = scratch / "Demo.casebook"
        create_demo_notebook(folder, "demo")[0].close()
        settings = AppSettings(scratch / "config")
        settings.backup_reminder_days = 0
        controller = AppController(settings, folder)
        controller._on_unlocked(Notebook.open(folder, "demo"))
        controller.main_window.resize(1280, 800)

        settle, save = settler(app), saver(out)
        settle(controller.bridge)
        shoot_rights(controller, settle, save)
        controller.shutdown()
        dispose_windows()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
