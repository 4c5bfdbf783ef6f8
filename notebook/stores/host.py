"""What a store is given: the notebook it works in (:class:`Host`, so that no store
imports the service, which imports them) and the service's ``Change`` class."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from notebook.audit import AuditWriter
    from notebook.domain import Case, Person, Record, SearchHit
    from notebook.storage import Database

# The service's Change(what, case_ref=None, record_id=None).
ChangeFactory = Callable[..., Any]


class Host(Protocol):
    """What a store uses of the notebook it is attached to."""

    _db: Database
    _audit: AuditWriter

    def _notify(self, change: Any) -> None: ...
    def get_case(self, ref: str) -> Case: ...
    def get_record(self, record_id: str) -> Record: ...
    def list_people(self, ref: str) -> list[Person]: ...
    def record_document(
        self, record_id: str, *, include_attachment_data: bool = True
    ) -> dict[str, Any]: ...
    def save_draft(self, record_id: str, data: Mapping[str, Any]) -> Record: ...
    def search(
        self, query: str, *, case_ref: str | None = None, kind: str | None = None, limit: int = 50
    ) -> list[SearchHit]: ...
