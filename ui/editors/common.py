"""Parts every record has: when, where, how long, who, tags, significance.

The record's actions (:mod:`ui.editors.actions_table`) and attachments
(:mod:`ui.editors.attachments`) have their own modules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from casebook import kinds
from casebook.domain import Person
from ui.editors.fields.dates import DateTimeEdit


class CommonFields(QWidget):
    """Event time, location, duration, significant flag, people and tags.

    Signals:
        changed(): the user changed something.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        # The one thing the editor proposes: a new record's event time is when it was
        # started (queries.new_record), shown here to be changed; casebook/1 needs one.
        self.event_at = DateTimeEdit("Event date and time", required=True)
        self.location = QComboBox()
        self.location.setAccessibleName("Location")
        self.location.addItem("— choose —", None)  # a place only the practitioner names
        for value in kinds.LOCATIONS:
            self.location.addItem(kinds.label(value, "location"), value)
        self.duration = QSpinBox()
        self.duration.setRange(0, 24 * 60)
        self.duration.setSingleStep(5)
        self.duration.setSuffix(" min")
        self.duration.setSpecialValueText("Not set")
        self.duration.setAccessibleName("Duration in minutes")
        self.significant = QCheckBox("Significant event (shows in the chronology)")
        self.significant.setAccessibleName("Significant event")
        self.people = QListWidget()
        self.people.setAccessibleName("People involved")
        self.people.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.people.setFlow(QListWidget.Flow.LeftToRight)
        self.people.setWrapping(True)
        self.people.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.people.setSpacing(2)
        self.tags = QLineEdit()
        self.tags.setAccessibleName("Tags")
        self.tags.setPlaceholderText("Separate tags with commas")

        when_row = QHBoxLayout()
        when_row.addWidget(self.event_at)
        when_row.addSpacing(12)
        when_row.addWidget(QLabel("Location"))
        when_row.addWidget(self.location)
        when_row.addSpacing(12)
        when_row.addWidget(QLabel("Duration"))
        when_row.addWidget(self.duration)
        when_row.addStretch(1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("When", when_row)
        form.addRow("People", self.people)
        form.addRow("Tags", self.tags)
        form.addRow("", self.significant)

        self.event_at.changed.connect(self._emit)
        self.location.currentIndexChanged.connect(self._emit)
        self.duration.valueChanged.connect(self._emit)
        self.significant.toggled.connect(self._emit)
        self.people.itemChanged.connect(self._emit)
        self.tags.textChanged.connect(self._emit)

    def _emit(self, *_: Any) -> None:
        if not self._loading:
            self.changed.emit()

    def set_people(self, people: list[Person], chosen: tuple[str, ...] | list[str]) -> None:
        """The case's people as checkable items; ``chosen`` are ticked."""
        self._loading = True
        try:
            self.people.clear()
            for person in people:
                name = person.preferred_name or person.name
                item = QListWidgetItem(f"{name} ({kinds.label(person.role).lower()})")
                item.setData(Qt.ItemDataRole.UserRole, person.key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if person.key in chosen else Qt.CheckState.Unchecked
                )
                self.people.addItem(item)
        finally:
            self._loading = False
        QTimer.singleShot(0, self, self._fit_people)

    def _fit_people(self) -> None:
        """As high as the wrapped rows of names (the list never scrolls for a family)."""
        if self.people.count() == 0:
            self.people.setFixedHeight(self.people.fontMetrics().height() + 12)
            return
        last = self.people.visualItemRect(self.people.item(self.people.count() - 1))
        height = last.bottom() + 2 * self.people.frameWidth() + self.people.spacing() + 4
        self.people.setFixedHeight(max(height, self.people.fontMetrics().height() + 12))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_people)

    def load(self, record: Any, people: list[Person]) -> None:
        """Show a record's common fields."""
        self._show(
            record.event_at,
            record.location,
            record.duration_minutes,
            record.significant,
            record.tags,
        )
        self.set_people(people, record.people)

    def _show(
        self,
        event_at: str | None,
        location: str | None,
        duration: int | None,
        significant: bool,
        tags: Sequence[str],
    ) -> None:
        self._loading = True
        try:
            self.event_at.set_value(event_at)
            self.location.setCurrentIndex(max(0, self.location.findData(location)))
            self.duration.setValue(duration or 0)
            self.significant.setChecked(significant)
            self.tags.setText(", ".join(tags))
        finally:
            self._loading = False

    def tick(self, key: str | list[str] | None) -> None:
        """Make sure person ``key`` (or each of several) is ticked as involved (the child or
        partner chosen, the children seen)."""
        keys = key if isinstance(key, list) else [key]
        for i in range(self.people.count()):
            item = self.people.item(i)
            if (
                item.data(Qt.ItemDataRole.UserRole) in keys
                and item.checkState() != Qt.CheckState.Checked
            ):
                item.setCheckState(Qt.CheckState.Checked)

    def apply(self, data: dict[str, Any]) -> None:
        """Show the common part of a record object (undo and redo)."""
        self._show(
            data.get("event_at"),
            data.get("location"),
            data.get("duration_minutes"),
            bool(data.get("significant")),
            data.get("tags") or [],
        )
        chosen = set(data.get("people") or [])
        self._loading = True
        try:
            for i in range(self.people.count()):
                item = self.people.item(i)
                key = item.data(Qt.ItemDataRole.UserRole)
                item.setCheckState(
                    Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked
                )
        finally:
            self._loading = False

    def values(self) -> dict[str, Any]:
        """The common part of a casebook/1 record object."""
        people = [
            self.people.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.people.count())
            if self.people.item(i).checkState() == Qt.CheckState.Checked
        ]
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        return {
            "event_at": self.event_at.value(),
            "location": self.location.currentData(),
            "duration_minutes": self.duration.value() or None,
            "people": people,
            "tags": list(dict.fromkeys(tags)),
            "significant": self.significant.isChecked(),
        }

    def set_read_only(self, read_only: bool) -> None:
        """Final records: nothing can change. Emits nothing (the items' flags changing
        made every draft opened look edited, and saved)."""
        self._loading = True
        try:
            self._set_read_only(read_only)
        finally:
            self._loading = False

    def _set_read_only(self, read_only: bool) -> None:
        self.event_at.set_read_only(read_only)
        self.location.setEnabled(not read_only)
        self.duration.setReadOnly(read_only)
        self.significant.setEnabled(not read_only)
        self.tags.setReadOnly(read_only)
        for i in range(self.people.count()):
            item = self.people.item(i)
            flags = item.flags()
            item.setFlags(
                flags & ~Qt.ItemFlag.ItemIsUserCheckable
                if read_only
                else flags | Qt.ItemFlag.ItemIsUserCheckable
            )
