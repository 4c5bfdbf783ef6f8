"""The main window: cases on the left; a case, a record, actions due, the reflective log or
search results on the right.

The window composes its parts and keeps the window-wide concerns: remembered sizes,
closing and locking, the privacy screen, errors and the status bar. The parts are the
case pane (:mod:`ui.case_pane`), the pages on the right (:mod:`ui.record_pane`), search
(:mod:`ui.search`), the summary and backup flows (:mod:`ui.export_flows`) and the menus
and toolbar (:mod:`ui.menus`). Widgets collect input and call the facade through the
bridge; views refresh from the bridge's ``changed`` signal.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import notices, text
from ui.case_pane import CasePane
from ui.export_flows import ExportFlows
from ui.flows import AppFlows
from ui.icons import app_icon
from ui.infobar import DemoBanner
from ui.menus import PRIVACY_KEYS, MainMenus
from ui.messages import describe
from ui.privacy import PrivacyScreen, cover_windows, uncover
from ui.record_pane import RecordPane
from ui.search import Search
from ui.settings import AppSettings, SettingsDialog
from ui.widgets import pause_timer

REFRESH_MS = 150
# Names the window lends from its parts, for the app, the screenshot tool and the tests
# (main.editor, main.open_case, main.summary_action ...).
LENT = {
    "record_pane": "editor case_view actions_view reflections_view search_view saved_label"
    " open_case open_record new_record edit_person show_case_page show_case_tab"
    " show_actions_due show_reflections save_drafts",
    "case_pane": "cases case_filter new_case",
    "exports": "backup_reminder result_notice export_summary back_up_now check_backup_reminder",
    "menus": "summary_action backup_action undo_action redo_action show_shortcuts show_about",
}
# Column widths the user dragged, remembered like the window's size (no content in them).
COLUMN_STATES = ("records", "chronology", "case_actions")


def is_demo(notebook: Any) -> bool:
    """Whether the notebook is the fictional demo (on the worker)."""
    from casebook.demo import is_demo_notebook

    return is_demo_notebook(notebook)


class MainWindow(QMainWindow):
    """The unlocked notebook.

    Signals:
        lock_requested(): the user chose Lock.
        demo_requested(): the user chose Help ▸ Open the demo notebook.
        closed(): the window closed (quit); drafts are already saved.
        settings_changed(): the settings dialog was accepted.
    """

    lock_requested = Signal()
    demo_requested = Signal()
    closed = Signal()
    settings_changed = Signal()

    def __init__(self, bridge: Any, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.notebook = bridge.notebook
        self.settings = settings
        self._pending: set[str] = set()
        self._saved: dict[str, str] = {}  # record id -> case ref, of autosaves
        self._shut_down = False
        self._covers: list[QWidget] = []
        self.settings_dialog: QDialog | None = None  # Settings, while it is open
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"Casebook — {self.notebook.name}")
        self.setWindowIcon(app_icon())

        self.case_pane = CasePane(bridge, lambda: self.current_ref)
        self.record_pane = RecordPane(bridge)
        self.search = Search(bridge, self.record_pane.search_view, self.record_pane.editor.save_now)
        self.exports = ExportFlows(
            self,
            bridge,
            settings,
            cases=self.case_pane.cases.all_cases,
            current_ref=lambda: self.current_ref,
            save_draft=self.record_pane.editor.save_now,
        )
        self.flows = AppFlows(
            self,
            bridge,
            cases=self.case_pane.cases.all_cases,
            current_ref=lambda: self.current_ref,
            save_draft=self.record_pane.editor.save_now,
        )
        self._connect_parts()

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.case_pane)
        self.splitter.addWidget(self.record_pane)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 900])
        self.splitter.setChildrenCollapsible(False)
        self.main_page = QWidget()
        main_layout = QVBoxLayout(self.main_page)
        main_layout.setContentsMargins(0, 0, 0, 0)
        main_layout.setSpacing(0)
        self.demo_banner = DemoBanner()
        main_layout.addWidget(self.demo_banner)
        main_layout.addWidget(self.exports.backup_reminder)
        main_layout.addWidget(self.exports.result_notice)
        main_layout.addWidget(self.splitter, 1)
        self.privacy = PrivacyScreen(" or ".join(PRIVACY_KEYS))
        self.outer = QStackedWidget()
        self.outer.addWidget(self.main_page)
        self.outer.addWidget(self.privacy)
        self.setCentralWidget(self.outer)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(80)
        self.busy.setMaximumHeight(10)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Working")
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.record_pane.saved_label)
        self.statusBar().addPermanentWidget(self.busy)
        # The audit chain cannot show entries cut from its end; the practitioner can, if
        # the last entry before this unlock is older than the work they remember.
        tail = self.notebook.audit.tail_at_unlock()
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
        self._refresh_timer = pause_timer(self, REFRESH_MS, self._refresh)

        self.menus = MainMenus(self)
        menus = self.menus
        self.exports.summary_running.connect(lambda on: menus.summary_action.setEnabled(not on))
        self.exports.backup_running.connect(lambda on: menus.backup_action.setEnabled(not on))
        for part, names in LENT.items():
            for name in names.split():
                setattr(self, name, getattr(getattr(self, part), name))
        self.pages = self.record_pane
        self.search_field = self.search.field
        self._restore_state()
        self.case_pane.refresh()
        self.exports.check_backup_reminder()
        bridge.run(is_demo, self.notebook, on_done=self.demo_banner.setVisible)

    def _connect_parts(self) -> None:
        """How the parts answer each other: a case chosen on the left shows on the right."""
        cases, pane, search = self.case_pane, self.record_pane, self.search
        cases.case_selected.connect(self._case_selected)
        cases.case_clicked.connect(lambda ref: self._case_selected(ref, clicked=True))
        cases.case_opened.connect(pane.open_case)
        cases.cases_loaded.connect(pane.search_view.set_cases)  # the search's case picker
        pane.case_shown.connect(cases.select)
        pane.cases_stale.connect(cases.refresh)
        pane.summary_requested.connect(self.exports.export_summary)
        search.started.connect(pane.enter_search)
        search.found.connect(pane.show_search)
        search.cleared.connect(pane.leave_search)
        pane.message.connect(self.statusBar().showMessage)
        for part in (cases, pane, search):
            part.failed.connect(self.show_error)

    @property
    def current_ref(self) -> str | None:
        """The case shown on the right (or the case of the record shown)."""
        return self.record_pane.current_ref

    def all_actions(self) -> list[QAction]:
        """Every action with a shortcut, for Help ▸ Keyboard shortcuts."""
        return [a for a in self.actions() if a.shortcuts()]

    # -- data flow ---------------------------------------------------------------------------

    def _case_selected(self, ref: str, clicked: bool = False) -> None:
        # The keyboard stays in the case list: arrow keys move on through the cases.
        if ref != self.current_ref:
            self.record_pane.open_case(ref, focus=False)
        elif clicked and self.record_pane.currentWidget() is not self.record_pane.case_view:
            self.record_pane.show_case_page(focus=False)  # back from actions due, log, search

    @Slot(object)
    def _on_change(self, change: Any) -> None:
        saved = notices.saved_record(change)
        if saved is not None:
            self._saved[saved[1]] = saved[0]
        self._pending |= notices.touched(change)
        self._refresh_timer.start()

    def _refresh(self) -> None:
        pending, self._pending = self._pending, set()
        saved, self._saved = self._saved, {}
        if pending & {"case", "record", "notebook"}:
            self.case_pane.refresh()
        pane = self.record_pane
        pane.refresh(pending)
        # An autosave changes its record's row, and its actions: not the case list, nor
        # the rest of the case (unless the case is reloaded anyway).
        for record_id, ref in saved.items():
            if f"case:{ref}" not in pending and "notebook" not in pending:
                pane.record_saved(ref, record_id)
        if pane.currentWidget() is pane.search_view and ("record" in pending or saved):
            self.search.run()

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

    def open_settings(self, tab: str = "") -> None:
        """File ▸ Settings (on the tab named ``tab``, e.g. "Security")."""
        from ui.security import SecurityPage
        from ui.writing.settings_page import WritingSettingsPage  # kept in the notebook

        pages: list[QWidget] = [WritingSettingsPage(), SecurityPage(self)]
        dialog = SettingsDialog(self.settings, self, pages)
        for index in range(dialog.tabs.count()):
            if dialog.tabs.tabText(index) == tab:
                dialog.tabs.setCurrentIndex(index)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.settings_changed.emit)
        dialog.accepted.connect(self.exports.check_backup_reminder)
        self.settings_dialog = dialog
        dialog.open()

    # -- privacy -----------------------------------------------------------------------------

    @property
    def privacy_on(self) -> bool:
        """Whether the privacy screen is up."""
        return self.outer.currentWidget() is self.privacy

    def toggle_privacy(self, on: bool | None = None) -> None:
        """Cover (or uncover) everything at once."""
        on = not self.privacy_on if on is None else on
        if on == self.privacy_on:
            self.menus.privacy_action.setChecked(on)
            return
        if on:
            self.record_pane.editor.save_now()
            self._covers = cover_windows(self, " or ".join(PRIVACY_KEYS))
        else:
            uncover(self._covers)
            self._covers = []
        self.outer.setCurrentWidget(self.privacy if on else self.main_page)
        self.menus.toolbar.setVisible(not on)
        self.statusBar().setVisible(not on)
        self.menuBar().setVisible(not on)
        self.menus.privacy_action.setChecked(on)
        if on:
            self.privacy.setFocus()

    # -- sizes, closing and locking ----------------------------------------------------------

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
        view = self.record_pane.case_view
        tables = (view.record_table, view.chronology_table, view.actions_table)
        return {
            name: table.horizontalHeader()
            for name, table in zip(COLUMN_STATES, tables, strict=True)
        }

    def shutdown(self) -> bool:
        """Save the open draft, remember sizes, drop every row. Returns whether all saved."""
        if self._shut_down:
            return True
        ok = self.record_pane.save_drafts()
        self._save_state()
        self._refresh_timer.stop()
        self._saved.clear()
        self.search.stop()  # first: a search narrowed to a case is not re-run as it goes
        self.record_pane.clear()
        self.case_pane.clear()
        self.exports.closed = True
        self._shut_down = True
        return ok

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._shut_down:
            if not self.record_pane.save_drafts() and not self.quit_without_saving():
                event.ignore()
                return
            self.shutdown()
            self.closed.emit()
        super().closeEvent(event)

    def quit_without_saving(self) -> bool:
        """Ask whether to go on although the open draft's latest changes were not saved."""
        answer = QMessageBox.warning(
            self,
            "Could not save the draft",
            "The latest changes to the open draft could not be saved. Everything saved "
            "before is intact.\n\nQuit anyway and lose those changes?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard
