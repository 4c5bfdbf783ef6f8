"""Read-only compositions of core queries that a view needs in one go.

These run on the worker thread and return plain values; they hold no SQL (only calls
to the :class:`Notebook` facade) and no Qt.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from casebook import timeutil
from casebook.domain import Action, Case, Person, Practitioner, Record, RecordSummary


@dataclass(frozen=True)
class CaseOverview:
    """Everything a case view shows.

    ``involvement`` maps the keys of people no longer involved to when and why;
    ``status_changes`` are the case's closes and reopens with their reasons.
    """

    case: Case
    records: list[RecordSummary]
    people: list[Person]
    chronology: list[RecordSummary]
    actions: list[Action]
    involvement: dict[str, Any] = field(default_factory=dict)
    status_changes: list[Any] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)  # chronology events (not records)
    trends: list[Any] = field(default_factory=list)  # change over time, one per scale


@dataclass(frozen=True)
class EditorContext:
    """A record and what its editor needs around it."""

    record: Record
    people: list[Person]
    extra: Any
    practitioner: Practitioner | None = None  # who wrote its addenda (the notebook's owner)
    # Words and pictures shared in this session: (name on the copy, version, day).
    shared: tuple[tuple[str, int, str], ...] = ()


def case_overview(notebook: Any, ref: str, significant_only: bool = False) -> CaseOverview:
    """A case with its records, people, chronology and actions.

    The chronology is drawn from the records already loaded rather than read again:
    it is the same rows in the other order.
    """
    records = notebook.records.list(ref)
    events = notebook.events.list(ref)
    return CaseOverview(
        case=notebook.cases.get(ref),
        records=records,
        people=notebook.people.list(ref),
        chronology=chronology_of(records, significant_only=significant_only, events=events),
        actions=notebook.actions.list(ref, include_done=True),
        involvement=notebook.people.no_longer_involved(ref),
        status_changes=notebook.cases.status_changes(ref),
        events=events,
        trends=notebook.trends.of_case(ref),
    )


def saved_row(
    notebook: Any, record_id: str
) -> tuple[RecordSummary, list[Action], list[Any]] | None:
    """A draft's row after its autosave, its case's actions and change over time (which
    it may have changed); None when the record is gone (discarded meanwhile)."""
    from casebook.errors import NotFound

    try:
        summary = notebook.records.summary(record_id)
    except NotFound:
        return None
    ref = summary.case_ref
    return summary, notebook.actions.list(ref, include_done=True), notebook.trends.of_case(ref)


def chronology_of(
    records: list[RecordSummary], *, significant_only: bool = False, events: Sequence[Any] = ()
) -> list[Any]:
    """A case's chronology from its records as ``Notebook.records.list`` gives them.

    The records come newest first, records of the same moment in the order they were
    written; the chronology is oldest first with records of the same moment still in
    the order written (as ``Notebook.records.chronology`` has it). So the list is reversed and
    then each run of same-moment records is turned back round.
    """
    ordered = records[::-1]
    start, count = 0, len(ordered)
    while start < count:
        end = start + 1
        while end < count and _same_moment(ordered[start].event_at, ordered[end].event_at):
            end += 1
        if end - start > 1:
            ordered[start:end] = ordered[start:end][::-1]
        start = end
    # The same row objects in another order: a case can have thousands of records, and
    # this runs each time one is opened.
    rows: list[Any] = [s for s in ordered if s.significant or not significant_only]
    shown = [e for e in events if e.significant or not significant_only]
    if not shown:
        return rows
    # Chronology events (casebook.stores.events) go in among the records by date.
    keyed = [(timeutil.utc_key(r.event_at), 0, i, r) for i, r in enumerate(rows)]
    keyed += [(e.sort_key, 1, i, e) for i, e in enumerate(shown)]
    return [row for *_, row in sorted(keyed, key=lambda k: k[:3])]


def _same_moment(a: str, b: str) -> bool:
    """Whether two ISO times name the same instant (parsing only when the text can't tell)."""
    if a == b:
        return True
    if len(a) == len(b) and a[-6:] == b[-6:]:
        return False  # same layout and offset, different digits: different times
    try:
        return timeutil.utc_key(a) == timeutil.utc_key(b)
    except ValueError:
        return False


def partner_stages(notebook: Any, ref: str) -> dict[str, list[tuple[str, str, str]]]:
    """{partner key: [(event_at, feelings stage, record id), ...]} from partner support records."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for summary in notebook.records.list(ref, kind="partner_support", newest_first=False):
        record = notebook.records.get(summary.id)
        partner = record.fields.get("partner")
        stage = record.fields.get("feelings_stage")
        if partner and stage:
            out.setdefault(partner, []).append((record.event_at, stage, record.id))
    return out


def editor_context(notebook: Any, record_id: str) -> EditorContext:
    """A record, its case's people, and the partner's stages for partner support.

    People no longer involved in the case are left out of the record's pickers, unless
    the record already names them.
    """

    record = notebook.records.get(record_id)
    if record.is_final:
        # Shown as it stands now: significance set after finalising is an annotation
        # beside the record (casebook.stores.significance); the record keeps its own.
        record = dataclasses.replace(record, significant=notebook.significance.current(record_id))
    gone = notebook.people.no_longer_involved(record.case_ref)
    named = {*record.people, record.fields.get("child"), record.fields.get("partner")}
    named |= set(record.fields.get("children") or [])
    people = [
        p for p in notebook.people.list(record.case_ref) if p.key not in gone or p.key in named
    ]
    extra = partner_stages(notebook, record.case_ref) if record.kind == "partner_support" else None
    return EditorContext(
        record=record, people=people, extra=extra,
        practitioner=notebook.identity.practitioner(),
        shared=tuple(notebook.explanations.shared_in(record_id)),
    )  # fmt: skip


def new_record(notebook: Any, ref: str, kind: str, event_at: str) -> EditorContext:
    """Start a draft of ``kind`` in case ``ref`` and return its editor context."""
    record = notebook.records.create(ref, {"kind": kind, "event_at": event_at})
    return editor_context(notebook, record.id)
