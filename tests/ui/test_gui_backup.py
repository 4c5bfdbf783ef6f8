"""File ▸ Back up now, and the reminder when the last backup is old (or there is none)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from guihelpers import PASSPHRASE, fake_save, unlock, wait_idle
from PySide6.QtCore import Qt

from ui.exports import backup_age, backup_due, backup_filename


def _set_last_backup(notebook_path: Path, days_ago: float | None) -> None:
    """Record a backup made ``days_ago`` (None: remove any record of one)."""
    from casebook.backup import LAST_BACKUP_SETTING
    from casebook.service import Notebook

    nb = Notebook.open(notebook_path, PASSPHRASE)
    try:
        if days_ago is None:
            with nb.database.transaction() as tx:
                tx.execute("DELETE FROM settings WHERE name = ?", (LAST_BACKUP_SETTING,))
        else:
            when = datetime.now().astimezone() - timedelta(days=days_ago)
            nb.settings.set(LAST_BACKUP_SETTING, when.isoformat(timespec="seconds"))
    finally:
        nb.close()


def test_back_up_now_writes_a_backup_that_verifies(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from casebook.backup import last_backup_time, verify_backup

    save = fake_save(monkeypatch, tmp_path / "usb" / "notebook backup")
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    main.backup_action.trigger()
    qtbot.waitUntil(
        lambda: main.statusBar().currentMessage().startswith("Backup saved"), timeout=30_000
    )
    wait_idle(qtbot, main)
    assert Path(save.offered[0]).name == f"sample-{date.today().isoformat()}.casebook-backup"
    written = tmp_path / "usb" / "notebook backup.casebook-backup"
    assert str(written) in main.statusBar().currentMessage()
    report = verify_backup(written, PASSPHRASE)
    assert report.records > 0
    assert last_backup_time(controller.notebook) is not None
    assert main.backup_reminder.isHidden()
    assert main.backup_action.isEnabled()


@pytest.mark.parametrize(
    ("days_ago", "setting", "shown"),
    [
        pytest.param(
            10, 7, "10 days ago", id="shown_when_the_last_backup_is_older_than_the_setting"
        ),
        pytest.param(2, 7, None, id="hidden_after_a_recent_backup"),
        pytest.param(None, 7, "never been backed up", id="shown_for_a_notebook_never_backed_up"),
        pytest.param(None, 0, None, id="never_shown_when_the_setting_is_zero"),
    ],
)
def test_the_backup_reminder(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    app_settings: Any,
    days_ago: float | None,
    setting: int,
    shown: str | None,
) -> None:
    _set_last_backup(notebook_path, days_ago)
    app_settings.backup_reminder_days = setting
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    if shown is None:
        assert main.backup_reminder.isHidden()
    else:
        assert main.backup_reminder.isVisible()
        assert shown in main.backup_reminder.message.text()


def test_a_dismissed_backup_reminder_stays_away_after_locking_and_unlocking(
    notebook_path: Path, make_controller: Any, qtbot: Any, app_settings: Any
) -> None:
    app_settings.backup_reminder_days = 7
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    assert main.backup_reminder.isVisible()
    qtbot.mouseClick(main.backup_reminder.close_button, Qt.MouseButton.LeftButton)
    assert main.backup_reminder.isHidden()
    controller.lock("manual")
    main = unlock(qtbot, controller)
    assert main.backup_reminder.isHidden()


def test_the_reminders_button_backs_up_the_notebook(
    notebook_path: Path,
    make_controller: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    *,
    app_settings: Any,
) -> None:
    app_settings.backup_reminder_days = 7
    out = tmp_path / "backup.casebook-backup"
    fake_save(monkeypatch, out)
    controller = make_controller(notebook_path)
    main = unlock(qtbot, controller)
    qtbot.mouseClick(main.backup_reminder.back_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists, timeout=30_000)
    wait_idle(qtbot, main)
    assert main.backup_reminder.isHidden()


def test_the_backup_reminder_is_a_setting_and_settings_hold_no_content(
    app_settings: Any, qtbot: Any, tmp_path: Path
) -> None:
    from ui.settings import DEFAULT_BACKUP_REMINDER_DAYS, AppSettings, SettingsDialog

    fresh = AppSettings(tmp_path / "fresh")
    assert fresh.backup_reminder_days == DEFAULT_BACKUP_REMINDER_DAYS == 7
    dialog = SettingsDialog(app_settings)
    qtbot.addWidget(dialog)
    dialog.backup_days.setValue(0)
    assert dialog.backup_days.text() == "Never remind me"
    dialog.backup_days.setValue(14)
    dialog.accept()
    assert app_settings.backup_reminder_days == 14
    assert "reminder_days=14" in app_settings.path.read_text()


def test_a_backup_is_due_after_the_set_days_or_when_there_was_none() -> None:
    now = datetime(2026, 12, 1, 12, 0).astimezone()
    assert backup_due(None, 7, now)
    assert backup_due(now - timedelta(days=8), 7, now)
    assert not backup_due(now - timedelta(days=6), 7, now)
    assert not backup_due(None, 0, now)
    assert backup_age(now - timedelta(days=12), now) == "12 days ago"
    assert backup_age(now - timedelta(hours=1), now) == "today"
    assert backup_age(None, now) == "never"


def test_backup_file_names_are_the_notebook_name_and_the_date() -> None:
    on = date(2026, 12, 1)
    assert backup_filename("Default", on) == "Default-2026-12-01.casebook-backup"
    assert backup_filename("../Work notes", on) == "Work-notes-2026-12-01.casebook-backup"
