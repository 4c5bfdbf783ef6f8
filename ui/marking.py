"""Marking free text as observed, reported or opinion in the record editor (issue 14).

The selected text of a free-text box is marked with Ctrl+Alt+O (observed), Ctrl+Alt+R
(reported: asks who said it, to whom and when), Ctrl+Alt+P (opinion: asks its basis) or
unmarked with Ctrl+Alt+U. A marked passage carries a background tint of its class (see the
legend above the form), and the box's left margin letters each line's classes
(:mod:`ui.marking_margin`). The tint is kept in the text itself, as a character format
with the mark's details in a user property: Qt moves it with the text as the practitioner
goes on typing, and the marks are read back from the formats when the draft is saved. The
core checks every mark (:func:`casebook.marks.parse_spans`); this module only collects
them.

Positions: Qt counts UTF-16 code units, the core counts characters (code points); the
conversion is here, so a name like 𠀋 (outside the BMP) does not shift the marks after it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from casebook import kinds
from casebook import marks as mk
from casebook.domain import Person
from ui.editors.fields.dates import DateEdit
from ui.marking_margin import MarkMargin
from ui.widgets import dialog_buttons

# Where a passage's mark is kept in its characters' format (JSON of the span, no offsets).
MARK_PROPERTY = int(QTextFormat.Property.UserProperty) + 14
# Tints that read on light and dark backgrounds (drawn with transparency over the base).
CLASS_COLOURS = {
    mk.OBSERVED: QColor(46, 160, 67, 80),
    mk.REPORTED: QColor(230, 150, 20, 95),
    mk.OPINION: QColor(120, 90, 220, 80),
}
SHORTCUTS = {
    mk.OBSERVED: "Ctrl+Alt+O",
    mk.REPORTED: "Ctrl+Alt+R",
    mk.OPINION: "Ctrl+Alt+P",
    mk.UNCLASSIFIED: "Ctrl+Alt+U",
}


def _qt_offsets(text: str) -> list[int]:
    """``offsets[i]``: the UTF-16 position of character ``i`` (and of the end)."""
    out = [0]
    for char in text:
        out.append(out[-1] + (2 if ord(char) > 0xFFFF else 1))
    return out


def apply_spans(edit: QPlainTextEdit, spans: Iterable[Mapping[str, Any]]) -> None:
    """Show a field's marks (casebook/1.1 span objects) as tints of its text."""
    offsets = _qt_offsets(edit.toPlainText())
    for span in spans:
        start, end = int(span["start"]), int(span["end"])
        if not 0 <= start < end < len(offsets):
            continue
        details = {k: v for k, v in span.items() if k not in ("start", "end")}
        _format_range(edit, offsets[start], offsets[end], details)


