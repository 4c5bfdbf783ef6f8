"""The language check: wording that practice guidance asks practitioners to avoid.

The shipped list is ``resources/language/guidance.json`` (its sources are named in the
file). A notebook may keep an override (turned-off entries, changed entries, its own) in
its encrypted settings; the shipped file is never changed. :func:`check_record` lists
the findings in a record's own words (never in verbatim quotes of what someone said);
the practitioner decides what to do with each. Nothing here ever blocks a save.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from casebook import kinds
from casebook.errors import InvalidInput
from casebook.fieldtypes import rules
from casebook.paths import resource_dir
from casebook.validate import _bool, _list, _object, _text

GUIDANCE_FILE = "guidance.json"
MAX_PATTERN = 200
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_ID = re.compile(r"^[a-z0-9][a-z0-9\-]{0,63}$")


@dataclass(frozen=True)
class Entry:
    """One piece of guidance: the wording, why to avoid it, and neutral alternatives."""

    id: str
    patterns: tuple[str, ...]
    reason: str
    alternatives: tuple[str, ...] = ()
    source: str = ""
    kinds: tuple[str, ...] = ()
    disclosure: bool = False

    def applies(self, kind: str, has_disclosure: bool) -> bool:
        """Whether the entry applies to a record of ``kind`` (holding a disclosure or not)."""
        if self.kinds and kind not in self.kinds:
            return False
        return has_disclosure or not self.disclosure

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "patterns": list(self.patterns),
                               "reason": self.reason, "alternatives": list(self.alternatives),
                               "source": self.source}  # fmt: skip
        if self.kinds:
            out["kinds"] = list(self.kinds)
        if self.disclosure:
            out["disclosure"] = True
        return out

    @property
    def regex(self) -> re.Pattern[str]:
        return _regex(self.patterns)


@lru_cache(maxsize=512)
def _regex(patterns: tuple[str, ...]) -> re.Pattern[str]:
    parts = [
        r"\s+".join(re.escape(w) for w in p.translate(_APOSTROPHES).split())
        for p in sorted(patterns, key=len, reverse=True)
    ]
    return re.compile(r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w'])", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """Wording in one field of a record that an entry flags.

    ``field`` is where it is: a field name (``narrative``), ``disclosure.response`` or
    ``actions[2].text``; ``start``/``end`` index the field's text.
    """

    field: str
    start: int
    end: int
    phrase: str
    entry: Entry


@dataclass
class Guidance:
    """The list in force: the shipped entries with a notebook's override applied."""

    entries: list[Entry]
    sources: list[str] = field(default_factory=list)
    about: str = ""


def parse_entry(obj: Any, path: str) -> Entry:
    """Validate one entry.

    Raises:
        InvalidInput: naming the path of the first problem.
    """
    allowed = {"id", "patterns", "reason", "alternatives", "source", "kinds", "disclosure"}
    obj = _object(obj, path, allowed, ("id", "patterns", "reason"))
    entry_id = _text(obj["id"], f"{path}.id", 64)
    if not _ID.match(entry_id):
        raise InvalidInput(f"{path}.id", "lower-case letters, digits and hyphens")
    patterns = []
    for i, p in enumerate(_list(obj["patterns"], f"{path}.patterns")):
        text = _text(p, f"{path}.patterns[{i}]", MAX_PATTERN).strip()
        if not text:
            raise InvalidInput(f"{path}.patterns[{i}]", "must not be empty")
        patterns.append(text)
    if not patterns:
        raise InvalidInput(f"{path}.patterns", "at least one pattern")
    alternatives = [
        _text(a, f"{path}.alternatives[{i}]", 500)
        for i, a in enumerate(_list(obj.get("alternatives", []), f"{path}.alternatives"))
    ]
    entry_kinds = []
    for i, k in enumerate(_list(obj.get("kinds", []), f"{path}.kinds")):
        if k not in kinds.KINDS:
            raise InvalidInput(f"{path}.kinds[{i}]", f"expected one of {', '.join(kinds.KINDS)}")
        entry_kinds.append(k)
    return Entry(
        id=entry_id,
        patterns=tuple(patterns),
        reason=_text(obj["reason"], f"{path}.reason", 2000),
        alternatives=tuple(a for a in alternatives if a.strip()),
        source=_text(obj.get("source", ""), f"{path}.source", 2000),
        kinds=tuple(entry_kinds),
        disclosure=_bool(obj.get("disclosure", False), f"{path}.disclosure"),
    )


