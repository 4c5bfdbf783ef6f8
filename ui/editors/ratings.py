"""Change over time in an editor: each scale's rating (0 to 4, in words) and its note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel

from casebook import kinds
from ui.editors.fields import EnumField, FieldWidget

NOT_RATED = "Not rated"
NOTE_PLACEHOLDER = "What you saw or heard that supports this rating"


def rating_lines(kind: str) -> dict[str, int]:
    """The notes of ``kind``'s scales start one line high."""
    return {s.note: 1 for s in kinds.RATING_SCALES if s.kind == kind}


def rating_placeholders(kind: str) -> dict[str, str]:
    """The hint each note shows while empty."""
    return {s.note: NOTE_PLACEHOLDER for s in kinds.RATING_SCALES if s.kind == kind}


def rating_section(fields: dict[str, FieldWidget], kind: str, title: str) -> QGroupBox:
    """A group of ``kind``'s scales, one a row: name, rating, note.

    A rating's list starts at "Not rated" (nothing is asserted until the practitioner
    chooses a step); each step shows its place on the scale: "3 · Making changes".
    """
    group = QGroupBox(title)
    group.setObjectName(f"ratings_{kind}")
    grid = QGridLayout(group)
    grid.setColumnStretch(2, 1)
    explain = QLabel("0 to 4, higher is further towards safe change. Charted on the case's "
                     "Change over time tab.")  # fmt: skip
    explain.setObjectName("fieldHint")
    explain.setWordWrap(True)
    grid.addWidget(explain, 0, 0, 1, 3)
    for row, scale in enumerate((s for s in kinds.RATING_SCALES if s.kind == kind), start=1):
        rating = fields[scale.rating]
        if isinstance(rating, EnumField):
            rating.combo.setItemText(0, NOT_RATED)
            rating.combo.setMinimumWidth(220)  # the rows line up
            for step, value in enumerate(scale.steps):
                words = kinds.label(value, scale.rating)
                rating.combo.setItemText(step + 1, f"{step} · {words}")
        label = QLabel(f"<b>{scale.label}</b>")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setBuddy(rating.focusProxy() or rating)
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(rating, row, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(fields[scale.note], row, 2)
    return group
