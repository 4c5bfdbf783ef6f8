"""Time the app's long operations through their progress windows (issue 13).

Drives the main window offscreen on an existing notebook (the bench's large one) and
runs each long operation the way a practitioner does: Back up now…, Check the backup
and Restore (Restore from backup…), Check the audit log…, Export…; and Import… of a
caseload into an empty notebook. For each it prints the wall time, how many times the
bar moved and the largest pause between two moves (how long the bar stood still).

    python bench/app_progress.py --notebook bench/data/large.casebook \\
        --passphrase-file PASSFILE --import-file bench/data/medium.json --out /tmp/app-bench

Everything written (backup, restored notebook, export, imported notebook) goes to --out.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The bench's notebooks use the cheap test KDF (as bench/run.py says); without this switch
# Casebook refuses their key files as below the scrypt floor ("the key file is damaged").
os.environ.setdefault("CASEBOOK_KDF_COST", "test")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class Watch:
    """Records when a progress bar moved."""

    def __init__(self, dialog: Any) -> None:
        self.moves: list[float] = []
        self.start = time.monotonic()
        dialog.bar.valueChanged.connect(lambda _: self.moves.append(time.monotonic()))

    def line(self, name: str, dialog: Any) -> str:
        stamps = [self.start, *self.moves, time.monotonic()]
        pause = max(b - a for a, b in itertools.pairwise(stamps))
        return (
            f"{name:<28} {dialog.seconds:8.1f} s  outcome={dialog.outcome:<9} "
            f"bar moves={len(self.moves):5d}  longest pause {pause:5.1f} s  "
            f"final {dialog.bar.value() / 10:.0f}%"
        )


def _run(app: Any, dialog: Any) -> None:
    while dialog.running:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def main(argv: list[str] | None = None) -> int:
    """Run each operation once and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebook", type=Path, required=True)
    parser.add_argument("--passphrase-file", type=Path, required=True)
    parser.add_argument("--import-file", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    passphrase = args.passphrase_file.read_text(encoding="utf-8").strip()
    args.out.mkdir(parents=True, exist_ok=True)

    from casebook.paths import config_dir
    from casebook.service import Notebook
    from ui import exports, work
    from ui.app import AppController, make_application
    from ui.progress import ProgressDialog
    from ui.settings import AppSettings

    app = make_application()
    # No idle lock: nobody touches the keyboard while the figures run.
    controller = AppController(AppSettings(config_dir()), args.notebook, idle_ms=2**31 - 1)
    controller._on_unlocked(Notebook.open(args.notebook, passphrase))
    main_window = controller.main_window
    bridge = main_window.bridge
    lines = []

    def timed(name: str, fn: Any, *fn_args: Any) -> Any:
        dialog = ProgressDialog(name, name, bridge.run, main_window)
        result: list[Any] = []
        dialog.finished_with.connect(result.append)
        watch = Watch(dialog)
        dialog.show()
        dialog.start(fn, *fn_args)
        _run(app, dialog)
        lines.append(watch.line(name, dialog))
        print(lines[-1], flush=True)
        dialog.close()
        return result[0] if result else None

    backup = args.out / "large.casebook-backup"
    timed("Back up now", exports.write_backup, main_window.notebook, backup)
    timed("Check the backup", work.verify_backup, backup, passphrase)
    restored = timed(
        "Restore (check + unpack)", work.restore_and_open, backup, passphrase,
        args.out / f"restored-{int(time.time())}.casebook",
    )  # fmt: skip
    if restored is not None:
        restored.close()
    timed("Check the audit log", work.check_audit, main_window.notebook)
    timed(
        "Export (whole notebook)", work.write_json_export, main_window.notebook,
        args.out / "export.json", None, False, False,
    )  # fmt: skip
    controller.shutdown()

    if args.import_file is not None:
        from casebook.domain import Practitioner

        target = args.out / f"import-{int(time.time())}.casebook"
        notebook, _ = Notebook.create(target, passphrase, Practitioner("Bench", "", ""))
        started = time.monotonic()
        preview = work.preview_import(notebook, args.import_file)
        read = time.monotonic() - started
        print(f"{'Import: read and check':<28} {read:8.1f} s  (busy bar: one step)", flush=True)
        from ui.bridge import Worker

        worker = Worker()
        dialog = ProgressDialog("Import", "Import", worker.run)
        watch = Watch(dialog)
        dialog.show()
        dialog.start(work.run_import, notebook, preview.document)
        _run(app, dialog)
        print(watch.line("Import: write (progress)", dialog), flush=True)
        dialog.close()
        notebook.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
