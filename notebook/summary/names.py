# ruff: noqa: RUF001, RUF002
"""Find people's names in free text, whatever the case, accents or script.

:class:`NameMatcher` compiles one regular expression out of many *terms* (a
full name, a first name, a surname, a preferred name, a date of birth) and
replaces every occurrence with the term's replacement in one pass, so that a
replacement is never itself matched again.

A term matches:

* in any letter case (``JANE``, ``jane``), with or without accents
  (``Lukasz`` finds ``Łukasz`` and the other way round, ``Nguyen`` finds
  ``Nguyễn``), in composed or decomposed form;
* only as a whole word: the neighbours must not be letters (``Jane's``,
  ``Jane’s``, ``(Jane)``, ``Jane_drawing.jpg``, ``Jane2`` match; ``Janet``
  does not);
* across any run of spaces for multi-word names;
* in the plural (``the Smiths``, ``the Smiths' house``);
* after the one-letter prefixes Hebrew and Arabic attach to words (``ודוד``,
  ``ومحمد``); the prefix is kept.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Letters whose accent-free form is not reached by Unicode decomposition.
_SPECIAL_FOLDS = {
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ı": "i",
    "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ƒ": "f", "ð": "d", "Ð": "D",
}  # fmt: skip

# Scripts whose letters get accent-insensitive classes: Latin, Greek, Cyrillic.
_FOLD_RANGES = ((0x41, 0x24F), (0x370, 0x4FF), (0x1E00, 0x1FFF))

# Marks and invisible characters that may sit inside a written name.
_MARKS = (
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u0640\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u00ad\u200b-\u200d\u2060]*"
)
_HYPHENS = "[-\u2010\u2011\u2012\u2013]"
_APOSTROPHES = "['\u2019\u2018`\u02bc]"
_SPACE = "[\\s\u00a0\u202f]+"

# No letter may touch a term; digits, underscores and punctuation may
# ("Lily2", "lily_drawing.jpg").
_BEFORE = r"(?<![^\W\d_])"
_AFTER = r"(?![^\W\d_])"

_HEBREW_PREFIX = "(?:[\u05d5\u05d4\u05d1\u05dc\u05de\u05e9\u05db]{1,2})?"
_ARABIC_PREFIX = "(?:\u0648\u0627\u0644|\u0628\u0627\u0644|\u0641\u0627\u0644|\u0643\u0627\u0644|\u0627\u0644|\u0644\u0644|[\u0648\u0641\u0628\u0644\u0643])?"  # noqa: E501


@dataclass(frozen=True)
class Term:
    """Something to find and what to put in its place.

    Attributes:
        pattern: Regular expression for the term (see :func:`name_pattern`).
        replacement: Text that replaces each occurrence.
        weight: Terms with a larger weight are tried first (longer names first,
            so that ``Jane Smith`` wins over ``Jane``).
    """

    pattern: str
    replacement: str
    weight: int


def fold_letter(char: str) -> str:
    """Strip accents from one letter (``ễ`` → ``e``, ``Ł`` → ``L``).

    Args:
        char: A single character.

    Returns:
        The base letter, or ``char`` itself when it has no simpler form.
    """
    if char in _SPECIAL_FOLDS:
        return _SPECIAL_FOLDS[char]
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 else char


@functools.cache
def _fold_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for start, end in _FOLD_RANGES:
        for code in range(start, end + 1):
            char = chr(code)
            if char.isalpha():
                index.setdefault(fold_letter(char).casefold(), set()).add(char)
    return {key: frozenset(chars) for key, chars in index.items()}


def _letter_class(char: str) -> str:
    variants = {char, char.lower(), char.upper()}
    variants |= _fold_index().get(fold_letter(char).casefold(), frozenset())
    variants = {v for v in variants if len(v) == 1}
    return "[" + "".join(re.escape(v) for v in sorted(variants)) + "]" + _MARKS


def name_pattern(name: str) -> str:
    """Build the pattern for one name or name part (without boundaries).

    Args:
        name: The name as written in the people list.

    Returns:
        A regular expression fragment matching the name in the ways listed in
        the module docstring.
    """
    words: list[str] = []
    for word in name.split():
        parts: list[str] = []
        for char in word:
            if re.fullmatch(_HYPHENS, char):
                parts.append(_HYPHENS)
            elif re.fullmatch(_APOSTROPHES, char):
                parts.append(_APOSTROPHES)
            elif char.isalpha():
                parts.append(_letter_class(char))
            elif unicodedata.combining(char):
                continue
            else:
                parts.append(re.escape(char))
        words.append("".join(parts))
    # An optional plural "s": notes speak of "the Smiths".
    body = _SPACE.join(words) + "s?"
    first = name.strip()[:1]
    if first and "\u0590" <= first <= "\u05ff":
        return _HEBREW_PREFIX + f"(?P<NAME>{body})"
    if first and "\u0600" <= first <= "\u06ff":
        return _ARABIC_PREFIX + f"(?P<NAME>{body})"
    return f"(?P<NAME>{body})"


class NameMatcher:
    """Replace many terms in text in a single pass."""

    def __init__(self, terms: Iterable[Term]) -> None:
        """Compile the terms.

        Args:
            terms: Terms to find; identical patterns keep the first replacement.
        """
        unique: dict[str, Term] = {}
        for term in terms:
            unique.setdefault(term.pattern, term)
        ordered = sorted(unique.values(), key=lambda t: -t.weight)
        self._replacements = [t.replacement for t in ordered]
        alternatives = [t.pattern.replace("?P<NAME>", f"?P<n{i}>") for i, t in enumerate(ordered)]
        self._regex: re.Pattern[str] | None = None
        self._repeats: re.Pattern[str] | None = None
        if alternatives:
            self._regex = re.compile(
                _BEFORE + "(?:" + "|".join(alternatives) + ")" + _AFTER, re.IGNORECASE
            )
            # Each part of a name has the person's one replacement, so "Mai Đặng" would
            # become "Partner A Partner A": a replacement repeated across spaces is one.
            labels = sorted(set(self._replacements), key=len, reverse=True)
            self._repeats = re.compile(
                "(?P<r>" + "|".join(map(re.escape, labels)) + r")(?:[ \t\u00a0]+(?P=r)(?!\w))+"
            )

    def _replace(self, match: re.Match[str]) -> str:
        group = match.lastgroup or ""
        index = int(group[1:])
        prefix = match.string[match.start() : match.start(group)]
        return prefix + self._replacements[index]

    def sub(self, text: str) -> str:
        """Replace every term in ``text``.

        Args:
            text: Free text.

        Returns:
            The text with each occurrence replaced.
        """
        if self._regex is None or self._repeats is None or not text:
            return text
        return self._repeats.sub(r"\g<r>", self._regex.sub(self._replace, text))

    def found_in(self, text: str) -> bool:
        """Tell whether any term occurs in ``text``.

        Args:
            text: Free text.

        Returns:
            True when at least one term matches.
        """
        return self._regex is not None and self._regex.search(text) is not None
