"""The court version of a chronology: date, event, source, and the class of each passage.

Each record of the chronology is cut into its passages (:func:`casebook.marks.passages`):
a marked passage says whether it is observed, reported (and by whom, to whom, when) or the
practitioner's opinion (and its basis); text nobody marked is shown as *unclassified*, so
nothing is silently presented as fact. Chronology events that are not records (an arrest, a
court hearing) come with their own source and class.

The entries are plain values in a chronology input (:mod:`casebook.summary.chronology_pdf`),
so a summary's redaction replaces names in passages and sources alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casebook import kinds
from casebook import marks as mk
from casebook.summary import labels as lb

if TYPE_CHECKING:
    from casebook.domain import ChronologyEntry
    from casebook.events import ChronologyEvent
    from casebook.service import Notebook

# What the source column says of the practitioner's own passages.
OBSERVED_SOURCE = "Practitioner (saw or heard)"
UNCLASSIFIED_SOURCE = "Practitioner's record (not classified)"
COURT_COLUMNS = ("Date", "Event", "Source", "Class")
COURT_WIDTHS = (0.17, 0.5, 0.2, 0.13)


@dataclass(frozen=True)
class CourtRow:
    """One line of a court chronology, as plain text."""

    when: str
    event: str
    source: str
    cls: str
    significant: bool


def record_entries(notebook: Notebook, entry: ChronologyEntry) -> list[dict[str, Any]]:
    """The court chronology's entries of one record: one per passage of its free text.

    A record with no free text still has one entry (its title, unclassified).
    """
    record = notebook.records.get(entry.record_id)
    names = {p.key: p.name for p in notebook.people.list(record.case_ref)}
    base = {
        "record_id": record.id, "event_at": record.event_at, "kind": record.kind,
        "title": entry.title, "significant": entry.significant, "late": entry.late,
        "imported": entry.is_imported, "draft": entry.status != "final",
    }  # fmt: skip
    out = []
    for passage in mk.passages(record.fields, record.kind, record.spans):
        spec = kinds.field_spec(record.kind, passage.field)
        out.append(
            {
                **base,
                "field": spec.label if spec else passage.field,
                "passage": passage.text,
                "source": _source(passage, names),
                "class": passage.cls,
            }
        )
    return out or [{**base, "field": "", "passage": "", "source": UNCLASSIFIED_SOURCE,
                    "class": mk.UNCLASSIFIED}]  # fmt: skip


def event_entry(event: ChronologyEvent) -> dict[str, Any]:
    """A chronology event as an entry of a chronology input (court version or not)."""
    return {
        "event_id": event.id,
        "event_at": event.occurred,
        "kind": "event",
        "title": event.title,
        "passage": "",
        "field": "",
        "source": event.source,
        "class": event.cls,
        "significant": event.significant,
        "late": False,
        "imported": False,
        "draft": False,
    }


def _source(passage: mk.Passage, names: dict[str, str]) -> str:
    if passage.mark is not None and passage.cls == mk.OPINION:
        return f"Practitioner's opinion; {passage.mark.source_text(names)}"
    if passage.mark is not None and passage.cls == mk.REPORTED:
        return passage.mark.source_text(names)
    return OBSERVED_SOURCE if passage.cls == mk.OBSERVED else UNCLASSIFIED_SOURCE


def court_rows(entries: list[dict[str, Any]]) -> list[CourtRow]:
    """The lines of a (redacted) court chronology's entries, oldest first."""
    rows = []
    for e in entries:
        title = str(e.get("title") or "")
        where = f" · {e['field']}" if e.get("field") else ""
        notes = [n for n, on in (("draft", e.get("draft")), ("late entry", e.get("late"))) if on]
        head = title + where + (f" ({', '.join(notes)})" if notes else "")
        passage = str(e.get("passage") or "")
        rows.append(
            CourtRow(
                when=lb.format_when(e.get("event_at")),
                event=f"{head}\n{passage}" if passage else head,
                source=str(e.get("source") or "") or "Not given",
                cls=mk.CLASS_LABELS.get(str(e.get("class")), str(e.get("class") or "")),
                significant=bool(e.get("significant")),
            )
        )
    return rows
