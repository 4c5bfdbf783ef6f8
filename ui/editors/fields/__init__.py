"""Widgets for the kind-specific fields of :data:`casebook.kinds.FIELDS`, one per field type.

Every widget has the same small interface: :meth:`value`, :meth:`set_value`,
:meth:`set_read_only` and a :attr:`changed` signal, so an editor can be driven from the
field specs and autosave on any change. The kinds: free text (:mod:`.text`), choices
(:mod:`.choices`), people (:mod:`.people`), dates (:mod:`.dates`), verbatim quotes
(:mod:`.quotes`), a disclosure (:mod:`.disclosure`), the children seen and their
disclosures (:mod:`.children`) and who attended
(:mod:`.attendees`); :func:`make_field` picks one.
"""

from __future__ import annotations

from typing import Any

from casebook.kinds import FieldSpec
from ui.editors.fields.attendees import AttendeesField
from ui.editors.fields.base import FieldWidget, fit_table_height
from ui.editors.fields.children import ChildrenField, DisclosuresField
from ui.editors.fields.choices import EnumField, EnumListField
from ui.editors.fields.dates import DateEdit, DateField, DateTimeEdit
from ui.editors.fields.disclosure import DisclosureField
from ui.editors.fields.people import PersonField
from ui.editors.fields.quotes import QuoteBox, QuoteListField, quote_style
from ui.editors.fields.text import AutoTextEdit, TextField, text_edit

__all__ = [
    "AttendeesField",
    "AutoTextEdit",
    "ChildrenField",
    "DateEdit",
    "DateField",
    "DateTimeEdit",
    "DisclosureField",
    "DisclosuresField",
    "EnumField",
    "EnumListField",
    "FieldWidget",
    "PersonField",
    "QuoteBox",
    "QuoteListField",
    "TextField",
    "fit_table_height",
    "make_field",
    "quote_style",
    "text_edit",
]


def make_field(spec: FieldSpec, **options: Any) -> FieldWidget:
    """The widget for one field spec."""
    if spec.type == "text":
        return TextField(spec, **options)
    if spec.type == "enum":
        return EnumField(spec)
    if spec.type == "enum_list":
        return EnumListField(spec, **options)
    if spec.type == "person":
        return PersonField(spec, **options)
    if spec.type == "date":
        return DateField(spec)
    if spec.type == "text_list":
        return QuoteListField(spec)
    if spec.type == "disclosure":
        return DisclosureField(spec)
    if spec.type == "attendees":
        return AttendeesField(spec)
    if spec.type == "children":
        return ChildrenField(spec)
    if spec.type == "disclosures":
        return DisclosuresField(spec)
    raise ValueError(f"no widget for field type {spec.type!r}")
