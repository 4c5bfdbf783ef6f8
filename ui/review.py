"""The *Redaction review* step of a signed summary, between its options and where to save.

Redaction replaces the names of the case's people; everything else is written as it was.
:class:`RedactionReviewDialog` shows what redaction left that may identify someone (a
teacher, a grandmother, a GP's name and number: :mod:`casebook.summary.review`), each to
keep or to redact as a replacement, beside the redacted text of a record, so that the
practitioner sees what will be redacted and what remains before signing. It also names
the characters no bundled font draws. The dialog only collects decisions; the main
window signs on the worker. It is imported on first use.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from casebook.summary.review import (
    KEEP,
    REDACT,
    Candidate,
    Decision,
    code_points,
    field_label,
    split_by_candidates,
)
from ui.exports import SummaryReview
from ui.models import warning_colour
from ui.widgets import dialog_buttons

AnyIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("Candidate", "Kind", "Times", "Where", "Decision")
UNDECIDED_TINT = "#ffe08a"
REDACTED_TINT = "#cfe3f7"


class ReviewModel(QAbstractTableModel):
    """The candidates of a redaction review and the decision taken on each.

    A short list (the distinct details one summary leaves), held in memory.
    """

    def __init__(
        self, candidates: Sequence[Candidate], titles: dict[Any, str], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.candidates = list(candidates)
        self.decisions: dict[str, Decision] = {}
        self._titles = titles

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.candidates)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        candidate = self.candidates[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return candidate.text
            if column == 1:
                return candidate.kind
            if column == 2:
                return str(candidate.occurrences)
            if column == 3:
                return self.where(candidate)
            return self.decision_text(candidate)
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return "\n".join(
                f"{self._titles.get((p.case, p.record), p.case)} · {field_label(p.field)}"
                for p in candidate.places
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column == 4:
            from PySide6.QtGui import QColor

            if candidate.text not in self.decisions:
                return QColor(UNDECIDED_TINT)
        return None

    def where(self, candidate: Candidate) -> str:
        """The first place a candidate occurs, and how many more there are."""
        if not candidate.places:
            return ""
        place = candidate.places[0]
        title = self._titles.get((place.case, place.record), place.case)
        text = f"{title} · {field_label(place.field)}"
        more = len(candidate.places) - 1
        return text + (f" (+{more} more)" if more else "")

    def decision_text(self, candidate: Candidate) -> str:
        """``Keep``, ``Redact as [name]`` or ``Not decided``."""
        decision = self.decisions.get(candidate.text)
        if decision is None:
            return "Not decided"
        if decision.action == KEEP:
            return "Keep"
        return f"Redact as {decision.replacement}"

    def decide(self, rows: Sequence[int], action: str, replacement: str | None = None) -> None:
        """Decide the candidates in ``rows``: keep, or redact as ``replacement`` (or each
        candidate's suggested replacement when None)."""
        for row in rows:
            candidate = self.candidates[row]
            self.decisions[candidate.text] = Decision(
                candidate.text, action, replacement or candidate.replacement
            )
            cell = self.index(row, len(COLUMNS) - 1)
            self.dataChanged.emit(cell, cell)

    def undecided(self) -> list[int]:
        """Rows without a decision."""
        return [i for i, c in enumerate(self.candidates) if c.text not in self.decisions]


class RedactionReviewDialog(QDialog):
    """Decide, for each detail redaction left, whether to keep or redact it.

    Args:
        review: What :func:`ui.exports.review_summary` found.
    """

    def __init__(self, review: SummaryReview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redactionReviewDialog")
        self.setWindowTitle("Redaction review")
        self.review = review
        titles = {(s.case, s.record): s.title for s in review.sections}
        count = len(review.candidates)
        intro = QLabel(
            "Redaction replaced the names of the people in the case. These details remain "
            "and may identify someone: people who are not in the case, places, addresses, "
            "phone numbers. Decide for each whether to keep it or to redact it, then check "
            "the redacted text beside the list before signing."
            if count
            else "Redaction replaced the names of the people in the case and found nothing "
            "else that looks like a name, address or phone number. Check the redacted text "
            "before signing."
        )
        intro.setWordWrap(True)

        # -- candidates ------------------------------------------------------------------
        self.model = ReviewModel(review.candidates, titles, self)
        self.table = QTableView()
        self.table.setObjectName("reviewTable")
        self.table.setAccessibleName("Details to review")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.keep_button = QPushButton("Keep")
        self.keep_button.setToolTip("Leave the selected details as they are written")
        self.replacement = QLineEdit()
        self.replacement.setAccessibleName("Replacement")
        self.replacement.setPlaceholderText("[name]")
        self.redact_button = QPushButton("Redact as")
        self.redact_button.setToolTip("Replace the selected details by the text beside")
        self.redact_rest_button = QPushButton("Redact all not decided")
        self.keep_button.clicked.connect(self.keep_selected)
        self.redact_button.clicked.connect(self._redact_clicked)
        self.redact_rest_button.clicked.connect(self.redact_undecided)
        choice = QHBoxLayout()
        choice.addWidget(self.keep_button)
        choice.addSpacing(12)
        choice.addWidget(self.redact_button)
        choice.addWidget(self.replacement, 1)
        choice.addSpacing(12)
        choice.addWidget(self.redact_rest_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(choice)
        left.setVisible(bool(count))

        # -- preview -----------------------------------------------------------------------
        self.section_box = QComboBox()
        self.section_box.setAccessibleName("Record to preview")
        for section in review.sections:
            self.section_box.addItem(section.title)
        self.section_box.currentIndexChanged.connect(lambda _i: self.show_preview())
        self.preview = QTextBrowser()
        self.preview.setObjectName("reviewPreview")
        self.preview.setAccessibleName("Redacted text")
        self.preview.setOpenLinks(False)
        legend = QLabel(
            f'<span style="background:{UNDECIDED_TINT}">&nbsp;not decided&nbsp;</span> '
            f'<span style="background:{REDACTED_TINT}">&nbsp;[redacted]&nbsp;</span> '
            "<u>kept</u>"
        )
        legend.setObjectName("hint")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("Redacted text of"))
        right_layout.addWidget(self.section_box)
        right_layout.addWidget(self.preview, 1)
        right_layout.addWidget(legend)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 480])

        # -- characters no font draws, and the buttons ---------------------------------------
        self.undrawable = QLabel()
        self.undrawable.setObjectName("problem")
        self.undrawable.setWordWrap(True)
        self.undrawable.setStyleSheet(f"color: {warning_colour().name()}; font-weight: bold;")
        self.undrawable.setText(undrawable_text(review.undrawable))
        self.undrawable.setVisible(bool(review.undrawable))
        self.status = QLabel()
        self.buttons = dialog_buttons(self, ok_text="Save summary…")
        self.continue_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.undrawable)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(1240, 660)
        self.model.dataChanged.connect(lambda *_: self._update())
        if count:
            self.table.selectRow(0)
        self.show_preview()
        self._update()

    # -- deciding --------------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        """Rows selected in the table."""
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def keep_selected(self) -> None:
        """Keep the selected details as written."""
        self.model.decide(self.selected_rows(), KEEP)

    def redact_selected(self, replacement: str | None = None) -> None:
        """Redact the selected details as ``replacement`` (default: the text box)."""
        text = (replacement if replacement is not None else self.replacement.text()).strip()
        self.model.decide(self.selected_rows(), REDACT, text or None)

    def _redact_clicked(self) -> None:
        self.redact_selected()

    def redact_undecided(self) -> None:
        """Redact every detail not decided yet, each as its suggested replacement."""
        self.model.decide(self.model.undecided(), REDACT)

    def select_candidate(self, text: str) -> None:
        """Select the candidate whose text is ``text`` (and show where it is)."""
        for row, candidate in enumerate(self.model.candidates):
            if candidate.text == text:
                self.table.selectRow(row)
                return
        raise KeyError("no such candidate")

    def decisions(self) -> tuple[Decision, ...]:
        """The decisions taken, in the order of the candidates."""
        return tuple(
            self.model.decisions[c.text]
            for c in self.model.candidates
            if c.text in self.model.decisions
        )

    def problem_text(self) -> str:
        """Why the summary cannot be signed yet ("" when it can)."""
        left = len(self.model.undecided())
        if left:
            return f"{left} detail{'s' if left != 1 else ''} still to decide: keep or redact."
        return ""

    def accept(self) -> None:
        if not self.problem_text():
            super().accept()

    # -- preview ---------------------------------------------------------------------------

    def show_preview(self) -> None:
        """Show the selected record's redacted text with the decisions applied."""
        index = self.section_box.currentIndex()
        if index < 0 or index >= len(self.review.sections):
            self.preview.setHtml("")
            return
        text = self.review.sections[index].text
        texts = [c.text for c in self.model.candidates]
        self.preview.setHtml(preview_html(text, texts, self.model.decisions))

    def _selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        candidate = self.model.candidates[rows[-1]]
        self.replacement.setText(
            self.model.decisions[candidate.text].replacement
            if candidate.text in self.model.decisions
            and self.model.decisions[candidate.text].action == REDACT
            else candidate.replacement
        )
        if candidate.places:
            place = candidate.places[0]
            for i, section in enumerate(self.review.sections):
                if (section.case, section.record) == (place.case, place.record):
                    self.section_box.setCurrentIndex(i)
                    break
        self.show_preview()
        self.preview.moveCursor(QTextCursor.MoveOperation.Start)
        self.preview.find(self._shown_as(candidate), QTextDocument.FindFlag.FindCaseSensitively)

    def _shown_as(self, candidate: Candidate) -> str:
        decision = self.model.decisions.get(candidate.text)
        return decision.replacement if decision and decision.action == REDACT else candidate.text

    def _update(self) -> None:
        problem = self.problem_text()
        self.status.setText(problem or "Every detail is decided.")
        self.continue_button.setEnabled(not problem)
        self.show_preview()


