"""The language check panel: findings in the open record, each with a reason and alternatives.

It lists wording that practice guidance asks practitioners to avoid (the list in force for
the notebook, :mod:`casebook.writing.language`), field by field. The practitioner decides:
"Replace" puts the chosen alternative in the text box (one undo step, saved like typing),
"Ignore" drops the finding from the list. It never blocks saving, and before finalising
(if turned on in Settings) it only asks, with "Finalise anyway" always there.
"""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casebook import kinds
from casebook.writing import language
from ui.writing.hub import WritingHub, hub

_ACTION = re.compile(r"^actions\[(\d+)\]\.text$")
# One of several disclosures: ``disclosures[1].response``.
_ITEM = re.compile(r"^(\w+)\[(\d+)\]$")


def field_label(kind: str, where: str) -> str:
    """A finding's place as the editor labels it ("Protective capacity", "Action 2")."""
    match = _ACTION.match(where)
    if match:
        return f"Action {int(match.group(1)) + 1}"
    name, _, part = where.partition(".")
    item = _ITEM.match(name)
    if item:
        return f"Disclosure {int(item.group(2)) + 1}: {part}"
    spec = next((s for s in kinds.FIELDS[kind] if s.name == name), None)
    label = spec.label if spec is not None else name
    return f"{label}: {part}" if part else label


def findings_for(editor: Any, writing: WritingHub | None = None) -> list[language.Finding]:
    """The findings in what the editor shows now."""
    if editor.record is None or editor.form is None:
        return []
    data = editor.data()
    return language.check_record(data["kind"], data["fields"], (writing or hub()).state.guidance)


def text_box_for(editor: Any, where: str) -> QPlainTextEdit | None:
    """The editor's text box holding a finding's field (None for an action's text)."""
    name, _, part = where.partition(".")
    item = _ITEM.match(name)
    widget = editor.form.fields.get(item.group(1) if item else name) if editor.form else None
    if item and widget is not None:
        entries = getattr(widget, "entries", [])  # the disclosures, each in its own box
        index = int(item.group(2))
        widget = entries[index].disclosure if index < len(entries) else None
    if widget is None:
        return None
    box = getattr(widget, part, None) if part else getattr(widget, "edit", None)
    return box if isinstance(box, QPlainTextEdit) else None


