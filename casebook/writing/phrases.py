"""Phrases (a practitioner's own snippets) and templates (headings for a record kind's field).

A :class:`Phrase` has a name, an optional trigger word (typed, then Tab or space, it is
replaced by the phrase's text) and its text. A :class:`Template` belongs to a record kind
and one of its text fields; it is inserted only by an explicit action into an empty box.

This module also reads and writes them as the optional top-level ``"phrases"`` and
``"templates"`` keys of a casebook/1 document, and merges imported ones into a notebook's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from casebook import kinds
from casebook.errors import InvalidInput
from casebook.validate import _list, _object, _text

MAX_NAME = 200
MAX_TRIGGER = 40
MAX_TEXT = 20_000
MAX_PHRASES = 2_000
_TRIGGER = re.compile(r"^\S+$")


@dataclass(frozen=True)
class Phrase:
    """A snippet of the practitioner's own words."""

    name: str
    text: str
    trigger: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        if self.trigger:
            out["trigger"] = self.trigger
        out["text"] = self.text
        return out


@dataclass(frozen=True)
class Template:
    """Headings for one text field of one record kind."""

    kind: str
    field: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "field": self.field, "text": self.text}


def text_fields(kind: str) -> list[str]:
    """The free-text fields of a record kind (where a template can go)."""
    return [spec.name for spec in kinds.FIELDS[kind] if spec.type == "text"]


# Offered until the practitioner saves their own templates; inserted only on request.
DEFAULT_TEMPLATES: tuple[Template, ...] = (
    Template(
        "session",
        "narrative",
        "Purpose and agreement for today:\n\nWhat we talked about:\n\n"
        "What they said about the offence and their risk:\n\nMy analysis:\n",
    ),
    Template(
        "child_work",
        "observations",
        "How the child presented:\n\nWhat we did:\n\nWhat I noticed:\n\nMy analysis:\n",
    ),
    Template(
        "partner_support",
        "feelings",
        "How they are feeling today:\n\nWhat has changed since we last met:\n\n"
        "What they want help with:\n",
    ),
)


# -- casebook/1 -------------------------------------------------------------------------------


def parse_phrases(obj: Any, path: str = "phrases") -> list[Phrase]:
    """Validate a ``"phrases"`` list.

    Raises:
        InvalidInput: naming the path of the first problem.
    """
    items = _list(obj, path)
    if len(items) > MAX_PHRASES:
        raise InvalidInput(path, f"at most {MAX_PHRASES} phrases")
    out: list[Phrase] = []
    names: dict[str, int] = {}
    triggers: dict[str, int] = {}
    for i, item in enumerate(items):
        where = f"{path}[{i}]"
        entry = _object(item, where, {"name", "trigger", "text"}, ("name", "text"))
        name = _text(entry["name"], f"{where}.name", MAX_NAME).strip()
        if not name:
            raise InvalidInput(f"{where}.name", "must not be empty")
        trigger = _text(entry.get("trigger") or "", f"{where}.trigger", MAX_TRIGGER)
        if trigger and not _TRIGGER.match(trigger):
            raise InvalidInput(f"{where}.trigger", "a trigger is one word, without spaces")
        text = _text(entry["text"], f"{where}.text", MAX_TEXT)
        if not text.strip():
            raise InvalidInput(f"{where}.text", "must not be empty")
        if name.casefold() in names:
            raise InvalidInput(
                f"{where}.name", f"the name also appears at {path}[{names[name.casefold()]}]"
            )
        names[name.casefold()] = i
        if trigger:
            if trigger.casefold() in triggers:
                raise InvalidInput(
                    f"{where}.trigger",
                    f"the trigger also appears at {path}[{triggers[trigger.casefold()]}]",
                )
            triggers[trigger.casefold()] = i
        out.append(Phrase(name=name, text=text, trigger=trigger))
    return out


def parse_templates(obj: Any, path: str = "templates") -> list[Template]:
    """Validate a ``"templates"`` list.

    Raises:
        InvalidInput: naming the path of the first problem.
    """
    out: list[Template] = []
    seen: dict[tuple[str, str], int] = {}
    for i, item in enumerate(_list(obj, path)):
        where = f"{path}[{i}]"
        entry = _object(item, where, {"kind", "field", "text"}, ("kind", "field", "text"))
        kind = entry["kind"]
        if kind not in kinds.KINDS:
            raise InvalidInput(f"{where}.kind", f"expected one of {', '.join(kinds.KINDS)}")
        field = entry["field"]
        if field not in text_fields(kind):
            raise InvalidInput(f"{where}.field", f"not a text field of {kind}")
        text = _text(entry["text"], f"{where}.text", MAX_TEXT)
        if (kind, field) in seen:
            raise InvalidInput(
                where, f"{kind}.{field} also has a template at {path}[{seen[kind, field]}]"
            )
        seen[kind, field] = i
        out.append(Template(kind=kind, field=field, text=text))
    return out


def render_phrases(phrases: Iterable[Phrase]) -> list[dict[str, Any]]:
    """Phrases as the casebook/1 ``"phrases"`` list."""
    return [p.to_json() for p in phrases]


def render_templates(templates: Iterable[Template]) -> list[dict[str, Any]]:
    """Templates as the casebook/1 ``"templates"`` list."""
    return [t.to_json() for t in templates]


def merge_phrases(
    existing: list[Phrase], imported: list[Phrase], path: str = "phrases"
) -> list[Phrase]:
    """The notebook's phrases with imported ones added.

    A phrase that is already there (same name, trigger and text) is skipped; a different
    phrase with a name or trigger already in use is refused, so nothing is overwritten.

    Raises:
        InvalidInput: naming the imported phrase that clashes.
    """
    out = list(existing)
    for i, phrase in enumerate(imported):
        if phrase in out:
            continue
        for other in out:
            if other.name.casefold() == phrase.name.casefold():
                raise InvalidInput(
                    f"{path}[{i}].name", "the notebook already has a different phrase of this name"
                )
            if phrase.trigger and other.trigger.casefold() == phrase.trigger.casefold():
                raise InvalidInput(
                    f"{path}[{i}].trigger",
                    "the notebook already has a different phrase with this trigger",
                )
        out.append(phrase)
    return out


def merge_templates(
    existing: list[Template], imported: list[Template], path: str = "templates"
) -> list[Template]:
    """The notebook's templates with imported ones added (a different template for the same
    kind and field is refused rather than replaced).

    Raises:
        InvalidInput: naming the imported template that clashes.
    """
    out = list(existing)
    for i, template in enumerate(imported):
        same = next((t for t in out if (t.kind, t.field) == (template.kind, template.field)), None)
        if same == template:
            continue
        if same is not None:
            raise InvalidInput(
                f"{path}[{i}]",
                "the notebook already has a different template for "
                f"{template.kind}.{template.field}",
            )
        out.append(template)
    return out


# -- expansion --------------------------------------------------------------------------------


def phrase_for_trigger(phrases: Iterable[Phrase], word: str) -> Phrase | None:
    """The phrase whose trigger is ``word`` (case-insensitive), if any."""
    if not word:
        return None
    folded = word.casefold()
    return next((p for p in phrases if p.trigger and p.trigger.casefold() == folded), None)


def word_before(text: str, position: int) -> tuple[int, str]:
    """The run of non-space characters that ends at ``position`` in ``text``: (start, word)."""
    start = position
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start, text[start:position]


def template_for(templates: Iterable[Template], kind: str, field: str) -> Template | None:
    """The template for a kind's field, if there is one."""
    return next((t for t in templates if t.kind == kind and t.field == field), None)
