"""Small dialogs: new case, person, keyboard shortcuts, about."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casebook import kinds
from casebook.domain import Person
from ui.editors.fields import DateEdit
from ui.icons import app_icon
from ui.widgets import (
    SAVE_CANCEL,
    dialog_buttons,
    form_rows,
    hbox,
    line_field,
    problem_label,
    show_problem,
)


class NewCaseDialog(QDialog):
    """A new case: its reference and a short title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New case")
        self.ref = line_field("Case reference", "e.g. C-2101")
        self.title_edit = line_field("Case title", "e.g. Smith household")
        # Work that began before it was written here opens on the day it began.
        self.opened_edit = DateEdit("Opened on", kind="event", clearable=False)
        self.opened_edit.set_value(date.today().isoformat())
        form = form_rows(
            ("Reference", self.ref),
            ("Title", self.title_edit),
            ("Opened on", hbox(self.opened_edit, None)),
        )
        self.buttons = dialog_buttons(self, ok_text="Create case")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.ref.textChanged.connect(lambda t: ok.setEnabled(bool(t.strip())))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(420, 0)

    def values(self) -> tuple[str, str]:
        """(reference, title)."""
        return self.ref.text().strip(), self.title_edit.text().strip()

    def opened(self) -> str | None:
        """The day the case opened (``YYYY-MM-DD``)."""
        return self.opened_edit.value()


class PersonDialog(QDialog):
    """Add or edit someone in a case: name, preferred and other names, role, birth date, GP."""

    def __init__(self, person: Person | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit person" if person else "Add person")
        self.person = person
        self.name = line_field("Full name", text=person.name if person else "")
        self.preferred = line_field(
            "Preferred name",
            "What they like to be called",
            person.preferred_name if person else "",
        )
        self.other_names = line_field(
            "Other names",
            "Nicknames, other spellings: Gosia, Gośka",
            ", ".join(person.other_names) if person else "",
        )
        self.other_names.setToolTip(
            "Other names the person is known by, separated by commas. Redaction replaces "
            "them like the name."
        )
        self.role = QComboBox()
        self.role.setAccessibleName("Role")
        for role in kinds.ROLES:
            self.role.addItem(kinds.label(role), role)
        if person:
            self.role.setCurrentIndex(max(0, self.role.findData(person.role)))
        self.born = DateEdit("Date of birth", kind="birth")
        self.born.set_value(person.born if person else None)
        self.gp = line_field(
            "GP details", "Doctor, surgery, address, phone", person.gp if person else ""
        )
        form = form_rows(
            ("Full name", self.name),
            ("Preferred name", self.preferred),
            ("Other names", self.other_names),
            ("Role", self.role),
            ("Date of birth", self.born),
            ("GP", self.gp),
        )
        buttons = dialog_buttons(self, SAVE_CANCEL)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(bool(self.name.text().strip()))
        self.name.textChanged.connect(lambda t: save.setEnabled(bool(t.strip())))
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(460, 0)

    def accept(self) -> None:
        """Save, unless the date of birth is typed in a way that reads as no date."""
        problem = self.born.problem()
        if problem:
            show_problem(self.problem, f"Date of birth: {problem}")
            self.born.setFocus()
            return
        super().accept()

    def values(self) -> dict[str, Any]:
        """Keyword arguments for ``add_person``/``update_person``."""
        return {
            "name": self.name.text().strip(),
            "role": self.role.currentData(),
            "preferred_name": self.preferred.text().strip(),
            "born": self.born.value(),
            "gp": self.gp.text().strip(),
            "other_names": [n.strip() for n in self.other_names.text().split(",") if n.strip()],
        }


class ShortcutsDialog(QDialog):
    """Help ▸ Keyboard shortcuts: every action that has one."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = [
            (
                a.text().replace("&", ""),
                ", ".join(s.toString(s.SequenceFormat.NativeText) for s in a.shortcuts()),
            )
            for a in actions
            if a.shortcuts()
        ]
        rows += [
            ("Go back to the case from a record", "Esc"),
            ("Clear the search", "Esc (in the search field)"),
            ("Go from the search field to the results", "Down"),
            ("Open the selected record or search result", "Enter"),
        ]
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels(["Action", "Shortcut"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        for i, (name, keys) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(name))
            self.table.setItem(i, 1, QTableWidgetItem(keys))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(dialog_buttons(self, QDialogButtonBox.StandardButton.Close))
        self.resize(520, 520)


class AboutDialog(QDialog):
    """Help ▸ About Casebook."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6 import __version__ as pyside_version

        from casebook import __version__

        self.setWindowTitle("About Casebook")
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        text = QLabel(
            f"<h2>Casebook {html.escape(__version__)}</h2>"
            "<p>An offline, encrypted notebook for child-protection practitioners.</p>"
            "<p>Your notes are kept encrypted on this computer. Casebook never connects "
            "to a network.</p>"
            f"<p>Qt for Python {html.escape(pyside_version)}</p>"
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setMinimumWidth(400)
        layout = QVBoxLayout(self)
        layout.addWidget(logo, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(text)
        layout.addStretch(1)
        layout.addWidget(dialog_buttons(self, QDialogButtonBox.StandardButton.Close))
        self.setMinimumHeight(300)


def ask_close_case(parent: QWidget, drafts: list[Any]) -> bool:
    """Ask before closing a case that still has drafts, naming each one."""
    from PySide6.QtWidgets import QMessageBox

    from ui import text

    shown = drafts[:10]
    listed = "".join(f"\n  • {d.title}, {text.when(d.event_at)}" for d in shown)
    more = f"\n  … and {len(drafts) - len(shown)} more" if len(drafts) > len(shown) else ""
    count = "1 draft" if len(drafts) == 1 else f"{len(drafts)} drafts"
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Close this case?")
    box.setText(
        f"This case still has {count} that {'is' if len(drafts) == 1 else 'are'} not final."
    )
    box.setInformativeText(
        f"{listed.lstrip(chr(10))}{more}\n\nA closed case keeps its drafts, and you can still "
        "finish them; closing only moves the case to Closed cases."
    )
    close = box.addButton("Close case", QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton("Keep it open", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is close
