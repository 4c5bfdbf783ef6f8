"""A disclosure: the words as said, when, who was present, the response, who was informed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casebook.kinds import FieldSpec
from ui.editors.fields.base import (
    FieldWidget,
    edit_row,
    edit_table,
    filled_rows,
    fit_table_height,
    remove_current_row,
)
from ui.editors.fields.dates import DateTimeEdit
from ui.editors.fields.quotes import QuoteBox, quote_style
from ui.editors.fields.text import text_edit
from ui.widgets import hbox


class DisclosureField(FieldWidget):
    """A disclosure: verbatim words, time, who was present, response, who was informed."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None, *, title: str = "") -> None:
        super().__init__(spec, parent)
        self.setStyleSheet(quote_style())
        # One of several (``title``, in ui/editors/fields/disclosures.py): always made, as
        # the practitioner added it; the single disclosure is ticked when one was made.
        self.title = title
        self.group = QGroupBox(title or "A disclosure was made")
        self.group.setCheckable(not title)
        self.group.setChecked(False)
        self.group.setAccessibleName("A disclosure was made")
        self.group.toggled.connect(self._toggled)
        quote = QuoteBox("Disclosure, verbatim")
        quote.remove.hide()
        self.verbatim = quote.edit
        self.verbatim.setPlaceholderText("The exact words used, as they were said")
        # Empty until the practitioner gives it: Casebook never proposes when a child spoke.
        self.at = DateTimeEdit("Time of the disclosure")
        self.present = text_edit("Who was present", 1, placeholder="Who else was in the room")
        self.response = text_edit(
            "Practitioner's response", 3, placeholder="What you said and did in response"
        )
        self.informed = edit_table(["Who was informed", "When"], "Who was informed and when")
        self.informed.itemChanged.connect(self._emit)
        self.add_informed = QPushButton("Add")
        self.add_informed.setAccessibleName("Add someone who was informed")
        self.add_informed.clicked.connect(lambda: self._add_informed("", None, edit=True))
        self.remove_informed = QPushButton("Remove")
        self.remove_informed.setAccessibleName("Remove the selected person informed")
        self.remove_informed.clicked.connect(self._remove_informed)
        for signal in (
            self.verbatim.textChanged,
            self.at.changed,
            self.present.textChanged,
            self.response.textChanged,
        ):
            signal.connect(self._emit)

        grid = QGridLayout(self.group)
        words = QLabel("<b>In their words</b>")
        words.setBuddy(self.verbatim)
        grid.addWidget(words, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(quote, 0, 1)
        labels = {}
        for name, text in (
            ("at", "Time"),
            ("present", "Present"),
            ("response", "Response"),
            ("informed", "Informed"),
        ):
            labels[name] = QLabel(f"<b>{text}</b>")
        labels["at"].setBuddy(self.at)
        labels["present"].setBuddy(self.present)
        labels["response"].setBuddy(self.response)
        labels["informed"].setBuddy(self.informed)
        grid.addWidget(labels["at"], 1, 0)
        grid.addLayout(hbox(self.at, None), 1, 1)
        grid.addWidget(labels["present"], 2, 0)
        grid.addWidget(self.present, 2, 1)
        grid.addWidget(labels["response"], 3, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.response, 3, 1)
        grid.addWidget(labels["informed"], 4, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.informed, 4, 1)
        grid.addLayout(hbox(self.add_informed, self.remove_informed, None), 5, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.group)
        self._read_only = False

    def _toggled(self, on: bool) -> None:
        if on and not self._loading:
            self.verbatim.setFocus()
        self._emit()

    def _add_informed(self, who: str, at: str | None, *, edit: bool = False) -> None:
        row = self.informed.rowCount()
        self.informed.blockSignals(True)
        self.informed.insertRow(row)
        self.informed.setItem(row, 0, QTableWidgetItem(who))
        when = DateTimeEdit("When they were informed")
        when.set_value(at)
        when.set_read_only(self._read_only)
        when.changed.connect(self._emit)
        self.informed.setCellWidget(row, 1, when)
        self.informed.blockSignals(False)
        fit_table_height(self.informed, 1)
        if edit:
            edit_row(self.informed, row)

    def _remove_informed(self) -> None:
        if remove_current_row(self.informed):
            self._emit()

    def value(self) -> dict[str, Any] | None:
        if not self.title and not self.group.isChecked():
            return None
        informed = []
        for _row, who, widget in filled_rows(self.informed):
            at = widget.value() if isinstance(widget, DateTimeEdit) else None
            informed.append({"who": who, "at": at})
        return {
            "verbatim": self.verbatim.toPlainText(),
            "at": self.at.value(),
            "present": self.present.toPlainText(),
            "response": self.response.toPlainText(),
            "informed": informed,
        }

    def _set(self, value: Any) -> None:
        value = value or {}
        self.group.setChecked(bool(value) and not self.title)
        self.verbatim.setPlainText(value.get("verbatim") or "")
        self.at.set_value(value.get("at"))
        self.present.setPlainText(value.get("present") or "")
        self.response.setPlainText(value.get("response") or "")
        self.informed.setRowCount(0)
        fit_table_height(self.informed, 1)
        for item in value.get("informed") or []:
            self._add_informed(item.get("who", ""), item.get("at"))

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        if self.title:
            self._set_fields_read_only(read_only)
            return
        disclosed = self.group.isChecked()
        # QGroupBox.setCheckable(True) also *checks* the box: keep what the record says, or
        # every new record would assert that a child disclosed abuse.
        blocked = self.group.blockSignals(True)
        self.group.setCheckable(not read_only)
        self.group.setChecked(disclosed)
        self.group.blockSignals(blocked)
        self.group.setTitle(
            "A disclosure was made"
            if not read_only
            else ("Disclosure" if disclosed else "No disclosure recorded")
        )
        self._set_fields_read_only(read_only)
        if read_only and not disclosed:
            for child in self.group.findChildren(QWidget):
                child.setVisible(False)

    def _set_fields_read_only(self, read_only: bool) -> None:
        for widget in (self.verbatim, self.response):
            widget.setReadOnly(read_only)
            widget.set_min_lines(1) if read_only else widget.reset_min_lines()
        self.present.setReadOnly(read_only)
        self.at.set_read_only(read_only)
        self.informed.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.AllEditTriggers
        )
        for row in range(self.informed.rowCount()):
            cell = self.informed.cellWidget(row, 1)
            if isinstance(cell, DateTimeEdit):
                cell.set_read_only(read_only)
        self.add_informed.setVisible(not read_only)
        self.remove_informed.setVisible(not read_only)
