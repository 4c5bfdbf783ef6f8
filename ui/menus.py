"""The main window's commands: actions with shortcuts, the menu bar and the toolbar.

Every action is added to the window itself as well, so its shortcut works while the
toolbar is hidden; Help ▸ Keyboard shortcuts lists them all.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QSizePolicy, QToolBar, QToolButton, QWidget

from casebook import kinds
from ui.dialogs import AboutDialog, ShortcutsDialog
from ui.icons import KIND_ICONS, app_icon, icon

PRIVACY_KEYS = ("F12", "Ctrl+Shift+H")
CASE_TABS = (
    ("records", "records"),
    ("people", "people"),
    ("chronology", "chronology"),
    ("actions of the case", "actions"),
    ("change over time", "chronology"),
)


class MainMenus:
    """Builds the actions, menus and toolbar of a main window and runs the commands.

    The window's parts do the work: ``case_pane``, ``record_pane``, ``search`` and
    ``exports``; the window locks, quits, shows settings and the privacy screen.
    """

    def __init__(self, window: Any) -> None:
        self.window = window
        cases, pane, search, exports = (
            window.case_pane,
            window.record_pane,
            window.search,
            window.exports,
        )
        a = self._action
        self.new_case_action = a("New case…", cases.new_case, "Ctrl+Shift+N", "new_case")
        self.new_record_actions = {
            kind: a(
                f"New {kinds.KIND_LABELS[kind].lower()} record",
                lambda k=kind: pane.new_record(k),
                f"Ctrl+Alt+{i}",
                KIND_ICONS[kind],
            )
            for i, kind in enumerate(kinds.KINDS, start=1)
        }
        self.new_record_action = a(
            "New record…", self._popup_new_record, "Ctrl+N", "new_record", "New record in this case"
        )
        self.save_action = a("Save now", pane.save_drafts, "Ctrl+S", "save")
        self.summary_action = a(
            "Signed summary…",
            exports.export_summary,
            "Ctrl+Shift+S",
            "summary",
            "Export a signed PDF summary of cases",
        )
        self.sar_action = a(
            "Subject-access pack…",
            window.flows.subject_access,
            (),
            "summary",
            "A signed pack of what the notebook holds about one person, others redacted",
        )
        self.backup_action = a(
            "Back up now…", exports.back_up_now, (), "backup", "Write an encrypted backup"
        )
        flows = window.flows
        self.import_action = a("Import casebook/1…", flows.import_file, "Ctrl+I", "open")
        self.export_action = a("Export…", flows.export_file, "Ctrl+E", "save")
        self.restore_action = a("Restore from backup…", flows.restore, (), "backup")
        self.verify_action = a(
            "Verify a summary…", flows.verify, (), "final", "Check a signed summary (PDF)"
        )
        self.countersign_action = a("Countersign…", flows.countersign, (), "summary")
        self.chronology_action = a(
            "Print or save the chronology…",
            lambda: pane.print_chronology(pane.case_view.significant_box.isChecked()),
            "Ctrl+P",
            "chronology",
        )
        self.court_chronology_action = a(
            "Court version of the chronology…",
            lambda: pane.print_chronology(pane.case_view.significant_box.isChecked(), True),
            (),
            "chronology",
            "Date, event, source and class (observed, reported, opinion) of each passage",
        )
        self.explain_action = a(
            "Words and pictures…", pane.words_and_pictures, (), "child_work",
            "Explain to a child of this case in plain words and pictures",
        )  # fmt: skip
        self.audit_action = a("Check the audit log…", flows.check_audit, (), "final")
        self.security_action = a("Security…", lambda: window.open_settings("Security"))
        self.settings_action = a("Settings…", window.open_settings, "Ctrl+,", "settings")
        self.lock_action = a(
            "Lock", window.lock_requested.emit, "Ctrl+L", "lock", "Lock the notebook"
        )
        self.quit_action = a("Quit", window.close, "Ctrl+Q", "quit")
        self.undo_action = a("Undo", lambda: self._edit_call("undo"), "Ctrl+Z", "undo")
        self.redo_action = a(
            "Redo", lambda: self._edit_call("redo"), ("Ctrl+Shift+Z", "Ctrl+Y"), "redo"
        )
        self.find_action = a("Search…", search.focus, "Ctrl+F", "search", "Search the notebook")
        self.finalise_action = a(
            "Finalise record…", pane.finalise_shown_record, "Ctrl+Shift+F", "finalise"
        )
        self.filter_action = a("Filter cases", cases.focus_filter, "Ctrl+0", "case")
        self.tab_actions = [
            a(f"Show {name}", lambda i=i: pane.show_case_tab(i), f"Ctrl+{i + 1}", icon_name)
            for i, (name, icon_name) in enumerate(CASE_TABS)
        ]
        self.actions_due_action = a(
            "Actions due",
            pane.show_actions_due,
            "Ctrl+Shift+A",
            "actions",
            "Actions due across the notebook",
        )
        self.diary_action = a(
            "Diary", pane.show_diary, "Ctrl+Shift+D", "calendar",
            "Next sessions planned this week, overdue visits and actions",
        )  # fmt: skip
        self.reflections_action = a(
            "Reflective log", pane.show_reflections, "Ctrl+Shift+R", "reflection"
        )
        self.retention_action = a(
            "Retention and legal hold…",
            flows.retention,
            (),
            "lock",
            "Cases due for review, legal holds, deleting cases past retention",
        )
        self.privacy_action = a(
            "Privacy screen",
            window.toggle_privacy,
            PRIVACY_KEYS,
            "privacy",
            "Hide everything on screen",
        )
        self.privacy_action.setCheckable(True)
        self.privacy_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.shortcuts_action = a("Keyboard shortcuts", self.show_shortcuts, "F1", "help")
        self.demo_action = a(
            "Open the demo notebook",
            window.demo_requested.emit,
            (),
            "demo",
            "A fictional caseload to try Casebook with (this notebook is saved and closed)",
        )
        self.about_action = a("About Casebook", self.show_about, (), "casebook")
        self.about_action.setIcon(app_icon())
        self._build_menus()
        self.toolbar = self._build_toolbar(search.field)
        window.addToolBar(self.toolbar)

    def _action(
        self,
        label: str,
        slot: Any,
        keys: str | tuple[str, ...] = (),
        icon_name: str = "",
        tip: str = "",
    ) -> QAction:
        action = QAction(icon(icon_name) if icon_name else QIcon(), label, self.window)
        if isinstance(keys, str):
            keys = (keys,)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{tip or label}" + (f" ({keys[0]})" if keys else ""))
        action.triggered.connect(lambda _=False: slot())
        self.window.addAction(action)  # shortcuts keep working while toolbars are hidden
        return action

    def _build_menus(self) -> None:
        menu = self.window.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.new_case_action)
        self.new_menu = file_menu.addMenu(icon("new_record"), "New record")
        _fill(self.new_menu, *self.new_record_actions.values())
        _fill(
            file_menu,
            self.save_action,
            None,
            self.import_action,
            self.export_action,
            None,
            self.summary_action,
            self.sar_action,
            self.chronology_action,
            self.court_chronology_action,
            self.explain_action,
            self.verify_action,
            self.countersign_action,
            None,
            self.backup_action,
            self.restore_action,
            None,
            self.settings_action,
            self.security_action,
            None,
            self.lock_action,
            self.quit_action,
        )
        _fill(
            menu.addMenu("&Edit"),
            self.undo_action,
            self.redo_action,
            None,
            self.find_action,
            self.finalise_action,
        )
        view_menu = menu.addMenu("&View")
        _fill(
            view_menu,
            self.filter_action,
            *self.tab_actions,
            None,
            self.actions_due_action,
            self.diary_action,
            self.reflections_action,
            self.retention_action,
            None,
            self.privacy_action,
            None,
        )
        self.theme_actions = self._theme_menu(view_menu.addMenu("Theme"))
        _fill(
            menu.addMenu("&Help"),
            self.shortcuts_action,
            self.audit_action,
            None,
            self.demo_action,
            None,
            self.about_action,
        )

    def _theme_menu(self, menu: Any) -> dict[str, QAction]:
        """View ▸ Theme: System, Light, Dark (remembered in the settings)."""
        from ui.theme import THEMES

        group = QActionGroup(menu)
        actions = {}
        for name, label in THEMES.items():
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(name == self.window.settings.theme)
            action.triggered.connect(lambda _=False, n=name: self.choose_theme(n))
            group.addAction(action)
            actions[name] = action
        return actions

    def choose_theme(self, name: str) -> None:
        """Use and remember theme ``name``."""
        from ui.theme import apply_theme

        self.window.settings.theme = apply_theme(name)
        self.theme_actions[self.window.settings.theme].setChecked(True)

    def _build_toolbar(self, search_field: QLineEdit) -> QToolBar:
        toolbar = QToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.new_record_button = QToolButton()
        self.new_record_button.setDefaultAction(self.new_record_action)
        self.new_record_button.setMenu(self.new_menu)
        self.new_record_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.new_record_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        _fill(
            toolbar,
            self.new_case_action,
            self.new_record_button,
            None,
            self.actions_due_action,
            self.reflections_action,
            spacer,
            search_field,
            None,
            self.privacy_action,
            self.lock_action,
        )
        # Each button takes Tab focus too (besides its shortcut), so the keyboard reaches
        # the whole toolbar as it reaches every other button.
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return toolbar

    def _popup_new_record(self) -> None:
        if not self.window.record_pane.current_ref:
            self.window.statusBar().showMessage("Choose a case first.", 5000)
            return
        self.new_menu.popup(
            self.new_record_button.mapToGlobal(self.new_record_button.rect().bottomLeft())
        )

    def _edit_call(self, name: str) -> None:
        """Undo/redo: in the focused text box if it can, else for the whole record."""
        widget = QApplication.focusWidget()
        if _can(widget, name):
            getattr(widget, name)()
            return
        pane = self.window.record_pane
        if pane.currentWidget() is pane.editor:
            getattr(pane.editor, name)()

    def show_shortcuts(self) -> None:
        """Help ▸ Keyboard shortcuts."""
        ShortcutsDialog(self.window.all_actions(), self.window).exec()

    def show_about(self) -> None:
        """Help ▸ About."""
        AboutDialog(self.window).exec()


def _fill(target: Any, *items: QAction | QWidget | None) -> None:
    """Add actions, widgets (toolbars only) and separators (None) to a menu or toolbar."""
    for item in items:
        if item is None:
            target.addSeparator()
        elif isinstance(item, QAction):
            target.addAction(item)
        else:
            target.addWidget(item)


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
