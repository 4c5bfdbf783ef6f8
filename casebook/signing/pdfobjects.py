"""Comparing the raw objects of two revisions of a PDF (pyHanko's generic objects).

References compare by number, strings by their bytes, streams by their encoded data; the
helpers read a dictionary entry without resolving or failing. :mod:`casebook.signing.revisions`
decides with them what a later revision may change.
"""

from __future__ import annotations

import re
from typing import Any

# What a signer legitimately rewrites in XMP metadata and a stream with each update.
_XMP_VOLATILE = re.compile(
    rb"((?:xmp:ModifyDate|xmp:MetadataDate|pdf:Producer)=\")[^\"]*(\")"
    rb"|(<(xmp:ModifyDate|xmp:MetadataDate|pdf:Producer)>)[^<]*(</\4>)"
)
_STREAM_VOLATILE = frozenset({"/Length"})


class NotAllowed(Exception):
    """A change a countersignature may not make (the message says what it was)."""


def same(a: Any, b: Any) -> bool:
    """Whether two raw PDF values are the same (references compared by number)."""
    from pyhanko.pdf_utils import generic

    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, generic.NullObject):
        return isinstance(b, generic.NullObject)
    if isinstance(a, generic.IndirectObject):
        return isinstance(b, generic.IndirectObject) and a.reference == b.reference
    if isinstance(a, generic.StreamObject):
        return (
            isinstance(b, generic.StreamObject)
            and a.encoded_data == b.encoded_data
            and same_except(a, b, frozenset())
        )
    if isinstance(a, generic.DictionaryObject):
        return isinstance(b, generic.DictionaryObject) and same_except(a, b, frozenset())
    if isinstance(a, generic.ArrayObject):
        return (
            isinstance(b, generic.ArrayObject)
            and len(a) == len(b)
            and all(same(a.raw_get(i), b.raw_get(i)) for i in range(len(a)))
        )
    if isinstance(a, generic.TextStringObject | generic.ByteStringObject):
        return (
            isinstance(b, generic.TextStringObject | generic.ByteStringObject)
            and a.original_bytes == b.original_bytes
        )
    return type(a) is type(b) and bool(a == b)


def same_except(a: Any, b: Any, ignored: frozenset[str] | set[str]) -> bool:
    """Whether two dictionaries agree on every key but ``ignored`` (streams: data too)."""
    from pyhanko.pdf_utils import generic

    if not isinstance(a, generic.DictionaryObject) or not isinstance(b, generic.DictionaryObject):
        return False
    if isinstance(a, generic.StreamObject) != isinstance(b, generic.StreamObject):
        return False
    keys = set(a.keys()) | set(b.keys())
    for key in keys - set(ignored):
        if key not in a or key not in b or not same(a.raw_get(key), b.raw_get(key)):
            return False
    return True


def same_xmp(a: Any, b: Any) -> bool:
    """XMP streams that differ at most in their modification dates and producer."""
    from pyhanko.pdf_utils import generic

    if not (isinstance(a, generic.StreamObject) and isinstance(b, generic.StreamObject)):
        return False
    if not same_except(a, b, _STREAM_VOLATILE):
        return False
    return _XMP_VOLATILE.sub(rb"\1\2\3\5", a.data) == _XMP_VOLATILE.sub(rb"\1\2\3\5", b.data)


def appended(before: Any, after: Any, key: str, what: str) -> list[Any]:
    """The items appended to the array ``key`` (absent counts as empty)."""
    return appended_items(raw(before, key), raw(after, key), what)


def appended_items(before: Any, after: Any, what: str) -> list[Any]:
    old_items, new_items = items(before), items(after)
    if len(new_items) < len(old_items) or not all(
        same(x, y) for x, y in zip(old_items, new_items, strict=False)
    ):
        raise NotAllowed(f"removes or reorders {what}")
    return new_items[len(old_items) :]


def is_empty_signature_field(obj: Any) -> bool:
    return (
        name(obj, "/FT") == "/Sig"
        and name(obj, "/Subtype") == "/Widget"
        and "/V" not in obj
        and "/Kids" not in obj
    )


def area(widget: Any) -> float:
    try:
        x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    except (KeyError, TypeError, ValueError):
        return -1.0  # no usable rectangle: never counted as invisible
    return abs(x2 - x1) * abs(y2 - y1)


def appearance_area(widget: Any) -> float:
    """The largest bounding box among a widget's appearance streams (0 when none)."""
    largest = 0.0
    appearances = get(widget, "/AP")
    for key in ("/N", "/R", "/D"):
        entry = get(appearances, key)
        streams = [entry] if hasattr(entry, "encoded_data") else []
        if entry is not None and not streams and hasattr(entry, "keys"):
            streams = [get(entry, state) for state in entry]  # appearance states
        for stream in streams:
            try:
                x1, y1, x2, y2 = (float(v) for v in stream["/BBox"])
            except (KeyError, TypeError, ValueError):
                return -1.0  # unreadable: never counted as empty
            largest = max(largest, abs(x2 - x1) * abs(y2 - y1))
    return largest


def rect_text(widget: Any) -> str:
    try:
        x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    except (KeyError, TypeError, ValueError):
        return "an unreadable position"
    return f"({x1:.0f}, {y1:.0f})-({x2:.0f}, {y2:.0f})"


def raw(container: Any, key: str) -> Any:
    try:
        return container.raw_get(key)
    except (KeyError, AttributeError):
        return None


def ref(value: Any) -> Any:
    from pyhanko.pdf_utils import generic

    return value.reference if isinstance(value, generic.IndirectObject) else None


def items(value: Any) -> list[Any]:
    from pyhanko.pdf_utils import generic

    if isinstance(value, generic.ArrayObject):
        return [value.raw_get(i) for i in range(len(value))]
    return [] if value is None else [value]


def get(obj: Any, key: str) -> Any:
    """``obj[key]`` dereferenced, or None when absent (or ``obj`` is no dictionary)."""
    try:
        return obj[key]
    except (KeyError, TypeError, AttributeError, IndexError):
        return None


def name(obj: Any, key: str) -> str | None:
    value = get(obj, key)
    return str(value) if value is not None else None
