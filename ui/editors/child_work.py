"""Direct work with a child (or siblings seen together): the children's own words kept
apart from the practitioner's view, and each child's disclosures.

A record written before casebook/1.1 names one ``child`` and one ``disclosure``; the form
shows it as children and disclosures (:mod:`casebook.childwork`) and, once the
practitioner changes something, saves it in that shape (a draft may change its shape; a
final record is shown, never saved).
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from casebook.childwork import children_of, disclosures_of, shows_three_houses
from casebook.kinds import THREE_HOUSES
from ui import text
from ui.editors.base import KindForm, section

HOUSE_COLOURS = {"worries": "#d1495b", "good_things": "#2e9e5b", "wishes": "#3b7dd8"}


class ChildWorkForm(KindForm):
    """Children, activity, the children's words (quotes), the Three Houses (for that
    activity), disclosures (each by a child), observations."""

    KIND = "child_work"
    ROLES: ClassVar[dict[str, tuple[str, ...]]] = {"child": ("child",)}
    # The older single child and disclosure: read into the newer fields, never shown.
    OLDER = ("child", "disclosure")
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
        top.addWidget(self.labelled("children", "Children seen"), 1)
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
        self.houses_section = section("Three Houses", houses)
        self.houses_section.setObjectName("threeHousesSection")
        for name in self.OLDER:
            f[name].setParent(self)
            f[name].hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(words)
        layout.addWidget(self.houses_section)
        layout.addWidget(self.labelled("understanding"))
        layout.addWidget(self.labelled("disclosures", "Disclosures"))
        layout.addWidget(self.labelled("observations", "Practitioner's observations"))
        f["children"].changed.connect(self.refresh)
        f["activity"].changed.connect(self.refresh)

    def set_values(self, fields: dict[str, Any], spans: dict[str, Any] | None = None) -> None:
        """Show a record's fields, either shape, as children and disclosures (and the
        marks of its text)."""
        shown = dict(fields)
        shown.update(child=None, disclosure=None)
        shown.update(children=children_of(fields), disclosures=disclosures_of(fields))
        super().set_values(shown, spans)

    def refresh(self) -> None:
        ages = []
        for key in self.fields["children"].value():
            child = self.person(key)
            years = None
            if child is not None and child.born:
                when = text.local(self.event_at)
                years = text.age(child.born, when.date() if when else date.today())
            ages.append((child, years))
        if len(ages) == 1:
            self.age.setText("—" if ages[0][1] is None else f"{ages[0][1]}")
        else:
            self.age.setText(
                " · ".join(
                    f"{c.preferred_name or c.name if c else '?'} {'—' if y is None else y}"
                    for c, y in ages
                )
                or "—"
            )
        # The Three Houses for that activity; what was written under them stays in view
        # (under plainer words) if the activity changes.
        values = {name: self.fields[name].value() for name in ("activity", *THREE_HOUSES)}
        houses = shows_three_houses(values)
        written = any(values[name] for name in THREE_HOUSES)
        self.houses_section.setTitle("Three Houses" if houses else "Worries, good things, wishes")
        self.houses_section.setVisible(houses or written)
