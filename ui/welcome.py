"""First run: create a notebook, open the fictional demo notebook, or open another one;
or verify a signed summary someone sent, with no notebook at all (also a dropped PDF).

Creating a notebook shows its recovery key once, with Print and Save…, and the notebook
opens only when the practitioner has typed the key back (:mod:`ui.recovery_key`).
"""

from __future__ import annotations

import html
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from casebook.passphrase import MIN_PASSPHRASE, passphrase_strength
from ui.bridge import Worker
from ui.drops import PdfDrops
from ui.icons import app_icon, icon
from ui.messages import describe
from ui.recovery_key import RecoveryKeyPanel
from ui.settings import choose_notebook_folder
from ui.widgets import (
    busy_bar,
    form_rows,
    hbox,
    line_field,
    password_field,
    problem_label,
    show_problem,
)

DEMO_PASSPHRASE = "demo"
DEMO_FOLDER_NAME = "Demo.casebook"
DEMO_HINT = "This is the fictional demo notebook. Its passphrase is “demo”."


def default_folder() -> Path:
    """Where a new notebook goes (``CASEBOOK_NOTEBOOK`` or the data folder)."""
    from casebook.paths import default_notebook

    return default_notebook()


def demo_folder() -> Path:
    """The demo notebook, next to the default one."""
    from casebook.paths import data_dir

    return data_dir() / DEMO_FOLDER_NAME


def _create(folder: Path, passphrase: str, name: str, role: str, organisation: str) -> Any:
    from casebook.domain import Practitioner
    from casebook.service import Notebook

    return Notebook.create(folder, passphrase, Practitioner(name, role, organisation))


def _create_demo(folder: Path, passphrase: str) -> Any:
    from casebook.demo import create_demo_notebook

    return create_demo_notebook(folder, passphrase)