def preview_html(text: str, candidates: Sequence[str], decisions: dict[str, Decision]) -> str:
    """A section's text as HTML: decided redactions replaced and tinted, undecided tinted,
    kept underlined. All user text is escaped."""
    out: list[str] = []
    for piece, candidate in split_by_candidates(text, candidates):
        if candidate is None:
            out.append(html.escape(piece))
            continue
        decision = decisions.get(candidate)
        if decision is None:
            out.append(f'<span style="background:{UNDECIDED_TINT}">{html.escape(piece)}</span>')
        elif decision.action == KEEP:
            out.append(f"<u>{html.escape(piece)}</u>")
        else:
            replacement = html.escape(decision.replacement)
            out.append(f'<span style="background:{REDACTED_TINT}">{replacement}</span>')
    body = "".join(out).replace("\n", "<br/>")
    return f'<div style="white-space: pre-wrap">{body}</div>'


def undrawable_text(characters: Sequence[str]) -> str:
    """The warning about characters no bundled font draws ("" when there are none)."""
    if not characters:
        return ""
    count = len(characters)
    return (
        f"No font Casebook has draws {count} character{'s' if count != 1 else ''} of this "
        f"summary ({code_points(characters)}): the PDF shows each as a [U+…] marker."
    )


def start_review(
    parent: QWidget,
    review: SummaryReview,
    on_accept: Callable[[tuple[Decision, ...]], None],
    on_cancel: Callable[[], None],
) -> QDialog | None:
    """Show the review step (not blocking) and call back with the decisions.

    A summary with full names has nothing to review: ``on_accept`` is called at once, or,
    when some characters cannot be drawn, after the practitioner is told which.

    Returns:
        The dialog shown, or None when none was needed.
    """
    if review.redaction == "none" and not review.undrawable:
        on_accept(())
        return None
    dialog: QDialog
    if review.redaction == "none":
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Characters Casebook cannot draw",
            undrawable_text(review.undrawable) + "\n\nSave the summary anyway?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            parent,
        )
        box.setObjectName("undrawableWarning")
        dialog = box
        save = box.button(QMessageBox.StandardButton.Save)
        chosen = lambda _result: box.clickedButton() is save  # noqa: E731
        decisions: Callable[[], tuple[Decision, ...]] = tuple
    else:
        review_dialog = RedactionReviewDialog(review, parent)
        dialog = review_dialog
        chosen = lambda result: result == QDialog.DialogCode.Accepted.value  # noqa: E731
        decisions = review_dialog.decisions

    def finished(result: int) -> None:
        if chosen(result):
            on_accept(decisions())
        else:
            on_cancel()
        dialog.deleteLater()

    dialog.finished.connect(finished)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    return dialog
