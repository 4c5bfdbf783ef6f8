"""Plain, immutable values the core hands out: what the CLI prints and the GUI shows.

No database handles, no Qt: these cross threads and layers freely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casebook.marks import Mark


@dataclass(frozen=True)
class Practitioner:
    """The notebook's owner."""

    name: str
    role: str
    organisation: str


@dataclass(frozen=True)
class Case:
    """A family or household the practitioner works with."""

    id: int
    ref: str
    title: str
    status: str
    opened: str | None
    closed: str | None
    record_count: int = 0
    last_event_at: str | None = None


@dataclass(frozen=True)
class Person:
    """Someone in a case, with a role."""

    id: int
    case_ref: str
    key: str
    name: str
    role: str
    preferred_name: str = ""
    born: str | None = None
    gp: str = ""
    other_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Action:
    """A follow-up raised from a record."""

    text: str
    due: str | None = None
    done: bool = False
    id: int | None = None
    record_id: str | None = None
    case_ref: str | None = None
    record_status: str | None = None


@dataclass(frozen=True)
class Addendum:
    """A dated correction or addition to a final record.

    ``written_at`` is Casebook's clock: when the addendum was added to this notebook (for
    an imported one, the import). An imported addendum keeps the time its document gave
    as ``claimed_written_at``, a claim Casebook does not vouch for.
    """

    written_at: str
    text: str
    imported_at: str | None = None
    claimed_written_at: str | None = None

    @property
    def is_imported(self) -> bool:
        """Whether the addendum came in with an imported document."""
        return self.imported_at is not None


@dataclass(frozen=True)
class Attachment:
    """A file attached to a record; ``data`` is None in listings."""

    name: str
    media_type: str
    size: int
    sha256: str
    id: int | None = None
    data: bytes | None = None


@dataclass(frozen=True)
class RecordSummary:
    """One line of a record list: enough to show, not the whole record."""

    id: str
    case_ref: str
    kind: str
    title: str
    event_at: str
    written_at: str
    status: str
    late: bool
    significant: bool
    imported_at: str | None = None
    claimed_written_at: str | None = None
    last_written_at: str | None = None  # changed after it was started (judges late)

    @property
    def is_imported(self) -> bool:
        """Whether the record came in with an imported document (its times are claims)."""
        return self.imported_at is not None


@dataclass(frozen=True)
class Record:
    """A whole record as stored.

    ``written_at`` and ``finalised_at`` are Casebook's clock, always: when the record was
    started in (or imported into) this notebook and when it was finalised here. An
    imported record keeps the times its document gave as ``claimed_written_at`` and
    ``claimed_finalised_at``; ``late`` is then judged by the claimed time, and is a claim
    too. The content hash covers the claimed times where there are any. ``last_written_at``
    is when a save last changed what the record says, if one did after it was started:
    ``late`` is judged by it, or once final by ``finalised_at``
    (casebook/stores/late_entries.py).
    """

    id: str
    case_ref: str
    kind: str
    event_at: str
    written_at: str
    location: str | None  # None: the practitioner gave none
    duration_minutes: int | None
    people: tuple[str, ...]
    status: str
    tags: tuple[str, ...]
    significant: bool
    fields: dict[str, Any]
    actions: tuple[Action, ...]
    attachments: tuple[Attachment, ...]
    addenda: tuple[Addendum, ...]
    finalised_at: str | None
    content_hash: str | None
    title: str
    late: bool
    updated_at: str = ""
    imported_at: str | None = None
    claimed_written_at: str | None = None
    claimed_finalised_at: str | None = None
    last_written_at: str | None = None
    # Passages of free text marked observed, reported or opinion (casebook.marks).
    spans: tuple[Mark, ...] = ()

    @property
    def is_final(self) -> bool:
        """Whether the record is locked."""
        return self.status == "final"

    @property
    def is_imported(self) -> bool:
        """Whether the record came in with an imported document (its times are claims)."""
        return self.imported_at is not None


@dataclass(frozen=True)
class Reflection:
    """An entry of the private reflective log."""

    id: int
    written_at: str
    text: str


@dataclass(frozen=True)
class SearchHit:
    """A record found by search, with a snippet.

    ``snippet`` marks matched words with U+0002 (start) and U+0003 (end); the text
    between them is user text and must be escaped by whoever renders it.
    """

    record_id: str
    case_ref: str
    kind: str
    title: str
    event_at: str
    status: str
    late: bool
    snippet: str
    imported_at: str | None = None

    @property
    def is_imported(self) -> bool:
        """Whether the record came in with an imported document."""
        return self.imported_at is not None


SNIPPET_START = "\x02"
SNIPPET_END = "\x03"


@dataclass(frozen=True)
class ChronologyEntry:
    """A line of a case's chronology."""

    record_id: str
    event_at: str
    kind: str
    title: str
    late: bool
    significant: bool
    status: str
    imported_at: str | None = None
    claimed_written_at: str | None = None

    @property
    def is_imported(self) -> bool:
        """Whether the record came in with an imported document (``late`` is a claim)."""
        return self.imported_at is not None


@dataclass(frozen=True)
class AuditHead:
    """The newest entry of the audit chain."""

    seq: int
    hash: str


@dataclass(frozen=True)
class AuditTail:
    """The newest audit entry found when the notebook was unlocked (before the unlock's
    own entry): its number and time. Shown after unlocking, so that a practitioner who
    remembers working later notices entries missing from the end."""

    seq: int
    at: str

    def describe(self) -> str:
        """``Audit log: last entry 1,203, 2026-12-03 17:02``."""
        return f"Audit log: last entry {self.seq:,}, {self.at[:16].replace('T', ' ')}"


@dataclass(frozen=True)
class AuditReport:
    """Result of ``audit verify``."""

    ok: bool
    entries: int
    final_records: int
    head: AuditHead
    problems: list[str] = field(default_factory=list)
    addenda: int = 0
