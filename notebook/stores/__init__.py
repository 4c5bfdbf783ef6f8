"""Stores: the SQL of one feature each, over an open :class:`notebook.service.Notebook`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notebook.service import Notebook
    from notebook.stores.events import EventStore
    from notebook.stores.marks import MarkStore
    from notebook.stores.significance import SignificanceStore


def attach(notebook: Notebook) -> tuple[MarkStore, EventStore, SignificanceStore]:
    """The stores of fact/hearsay/opinion marks, chronology events and significance."""
    from notebook.stores.events import EventStore
    from notebook.stores.marks import MarkStore
    from notebook.stores.significance import SignificanceStore

    return MarkStore(notebook), EventStore(notebook), SignificanceStore(notebook)
