"""Widgets for the kind-specific fields of :data:`notebook.kinds.FIELDS`, one per field type.

Every widget has the same small interface: :meth:`value`, :meth:`set_value`,
:meth:`set_read_only` and a :attr:`changed` signal, so an editor can be driven from the
field specs and autosave on any change.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from notebook import kinds
from notebook.domain import Person
from notebook.kinds import FieldSpec
from ui.writing import attach as attach_writing_aids

NOT_SET_DATE = QDate(1900, 1, 1)


def to_qdatetime(iso: str | None) -> QDateTime:
    """An ISO time as a local QDateTime (now when empty)."""
    if iso:
        try:
            value = datetime.fromisoformat(iso).astimezone()
            return QDateTime(
                QDate(value.year, value.month, value.day),
                QTime(value.hour, value.minute, value.second),
            )
        except ValueError:
            pass
    return QDateTime.currentDateTime()


def from_qdatetime(value: QDateTime) -> str:
    """A QDateTime (local) as ISO 8601 with the local offset."""
    d, t = value.date(), value.time()
    naive = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())
    return naive.astimezone().isoformat(timespec="seconds")


def quote_style() -> str:
    """Stylesheet of a verbatim quote: a bar down the left and a tinted background."""
    return (
        "QFrame#quote { border-left: 4px solid palette(highlight);"
        " background: palette(alternate-base); border-radius: 3px; }"
        " QFrame#quote QPlainTextEdit { background: transparent; border: none; }"
    )


def fit_table_height(table: QTableWidget, min_rows: int = 2) -> None:
    """Make a small edit table exactly as high as its rows (at least ``min_rows``)."""
    rows = max(min_rows, table.rowCount())
    row_height = table.verticalHeader().defaultSectionSize()
    height = (
        table.horizontalHeader().sizeHint().height()
        + rows * row_height
        + 2 * table.frameWidth()
        + 2
    )
    table.setFixedHeight(height)


class FieldWidget(QWidget):
    """Base of the field widgets.

    Signals:
        changed(): the user changed the value.
    """

    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"field_{spec.name}")
        self.setAccessibleName(spec.label)
        self._loading = False

    def value(self) -> Any:
        """The value as the casebook/1 ``fields`` object holds it."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show ``value`` (does not emit :attr:`changed`)."""
        self._loading = True
        try:
            self._set(value)
        finally:
            self._loading = False

    def _set(self, value: Any) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        """Final records: show, allow selecting and copying, refuse edits."""
        raise NotImplementedError

    def _emit(self, *_: Any) -> None:
        if not self._loading:
            self.changed.emit()


class AutoTextEdit(QPlainTextEdit):
    """A plain-text box that grows with its text (from ``lines`` up to ``max_lines``).

    Long notes stay readable in the editor's single scroll area instead of in many
    small scrolling boxes.
    """

    def __init__(self, lines: int = 4, max_lines: int = 40) -> None:
        super().__init__()
        self._min_lines = lines
        self._placeholder = ""
        self._lines = lines
        self._max_lines = max_lines
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.textChanged.connect(self._fit)
        self._fit()

    def setReadOnly(self, read_only: bool) -> None:
        """Read-only boxes show no placeholder (an empty final field stays empty)."""
        if read_only and self.placeholderText():
            self._placeholder = self.placeholderText()
            self.setPlaceholderText("")
        elif not read_only and self._placeholder:
            self.setPlaceholderText(self._placeholder)
        super().setReadOnly(read_only)

    def set_min_lines(self, lines: int) -> None:
        """Change the smallest height (final records shrink empty boxes to one line)."""
        self._lines = lines
        self._fit()

    def reset_min_lines(self) -> None:
        """Back to the height given at construction."""
        self.set_min_lines(self._min_lines)

    def _wrapped_lines(self) -> int:
        width = self.viewport().width() - int(2 * self.document().documentMargin())
        doc = self.document()
        if width <= 20 or doc.characterCount() > 20_000:
            return doc.blockCount() if doc.characterCount() <= 20_000 else self._max_lines
        lines = 0
        font = self.font()
        block = doc.begin()
        while block.isValid():
            layout = QTextLayout(block.text(), font)
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            layout.setTextOption(option)
            layout.beginLayout()
            count = 0
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                count += 1
            layout.endLayout()
            lines += max(1, count)
            if lines >= self._max_lines:
                break
            block = block.next()
        return lines

    def _fit(self, *_: Any) -> None:
        needed = self._wrapped_lines()
        shown = max(self._lines, min(self._max_lines, needed))
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if needed > self._max_lines
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        margins = self.contentsMargins()
        height = (
            math.ceil(shown * QFontMetricsF(self.font()).lineSpacing())
            + 2
            + int(2 * self.document().documentMargin())
            + margins.top()
            + margins.bottom()
            + 2
        )
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def setFont(self, font: Any) -> None:
        super().setFont(font)
        self._fit()


