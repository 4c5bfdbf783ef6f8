"""Stores: the SQL of one feature each, over an open notebook.

A store is given the :class:`notebook.service.Notebook` it works in (as
:class:`notebook.stores.host.Host`) and the service's ``Change`` class to tell subscribers
what changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notebook.stores.events import EventStore
    from notebook.stores.host import ChangeFactory, Host
    from notebook.stores.marks import MarkStore
    from notebook.stores.significance import SignificanceStore


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
