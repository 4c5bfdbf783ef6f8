"""The small dialogs of View ▸ Retention and legal hold: a case's rule, the notebook's
default rule, a legal hold, and the deliberate deletion of a case past retention."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from casebook.retention import MAX_YEARS
from ui.editors.fields.dates import DateEdit
from ui.widgets import dialog_buttons, form_rows, hbox, line_field


def _years_box(name: str, value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, MAX_YEARS)
    box.setValue(value)
    box.setAccessibleName(name)
    return box


class RuleDialog(QDialog):
    """A retention rule: closed + N years, or until the youngest child is N.

    Args:
        title: the window title.
        kind: the rule chosen to start with (None: the default).
        years: the number each rule's box shows to start with, by kind.
        allow_default: offer "Follow the notebook's default" (a case's own rule).
    """

    def __init__(
        self,
        title: str,
        kind: str | None,
        years: dict[str, int],
        parent: QWidget | None = None,
        *,
        allow_default: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.default_choice = QRadioButton("Follow the notebook's default rule")
        self.closed_choice = QRadioButton("Closed +")
        self.child_choice = QRadioButton("Until the youngest child is")
        self.closed_years = _years_box("Years after closing", years["closed"])
        self.child_age = _years_box("Age of the youngest child", years["child"])
        group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        if allow_default:
            group.addButton(self.default_choice)
            layout.addWidget(self.default_choice)
        for choice, box, unit in (
            (self.closed_choice, self.closed_years, "years"),
            (self.child_choice, self.child_age, "(years of age)"),
        ):
            group.addButton(choice)
            layout.addLayout(hbox(choice, box, QLabel(unit), None))
        {"closed": self.closed_choice, "child": self.child_choice}.get(
            kind or "", self.default_choice
        ).setChecked(True)
        note = QLabel(
            "UK practice: children's social care records until the youngest child is 25; "
            "adult work 6 years after closing. Follow your organisation's policy."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(dialog_buttons(self, ok_text="Set rule"))

    def values(self) -> tuple[str | None, int | None]:
        """(kind or None for the default, years)."""
        if self.closed_choice.isChecked():
            return "closed", self.closed_years.value()
        if self.child_choice.isChecked():
            return "child", self.child_age.value()
        return None, None


class HoldDialog(QDialog):
    """A legal hold: why (the practitioner's words) and since when."""

    def __init__(self, ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Legal hold on {ref}")
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason for the legal hold")
        self.reason.setPlaceholderText("e.g. Family court proceedings, order of 2 March")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        self.held_on = DateEdit("Date of the hold", kind="event", clearable=False)
        self.held_on.set_value(None)
        note = QLabel("While a case is held, nothing of it can be deleted.")
        self.buttons = dialog_buttons(self, ok_text="Place hold")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: ok.setEnabled(bool(self.reason.toPlainText().strip()))
        )
        layout = QVBoxLayout(self)
        layout.addLayout(
            form_rows(("Reason", self.reason), ("Since (today if empty)", self.held_on))
        )
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(460, 0)

    def values(self) -> tuple[str, str | None]:
        """(reason, date or None for today)."""
        return self.reason.toPlainText().strip(), self.held_on.value()


class DeleteCaseDialog(QDialog):
    """Deleting a case past retention: what goes, which copies keep it, and the ref typed
    again to enable the button."""

    def __init__(self, preview: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ref = preview.ref
        self.setWindowTitle(f"Delete case {preview.ref}")
        what = QLabel(
            f"Deleting case {preview.ref} removes {preview.describe()} from this notebook "
            "for good, and rewrites the notebook file so that nothing of it remains. The "
            "audit log keeps a tombstone: the reference, the counts and the date, no content."
        )
        what.setWordWrap(True)
        copies = QLabel(preview.warning())
        copies.setObjectName("copiesWarning")
        copies.setWordWrap(True)
        self.confirm = line_field("Type the case reference to confirm", preview.ref)
        self.buttons = dialog_buttons(self, ok_text="Delete case")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.confirm.textChanged.connect(lambda t: ok.setEnabled(t == self.ref))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(copies)
        layout.addLayout(form_rows((f"Type {preview.ref} to confirm", self.confirm)))
        layout.addWidget(self.buttons)
        self.setMinimumSize(540, 230)