def text_edit(label: str, lines: int = 4, *, placeholder: str = "") -> AutoTextEdit:
    """A plain-text box that Tab leaves (sane tab order), ``lines`` high and growing."""
    edit = AutoTextEdit(lines)
    edit.setAccessibleName(label)
    edit.setPlaceholderText(placeholder)
    attach_writing_aids(edit)  # spell-check, suggestions, phrases and templates
    return edit


class TextField(FieldWidget):
    """Free text."""

    def __init__(
        self,
        spec: FieldSpec,
        parent: QWidget | None = None,
        *,
        lines: int = 4,
        placeholder: str = "",
    ) -> None:
        super().__init__(spec, parent)
        self.edit = text_edit(spec.label, lines, placeholder=placeholder)
        self.edit.textChanged.connect(self._emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def value(self) -> str:
        return self.edit.toPlainText()

    def _set(self, value: Any) -> None:
        self.edit.setPlainText(value or "")

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        if read_only:
            self.edit.set_min_lines(1)
        else:
            self.edit.reset_min_lines()


class EnumField(FieldWidget):
    """One value from a list, or none."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox()
        self.combo.setAccessibleName(spec.label)
        self.combo.addItem("—", None)
        for choice in spec.choices:
            self.combo.addItem(kinds.label(choice, spec.name), choice)
        self.combo.currentIndexChanged.connect(self._emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)

    def value(self) -> str | None:
        return self.combo.currentData()

    def _set(self, value: Any) -> None:
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(max(0, index))

    def set_read_only(self, read_only: bool) -> None:
        self.combo.setEnabled(not read_only)


class EnumListField(FieldWidget):
    """Any number of values from a list, as checkboxes."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None, columns: int = 3) -> None:
        super().__init__(spec, parent)
        self.boxes: dict[str, QCheckBox] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for i, choice in enumerate(spec.choices):
            box = QCheckBox(kinds.label(choice, spec.name))
            box.toggled.connect(self._emit)
            self.boxes[choice] = box
            layout.addWidget(box, i // columns, i % columns)

    def value(self) -> list[str]:
        return [choice for choice, box in self.boxes.items() if box.isChecked()]

    def _set(self, value: Any) -> None:
        chosen = set(value or [])
        for choice, box in self.boxes.items():
            box.setChecked(choice in chosen)

    def set_read_only(self, read_only: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(not read_only)


class PersonField(FieldWidget):
    """One person of the case (the child, the partner), chosen by name."""

    def __init__(
        self, spec: FieldSpec, parent: QWidget | None = None, roles: tuple[str, ...] = ()
    ) -> None:
        super().__init__(spec, parent)
        self.roles = roles
        self.combo = QComboBox()
        self.combo.setAccessibleName(spec.label)
        self.combo.addItem("— choose —", None)
        self.combo.currentIndexChanged.connect(self._emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)
        self._pending: Any = None

    def set_people(self, people: list[Person]) -> None:
        """Offer the case's people (those with the right role first)."""
        current = self.value() or self._pending
        self._loading = True
        try:
            self.combo.clear()
            self.combo.addItem("— choose —", None)
            matching = [p for p in people if not self.roles or p.role in self.roles]
            others = [p for p in people if p not in matching]
            for person in matching + others:
                shown = person.preferred_name or person.name
                suffix = "" if person in matching else f" ({kinds.label(person.role).lower()})"
                self.combo.addItem(shown + suffix, person.key)
            self.combo.setCurrentIndex(max(0, self.combo.findData(current)))
        finally:
            self._loading = False

    def value(self) -> str | None:
        return self.combo.currentData()

    def _set(self, value: Any) -> None:
        self._pending = value
        self.combo.setCurrentIndex(max(0, self.combo.findData(value)))

    def set_read_only(self, read_only: bool) -> None:
        self.combo.setEnabled(not read_only)


class DateField(FieldWidget):
    """A date, or not set."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = date_edit(spec.label)
        self.edit.dateChanged.connect(self._emit)
        self.clear = QToolButton()
        self.clear.setText("Clear")
        self.clear.setAccessibleName(f"Clear {spec.label.lower()}")
        self.clear.clicked.connect(lambda: self.edit.setDate(NOT_SET_DATE))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.clear)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def value(self) -> str | None:
        return date_value(self.edit)

    def _set(self, value: Any) -> None:
        set_date(self.edit, value)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.clear.setVisible(not read_only)


def date_edit(label: str) -> QDateEdit:
    """A date box with a calendar and a "Not set" state."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NOT_SET_DATE)
    edit.setSpecialValueText("Not set")
    edit.setDisplayFormat("d MMM yyyy")
    edit.setDate(NOT_SET_DATE)
    edit.setAccessibleName(label)
    return edit


def date_value(edit: QDateEdit) -> str | None:
    """``YYYY-MM-DD`` or None when not set."""
    d = edit.date()
    return None if d == NOT_SET_DATE else d.toString("yyyy-MM-dd")


def set_date(edit: QDateEdit, value: str | None) -> None:
    """Show ``YYYY-MM-DD`` (or "Not set")."""
    d = QDate.fromString(value, "yyyy-MM-dd") if value else NOT_SET_DATE
    edit.setDate(d if d.isValid() else NOT_SET_DATE)


class QuoteBox(QFrame):
    """One verbatim quote, styled apart from the practitioner's own words."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quote")
        mark = QLabel("“")
        font = QFont()
        font.setPointSize(22)
        font.setBold(True)
        mark.setFont(font)
        mark.setAlignment(Qt.AlignmentFlag.AlignTop)
        mark.setAccessibleName("Quote")
        self.edit = text_edit(label, 2, placeholder="Exactly what was said, in their words")
        italic = self.edit.font()
        italic.setItalic(True)
        self.edit.setFont(italic)
        self.remove = QToolButton()
        self.remove.setText("Remove")
        self.remove.setAccessibleName("Remove this quote")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(mark)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignTop)


class QuoteListField(FieldWidget):
    """A list of verbatim quotes (the child's own words), each in its own quote box."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.setStyleSheet(quote_style())
        self.quotes: list[QuoteBox] = []
        self._box_layout = QVBoxLayout()
        self._box_layout.setSpacing(6)
        self.add = QPushButton("Add the child's words")
        self.add.setAccessibleName("Add a quote of the child's own words")
        self.add.clicked.connect(lambda: self.add_quote("", focus=True))
        self.empty = QLabel("No quotes yet.")
        self.empty.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addLayout(self._box_layout)
        row = QHBoxLayout()
        row.addWidget(self.add)
        row.addStretch(1)
        layout.addLayout(row)
        self._read_only = False

    def add_quote(self, text: str, *, focus: bool = False) -> QuoteBox:
        """Add a quote box (empty to type into, or holding ``text``)."""
        box = QuoteBox(f"{self.spec.label} {len(self.quotes) + 1}")
        box.edit.setPlainText(text)
        box.edit.textChanged.connect(self._emit)
        box.remove.clicked.connect(lambda: self._remove(box))
        box.edit.setReadOnly(self._read_only)
        box.edit.set_min_lines(1 if self._read_only else 2)
        box.remove.setVisible(not self._read_only)
        self.quotes.append(box)
        self._box_layout.addWidget(box)
        # A box added later goes into the Tab order where it shows: just before "Add".
        before = self.add.previousInFocusChain()
        if before is not None and before is not self.add:
            QWidget.setTabOrder(before, box.edit)
            QWidget.setTabOrder(box.edit, box.remove)
            QWidget.setTabOrder(box.remove, self.add)
        self.empty.setVisible(False)
        if focus:
            box.edit.setFocus()
        return box

    def _remove(self, box: QuoteBox) -> None:
        had_text = bool(box.edit.toPlainText().strip())
        self.quotes.remove(box)
        box.setParent(None)
        box.deleteLater()
        self.empty.setVisible(not self.quotes)
        if had_text:
            self._emit()

    def value(self) -> list[str]:
        return [q.edit.toPlainText() for q in self.quotes if q.edit.toPlainText().strip()]

    def _set(self, value: Any) -> None:
        for box in list(self.quotes):
            self.quotes.remove(box)
            box.setParent(None)
            box.deleteLater()
        for text in value or []:
            self.add_quote(text)
        self.empty.setVisible(not self.quotes)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.add.setVisible(not read_only)
        for box in self.quotes:
            box.edit.setReadOnly(read_only)
            box.edit.set_min_lines(1 if read_only else 2)
            box.remove.setVisible(not read_only)


class DisclosureField(FieldWidget):
    """A disclosure: verbatim words, time, who was present, response, who was informed."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.setStyleSheet(quote_style())
        self.group = QGroupBox("A disclosure was made")
        self.group.setCheckable(True)
        self.group.setChecked(False)
        self.group.setAccessibleName("A disclosure was made")
        self.group.toggled.connect(self._toggled)
        quote = QuoteBox("Disclosure, verbatim")
        quote.remove.hide()
        self.verbatim = quote.edit
        self.verbatim.setPlaceholderText("The exact words used, as they were said")
        self.at = QDateTimeEdit()
        self.at.setCalendarPopup(True)
        self.at.setDisplayFormat("d MMM yyyy HH:mm")
        self.at.setDateTime(QDateTime.currentDateTime())
        self.at.setAccessibleName("Time of the disclosure")
        self.present = text_edit("Who was present", 1, placeholder="Who else was in the room")
        self.response = text_edit(
            "Practitioner's response", 3, placeholder="What you said and did in response"
        )
        self.informed = QTableWidget(0, 2)
        self.informed.setHorizontalHeaderLabels(["Who was informed", "When"])
        self.informed.setAccessibleName("Who was informed and when")
        self.informed.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.informed.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.informed.verticalHeader().hide()
        self.informed.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        fit_table_height(self.informed, 1)
        self.informed.itemChanged.connect(self._emit)
        self.add_informed = QPushButton("Add")
        self.add_informed.setAccessibleName("Add someone who was informed")
        self.add_informed.clicked.connect(lambda: self._add_informed("", None, edit=True))
        self.remove_informed = QPushButton("Remove")
        self.remove_informed.setAccessibleName("Remove the selected person informed")
        self.remove_informed.clicked.connect(self._remove_informed)
        for signal in (
            self.verbatim.textChanged,
            self.at.dateTimeChanged,
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
        time_row = QHBoxLayout()
        time_row.addWidget(self.at)
        time_row.addStretch(1)
        grid.addWidget(labels["at"], 1, 0)
        grid.addLayout(time_row, 1, 1)
        grid.addWidget(labels["present"], 2, 0)
        grid.addWidget(self.present, 2, 1)
        grid.addWidget(labels["response"], 3, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.response, 3, 1)
        grid.addWidget(labels["informed"], 4, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.informed, 4, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_informed)
        buttons.addWidget(self.remove_informed)
        buttons.addStretch(1)
        grid.addLayout(buttons, 5, 1)
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
        self._loading_table = True
        self.informed.blockSignals(True)
        self.informed.insertRow(row)
        self.informed.setItem(row, 0, QTableWidgetItem(who))
        when = QDateTimeEdit()
        when.setDisplayFormat("d MMM yyyy HH:mm")
        when.setCalendarPopup(True)
        when.setDateTime(to_qdatetime(at))
        when.setAccessibleName("When they were informed")
        when.setReadOnly(self._read_only)
        when.dateTimeChanged.connect(self._emit)
        self.informed.setCellWidget(row, 1, when)
        self.informed.blockSignals(False)
        fit_table_height(self.informed, 1)
        if edit:
            self.informed.setCurrentCell(row, 0)
            item = self.informed.item(row, 0)
            if item is not None:
                self.informed.editItem(item)

    def _remove_informed(self) -> None:
        row = self.informed.currentRow()
        if row >= 0:
            self.informed.removeRow(row)
            fit_table_height(self.informed, 1)
            self._emit()

    def value(self) -> dict[str, Any] | None:
        if not self.group.isChecked():
            return None
        informed = []
        for row in range(self.informed.rowCount()):
            item = self.informed.item(row, 0)
            who = item.text().strip() if item else ""
            if not who:
                continue
            widget = self.informed.cellWidget(row, 1)
            at = from_qdatetime(widget.dateTime()) if isinstance(widget, QDateTimeEdit) else None
            informed.append({"who": who, "at": at})
        return {
            "verbatim": self.verbatim.toPlainText(),
            "at": from_qdatetime(self.at.dateTime()),
            "present": self.present.toPlainText(),
            "response": self.response.toPlainText(),
            "informed": informed,
        }

    def _set(self, value: Any) -> None:
        value = value or {}
        self.group.setChecked(bool(value))
        self.verbatim.setPlainText(value.get("verbatim") or "")
        self.at.setDateTime(to_qdatetime(value.get("at")))
        self.present.setPlainText(value.get("present") or "")
        self.response.setPlainText(value.get("response") or "")
        self.informed.setRowCount(0)
        fit_table_height(self.informed, 1)
        for item in value.get("informed") or []:
            self._add_informed(item.get("who", ""), item.get("at"))

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
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
        for widget in (self.verbatim, self.response):
            widget.setReadOnly(read_only)
            widget.set_min_lines(1) if read_only else widget.reset_min_lines()
        self.present.setReadOnly(read_only)
        self.at.setReadOnly(read_only)
        self.informed.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.AllEditTriggers
        )
        for row in range(self.informed.rowCount()):
            cell = self.informed.cellWidget(row, 1)
            if isinstance(cell, QDateTimeEdit):
                cell.setReadOnly(read_only)
        self.add_informed.setVisible(not read_only)
        self.remove_informed.setVisible(not read_only)
        if read_only and not disclosed:
            for child in self.group.findChildren(QWidget):
                child.setVisible(False)


def make_field(spec: FieldSpec, **options: Any) -> FieldWidget:
    """The widget for one field spec."""
    if spec.type == "text":
        return TextField(spec, **options)
    if spec.type == "enum":
        return EnumField(spec)
    if spec.type == "enum_list":
        return EnumListField(spec, **options)
    if spec.type == "person":
        return PersonField(spec, **options)
    if spec.type == "date":
        return DateField(spec)
    if spec.type == "text_list":
        return QuoteListField(spec)
    if spec.type == "disclosure":
        return DisclosureField(spec)
    raise ValueError(f"no widget for field type {spec.type!r}")
