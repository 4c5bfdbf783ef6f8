"""The base of the three kind forms: fields built from :data:`casebook.kinds.FIELDS`."""

from __future__ import annotations

import itertools
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from casebook import kinds
from casebook.domain import Person
from ui.editors.fields import (
    ChildrenField,
    DisclosuresField,
    FieldWidget,
    PersonField,
    TextField,
    make_field,
)
from ui.marking import apply_spans, install_marking, spans_of


class KindForm(QWidget):
    """The kind-specific part of a record editor.

    Subclasses set :attr:`KIND` and lay the widgets of :attr:`fields` out in
    :meth:`build`; every spec of ``kinds.FIELDS[KIND]`` gets a widget, made with the
    options of :attr:`LINES`, :attr:`PLACEHOLDERS` and :attr:`ROLES`.

    Signals:
        changed(): a field changed.
    """

    KIND: ClassVar[str] = ""
    # Text fields: how many lines high to start with, and the hint shown while empty.
    LINES: ClassVar[dict[str, int]] = {}
    PLACEHOLDERS: ClassVar[dict[str, str]] = {}
    # Person fields: the roles offered first (the child, the partner).
    ROLES: ClassVar[dict[str, tuple[str, ...]]] = {}
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"form_{self.KIND}")
        self.people: list[Person] = []
        self.event_at: str | None = None
        self.fields: dict[str, FieldWidget] = {}
        for spec in kinds.FIELDS[self.KIND]:
            widget = make_field(spec, **self.options(spec.name))
            widget.changed.connect(self.changed)
            self.fields[spec.name] = widget
            if isinstance(widget, TextField):
                install_marking(widget.edit, lambda: self.people, self.changed.emit)
        self.build()

    def options(self, name: str) -> dict[str, Any]:
        """Extra options for one field's widget (lines of text, roles of people)."""
        if name in self.ROLES:
            return {"roles": self.ROLES[name]}
        if name in self.LINES:
            return {"lines": self.LINES[name], "placeholder": self.PLACEHOLDERS.get(name, "")}
        return {}

    def build(self) -> None:
        """Lay the field widgets out."""
        raise NotImplementedError

    # -- data ----------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The ``fields`` object (without actions)."""
        return {name: widget.value() for name, widget in self.fields.items()}

    def set_values(self, fields: dict[str, Any], spans: dict[str, Any] | None = None) -> None:
        """Show a record's fields, and the marks of their text (casebook/1.1 ``spans``)."""
        for name, widget in self.fields.items():
            widget.set_value(fields.get(name))
            if isinstance(widget, TextField):
                apply_spans(widget.edit, (spans or {}).get(name, []))
        self.refresh()

    def spans(self) -> dict[str, list[dict[str, Any]]]:
        """The marks of the free-text fields (casebook/1.1 ``spans``; empty: none)."""
        out = {}
        for name, widget in self.fields.items():
            if isinstance(widget, TextField) and (found := spans_of(widget.edit)):
                out[name] = found
        return out

    def set_context(self, people: list[Person], event_at: str | None, extra: Any) -> None:
        """The case's people, the record's event time, and kind-specific extras."""
        self.people = people
        self.event_at = event_at
        for widget in self.fields.values():
            if isinstance(widget, PersonField | ChildrenField | DisclosuresField):
                widget.set_people(people)
        self.refresh()

    def refresh(self) -> None:
        """Update what depends on other values (shown/hidden parts, derived text)."""

    def set_read_only(self, read_only: bool) -> None:
        """Final records refuse edits."""
        for widget in self.fields.values():
            widget.set_read_only(read_only)

    def person(self, key: str | None) -> Person | None:
        """The case's person with ``key``."""
        return next((p for p in self.people if p.key == key), None)

    # -- layout helpers ------------------------------------------------------------------

    def labelled(self, name: str, text: str | None = None, hint: str = "") -> QWidget:
        """A field with its label above it (and a quiet hint beside the label).

        The hint is drawn in the palette's placeholder colour, which reads on light and
        dark backgrounds alike (the palette's "mid", a bevel shade, vanished on dark ones).
        """
        widget = self.fields[name]
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        label = QLabel(f"<b>{text or widget.spec.label}</b>")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setBuddy(widget.focusProxy() or widget)
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(label)
        if hint:
            quiet = QLabel(f"— {hint}")
            quiet.setObjectName("fieldHint")
            quiet.setTextFormat(Qt.TextFormat.PlainText)
            quiet.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            row.addWidget(quiet)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(widget)
        return box


def section(title: str, *widgets: QWidget) -> QGroupBox:
    """A titled group of widgets."""
    group = QGroupBox(title)
    layout = QVBoxLayout(group)
    layout.setSpacing(8)
    for widget in widgets:
        layout.addWidget(widget)
    return group


_CONTAINERS = (QGroupBox,)


def focus_chain(root: QWidget) -> list[QWidget]:
    """Widgets that take Tab focus under ``root``, in layout (reading) order."""
    from PySide6.QtWidgets import QLayout

    out: list[QWidget] = []

    def visit_widget(widget: QWidget) -> None:
        if widget.isHidden() and widget is not root:
            return
        takes_tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if takes_tab and widget is not root:
            out.append(widget)
            if not isinstance(widget, _CONTAINERS):
                return
        layout = widget.layout()
        if layout is not None:
            visit_layout(layout)

    def visit_layout(layout: QLayout) -> None:
        for i in range(layout.count()):
            item = layout.itemAt(i)
            if item is None:
                continue
            child, sub = item.widget(), item.layout()
            if child is not None:
                visit_widget(child)
            elif sub is not None:
                visit_layout(sub)

    visit_widget(root)
    return out


def chain_tab_order(root: QWidget, before: QWidget | None = None) -> None:
    """Make Tab follow the layout order under ``root`` (after ``before``, if given)."""
    chain = ([before] if before is not None else []) + focus_chain(root)
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)
