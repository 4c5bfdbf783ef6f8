# ruff: noqa: RUF001
"""How one way of writing a name becomes a pattern that finds it however it is written.

:func:`name_tokens` turns a name into regular expression pieces that match it in any
letter case, with or without accents (:func:`fold_letter`), with German and Nordic letters
spelt out, with or without apostrophes and hyphens, across a line break, and after the
prefixes Hebrew and Arabic attach; :mod:`casebook.summary.names` puts the pieces of many
names together and decides where a match is a name.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

# Letters whose accent-free form is not reached by Unicode decomposition.
_SPECIAL_FOLDS = {
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ı": "i",
    "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ƒ": "f", "ð": "d", "Ð": "D",
}  # fmt: skip

# Letters that are also written as two (German and Nordic spellings): each way of writing
# the letter is accepted for the other.
SPELLED_OUT = {
    "ß": "ss", "ø": "oe", "ö": "oe", "å": "aa", "ü": "ue", "ä": "ae", "æ": "ae",
    "œ": "oe", "þ": "th",
}  # fmt: skip
_SPELLED_BACK = {
    "ss": "ßẞ", "oe": "øØöÖœŒ", "aa": "åÅ", "ue": "üÜ", "ae": "äÄæÆ", "th": "þÞ",
}  # fmt: skip

# Scripts whose letters get accent-insensitive classes: Latin, Greek, Cyrillic.
_FOLD_RANGES = ((0x41, 0x24F), (0x370, 0x52F), (0x1E00, 0x1FFF))

# Marks and invisible characters that may sit inside a written name.
_MARKS = (
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u0640\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u00ad\u200b-\u200d\u2060]*"
)
HYPHEN_CHARS = "-\u2010\u2011\u2012\u2013"
APOSTROPHE_CHARS = "'\u2019\u2018`\u02bc"
# A hyphen inside a name may be left out, or be a space, or end a line.
_HYPHEN = f"(?:[{HYPHEN_CHARS}][ \\t]*(?:\\r?\\n[ \\t]*)?|[ \\t]+)?"
_APOSTROPHE = f"[{APOSTROPHE_CHARS}]?"
# A word broken at the end of a line: "Kowal-\nczyk".
_SOFT_BREAK = "(?:-[ \\t]*\\r?\\n[ \\t]*)?"
SPACE = "[\\s\u00a0\u202f]+"

_HEBREW_PREFIX = "(?P<hp>[\u05d5\u05d4\u05d1\u05dc\u05de\u05e9\u05db]{1,2})?"
_ARABIC_PREFIX = "(?P<ap>\u0648\u0627\u0644|\u0628\u0627\u0644|\u0641\u0627\u0644|\u0643\u0627\u0644|\u0627\u0644|\u0644\u0644|[\u0648\u0641\u0628\u0644\u0643])?"  # noqa: E501

# Scripts written without spaces between words: names there have no word boundaries.
_UNSEGMENTED = (
    (0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x2E80, 0x2FDF),
    (0x3040, 0x30FF), (0x3100, 0x312F), (0x3190, 0x31FF), (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0x1100, 0x11FF), (0xF900, 0xFAFF),
    (0x20000, 0x2FA1F),
)  # fmt: skip


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


def plain(text: str) -> str:
    """``text`` in lower-case ASCII letters only (``Thị`` → ``thi``, ``Ольга`` → ``olga``)."""
    from anyascii import anyascii

    return "".join(c for c in anyascii(text).casefold() if c.isascii() and c.isalpha())


def is_unsegmented(text: str) -> bool:
    """Whether ``text`` has letters of a script written without spaces (CJK, Thai ...)."""
    return any(_unsegmented_char(c) for c in text)


def _unsegmented_char(char: str) -> bool:
    code = ord(char)
    return any(start <= code <= end for start, end in _UNSEGMENTED)


@functools.cache
def _fold_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for start, end in _FOLD_RANGES:
        for code in range(start, end + 1):
            char = chr(code)
            if char.isalpha():
                index.setdefault(fold_letter(char).casefold(), set()).add(char)
    return {key: frozenset(chars) for key, chars in index.items()}


@functools.cache
def _variants(char: str) -> frozenset[str]:
    variants = {char, char.lower(), char.upper()}
    variants |= _fold_index().get(fold_letter(char).casefold(), frozenset())
    return frozenset(v for v in variants if len(v) == 1)


def _class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


def _letter_class(char: str, *, capital: bool = False) -> str:
    variants = _variants(char)
    if capital:
        variants = frozenset(v for v in variants if not v.islower())
    return _class(variants) + _MARKS


@functools.cache
def case_classes() -> tuple[str, str]:
    """Character classes of the small and the capital letters of cased scripts."""
    lower: list[str] = []
    upper: list[str] = []
    for start, end in (*_FOLD_RANGES, (0x531, 0x587), (0x10A0, 0x10FF)):
        for code in range(start, end + 1):
            char = chr(code)
            if char.islower():
                lower.append(char)
            elif char.isupper():
                upper.append(char)
    return _class(lower), _class(upper)


def _letter(word: str, i: int, *, capital: bool) -> tuple[str, int]:
    """The token for the letter(s) at ``word[i]`` and how many characters it used."""
    pair = word[i : i + 2]
    if len(pair) == 2 and pair.isascii() and pair.casefold() in _SPELLED_BACK:
        singles = _SPELLED_BACK[pair.casefold()]
        if capital:
            singles = "".join(c for c in singles if c.isupper())
        spelled = _letter_class(word[i], capital=capital) + _letter_class(word[i + 1])
        return f"(?:{spelled}|{_class(singles)}{_MARKS})", 2
    char = word[i]
    out = SPELLED_OUT.get(char.lower())
    if out:
        spelled = _letter_class(out[0], capital=capital) + _letter_class(out[1])
        return f"(?:{_letter_class(char, capital=capital)}|{spelled})", 1
    return _letter_class(char, capital=capital), 1


def _word_tokens(word: str, *, capital: bool) -> list[str]:
    tokens: list[str] = []
    i = 0
    first = True
    previous_letter = False
    while i < len(word):
        char = word[i]
        if char in HYPHEN_CHARS:
            tokens.append(_HYPHEN)
            previous_letter = False
            i += 1
        elif char in APOSTROPHE_CHARS:
            tokens.append(_APOSTROPHE)
            previous_letter = False
            i += 1
        elif char.isalpha():
            if previous_letter:
                tokens.append(_SOFT_BREAK)
            token, used = _letter(word, i, capital=capital and first)
            tokens.append(token)
            first = False
            previous_letter = True
            i += used
        elif unicodedata.combining(char):
            i += 1
        else:
            tokens.append(re.escape(char))
            previous_letter = False
            i += 1
    return tokens


def _joiner(before: str, after: str) -> str:
    """What may stand between two words of a name: spaces, ``_``, ``.``, ``-``, or nothing
    where a small letter meets a capital (``LukaszWojcik``)."""
    last = next((c for c in reversed(before) if c.isalpha()), "")
    first = next((c for c in after if c.isalpha()), "")
    joiners = [SPACE, "[_.\\-][ \\t]*"]
    smalls = [v for v in _variants(last) if v.islower()] if last else []
    capitals = [v for v in _variants(first) if v.isupper()] if first else []
    if smalls and capitals:
        joiners.append(f"(?<={_class(smalls)})(?={_class(capitals)})")
    return "(?:" + "|".join(joiners) + ")"


def name_tokens(name: str, *, strict: bool = False, plural: bool = False) -> tuple[str, ...]:
    """The pieces of the pattern for one way of writing a name (without boundaries).

    Args:
        name: A name, name part or other name as written in the people list.
        strict: Every word must begin with a capital letter (strict terms).
        plural: Allow a plural "s" ("the Nowaks").

    Returns:
        Regular expression pieces matching the name in the ways listed in the
        module docstring.
    """
    words = name.split()
    if is_unsegmented(name):
        return ("\\s*".join(re.escape(w) for w in words),)
    tokens: list[str] = []
    first = name.strip()[:1]
    if first and "\u0590" <= first <= "\u05ff":
        tokens.append(_HEBREW_PREFIX)
    elif first and "\u0600" <= first <= "\u06ff":
        tokens.append(_ARABIC_PREFIX)
    for n, word in enumerate(words):
        if n:
            tokens.append(_joiner(words[n - 1], word))
        tokens.extend(_word_tokens(word, capital=strict))
    if plural:
        tokens.append("[sS]?")
    return tuple(tokens)