def _format_range(
    edit: QPlainTextEdit, start: int, end: int, details: dict[str, Any] | None
) -> None:
    cursor = QTextCursor(edit.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    fmt = QTextCharFormat()
    if details is None:
        fmt.clearProperty(MARK_PROPERTY)
        fmt.clearBackground()
        cursor.setCharFormat(fmt)
        return
    fmt.setProperty(MARK_PROPERTY, json.dumps(details, sort_keys=True))
    fmt.setBackground(CLASS_COLOURS[str(details["class"])])
    fmt.setToolTip(_tooltip(details))
    cursor.setCharFormat(fmt)


def _tooltip(details: Mapping[str, Any]) -> str:
    cls = str(details.get("class"))
    extra = [
        str(details[k]) for k in ("source", "source_name", "to", "at", "basis") if details.get(k)
    ]
    return mk.CLASS_LABELS.get(cls, cls) + (f": {', '.join(extra)}" if extra else "")


def spans_of(edit: QPlainTextEdit) -> list[dict[str, Any]]:
    """A field's marks as casebook/1.1 span objects (adjacent runs of one mark joined,
    white space at their ends left out)."""
    text = edit.toPlainText()
    to_char = {q: i for i, q in enumerate(_qt_offsets(text))}
    runs: list[tuple[int, int, str]] = []
    block = edit.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            value = fragment.charFormat().property(MARK_PROPERTY)
            if fragment.isValid() and isinstance(value, str) and value:
                start, end = fragment.position(), fragment.position() + fragment.length()
                if runs and runs[-1][2] == value and runs[-1][1] == start:
                    runs[-1] = (runs[-1][0], end, value)
                else:
                    runs.append((start, end, value))
            it += 1
        block = block.next()
    spans = []
    for start, end, value in runs:
        first, last = to_char.get(start), to_char.get(end)
        if first is None or last is None:
            continue
        while first < last and text[first].isspace():
            first += 1
        while last > first and text[last - 1].isspace():
            last -= 1
        if last > first:
            spans.append({"start": first, "end": last, **json.loads(value)})
    return spans


def mark_selection(edit: QPlainTextEdit, details: dict[str, Any] | None) -> bool:
    """Mark (or, with None, unmark) the selected text; False when nothing is selected."""
    cursor = edit.textCursor()
    if not cursor.hasSelection():
        return False
    _format_range(edit, cursor.selectionStart(), cursor.selectionEnd(), details)
    return True


class ReportedDialog(QDialog):
    """Who said it (a person of the case, or someone named), to whom and when."""

    def __init__(self, people: list[Person], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reported: who said it?")
        self.source = QComboBox()
        for person in people:
            self.source.addItem(f"{person.name} ({kinds.label(person.role)})", person.key)
        self.source.addItem("Someone else (name below)", None)
        self.name = QLineEdit()
        self.name.setPlaceholderText("a named third party, e.g. the class teacher")
        self.told_to = QLineEdit()
        self.told_to.setPlaceholderText("to whom (optional), e.g. to me, to the teacher")
        self.told_at = DateEdit("When it was said", kind="event")
        # A name is asked for only when the source is not a person of the case.
        self.source.currentIndexChanged.connect(
            lambda _: self.name.setEnabled(self.source.currentData() is None)
        )
        self.name.setEnabled(self.source.currentData() is None)
        layout = QFormLayout(self)
        layout.addRow(QLabel("Reported passages are hearsay: say whose words they are."))
        layout.addRow("Source", self.source)
        layout.addRow("Named", self.name)
        layout.addRow("Told to", self.told_to)
        layout.addRow("When", self.told_at)
        layout.addRow(dialog_buttons(self))

    def details(self) -> dict[str, Any] | None:
        """The span's details, or None when no source was given."""
        key = self.source.currentData()
        name = self.name.text().strip()
        if key is None and not name:
            return None
        out: dict[str, Any] = {"class": mk.REPORTED}
        if key is not None:
            out["source"] = key
        else:
            out["source_name"] = name
        if self.told_to.text().strip():
            out["to"] = self.told_to.text().strip()
        if self.told_at.value():
            out["at"] = self.told_at.value()
        return out


def ask_details(cls: str, people: list[Person], parent: QWidget) -> dict[str, Any] | None:
    """The details of a new mark of class ``cls`` (None: cancelled)."""
    if cls == mk.OBSERVED:
        return {"class": mk.OBSERVED}
    if cls == mk.OPINION:
        basis, ok = QInputDialog.getText(
            parent, "Opinion: its basis", "What is this view based on? (optional)"
        )
        if not ok:
            return None
        return {"class": mk.OPINION, **({"basis": basis.strip()} if basis.strip() else {})}
    dialog = ReportedDialog(people, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.details()


def install_marking(edit: QPlainTextEdit, people: Any, changed: Any) -> None:
    """Give a free-text box the marking shortcuts (and context-menu actions).

    Args:
        edit: the box.
        people: called with no arguments, the case's people (for a reported source).
        changed: called after a mark changed (the draft then saves).
    """
    for cls, keys in SHORTCUTS.items():
        text = "Unmark" if cls == mk.UNCLASSIFIED else f"Mark as {mk.CLASS_LABELS[cls].lower()}"
        action = QAction(text, edit)
        action.setObjectName(f"mark_{cls}")
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

        def run(_: bool = False, cls: str = cls) -> None:
            if edit.isReadOnly() or not edit.textCursor().hasSelection():
                return
            details = None if cls == mk.UNCLASSIFIED else ask_details(cls, people(), edit)
            if details is None and cls != mk.UNCLASSIFIED:
                return
            if mark_selection(edit, details):
                changed()

        action.triggered.connect(run)
        edit.addAction(action)
    edit.document().contentsChange.connect(
        lambda position, removed, added: _no_run_on(edit, position, removed, added)
    )
    MarkMargin(edit, MARK_PROPERTY)


def _mark_at(edit: QPlainTextEdit, position: int) -> Any:
    document = edit.document()
    if position < 0 or position >= document.characterCount() - 1:
        return None
    cursor = QTextCursor(document)
    cursor.setPosition(position + 1)
    return cursor.charFormat().property(MARK_PROPERTY)


def _no_run_on(edit: QPlainTextEdit, position: int, removed: int, added: int) -> None:
    """Text typed just after a marked passage is not part of it (Qt would carry the
    format of the character before on): a mark covers only what was selected, and what
    is typed inside it."""
    if not added or removed:
        return
    inserted = _mark_at(edit, position)
    if inserted and _mark_at(edit, position + added) != inserted:
        _format_range(edit, position, position + added, None)


def legend() -> QLabel:
    """The key to the tints, with the shortcuts."""
    parts = []
    for cls in mk.CLASSES:
        colour = CLASS_COLOURS[cls]
        rgba = f"rgba({colour.red()},{colour.green()},{colour.blue()},{colour.alpha() / 255:.2f})"
        parts.append(
            f"<span style='background-color:{rgba}'>&nbsp;{mk.CLASS_LABELS[cls]}&nbsp;</span>"
            f" {SHORTCUTS[cls]}"
        )
    label = QLabel(
        "Mark selected text: " + " &nbsp; ".join(parts)
        + f" &nbsp; Unmark {SHORTCUTS[mk.UNCLASSIFIED]}. Unmarked text is unclassified."
    )  # fmt: skip
    label.setObjectName("markingLegend")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    return label
