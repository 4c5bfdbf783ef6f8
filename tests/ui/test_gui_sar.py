"""File ▸ Subject-access pack…: the person chosen, the withheld log shown, the pack signed
and saved (issue 14, part 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guihelpers import fake_save, open_case, unlock


def _open(qtbot: Any, main: Any) -> Any:
    open_case(qtbot, main, "C-1042")
    main.menus.sar_action.trigger()
    dialog = main.flows.dialog
    qtbot.waitUntil(lambda: dialog.person_box.count() == 3, timeout=5000)
    return dialog


def test_the_dialog_shows_the_withheld_log_before_anything_is_signed(
    notebook_path: Path, make_controller: Any, qtbot: Any
) -> None:
    main = unlock(qtbot, make_controller(notebook_path))
    dialog = _open(qtbot, main)
    assert dialog.case_box.currentData() == "C-1042"
    assert not dialog.save_button.isEnabled()
    dialog.person_box.setCurrentIndex(dialog.person_box.findData("p1"))
    dialog.prepare_button.click()
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10000)
    assert "Jane Smith" in dialog.outcome.text()
    log = dialog.withheld.toPlainText()
    assert "would identify a child" in log and "Lily" not in log and "Mark" not in log


def test_sign_and_save_writes_a_signed_pack(
    notebook_path: Path, make_controller: Any, qtbot: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    from casebook.signing import verify_pdf

    main = unlock(qtbot, make_controller(notebook_path))
    dialog = _open(qtbot, main)
    dialog.person_box.setCurrentIndex(dialog.person_box.findData("p1"))
    dialog.prepare_button.click()
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10000)
    out = tmp_path / "pack.pdf"
    fake_save(monkeypatch, out)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "saved" in dialog.outcome.text(), timeout=20000)
    assert verify_pdf(out.read_bytes()).ok
    assert dialog.isVisible()
