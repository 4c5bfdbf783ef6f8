"""Fact, hearsay and opinion: marks on the free text of a record.

A mark says of a passage of one free-text field (``start``/``end``: offsets in Python
characters, that is Unicode code points) whether it is

- **observed**: what the practitioner saw or heard themself;
- **reported**: what someone else said (hearsay), with its source: a person of the case
  (``source_key``) or a named third party (``source_name``), and, if known, to whom
  (``told_to``) and when (``told_at``);
- **opinion**: the practitioner's professional view or assessment, with its ``basis``.

Text that carries no mark is *unclassified*: a court chronology says so, so that nothing is
silently presented as fact. Marks are part of the record (its content hash covers them) and
travel in casebook/1.1 as the record's ``"spans"``: an object that holds, for each marked
field, the list of its marks in text order (``docs/interchange.md``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from casebook import kinds
from casebook.errors import InvalidInput
from casebook.validate import _choice, _date, _list, _object, _text, _time

OBSERVED = "observed"
REPORTED = "reported"
OPINION = "opinion"
CLASSES = (OBSERVED, REPORTED, OPINION)
UNCLASSIFIED = "unclassified"
CLASS_LABELS = {
    OBSERVED: "Observed",
    REPORTED: "Reported",
    OPINION: "Opinion",
    UNCLASSIFIED: "Unclassified",
}
_MARK_KEYS = {"start", "end", "class", "source", "source_name", "to", "at", "basis"}


@dataclass(frozen=True)
class Mark:
    """One marked passage of a free-text field."""

    field: str
    start: int
    end: int
    cls: str
    source_key: str | None = None
    source_name: str | None = None
    told_to: str | None = None
    told_at: str | None = None
    basis: str | None = None

    def document(self) -> dict[str, Any]:
        """The casebook/1.1 span object (keys left out when empty)."""
        out: dict[str, Any] = {"start": self.start, "end": self.end, "class": self.cls}
        for key, value in (
            ("source", self.source_key),
            ("source_name", self.source_name),
            ("to", self.told_to),
            ("at", self.told_at),
            ("basis", self.basis),
        ):
            if value:
                out[key] = value
        return out

    def source_text(self, names: Mapping[str, str] | None = None) -> str:
        """Who said it (reported) or on what basis (opinion), in words."""
        if self.cls == REPORTED:
            who = (names or {}).get(self.source_key or "", self.source_key or "")
            who = who or self.source_name or "unnamed source"
            told = f" to {self.told_to}" if self.told_to else ""
            when = f" on {self.told_at[:10]}" if self.told_at else ""
            return f"{who}{told}{when}"
        if self.cls == OPINION:
            return f"basis: {self.basis}" if self.basis else "practitioner's view"
        return "practitioner"


def text_fields(kind: str) -> tuple[str, ...]:
    """The free-text fields of a record kind: the ones marks can be put on."""
    return tuple(spec.name for spec in kinds.FIELDS[kind] if spec.type == "text")


def parse_spans(
    obj: Any, path: str, kind: str, fields: Mapping[str, Any], person_keys: Iterable[str]
) -> list[Mark]:
    """Validate a record's ``"spans"``: ``{field: [span, ...]}``.

    Each field must be a free-text field of the record's kind; each span must lie inside
    its text, not overlap another span of that field, and carry what its class needs
    (a reported passage its source, a person's key of the case or a name).

    Raises:
        InvalidInput: naming the path of the first problem.
    """
    allowed = set(text_fields(kind))
    spans = _object(obj, path, allowed, (), noun="field")
    keys = set(person_keys)
    marks: list[Mark] = []
    for name in (n for n in text_fields(kind) if n in spans):
        text = fields.get(name) or ""
        where = f"{path}.{name}"
        field_marks = [
            _mark(item, f"{where}[{i}]", name, text, keys)
            for i, item in enumerate(_list(spans[name], where))
        ]
        field_marks.sort(key=lambda m: m.start)
        for before, after in itertools.pairwise(field_marks):
            if after.start < before.end:
                raise InvalidInput(where, "marked passages overlap")
        marks += field_marks
    return marks


def _mark(item: Any, path: str, field: str, text: str, keys: set[str]) -> Mark:
    obj = _object(item, path, _MARK_KEYS, ("start", "end", "class"))
    start, end = obj["start"], obj["end"]
    for key, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(f"{path}.{key}", "expected a whole number (a character offset)")
    if not 0 <= start < end <= len(text):
        raise InvalidInput(
            path, f"the passage {start}..{end} is not inside the text ({len(text)} characters)"
        )
    cls = _choice(obj["class"], f"{path}.class", CLASSES)
    source_key = obj.get("source")
    if source_key is not None and (not isinstance(source_key, str) or source_key not in keys):
        raise InvalidInput(f"{path}.source", "expected the key of a person of this case")
    source_name = _optional_text(obj.get("source_name"), f"{path}.source_name")
    told_to = _optional_text(obj.get("to"), f"{path}.to")
    told_at = _when(obj["at"], f"{path}.at") if obj.get("at") is not None else None
    basis = _optional_text(obj.get("basis"), f"{path}.basis", 2000)
    if cls == REPORTED and not (source_key or source_name):
        raise InvalidInput(path, "a reported passage needs its source: a person or a name")
    if cls != REPORTED and (source_key or source_name or told_to or told_at):
        raise InvalidInput(path, f"only a reported passage has a source; this one is {cls}")
    if cls != OPINION and basis:
        raise InvalidInput(f"{path}.basis", f"only an opinion has a basis; this one is {cls}")
    return Mark(field, start, end, cls, source_key, source_name, told_to, told_at, basis)


def _when(value: Any, path: str) -> str:
    """A day (``YYYY-MM-DD``) or a time with its offset: when something was said."""
    if isinstance(value, str) and len(value) == 10:
        return _date(value, path)
    return _time(value, path)


def _optional_text(value: Any, path: str, max_chars: int = 500) -> str | None:
    if value is None:
        return None
    text = _text(value, path, max_chars).strip()
    return text or None


def spans_document(marks: Iterable[Mark]) -> dict[str, list[dict[str, Any]]]:
    """Marks as a record's casebook/1.1 ``"spans"`` object (empty: no marks)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for mark in marks:
        out.setdefault(mark.field, []).append(mark.document())
    return out


@dataclass(frozen=True)
class Passage:
    """A piece of a field's text and its class (``unclassified`` where unmarked)."""

    field: str
    text: str
    cls: str
    mark: Mark | None = None


def passages(fields: Mapping[str, Any], kind: str, marks: Iterable[Mark]) -> list[Passage]:
    """Every free-text field of a record cut into marked and unclassified passages.

    Whitespace-only pieces between marks are left out.
    """
    by_field: dict[str, list[Mark]] = {}
    for mark in marks:
        by_field.setdefault(mark.field, []).append(mark)
    out: list[Passage] = []
    for name in text_fields(kind):
        text = fields.get(name) or ""
        at = 0
        for mark in sorted(by_field.get(name, []), key=lambda m: m.start):
            _unclassified(out, name, text[at : mark.start])
            out.append(Passage(name, text[mark.start : mark.end].strip(), mark.cls, mark))
            at = mark.end
        _unclassified(out, name, text[at:])
    return out


def _unclassified(out: list[Passage], field: str, text: str) -> None:
    if text.strip():
        out.append(Passage(field, text.strip(), UNCLASSIFIED))


def check_only(value: str) -> tuple[str, str | None]:
    """Parse a search filter: ``observed``, ``opinion``, ``reported`` or ``reported:KEY``.

    Raises:
        InvalidInput: naming ``only``.
    """
    cls, _, key = value.partition(":")
    if cls not in CLASSES:
        raise InvalidInput("only", "expected observed, reported, reported:KEY or opinion")
    if key and cls != REPORTED:
        raise InvalidInput("only", "only reported passages have a source (reported:KEY)")
    return cls, key or None
