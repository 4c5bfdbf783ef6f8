"""What every store shares: the notebook it belongs to, and that notebook's database.

A store reads ``notebook._db`` and ``notebook._audit`` each time it needs them, never
keeps them: re-encrypting the notebook (:mod:`casebook.stores.keys`) replaces both.

Stores never import :mod:`casebook.service` (the facade imports them): each says what
it needs of the notebook as a protocol, :class:`Facade` plus the sibling stores it uses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Generic, Protocol, TypeVar

from casebook import timeutil
from casebook.audit import AuditWriter
from casebook.changes import Notice
from casebook.domain import AuditHead
from casebook.keyfile import KeyFile
from casebook.storage import Database


class Facade(Protocol):
    """What a store needs of the notebook (:class:`casebook.service.Notebook` has it)."""

    folder: Path
    _db: Database
    _audit: AuditWriter
    _data_key: bytes | None
    _key_file: KeyFile

    def _notify(self, change: Notice) -> None: ...


F = TypeVar("F", bound=Facade)


class Store(Generic[F]):
    """One part of a notebook; the :class:`~casebook.service.Notebook` facade holds it."""

    def __init__(self, notebook: F) -> None:
        self._notebook = notebook

    @property
    def _db(self) -> Database:
        return self._notebook._db

    @property
    def _audit(self) -> AuditWriter:
        return self._notebook._audit

    def _notify(self, change: Notice) -> None:
        self._notebook._notify(change)

    def _append_audit(self, action: str, obj: str, detail: str = "") -> AuditHead:
        """One audit entry in a transaction of its own (or the caller's, when one runs)."""
        with self._db.transaction() as tx:
            return self._audit.append(tx, timeutil.now(), action, obj, detail)
