"""What the practitioner checks before a summary is signed.

:func:`undrawable_characters` lists the characters of a summary that no bundled font
draws (the PDF shows them as ``[U+XXXX]`` markers), so that the CLI and the app can say
so before signing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def undrawable_characters(summary_input: dict[str, Any]) -> list[str]:
    """The characters of a summary input that no registered font can draw.

    Args:
        summary_input: The summary input (redacted or not), as it will be rendered.

    Returns:
        The characters in code point order (empty when every character is drawn).
    """
    from notebook.summary.fonts import register_fonts
    from notebook.summary.text import undrawable

    coverage = register_fonts()
    found: set[str] = set()
    for text in shown_strings(summary_input):
        found |= undrawable(text, coverage)
    return sorted(found)


def shown_strings(summary_input: dict[str, Any]) -> Iterator[str]:
    """Every string of a summary input that the PDF may show.

    Args:
        summary_input: The summary input.

    Yields:
        The strings (reflections only when the summary includes them).
    """
    for key, value in summary_input.items():
        if key == "reflections" and not summary_input.get("include_reflections"):
            continue
        yield from _strings(value)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