class LanguageCheckPanel(QDialog):
    """Lists the language check's findings for the record in an editor (stays open beside it)."""

    def __init__(self, editor: Any, writing: WritingHub | None = None) -> None:
        super().__init__(editor.window())
        self.setObjectName("languageCheckPanel")
        self.setWindowTitle("Check language")
        self.setWindowFlag(Qt.WindowType.Tool, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor = editor
        self.hub = writing or hub()
        self.findings: list[language.Finding] = []
        self._ignored: set[tuple[str, str, str]] = set()

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("findings")
        self.list.setHeaderLabels(["Field", "Wording", "Suggestion"])
        self.list.setRootIsDecorated(False)
        self.list.setAccessibleName("Findings")
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.list.itemDoubleClicked.connect(lambda *_: self.go_to())
        self.reason = QLabel()
        self.reason.setObjectName("reason")
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.RichText)
        self.alternatives = QComboBox()
        self.alternatives.setEditable(True)
        self.alternatives.setAccessibleName("Alternative wording")
        self.replace_button = QPushButton("Replace")
        self.replace_button.setToolTip("Put the alternative in place of the wording found")
        self.replace_button.clicked.connect(self.replace)
        self.ignore_button = QPushButton("Ignore")
        self.ignore_button.setToolTip("Leave the wording as it is")
        self.ignore_button.clicked.connect(self.ignore)
        self.go_button = QPushButton("Show in record")
        self.go_button.clicked.connect(self.go_to)
        row = QHBoxLayout()
        row.addWidget(QLabel("Instead:"))
        row.addWidget(self.alternatives, 1)
        row.addWidget(self.replace_button)
        row.addWidget(self.ignore_button)
        row.addWidget(self.go_button)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.reason)
        detail_layout.addLayout(row)
        detail_layout.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        again = buttons.addButton("Check again", QDialogButtonBox.ButtonRole.ActionRole)
        again.clicked.connect(self.run_check)
        buttons.rejected.connect(self.close)
        note = QLabel(
            "A starting point drawn from practice guidance (sources in Settings ▸ Writing). "
            "You decide: nothing here stops a record being saved or finalised."
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(640, 460)
        self.run_check()

    def run_check(self) -> None:
        """Check the record as the editor shows it now."""
        keep = self.list.currentIndex().row()
        self.findings = [
            f for f in findings_for(self.editor, self.hub)
            if (f.field, f.phrase.casefold(), f.entry.id) not in self._ignored
        ]  # fmt: skip
        kind = self.editor.record.kind if self.editor.record is not None else "session"
        self.list.clear()
        for finding in self.findings:
            item = QTreeWidgetItem([
                field_label(kind, finding.field),
                finding.phrase.replace("\n", " "),
                finding.entry.alternatives[0] if finding.entry.alternatives else "",
            ])  # fmt: skip
            self.list.addTopLevelItem(item)
        for column in range(3):
            self.list.resizeColumnToContents(column)
        count = len(self.findings)
        self.summary.setText(
            "No wording from the list was found in this record."
            if not count
            else f"{count} {'place' if count == 1 else 'places'} where practice guidance "
            "suggests other words."
        )
        if count:
            kept = self.list.topLevelItem(min(max(keep, 0), count - 1))
            if kept is not None:
                self.list.setCurrentItem(kept)
        self._show_current()

    def current(self) -> language.Finding | None:
        """The finding selected."""
        row = self.list.currentIndex().row()
        return self.findings[row] if 0 <= row < len(self.findings) else None

    def _show_current(self) -> None:
        finding = self.current()
        final = self.editor.is_final
        for widget in (self.replace_button, self.ignore_button, self.go_button, self.alternatives):
            widget.setEnabled(finding is not None)
        self.alternatives.clear()
        if finding is None:
            self.reason.setText("")
            return
        entry = finding.entry
        self.reason.setText(
            f"<b>“{html.escape(finding.phrase)}”</b>: {html.escape(entry.reason)}"
            + (f"<br><small>Source: {html.escape(entry.source)}</small>" if entry.source else "")
        )
        for alternative in entry.alternatives:
            self.alternatives.addItem(language.matching_case(finding.phrase, alternative))
        can_replace = not final and (
            text_box_for(self.editor, finding.field) is not None
            or bool(_ACTION.match(finding.field))
        )
        self.replace_button.setEnabled(can_replace)

    def replace(self) -> None:
        """Put the alternative in place of the finding's wording (the record saves as usual)."""
        finding = self.current()
        replacement = self.alternatives.currentText()
        if finding is None or self.editor.is_final or not replacement:
            return
        box = text_box_for(self.editor, finding.field)
        if box is not None:
            if box.toPlainText()[finding.start : finding.end] != finding.phrase:
                self.run_check()  # the text moved under us: look again
                return
            cursor = QTextCursor(box.document())
            cursor.setPosition(finding.start)
            cursor.setPosition(finding.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.beginEditBlock()
            cursor.insertText(replacement)
            cursor.endEditBlock()
        else:
            self._replace_in_action(finding, replacement)
        self.run_check()

    def _replace_in_action(self, finding: language.Finding, replacement: str) -> None:
        match = _ACTION.match(finding.field)
        if match is None:
            return
        table = self.editor.actions_table.table
        rows = [r for r in range(table.rowCount())
                if table.item(r, 0) is not None and table.item(r, 0).text().strip()]  # fmt: skip
        index = int(match.group(1))
        if index < len(rows):
            item = table.item(rows[index], 0)
            text = item.text()
            if text[finding.start : finding.end] == finding.phrase:
                item.setText(text[: finding.start] + replacement + text[finding.end :])

    def ignore(self) -> None:
        """Leave this wording as it is (for this check)."""
        finding = self.current()
        if finding is not None:
            self._ignored.add((finding.field, finding.phrase.casefold(), finding.entry.id))
            self.run_check()

    def go_to(self) -> None:
        """Select the wording in its text box."""
        finding = self.current()
        box = text_box_for(self.editor, finding.field) if finding is not None else None
        if finding is None or box is None:
            return
        cursor = box.textCursor()
        cursor.setPosition(finding.start)
        cursor.setPosition(finding.end, QTextCursor.MoveMode.KeepAnchor)
        box.setTextCursor(cursor)
        box.ensureCursorVisible()
        if hasattr(self.editor, "scroll_area"):
            self.editor.scroll_area.ensureWidgetVisible(box)


def open_panel(editor: Any) -> LanguageCheckPanel:
    """Show the language check for the record in ``editor`` (one panel per editor)."""
    existing = editor.findChild(LanguageCheckPanel) or next(
        (w for w in editor.window().findChildren(LanguageCheckPanel) if w.editor is editor), None
    )
    if existing is not None:
        existing.run_check()
        existing.show()
        existing.raise_()
        return existing
    panel = LanguageCheckPanel(editor)
    panel.show()
    return panel


def ask_before_finalise(parent: QWidget, findings: list[language.Finding], kind: str) -> bool:
    """List the findings and ask; True means finalise anyway."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Check the wording first?")
    places = "place" if len(findings) == 1 else "places"
    box.setText(f"The language check found {len(findings)} {places} to look at before finalising.")
    lines = [f"• {field_label(kind, f.field)}: “{f.phrase}”" for f in findings[:8]]
    if len(findings) > 8:
        lines.append(f"… and {len(findings) - 8} more")
    box.setInformativeText("\n".join(lines))
    review = box.addButton("Review wording", QMessageBox.ButtonRole.RejectRole)
    anyway = box.addButton("Finalise anyway", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(review)
    box.exec()
    return box.clickedButton() is anyway


def review_before_finalise(editor: Any, ask: Any = None) -> bool:
    """Before finalising: if the practitioner turned the check on and it finds something,
    ask (showing the panel if they want to review). True: go on and finalise."""
    writing = hub()
    if not writing.state.check_before_finalise:
        return True
    findings = findings_for(editor, writing)
    if not findings:
        return True
    if (ask or ask_before_finalise)(editor, findings, editor.record.kind):
        return True
    open_panel(editor)
    return False


def check_language_button(editor: Any) -> QPushButton:
    """The editor's "Check language" button (opens the panel for its record)."""
    button = QPushButton("Check language…")
    button.setObjectName("checkLanguage")
    button.setToolTip("List wording that practice guidance suggests changing (Ctrl+Shift+L)")
    button.setShortcut("Ctrl+Shift+L")
    button.clicked.connect(lambda: open_panel(editor))
    return button
