"""The Chronology tab's events that are not records, and significance set after finalising.

*Add event…* asks for an arrest, a bail, a court hearing, a move of home ... with its date,
what happened, its source and its class (:mod:`casebook.stores.events`). *Significance…*
marks the chosen final record significant (or not) as a dated, audited annotation beside it
(:mod:`casebook.stores.significance`); a draft's significance is the tick box in the draft.
This module only asks; the core checks and writes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from casebook import marks as mk
from casebook.events import EVENT_KIND_LABELS, EVENT_KINDS, ChronologyEvent
from ui import text
from ui.editors.fields import DateEdit
from ui.icons import icon
from ui.models import ACCESSIBLE, DECORATION, DISPLAY, FONT, TOOLTIP, bold_font
from ui.widgets import dialog_buttons

CLASS_HINTS = {
    mk.OBSERVED: "Observed: I saw or heard it myself",
    mk.REPORTED: "Reported: I was told or sent it (give the source)",
    mk.OPINION: "Opinion: my professional view",
}


class EventCells:
    """Mixin of the Chronology tab's model: its chronology events' cells (records' cells
    are the base model's)."""

    PARTS: tuple[str, ...]

    def cell(self, value: Any, column: int, role: int) -> Any:
        if isinstance(value, ChronologyEvent):
            return event_cell(value, self.PARTS[column], role)
        return super().cell(value, column, role)  # type: ignore[misc]


def event_cell(event: ChronologyEvent, part: str, role: int) -> Any:
    """A chronology event's cell in the Chronology tab (date, event, status, notes)."""
    if role == TOOLTIP:
        source = f"; source: {event.source}" if event.source else ""
        return f"{mk.CLASS_LABELS[event.cls]}{source}"
    if part == "title" and role == FONT and event.significant:
        return bold_font()
    if part == "notes" and role == DECORATION and event.significant:
        return icon("significant")
    if role not in (DISPLAY, ACCESSIBLE):
        return None
    notes = ["Significant"] if event.significant else []
    notes.append(mk.CLASS_LABELS[event.cls])
    if event.source:
        notes.append(f"source: {event.source}")
    when = text.when(event.occurred) if "T" in event.occurred else text.day(event.occurred)
    return {"when": when, "title": event.title, "status": "Event", "notes": " · ".join(notes)}.get(
        part
    )


def chronology_controls(view: Any) -> tuple[QPushButton, QPushButton]:
    """*Add event…* and *Significance…* of the Chronology tab (they emit the view's
    ``add_event`` and ``significance_requested(record summary)`` signals); a row opened
    emits ``event_activated(event)`` for an event, ``open_record(id)`` for a record."""
    view.chronology_table.activated_row.connect(
        lambda e: (
            view.event_activated.emit(e)
            if isinstance(e, ChronologyEvent)
            else view.open_record.emit(e.id)
        )
    )
    add = QPushButton("Add event…")
    add.setToolTip("Add an event that is not a record: an arrest, a court hearing, a move ...")
    add.clicked.connect(view.add_event.emit)
    significance = QPushButton("Significance…")
    significance.setToolTip(
        "Mark the chosen final record significant (or not): dated and audited, the record "
        "itself stays as it was finalised"
    )

    def chosen() -> None:
        value = view.chronology_table.current_value()
        if value is not None and not isinstance(value, ChronologyEvent):
            view.significance_requested.emit(value)

    significance.clicked.connect(chosen)
    return add, significance


class AddEventDialog(QDialog):
    """Date, kind, what happened, source, class and significance of a chronology event."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addEventDialog")
        self.setWindowTitle("Add event to the chronology")
        self.date = DateEdit("Date of the event", kind="event", clearable=False)
        self.kind = QComboBox()
        for kind in EVENT_KINDS:
            self.kind.addItem(EVENT_KIND_LABELS[kind], kind)
        self.description = QLineEdit()
        self.description.setPlaceholderText("what happened, e.g. interim care order made")
        self.source = QLineEdit()
        self.source.setPlaceholderText("who says so, e.g. police disclosure, court letter")
        self.cls = QComboBox()
        for cls in mk.CLASSES:
            self.cls.addItem(CLASS_HINTS[cls], cls)
        self.significant = QCheckBox("Significant event")
        layout = QFormLayout(self)
        layout.addRow(QLabel("Events that are not records: they show in the chronology."))
        layout.addRow("Date", self.date)
        layout.addRow("Event", self.kind)
        layout.addRow("What happened", self.description)
        layout.addRow("Source", self.source)
        layout.addRow("Class", self.cls)
        layout.addRow("", self.significant)
        layout.addRow(dialog_buttons(self))

    def values(self) -> dict[str, Any]:
        """Keyword arguments of ``Notebook.events.add`` (after the case reference)."""
        return {
            "occurred": self.date.value() or "",
            "kind": self.kind.currentData(),
            "cls": self.cls.currentData(),
            "description": self.description.text(),
            "source": self.source.text(),
            "significant": self.significant.isChecked(),
        }


def add_event(pane: Any) -> None:
    """Ask for an event and add it to the case shown (on the worker); reload the case."""
    ref = pane.current_ref
    if ref is None:
        return
    dialog = AddEventDialog(pane.window())
    dialog.accepted.connect(
        lambda: pane._run(_add, pane.notebook, ref, dialog.values(), reload=ref)
    )
    pane._open(dialog)


def _add(notebook: Any, ref: str, values: dict[str, Any]) -> Any:
    return notebook.events.add(ref, **values)


def ask_significance(pane: Any, summary: Any) -> None:
    """Mark a final record significant or not, with a reason (audited; outside its hash)."""
    if summary.status != "final":
        QMessageBox.information(
            pane.window(), "Significance",
            "This record is a draft: tick “Significant event” in the draft itself.",
        )  # fmt: skip
        return
    now = not summary.significant
    reason, ok = QInputDialog.getText(
        pane.window(),
        "Significance",
        f"Mark “{summary.title}” as {'significant' if now else 'not significant'} from today."
        "\nThe record stays as it was finalised; this note is dated and audited.\nWhy?",
    )
    if ok:
        pane._run(pane.notebook.significance.set, summary.id, now, reason, reload=pane.current_ref)


def show_event(pane: Any, event: ChronologyEvent) -> None:
    """An event's details (opened from the Chronology tab), with *Withdraw event…*: an
    event entered in error is withdrawn with a reason and stays in the audit log."""
    box = QMessageBox(pane.window())
    box.setObjectName("eventDetails")
    box.setWindowTitle("Chronology event")
    box.setText(event.title)
    box.setInformativeText(
        f"{text.day(event.occurred)} · {CLASS_HINTS[event.cls]}"
        + (f"\nSource: {event.source}" if event.source else "")
        + ("\nSignificant" if event.significant else "")
        + f"\nAdded {text.when(event.created_at)}"
    )
    withdraw = box.addButton("Withdraw event…", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is not withdraw:
        return
    reason, ok = QInputDialog.getText(
        pane.window(), "Withdraw event", "Why is this event withdrawn? (it stays in the audit log)"
    )
    if ok:
        pane._run(pane.notebook.events.withdraw, event.id, reason, reload=pane.current_ref)
