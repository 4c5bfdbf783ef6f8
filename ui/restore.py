"""Restore from backup…: choose a backup, check it whole, restore it as a new notebook, open it.

Shown from the welcome window and from File ▸ Restore from backup…. The backup is
checked first (every page, the audit chain, every final record) and what it holds is
shown; it is then restored into a new notebook folder, never over a notebook that
exists (so never over the open one), and opened with the passphrase given. Checking and
restoring run on the worker with a progress bar and Cancel.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casebook.paths import BACKUP_SUFFIX as SUFFIX
from ui import text, work
from ui.progress import ProgressDialog
from ui.settings import choose_notebook_folder, file_dialog_options
from ui.widgets import form_rows, hbox, line_field, password_field, push_button


class RestoreDialog(QDialog):
    """Check a backup, then restore it as a new notebook and open it.

    Args:
        run: ``run(fn, *args, on_done=, on_error=)`` of a worker.
        parent_folder: where the new notebook folder goes to start with.
        open_folder: the notebook open now, if any (never restored over).

    Signals:
        restored(object): the restored notebook, unlocked.
    """

    restored = Signal(object)

    def __init__(
        self,
        run: Callable[..., Any],
        parent_folder: Path,
        open_folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self._run = run
        self._open_folder = open_folder
        self.progress: ProgressDialog | None = None
        self.checked: Any = None  # the BackupReport of the file checked
        self._hint = ""
        intro = QLabel(
            "Choose a backup (.casebook-backup) and type the passphrase it was made with. "
            "Casebook checks the whole backup first, then restores it as a new notebook "
            "and opens it. Nothing that exists is replaced."
        )
        intro.setWordWrap(True)
        self.backup = line_field("Backup file", "No backup chosen")
        self.backup.setReadOnly(True)
        self.choose_button = push_button("Choose…", self.choose_backup)
        self.passphrase = password_field("Passphrase of the backup")
        self.passphrase.textChanged.connect(self._forget_check)
        self.check_button = push_button("Check the backup", self.check_backup)
        self.report = QLabel()
        self.report.setObjectName("backupReport")
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report.hide()
        self.folder = line_field("Folder for the new notebook", text=str(parent_folder))
        self.folder.setReadOnly(True)
        choose_folder = push_button("Choose…", self._choose_folder)
        self.name = line_field("Name of the new notebook")
        self.name.textChanged.connect(self._show_target)
        self.target_label = QLabel()
        self.target_label.setWordWrap(True)
        self.target_label.setEnabled(False)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828")
        self.restore_button = push_button("Restore and open", self.restore)
        self.restore_button.setEnabled(False)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        where = QGroupBox("Restore as a new notebook")
        where_layout = QVBoxLayout(where)
        where_layout.addLayout(
            form_rows(("Folder", hbox(self.folder, choose_folder)), ("Name", self.name))
        )
        where_layout.addWidget(self.target_label)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(
            form_rows(
                ("Backup", hbox(self.backup, self.choose_button)), ("Passphrase", self.passphrase)
            )
        )
        layout.addLayout(hbox(None, self.check_button))
        layout.addWidget(self.report)
        layout.addWidget(where)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addLayout(hbox(None, self.close_button, self.restore_button))
        self.setMinimumWidth(600)

    # -- the backup ---------------------------------------------------------------------

    @Slot()
    def choose_backup(self) -> None:
        """Ask for a backup file."""
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Choose a backup",
            start or str(Path.home()),
            f"Casebook backups (*{SUFFIX});;All files (*)",
            options=file_dialog_options(),
        )
        if path:
            self.set_backup(Path(path))

    def set_name_hint(self, name: str) -> None:
        """The name the new notebook gets when that folder is free (e.g. the default
        notebook's, on the welcome window: the restored notebook then opens by itself)."""
        self._hint = name

    def set_backup(self, path: Path) -> None:
        """Use the backup at ``path`` (and suggest a name for the new notebook from it)."""
        self.backup.setText(str(path))
        self._forget_check()
        folder = Path(self.folder.text())
        if self._hint and not (folder / f"{self._hint}.casebook").exists():
            self.name.setText(self._hint)
            return
        stem = path.name.removesuffix(SUFFIX) or "Restored"
        self.name.setText(self._free_name(stem))

    def _free_name(self, stem: str) -> str:
        folder = Path(self.folder.text())
        name, n = stem, 2
        while (folder / f"{name}.casebook").exists():
            name, n = f"{stem}-{n}", n + 1
        return name

    def _forget_check(self) -> None:
        self.checked = None
        self.report.hide()
        self.restore_button.setEnabled(False)
        self.problem.clear()

    @Slot()
    def check_backup(self) -> None:
        """Check the whole backup on the worker (progress, Cancel)."""
        path = self.backup.text()
        if not path:
            self.problem.setText("Choose a backup first.")
            return
        if not self.passphrase.text():
            self.problem.setText("Type the passphrase the backup was made with.")
            return
        self.problem.clear()
        self.progress = ProgressDialog(
            "Check the backup",
            f"Checking {Path(path).name}: every page, the audit log and every final record…",
            self._run,
            self,
        )
        self.progress.finished_with.connect(self._checked)
        self.progress.open()
        self.progress.start(work.verify_backup, Path(path), self.passphrase.text())

    def _checked(self, report: Any) -> None:
        if self.progress is not None:
            self.progress.accept()
        self.checked = report
        head = report.audit_head
        head_text = (
            f"entry {head.seq:,} ({head.hash[:16]}…)" if head is not None else "not recorded"
        )
        self.report.setText(
            "<b style='color:#1b7f3b'>The backup is whole.</b><br>"
            f"Made {html.escape(text.when(report.created))}; "
            f"{report.records:,} records; {report.audit_entries:,} audit entries; "
            f"audit head {html.escape(head_text)}; {text.file_size(report.size)}."
        )
        self.report.show()
        self._show_target()
        self.adjustSize()

    # -- where it goes ------------------------------------------------------------------

    def _choose_folder(self) -> None:
        folder = choose_notebook_folder(self, Path(self.folder.text()))
        if folder:
            self.folder.setText(str(folder))
            self._show_target()

    def target(self) -> Path | None:
        """The new notebook folder, or None while the name is empty."""
        name = self.name.text().strip().removesuffix(".casebook")
        if not name or "/" in name or name in (".", ".."):
            return None
        return Path(self.folder.text()) / f"{name}.casebook"

    def _target_problem(self, target: Path | None) -> str:
        if target is None:
            return "Give the new notebook a name."
        if self._open_folder is not None and target.resolve() == self._open_folder.resolve():
            return "That is the notebook open now: choose another name."
        if target.exists():
            return "Something of that name is already there: choose another name."
        return ""

    def _show_target(self) -> None:
        target = self.target()
        problem = self._target_problem(target)
        self.target_label.setText(f"It will be at {target}" if target else "")
        self.problem.setText(problem if self.checked is not None else "")
        self.restore_button.setEnabled(self.checked is not None and not problem)

    @Slot()
    def restore(self) -> None:
        """Restore the checked backup into the new folder and open it (progress, Cancel)."""
        target = self.target()
        problem = self._target_problem(target)
        if self.checked is None or problem or target is None:
            self.problem.setText(problem or "Check the backup first.")
            return
        self.progress = ProgressDialog(
            "Restore from backup", f"Restoring {Path(self.backup.text()).name} to {target}…",
            self._run, self,
        )  # fmt: skip
        self.progress.finished_with.connect(self._restored)
        self.progress.open()
        self.progress.start(
            work.restore_and_open, Path(self.backup.text()), self.passphrase.text(), target
        )

    def _restored(self, notebook: Any) -> None:
        if self.progress is not None:
            self.progress.accept()
        self.passphrase.clear()
        self.restored.emit(notebook)
        self.accept()

    def reject(self) -> None:
        self.passphrase.clear()
        super().reject()
