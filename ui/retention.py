"""View ▸ Retention and legal hold…: every case's rule and review date, legal holds, and
the deletion of a case past retention (the app's ``casebook retention``).

The dialog collects input and calls ``notebook.retention`` on the bridge's worker; the
core decides what is due, refuses a held case and does the deletion.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casebook import timeutil
from ui.messages import describe
from ui.retention_dialogs import DeleteCaseDialog, HoldDialog, RuleDialog
from ui.widgets import hbox, push_button

COLUMNS = ("Case", "Status", "Rule", "Due for review", "Legal hold")


class RetentionDialog(QDialog):
    """Cases with their retention rule, review date and legal hold.

    Args:
        bridge: the way into the notebook.
        forget_case: called with a case's ref after it was deleted (the window stops
            showing it).
    """

    def __init__(self, bridge: Any, forget_case: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retentionDialog")
        self.setWindowTitle("Retention and legal hold")
        self.bridge = bridge
        self.retention = bridge.notebook.retention
        self._forget_case = forget_case
        self.rows: list[Any] = []
        self.child: QDialog | None = None  # the sub-dialog open (tests reach it here)
        self.default_label = QLabel()
        self.default_label.setObjectName("defaultRule")
        self.due_only = QCheckBox("Only cases due for review")
        self.due_only.toggled.connect(lambda _: self.reload())
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.rule_button = push_button("Set rule…", self.set_rule)
        self.hold_button = push_button("Legal hold…", self.place_hold)
        self.release_button = push_button("Release hold", self.release_hold)
        self.delete_button = push_button("Delete case…", self.delete_case)
        self.delete_button.setObjectName("deleteCase")
        self.status = QLabel()
        self.status.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(
            hbox(self.default_label, None, push_button("Default rule…", self.set_default))
        )
        layout.addWidget(self.due_only)
        layout.addWidget(self.table, 1)
        layout.addLayout(
            hbox(self.rule_button, self.hold_button, self.release_button, None, self.delete_button)
        )
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.resize(860, 420)
        self._selection_changed()
        self.reload()

    # -- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the cases' retention again (on the worker)."""
        self._run(partial(_load, self.retention, self.due_only.isChecked()), self._loaded)

    def _loaded(self, loaded: tuple[Any, list[Any]]) -> None:
        default, self.rows = loaded
        self.default_label.setText(f"Cases without a rule of their own: {default.describe()}")
        selected = self.selected()
        self.table.setRowCount(len(self.rows))
        today = timeutil.today()
        for row, r in enumerate(self.rows):
            hold = f"Held since {r.hold.held_on}: {r.hold.reason}" if r.hold else ""
            cells = (
                f"{r.ref}  {r.title}".strip(),
                r.status,
                r.rule.describe() + ("" if r.own_rule else " (default)"),
                (("Due: " if r.is_due(today) else "") + r.due) if r.due else r.note,
                " ".join(hold.split()),
            )
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        if selected is not None:
            self.select(selected.ref)
        self._selection_changed()

    def select(self, ref: str) -> None:
        """Select case ``ref`` in the table."""
        for row, r in enumerate(self.rows):
            if r.ref == ref:
                self.table.selectRow(row)

    def selected(self) -> Any:
        """The selected case's retention, or None."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def _selection_changed(self) -> None:
        r = self.selected()
        today = timeutil.today()
        self.rule_button.setEnabled(r is not None)
        self.hold_button.setEnabled(r is not None and r.hold is None)
        self.release_button.setEnabled(r is not None and r.hold is not None)
        self.delete_button.setEnabled(r is not None and r.hold is None and r.is_due(today))

    # -- commands -----------------------------------------------------------------------

    def set_default(self) -> None:
        """Change the notebook's default rule."""
        retention = self.retention
        rule = retention.default_rule()
        dialog = self._child(
            RuleDialog("Default retention rule", rule.kind, _years(retention), self)
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            kind, years = dialog.values()
            self._run(partial(retention.set_defaults, kind, years), lambda _: self.reload())

    def set_rule(self) -> None:
        """Give the selected case its own rule (or the default)."""
        r = self.selected()
        if r is None:
            return
        retention = self.retention
        years = {**_years(retention), r.rule.kind: r.rule.years}
        kind = r.rule.kind if r.own_rule else None
        dialog = self._child(
            RuleDialog(f"Retention rule of {r.ref}", kind, years, self, allow_default=True)
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            kind, years = dialog.values()
            self._run(partial(retention.set_rule, r.ref, kind, years), lambda _: self.reload())

    def place_hold(self) -> None:
        """Put the selected case under legal hold."""
        r = self.selected()
        if r is None:
            return
        dialog = self._child(HoldDialog(r.ref, self))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            reason, held_on = dialog.values()
            self._run(
                partial(self.retention.place_hold, r.ref, reason, held_on),
                lambda _: self._done(f"{r.ref} is under legal hold."),
            )

    def release_hold(self) -> None:
        """Lift the selected case's legal hold."""
        r = self.selected()
        if r is not None:
            self._run(
                partial(self.retention.release_hold, r.ref),
                lambda _: self._done(f"The legal hold on {r.ref} was released."),
            )

    def delete_case(self) -> None:
        """Show what deleting the selected case removes; delete it once its ref is typed."""
        r = self.selected()
        if r is not None:
            self._run(partial(self.retention.deletion_preview, r.ref), self._confirm_delete)

    def _confirm_delete(self, preview: Any) -> None:
        if preview.refusal:
            self._problem(ValueError(preview.refusal))
            return
        dialog = self._child(DeleteCaseDialog(preview, self))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        ref, typed = preview.ref, dialog.confirm.text()
        self.status.setText(f"Deleting {ref} and rewriting the notebook file…")
        self._forget_case(ref)
        self._run(
            partial(self.retention.delete_case, ref, typed),
            lambda _: self._done(f"Deleted case {ref}. {preview.warning()}"),
        )

    # -- plumbing -----------------------------------------------------------------------

    def _child(self, dialog: Any) -> Any:
        self.child = dialog
        return dialog

    def _done(self, message: str) -> None:
        self.status.setText(message)
        self.reload()

    def _run(self, fn: Any, on_done: Any) -> None:
        self.bridge.run(fn, on_done=on_done, on_error=self._problem)

    def _problem(self, exc: BaseException) -> None:
        title, detail = describe(exc) if not isinstance(exc, ValueError) else ("", str(exc))
        self.status.setText(detail)
        box = QMessageBox(
            QMessageBox.Icon.Warning, title or "Cannot delete this case", detail,
            QMessageBox.StandardButton.Ok, self,
        )  # fmt: skip
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.reload()


def _load(retention: Any, due_only: bool) -> tuple[Any, list[Any]]:
    """(the default rule, the cases' retention): on the worker."""
    return retention.default_rule(), retention.cases(due_only=due_only)


def _years(retention: Any) -> dict[str, int]:
    """The notebook's number of years for each rule."""
    return {kind: retention.default_years(kind) for kind in ("closed", "child")}
