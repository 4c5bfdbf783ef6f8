"""Application settings: window and column sizes, the idle timeout and how often to remind
about backups. Never content: no record text, name, case reference or file path.

Our settings live in ``<config dir>/casebook.ini``. Qt's own user-scope settings (the
file dialog's recent folders, which Qt writes to ``~/.config/QtProject.conf`` in plain
text) are pointed at a private temporary folder that is removed on exit, so no folder
or file name a practitioner opened is left behind.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import dialog_buttons, form_rows

DEFAULT_IDLE_MINUTES = 5
DEFAULT_BACKUP_REMINDER_DAYS = 7
MAX_BACKUP_REMINDER_DAYS = 365
SETTINGS_FILE = "casebook.ini"
_qt_scratch: list[str] = []


def isolate_qt_settings() -> Path:
    """Send Qt's own user settings (QtProject.conf) to a temporary folder; returns it."""
    if not _qt_scratch:
        _qt_scratch.append(tempfile.mkdtemp(prefix="casebook-qt-"))
        import atexit

        atexit.register(shutil.rmtree, _qt_scratch[0], True)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, _qt_scratch[0])
    return Path(_qt_scratch[0])


def file_dialog_options() -> QFileDialog.Option:
    """Qt's own dialog (the native one may keep its own recent-files list)."""
    return QFileDialog.Option.DontUseNativeDialog


def choose_notebook_folder(parent: QWidget, start: Path) -> Path | None:
    """Ask for a notebook folder (``NAME.casebook``); None when the user cancels."""
    path = QFileDialog.getExistingDirectory(
        parent,
        "Open a notebook folder (NAME.casebook)",
        str(start),
        file_dialog_options() | QFileDialog.Option.ShowDirsOnly,
    )
    return Path(path) if path else None


class AppSettings:
    """Typed access to ``casebook.ini``: sizes, the idle timeout and the backup reminder.

    Attributes:
        backup_reminder_dismissed: the user put the backup reminder away; for this run
            of the app only, never written.
    """

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path = folder / SETTINGS_FILE
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)
        self.backup_reminder_dismissed = False

    def _bounded_int(self, key: str, default: int, low: int, high: int) -> int:
        """An integer setting within ``low..high``; ``default`` when unset or unreadable."""
        try:
            value = int(str(self._qs.value(key, default)))
        except (TypeError, ValueError):
            value = default
        return max(low, min(high, value))

    @property
    def idle_minutes(self) -> int:
        """Minutes without input before the notebook locks itself (1-120)."""
        return self._bounded_int("privacy/idle_minutes", DEFAULT_IDLE_MINUTES, 1, 120)

    @idle_minutes.setter
    def idle_minutes(self, minutes: int) -> None:
        self._qs.setValue("privacy/idle_minutes", int(minutes))
        self._qs.sync()

    @property
    def backup_reminder_days(self) -> int:
        """Remind about a backup when the last is older than this many days (0: never)."""
        return self._bounded_int(
            "backup/reminder_days", DEFAULT_BACKUP_REMINDER_DAYS, 0, MAX_BACKUP_REMINDER_DAYS
        )

    @backup_reminder_days.setter
    def backup_reminder_days(self, days: int) -> None:
        self._qs.setValue("backup/reminder_days", int(days))
        self._qs.sync()

    @property
    def theme(self) -> str:
        """View ▸ Theme: "system" (the desktop's), "light" or "dark"."""
        value = str(self._qs.value("view/theme", "system"))
        return value if value in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, name: str) -> None:
        self._qs.setValue("view/theme", name)
        self._qs.sync()

    def state(self, key: str) -> QByteArray | None:
        """A saved geometry, splitter or column state."""
        value = self._qs.value(f"window/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_state(self, key: str, value: QByteArray) -> None:
        """Remember a geometry, splitter or column state."""
        self._qs.setValue(f"window/{key}", value)

    def sync(self) -> None:
        """Write to disk now."""
        self._qs.sync()


class SettingsDialog(QDialog):
    """Settings: how long the notebook waits before locking itself, and backup reminders."""

    def __init__(
        self,
        settings: AppSettings,
        parent: QWidget | None = None,
        pages: list[QWidget] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._settings = settings
        self.pages = pages or []  # more pages (each with ``title`` and ``apply()``)
        self.idle = QSpinBox()
        self.idle.setRange(1, 120)
        self.idle.setSuffix(" minutes")
        self.idle.setValue(settings.idle_minutes)
        self.idle.setAccessibleName("Lock after idle minutes")
        self.backup_days = QSpinBox()
        self.backup_days.setRange(0, MAX_BACKUP_REMINDER_DAYS)
        self.backup_days.setSuffix(" days")
        self.backup_days.setSpecialValueText("Never remind me")
        self.backup_days.setValue(settings.backup_reminder_days)
        self.backup_days.setAccessibleName("Remind me to back up after days")
        wide = self.backup_days.fontMetrics().horizontalAdvance("Never remind me") + 48
        for box in (self.idle, self.backup_days):
            box.setMinimumWidth(wide)  # room for "Never remind me" and the arrows
        form = form_rows(
            ("Lock the notebook after", self.idle),
            ("Remind me to back up after", self.backup_days),
        )
        note = QLabel(
            "The notebook also locks when the computer sleeps or its screen locks. "
            "Settings hold window sizes, this timeout and the reminder only, never case "
            "content."
        )
        note.setWordWrap(True)
        buttons = dialog_buttons(self)
        layout = QVBoxLayout(self)
        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.addLayout(form)
        general_layout.addWidget(note)
        general_layout.addStretch(1)
        if self.pages:
            self.tabs = QTabWidget()
            self.tabs.addTab(general, "General")
            for page in self.pages:
                self.tabs.addTab(page, getattr(page, "title", ""))
            layout.addWidget(self.tabs)
        else:
            layout.addWidget(general)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def accept(self) -> None:
        self._settings.idle_minutes = self.idle.value()
        self._settings.backup_reminder_days = self.backup_days.value()
        for page in self.pages:
            page.apply()  # type: ignore[attr-defined]
        super().accept()
