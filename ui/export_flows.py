"""File ▸ Signed summary and File ▸ Back up now, from the first dialog to the saved file.

A summary goes: the options dialog, the redaction review (:mod:`ui.review`), where to
save, then rendering and signing on the worker. A backup goes: where to save, then the
encrypted copy on the worker. The work itself is in :mod:`ui.exports`; the bars above the
cases (a backup reminder, a summary's fingerprint) are made here and shown by the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow

from casebook.paths import BACKUP_SUFFIX
from ui import exports, text
from ui.infobar import BackupReminder, ResultNotice
from ui.settings import AppSettings, file_dialog_options


class ExportFlows(QObject):
    """Runs the summary and backup flows of a main window.

    Args:
        window: the main window: parent of the dialogs; its status bar says how the work
            goes and its ``show_error`` shows what failed.
        bridge: the way into the notebook.
        settings: the backup reminder's settings.
        cases: every case of the notebook (to choose from in the summary dialog).
        current_ref: the case shown, ticked in the summary dialog to start with.
        save_draft: saves the open draft, so that what is exported includes it.

    Signals:
        summary_running(bool): a summary is being made (True) or is done (False).
        backup_running(bool): a backup is being written (True) or is done (False).
    """

    summary_running = Signal(bool)
    backup_running = Signal(bool)

    def __init__(
        self,
        window: QMainWindow,
        bridge: Any,
        settings: AppSettings,
        *,
        cases: Callable[[], list[Any]],
        current_ref: Callable[[], str | None],
        save_draft: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.bridge = bridge
        self.notebook = bridge.notebook
        self.settings = settings
        self._cases = cases
        self._current_ref = current_ref
        self._save_draft = save_draft
        self._summary_busy = False
        self.closed = False  # the window shut down (lock, quit): late results are dropped
        self.review_dialog: QDialog | None = None  # the redaction review, while it is open
        self.backup_progress: Any = None  # the backup's progress window, while it is open
        self.backup_reminder = BackupReminder()
        self.backup_reminder.back_up.connect(self.back_up_now)
        self.backup_reminder.dismissed.connect(self._dismiss_backup_reminder)
        self.result_notice = ResultNotice()
        self.result_notice.open_requested.connect(open_with_desktop)

    def _status(self, message: str = "", timeout: int = 0) -> None:
        if message:
            self.window.statusBar().showMessage(message, timeout)
        else:
            self.window.statusBar().clearMessage()

    # -- signed summary ------------------------------------------------------------------

    def export_summary(self) -> None:
        """File ▸ Signed summary: choose cases and options, then where to save."""
        from ui.summary import SummaryDialog  # loaded on first use

        if self._summary_busy:
            return  # one is being made
        self._save_draft()
        dialog = SummaryDialog(self._cases(), self._current_ref(), self.window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        options = dialog.options()
        dialog.deleteLater()
        if not accepted or self.closed:
            return
        self._set_summary_busy(True)
        self._status("Gathering the summary for review…")
        self.bridge.run(
            exports.review_summary,
            self.notebook,
            options,
            on_done=lambda review: self._review_summary(options, review),
            on_error=self._summary_failed,
        )

    def _set_summary_busy(self, busy: bool) -> None:
        self._summary_busy = busy
        self.summary_running.emit(busy)

    def _review_summary(self, options: exports.SummaryOptions, review: Any) -> None:
        """The redaction review (and characters no font draws) before where to save."""
        from ui.review import start_review  # loaded on first use

        self._status()
        if self.closed:
            return
        self.review_dialog = start_review(
            self.window,
            review,
            on_accept=lambda decisions: self._name_summary(replace(options, decisions=decisions)),
            on_cancel=self._summary_cancelled,
        )

    def _summary_cancelled(self) -> None:
        self.review_dialog = None
        self._set_summary_busy(False)

    def _name_summary(self, options: exports.SummaryOptions) -> None:
        self.review_dialog = None
        if self.closed:
            return
        self.bridge.run(
            exports.summary_filename,
            self.notebook,
            options.case_refs,
            date.today(),
            on_done=lambda name: self._save_summary_as(options, name),
            on_error=self._summary_failed,
        )

    def _save_summary_as(self, options: exports.SummaryOptions, name: str) -> None:
        path = self.ask_save_path("Save the signed summary", name, "PDF files (*.pdf)")
        if path is None:
            self._set_summary_busy(False)
            return
        self._status("Making and signing the summary…")
        self.bridge.run(
            exports.write_summary,
            self.notebook,
            options,
            exports.with_suffix(path, ".pdf"),
            on_done=self._summary_written,
            on_error=self._summary_failed,
        )

    def _summary_written(self, written: exports.SummaryWritten) -> None:
        self._set_summary_busy(False)
        # The fingerprint (95 characters) does not fit a status bar line beside the path:
        # the bar above the cases shows both in full, selectable, until closed.
        self._status(
            f"Signed summary saved to {written.path} ({text.file_size(written.size)}); "
            "its certificate fingerprint is shown above.",
            60_000,
        )
        self.result_notice.show_summary(written)

    def _summary_failed(self, exc: BaseException) -> None:
        self._set_summary_busy(False)
        self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        self._status()
        self.window.show_error(exc)  # type: ignore[attr-defined]

    # -- backup --------------------------------------------------------------------------

    def back_up_now(self) -> None:
        """File ▸ Back up now: an encrypted copy of the whole notebook, where the user says."""
        self._save_draft()
        name = exports.backup_filename(self.notebook.name, date.today())
        path = self.ask_save_path(
            "Back up the notebook", name, f"Casebook backups (*{BACKUP_SUFFIX})"
        )
        if path is None:
            return
        from ui.progress import ProgressDialog

        self._set_backup_busy(True)
        self._status("Backing up the notebook…")
        progress = ProgressDialog(
            "Back up the notebook", f"Writing an encrypted backup to {path}…",
            self.bridge.run, self.window,
        )  # fmt: skip
        progress.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        progress.finished_with.connect(lambda written: self._backup_written(written, progress))
        progress.ended.connect(lambda outcome: self._backup_ended(progress, outcome))
        progress.finished.connect(lambda _: self._backup_ended(progress, ""))
        self.backup_progress = progress
        progress.open()
        progress.start(exports.write_backup, self.notebook, path)

    def _set_backup_busy(self, busy: bool) -> None:
        self.backup_reminder.back_up_button.setEnabled(not busy)
        self.backup_running.emit(busy)

    def _backup_written(self, path: Path, progress: Any = None) -> None:
        self._set_backup_busy(False)
        self.backup_reminder.hide()
        try:
            size = f" ({text.file_size(path.stat().st_size)}, encrypted)"
        except OSError:
            size = ""
        message = f"Backup saved to {path}{size}. It opens with this notebook's passphrase."
        self._status(message, 60_000)
        self.result_notice.show_backup(path, size)
        if progress is not None:
            progress.show_result(message)

    def _backup_ended(self, progress: Any, outcome: str) -> None:
        """The backup failed or was cancelled (``outcome``), or its window closed ("")."""
        if outcome in ("cancelled", "failed") or (not outcome and not progress.outcome):
            self._set_backup_busy(False)
            self._status()
        if not outcome and self.backup_progress is progress:
            self.backup_progress = None

    def check_backup_reminder(self) -> None:
        """Show the backup reminder if the last backup is older than the setting (a
        notebook that holds no case yet has nothing to back up)."""
        if self.settings.backup_reminder_dismissed or self.settings.backup_reminder_days <= 0:
            self.backup_reminder.hide()
            return
        self.bridge.run(
            exports.backup_state, self.notebook, on_done=lambda s: self._show_backup_reminder(*s)
        )

    def _show_backup_reminder(self, last: datetime | None, holds_cases: bool = True) -> None:
        now = datetime.now().astimezone()
        days = self.settings.backup_reminder_days
        if (
            self.settings.backup_reminder_dismissed
            or not holds_cases
            or not exports.backup_due(last, days, now)
        ):
            self.backup_reminder.hide()
        else:
            self.backup_reminder.show_age(last, now)

    def _dismiss_backup_reminder(self) -> None:
        self.settings.backup_reminder_dismissed = True

    # -- where to save -------------------------------------------------------------------

    def ask_save_path(self, title: str, name: str, filter_: str) -> Path | None:
        """Ask where to save a file, starting in Documents with ``name`` (None: cancelled).

        Qt's own dialog (``file_dialog_options``): no recent-files list outside Casebook
        learns the names of folders the practitioner saves to.
        """
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = Path(folder) if folder and Path(folder).is_dir() else Path.home()
        path, _ = QFileDialog.getSaveFileName(
            self.window, title, str(start / name), filter_, options=file_dialog_options()
        )
        if not path or self.closed:  # cancelled, or the notebook locked meanwhile
            return None
        return Path(path)


def open_with_desktop(path: Path) -> None:
    """Open a file or folder with the desktop's own program (a PDF reader, the files app)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
