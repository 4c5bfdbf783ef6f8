"""Stores: the SQL of one feature each, over an open notebook.

A store is given the :class:`notebook.service.Notebook` it works in (as
:class:`notebook.stores.host.Host`) and the service's ``Change`` class to tell subscribers
what changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from notebook.stores.events import EventStore
    from notebook.stores.host import ChangeFactory, Host
    from notebook.stores.marks import MarkStore
    from notebook.stores.significance import SignificanceStore


def needs_1_1(notebook: Any, refs: list[str]) -> bool:
    """Whether an export of these cases is casebook/1.1: a record carries marks or
    significance notes, or a case has chronology events (``docs/interchange.md``)."""
    if not refs:
        return False
    places = ",".join("?" * len(refs))
    row = notebook._db.query_one(
        "SELECT EXISTS (SELECT 1 FROM record_marks m JOIN records r ON r.id = m.record_id"
        f" JOIN cases c ON c.id = r.case_id WHERE c.ref IN ({places}))"
        " OR EXISTS (SELECT 1 FROM record_significance s JOIN records r ON r.id = s.record_id"
        f" JOIN cases c ON c.id = r.case_id WHERE c.ref IN ({places}))"
        " OR EXISTS (SELECT 1 FROM chronology_events e JOIN cases c ON c.id = e.case_id"
        f" WHERE c.ref IN ({places}))",
        [*refs, *refs, *refs],
    )
    return bool(row[0])


def attach(
    notebook: Host, change: ChangeFactory
) -> tuple[MarkStore, EventStore, SignificanceStore]:
    """The stores of fact/hearsay/opinion marks, chronology events and significance."""
    from notebook.stores.events import EventStore
    from notebook.stores.marks import MarkStore
    from notebook.stores.significance import SignificanceStore

    return (
        MarkStore(notebook, change),
        EventStore(notebook, change),
        SignificanceStore(notebook, change),
    )