@lru_cache(maxsize=1)
def shipped() -> Guidance:
    """The shipped list (``resources/language/guidance.json``)."""
    raw = json.loads((resource_dir("language") / GUIDANCE_FILE).read_text(encoding="utf-8"))
    entries = [parse_entry(e, f"entries[{i}]") for i, e in enumerate(raw["entries"])]
    return Guidance(entries=entries, sources=list(raw.get("sources", [])),
                    about=raw.get("about", ""))  # fmt: skip


def parse_override(obj: Any) -> dict[str, Entry | None]:
    """Validate a notebook's override: ``{"entries": {id: entry or null}}`` (null: turned off).

    Raises:
        InvalidInput: naming the path of the first problem.
    """
    obj = _object(obj, "$", {"entries"}, ())
    entries = obj.get("entries", {})
    if not isinstance(entries, dict):
        raise InvalidInput("entries", "expected an object")
    out: dict[str, Entry | None] = {}
    for key, value in entries.items():
        where = f"entries.{key}"
        if value is None:
            out[key] = None
            continue
        entry = parse_entry(value, where)
        if entry.id != key:
            raise InvalidInput(f"{where}.id", "must be the same as its key")
        out[key] = entry
    return out


def render_override(override: Mapping[str, Entry | None]) -> dict[str, Any]:
    """An override as JSON (what :func:`parse_override` reads)."""
    return {"entries": {k: (v.to_json() if v else None) for k, v in override.items()}}


def apply_override(base: Guidance, override: Mapping[str, Entry | None]) -> Guidance:
    """The shipped entries, each replaced or turned off as the override says, then its own."""
    shipped_ids = {e.id for e in base.entries}
    entries = []
    for entry in base.entries:
        if entry.id in override:
            replaced = override[entry.id]
            if replaced is not None:
                entries.append(replaced)
        else:
            entries.append(entry)
    entries += [e for k, e in override.items() if k not in shipped_ids and e is not None]
    return Guidance(entries=entries, sources=base.sources, about=base.about)


def diff_override(
    base: Guidance, wanted: Iterable[Entry], off: Iterable[str]
) -> dict[str, Entry | None]:
    """The override that turns the shipped list into ``wanted`` with the ids in ``off`` off."""
    shipped_by_id = {e.id: e for e in base.entries}
    override: dict[str, Entry | None] = dict.fromkeys(off)
    for entry in wanted:
        if entry.id in override:
            continue
        if shipped_by_id.get(entry.id) != entry:
            override[entry.id] = entry
    return override


# -- checking ---------------------------------------------------------------------------------


def record_texts(kind: str, fields: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(where, text) of every text in a record's fields that the practitioner wrote.

    What someone said word for word (a child's quotes, a disclosure's verbatim account) is
    never flagged: the practitioner cannot reword it (see :mod:`casebook.fieldtypes`).
    """
    out: list[tuple[str, str]] = []
    for spec in kinds.FIELDS[kind]:
        value = fields.get(spec.name)
        if value is not None:
            out += rules(spec).own_words(spec, value)
    for i, action in enumerate(fields.get("actions") or []):
        if isinstance(action, dict) and isinstance(action.get("text"), str):
            out.append((f"actions[{i}].text", action["text"]))
    return out


def check_text(text: str, where: str, entries: Iterable[Entry]) -> list[Finding]:
    """Findings in one text."""
    folded = text.translate(_APOSTROPHES)  # same length: offsets stay valid
    out = []
    for entry in entries:
        for match in entry.regex.finditer(folded):
            out.append(
                Finding(where, match.start(), match.end(), text[match.start() : match.end()], entry)
            )
    return sorted(out, key=lambda f: (f.start, f.end))


def check_record(kind: str, fields: Mapping[str, Any], guidance: Guidance) -> list[Finding]:
    """Findings in a record's own words, field by field in the order of the form."""
    has_disclosure = bool(fields.get("disclosure") or fields.get("disclosures"))
    entries = [e for e in guidance.entries if e.applies(kind, has_disclosure)]
    out: list[Finding] = []
    for where, text in record_texts(kind, fields):
        if text:
            out += check_text(text, where, entries)
    return out


def matching_case(original: str, replacement: str) -> str:
    """``replacement`` with the first letter capitalised if ``original``'s was."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
