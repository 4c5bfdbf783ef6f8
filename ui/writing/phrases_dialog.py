"""Phrases and templates: a small manager, with export and import as casebook/1 JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casebook import kinds
from casebook.errors import CasebookError, InvalidInput
from casebook.formats import casebook_json
from casebook.writing import phrases as phrase_lib
from casebook.writing.phrases import Phrase, Template
from ui.widgets import SAVE_CANCEL, dialog_buttons
from ui.writing.hub import WritingHub


class PhrasesDialog(QDialog):
    """Edit the practitioner's phrases and the templates of each record kind."""

    def __init__(
        self,
        writing: WritingHub,
        parent: QWidget | None = None,
        *,
        text_aids: Callable[[QPlainTextEdit], object] | None = None,
    ) -> None:
        """``text_aids`` gives the phrase text box spell-check and phrases (the opener
        passes :func:`ui.writing.attach`: this module cannot import it, as the text
        aids open this dialog)."""
        super().__init__(parent)
        self.setObjectName("phrasesDialog")
        self.setWindowTitle("Phrases and templates")
        self.hub = writing
        self.phrases: list[Phrase] = list(writing.state.phrases)
        self.templates: dict[tuple[str, str], str] = {
            (t.kind, t.field): t.text for t in writing.state.templates
        }
        self._row = -1

        # -- phrases ------------------------------------------------------------------------
        self.list = QListWidget()
        self.list.setAccessibleName("Phrases")
        self.list.currentRowChanged.connect(self._select)
        self.name = QLineEdit()
        self.name.setAccessibleName("Phrase name")
        self.trigger = QLineEdit()
        self.trigger.setAccessibleName("Trigger word")
        self.trigger.setPlaceholderText("optional, e.g. ;conf (type it, then Tab or space)")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Phrase text")
        if text_aids is not None:
            text_aids(self.text)
        for widget in (self.name, self.trigger):
            widget.textEdited.connect(self._store)
        self.text.textChanged.connect(self._store)
        add = QPushButton("Add")
        add.clicked.connect(self.add_phrase)
        remove = QPushButton("Remove")
        remove.clicked.connect(self.remove_phrase)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        left.addLayout(row)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Trigger", self.trigger)
        form.addRow("Text", self.text)
        phrases_page = QWidget()
        phrases_layout = QHBoxLayout(phrases_page)
        phrases_layout.addLayout(left, 1)
        phrases_layout.addLayout(form, 2)

        # -- templates ----------------------------------------------------------------------
        self.kind = QComboBox()
        self.kind.setAccessibleName("Record kind")
        for kind in kinds.KINDS:
            self.kind.addItem(kinds.KIND_LABELS[kind], kind)
        self.field = QComboBox()
        self.field.setAccessibleName("Field")
        self.template_text = QPlainTextEdit()
        self.template_text.setAccessibleName("Template headings")
        self.template_text.setPlaceholderText(
            "Headings to put into an empty box of this field when you ask for them "
            "(right-click the box, or Ctrl+;)."
        )
        self._template_key: tuple[str, str] | None = None
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.field.currentIndexChanged.connect(self._field_changed)
        self.template_text.textChanged.connect(self._store_template)
        templates_page = QWidget()
        t_form = QFormLayout(templates_page)
        t_form.addRow("Record kind", self.kind)
        t_form.addRow("Field", self.field)
        t_form.addRow("Headings", self.template_text)

        self.tabs = QTabWidget()
        self.tabs.addTab(phrases_page, "Phrases")
        self.tabs.addTab(templates_page, "Templates")
        buttons = dialog_buttons(self, SAVE_CANCEL)
        export = buttons.addButton("Export…", QDialogButtonBox.ButtonRole.ActionRole)
        export.clicked.connect(self.export_file)
        import_ = buttons.addButton("Import…", QDialogButtonBox.ButtonRole.ActionRole)
        import_.clicked.connect(self.import_file)
        note = QLabel("Kept encrypted in this notebook. Export writes a casebook/1 file "
                      "holding only your phrases and templates.")  # fmt: skip
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(720, 460)
        self._fill_list()
        self._kind_changed()

    # -- phrases ----------------------------------------------------------------------------

    def _fill_list(self, select: int = 0) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for phrase in self.phrases:
            self.list.addItem(phrase.name + (f"   {phrase.trigger}" if phrase.trigger else ""))
        self.list.blockSignals(False)
        self._row = -1
        if self.phrases:
            self.list.setCurrentRow(min(select, len(self.phrases) - 1))
        else:
            self._select(-1)

    def _select(self, row: int) -> None:
        self._row = -1  # no storing while the boxes are filled
        phrase = self.phrases[row] if 0 <= row < len(self.phrases) else None
        self.name.setText(phrase.name if phrase else "")
        self.trigger.setText(phrase.trigger if phrase else "")
        self.text.setPlainText(phrase.text if phrase else "")
        for widget in (self.name, self.trigger, self.text):
            widget.setEnabled(phrase is not None)
        self._row = row

    def _store(self) -> None:
        if not 0 <= self._row < len(self.phrases):
            return
        phrase = Phrase(self.name.text(), self.text.toPlainText(), self.trigger.text().strip())
        self.phrases[self._row] = phrase
        item = self.list.item(self._row)
        if item is not None:
            item.setText(phrase.name + (f"   {phrase.trigger}" if phrase.trigger else ""))

    def add_phrase(self) -> None:
        """A new phrase to fill in."""
        names = {p.name for p in self.phrases}
        name = next(f"New phrase {i}" for i in range(1, 10_000) if f"New phrase {i}" not in names)
        self.phrases.append(Phrase(name, ""))
        self._fill_list(len(self.phrases) - 1)
        self.name.setFocus()
        self.name.selectAll()

    def remove_phrase(self) -> None:
        """Remove the selected phrase."""
        row = self.list.currentRow()
        if 0 <= row < len(self.phrases):
            del self.phrases[row]
            self._fill_list(row)

    # -- templates --------------------------------------------------------------------------

    def _kind_changed(self, *_: Any) -> None:
        kind = self.kind.currentData()
        self.field.blockSignals(True)
        self.field.clear()
        for name in phrase_lib.text_fields(kind):
            label = next(s.label for s in kinds.FIELDS[kind] if s.name == name)
            has = " ✓" if self.templates.get((kind, name), "").strip() else ""
            self.field.addItem(label + has, name)
        self.field.blockSignals(False)
        with_template = next(
            (
                i
                for i in range(self.field.count())
                if (kind, self.field.itemData(i)) in self.templates
            ),
            0,
        )
        self.field.setCurrentIndex(with_template)
        self._field_changed()

    def _field_changed(self, *_: Any) -> None:
        self._template_key = None
        key = (self.kind.currentData(), self.field.currentData())
        self.template_text.setPlainText(self.templates.get(key, ""))
        self._template_key = key

    def _store_template(self) -> None:
        if self._template_key is not None:
            self.templates[self._template_key] = self.template_text.toPlainText()

    def template_list(self) -> list[Template]:
        """The templates as edited (fields left empty have none)."""
        return [Template(k, f, t) for (k, f), t in self.templates.items() if t.strip()]

    # -- saving, export, import ---------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        """The phrases and templates as a casebook/1 document (no cases).

        Raises:
            InvalidInput: a phrase is not valid (names it).
        """
        rendered = phrase_lib.render_phrases(self.phrases)
        phrase_lib.parse_phrases(rendered)
        return {"format": casebook_json.FORMAT, "cases": [], "phrases": rendered,
                "templates": phrase_lib.render_templates(self.template_list())}  # fmt: skip

    def accept(self) -> None:
        try:
            document = self.document()
        except InvalidInput as exc:
            QMessageBox.warning(self, "Phrases and templates", self._problem(exc))
            return
        self.hub.set_phrases(phrase_lib.parse_phrases(document["phrases"]))
        if self.template_list() != list(self.hub.state.templates):
            self.hub.set_templates(self.template_list())
        super().accept()

    def _problem(self, exc: InvalidInput) -> str:
        if exc.where.startswith("phrases["):
            index = int(exc.where[len("phrases[") : exc.where.index("]")])
            name = self.phrases[index].name if index < len(self.phrases) else ""
            return f"The phrase “{name}”: {exc.problem}."
        return f"{exc.where}: {exc.problem}."

    def export_file(self) -> None:
        """Write the phrases and templates to a casebook/1 file the practitioner chooses."""
        from casebook.atomic import atomic_file
        from ui.settings import file_dialog_options

        try:
            document = self.document()
        except InvalidInput as exc:
            QMessageBox.warning(self, "Phrases and templates", self._problem(exc))
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Export phrases and templates", "phrases.json", "casebook/1 JSON (*.json)",
            options=file_dialog_options(),
        )  # fmt: skip
        if not path:
            return
        try:
            with atomic_file(Path(path)) as out:
                out.write((json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode())
        except (OSError, CasebookError) as exc:
            QMessageBox.warning(self, "Export phrases and templates", f"Could not write: {exc}")

    def import_file(self) -> None:
        """Add the phrases and templates of a casebook/1 file (nothing is overwritten)."""
        from ui.settings import file_dialog_options

        path, _ = QFileDialog.getOpenFileName(
            self, "Import phrases and templates", "", "casebook/1 JSON (*.json)",
            options=file_dialog_options(),
        )  # fmt: skip
        if not path:
            return
        try:
            parsed = casebook_json.parse_document(casebook_json.load_file(Path(path)))
            self.phrases = phrase_lib.merge_phrases(self.phrases, parsed.phrases)
            merged = phrase_lib.merge_templates(self.template_list(), parsed.templates)
        except InvalidInput as exc:
            QMessageBox.warning(self, "Import phrases and templates", str(exc))
            return
        self.templates = {(t.kind, t.field): t.text for t in merged}
        self._fill_list(len(self.phrases) - 1)
        self._kind_changed()
