"""The search page's filter by class: all text, only observed facts, only opinions, only
reports, or only reports from one person (issue 14; :meth:`casebook.stores.marks.MarkStore.search`).

A filter value is ``None`` (all text) or ``(only, case reference)``: ``("reported:p1",
"C-1042")`` keeps the passages reported by that case's person ``p1``.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtWidgets import QComboBox

from casebook import marks as mk

_FIXED = (
    ("All text", None),
    ("Only observed facts", (mk.OBSERVED, None)),
    ("Only opinions", (mk.OPINION, None)),
    ("Only reports (hearsay)", (mk.REPORTED, None)),
)


def only_filter() -> QComboBox:
    """The filter box, with "Reports from …" entries added by :func:`set_report_sources`."""
    box = QComboBox()
    box.setObjectName("searchOnly")
    box.setAccessibleName("Which passages to search")
    box.setToolTip("Search only passages marked observed, opinion or reported (and by whom)")
    for label, value in _FIXED:
        box.addItem(label, value)
    return box


def set_report_sources(box: QComboBox, people: list[Any]) -> None:
    """Offer "Reports from NAME (REF)" for each person, keeping the current choice."""
    current = box.currentData()
    while box.count() > len(_FIXED):
        box.removeItem(box.count() - 1)
    for person in people:
        box.addItem(
            f"Only reports from {person.name} ({person.case_ref})",
            (f"{mk.REPORTED}:{person.key}", person.case_ref),
        )
    index = box.findData(current)
    box.setCurrentIndex(max(0, index))


class Asked(NamedTuple):
    """What one search asks: the words, the class filter, the narrowing and the limit."""

    query: str
    only: Any  # None or (class, case reference)
    case_ref: str | None
    kind: str | None
    limit: int


def search_by_class(notebook: Any, asked: Asked) -> tuple[list[Any], list[Any]]:
    """(hits, the notebook's people), on the worker: the core calls of ``casebook search
    QUERY [--only CLASS] --case REF --kind KIND --limit N``.

    Reports from one person are from their case: narrowed to another case, none match.
    """
    query, only, case_ref, kind, limit = asked
    if only is None:
        hits = notebook.records.search(query, case_ref=case_ref, kind=kind, limit=limit)
    elif case_ref is not None and only[1] is not None and only[1] != case_ref:
        hits = []
    else:
        cls, ref = only
        hits = notebook.marks.search(query, cls, case_ref=ref or case_ref, kind=kind, limit=limit)
    return hits, notebook.people.all()
