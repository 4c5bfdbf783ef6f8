"""Settings ▸ Writing: dictionary, personal words, phrases, and the language list.

Everything here is kept in the open notebook (encrypted), never in the app's config file.
The language list edits a per-notebook override; the shipped list is never changed.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casebook import kinds
from casebook.errors import InvalidInput
from casebook.writing import language, spelling
from ui.widgets import dialog_buttons, form_rows
from ui.writing.hub import WritingHub, hub


class EntryDialog(QDialog):
    """Add or change one entry of the language list."""

    def __init__(self, entry: language.Entry | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Language check entry")
        self.entry_id = entry.id if entry else ""
        self.patterns = QPlainTextEdit("\n".join(entry.patterns) if entry else "")
        self.patterns.setAccessibleName("Wording to look for, one a line")
        self.reason = QPlainTextEdit(entry.reason if entry else "")
        self.reason.setAccessibleName("Why")
        self.alternatives = QPlainTextEdit("\n".join(entry.alternatives) if entry else "")
        self.alternatives.setAccessibleName("Alternatives, one a line")
        self.source = QLineEdit(entry.source if entry else "")
        self.source.setAccessibleName("Source")
        self.kinds = {k: QCheckBox(kinds.KIND_LABELS[k]) for k in kinds.KINDS}
        for k, box in self.kinds.items():
            box.setChecked(bool(entry and k in entry.kinds))
        self.disclosure = QCheckBox("Only in records that hold a disclosure")
        self.disclosure.setChecked(bool(entry and entry.disclosure))
        for edit in (self.patterns, self.reason, self.alternatives):
            edit.setMaximumHeight(80)
        kinds_row = QHBoxLayout()
        for box in self.kinds.values():
            kinds_row.addWidget(box)
        form = form_rows(
            ("Wording (one a line)", self.patterns),
            ("Why", self.reason),
            ("Instead (one a line)", self.alternatives),
            ("Only in (none: all)", kinds_row),
            ("", self.disclosure),
            ("Source", self.source),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(dialog_buttons(self))
        self.resize(560, 420)

    def value(self, taken: set[str]) -> language.Entry:
        """The entry as filled in.

        Raises:
            InvalidInput: something required is missing.
        """
        patterns = [p.strip() for p in self.patterns.toPlainText().splitlines() if p.strip()]
        entry_id = self.entry_id
        if not entry_id:
            slug = re.sub(r"[^a-z0-9]+", "-", (patterns or ["entry"])[0].casefold()).strip("-")
            base = f"own-{slug[:40] or 'entry'}"
            entry_id = next(
                f"{base}-{i}" if i else base
                for i in range(10_000)
                if (f"{base}-{i}" if i else base) not in taken
            )
        return language.parse_entry(
            {
                "id": entry_id,
                "patterns": patterns,
                "reason": self.reason.toPlainText().strip(),
                "alternatives": [
                    a.strip() for a in self.alternatives.toPlainText().splitlines() if a.strip()
                ],
                "source": self.source.text().strip(),
                "kinds": [k for k, box in self.kinds.items() if box.isChecked()],
                "disclosure": self.disclosure.isChecked(),
            },
            "entry",
        )


class WritingSettingsPage(QWidget):
    """The Writing page of the settings dialog (applied by :meth:`apply`)."""

    title = "Writing"

    def __init__(self, writing: WritingHub | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("writingSettings")
        self.hub = writing or hub()
        state = self.hub.state
        base = language.shipped()
        self._shipped = {e.id: e for e in base.entries}
        in_force = {e.id: e for e in state.guidance.entries}
        # Every entry (shipped ones turned off too) with whether it is on.
        self.entries: list[tuple[language.Entry, bool]] = [
            (in_force.get(e.id, e), e.id in in_force) for e in base.entries
        ] + [(e, True) for e in state.guidance.entries if e.id not in self._shipped]

        self.dictionary = QComboBox()
        self.dictionary.setAccessibleName("Spelling dictionary")
        for info in spelling.available_dictionaries():
            self.dictionary.addItem(info.label, info.code)
        self.dictionary.setCurrentIndex(max(0, self.dictionary.findData(state.dictionary)))
        self.words = QListWidget()
        self.words.setAccessibleName("My dictionary")
        self.words.addItems(state.personal_words)
        self.words.setMaximumHeight(90)
        remove_word = QPushButton("Remove word")
        remove_word.clicked.connect(lambda: self.words.takeItem(self.words.currentRow()))
        phrases = QPushButton("Phrases and templates…")
        phrases.clicked.connect(self._open_phrases)
        spell_box = QGroupBox("Spelling")
        spell_form = QFormLayout(spell_box)
        spell_form.addRow("Dictionary", self.dictionary)
        words_row = QHBoxLayout()
        words_row.addWidget(self.words, 1)
        words_row.addWidget(remove_word, 0, Qt.AlignmentFlag.AlignTop)
        spell_form.addRow("My dictionary", words_row)
        spell_form.addRow("", phrases)

        self.before_finalise = QCheckBox("Check the language before finalising a record")
        self.before_finalise.setChecked(state.check_before_finalise)
        self.tree = QTreeWidget()
        self.tree.setObjectName("languageList")
        self.tree.setHeaderLabels(["Wording", "Instead", "Applies to"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("Language check list")
        self.tree.itemDoubleClicked.connect(lambda *_: self.edit_entry())
        add = QPushButton("Add…")
        add.clicked.connect(self.add_entry)
        edit = QPushButton("Change…")
        edit.clicked.connect(self.edit_entry)
        self.remove = QPushButton("Remove")
        self.remove.clicked.connect(self.remove_entry)
        restore = QPushButton("Restore the shipped list")
        restore.clicked.connect(self.restore)
        buttons = QHBoxLayout()
        for button in (add, edit, self.remove, restore):
            buttons.addWidget(button)
        buttons.addStretch(1)
        sources = QLabel(
            "A starting point drawn from: " + " ".join(f"({i}) {s}" for i, s in
                                                      enumerate(base.sources, 1))
        )  # fmt: skip
        sources.setWordWrap(True)
        sources.setEnabled(False)
        language_box = QGroupBox("Language check")
        language_layout = QVBoxLayout(language_box)
        language_layout.addWidget(self.before_finalise)
        language_layout.addWidget(self.tree, 1)
        language_layout.addLayout(buttons)
        language_layout.addWidget(sources)
        note = QLabel("Kept encrypted in this notebook, never in a settings file.")
        note.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(spell_box)
        layout.addWidget(language_box, 1)
        layout.addWidget(note)
        self._fill()

    def _fill(self, select: int = -1) -> None:
        self.tree.clear()
        for entry, on in self.entries:
            where = ", ".join(kinds.KIND_LABELS[k] for k in entry.kinds) or "every record"
            if entry.disclosure:
                where += ", with a disclosure"
            item = QTreeWidgetItem(
                [" / ".join(entry.patterns), " / ".join(entry.alternatives), where]
            )
            item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            item.setToolTip(0, entry.reason)
            self.tree.addTopLevelItem(item)
        self.tree.resizeColumnToContents(2)
        self.tree.setColumnWidth(0, 240)
        if select >= 0 and self.tree.topLevelItemCount():
            chosen = self.tree.topLevelItem(min(select, self.tree.topLevelItemCount() - 1))
            if chosen is not None:
                self.tree.setCurrentItem(chosen)

    def _sync_checks(self) -> None:
        for i in range(self.tree.topLevelItemCount()):
            entry, _ = self.entries[i]
            item = self.tree.topLevelItem(i)
            on = item is not None and item.checkState(0) == Qt.CheckState.Checked
            self.entries[i] = (entry, on)

    def _ask(self, entry: language.Entry | None) -> language.Entry | None:
        dialog = EntryDialog(entry, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                return dialog.value({e.id for e, _ in self.entries})
            except InvalidInput as exc:
                QMessageBox.warning(self, "Language check entry", f"{exc.problem}.")
        return None

    def add_entry(self) -> None:
        """Add an entry of the practitioner's own."""
        self._sync_checks()
        entry = self._ask(None)
        if entry is not None:
            self.entries.append((entry, True))
            self._fill(len(self.entries) - 1)

    def edit_entry(self) -> None:
        """Change the selected entry."""
        self._sync_checks()
        row = self.tree.currentIndex().row()
        if not 0 <= row < len(self.entries):
            return
        entry = self._ask(self.entries[row][0])
        if entry is not None:
            self.entries[row] = (entry, self.entries[row][1])
            self._fill(row)

    def remove_entry(self) -> None:
        """Remove an own entry (a shipped one can only be turned off)."""
        self._sync_checks()
        row = self.tree.currentIndex().row()
        if not 0 <= row < len(self.entries):
            return
        if self.entries[row][0].id in self._shipped:
            self.entries[row] = (self.entries[row][0], False)
        else:
            del self.entries[row]
        self._fill(row)

    def restore(self) -> None:
        """Back to the shipped list (own entries and changes are dropped)."""
        self.entries = [(e, True) for e in language.shipped().entries]
        self._fill()

    def override(self) -> dict[str, Any]:
        """The notebook override that gives the list as shown."""
        self._sync_checks()
        wanted = [e for e, on in self.entries if on]
        off = [e.id for e, on in self.entries if not on and e.id in self._shipped]
        return language.diff_override(language.shipped(), wanted, off)

    def _open_phrases(self) -> None:
        from ui.writing import attach
        from ui.writing.phrases_dialog import PhrasesDialog

        PhrasesDialog(self.hub, self, text_aids=attach).exec()

    def apply(self) -> None:
        """Store the choices in the notebook."""
        self.hub.set_dictionary(self.dictionary.currentData())
        words = [self.words.item(i).text() for i in range(self.words.count())]
        if words != self.hub.state.personal_words:
            self.hub.set_personal_words(words)
        if self.before_finalise.isChecked() != self.hub.state.check_before_finalise:
            self.hub.set_check_before_finalise(self.before_finalise.isChecked())
        override = self.override()
        current = language.diff_override(
            language.shipped(), self.hub.state.guidance.entries,
            [i for i in self._shipped if i not in {e.id for e in self.hub.state.guidance.entries}],
        )  # fmt: skip
        if override != current:
            self.hub.set_language_override(override)
