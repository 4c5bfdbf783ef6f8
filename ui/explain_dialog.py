"""Words and pictures…: explaining to a child, in plain words and simple pictures.

The practitioner edits the agreed words, chooses pictures with a line of words under each,
sees the child's copy as it will look, saves a new version, saves the PDF, and marks a
version as shared with the child. Every change goes through the core's
``notebook.explanations`` (the same calls as ``casebook explain``), on the worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from casebook.explain import ICONS, Explanation, Panel, default_name
from ui import text
from ui.editors.fields import DateEdit
from ui.explain_preview import ExplainPreview, picture_icon
from ui.messages import describe
from ui.settings import file_dialog_options
from ui.widgets import busy_bar, dialog_buttons, form_rows, hbox, line_field, push_button

WORDS_HINT = (
    "Short sentences in the words agreed with the family, e.g. “Dad did something that "
    "was not OK. It is not your fault. Grown-ups are keeping you safe.” A blank line "
    "starts a new paragraph."
)


class SharedDialog(QDialog):
    """Mark as shared: the day, and the record of the session it was shared in (if any)."""

    def __init__(self, version: int, records: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Version {version} shared with the child")
        self.day = DateEdit("Day shared", kind="event", clearable=False)
        self.day.set_value(text.now_iso()[:10])
        self.record = QComboBox()
        self.record.setAccessibleName("Record of the session")
        self.record.addItem("No record named", None)
        for r in records:
            self.record.addItem(f"{text.when(r.event_at)} — {r.title}", r.id)
        layout = QVBoxLayout(self)
        layout.addLayout(form_rows(("Shared on", self.day), ("In the session", self.record)))
        layout.addWidget(dialog_buttons(self, ok_text="Mark as shared"))

    def values(self) -> tuple[str | None, str | None]:
        """(the day, the record id or None)."""
        return self.day.value(), self.record.currentData()


class ExplainDialog(QDialog):
    """Words and pictures for the children of one case.

    Args:
        bridge: the way into the notebook.
        ref: the case.
        children: the case's children (Person values).
        child_key: the child to start with (the first when None).
        records: the case's records (to name the session a version was shared in).
    """

    def __init__(
        self,
        bridge: Any,
        ref: str,
        children: list[Any],
        child_key: str | None = None,
        records: list[Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Words and pictures")
        self.bridge = bridge
        self.ref = ref
        self.child_people = {c.key: c for c in children}
        self.records = list(records or [])
        self.versions: list[Explanation] = []
        self.shown: Explanation | None = None  # the saved version in the editors
        self.child_box = QComboBox()
        self.child_box.setAccessibleName("Child")
        for child in children:
            self.child_box.addItem(child.preferred_name or child.name, child.key)
        self.child_box.setCurrentIndex(max(0, self.child_box.findData(child_key)))
        self.version_box = QComboBox()
        self.version_box.setAccessibleName("Version")
        self.name_edit = line_field("Name on the child's copy", "The name the child is called")
        self.title_edit = line_field("Heading", "e.g. Why I live with Mum now")
        self.words_edit = QPlainTextEdit()
        self.words_edit.setAccessibleName("Agreed words")
        self.words_edit.setPlaceholderText(WORDS_HINT)
        self.picture_box = QComboBox()
        self.picture_box.setAccessibleName("Picture")
        for name, what in ICONS.items():
            self.picture_box.addItem(picture_icon(name), what, name)
        self.panel_list = QListWidget()
        self.panel_list.setAccessibleName("Pictures in order")
        self.caption_edit = line_field("Words under the picture", "Words under the picture")
        self.preview = ExplainPreview()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.preview)
        scroll.setMinimumWidth(380)
        self.version_note = QLabel()
        self.version_note.setWordWrap(True)
        self.version_note.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel()
        self.status.setObjectName("explainStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.busy = busy_bar("Working")
        self.save_button = push_button("Save version", self.save_version, "save")
        self.pdf_button = push_button("Save PDF…", self.save_pdf, "summary")
        self.shared_button = push_button("Mark as shared…", self.mark_shared, "final")
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        self._layout(scroll, close)
        self.child_box.currentIndexChanged.connect(lambda _: self.reload())
        self.version_box.activated.connect(self._show_version)
        for field in (self.name_edit, self.title_edit):
            field.textEdited.connect(lambda _: self._edited())
        self.caption_edit.textEdited.connect(self._caption_typed)
        self.caption_edit.setEnabled(False)
        self.words_edit.textChanged.connect(self._edited)
        self.panel_list.currentRowChanged.connect(self._panel_chosen)
        self.resize(980, 640)
        self.reload()

    def _layout(self, scroll: QWidget, close: QPushButton) -> None:
        pictures = QGridLayout()
        pictures.addWidget(self.panel_list, 0, 0, 1, 4)
        pictures.addWidget(self.caption_edit, 1, 0, 1, 4)
        pictures.addWidget(self.picture_box, 2, 0)
        pictures.addWidget(push_button("Add picture", self.add_picture), 2, 1)
        pictures.addWidget(push_button("Up", lambda: self.move_picture(-1)), 2, 2)
        pictures.addWidget(push_button("Down", lambda: self.move_picture(1)), 2, 3)
        pictures.addWidget(push_button("Remove", self.remove_picture), 3, 3)
        form = form_rows(
            ("Child", self.child_box),
            ("Version", self.version_box),
            ("Name on the copy", self.name_edit),
            ("Heading", self.title_edit),
            ("Agreed words", self.words_edit),
            ("Pictures", pictures),
        )
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.version_note)
        right = QVBoxLayout()
        right.addWidget(QLabel("The child's copy (large type; no case details, not signed)"))
        right.addWidget(scroll, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(hbox(_boxed(left), _boxed(right)))
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addLayout(hbox(self.shared_button, None, close, self.pdf_button, self.save_button))

    # -- the values in the editors ------------------------------------------------------

    def child_key(self) -> str | None:
        """The child chosen."""
        return self.child_box.currentData()

    def panels(self) -> list[Panel]:
        """The pictures in order, with their words."""
        return [
            Panel(item.data(Qt.ItemDataRole.UserRole), item.text())
            for item in (self.panel_list.item(i) for i in range(self.panel_list.count()))
        ]

    def values(self) -> dict[str, Any]:
        """Keyword arguments for ``notebook.explanations.save``."""
        return {
            "name": self.name_edit.text(),
            "title": self.title_edit.text(),
            "words": self.words_edit.toPlainText(),
            "panels": self.panels(),
        }

    def is_changed(self) -> bool:
        """Whether the editors differ from the version shown (or hold anything, if none)."""
        v = self.values()
        if self.shown is None:
            return bool(v["words"].strip() or v["panels"] or v["title"].strip())
        s = self.shown
        return (v["name"].strip(), v["title"].strip(), v["words"].strip(), tuple(v["panels"])) != (
            s.name, s.title, s.words, s.panels
        )  # fmt: skip

    # -- versions -----------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """Load the chosen child's versions (then show ``select``, else the latest)."""
        key = self.child_key()
        if key is None:
            self._set_busy(False)
            self.status.setText("This case has no child: add one in People first.")
            for button in (self.save_button, self.pdf_button, self.shared_button):
                button.setEnabled(False)
            return
        self._set_busy(True)
        self.bridge.run(
            self.bridge.notebook.explanations.versions, self.ref, key,
            on_done=lambda versions: self._loaded(key, versions, select), on_error=self._failed,
        )  # fmt: skip

    def _loaded(self, key: str, versions: list[Explanation], select: int | None) -> None:
        if key != self.child_key():
            return
        self._set_busy(False)
        self.versions = versions
        self.version_box.clear()
        for v in versions:
            self.version_box.addItem(f"Version {v.version} — saved {text.when(v.saved_at)}")
        self.version_box.addItem("New version")
        index = next((i for i, v in enumerate(versions) if v.version == select), None)
        self._show_version(len(versions) - 1 if index is None else index)

    def _show_version(self, index: int) -> None:
        self.version_box.setCurrentIndex(index if index >= 0 else self.version_box.count() - 1)
        self.shown = self.versions[index] if 0 <= index < len(self.versions) else None
        if self.shown is None:
            child = self.child_people[self.child_key() or ""]
            self._fill(default_name(child.preferred_name, child.name), "", "", [])
        else:
            self._fill(self.shown.name, self.shown.title, self.shown.words,
                       list(self.shown.panels))  # fmt: skip
        self._edited()

    def _fill(self, name: str, title: str, words: str, panels: list[Panel]) -> None:
        self.name_edit.setText(name)
        self.title_edit.setText(title)
        self.words_edit.blockSignals(True)
        self.words_edit.setPlainText(words)
        self.words_edit.blockSignals(False)
        self.panel_list.clear()
        for panel in panels:
            self._append_panel(panel)

    def _edited(self) -> None:
        self.preview.show_copy(**self.values())
        changed = self.is_changed()
        self.save_button.setEnabled(changed)
        self.shared_button.setEnabled(self.shown is not None and not changed)
        if self.shown is None:
            note = "Not saved yet." if changed else "No version saved yet."
        else:
            shared = ", ".join(text.day(s.shared_on) for s in self.shown.shared)
            note = f"Version {self.shown.version}: " + (
                f"shared with the child on {shared}." if shared else "not shared yet."
            )
            if changed:
                note += " Changed: Save version keeps it as a new version."
        self.version_note.setText(note)

    # -- pictures -----------------------------------------------------------------------

    def _append_panel(self, panel: Panel) -> QListWidgetItem:
        item = QListWidgetItem(picture_icon(panel.icon), panel.caption)
        item.setData(Qt.ItemDataRole.UserRole, panel.icon)
        item.setToolTip(ICONS.get(panel.icon, panel.icon))
        self.panel_list.addItem(item)
        return item

    @Slot()
    def add_picture(self) -> None:
        """Add the picture chosen at the end, and put the cursor in its words."""
        self._append_panel(Panel(self.picture_box.currentData(), ""))
        self.panel_list.setCurrentRow(self.panel_list.count() - 1)
        self.caption_edit.setFocus()
        self._edited()

    def remove_picture(self) -> None:
        """Take the chosen picture out."""
        row = self.panel_list.currentRow()
        if row >= 0:
            self.panel_list.takeItem(row)
            self._edited()

    def move_picture(self, step: int) -> None:
        """Move the chosen picture up (-1) or down (1)."""
        row = self.panel_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.panel_list.count():
            return
        item = self.panel_list.takeItem(row)
        self.panel_list.insertItem(target, item)
        self.panel_list.setCurrentRow(target)
        self._edited()

    def _panel_chosen(self, row: int) -> None:
        item = self.panel_list.item(row) if row >= 0 else None
        self.caption_edit.setEnabled(item is not None)
        self.caption_edit.setText(item.text() if item is not None else "")

    def _caption_typed(self, caption: str) -> None:
        item = self.panel_list.currentItem()
        if item is not None:
            item.setText(caption)
            self._edited()

    # -- saving, the PDF, sharing -------------------------------------------------------

    @Slot()
    def save_version(self) -> None:
        """Save the editors as the child's next version."""
        self._save_then(None)

    def _save_then(self, then: Any) -> None:
        key = self.child_key()
        if key is None:
            return
        self._set_busy(True)
        self.bridge.run(
            lambda: self.bridge.notebook.explanations.save(self.ref, key, **self.values()),
            on_done=lambda saved: self._saved(saved, then), on_error=self._failed,
        )  # fmt: skip

    def _saved(self, saved: Explanation, then: Any) -> None:
        self.status.setText(f"Saved as version {saved.version}.")
        self.reload(select=saved.version)
        if then is not None:
            then(saved)

    @Slot()
    def save_pdf(self) -> None:
        """Save the version shown as the child's PDF (saving the editors first if changed)."""
        if self.is_changed() or self.shown is None:
            self._save_then(self._ask_pdf_path)
        else:
            self._ask_pdf_path(self.shown)

    def _ask_pdf_path(self, version: Explanation) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = Path(folder) if folder and Path(folder).is_dir() else Path.home()
        # No name in the file name: recent-file lists and print queues are shared.
        name = f"words-and-pictures-version-{version.version}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the child's copy", str(start / name), "PDF files (*.pdf)",
            options=file_dialog_options(),
        )  # fmt: skip
        if not path:
            self.status.setText("Not saved as a PDF.")
            return
        self._set_busy(True)
        self.bridge.run(
            self.bridge.notebook.explanations.write_pdf, self.ref, version.child_key,
            version.version, Path(path), on_done=lambda r: self._pdf_saved(path, r),
            on_error=self._failed,
        )  # fmt: skip

    def _pdf_saved(self, path: str, result: tuple[Explanation, int]) -> None:
        self._set_busy(False)
        self.status.setText(
            f"Version {result[0].version} saved to {path} ({text.file_size(result[1])}). "
            "The PDF is not encrypted: print it and keep it safe."
        )

    @Slot()
    def mark_shared(self) -> None:
        """Ask the day (and the session's record), then note the version as shared."""
        if self.shown is None:
            return
        version = self.shown
        dialog = SharedDialog(version.version, self.records, self)
        self.shared_dialog = dialog
        dialog.accepted.connect(lambda: self._note_shared(version, *dialog.values()))
        dialog.open()

    def _note_shared(self, version: Explanation, day: str | None, record: str | None) -> None:
        self._set_busy(True)
        self.bridge.run(
            lambda: self.bridge.notebook.explanations.mark_shared(
                self.ref, version.child_key, version.version, shared_on=day, record_id=record
            ),
            on_done=self._shared, on_error=self._failed,
        )  # fmt: skip

    def _shared(self, version: Explanation) -> None:
        day = text.day(version.shared[-1].shared_on)
        self.status.setText(f"Version {version.version} noted as shared on {day}.")
        self.reload(select=version.version)

    def _set_busy(self, on: bool) -> None:
        self.busy.setVisible(on)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        title, detail = describe(exc)
        self.status.setText(f"{title}. {detail}")


def _boxed(layout: Any) -> QWidget:
    widget = QWidget()
    widget.setLayout(layout)
    return widget
