"""A record as readable plain text (``casebook record show``), and text made safe to print."""

from __future__ import annotations

import re
from collections.abc import Mapping

from casebook import kinds
from casebook.domain import Record
from casebook.fieldtypes import rules

# What a terminal could act on instead of showing: control characters but the line
# break and the tab (ESC starts colour and cursor sequences, CR overwrites a line), the
# line and paragraph separators, bidirectional embeddings, overrides and isolates (which
# show text in another order than it is), and lone surrogates. The bidi *marks*
# (U+200E, U+200F, U+061C) reorder nothing but neutral characters and stay as typed.
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def terminal_text(text: str) -> str:
    """``text`` with what a terminal would act on written as ``\\x1b`` or ``\\u202e``."""
    return _TERMINAL_UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def record_text(record: Record, names: Mapping[str, str]) -> str:
    """Every field of ``record`` under its label; user text is printed as written."""
    lines = [record.title, "=" * min(len(record.title), 78)]
    meta = [
        ("Record", record.id),
        ("Case", record.case_ref),
        ("Kind", kinds.KIND_LABELS[record.kind]),
        ("When", record.event_at),
        *_written(record),
        ("Where", kinds.label(record.location, "location")),
        ("Duration", f"{record.duration_minutes} minutes" if record.duration_minutes else ""),
        ("People", ", ".join(names.get(k, k) for k in record.people)),
        ("Tags", ", ".join(record.tags)),
        ("Status", kinds.label(record.status) + ("  (significant)" if record.significant else "")),
    ]
    if record.is_final:
        late = "  (late entry)" if record.late and not record.is_imported else ""
        meta += [("Finalised", (record.finalised_at or "") + late)]
        if record.claimed_finalised_at:
            meta += [("Claimed finalised", record.claimed_finalised_at)]
        meta += [("SHA-256", record.content_hash or "")]
    meta.append(("Times", "as recorded, with their UTC offset"))
    width = max(11, *(len(k) + 2 for k, v in meta if v))
    lines += [f"{k + ':':<{width}}{v}" for k, v in meta if v]
    for spec in kinds.FIELDS[record.kind]:
        value = record.fields.get(spec.name)
        if not value:
            continue
        lines += ["", f"{spec.label}:", *rules(spec).plain_text(spec, value, names)]
    if record.spans:
        lines += ["", "Marked passages (observed, reported, opinion):"]
        for mark in record.spans:
            passage = (record.fields.get(mark.field) or "")[mark.start : mark.end]
            source = "" if mark.cls == "observed" else f" ({mark.source_text(names)})"
            lines += [f"  {mark.field}: {mark.cls}{source}: {' '.join(passage.split())}"]
    if record.actions:
        lines += ["", "Actions:"]
        lines += [
            f"  [{'x' if a.done else ' '}] {a.text}" + (f" (due {a.due})" if a.due else "")
            for a in record.actions
        ]
    if record.attachments:
        lines += ["", "Attachments:"]
        lines += [f"  {a.name} ({a.media_type}, {a.size:,} bytes)" for a in record.attachments]
    for addendum in record.addenda:
        if addendum.is_imported:
            claimed = addendum.claimed_written_at or "no time"
            lines += ["", f"Addendum, imported {addendum.written_at}; claimed written {claimed}:"]
        else:
            lines += ["", f"Addendum, {addendum.written_at}:"]
        lines += ["  " + line for line in addendum.text.splitlines()]
    return "\n".join(lines) + "\n"


def _written(record: Record) -> list[tuple[str, str]]:
    """When the record was written: Casebook's clock, and for an imported record (whose
    late mark is judged by it) the time its document claims."""
    if record.is_imported:
        late = "  (late entry, as claimed)" if record.late else ""
        return [
            ("Imported", record.imported_at or ""),
            ("Claimed written", (record.claimed_written_at or "no time given") + late),
        ]
    # Late is judged by when the record was finalised, else when it was last written.
    late = "  (late entry)" if record.late and not record.finalised_at else ""
    rows = [("Written", record.written_at + ("" if record.last_written_at else late))]
    if record.last_written_at:
        rows.append(("Last written", record.last_written_at + late))
    if record.claimed_written_at:
        rows.append(("Claimed written", record.claimed_written_at))
    return rows
