"""Parts every record has: when, where, how long, who, tags, significance, actions, attachments."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from notebook import kinds
from notebook.domain import Action, Attachment, Person
from ui.editors.fields import (
    date_edit,
    date_value,
    fit_table_height,
    from_qdatetime,
    set_date,
    to_qdatetime,
)
from ui.icons import icon
from ui.settings import file_dialog_options
from ui.text import file_size

IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".bmp": "image/bmp",
    ".pdf": "application/pdf",
}


class CommonFields(QWidget):
    """Event time, location, duration, significant flag, people and tags.

    Signals:
        changed(): the user changed something.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.event_at = QDateTimeEdit()
        self.event_at.setCalendarPopup(True)
        self.event_at.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        self.event_at.setAccessibleName("Event date and time")
        self.location = QComboBox()
        self.location.setAccessibleName("Location")
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

        self.event_at.dateTimeChanged.connect(self._emit)
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
        self._loading = True
        try:
            self.event_at.setDateTime(to_qdatetime(record.event_at))
            self.location.setCurrentIndex(max(0, self.location.findData(record.location)))
            self.duration.setValue(record.duration_minutes or 0)
            self.significant.setChecked(record.significant)
            self.tags.setText(", ".join(record.tags))
        finally:
            self._loading = False
        self.set_people(people, record.people)

    def tick(self, key: str | None) -> None:
        """Make sure person ``key`` is ticked as involved (the child or partner chosen)."""
        for i in range(self.people.count()):
            item = self.people.item(i)
            if (
                key
                and item.data(Qt.ItemDataRole.UserRole) == key
                and item.checkState() != Qt.CheckState.Checked
            ):
                item.setCheckState(Qt.CheckState.Checked)

    def apply(self, data: dict[str, Any]) -> None:
        """Show the common part of a record object (undo and redo)."""
        self._loading = True
        try:
            self.event_at.setDateTime(to_qdatetime(data.get("event_at")))
            self.location.setCurrentIndex(max(0, self.location.findData(data.get("location"))))
            self.duration.setValue(data.get("duration_minutes") or 0)
            self.significant.setChecked(bool(data.get("significant")))
            self.tags.setText(", ".join(data.get("tags") or []))
            chosen = set(data.get("people") or [])
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
            "event_at": from_qdatetime(self.event_at.dateTime()),
            "location": self.location.currentData(),
            "duration_minutes": self.duration.value() or None,
            "people": people,
            "tags": list(dict.fromkeys(tags)),
            "significant": self.significant.isChecked(),
        }

    def set_read_only(self, read_only: bool) -> None:
        """Final records: nothing can change."""
        self.event_at.setReadOnly(read_only)
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


class ActionsTable(QWidget):
    """Actions raised from the record: text, due date, done.

    Signals:
        changed(): the user changed an action.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName("Actions")
        self.table.setHorizontalHeaderLabels(["Action", "Due", "Done"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        fit_table_height(self.table, 1)
        self.table.itemChanged.connect(self._emit)
        self.add = QPushButton("Add action")
        self.add.clicked.connect(lambda: self.add_action("", None, False, edit=True))
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName("Remove the selected action")
        self.remove.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._read_only = False

    def _emit(self, *_: Any) -> None:
        if not self._loading:
            self.changed.emit()

    def add_action(self, text: str, due: str | None, done: bool, *, edit: bool = False) -> int:
        """Add a row; returns its number."""
        self._loading = True
        try:
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(text))
            due_edit = date_edit("Due date")
            set_date(due_edit, due)
            due_edit.setReadOnly(self._read_only)
            due_edit.dateChanged.connect(self._emit)
            self.table.setCellWidget(row, 1, due_edit)
            done_item = QTableWidgetItem()
            done_item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            done_item.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
            self.table.setItem(row, 2, done_item)
        finally:
            self._loading = False
        fit_table_height(self.table, 1)
        if edit:
            self.table.setCurrentCell(row, 0)
            item = self.table.item(row, 0)
            if item is not None:
                self.table.editItem(item)
        return row

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            fit_table_height(self.table, 1)
            self._emit()

    def load(self, actions: tuple[Action, ...]) -> None:
        """Show a record's actions."""
        self.table.setRowCount(0)
        fit_table_height(self.table, 1)
        for action in actions:
            self.add_action(action.text, action.due, action.done)

    def apply(self, actions: list[dict[str, Any]]) -> None:
        """Show actions given as casebook/1 objects (undo and redo)."""
        self.table.setRowCount(0)
        fit_table_height(self.table, 1)
        for action in actions:
            self.add_action(action["text"], action.get("due"), bool(action.get("done")))

    def values(self) -> list[dict[str, Any]]:
        """Actions as casebook/1 objects (rows with no text are left out)."""
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            text = item.text().strip() if item else ""
            if not text:
                continue
            widget = self.table.cellWidget(row, 1)
            due = date_value(widget) if isinstance(widget, QDateEdit) else None
            done_item = self.table.item(row, 2)
            done = bool(done_item and done_item.checkState() == Qt.CheckState.Checked)
            action: dict[str, Any] = {"text": text, "due": due}
            if done:
                action["done"] = True
            out.append(action)
        return out

    def set_read_only(self, read_only: bool) -> None:
        """Final records keep their actions (done is ticked in the Actions views)."""
        self._read_only = read_only
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        for row in range(self.table.rowCount()):
            widget = self.table.cellWidget(row, 1)
            if isinstance(widget, QDateEdit):
                widget.setReadOnly(read_only)
            done_item = self.table.item(row, 2)
            if done_item:
                done_item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    if read_only
                    else Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                )
        self.add.setVisible(not read_only)
        self.remove.setVisible(not read_only)


