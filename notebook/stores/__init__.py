"""Parts of the notebook's storage, each a class over :class:`notebook.service.Notebook`.

A store never imports the service (the service imports the stores): it is given the
notebook as :class:`NotebookParts`, what it uses of it.
"""

from __future__ import annotations

from typing import Any, Protocol


class NotebookParts(Protocol):
    """What a store uses of the notebook: the database, the audit log, its cases."""

    _db: Any
    _audit: Any

    def get_case(self, ref: str) -> Any: ...
