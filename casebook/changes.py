"""Change notices: what a committed command changed, told to the notebook's subscribers.

Each notice names what changed (which case, person, record or action), so a view
reloads only that: a draft's autosave (:class:`RecordSaved`) updates one row of the
record list, not the case list and the whole case. The GUI turns notices into a Qt
signal on its own thread (``ui/bridge.py``) and dispatches on their type.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """A change without a notice of its own: views that may show it reload.

    ``what`` is one of: case, person, record, action, reflection, notebook.
    """

    what: str
    case_ref: str | None = None
    record_id: str | None = None


@dataclass(frozen=True)
class CaseChanged:
    """A case was opened, renamed, closed or reopened."""

    case_ref: str


@dataclass(frozen=True)
class CaseDeleted:
    """A case was deleted past retention, with everything it held."""

    case_ref: str


@dataclass(frozen=True)
class RetentionDefaultChanged:
    """The notebook's default retention rule changed (no view of the window shows it)."""


@dataclass(frozen=True)
class PersonChanged:
    """A person of a case was added or corrected, or their involvement changed."""

    case_ref: str
    key: str


@dataclass(frozen=True)
class _RecordNotice:
    """Something happened to one record."""

    case_ref: str
    record_id: str


class RecordSaved(_RecordNotice):
    """A draft's content was saved (autosave): only its row in lists changes."""


class RecordChanged(_RecordNotice):
    """A record was created or deleted, or got an attachment, an addendum or a
    significance note."""


class RecordFinalised(_RecordNotice):
    """A draft became final."""


@dataclass(frozen=True)
class ActionChanged:
    """An action was ticked off or reopened."""

    case_ref: str
    record_id: str
    action_id: int


@dataclass(frozen=True)
class EventChanged:
    """A chronology event of a case was added or withdrawn."""

    case_ref: str
    event_id: int


@dataclass(frozen=True)
class ReflectionAdded:
    """An entry was added to the reflective log."""

    reflection_id: int


@dataclass(frozen=True)
class ExplanationChanged:
    """A child's Words and pictures got a new version, or a version was noted as shared."""

    case_ref: str
    child_key: str


@dataclass(frozen=True)
class NotebookReloaded:
    """Much changed at once (an import, a re-encryption): every view reloads."""


Notice = (
    Change
    | CaseChanged
    | CaseDeleted
    | RetentionDefaultChanged
    | PersonChanged
    | RecordSaved
    | RecordChanged
    | RecordFinalised
    | ActionChanged
    | EventChanged
    | ReflectionAdded
    | ExplanationChanged
    | NotebookReloaded
)
