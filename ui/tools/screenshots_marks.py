"""Screenshots of fact, hearsay and opinion (issue 14): the editor with marked passages, the
Chronology tab with events, the court version's dialog and the court chronology PDF's first
page (drawn with ``pdftoppm`` when it is installed).

Run: ``python -m ui.tools.screenshots_marks [OUTPUT_DIR]`` (default docs/screenshots). Like
:mod:`ui.tools.screenshots`, everything lives in a temporary folder removed afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from casebook import marks as mk

ROOT = Path(__file__).resolve().parents[2]
NARRATIVE = (
    "Aga said that Łukasz had phoned her twice on Sunday asking to see the children. "
    "She told him to speak to his solicitor.\n"
    "Zofia was drawing at the table and looked up each time her father's name was said. "
    "Kacper stayed close to his mother for the whole visit.\n"
    "In my view Aga is holding to the Written Agreement under real pressure, and the calls "
    "are an attempt to reopen contact outside the agreed plan."
)


def _passage(text: str, start: str, end: str) -> tuple[int, int]:
    first = text.index(start)
    return first, text.index(end, first) + len(end)


def demo_marks() -> dict[str, list[dict[str, Any]]]:
    """The marks of the screenshot's draft: one of each class."""
    reported = _passage(NARRATIVE, "Aga said", "solicitor.")
    observed = _passage(NARRATIVE, "Zofia was", "whole visit.")
    opinion = _passage(NARRATIVE, "In my view", "agreed plan.")
    return {
        "narrative": [
            {"start": reported[0], "end": reported[1], "class": mk.REPORTED, "source": "p2",
             "to": "me"},
            {"start": observed[0], "end": observed[1], "class": mk.OBSERVED},
            {"start": opinion[0], "end": opinion[1], "class": mk.OPINION,
             "basis": "three visits since March and the school's account"},
        ]
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Write the screenshots; returns the exit status."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="casebook-marks-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for var, sub in (("HOME", "home"), ("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data")):
        os.environ[var] = str(scratch / sub)
    os.environ.setdefault("CASEBOOK_KDF_COST", "test")
    try:
        return _shoot(out, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _prepare(folder: Path) -> str:
    """A demo notebook (its events, marks and significance note are in the demo's data)
    with a draft marked as the editor shot shows it."""
    from casebook.demo import create_demo_notebook

    notebook, _key = create_demo_notebook(folder, "demo")
    try:
        draft = notebook.records.create("C-2041", {
            "kind": "session", "event_at": _an_hour_ago(),
            "location": "home_visit", "people": ["p2", "p3", "p4"],
            "fields": {"session_type": "review", "narrative": NARRATIVE},
            "spans": demo_marks(),
        })  # fmt: skip
        return draft.id
    finally:
        notebook.close()


def _an_hour_ago() -> str:
    from datetime import datetime, timedelta

    return (datetime.now().astimezone() - timedelta(hours=1)).isoformat(timespec="minutes")


def _shoot(out: Path, scratch: Path) -> int:
    from casebook.service import Notebook
    from ui.app import AppController, dispose_windows, make_application
    from ui.settings import AppSettings

    app = make_application()
    folder = scratch / "Demo.casebook"
    draft = _prepare(folder)

    def settle(bridge: Any = None, rounds: int = 8) -> None:
        for _ in range(rounds):
            app.processEvents()
            if bridge is not None:
                bridge.wait()
            time.sleep(0.06)
            app.processEvents()

    def save(widget: Any, name: str) -> None:
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        print(path)

    settings = AppSettings(scratch / "config")
    settings.backup_reminder_days = 0
    controller = AppController(settings, folder)
    controller._on_unlocked(Notebook.open(folder, "demo"))
    main = controller.main_window
    main.resize(1280, 800)
    bridge = controller.bridge
    settle(bridge)
    main.open_record(draft)
    settle(bridge)
    narrative = main.editor.form.fields["narrative"]
    main.editor.scroll_area.ensureWidgetVisible(narrative, 0, 240)
    settle(bridge)
    save(main, "editor-marks")
    from ui.marking import ReportedDialog

    reported = ReportedDialog(main.editor.people, main)
    reported.told_to.setText("me")
    reported.show()
    settle()
    save(reported, "reported-dialog")
    reported.reject()
    main.open_case("C-2041")
    settle(bridge)
    main.case_view.tabs.setCurrentIndex(2)
    settle(bridge)
    save(main, "chronology-events")
    main.case_view.add_event_button.click()
    settle(bridge)
    save(main.record_pane.dialog, "add-event-dialog")
    main.record_pane.dialog.reject()
    main.menus.court_chronology_action.trigger()
    settle(bridge)
    save(main.record_pane.dialog, "court-chronology-dialog")
    main.record_pane.dialog.reject()
    pdf = _court_pdf(controller.notebook)
    controller.shutdown()
    dispose_windows()
    if shutil.which("pdftoppm"):
        (scratch / "court.pdf").write_bytes(pdf)
        # The page where the marked draft's passages start (pages end in a form feed).
        text = subprocess.run(
            ["pdftotext", str(scratch / "court.pdf"), "-"], capture_output=True, text=True,
            check=True,
        ).stdout  # fmt: skip
        marked = 1 + next(i for i, page in enumerate(text.split("\f")) if "phoned her" in page)
        for name, page in (("court-chronology-pdf", 1), ("court-chronology-pdf-marked", marked)):
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page),
                 "-singlefile", str(scratch / "court.pdf"), str(out / name)],
                check=True,
            )  # fmt: skip
            print(out / f"{name}.png")
    return 0


def _court_pdf(notebook: Any) -> bytes:
    from casebook.summary.chronology_pdf import export_chronology

    return export_chronology(
        notebook, "C-2041", significant_only=False, include_drafts=True, redaction="none",
        court=True,
    )  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