class AttachmentsPanel(QWidget):
    """A record's attachments: list, add, remove, and a preview shown from memory.

    Decoded bytes only ever live in memory (``QPixmap.loadFromData``); nothing decoded
    is written to disk.

    Signals:
        add_requested(str, str, bytes): name, media type and bytes of a file to attach.
        remove_requested(int): attachment id.
        preview_requested(int): attachment id.
    """

    add_requested = Signal(str, str, bytes)
    remove_requested = Signal(int)
    preview_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName("Attachments")
        self.list.setMaximumHeight(110)
        self.list.currentItemChanged.connect(self._selected)
        self.add = QPushButton("Add image or PDF…")
        self.add.setIcon(icon("attachment"))
        self.add.clicked.connect(self.choose_file)
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName("Remove the selected attachment")
        self.remove.clicked.connect(self._remove)
        self.preview = QLabel()
        self.preview.setAccessibleName("Attachment preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(0)
        self.preview.hide()
        self.empty = QLabel("No attachments.")
        self.empty.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.preview)

    def load(self, attachments: tuple[Attachment, ...]) -> None:
        """List a record's attachments."""
        self.list.clear()
        for a in attachments:
            item = QListWidgetItem(f"{a.name}  ({file_size(a.size)})")
            item.setIcon(icon("attachment"))
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.list.addItem(item)
        self.list.setVisible(bool(attachments))
        self.empty.setVisible(not attachments)
        if not attachments:
            self.preview.clear()
            self.preview.hide()

    def choose_file(self) -> None:
        """Pick a file, read its bytes and ask for it to be attached."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Attach an image or PDF",
            "",
            "Images and PDF (*.png *.jpg *.jpeg *.gif *.webp *.bmp *.pdf);;All files (*)",
            options=file_dialog_options(),
        )
        if path:
            self.attach_file(path)

    def attach_file(self, path: str) -> None:
        """Read a file and emit :attr:`add_requested`."""
        from pathlib import Path

        file = Path(path)
        data = file.read_bytes()
        media_type = IMAGE_TYPES.get(file.suffix.lower(), "application/octet-stream")
        self.add_requested.emit(file.name, media_type, data)

    def _remove(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.remove_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _selected(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.preview_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def show_preview(self, attachment: Attachment) -> None:
        """Show an image (or the first page of a PDF) from its bytes, in memory."""
        pixmap = QPixmap()
        data = attachment.data or b""
        fmt = "PDF" if attachment.media_type == "application/pdf" else None
        loaded = (
            pixmap.loadFromData(QByteArray(data), fmt)
            if fmt
            else pixmap.loadFromData(QByteArray(data))
        )
        if loaded and not pixmap.isNull():
            ratio = self.devicePixelRatioF()
            scaled = pixmap.scaled(
                int(420 * ratio),
                int(300 * ratio),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            scaled.setDevicePixelRatio(ratio)
            self.preview.setPixmap(scaled)
        else:
            self.preview.setText(
                f"{attachment.name}: {attachment.media_type}, {file_size(attachment.size)}"
            )
        self.preview.show()

    def set_read_only(self, read_only: bool) -> None:
        """Final records: attachments can be viewed, not added or removed."""
        self.add.setVisible(not read_only)
        self.remove.setVisible(not read_only)
