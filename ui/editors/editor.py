"""The record editor page: common fields, the kind's form, actions, attachments, addenda.

Drafts autosave (``Notebook.save_draft``) 1.5 s after the last change, when focus leaves
a field, and on lock and quit. Finalising asks for confirmation, makes the editor
read-only and shows the content hash; final records take addenda.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from notebook import kinds
from ui import text
from ui.editors.base import KindForm, chain_tab_order, section
from ui.editors.child_work import ChildWorkForm
from ui.editors.common import ActionsTable, AttachmentsPanel, CommonFields
from ui.editors.fields import PersonField, quote_style, text_edit
from ui.editors.partner_support import PartnerSupportForm
from ui.editors.session import SessionForm
from ui.icons import KIND_ICONS, icon
from ui.queries import EditorContext

AUTOSAVE_MS = 1500
CHECKPOINT_MS = 700


class EditCommand(QUndoCommand):
    """One step of record-level undo: the record before and after a burst of edits."""

    def __init__(self, editor: RecordEditor, before: dict[str, Any], after: dict[str, Any]):
        super().__init__("Edit record")
        self._editor = editor
        self._before = before
        self._after = after
        self._pushed = False

    def undo(self) -> None:
        self._editor.apply_data(self._before)

    def redo(self) -> None:
        if self._pushed:  # the first redo happens on push: the widgets already show it
            self._editor.apply_data(self._after)
        self._pushed = True


FORMS: dict[str, type[KindForm]] = {
    "session": SessionForm,
    "child_work": ChildWorkForm,
    "partner_support": PartnerSupportForm,
}


def ask_finalise(parent: QWidget) -> bool:
    """Ask before finalising: it cannot be undone."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Finalise this record?")
    box.setText("Finalise this record?")
    box.setInformativeText(
        "A final record is signed with a content hash and can never be changed again, "
        "not even by you. Later corrections or additions are added as dated addenda; "
        "the original stays as it is.\n\nThis cannot be undone."
    )
    finalise = box.addButton("Finalise", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is finalise


def ask_discard(parent: QWidget) -> bool:
    """Ask before discarding a draft."""
    answer = QMessageBox.question(
        parent,
        "Discard this draft?",
        "The draft and its attachments will be removed from the notebook. This cannot be undone.",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


class RecordEditor(QWidget):
    """Edits one record.

    Signals:
        saved(str): a draft was saved; the time as shown ("14:03:12").
        back(): the user wants the case view back.
        failed(object): a save or command failed; the exception.
        discarded(str): the draft with this id was deleted.
    """

    saved = Signal(str)
    back = Signal()
    failed = Signal(object)
    discarded = Signal(str)

    def __init__(self, bridge: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordEditor")
        self.bridge = bridge
        self.record: Any = None
        self.form: KindForm | None = None
        self.dirty = False
        self.saved_at: str | None = None
        self.confirm_finalise: Callable[[QWidget], bool] = ask_finalise
        self.confirm_discard: Callable[[QWidget], bool] = ask_discard
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)
        self._saving = 0
        # Record-level undo (Edit > Undo outside a text box): snapshots of the record
        # taken after each pause in editing. Text boxes keep their own undo as well.
        self.undo_stack = QUndoStack(self)
        self._snapshot: dict[str, Any] | None = None
        self._applying = False
        self._checkpoint_timer = QTimer(self)
        self._checkpoint_timer.setSingleShot(True)
        self._checkpoint_timer.setInterval(CHECKPOINT_MS)
        self._checkpoint_timer.timeout.connect(self.checkpoint)

        self.kind_icon = QLabel()
        self.title = QLabel()
        self.title.setObjectName("recordTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.badge = QLabel()
        self.badge.setObjectName("statusBadge")
        self.late = QLabel()
        self.late.setObjectName("lateMark")
        self.late.setWordWrap(True)
        self.info = QLabel()
        self.info.setObjectName("recordInfo")
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.back_button = QPushButton("Back to case")
        self.back_button.setIcon(icon("back"))
        self.back_button.setToolTip("Back to the case (Esc)")
        self.back_button.clicked.connect(self._go_back)
        self.finalise_button = QPushButton("Finalise…")
        self.finalise_button.setIcon(icon("finalise"))
        self.finalise_button.setToolTip("Finalise: sign and lock this record (Ctrl+Shift+F)")
        self.finalise_button.clicked.connect(self.request_finalise)
        self.discard_button = QPushButton("Discard draft…")
        self.discard_button.clicked.connect(self.request_discard)

        head = QHBoxLayout()
        head.addWidget(self.kind_icon, 0, Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.info)
        titles.addWidget(self.late)
        head.addLayout(titles, 1)
        head.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.finalise_button)

        self.common = CommonFields()
        self.common.changed.connect(self.mark_changed)
        self.actions_table = ActionsTable()
        self.actions_table.changed.connect(self.mark_changed)
        self.attachments = AttachmentsPanel()
        self.attachments.add_requested.connect(self._add_attachment)
        self.attachments.remove_requested.connect(self._remove_attachment)
        self.attachments.preview_requested.connect(self._preview_attachment)
        self.addenda = QLabel()
        self.addenda.setObjectName("addenda")
        self.addenda.setWordWrap(True)
        self.addenda.setTextFormat(Qt.TextFormat.RichText)
        self.addenda.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addendum_text = text_edit(
            "New addendum", 3, placeholder="A dated correction or addition"
        )
        self.addendum_button = QPushButton("Add addendum")
        self.addendum_button.setIcon(icon("addendum"))
        self.addendum_button.clicked.connect(self.add_addendum)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.addendum_button)
        addenda_body = QWidget()
        addenda_layout = QVBoxLayout(addenda_body)
        addenda_layout.setContentsMargins(0, 0, 0, 0)
        addenda_layout.addWidget(self.addenda)
        addenda_layout.addWidget(self.addendum_text)
        addenda_layout.addLayout(add_row)
        self.addenda_section = section("Addenda", addenda_body)
        self.addenda_section.setStyleSheet(quote_style())

        self.body = QWidget()
        self.body.setObjectName("editorBody")
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setSpacing(14)
        self.body_layout.setContentsMargins(4, 4, 12, 12)
        self.body_layout.addWidget(section("When, where and who", self.common))
        self._form_slot = self.body_layout.count()
        self.body_layout.addWidget(section("Actions", self.actions_table))
        self.body_layout.addWidget(section("Attachments", self.attachments))
        self.body_layout.addWidget(self.addenda_section)
        self.body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        self.scroll_area = scroll

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(head)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # -- loading --------------------------------------------------------------------------

    @property
    def record_id(self) -> str | None:
        """The id of the record shown."""
        return self.record.id if self.record is not None else None

    @property
    def is_final(self) -> bool:
        """Whether the record shown is final."""
        return bool(self.record is not None and self.record.is_final)

    def load(self, context: EditorContext) -> None:
        """Show a record (from :func:`ui.queries.editor_context`)."""
        record = context.record
        if self.form is None or record.kind != self.form.KIND:
            if self.form is not None:
                self.form.setParent(None)
                self.form.deleteLater()
            self.form = FORMS[record.kind]()
            self.form.changed.connect(self.mark_changed)
            for widget in self.form.fields.values():
                if isinstance(widget, PersonField):
                    widget.changed.connect(lambda w=widget: self._person_chosen(w))
            wrapper = section(kinds.KIND_LABELS[record.kind], self.form)
            wrapper.setObjectName("kindSection")
            item = self.body_layout.itemAt(self._form_slot)
            old = item.widget() if item is not None else None
            if old is not None and old.objectName() == "kindSection":
                self.body_layout.removeWidget(old)
                old.deleteLater()
            self.body_layout.insertWidget(self._form_slot, wrapper)
        if isinstance(self.form, PartnerSupportForm):
            self.form.record_id = record.id
        self.record = record
        self.common.load(record, context.people)
        self.form.set_context(context.people, record.event_at, context.extra)
        self.form.set_values(record.fields)
        self.actions_table.load(record.actions)
        self.attachments.load(record.attachments)
        self.dirty = False
        self._show_header()
        self._apply_read_only()
        self.scroll_area.verticalScrollBar().setValue(0)
        self.undo_stack.clear()
        self._checkpoint_timer.stop()
        self._snapshot = None if record.is_final else self.data()
        chain_tab_order(self.body, self.finalise_button)

    def _show_header(self) -> None:
        record = self.record
        self.kind_icon.setPixmap(icon(KIND_ICONS[record.kind]).pixmap(32, 32))
        self.title.setText(record.title)
        self.badge.setText(kinds.label(record.status))
        self.badge.setStyleSheet(
            "QLabel#statusBadge { border: 1px solid palette(mid); border-radius: 8px;"
            " padding: 2px 10px; font-weight: bold; }"
        )
        self.badge.setAccessibleName(f"Status: {kinds.label(record.status)}")
        if record.is_imported:
            # Casebook vouches for the import; the document's times are claims.
            claimed = text.when(record.claimed_written_at) if record.claimed_written_at else ""
            self.late.setText(
                f"<b>Imported</b> {html.escape(text.when(record.imported_at))}; claimed written "
                f"{html.escape(claimed or 'at no given time')}."
                + (" <b>Late entry</b> as claimed: more than a day after the event."
                   if record.late else "")
            )  # fmt: skip
        elif record.late:
            self.late.setText(
                f"<b>Late entry</b>: written {html.escape(text.when(record.written_at))}, "
                "more than a day after the event."
            )
        self.late.setVisible(record.late or record.is_imported)
        if record.is_final:
            self.info.setText(
                f"{kinds.KIND_LABELS[record.kind]} · case {html.escape(record.case_ref)} · "
                f"final since {html.escape(text.when(record.finalised_at))}<br>"
                f"Content hash (SHA-256): <code>{html.escape(record.content_hash or '')}</code>"
            )
        else:
            saved = f" · saved at {self.saved_at}" if self.saved_at else ""
            self.info.setText(
                f"{kinds.KIND_LABELS[record.kind]} · case {html.escape(record.case_ref)} · "
                f"draft, written {html.escape(text.when(record.written_at))}{saved}"
            )

    def _apply_read_only(self) -> None:
        final = self.is_final
        self.common.set_read_only(final)
        if self.form is not None:
            self.form.set_read_only(final)
        self.actions_table.set_read_only(final)
        self.attachments.set_read_only(final)
        self.finalise_button.setVisible(not final)
        self.discard_button.setVisible(not final)
        self.addenda_section.setVisible(final)
        if final:
            items = [
                f"<p><b>Addendum, {html.escape(text.when(a.written_at))}"
                + (
                    f" (imported; claimed written "
                    f"{html.escape(text.when(a.claimed_written_at) or 'at no given time')})"
                    if a.is_imported
                    else ""
                )
                + f"</b><br>{html.escape(a.text).replace(chr(10), '<br>')}</p>"
                for a in self.record.addenda
            ]
            self.addenda.setText("".join(items) or "No addenda yet.")

    # -- autosave ---------------------------------------------------------------------------

    def data(self) -> dict[str, Any]:
        """The record as a casebook/1 record object (what ``save_draft`` takes)."""
        assert self.record is not None and self.form is not None
        fields = self.form.values()
        fields["actions"] = self.actions_table.values()
        return {"kind": self.record.kind, **self.common.values(), "fields": fields}

    def _person_chosen(self, widget: PersonField) -> None:
        if not self._applying:
            self.common.tick(widget.value())

    @Slot()
    def mark_changed(self) -> None:
        """Something was edited: save after a short pause."""
        if self.record is None or self.is_final or self._applying:
            return
        self.dirty = True
        self._timer.start()
        self._checkpoint_timer.start()
        if self.form is not None:
            self.form.event_at = self.common.values()["event_at"]
            self.form.refresh()

    @Slot()
    def checkpoint(self) -> None:
        """Make the edits since the last pause one undo step."""
        self._checkpoint_timer.stop()
        if self.record is None or self.is_final or self._snapshot is None:
            return
        current = self.data()
        if current != self._snapshot:
            self.undo_stack.push(EditCommand(self, self._snapshot, current))
            self._snapshot = current

    def undo(self) -> None:
        """Record-level undo (after closing the current burst of edits)."""
        self.checkpoint()
        self.undo_stack.undo()

    def redo(self) -> None:
        """Record-level redo."""
        self.undo_stack.redo()

    def apply_data(self, data: dict[str, Any]) -> None:
        """Show a record object in the widgets (undo/redo), then autosave it."""
        if self.record is None or self.form is None or self.is_final:
            return
        self._applying = True
        try:
            self.common.apply(data)
            fields = dict(data["fields"])
            self.actions_table.apply(fields.pop("actions", []))
            self.form.set_values(fields)
        finally:
            self._applying = False
        self._snapshot = data
        self.dirty = True
        self._timer.start()

    @Slot()
    def save_now(self) -> None:
        """Save the draft on the worker now (if anything changed)."""
        self._timer.stop()
        if not self.dirty or self.record is None or self.is_final:
            return
        try:
            data = self.data()
        except Exception as exc:
            self.failed.emit(exc)
            return
        self.dirty = False
        self._saving += 1
        self.bridge.run(
            self.bridge.notebook.save_draft,
            self.record.id,
            data,
            on_done=self._saved,
            on_error=self._save_failed,
        )

    def save_sync(self) -> bool:
        """Save now and wait (on lock and quit). Returns whether everything is saved."""
        self._timer.stop()
        self.bridge.wait()
        if not self.dirty or self.record is None or self.is_final:
            return True
        try:
            record = self.bridge.notebook.save_draft(self.record.id, self.data())
        except Exception as exc:
            self.failed.emit(exc)
            return False
        self.dirty = False
        self._saved(record)
        return True

    def _saved(self, record: Any) -> None:
        self._saving = max(0, self._saving - 1)
        if self.record is None or record.id != self.record.id:
            return
        self.record = record
        self.saved_at = datetime.now().strftime("%H:%M:%S")
        self._show_header()
        self.saved.emit(self.saved_at)

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = max(0, self._saving - 1)
        self.dirty = True
        self.failed.emit(exc)

    @Slot(object, object)
    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if self.dirty and old is not None and self.isAncestorOf(old):
            self.save_now()

    # -- commands ---------------------------------------------------------------------------

    @Slot()
    def request_finalise(self) -> None:
        """Ask, save, then finalise."""
        if self.record is None or self.is_final:
            return
        if not self.confirm_finalise(self):
            return
        self.dirty = True  # save the latest content first, then finalise it
        self.save_now()
        self.bridge.run(
            self.bridge.notebook.finalise_record,
            self.record.id,
            on_done=self._reload_from_record,
            on_error=self.failed.emit,
        )

    def _reload_from_record(self, record: Any) -> None:
        if self.record is None or record.id != self.record.id:
            return
        self.record = record
        self.dirty = False
        if record.is_final:
            self.undo_stack.clear()
            self._checkpoint_timer.stop()
        self._show_header()
        self._apply_read_only()

    @Slot()
    def add_addendum(self) -> None:
        """Add the typed addendum to the final record."""
        text_ = self.addendum_text.toPlainText()
        if self.record is None or not self.is_final or not text_.strip():
            return
        self.bridge.run(
            self.bridge.notebook.add_addendum,
            self.record.id,
            text_,
            on_done=self._addendum_added,
            on_error=self.failed.emit,
        )

    def _addendum_added(self, record: Any) -> None:
        self.addendum_text.clear()
        self._reload_from_record(record)

    @Slot()
    def request_discard(self) -> None:
        """Ask, then delete the draft."""
        if self.record is None or self.is_final or not self.confirm_discard(self):
            return
        self._timer.stop()
        self.dirty = False
        record_id = self.record.id
        self.bridge.run(
            self.bridge.notebook.delete_draft,
            record_id,
            on_done=lambda _: self._discarded(record_id),
            on_error=self.failed.emit,
        )

    def _discarded(self, record_id: str) -> None:
        self.record = None
        self.discarded.emit(record_id)

    def _add_attachment(self, name: str, media_type: str, data: bytes) -> None:
        if self.record is None or self.is_final:
            return
        self.save_now()
        self.bridge.run(
            self.bridge.notebook.add_attachment,
            self.record.id,
            name,
            media_type,
            data,
            on_done=self._attachments_changed,
            on_error=self.failed.emit,
        )

    def _remove_attachment(self, attachment_id: int) -> None:
        if self.record is None or self.is_final:
            return
        self.bridge.run(
            self.bridge.notebook.remove_attachment,
            self.record.id,
            attachment_id,
            on_done=self._attachments_changed,
            on_error=self.failed.emit,
        )

    def _attachments_changed(self, record: Any) -> None:
        if self.record is not None and record.id == self.record.id:
            self.record = record
            self.attachments.load(record.attachments)

    def _preview_attachment(self, attachment_id: int) -> None:
        self.bridge.run(
            self.bridge.notebook.get_attachment,
            attachment_id,
            on_done=self.attachments.show_preview,
            on_error=self.failed.emit,
        )

    @Slot()
    def _go_back(self) -> None:
        self.save_now()
        self.back.emit()

    def close_record(self) -> None:
        """Forget the record shown (after a last save)."""
        self._timer.stop()
        self._checkpoint_timer.stop()
        self.undo_stack.clear()
        self.record = None
        self.dirty = False
