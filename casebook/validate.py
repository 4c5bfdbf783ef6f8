"""Validation of the values people and documents give: text, labels, choices, times, dates,
person keys. Each check returns the normalised value or raises :class:`InvalidInput` naming
the JSON path (``cases[0].records[3].fields.narrative``) and the problem in plain words.

Records (:mod:`casebook.record`), their field types (:mod:`casebook.fieldtypes`), the
interchange format and the writing aids all validate through these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from casebook import timeutil
from casebook.errors import InvalidInput

MAX_TEXT_CHARS = 20 * 1024 * 1024

_SURROGATE = re.compile("[\ud800-\udfff]")
# Bidirectional controls: embeddings and overrides (U+202A-U+202E), isolates
# (U+2066-U+2069), the left-to-right and right-to-left marks and the Arabic letter mark.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
# What a label may not hold: every control character (C0, DEL, C1), the line and
# paragraph separators, and the bidirectional controls.
_LABEL_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029" + "".join(sorted(BIDI_CONTROLS)) + "]"
)


def _object(
    obj: Any, path: str, allowed: set[str], required: Iterable[str], noun: str = "key"
) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise InvalidInput(path, "expected an object")
    for key in obj:
        if key not in allowed:
            raise InvalidInput(f"{path}.{key}", f"unknown {noun}")
    for key in required:
        if key not in obj or obj[key] is None:
            raise InvalidInput(f"{path}.{key}", "required")
    return obj


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidInput(path, "expected a list")
    return value


def _text(value: Any, path: str, max_chars: int = MAX_TEXT_CHARS) -> str:
    if not isinstance(value, str):
        raise InvalidInput(path, "expected text")
    if len(value) > max_chars:
        raise InvalidInput(path, f"text longer than {max_chars:,} characters")
    if "\x00" in value:
        raise InvalidInput(path, "text contains a NUL character")
    # A lone surrogate (JSON "\ud800", or bytes that were not UTF-8) is no character:
    # it cannot be stored, shown or exported, so it is refused here with its place.
    surrogate = _SURROGATE.search(value)
    if surrogate:
        raise InvalidInput(
            path,
            f"text contains a lone surrogate (U+{ord(surrogate.group()):04X}), which is not "
            "a character; the text is damaged",
        )
    return value


def check_text(value: Any, path: str, max_chars: int = MAX_TEXT_CHARS) -> str:
    """Validate free text given outside a record object (a reflection, an addendum).

    Raises:
        InvalidInput: not text, too long, a NUL or a lone surrogate.
    """
    return _text(value, path, max_chars)


def label(value: Any, path: str, max_chars: int = 500) -> str:
    """Validate a one-line label: a reference, a key or a name.

    Such text is shown in lists, file names, the summary and the terminal, so besides
    :func:`_text`'s rules it may hold no control character (line breaks and tabs
    included) and no bidirectional control, which could make it show as other text
    (docs/input-rules.md). Whitespace around it (a trailing line break from an older
    export) is dropped, not refused.

    Returns:
        the label without surrounding whitespace.

    Raises:
        InvalidInput: naming ``path`` and the character's code point.
    """
    text = _text(value, path, max_chars).strip()
    bad = _LABEL_FORBIDDEN.search(text)
    if bad:
        char = bad.group()
        what = "a bidirectional control" if char in BIDI_CONTROLS else "a control character"
        raise InvalidInput(path, f"contains {what} (U+{ord(char):04X}); type it without one")
    return text


def _bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput(path, "expected true or false")
    return value


def _choice(value: Any, path: str, choices: tuple[str, ...]) -> str:
    if value not in choices or not isinstance(value, str):
        raise InvalidInput(path, f"expected one of {', '.join(choices)}")
    return value


def _time(value: Any, path: str) -> str:
    try:
        text = timeutil.normalise_time(value)
        timeutil.check_time_range(timeutil.parse_time(text))
    except (ValueError, TypeError) as exc:
        raise InvalidInput(
            path, str(exc) if isinstance(exc, ValueError) else "expected a time"
        ) from None
    return text


def _date(value: Any, path: str, kind: str = "event") -> str:
    """A ``YYYY-MM-DD`` date in the plausible range for ``kind`` (see
    :func:`casebook.timeutil.check_date_range`: event, planned or birth)."""
    try:
        day = timeutil.parse_date(value)
    except (ValueError, TypeError):
        raise InvalidInput(path, "expected a date like 2026-03-02") from None
    try:
        timeutil.check_date_range(day, kind)
    except ValueError as exc:
        raise InvalidInput(path, str(exc)) from None
    return day.isoformat()


def _minutes(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 24 * 60:
        raise InvalidInput(path, "expected whole minutes between 0 and 1440")
    return value


def _person_key(value: Any, path: str, keys: set[str]) -> str:
    if not isinstance(value, str):
        raise InvalidInput(path, "expected a person key")
    if value not in keys:
        raise InvalidInput(path, f"no person with key {value!r} in this case")
    return value


def _person_list(value: Any, path: str, keys: set[str]) -> list[str]:
    people = [_person_key(v, f"{path}[{i}]", keys) for i, v in enumerate(_list(value, path))]
    return list(dict.fromkeys(people))


def _tags(value: Any, path: str) -> list[str]:
    tags = []
    for i, tag in enumerate(_list(value, path)):
        text = _text(tag, f"{path}[{i}]", max_chars=200).strip()
        if not text:
            raise InvalidInput(f"{path}[{i}]", "a tag cannot be empty")
        tags.append(text)
    return list(dict.fromkeys(tags))
