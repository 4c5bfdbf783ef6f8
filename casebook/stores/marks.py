"""Marking passages of a draft's free text (:mod:`casebook.marks`), and searching the
passages of one class.

A record's marks are written and read with the record (:mod:`casebook.stores.mark_rows`):
marking a passage saves the draft with its marks, as an edit.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import Any, Protocol

from casebook import marks as mk
from casebook.domain import SNIPPET_END, SNIPPET_START, SearchHit
from casebook.errors import FinalRecordError, InvalidInput
from casebook.stores.base import Facade, Store
from casebook.stores.interchange import Interchange
from casebook.stores.records import RecordStore

# How many search hits are looked at for passages of the class asked for.
_CANDIDATES = 500


class _Parts(Facade, Protocol):
    records: RecordStore
    interchange: Interchange


class MarkStore(Store[_Parts]):
    """``notebook.marks``: marking a passage of a draft, and searching marked text."""

    def marks(self, record_id: str) -> list[mk.Mark]:
        """The marks of a record."""
        return list(self._notebook.records.get(record_id).spans)

    def mark_passage(
        self,
        record_id: str,
        field: str,
        passage: str,
        cls: str,
        *,
        source_key: str | None = None,
        source_name: str | None = None,
        told_to: str | None = None,
        told_at: str | None = None,
        basis: str | None = None,
        occurrence: int = 1,
    ) -> mk.Mark:
        """Mark the ``occurrence``-th place ``passage`` appears in ``field`` of a draft.

        Saved as the draft is (audited as an edit); a mark overlapping the new one is
        replaced. ``cls`` may be ``unclassified``: the marks over the passage are removed.

        Raises:
            FinalRecordError: the record is final (its marks are part of its hash).
            InvalidInput: the field is not free text, the passage is not in it, or the
                mark lacks what its class needs.
        """
        records = self._notebook.records
        record = records.get(record_id)
        if record.is_final:
            raise FinalRecordError(record_id)
        if field not in mk.text_fields(record.kind):
            raise InvalidInput("field", f"expected one of {', '.join(mk.text_fields(record.kind))}")
        text = record.fields.get(field) or ""
        start = _find(text, passage, occurrence)
        end = start + len(passage)
        mark = mk.Mark(field, start, end, cls, source_key, source_name, told_to, told_at, basis)
        kept = [m for m in record.spans if m.field != field or m.end <= start or m.start >= end]
        if cls != mk.UNCLASSIFIED:
            kept.append(mark)
        document = self._notebook.interchange.record_document(
            record_id, include_attachment_data=False
        )
        for key in ("attachments", "status", "id", "imported_at"):
            document.pop(key, None)
        document["spans"] = mk.spans_document(sorted(kept, key=_order(record.kind)))
        records.save_draft(record_id, document)
        return mark

    def search(
        self,
        query: str,
        only: str,
        *,
        case_ref: str | None = None,
        kind: str | None = None,
        limit: int = 50,
    ) -> list[SearchHit]:
        """Records whose passages of one class hold every word of ``query``.

        ``only`` is ``observed``, ``opinion``, ``reported`` or ``reported:KEY`` (reports
        whose source is that person of the case). The snippet is the matching passage.
        """
        cls, source = mk.check_only(only)
        words = [_fold(w) for w in query.split() if w.strip()]
        records = self._notebook.records
        hits = records.search(query, case_ref=case_ref, kind=kind, limit=_CANDIDATES)
        found: list[SearchHit] = []
        for hit in hits:
            record = records.get(hit.record_id)
            for mark in record.spans:
                if mark.cls != cls or (source and mark.source_key != source):
                    continue
                passage = (record.fields.get(mark.field) or "")[mark.start : mark.end]
                if _holds_words(passage, words):
                    found.append(dataclasses.replace(hit, snippet=_snippet(passage, words)))
                    break
            if len(found) >= limit:
                break
        return found


def _find(text: str, passage: str, occurrence: int) -> int:
    if not passage.strip():
        raise InvalidInput("passage", "give the words to mark")
    at = -1
    for _ in range(max(1, occurrence)):
        at = text.find(passage, at + 1)
        if at < 0:
            raise InvalidInput("passage", "these words are not in the field (as typed)")
    return at


def _order(kind: str) -> Any:
    fields = mk.text_fields(kind)
    return lambda m: (fields.index(m.field), m.start)


def _fold(text: str) -> str:
    from casebook.search import fold

    decomposed = unicodedata.normalize("NFKD", fold(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _holds_words(passage: str, words: list[str]) -> bool:
    tokens = [t.strip(".,;:!?\"'()[]") for t in _fold(passage).split()]
    return all(any(t.startswith(w.strip(".,;:!?\"'()[]")) for t in tokens) for w in words)


def _snippet(passage: str, words: list[str]) -> str:
    out = []
    for token in passage.split():
        folded = _fold(token).strip(".,;:!?\"'()[]")
        hit = any(folded.startswith(w) for w in words)
        out.append(f"{SNIPPET_START}{token}{SNIPPET_END}" if hit else token)
    text = " ".join(out)
    return text if len(text) <= 200 else text[:199] + "…"
