"""The notebook-wide flows of the File and Help menus that the CLI also has: import and
export casebook/1, restore from backup, verify and countersign a summary, check the
audit log; and a PDF dropped on the main window, which is verified.

Each flow collects input in a dialog, runs the core's work on the bridge's worker
(:mod:`ui.work`) and shows the outcome; long work shows a progress bar with Cancel
(:class:`ui.progress.ProgressDialog`). The dialog a flow opened last is kept as
``self.dialog`` (the tests and the screenshot tool reach it there).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMessageBox, QWidget

from ui import text, work
from ui.drops import PdfDrops
from ui.messages import describe
from ui.progress import ProgressDialog
from ui.settings import file_dialog_options


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


# Any dialog a flow keeps while it is open.
D = TypeVar("D", bound=QDialog)


class AppFlows(QObject):
    """Runs the import, export, restore, verify, countersign and audit-check flows.

    Args:
        window: the main window (parent of the dialogs; drops on it are verified).
        bridge: the way into the notebook.
        cases: every case of the notebook (to choose from).
        current_ref: the case shown.
        save_draft: saves the open draft, so that what is exported includes it.

    Signals:
        restored(object): a backup was restored as a new notebook and unlocked; the app
            closes the open notebook and shows that one.
    """

    restored = Signal(object)

    def __init__(
        self,
        window: QMainWindow,
        bridge: Any,
        *,
        cases: Any,
        current_ref: Any,
        save_draft: Any,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.bridge = bridge
        self.notebook = bridge.notebook
        self._cases = cases
        self._current_ref = current_ref
        self._save_draft = save_draft
        self.dialog: QDialog | None = None
        self._token = object()  # which dialog self.dialog is
        self.pdf_drops = PdfDrops(window, self.verify)

    def _keep(self, dialog: D) -> D:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        token = self._token = object()
        dialog.destroyed.connect(lambda *_: self._forget(token))
        self.dialog = dialog
        return dialog

    def _forget(self, token: object) -> None:
        # Only the dialog that went: the next may already be open (a preview's import).
        if self._token is token:
            self.dialog = None

    def _problem(self, exc: BaseException, parent: QWidget | None = None) -> None:
        title, detail = describe(exc)
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, detail, QMessageBox.StandardButton.Ok,
            parent or self.window,
        )  # fmt: skip
        box.setTextFormat(Qt.TextFormat.PlainText)
        self._keep(box).open()

    # -- retention ----------------------------------------------------------------------

    def retention(self) -> QDialog:
        """View ▸ Retention and legal hold…: rules, review dates, holds, deletion."""
        from ui.retention import RetentionDialog

        pane = getattr(self.window, "record_pane", None)
        forget = pane.forget_case if pane is not None else (lambda ref: None)
        dialog = self._keep(RetentionDialog(self.bridge, forget, self.window))
        dialog.open()
        return dialog

    def subject_access(self) -> QDialog:
        """File ▸ Subject-access pack…: a signed pack for one person of a case."""
        from ui.sar import SubjectAccessDialog

        self._save_draft()
        cases = self._cases()
        dialog = SubjectAccessDialog(self.bridge, cases, self._current_ref(), self.window)
        self._keep(dialog).open()
        return dialog

    # -- import -------------------------------------------------------------------------

    def import_file(self, path: Path | None = None) -> None:
        """File ▸ Import casebook/1…: choose a file, see what it holds, import it."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self.window, "Import a casebook/1 file", str(_documents()),
                "casebook/1 JSON (*.json);;All files (*)", options=file_dialog_options(),
            )  # fmt: skip
            if not chosen:
                return
            path = Path(chosen)
        self._save_draft()
        self.window.statusBar().showMessage(f"Reading {path.name}…")
        self.bridge.run(
            work.preview_import, self.notebook, path,
            on_done=lambda preview: self._preview(preview, path),
            on_error=self._preview_failed,
        )  # fmt: skip

    def _preview_failed(self, exc: BaseException) -> None:
        self.window.statusBar().clearMessage()
        self._problem(exc)

    def _preview(self, preview: Any, path: Path) -> None:
        from ui.import_export import ImportPreviewDialog

        self.window.statusBar().clearMessage()
        dialog = self._keep(ImportPreviewDialog(preview, path.name, self.window))
        dialog.accepted.connect(lambda: self._import(preview, path))
        dialog.open()

    def _import(self, preview: Any, path: Path) -> None:
        progress = ProgressDialog(
            "Import casebook/1", f"Importing {path.name}: all of it, or nothing…",
            self.bridge.run, self.window,
        )  # fmt: skip
        progress.finished_with.connect(lambda result: self._imported(progress, result))
        self._keep(progress).open()
        progress.start(work.run_import, self.notebook, preview.document)

    def _imported(self, progress: ProgressDialog, result: Any) -> None:
        c = text.count
        message = (
            f"Imported {c(result.cases, 'case')}, {c(result.people, 'person', 'people')}, "
            f"{c(result.records, 'record')}, {c(result.attachments, 'attachment')} and "
            f"{c(result.reflections, 'reflection')}."
        )
        progress.show_result(message)
        self.window.statusBar().showMessage(message, 15_000)

    # -- export -------------------------------------------------------------------------

    def export_file(self) -> None:
        """File ▸ Export…: the whole notebook or one case, as casebook/1 JSON."""
        from ui.import_export import ExportDialog

        self._save_draft()
        dialog = self._keep(ExportDialog(self._cases(), self._current_ref(), self.window))
        dialog.accepted.connect(
            lambda: self._name_export(
                dialog.case_refs(), dialog.reflections.isChecked(), dialog.phrases.isChecked()
            )
        )
        dialog.open()

    def _name_export(self, refs: list[str] | None, reflections: bool, phrases: bool) -> None:
        self.bridge.run(
            work.export_filename, self.notebook, refs, date.today(),
            on_done=lambda name: self._export_to(refs, reflections, phrases, name),
            on_error=self._problem,
        )  # fmt: skip

    def _export_to(self, refs: Any, reflections: bool, phrases: bool, name: str) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Export (not encrypted)", str(_documents() / name),
            "casebook/1 JSON (*.json)", options=file_dialog_options(),
        )  # fmt: skip
        if not path:
            return
        progress = ProgressDialog(
            "Export casebook/1", f"Exporting to {Path(path).name}…", self.bridge.run, self.window
        )
        progress.finished_with.connect(
            lambda written: progress.show_result(
                f"Exported {text.count(written.cases, 'case')} to "
                f"{written.path} ({text.file_size(written.size)}). The file is NOT "
                "encrypted: keep it safe and delete it when done."
            )
        )
        self._keep(progress).open()
        progress.start(
            work.write_json_export, self.notebook, Path(path), refs, reflections, phrases
        )

    # -- restore ------------------------------------------------------------------------

    def restore(self) -> None:
        """File ▸ Restore from backup…: into a new notebook, which then opens."""
        from ui.restore import RestoreDialog

        self._save_draft()
        folder = Path(self.notebook.folder)
        dialog = self._keep(RestoreDialog(self.bridge.run, folder.parent, folder, self.window))
        dialog.restored.connect(self.restored)
        dialog.open()

    # -- summaries ----------------------------------------------------------------------

    def verify(self, path: Path | None = None) -> QDialog:
        """Verify a summary… (or the PDF dropped on the window)."""
        from ui.verify import VerifyDialog

        dialog = self._keep(VerifyDialog(self.bridge, self.window))
        dialog.open()
        if path is not None:
            dialog.verify_file(path)
        return dialog

    def countersign(self) -> QDialog:
        """Countersign…: a practitioner's summary, with a comment, saved as a new file."""
        from ui.countersign import CountersignDialog

        dialog = self._keep(CountersignDialog(self.bridge, self.window))
        dialog.open()
        return dialog

    def trusted_certificates(self) -> QDialog:
        """The certificates trusted besides this notebook's own."""
        from ui.trust import TrustDialog

        dialog = self._keep(TrustDialog(self.bridge, self.window))
        dialog.open()
        return dialog

    # -- audit log ----------------------------------------------------------------------

    def check_audit(self, parent: QWidget | None = None) -> ProgressDialog:
        """Check the audit log: the chain, every final record and addendum, every page."""
        progress = ProgressDialog(
            "Check the audit log",
            "Checking every page of the notebook, the audit log's chain, every final record "
            "and every addendum…",
            self.bridge.run,
            parent or self.window,
        )
        progress.finished_with.connect(lambda report: self._audit_checked(progress, report))
        self._keep(progress).open()
        progress.start(work.check_audit, self.notebook)
        return progress

    def _audit_checked(self, progress: ProgressDialog, report: Any) -> None:
        from PySide6.QtWidgets import QDialogButtonBox, QPushButton

        whole, message = work.audit_outcome(report)
        progress.show_result(message, ok=whole)
        # audit verify --against: a head kept outside the notebook shows a cut-off log.
        against = QPushButton("Check against a summary or backup…")
        against.setObjectName("checkAgainst")
        against.clicked.connect(lambda: self._check_against(progress, message, whole))
        progress.buttons.addButton(against, QDialogButtonBox.ButtonRole.ActionRole)

    def _check_against(self, progress: ProgressDialog, message: str, whole: bool) -> None:
        path, _ = QFileDialog.getOpenFileName(
            progress, "Check against a summary or backup", str(_documents()),
            "Signed summaries and backups (*.pdf *.casebook-backup);;All files (*)",
            options=file_dialog_options(),
        )  # fmt: skip
        if not path:
            return
        self.bridge.run(
            work.check_against, self.notebook, Path(path),
            on_done=lambda found: progress.show_result(
                f"{message}\n{found[1]}", ok=whole and found[0]
            ),
            on_error=lambda exc: self._problem(exc, progress),
        )  # fmt: skip
