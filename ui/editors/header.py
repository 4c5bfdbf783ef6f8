"""The head of the record editor: kind, title, status, when it was written, its content hash."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from casebook import kinds
from ui import text
from ui.icons import KIND_ICONS, icon

BADGE_STYLE = (
    "QLabel#statusBadge { border: 1px solid palette(mid); border-radius: 8px;"
    " padding: 2px 10px; font-weight: bold; }"
)


def late_words(record: Any) -> str:
    """Why a record (not imported) is a late entry: when it was finalised, or last written."""
    if record.finalised_at:
        return (
            f"finalised {text.when(record.finalised_at)}, more than a day after the event "
            f"(started {text.when(record.written_at)})"
        )
    if record.last_written_at:
        return (
            f"last written {text.when(record.last_written_at)}, more than a day after the "
            f"event (started {text.when(record.written_at)})"
        )
    return f"written {text.when(record.written_at)}, more than a day after the event"


class RecordHeader(QWidget):
    """Says what the record is: a draft (written when, saved when) or final (since when, hash).

    A late entry (written more than a day after the event) says so.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.info)
        titles.addWidget(self.late)
        self.shared = QLabel()  # Words and pictures shared with the child in this session
        self.shared.setObjectName("sharedExplanations")
        self.shared.setWordWrap(True)
        self.shared.setTextFormat(Qt.TextFormat.PlainText)
        self.shared.hide()
        titles.addWidget(self.shared)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind_icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(titles, 1)
        layout.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)

    def show_record(self, record: Any) -> None:
        """Show ``record``: a draft with when it was written and last edited, or final."""
        self.kind_icon.setPixmap(icon(KIND_ICONS[record.kind]).pixmap(32, 32))
        self.title.setText(record.title)
        self.badge.setText(kinds.label(record.status))
        self.badge.setStyleSheet(BADGE_STYLE)
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
            self.late.setText(f"<b>Late entry</b>: {html.escape(late_words(record))}.")
        self.late.setVisible(record.late or record.is_imported)
        kind_and_case = f"{kinds.KIND_LABELS[record.kind]} · case {html.escape(record.case_ref)}"
        if record.is_final:
            self.info.setText(
                f"{kind_and_case} · final since {html.escape(text.when(record.finalised_at))}<br>"
                f"Content hash (SHA-256): <code>{html.escape(record.content_hash or '')}</code>"
            )
        else:
            # Last edited: the time of the last save that changed it (a save happens only
            # when something changed), not the time it was opened.
            made = record.imported_at or record.written_at
            edited = record.updated_at if record.updated_at not in (None, made) else None
            self.info.setText(
                f"{kind_and_case} · draft, written {html.escape(text.when(record.written_at))}"
                + (f" · last edited {html.escape(text.when(edited))}" if edited else "")
            )

    def show_shared(self, shared: tuple[tuple[str, int, str], ...]) -> None:
        """Name the Words and pictures versions noted as shared in this record's session."""
        self.shared.setText(
            "Words and pictures shared in this session: "
            + "; ".join(f"version {v} for {name}, {text.day(day)}" for name, v, day in shared)
            if shared
            else ""
        )
        self.shared.setVisible(bool(shared))
