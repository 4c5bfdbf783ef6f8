"""The right of the main window: one page at a time, and how the pages change.

The pages are a case (:class:`~ui.case_view.CaseView`), a record
(:class:`~ui.editors.editor.RecordEditor`), actions due, the reflective log and search
results, or a hint while no case is chosen. Leaving the editor for any other page saves
the open draft first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QStackedWidget, QWidget

from ui import case_details, chronology_events, queries, text
from ui.actions import ActionsDueView, set_action_done
from ui.case_view import CaseView
from ui.dialogs import PersonDialog, ask_close_case
from ui.diary import DiaryView
from ui.editors.editor import RecordEditor
from ui.reflections import ReflectiveLogView
from ui.search import SearchView


@dataclass(frozen=True)
class ResumePoint:
    """Where the practitioner was when the notebook locked; held in memory only (a case
    reference can name a family, so it is never written to the settings file)."""

    case_ref: str | None
    record_id: str | None
    page: str  # "case", "record", "actions", "reflections" or "" (the empty page)
    tab: int


class RecordPane(QStackedWidget):
    """The pages on the right and the moves between them.

    Signals:
        case_shown(str): a record of another case opened; that case is now the current one.
        summary_requested(): the case view asked for a signed summary.
        message(str, int): a note for the status bar and how long to show it (ms).
        failed(object): something the user asked for failed; the exception.
        cases_stale(): an autosave moved a record in time, so the case list's last
            event may have changed.
    """

    case_shown = Signal(str)
    cases_stale = Signal()
    summary_requested = Signal()
    message = Signal(str, int)
    failed = Signal(object)

    def __init__(self, bridge: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.notebook = bridge.notebook
        self.current_ref: str | None = None  # the case shown, or the case of the record shown
        self._significant_only = False
        self._page_before_search: QWidget | None = None
        self.saved_label = QLabel("")  # for the status bar: when the draft was last saved
        self.confirm_close: Callable[[QWidget, list[Any]], bool] = ask_close_case
        self.saved_label.setObjectName("savedLabel")

        self.empty_page = QLabel(
            "Choose a case on the left, or create one with File ▸ New case (Ctrl+Shift+N)."
        )
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_page.setWordWrap(True)
        self.case_view = CaseView()
        self.case_view.open_record.connect(self.open_record)
        self.case_view.new_record.connect(self.new_record)
        self.case_view.add_person.connect(lambda: self.edit_person(None))
        self.case_view.edit_person.connect(self.edit_person)
        self.case_view.significant_only.connect(self._set_significant_only)
        self.case_view.set_status.connect(self._set_case_status)
        self.case_view.edit_case.connect(self.edit_case)
        self.case_view.intake_requested.connect(lambda: case_details.edit_intake(self))
        self.case_view.person_details.connect(lambda p: case_details.edit_person_details(self, p))
        self.case_view.involvement.connect(self.set_involvement)
        self.case_view.chronology_requested.connect(self.print_chronology)
        self.case_view.add_event.connect(lambda: chronology_events.add_event(self))
        self.case_view.event_activated.connect(lambda e: chronology_events.show_event(self, e))
        self.case_view.significance_requested.connect(
            lambda summary: chronology_events.ask_significance(self, summary)
        )
        self.case_view.words_and_pictures.connect(self.words_and_pictures)
        self.dialog: QDialog | None = None  # the case or person dialog open now
        self.case_view.action_model.done_requested.connect(
            lambda action_id, done: set_action_done(bridge, action_id, done, self.failed.emit)
        )
        self.case_view.summary_requested.connect(self.summary_requested)
        self.editor = RecordEditor(bridge)
        self.editor.saved.connect(lambda at: self.saved_label.setText(f"Draft saved at {at}"))
        self.editor.finalised.connect(lambda _: self.saved_label.setText("Final: read-only"))
        self.editor.failed.connect(self.failed)
        # "Draft saved at …" and "Final: read-only" speak of the record open: leaving it
        # (case, people, search, actions) clears them.
        self.currentChanged.connect(self._left_record)
        self.editor.back.connect(self.show_case_page)
        self.editor.discarded.connect(lambda _: self.show_case_page())
        back = QShortcut(QKeySequence("Esc"), self.editor)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.editor._go_back)
        self.actions_view = ActionsDueView(bridge)
        self.actions_view.open_record.connect(self.open_record)
        self.actions_view.open_case.connect(self.open_case)
        self.actions_view.failed.connect(self.failed)
        self.diary_view = DiaryView(bridge)
        self.diary_view.open_record.connect(self.open_record)
        self.diary_view.failed.connect(self.failed)
        self.reflections_view = ReflectiveLogView(bridge)
        self.reflections_view.failed.connect(self.failed)
        self.search_view = SearchView()
        self.search_view.open_hit.connect(lambda hit: self.open_record(hit.record_id))
        for page in (
            self.empty_page,
            self.case_view,
            self.editor,
            self.actions_view,
            self.reflections_view,
            self.search_view,
            self.diary_view,
        ):
            self.addWidget(page)

    # -- a case --------------------------------------------------------------------------

    def open_case(self, ref: str, *, show: bool = True, focus: bool = True) -> None:
        """Show case ``ref`` (``focus``: and put the keyboard in its records)."""
        self.editor.save_now()
        self.current_ref = ref
        self._load_case(ref)
        if show:
            self.show_case_page(focus=focus)

    def _load_case(self, ref: str) -> None:
        self.bridge.run(
            queries.case_overview,
            self.notebook,
            ref,
            self._significant_only,
            on_done=self._overview_loaded,
        )

    def _overview_loaded(self, overview: queries.CaseOverview) -> None:
        if overview.case.ref == self.current_ref:
            self.case_view.show_overview(overview)

    def forget_case(self, ref: str) -> None:
        """Stop showing case ``ref`` (it is being deleted past retention)."""
        if self.current_ref == ref:
            self.editor.close_record()
            self.case_view.clear()
            self.current_ref = None
            self.show_case_page(focus=False)

    def show_case_page(self, *, focus: bool = True) -> None:
        """Back to the current case (or the empty page); ``focus``: the keyboard goes to
        its records (not when the case was chosen in the case list, which keeps it)."""
        self.editor.save_now()
        self.setCurrentWidget(self.case_view if self.current_ref else self.empty_page)
        if self.current_ref and focus:
            self.case_view.record_table.setFocus()

    def show_case_tab(self, index: int) -> None:
        """Show tab ``index`` of the current case."""
        if self.current_ref:
            self.show_case_page()
            self.case_view.tabs.setCurrentIndex(index)

    def _set_significant_only(self, on: bool) -> None:
        # The case view filters the rows it has; later loads of a case keep the choice.
        self._significant_only = on

    def _set_case_status(self, status: str) -> None:
        """Close or reopen the case shown, asking why (and, to close, naming its drafts)."""
        from ui.case_dialogs import CaseStatusDialog

        case = self.case_view.case
        if case is None or status == case.status:
            return
        drafts = [r for r in self.case_view.records.rows() if r.status == "draft"]
        if status == "closed" and drafts and not self.confirm_close(self, drafts):
            return
        dialog = CaseStatusDialog(case, self.case_view.status_changes, self.window())
        dialog.accepted.connect(
            lambda: self.bridge.run(
                self.notebook.cases.change_status,
                case.ref,
                dialog.status,
                dialog.reason_text(),
                on_error=self.failed.emit,
            )
        )
        self._open(dialog)

    def edit_case(self) -> None:
        """Change the title of the case shown."""
        from ui.case_dialogs import EditCaseDialog

        case = self.case_view.case
        if case is None:
            return
        dialog = EditCaseDialog(case, self.window())
        dialog.accepted.connect(
            lambda: self._run(lambda title: self.notebook.cases.update(case.ref, title=title),
                              dialog.title())
        )  # fmt: skip
        self._open(dialog)

    def set_involvement(self, person: Any, involved_again: bool) -> None:
        """Mark someone as no longer involved (asking since when and why), or involved again."""
        from ui.case_dialogs import NoLongerInvolvedDialog

        ref = self.current_ref
        if ref is None:
            return
        if involved_again:
            self._run(self.notebook.people.mark_involved_again, ref, person.key, reload=ref)
            return
        dialog = NoLongerInvolvedDialog(person, self.window())
        dialog.accepted.connect(
            lambda: self._run(self.notebook.people.mark_no_longer_involved, ref, person.key,
                              *dialog.values(), reload=ref)
        )  # fmt: skip
        self._open(dialog)

    def print_chronology(self, significant_only: bool, court: bool = False) -> None:
        """Chronology ▸ Print or save as PDF… (or its court version) for the case shown."""
        from ui.chronology_export import ChronologyDialog

        if self.current_ref:
            self._open(
                ChronologyDialog(
                    self.bridge, self.current_ref, significant_only, self.window(), court
                )
            )

    def words_and_pictures(self, person: Any = None) -> None:
        """Words and pictures… for a child of the case shown (``person`` if a child)."""
        from ui.explain_dialog import ExplainDialog

        if not self.current_ref:
            self.message.emit("Choose a case first.", 5000)
            return
        children = [p for p in self.case_view.people.rows() if p.role == "child"]
        if not children:
            self.message.emit("Words and pictures are for a child: add one in People.", 5000)
            return
        key = person.key if person is not None and person.role == "child" else None
        self._open(
            ExplainDialog(self.bridge, self.current_ref, children, key,
                          self.case_view.records.rows(), self.window())
        )  # fmt: skip

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _run(self, fn: Any, *args: Any, reload: str | None = None) -> None:
        """Run a command on the worker; reload case ``reload`` afterwards (the commands
        marking someone (no longer) involved tell no subscriber)."""
        self.bridge.run(
            fn, *args, on_error=self.failed.emit,
            on_done=lambda _: self._load_case(reload) if reload and reload == self.current_ref
            else None,
        )  # fmt: skip

    def edit_person(self, person: Any) -> None:
        """Add (``person`` None) or edit someone in the current case."""
        if not self.current_ref:
            return
        dialog = PersonDialog(person, self.window())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        if person is None:
            self.bridge.run(
                lambda: self.notebook.people.add(self.current_ref, **values),
                on_error=self.failed.emit,
            )
        else:
            self.bridge.run(
                lambda: self.notebook.people.update(self.current_ref, person.key, **values),
                on_error=self.failed.emit,
            )

    # -- a record ------------------------------------------------------------------------

    def open_record(self, record_id: str) -> None:
        """Open a record in the editor."""
        self.editor.save_now()
        self.bridge.run(queries.editor_context, self.notebook, record_id, on_done=self._show_editor)

    def _left_record(self, _index: int) -> None:
        if self.currentWidget() is not self.editor:
            self.saved_label.clear()

    def _show_editor(self, context: queries.EditorContext) -> None:
        if context.record.case_ref != self.current_ref:
            self.current_ref = context.record.case_ref
            self.open_case(context.record.case_ref, show=False)
            self.case_shown.emit(context.record.case_ref)
        self.editor.load(context)
        self.saved_label.setText("Final: read-only" if context.record.is_final else "")
        self.setCurrentWidget(self.editor)
        self.editor.setFocus()

    def new_record(self, kind: str) -> None:
        """Start a draft of ``kind`` in the current case and open it."""
        if not self.current_ref:
            self.message.emit("Choose a case first.", 5000)
            return
        self.editor.save_now()
        self.bridge.run(
            queries.new_record,
            self.notebook,
            self.current_ref,
            kind,
            text.now_iso(),
            on_done=self._show_editor,
            on_error=self.failed.emit,
        )

    def finalise_shown_record(self) -> None:
        """Edit ▸ Finalise record: finalise the draft shown, if one is."""
        if self.currentWidget() is self.editor:
            self.editor.request_finalise()
        else:
            self.message.emit("Open a draft record to finalise it.", 5000)

    def save_drafts(self) -> bool:
        """Save the open draft now and wait (Save now, lock, quit)."""
        ok = self.editor.save_sync()
        if ok and self.editor.saved_at:
            self.saved_label.setText(f"Draft saved at {self.editor.saved_at}")
        return ok

    # -- notebook-wide pages -------------------------------------------------------------

    def show_actions_due(self) -> None:
        """Open actions across the notebook."""
        self.editor.save_now()
        self.setCurrentWidget(self.actions_view)
        self.actions_view.reload()

    def show_diary(self) -> None:
        """View ▸ Diary: this week's visits planned, overdue visits and actions."""
        self.editor.save_now()
        self.setCurrentWidget(self.diary_view)
        self.diary_view.reload()

    def show_reflections(self) -> None:
        """The private reflective log."""
        self.editor.save_now()
        self.setCurrentWidget(self.reflections_view)
        self.reflections_view.reload()

    def enter_search(self) -> None:
        """A search began: remember the page to go back to when it is cleared."""
        if self.currentWidget() is not self.search_view:
            self._page_before_search = self.currentWidget()

    def show_search(self) -> None:
        """Show the search results."""
        self.setCurrentWidget(self.search_view)

    def leave_search(self) -> None:
        """The search was cleared: back to the page shown before it."""
        if self.currentWidget() is self.search_view:
            self.setCurrentWidget(self._page_before_search or self.empty_page)

    # -- lock and unlock -----------------------------------------------------------------

    def resume_point(self) -> ResumePoint:
        """The case, record and page shown (to come back to after Lock)."""
        pages = {
            self.case_view: "case",
            self.editor: "record",
            self.actions_view: "actions",
            self.reflections_view: "reflections",
        }
        shown = self.currentWidget()
        page = pages[shown] if shown in pages else "case" if self.current_ref else ""  # noqa: SIM401
        record_id = self.editor.record_id if page == "record" else None
        return ResumePoint(self.current_ref, record_id, page, self.case_view.tabs.currentIndex())

    def resume(self, point: ResumePoint) -> None:
        """Show again what :meth:`resume_point` saw (search results are not kept)."""
        if point.case_ref:
            self.open_case(point.case_ref, show=point.page != "record")
            self.case_shown.emit(point.case_ref)
            self.case_view.tabs.setCurrentIndex(point.tab)
        if point.record_id:
            self.open_record(point.record_id)
        elif point.page == "actions":
            self.show_actions_due()
        elif point.page == "reflections":
            self.show_reflections()

    # -- changes -------------------------------------------------------------------------

    def record_saved(self, ref: str, record_id: str) -> None:
        """A draft of case ``ref`` was autosaved: update its row and the case's actions
        (one record's row is read, not the whole case)."""
        if self.currentWidget() is self.actions_view:
            self.show_actions_due()
        if ref == self.current_ref:
            self.bridge.run(
                queries.saved_row, self.notebook, record_id, on_done=self._saved_row_loaded
            )

    def _saved_row_loaded(self, loaded: Any) -> None:
        if loaded is None or loaded[0].case_ref != self.current_ref:
            return
        if not self.case_view.update_record(*loaded):
            self._load_case(loaded[0].case_ref)
            self.cases_stale.emit()

    def refresh(self, pending: set[str]) -> None:
        """Reload what the notebook's changes touched (keys of :func:`ui.notices.touched`)."""
        if self.current_ref and (f"case:{self.current_ref}" in pending or "notebook" in pending):
            self._load_case(self.current_ref)
        # "case": a case closed, or its intake changed, alters raised risk and referrals.
        if self.currentWidget() is self.actions_view and pending & {"action", "record", "case"}:
            self.show_actions_due()
        if self.currentWidget() is self.diary_view and pending & {"action", "record", "case"}:
            self.diary_view.reload()
        if self.currentWidget() is self.reflections_view and "reflection" in pending:
            self.show_reflections()

    def clear(self) -> None:
        """Forget the record shown and drop every row (on lock and quit)."""
        self.editor.close_record()
        self.case_view.clear()
        for model in (
            self.actions_view.model,
            self.diary_view.visits,
            self.diary_view.action_model,
            self.reflections_view.model,
            self.search_view.model,
        ):
            model.clear()