class WelcomeWindow(QWidget):
    """Shown when there is no notebook at the default place.

    Signals:
        opened(object): a new notebook is created and open (a :class:`Notebook`).
        unlock_requested(object, str): unlock the notebook at this Path, with a hint.
    """

    opened = Signal(object)
    unlock_requested = Signal(object, str)

    def __init__(self, folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder or default_folder()
        self._worker = Worker(self)
        self._notebook: Any = None
        self.setWindowTitle("Casebook — Welcome")
        self.setWindowIcon(app_icon())
        self.setObjectName("welcomeWindow")
        self.pages = QStackedWidget()
        self.choose_page = self._build_choose()
        self.create_page = self._build_create()
        self.key_page = self._build_key()
        for page in (self.choose_page, self.create_page, self.key_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.pages)
        quit_shortcut = QShortcut(QKeySequence("Ctrl+Q"), self)  # as in the main window
        quit_shortcut.activated.connect(self.close)
        self.resize(640, 560)

    # -- pages --------------------------------------------------------------------------

    def _build_choose(self) -> QWidget:
        page = QWidget()
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        heading = QLabel("<h1>Welcome to Casebook</h1>")
        intro = QLabel(
            "Casebook keeps your case notes encrypted on this computer. It works offline "
            "and never connects to the internet. Everything you write is saved as you type."
        )
        intro.setWordWrap(True)
        self.create_button = QCommandLinkButton(
            "Create notebook", "Start your own notebook, protected by a passphrase."
        )
        self.create_button.setIcon(icon("new_record"))
        self.create_button.clicked.connect(lambda: self._show(self.create_page))
        self.demo_button = QCommandLinkButton(
            "Open the demo notebook",
            "A fictional caseload to try Casebook with. Its passphrase is “demo”. "
            "Never write real notes in it.",
        )
        self.demo_button.setIcon(icon("demo"))
        self.demo_button.clicked.connect(self.open_demo)
        self.other_button = QCommandLinkButton(
            "Open another notebook…", "A notebook folder (NAME.casebook) somewhere else."
        )
        self.other_button.setIcon(icon("open"))
        self.other_button.clicked.connect(self._choose_other)
        self.restore_button = QCommandLinkButton(
            "Restore from backup…",
            "A .casebook-backup file: checked whole, then restored as a new notebook.",
        )
        self.restore_button.setIcon(icon("backup"))
        self.restore_button.clicked.connect(self.restore)
        self.restore_dialog: Any = None
        self.verify_button = QCommandLinkButton(
            "Verify a signed summary…",
            "Check who signed a summary (PDF) you were sent and that nothing in it changed. "
            "No notebook needed; you can also drop the PDF on this window.",
        )
        self.verify_button.setIcon(icon("final"))
        self.verify_button.clicked.connect(partial(self.verify_summary, None))
        self.verify_dialog: Any = None
        self.pdf_drops = PdfDrops(self, self.verify_summary)
        self.choose_busy = busy_bar()
        self.choose_error = QLabel()
        self.choose_error.setWordWrap(True)
        self.choose_error.hide()
        head = QHBoxLayout()
        head.addWidget(logo)
        head.addWidget(heading, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(head)
        layout.addWidget(intro)
        layout.addSpacing(12)
        layout.addWidget(self.create_button)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.other_button)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.verify_button)
        layout.addWidget(self.choose_busy)
        layout.addWidget(self.choose_error)
        layout.addStretch(1)
        return page

    def _build_create(self) -> QWidget:
        page = QWidget()
        heading = QLabel("<h2>Create your notebook</h2>")
        where = QLabel(f"It will be kept at {html.escape(str(self.folder))}")
        where.setWordWrap(True)
        where.setEnabled(False)
        self.name = line_field("Your name")
        self.role = line_field("Your role", "e.g. Social Worker, Probation Officer")
        self.organisation = line_field("Organisation")
        self.passphrase = password_field("Passphrase")
        self.passphrase2 = password_field("Passphrase again")
        self.strength = QProgressBar()
        self.strength.setRange(0, 3)
        self.strength.setTextVisible(False)
        self.strength.setMaximumHeight(8)
        self.strength.setAccessibleName("Passphrase strength")
        self.strength_hint = QLabel()
        self.strength_hint.setWordWrap(True)
        self.passphrase.textChanged.connect(self._update_strength)
        self.passphrase2.textChanged.connect(self._update_strength)
        # Enter anywhere in the form tries to create, and says what is missing if it can't.
        for field in (self.name, self.role, self.organisation, self.passphrase, self.passphrase2):
            field.returnPressed.connect(self.create_notebook)
        form = form_rows(
            ("Your name", self.name),
            ("Role", self.role),
            ("Organisation", self.organisation),
            ("Passphrase", self.passphrase),
            ("Passphrase again", self.passphrase2),
            ("", self.strength),
            ("", self.strength_hint),
        )
        note = QLabel(
            "The passphrase protects everything in the notebook. Nobody, including "
            "Casebook's makers, can recover your notes without it or the recovery key "
            "you will be shown next."
        )
        note.setWordWrap(True)
        self.create_busy = busy_bar()
        self.create_error = problem_label()
        self.back = QPushButton("Back")
        self.back.clicked.connect(lambda: self._show(self.choose_page))
        self.create_confirm = QPushButton("Create notebook")
        self.create_confirm.setDefault(True)
        self.create_confirm.clicked.connect(self.create_notebook)
        buttons = hbox(self.back, None, self.create_confirm)
        layout = QVBoxLayout(page)
        layout.addWidget(heading)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.create_busy)
        layout.addWidget(self.create_error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._update_strength()
        return page

    def _build_key(self) -> QWidget:
        page = QWidget()
        heading = QLabel("<h2>Your recovery key</h2>")
        explain = QLabel(
            "If you forget your passphrase, this key is the only way back into your "
            "notebook. Write it down, print it or save it to a removable drive now, and "
            "keep it somewhere safe, away from this computer. It is shown only once."
        )
        explain.setWordWrap(True)
        self.key_panel = RecoveryKeyPanel()
        self.recovery_key = self.key_panel.key
        self.continue_button = QPushButton("Open my notebook")
        self.continue_button.setEnabled(False)
        self.continue_button.setDefault(True)
        self.key_panel.confirmed.connect(self.continue_button.setEnabled)
        self.key_panel.retype.returnPressed.connect(self._finish_if_confirmed)
        self.continue_button.clicked.connect(self._finish)
        buttons = hbox(None, self.continue_button)
        layout = QVBoxLayout(page)
        layout.addWidget(heading)
        layout.addWidget(explain)
        layout.addSpacing(8)
        layout.addWidget(self.key_panel)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _finish_if_confirmed(self) -> None:
        if self.key_panel.is_confirmed:
            self._finish()

    def _show(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        if page is self.create_page:
            self.name.setFocus()

    # -- actions --------------------------------------------------------------------------

    @Slot()
    def _update_strength(self) -> None:
        score, hint = passphrase_strength(self.passphrase.text())
        self.strength.setValue(score)
        if self.passphrase2.text() and self.passphrase2.text() != self.passphrase.text():
            hint += " The two passphrases differ."
        self.strength_hint.setText(hint)

    def show_create(self) -> None:
        """Go to the create form."""
        self._show(self.create_page)

    @Slot()
    def create_notebook(self) -> None:
        """Check the form and create the notebook on the worker thread."""
        if self._worker.busy:
            return
        problem = ""
        if not self.name.text().strip():
            problem = "Enter your name."
        elif len(self.passphrase.text()) < MIN_PASSPHRASE:
            problem = f"The passphrase needs at least {MIN_PASSPHRASE} characters."
        elif self.passphrase.text() != self.passphrase2.text():
            problem = "The two passphrases are not the same."
        show_problem(self.create_error, problem)
        if problem:
            (self.name if "name" in problem else self.passphrase).setFocus()
            return
        self._set_busy(True, self.create_busy)
        self._worker.run(
            _create,
            self.folder,
            self.passphrase.text(),
            self.name.text().strip(),
            self.role.text().strip(),
            self.organisation.text().strip(),
            on_done=self._created,
            on_error=self._create_failed,
        )

    def _created(self, result: tuple[Any, str]) -> None:
        self._set_busy(False, self.create_busy)
        self._notebook, key = result
        self.passphrase.clear()
        self.passphrase2.clear()
        self.key_panel.set_key(key)
        self._show(self.key_page)
        self.key_panel.retype.setFocus()

    def _create_failed(self, exc: BaseException) -> None:
        self._set_busy(False, self.create_busy)
        title, detail = describe(exc)
        show_problem(self.create_error, f"{title}. {detail}")

    @Slot()
    def _finish(self) -> None:
        notebook, self._notebook = self._notebook, None
        self.key_panel.clear()
        if notebook is not None:
            self.opened.emit(notebook)

    @Slot()
    def open_demo(self) -> None:
        """Create the demo notebook (passphrase "demo") or unlock it if it exists."""
        from casebook.paths import is_notebook

        folder = demo_folder()
        if is_notebook(folder):
            self.unlock_requested.emit(folder, DEMO_HINT)
            return
        if self._worker.busy:
            return
        self.choose_error.hide()
        self._set_busy(True, self.choose_busy)
        self._worker.run(
            _create_demo,
            folder,
            DEMO_PASSPHRASE,
            on_done=self._demo_created,
            on_error=self._demo_failed,
        )

    def _demo_created(self, result: tuple[Any, str]) -> None:
        self._set_busy(False, self.choose_busy)
        self.opened.emit(result[0])

    def _demo_failed(self, exc: BaseException) -> None:
        self._set_busy(False, self.choose_busy)
        title, detail = describe(exc)
        self.choose_error.setText(f"<b>{html.escape(title)}</b><br>{html.escape(detail)}")
        self.choose_error.show()

    def _set_busy(self, busy: bool, bar: QProgressBar) -> None:
        bar.setVisible(busy)
        for widget in (
            self.create_button,
            self.demo_button,
            self.other_button,
            self.restore_button,
            self.create_confirm,
            self.back,
        ):
            widget.setEnabled(not busy)

    @Slot()
    def restore(self) -> None:
        """Restore from backup…: a backup becomes a new notebook, which then opens."""
        from ui.restore import RestoreDialog

        dialog = RestoreDialog(self._worker.run, self.folder.parent, None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self.opened)
        dialog.set_name_hint(self.folder.name.removesuffix(".casebook"))
        self.restore_dialog = dialog
        dialog.open()

    def verify_summary(self, path: Path | None = None) -> Any:
        """Verify a signed summary… (or the PDF dropped on this window), no notebook."""
        from ui.verify import VerifyDialog

        if self.verify_dialog is None:
            self.verify_dialog = VerifyDialog(None, self)
        self.verify_dialog.open()
        if path is not None:
            self.verify_dialog.verify_file(Path(path))
        return self.verify_dialog

    @Slot()
    def _choose_other(self) -> None:
        path = choose_notebook_folder(self, self.folder.parent)
        if path:
            self.unlock_requested.emit(path, "")

    def closeEvent(self, event: Any) -> None:
        self._worker.wait()
        if self._notebook is not None:  # created, but the key page was closed: still open it
            self._finish()
        super().closeEvent(event)
