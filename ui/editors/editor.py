"""The record editor page: common fields, the kind's form, actions, attachments, addenda.

Drafts autosave (:mod:`ui.editors.autosave`) and have record-level undo
(:mod:`ui.editors.undo`). Finalising asks for confirmation (:mod:`ui.editors.finalise`)
and shows the content hash; a final record is then shown as a locked document
(:mod:`ui.editors.document`) with *Add addendum* at the top.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QVBoxLayout, QWidget

from casebook import kinds
from casebook.marks import spans_document
from ui.editors import finalise, safety_plan
from ui.editors.actions_table import ActionsTable
from ui.editors.attachments import AttachmentsPanel
from ui.editors.autosave import Autosave
from ui.editors.base import KindForm, chain_tab_order, section
from ui.editors.child_work import ChildWorkForm
from ui.editors.common import CommonFields
from ui.editors.document import FinalDocument
from ui.editors.fields import ChildrenField, PersonField
from ui.editors.finalise import AddendaSection, ask_discard, ask_finalise, finalise_gaps
from ui.editors.header import RecordHeader
from ui.editors.partner_support import PartnerSupportForm
from ui.editors.professional_contact import ProfessionalContactForm
from ui.editors.session import SessionForm
from ui.editors.undo import RecordUndo
from ui.marking import legend as marking_legend
from ui.queries import EditorContext
from ui.widgets import hbox, push_button
from ui.writing.hub import hub as writing_hub
from ui.writing.language_panel import check_language_button, review_before_finalise

FORMS: dict[str, type[KindForm]] = {
    "session": SessionForm,
    "child_work": ChildWorkForm,
    "partner_support": PartnerSupportForm,
    "professional_contact": ProfessionalContactForm,
}


class RecordEditor(QWidget):
    """Edits one record.

    Signals:
        saved(str): a draft was saved; the time as shown ("14:03:12").
        finalised(str): the record with this id was finalised.
        back(): the user wants the case view back.
        failed(object): a save or command failed; the exception.
        discarded(str): the draft with this id was deleted.
    """

    saved = Signal(str)
    finalised = Signal(str)
    back = Signal()
    failed = Signal(object)
    discarded = Signal(str)

    def __init__(self, bridge: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordEditor")
        self.bridge = bridge
        self.record: Any = None
        self.people: list[Any] = []
        self.practitioner: Any = None
        self.form: KindForm | None = None
        self.saved_at: str | None = None
        self.confirm_finalise: Callable[[QWidget, list[str]], bool] = ask_finalise
        self.confirm_discard: Callable[[QWidget], bool] = ask_discard
        self.refuse_finalise: Callable[[QWidget, str], None] = finalise.tell_cannot_finalise
        self.ask_safety_plan_path: Callable[[QWidget, str], str] = safety_plan.ask_where
        self._applying = False
        self.autosave = Autosave(bridge, self._draft_id, self.data, self)
        self.autosave.saved.connect(self._saved)
        self.autosave.failed.connect(self.failed)
        self.history = RecordUndo(
            self.data, self.apply_data, lambda: self._draft_id() is not None, self
        )

        self.header = RecordHeader()
        self.back_button = push_button(
            "Back to case", self._go_back, "back", "Back to the case (Esc)"
        )
        self.finalise_button = push_button(
            "Finalise…",
            self.request_finalise,
            "finalise",
            "Finalise: sign and lock this record (Ctrl+Shift+F)",
        )
        self.discard_button = push_button("Discard draft…", self.request_discard)
        self.check_language_button = check_language_button(self)
        self.add_addendum_button = push_button(
            "Add addendum…",
            self.open_addendum,
            "addendum",
            "Add a dated correction or addition; the record stays as it is",
        )
        self.print_plan_button = safety_plan.plan_button(self)
        buttons = hbox(
            self.back_button,
            None,
            self.discard_button,
            self.check_language_button,
            self.finalise_button,
            self.add_addendum_button,
        )

        self.common = CommonFields()
        self.common.changed.connect(self.mark_changed)
        self.actions_table = ActionsTable()
        self.actions_table.changed.connect(self.mark_changed)
        self.attachments = AttachmentsPanel()
        self.attachments.add_requested.connect(self._add_attachment)
        self.attachments.remove_requested.connect(self._remove_attachment)
        self.attachments.preview_requested.connect(self._preview_attachment)
        self.addenda_section = AddendaSection()
        self.addenda_section.addendum_button.clicked.connect(self.add_addendum)
        self.document = FinalDocument()

        self.body = QWidget()
        self.body.setObjectName("editorBody")
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setSpacing(14)
        self.body_layout.setContentsMargins(4, 4, 12, 12)
        self.body_layout.addWidget(self.document)
        self.common_section = section("When, where and who", self.common)
        self.body_layout.addWidget(self.common_section)
        self._form_slot = self.body_layout.count()
        self.actions_section = section("Actions", self.actions_table)
        self.body_layout.addWidget(self.actions_section)
        self.body_layout.addWidget(section("Attachments", self.attachments))
        self.body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        self.scroll_area = scroll

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(self.header)
        layout.addLayout(buttons)
        layout.addLayout(hbox(None, self.print_plan_button))  # sessions only
        layout.addWidget(self.addenda_section)
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

    @property
    def dirty(self) -> bool:
        """Whether the draft shown changed since it was last saved."""
        return self.autosave.dirty

    def _draft_id(self) -> str | None:
        return self.record.id if self.record is not None and not self.is_final else None

    def load(self, context: EditorContext) -> None:
        """Show a record (from :func:`ui.queries.editor_context`)."""
        record = context.record
        if self.form is None or record.kind != self.form.KIND:
            self._make_form(record.kind)
        assert self.form is not None
        if isinstance(self.form, PartnerSupportForm):
            self.form.record_id = record.id
        self.record = record
        self.people, self.practitioner = context.people, context.practitioner
        self.addenda_section.close_composer()
        self.common.load(record, context.people)
        writing_hub().set_people(context.people)  # names are known words to spell-check
        self.form.set_context(context.people, record.event_at, context.extra)
        self.form.set_values(record.fields, spans_document(record.spans))
        self.actions_table.load(record.actions)
        self.attachments.load(record.attachments)
        self.saved_at = None
        self._show_header()
        self.header.show_shared(context.shared)
        self._apply_read_only()
        self.scroll_area.verticalScrollBar().setValue(0)
        loaded = None if record.is_final else self.data()
        self.autosave.reset(loaded)
        self.history.reset(loaded)
        chain_tab_order(self.body, self.finalise_button)

    def _make_form(self, kind: str) -> None:
        if self.form is not None:
            self.form.setParent(None)
            self.form.deleteLater()
        self.form = FORMS[kind]()
        self.form.changed.connect(self.mark_changed)
        for widget in self.form.fields.values():
            if isinstance(widget, PersonField | ChildrenField):
                widget.changed.connect(lambda w=widget: self._person_chosen(w))
        wrapper = section(kinds.KIND_LABELS[kind], marking_legend(), self.form)
        wrapper.setObjectName("kindSection")
        item = self.body_layout.itemAt(self._form_slot)
        old = item.widget() if item is not None else None
        if old is not None and old.objectName() == "kindSection":
            self.body_layout.removeWidget(old)
            old.deleteLater()
        self.body_layout.insertWidget(self._form_slot, wrapper)

    def _show_header(self) -> None:
        self.header.show_record(self.record)

    def _apply_read_only(self) -> None:
        final = self.is_final
        self.common.set_read_only(final)
        if self.form is not None:
            self.form.set_read_only(final)
        self.actions_table.set_read_only(final)
        self.attachments.set_read_only(final)
        self.finalise_button.setVisible(not final)
        self.discard_button.setVisible(not final)
        self.check_language_button.setVisible(not final)
        self.add_addendum_button.setVisible(final)
        self.print_plan_button.setVisible(self.record is not None and self.record.kind == "session")
        # A final record is a locked document, not a form whose fields refuse edits.
        self.document.setVisible(final)
        for part in (self.common_section, self.actions_section, self._form_wrapper()):
            if part is not None:
                part.setVisible(not final)
        if final:
            self.document.show_record(self.record, self.people, self.practitioner)
        else:
            self.document.clear()
            self.addenda_section.close_composer()

    def _form_wrapper(self) -> QWidget | None:
        item = self.body_layout.itemAt(self._form_slot)
        widget = item.widget() if item is not None else None
        return widget if widget is not None and widget.objectName() == "kindSection" else None

    # -- editing ----------------------------------------------------------------------------

    def data(self) -> dict[str, Any]:
        """The record as a casebook/1 record object (what ``save_draft`` takes)."""
        assert self.record is not None and self.form is not None
        fields = self.form.values()
        fields["actions"] = self.actions_table.values()
        spans = {"spans": self.form.spans()}  # marks of fact, hearsay and opinion
        return {"kind": self.record.kind, **self.common.values(), "fields": fields, **spans}

    def _person_chosen(self, widget: PersonField | ChildrenField) -> None:
        if not self._applying:
            self.common.tick(widget.value())

    @Slot()
    def mark_changed(self) -> None:
        """Something was edited: save after a short pause."""
        if self.record is None or self.is_final or self._applying:
            return
        self.autosave.changed()
        self.history.edited()
        if self.form is not None:
            self.form.event_at = self.common.values()["event_at"]
            self.form.refresh()

    @Slot()
    def checkpoint(self) -> None:
        """Make the edits since the last pause one undo step."""
        self.history.checkpoint()

    def undo(self) -> None:
        """Record-level undo (after closing the current burst of edits)."""
        self.history.undo()

    def redo(self) -> None:
        """Record-level redo."""
        self.history.redo()

    def apply_data(self, data: dict[str, Any]) -> None:
        """Show a record object in the widgets (undo/redo), then autosave it."""
        if self.record is None or self.form is None or self.is_final:
            return
        self._applying = True
        try:
            self.common.apply(data)
            fields = dict(data["fields"])
            self.actions_table.apply(fields.pop("actions", []))
            self.form.set_values(fields, data.get("spans"))
        finally:
            self._applying = False
        self.history.applied(data)
        self.autosave.changed()

    # -- saving -----------------------------------------------------------------------------

    @Slot()
    def save_now(self) -> None:
        """Save the draft on the worker now (if anything changed)."""
        self.autosave.save_now()

    def save_sync(self) -> bool:
        """Save now and wait (on lock and quit). Returns whether everything is saved."""
        return self.autosave.save_sync()

    def _saved(self, record: Any) -> None:
        if self.record is None or record.id != self.record.id:
            return
        self.record = record
        self.saved_at = datetime.now().strftime("%H:%M:%S")
        self._show_header()
        self.saved.emit(self.saved_at)

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
        if blocked := finalise.finalise_blocked(self.data()):  # the core refuses it too
            self.refuse_finalise(self, blocked)
            return
        if not review_before_finalise(self):  # the language check, if turned on; never blocks
            return
        if not self.confirm_finalise(self, finalise_gaps(self.data())):
            return
        self.autosave.changed()  # save the latest content first, then finalise it
        self.save_now()
        self._run(self.bridge.notebook.records.finalise, self.record.id, then=self._finalised)

    def _finalised(self, record: Any) -> None:
        if self.record is not None and record.id == self.record.id:
            self.saved_at = None
            self._reload(record)
            self.finalised.emit(record.id)

    def _reload(self, record: Any) -> None:
        if self.record is None or record.id != self.record.id:
            return
        self.record = record
        self.autosave.reset(None if record.is_final else self.data())
        if record.is_final:
            self.history.reset(None)
        self._show_header()
        self._apply_read_only()

    @Slot()
    def open_addendum(self) -> None:
        """*Add addendum…*: the box to write one, at the top of the page."""
        if self.is_final:
            self.addenda_section.open_composer()

    @Slot()
    def add_addendum(self) -> None:
        """Add the typed addendum to the final record."""
        text_ = self.addenda_section.addendum_text.toPlainText()
        if self.record is None or not self.is_final or not text_.strip():
            return
        self._run(
            self.bridge.notebook.records.add_addendum,
            self.record.id,
            text_,
            then=self._addendum_added,
        )

    def _addendum_added(self, record: Any) -> None:
        self.addenda_section.close_composer()
        self._reload(record)

    @Slot()
    def request_discard(self) -> None:
        """Ask, then delete the draft."""
        if self.record is None or self.is_final or not self.confirm_discard(self):
            return
        self.autosave.forget()
        record_id = self.record.id
        self._run(
            self.bridge.notebook.records.delete_draft,
            record_id,
            then=lambda _: self._discarded(record_id),
        )

    def _discarded(self, record_id: str) -> None:
        self.record = None
        self.discarded.emit(record_id)

    def _add_attachment(self, name: str, media_type: str, data: bytes) -> None:
        if self.record is None or self.is_final:
            return
        self.save_now()
        add = self.bridge.notebook.attachments.add
        self._run(add, self.record.id, name, media_type, data, then=self._attachments_changed)

    def _remove_attachment(self, attachment_id: int) -> None:
        if self.record is None or self.is_final:
            return
        remove = self.bridge.notebook.attachments.remove
        self._run(remove, self.record.id, attachment_id, then=self._attachments_changed)

    def _attachments_changed(self, record: Any) -> None:
        if self.record is not None and record.id == self.record.id:
            self.record = record
            self.attachments.load(record.attachments)

    def _preview_attachment(self, attachment_id: int) -> None:
        self._run(
            self.bridge.notebook.attachments.get, attachment_id, then=self.attachments.show_preview
        )

    def _run(self, command: Callable[..., Any], *args: Any, then: Callable[[Any], None]) -> None:
        """Run a notebook command on the worker; ``then`` gets its result, failures are told."""
        self.bridge.run(command, *args, on_done=then, on_error=self.failed.emit)

    @Slot()
    def _go_back(self) -> None:
        self.save_now()
        self.back.emit()

    def close_record(self) -> None:
        """Forget the record shown (after a last save)."""
        self.autosave.forget()
        self.history.reset(None)
        self.record = None
        self.people, self.practitioner = [], None
        self.document.clear()
        self.addenda_section.close_composer()
