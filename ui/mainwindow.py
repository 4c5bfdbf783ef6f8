"""The main window: cases on the left; a case, a record, actions due, the reflective log or
search results on the right. Widgets collect input and call the facade through the
bridge; views refresh from the bridge's ``changed`` signal.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, QStandardPaths, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from notebook import kinds
from ui import exports, queries, text
from ui.dialogs import AboutDialog, NewCaseDialog, PersonDialog, ShortcutsDialog
from ui.editors.editor import RecordEditor
from ui.icons import KIND_ICONS, app_icon, icon
from ui.infobar import BackupReminder, SummaryNotice
from ui.messages import describe
from ui.models import ROW_ROLE, CaseListModel
from ui.privacy import PrivacyScreen
from ui.settings import AppSettings, SettingsDialog, file_dialog_options
from ui.views import ActionsDueView, CaseView, RecordTable, ReflectiveLogView, SearchView

PRIVACY_KEYS = ("F12", "Ctrl+Shift+H")
REFRESH_MS = 150
SEARCH_MS = 180
# Column widths the user dragged, remembered like the window's size (no content in them).
COLUMN_STATES = ("records", "chronology", "case_actions")


class MainWindow(QMainWindow):
    """The unlocked notebook.

    Signals:
        lock_requested(): the user chose Lock.
        closed(): the window closed (quit); drafts are already saved.
        settings_changed(): the settings dialog was accepted.
    """

    lock_requested = Signal()
    closed = Signal()
    settings_changed = Signal()

    def __init__(self, bridge: Any, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.notebook = bridge.notebook
        self.settings = settings
        self.current_ref: str | None = None
        self._pending: set[str] = set()
        self._significant_only = False
        self._overdue_only = False
        self._page_before_search: QWidget | None = None
        self._shut_down = False
        self._covers: list[QWidget] = []
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"Casebook — {self.notebook.name}")
        self.setWindowIcon(app_icon())

        self.saved_label = QLabel("")
        self.saved_label.setObjectName("savedLabel")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(80)
        self.busy.setMaximumHeight(10)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Working")
        self.busy.hide()
        # -- left: cases -------------------------------------------------------------------------
        self.cases = CaseListModel(self)
        self.case_filter = QLineEdit()
        self.case_filter.setPlaceholderText("Filter cases")
        self.case_filter.setAccessibleName("Filter cases")
        self.case_filter.setClearButtonEnabled(True)
        self.case_filter.textChanged.connect(lambda t: self.cases.set_filter(text=t))
        self.case_status = QComboBox()
        self.case_status.setAccessibleName("Case status")
        for label, value in (
            ("Open cases", "open"),
            ("Closed cases", "closed"),
            ("All cases", None),
        ):
            self.case_status.addItem(label, value)
        self.case_status.currentIndexChanged.connect(
            lambda _: self.cases.set_filter(status=self.case_status.currentData())
        )
        self.case_table = RecordTable(self.cases, "Cases")
        self.case_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.case_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.case_table.horizontalHeader().setStretchLastSection(False)
        self.case_table.setWordWrap(False)
        self.case_table.selectionModel().currentRowChanged.connect(self._case_selected)
        self.case_table.activated_row.connect(lambda c: self.open_case(c.ref))
        left = QWidget()
        left.setObjectName("casesPane")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 8)
        left_layout.addWidget(self.case_filter)
        left_layout.addWidget(self.case_status)
        left_layout.addWidget(self.case_table, 1)

        # -- right: pages ------------------------------------------------------------------------
        self.empty_page = QLabel("Choose a case on the left, or create one with File ▸ New case.")
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_page.setWordWrap(True)
        self.case_view = CaseView()
        self.case_view.open_record.connect(self.open_record)
        self.case_view.new_record.connect(self.new_record)
        self.case_view.add_person.connect(lambda: self.edit_person(None))
        self.case_view.edit_person.connect(self.edit_person)
        self.case_view.significant_only.connect(self._set_significant_only)
        self.case_view.set_status.connect(self._set_case_status)
        self.case_view.action_model.done_requested.connect(self.set_action_done)
        self.case_view.summary_requested.connect(self.export_summary)
        self.editor = RecordEditor(bridge)
        self.editor.saved.connect(lambda at: self.saved_label.setText(f"Draft saved at {at}"))
        self.editor.failed.connect(self.show_error)
        self.editor.back.connect(self.show_case_page)
        self.editor.discarded.connect(lambda _: self.show_case_page())
        self.actions_view = ActionsDueView()
        self.actions_view.open_record.connect(self.open_record)
        self.actions_view.model.done_requested.connect(self.set_action_done)
        self.actions_view.overdue_only.connect(self._set_overdue_only)
        self.reflections_view = ReflectiveLogView()
        self.reflections_view.add.connect(self.add_reflection)
        self.search_view = SearchView()
        self.search_view.open_hit.connect(self._open_hit)
        self.pages = QStackedWidget()
        for page in (
            self.empty_page,
            self.case_view,
            self.editor,
            self.actions_view,
            self.reflections_view,
            self.search_view,
        ):
            self.pages.addWidget(page)

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 900])
        self.splitter.setChildrenCollapsible(False)

        self.backup_reminder = BackupReminder()
        self.backup_reminder.back_up.connect(self.back_up_now)
        self.backup_reminder.dismissed.connect(self._dismiss_backup_reminder)
        self.main_page = QWidget()
        main_layout = QVBoxLayout(self.main_page)
        main_layout.setContentsMargins(0, 0, 0, 0)
        main_layout.setSpacing(0)
        self.summary_notice = SummaryNotice()
        main_layout.addWidget(self.backup_reminder)
        main_layout.addWidget(self.summary_notice)
        main_layout.addWidget(self.splitter, 1)

        self.privacy = PrivacyScreen(" or ".join(PRIVACY_KEYS))
        self.outer = QStackedWidget()
        self.outer.addWidget(self.main_page)
        self.outer.addWidget(self.privacy)
        self.setCentralWidget(self.outer)

        self.statusBar().addPermanentWidget(self.saved_label)
        self.statusBar().addPermanentWidget(self.busy)
        # The audit chain cannot show entries cut from its end; the practitioner can, if
        # the last entry before this unlock is older than the work they remember.
        tail = self.notebook.audit_tail_at_unlock()
        self.audit_label = QLabel(
            f"Audit log: last entry {tail.seq:,}, {text.when(tail.at)}" if tail else ""
        )
        self.audit_label.setObjectName("auditTailLabel")
        self.audit_label.setToolTip(
            "The newest entry of the audit log when you unlocked. If you worked later than "
            "this, entries are missing: check against a backup or a signed summary."
        )
        self.statusBar().addPermanentWidget(self.audit_label)
        bridge.busy_changed.connect(self._show_busy)
        bridge.changed.connect(self._on_change)
        bridge.failed.connect(self.show_error)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self._refresh)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_MS)
        self._search_timer.timeout.connect(self._run_search)

        self._build_actions()
        self._restore_state()
        self.refresh_cases()
        self.check_backup_reminder()

    # -- actions, menus, toolbar -------------------------------------------------------------

    def _action(
        self,
        label: str,
        slot: Any,
        keys: str | tuple[str, ...] = (),
        icon_name: str = "",
        tip: str = "",
    ) -> QAction:
        action = QAction(icon(icon_name) if icon_name else QIcon(), label, self)
        if isinstance(keys, str):
            keys = (keys,)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{tip or label}" + (f" ({keys[0]})" if keys else ""))
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)  # shortcuts keep working while toolbars are hidden
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.new_case_action = a("New case…", self.new_case, "Ctrl+Shift+N", "new_case")
        self.new_record_actions = {
            kind: a(
                f"New {kinds.KIND_LABELS[kind].lower()} record",
                lambda k=kind: self.new_record(k),
                f"Ctrl+Alt+{i}",
                KIND_ICONS[kind],
            )
            for i, kind in enumerate(kinds.KINDS, start=1)
        }
        self.new_record_action = a(
            "New record…", self._popup_new_record, "Ctrl+N", "new_record", "New record in this case"
        )
        self.save_action = a("Save now", self.save_drafts, "Ctrl+S", "save")
        self.summary_action = a(
            "Signed summary…",
            self.export_summary,
            "Ctrl+Shift+S",
            "summary",
            "Export a signed PDF summary of cases",
        )
        self.backup_action = a(
            "Back up now…", self.back_up_now, (), "backup", "Write an encrypted backup"
        )
        self.settings_action = a("Settings…", self.open_settings, "Ctrl+,", "settings")
        self.lock_action = a(
            "Lock", self.lock_requested.emit, "Ctrl+L", "lock", "Lock the notebook"
        )
        self.quit_action = a("Quit", self.close, "Ctrl+Q", "quit")
        self.undo_action = a("Undo", lambda: self._edit_call("undo"), "Ctrl+Z", "undo")
        self.redo_action = a(
            "Redo", lambda: self._edit_call("redo"), ("Ctrl+Shift+Z", "Ctrl+Y"), "redo"
        )
        self.find_action = a(
            "Search…", self.focus_search, "Ctrl+F", "search", "Search the notebook"
        )
        self.finalise_action = a(
            "Finalise record…", self._finalise_shown_record, "Ctrl+Shift+F", "finalise"
        )
        self.filter_action = a("Filter cases", self.focus_case_filter, "Ctrl+0", "case")
        self.tab_actions = [
            a(f"Show {name}", lambda i=i: self.show_case_tab(i), f"Ctrl+{i + 1}", icon_name)
            for i, (name, icon_name) in enumerate(
                (
                    ("records", "records"),
                    ("people", "people"),
                    ("chronology", "chronology"),
                    ("actions of the case", "actions"),
                )
            )
        ]
        self.actions_due_action = a(
            "Actions due",
            self.show_actions_due,
            "Ctrl+Shift+A",
            "actions",
            "Actions due across the notebook",
        )
        self.reflections_action = a(
            "Reflective log", self.show_reflections, "Ctrl+Shift+R", "reflection"
        )
        self.privacy_action = a(
            "Privacy screen",
            self.toggle_privacy,
            PRIVACY_KEYS,
            "privacy",
            "Hide everything on screen",
        )
        self.privacy_action.setCheckable(True)
        self.privacy_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcuts_action = a("Keyboard shortcuts", self.show_shortcuts, "F1", "help")
        self.about_action = a("About Casebook", self.show_about, (), "casebook")
        self.about_action.setIcon(app_icon())

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.new_case_action)
        self.new_menu = file_menu.addMenu(icon("new_record"), "New record")
        for action in self.new_record_actions.values():
            self.new_menu.addAction(action)
        file_menu.addAction(self.save_action)
        file_menu.addSeparator()
        file_menu.addAction(self.summary_action)
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.finalise_action)
        view_menu = menu.addMenu("&View")
        view_menu.addAction(self.filter_action)
        for action in self.tab_actions:
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.actions_due_action)
        view_menu.addAction(self.reflections_action)
        view_menu.addSeparator()
        view_menu.addAction(self.privacy_action)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

        toolbar = QToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.new_case_action)
        self.new_record_button = QToolButton()
        self.new_record_button.setDefaultAction(self.new_record_action)
        self.new_record_button.setMenu(self.new_menu)
        self.new_record_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.new_record_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addWidget(self.new_record_button)
        toolbar.addSeparator()
        toolbar.addAction(self.actions_due_action)
        toolbar.addAction(self.reflections_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.search_field = QLineEdit()
        self.search_field.setObjectName("searchField")
        self.search_field.setPlaceholderText("Search the notebook (Ctrl+F)")
        self.search_field.setAccessibleName("Search the notebook")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(260)
        self.search_field.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_field.textChanged.connect(self._search_changed)
        self.search_field.returnPressed.connect(self.search_view.open_current)
        toolbar.addWidget(self.search_field)
        toolbar.addSeparator()
        toolbar.addAction(self.privacy_action)
        toolbar.addAction(self.lock_action)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

        back = QShortcut(QKeySequence("Esc"), self.editor)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.editor._go_back)
        clear = QShortcut(QKeySequence("Esc"), self.search_field)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self.search_field.clear)
        down = QShortcut(QKeySequence("Down"), self.search_field)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
        down.activated.connect(self.search_view.list.setFocus)

    def all_actions(self) -> list[QAction]:
        """Every action with a shortcut, for Help ▸ Keyboard shortcuts."""
        return [a for a in self.actions() if a.shortcuts()]

    # -- data flow ---------------------------------------------------------------------------

    def refresh_cases(self) -> None:
        """Reload the case list from the core."""
        self.bridge.run(self.notebook.list_cases, on_done=self._cases_loaded)

    def _cases_loaded(self, cases: list[Any]) -> None:
        self.cases.set_cases(cases)
        if self.current_ref:
            row = self.cases.row_of(self.current_ref)
            if row >= 0:
                self.case_table.blockSignals(True)
                self.case_table.selectRow(row)
                self.case_table.blockSignals(False)

    @Slot(object, object)
    def _case_selected(self, current: Any, _previous: Any) -> None:
        case = current.data(ROW_ROLE) if current.isValid() else None
        if case is not None and case.ref != self.current_ref:
            self.open_case(case.ref)

    def open_case(self, ref: str, *, show: bool = True) -> None:
        """Show case ``ref``."""
        self.editor.save_now()
        self.current_ref = ref
        self.bridge.run(
            queries.case_overview,
            self.notebook,
            ref,
            self._significant_only,
            on_done=self._overview_loaded,
        )
        if show:
            self.show_case_page()

    def _overview_loaded(self, overview: queries.CaseOverview) -> None:
        if overview.case.ref == self.current_ref:
            self.case_view.show_overview(overview)

    def show_case_page(self) -> None:
        """Back to the current case (or the empty page)."""
        self.editor.save_now()
        self.pages.setCurrentWidget(self.case_view if self.current_ref else self.empty_page)
        if self.current_ref:
            self.case_view.record_table.setFocus()

    def show_case_tab(self, index: int) -> None:
        """Show tab ``index`` of the current case."""
        if self.current_ref:
            self.show_case_page()
            self.case_view.tabs.setCurrentIndex(index)

    @Slot(object)
    def _on_change(self, change: Any) -> None:
        self._pending.add(change.what)
        if change.case_ref:
            self._pending.add(f"case:{change.case_ref}")
        self._refresh_timer.start()

    def _refresh(self) -> None:
        pending, self._pending = self._pending, set()
        if pending & {"case", "record", "notebook"}:
            self.refresh_cases()
        if self.current_ref and (f"case:{self.current_ref}" in pending or "notebook" in pending):
            self.bridge.run(
                queries.case_overview,
                self.notebook,
                self.current_ref,
                self._significant_only,
                on_done=self._overview_loaded,
            )
        if self.pages.currentWidget() is self.actions_view and pending & {"action", "record"}:
            self.show_actions_due()
        if self.pages.currentWidget() is self.reflections_view and "reflection" in pending:
            self.show_reflections()
        if self.pages.currentWidget() is self.search_view and "record" in pending:
            self._run_search()

    def _set_significant_only(self, on: bool) -> None:
        # The case view filters the rows it has; later loads of a case keep the choice.
        self._significant_only = on

    def _set_overdue_only(self, on: bool) -> None:
        self._overdue_only = on
        self.show_actions_due()

    # -- records -----------------------------------------------------------------------------

    def open_record(self, record_id: str) -> None:
        """Open a record in the editor."""
        self.editor.save_now()
        self.bridge.run(queries.editor_context, self.notebook, record_id, on_done=self._show_editor)

    def _show_editor(self, context: queries.EditorContext) -> None:
        if context.record.case_ref != self.current_ref:
            self.current_ref = context.record.case_ref
            self.open_case(context.record.case_ref, show=False)
            row = self.cases.row_of(context.record.case_ref)
            if row >= 0:
                self.case_table.blockSignals(True)
                self.case_table.selectRow(row)
                self.case_table.blockSignals(False)
        self.editor.load(context)
        self.saved_label.setText("")
        self.pages.setCurrentWidget(self.editor)
        self.editor.setFocus()

    def new_record(self, kind: str) -> None:
        """Start a draft of ``kind`` in the current case and open it."""
        if not self.current_ref:
            self.statusBar().showMessage("Choose a case first.", 5000)
            return
        self.editor.save_now()
        self.bridge.run(
            queries.new_record,
            self.notebook,
            self.current_ref,
            kind,
            text.now_iso(),
            on_done=self._show_editor,
            on_error=self.show_error,
        )

    def _popup_new_record(self) -> None:
        if not self.current_ref:
            self.statusBar().showMessage("Choose a case first.", 5000)
            return
        self.new_menu.popup(
            self.new_record_button.mapToGlobal(self.new_record_button.rect().bottomLeft())
        )

    def _finalise_shown_record(self) -> None:
        if self.pages.currentWidget() is self.editor:
            self.editor.request_finalise()
        else:
            self.statusBar().showMessage("Open a draft record to finalise it.", 5000)

    def save_drafts(self) -> bool:
        """Save the open draft now and wait (Save now, lock, quit)."""
        ok = self.editor.save_sync()
        if ok and self.editor.saved_at:
            self.saved_label.setText(f"Draft saved at {self.editor.saved_at}")
        return ok

    # -- cases, people, actions, reflections -------------------------------------------------

    def new_case(self) -> None:
        """Ask for a reference and title, then open the new case."""
        dialog = NewCaseDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        ref, title = dialog.values()
        self.bridge.run(
            self.notebook.add_case,
            ref,
            title,
            on_done=lambda case: self._case_created(case.ref),
            on_error=self.show_error,
        )

    def _case_created(self, ref: str) -> None:
        if self.case_status.currentData() == "closed":
            self.case_status.setCurrentIndex(0)
        self.open_case(ref)
        self.refresh_cases()

    def _set_case_status(self, status: str) -> None:
        if self.current_ref:
            ref = self.current_ref
            self.bridge.run(
                lambda: self.notebook.update_case(ref, status=status), on_error=self.show_error
            )

    def edit_person(self, person: Any) -> None:
        """Add (``person`` None) or edit someone in the current case."""
        if not self.current_ref:
            return
        dialog = PersonDialog(person, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        if person is None:
            self.bridge.run(
                lambda: self.notebook.add_person(self.current_ref, **values),
                on_error=self.show_error,
            )
        else:
            self.bridge.run(
                lambda: self.notebook.update_person(self.current_ref, person.key, **values),
                on_error=self.show_error,
            )

    def set_action_done(self, action_id: int, done: bool) -> None:
        """Tick an action off (or back on)."""
        self.bridge.run(self.notebook.set_action_done, action_id, done, on_error=self.show_error)

    def show_actions_due(self) -> None:
        """Open actions across the notebook."""
        self.editor.save_now()
        self.pages.setCurrentWidget(self.actions_view)
        self.bridge.run(
            lambda: self.notebook.list_actions(overdue=self._overdue_only),
            on_done=self.actions_view.show_actions,
        )

    def show_reflections(self) -> None:
        """The private reflective log."""
        self.editor.save_now()
        self.pages.setCurrentWidget(self.reflections_view)
        self.bridge.run(
            self.notebook.list_reflections, on_done=self.reflections_view.model.set_rows
        )

    def add_reflection(self, text_: str) -> None:
        """Add to the reflective log."""
        self.bridge.run(self.notebook.add_reflection, text_, on_error=self.show_error)

    # -- search ------------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Ctrl+F."""
        self.search_field.setFocus()
        self.search_field.selectAll()

    def focus_case_filter(self) -> None:
        """Ctrl+0."""
        self.case_filter.setFocus()
        self.case_filter.selectAll()

    def _search_changed(self, query: str) -> None:
        if query.strip():
            if self.pages.currentWidget() is not self.search_view:
                self._page_before_search = self.pages.currentWidget()
            self._search_timer.start()
        else:
            self._search_timer.stop()
            self.search_view.model.clear()
            if self.pages.currentWidget() is self.search_view:
                self.pages.setCurrentWidget(self._page_before_search or self.empty_page)

    def _run_search(self) -> None:
        query = self.search_field.text()
        if not query.strip():
            return
        self.editor.save_now()
        self.bridge.run(
            self.notebook.search,
            query,
            on_done=lambda hits: self._show_hits(query, hits),
            on_error=self.show_error,
        )

    def _show_hits(self, query: str, hits: list[Any]) -> None:
        if query != self.search_field.text():
            return  # the user typed on; a newer search is queued
        self.search_view.show_hits(query, hits)
        self.pages.setCurrentWidget(self.search_view)

    def _open_hit(self, hit: Any) -> None:
        self.open_record(hit.record_id)

    # -- privacy -----------------------------------------------------------------------------

    @property
    def privacy_on(self) -> bool:
        """Whether the privacy screen is up."""
        return self.outer.currentWidget() is self.privacy

    def toggle_privacy(self, on: bool | None = None) -> None:
        """Cover (or uncover) everything at once."""
        on = not self.privacy_on if on is None else on
        if on == self.privacy_on:
            self.privacy_action.setChecked(on)
            return
        if on:
            self.editor.save_now()
            # Dialogs are windows of their own: cover them too (hiding one would cancel it).
            for window in QApplication.topLevelWidgets():
                if window is self or not window.isVisible():
                    continue
                if isinstance(window, QMenu) or window.windowType() == Qt.WindowType.Popup:
                    window.close()
                    continue
                cover = PrivacyScreen(" or ".join(PRIVACY_KEYS), window)
                cover.setGeometry(window.rect())
                cover.show()
                cover.raise_()
                self._covers.append(cover)
        else:
            for old in self._covers:
                old.hide()
                old.deleteLater()
            self._covers = []
        self.outer.setCurrentWidget(self.privacy if on else self.main_page)
        self.toolbar.setVisible(not on)
        self.statusBar().setVisible(not on)
        self.menuBar().setVisible(not on)
        self.privacy_action.setChecked(on)
        if on:
            self.privacy.setFocus()

    # -- signed summary and backup ----------------------------------------------------------

    def export_summary(self) -> None:
        """File ▸ Signed summary: choose cases and options, then where to save."""
        from ui.summary import SummaryDialog  # loaded on first use

        if not self.summary_action.isEnabled():
            return  # one is being made
        self.editor.save_now()
        dialog = SummaryDialog(self.cases.all_cases(), self.current_ref, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        options = dialog.options()
        dialog.deleteLater()
        if not accepted or self._shut_down:
            return
        self.summary_notice.hide()
        self.summary_action.setEnabled(False)
        self.bridge.run(
            exports.summary_filename,
            self.notebook,
            options.case_refs,
            date.today(),
            on_done=lambda name: self._save_summary_as(options, name),
            on_error=self._summary_failed,
        )

    def _save_summary_as(self, options: exports.SummaryOptions, name: str) -> None:
        path = self.ask_save_path("Save the signed summary", name, "PDF files (*.pdf)")
        if path is None:
            self.summary_action.setEnabled(True)
            return
        self.statusBar().showMessage("Making and signing the summary…")
        self.bridge.run(
            exports.write_summary,
            self.notebook,
            options,
            exports.with_suffix(path, ".pdf"),
            on_done=self._summary_written,
            on_error=self._summary_failed,
        )

    def _summary_written(self, written: exports.SummaryWritten) -> None:
        self.summary_action.setEnabled(True)
        # The fingerprint (95 characters) does not fit a status bar line beside the path:
        # the bar above the cases shows both in full, selectable, until closed.
        self.statusBar().showMessage(
            f"Signed summary saved to {written.path} ({text.file_size(written.size)}); "
            "its certificate fingerprint is shown above.",
            60_000,
        )
        self.summary_notice.show_written(written)

    def _summary_failed(self, exc: BaseException) -> None:
        self.summary_action.setEnabled(True)
        self.statusBar().clearMessage()
        self.show_error(exc)

    def back_up_now(self) -> None:
        """File ▸ Back up now: an encrypted copy of the whole notebook, where the user says."""
        self.editor.save_now()
        name = exports.backup_filename(self.notebook.name, date.today())
        path = self.ask_save_path(
            "Back up the notebook", name, "Casebook backups (*.casebook-backup)"
        )
        if path is None:
            return
        self.backup_action.setEnabled(False)
        self.backup_reminder.back_up_button.setEnabled(False)
        self.statusBar().showMessage("Backing up the notebook…")
        self.bridge.run(
            exports.write_backup,
            self.notebook,
            path,
            on_done=self._backup_written,
            on_error=self._backup_failed,
        )

    def _backup_written(self, path: Path) -> None:
        self._backup_finished()
        self.backup_reminder.hide()
        try:
            size = f" ({text.file_size(path.stat().st_size)}, encrypted)"
        except OSError:
            size = ""
        self.statusBar().showMessage(
            f"Backup saved to {path}{size}. It opens with this notebook's passphrase.", 60_000
        )

    def _backup_failed(self, exc: BaseException) -> None:
        self._backup_finished()
        self.statusBar().clearMessage()
        self.show_error(exc)

    def _backup_finished(self) -> None:
        self.backup_action.setEnabled(True)
        self.backup_reminder.back_up_button.setEnabled(True)

    def ask_save_path(self, title: str, name: str, filter_: str) -> Path | None:
        """Ask where to save a file, starting in Documents with ``name`` (None: cancelled).

        Qt's own dialog (``file_dialog_options``): no recent-files list outside Casebook
        learns the names of folders the practitioner saves to.
        """
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = Path(folder) if folder and Path(folder).is_dir() else Path.home()
        path, _ = QFileDialog.getSaveFileName(
            self, title, str(start / name), filter_, options=file_dialog_options()
        )
        if not path or self._shut_down:  # cancelled, or the notebook locked meanwhile
            return None
        return Path(path)

    def check_backup_reminder(self) -> None:
        """Show the backup reminder if the last backup is older than the setting."""
        if self.settings.backup_reminder_dismissed or self.settings.backup_reminder_days <= 0:
            self.backup_reminder.hide()
            return
        self.bridge.run(exports.last_backup, self.notebook, on_done=self._show_backup_reminder)

    def _show_backup_reminder(self, last: datetime | None) -> None:
        now = datetime.now().astimezone()
        days = self.settings.backup_reminder_days
        if self.settings.backup_reminder_dismissed or not exports.backup_due(last, days, now):
            self.backup_reminder.hide()
        else:
            self.backup_reminder.show_age(last, now)

    def _dismiss_backup_reminder(self) -> None:
        self.settings.backup_reminder_dismissed = True

    # -- misc --------------------------------------------------------------------------------

    def _edit_call(self, name: str) -> None:
        """Undo/redo: in the focused text box if it can, else for the whole record."""
        widget = QApplication.focusWidget()
        if _can(widget, name):
            getattr(widget, name)()
            return
        if self.pages.currentWidget() is self.editor:
            getattr(self.editor, name)()

    @Slot(bool)
    def _show_busy(self, on: bool) -> None:
        self.busy.setVisible(on and self.bridge.worker.busy)

    @Slot(object)
    def show_error(self, exc: BaseException) -> None:
        """Tell the user, without blocking (autosave keeps running)."""
        title, detail = describe(exc)
        self.statusBar().showMessage(f"{title}: {detail}", 15000)
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, detail, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def open_settings(self) -> None:
        """File ▸ Settings."""
        if SettingsDialog(self.settings, self).exec() == QDialog.DialogCode.Accepted:
            self.settings_changed.emit()
            self.check_backup_reminder()

    def show_shortcuts(self) -> None:
        """Help ▸ Keyboard shortcuts."""
        ShortcutsDialog(self.all_actions(), self).exec()

    def show_about(self) -> None:
        """Help ▸ About."""
        AboutDialog(self).exec()

    def _restore_state(self) -> None:
        geometry = self.settings.state("main_geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        splitter = self.settings.state("main_splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        for name, header in self._column_headers().items():
            columns = self.settings.state(f"{name}_columns")
            if columns is not None:
                header.restoreState(columns)

    def _save_state(self) -> None:
        self.settings.set_state("main_geometry", self.saveGeometry())
        self.settings.set_state("main_splitter", self.splitter.saveState())
        for name, header in self._column_headers().items():
            self.settings.set_state(f"{name}_columns", header.saveState())
        self.settings.sync()

    def _column_headers(self) -> dict[str, QHeaderView]:
        view = self.case_view
        tables = (view.record_table, view.chronology_table, view.actions_table)
        return {
            name: table.horizontalHeader()
            for name, table in zip(COLUMN_STATES, tables, strict=True)
        }

    def shutdown(self) -> bool:
        """Save the open draft, remember sizes, drop every row. Returns whether all saved."""
        if self._shut_down:
            return True
        ok = self.save_drafts()
        self._save_state()
        self._refresh_timer.stop()
        self._search_timer.stop()
        self.editor.close_record()
        self.case_view.clear()
        for model in (
            self.cases,
            self.actions_view.model,
            self.reflections_view.model,
            self.search_view.model,
        ):
            model.clear()
        # Qt's fading clear buttons must go before the text does: clearing with the
        # button shown starts an animation that outlives the window and crashes at exit.
        for field in (self.search_field, self.case_filter):
            field.setClearButtonEnabled(False)
            field.clear()
        self._shut_down = True
        return ok

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._shut_down:
            if not self.save_drafts() and not self._quit_without_saving():
                event.ignore()
                return
            self.shutdown()
            self.closed.emit()
        super().closeEvent(event)

    def _quit_without_saving(self) -> bool:
        answer = QMessageBox.warning(
            self,
            "Could not save the draft",
            "The latest changes to the open draft could not be saved. Everything saved "
            "before is intact.\n\nQuit anyway and lose those changes?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard


def _can(widget: Any, name: str) -> bool:
    """Whether a focused text box can undo (or redo) something itself."""
    if widget is None or getattr(widget, "isReadOnly", lambda: True)():
        return False
    if isinstance(widget, QLineEdit):
        return widget.isUndoAvailable() if name == "undo" else widget.isRedoAvailable()
    document = getattr(widget, "document", None)
    if not callable(document):
        return False
    doc = document()
    return bool(doc.isUndoAvailable() if name == "undo" else doc.isRedoAvailable())
