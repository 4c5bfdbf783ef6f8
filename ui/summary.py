"""File ▸ Signed summary: which cases, which period, how names are shown, what else goes in.

The dialog only collects :class:`ui.exports.SummaryOptions`; the main window asks where
to save and renders, signs and writes the PDF on the worker. It is imported on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from casebook.kinds import REDACTION_MODES as REDACTIONS
from ui.editors.fields.dates import DateEdit
from ui.exports import SummaryOptions
from ui.icons import icon
from ui.models import warning_colour
from ui.widgets import dialog_buttons

# Initials by default: a summary leaves the encrypted notebook (email, a shared drive, a
# supervisor's desk), and initials keep it readable for supervision while the family is
# not named. Full names (court, a case conference that needs them) are a deliberate
# choice, one click away.
DEFAULT_REDACTION = "initials"
REDACTION_TEXT = {
    "none": ("Full names", "Names as you wrote them. For court or where names are needed."),
    "initials": ("Initials", "Jane Smith becomes J.S. in every record. For supervision."),
    "pseudonyms": (
        "Pseudonyms",
        "Names become roles such as Partner or Child A. For sharing more widely.",
    ),
}
FILTER_FROM = 8  # cases: more than this and a filter box helps


class SummaryDialog(QDialog):
    """Choose what a signed summary covers.

    Args:
        cases: every case (``Case`` values, as the case list holds them).
        current_ref: the case open in the main window, ticked to start with.
    """

    def __init__(
        self,
        cases: Sequence[Any],
        current_ref: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("summaryDialog")
        self.setWindowTitle("Signed summary")
        intro = QLabel(
            "A PDF of the records of the cases you tick, signed with your key so that a "
            "supervisor can check who wrote it and that nothing was changed afterwards."
        )
        intro.setWordWrap(True)

        # -- cases -------------------------------------------------------------------------
        self.case_filter = QLineEdit()
        self.case_filter.setPlaceholderText("Filter cases")
        self.case_filter.setAccessibleName("Filter cases")
        self.case_filter.setClearButtonEnabled(True)
        self.case_filter.textChanged.connect(self._filter_cases)
        self.case_filter.setVisible(len(cases) > FILTER_FROM)
        self.case_list = QListWidget()
        self.case_list.setAccessibleName("Cases in the summary")
        self.case_list.setUniformItemSizes(True)
        row_height = self.case_list.fontMetrics().height() + 12  # as in the case list
        for case in cases:
            label = f"{case.ref} — {case.title}" if case.title else case.ref
            if case.status == "closed":
                label += " (closed)"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, case.ref)
            item.setSizeHint(QSize(0, row_height))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = case.ref == current_ref
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.case_list.addItem(item)
        self.case_list.itemChanged.connect(lambda _item: self._update())
        cases_box = QGroupBox("Cases")
        cases_layout = QVBoxLayout(cases_box)
        cases_layout.addWidget(self.case_filter)
        cases_layout.addWidget(self.case_list)

        # -- period ------------------------------------------------------------------------
        today = date.today()
        self.all_dates = QRadioButton("All dates")
        self.between = QRadioButton("From")
        self.all_dates.setChecked(True)
        self.date_from = _date_box("From date", (today - timedelta(days=30)).isoformat())
        self.date_to = _date_box("To date", today.isoformat())
        to_label = QLabel("to")
        to_label.setBuddy(self.date_to)
        self.between.toggled.connect(self._update)
        self.date_from.changed.connect(self._update)
        self.date_to.changed.connect(self._update)
        period_box = QGroupBox("Period")
        period = QGridLayout(period_box)
        period.addWidget(self.all_dates, 0, 0, 1, 4)
        period.addWidget(self.between, 1, 0)
        period.addWidget(self.date_from, 1, 1)
        period.addWidget(to_label, 1, 2)
        period.addWidget(self.date_to, 1, 3)
        period.setColumnStretch(4, 1)
        period_note = QLabel("Records of events on these days, first and last day included.")
        period_note.setObjectName("hint")
        period_note.setWordWrap(True)
        period.addWidget(period_note, 2, 0, 1, 5)

        # -- names -------------------------------------------------------------------------
        names_box = QGroupBox("Names")
        names = QGridLayout(names_box)
        names.setColumnStretch(1, 1)
        self.redaction_group = QButtonGroup(self)
        self.redaction_buttons: dict[str, QRadioButton] = {}
        for row, mode in enumerate(REDACTIONS):
            title, explanation = REDACTION_TEXT[mode]
            button = QRadioButton(title)
            button.setAccessibleDescription(explanation)
            self.redaction_group.addButton(button)
            self.redaction_buttons[mode] = button
            note = QLabel(explanation)
            note.setWordWrap(True)
            note.setBuddy(button)
            names.addWidget(button, row, 0)
            names.addWidget(note, row, 1)
        self.redaction_buttons[DEFAULT_REDACTION].setChecked(True)

        # -- also include ------------------------------------------------------------------
        self.include_drafts = QCheckBox("Draft records, marked DRAFT")
        self.include_drafts.setToolTip("Only final records are included unless you tick this.")
        self.include_reflections = QCheckBox("My reflective log")
        reflections_note = QLabel(
            "Your reflective log is private, for your own supervision and self-care. Tick "
            "it only for a summary you keep yourself or take to your own supervision."
        )
        reflections_note.setWordWrap(True)
        reflections_note.setContentsMargins(24, 0, 0, 0)
        self.include_reflections.setAccessibleDescription(reflections_note.text())
        self.include_drawings = QCheckBox("Drawings attached to direct work")
        self.include_drawings.setObjectName("includeDrawings")
        self.include_drawings.setToolTip(
            "Images attached to direct-work records go in as they are, scaled to fit: names "
            "in a drawing are not redacted. Otherwise attachments are only named."
        )
        self.include_drawings.setAccessibleDescription(self.include_drawings.toolTip())
        include_box = QGroupBox("Also include")
        include = QVBoxLayout(include_box)
        include.addWidget(self.include_drafts)
        include.addWidget(self.include_reflections)
        include.addWidget(reflections_note)
        include.addWidget(self.include_drawings)

        # -- buttons -----------------------------------------------------------------------
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet(f"color: {warning_colour().name()}; font-weight: bold;")
        self.problem.setWordWrap(True)
        self.buttons = dialog_buttons(self, ok_text="Save summary…")
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setIcon(icon("summary"))

        right = QVBoxLayout()
        right.addWidget(period_box)
        right.addWidget(names_box)
        right.addWidget(include_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(cases_box, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(columns, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(880, 560)
        self._update()
        for i in range(self.case_list.count()):
            if self.case_list.item(i).checkState() == Qt.CheckState.Checked:
                self.case_list.scrollToItem(self.case_list.item(i))

    # -- reading and setting -------------------------------------------------------------

    def ticked_refs(self) -> list[str]:
        """References of the ticked cases, in list order."""
        return [
            self.case_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.case_list.count())
            if self.case_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_ticked(self, refs: Sequence[str]) -> None:
        """Tick exactly the cases ``refs``."""
        wanted = set(refs)
        for i in range(self.case_list.count()):
            item = self.case_list.item(i)
            ticked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def set_period(self, period_from: str | None, period_to: str | None) -> None:
        """Limit to ``YYYY-MM-DD`` days (both None: all dates)."""
        if period_from is None and period_to is None:
            self.all_dates.setChecked(True)
            return
        self.between.setChecked(True)
        if period_from:
            self.date_from.set_value(period_from)
        if period_to:
            self.date_to.set_value(period_to)
        self._update()

    def set_redaction(self, mode: str) -> None:
        """Choose ``none``, ``initials`` or ``pseudonyms``."""
        self.redaction_buttons[mode].setChecked(True)

    def redaction(self) -> str:
        """The chosen redaction mode."""
        return next(m for m, b in self.redaction_buttons.items() if b.isChecked())

    def options(self) -> SummaryOptions:
        """What the summary covers, for :func:`ui.exports.write_summary`."""
        limited = self.between.isChecked()
        return SummaryOptions(
            case_refs=tuple(self.ticked_refs()),
            period_from=self.date_from.value() if limited else None,
            period_to=self.date_to.value() if limited else None,
            redaction=self.redaction(),
            include_drafts=self.include_drafts.isChecked(),
            include_reflections=self.include_reflections.isChecked(),
            include_drawings=self.include_drawings.isChecked(),
        )

    def problem_text(self) -> str:
        """Why the summary cannot be made yet ("" when it can)."""
        if not self.ticked_refs():
            return "Tick at least one case."
        if self.between.isChecked():
            for name, box in (("first", self.date_from), ("last", self.date_to)):
                if box.problem():
                    return f"The {name} day: {box.problem()}"
            if (self.date_from.value() or "") > (self.date_to.value() or ""):
                return "The period ends before it starts: check the dates."
        return ""

    # -- internals -----------------------------------------------------------------------

    def _update(self) -> None:
        limited = self.between.isChecked()
        self.date_from.setEnabled(limited)
        self.date_to.setEnabled(limited)
        problem = self.problem_text()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.save_button.setEnabled(not problem)

    def _filter_cases(self, text: str) -> None:
        words = text.casefold().split()
        for i in range(self.case_list.count()):
            item = self.case_list.item(i)
            key = item.text().casefold()
            item.setHidden(not all(w in key for w in words))

    def accept(self) -> None:
        if not self.problem_text():
            super().accept()


def _date_box(name: str, value: str) -> DateEdit:
    edit = DateEdit(name, kind="event", clearable=False)
    edit.set_value(value)
    return edit
