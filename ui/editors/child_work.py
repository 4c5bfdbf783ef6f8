"""Direct work with a child: the child's own words kept apart from the practitioner's view."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui import text
from ui.editors.base import KindForm, section

HOUSE_COLOURS = {"worries": "#d1495b", "good_things": "#2e9e5b", "wishes": "#3b7dd8"}


class ChildWorkForm(KindForm):
    """Child, activity, the child's words (quotes), Three Houses, disclosure, observations."""

    KIND = "child_work"
    ROLES: ClassVar[dict[str, tuple[str, ...]]] = {"child": ("child",)}
    LINES: ClassVar[dict[str, int]] = {
        "worries": 5,
        "good_things": 5,
        "wishes": 5,
        "understanding": 3,
        "observations": 6,
    }
    PLACEHOLDERS: ClassVar[dict[str, str]] = {
        "worries": "What worries them",
        "good_things": "What is good in their life",
        "wishes": "What they wish for",
        "understanding": "What the child understands about why contact stopped",
        "observations": "What you saw and your interpretation (your words, not the child's)",
    }

    def build(self) -> None:
        f = self.fields
        self.age = QLabel()
        self.age.setObjectName("childAge")
        self.age.setAccessibleName("Age at the session")
        top = QHBoxLayout()
        top.addWidget(self.labelled("child"))
        top.addWidget(self.labelled("activity"))
        age_box = QVBoxLayout()
        age_box.addWidget(QLabel("<b>Age at the session</b>"))
        age_box.addWidget(self.age)
        top.addLayout(age_box)
        top.addStretch(1)

        words_note = QLabel(
            "Write each thing the child said exactly as they said it, one quote per box. "
            "Your own interpretation goes under Observations."
        )
        words_note.setWordWrap(True)
        words_note.setEnabled(False)
        words = section("The child's own words", words_note, f["childs_words"])
        words.setObjectName("childsWordsSection")

        houses = QWidget()
        grid = QGridLayout(houses)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, name in enumerate(("worries", "good_things", "wishes")):
            colour = HOUSE_COLOURS[name]
            title = QLabel(
                f"<span style='color:{colour}; font-size: 14pt'>&#x2302;</span> "
                f"<b>{f[name].spec.label}</b>"
            )
            title.setBuddy(f[name])
            grid.addWidget(title, 0, column)
            grid.addWidget(f[name], 1, column)
            grid.setColumnStretch(column, 1)
        houses_section = section("Three Houses", houses)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(words)
        layout.addWidget(houses_section)
        layout.addWidget(self.labelled("understanding"))
        layout.addWidget(f["disclosure"])
        layout.addWidget(self.labelled("observations", "Practitioner's observations"))
        f["child"].changed.connect(self.refresh)

    def refresh(self) -> None:
        child = self.person(self.fields["child"].value())
        years = None
        if child is not None and child.born:
            when = text.local(self.event_at)
            years = text.age(child.born, when.date() if when else date.today())
        self.age.setText("—" if years is None else f"{years}")
