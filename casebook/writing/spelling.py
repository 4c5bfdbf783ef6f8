"""Spell-checking with Hunspell dictionaries read by ``spylls`` (pure Python, no system library).

The dictionaries ship in ``resources/dictionaries`` (British English first, then American
English; see the README there for sources and licences); Hunspell dictionaries installed on
the system (``/usr/share/hunspell``) are offered too. A :class:`Speller` adds to a
dictionary the words Casebook knows anyway (practice vocabulary that the dictionaries
lack), the practitioner's own words and the names of the case's people, caches every
look-up, and tells where the misspelt words of a text are. Suggestions are computed only
when asked for (they take a few hundred milliseconds).
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casebook.paths import resource_dir

DEFAULT_DICTIONARY = "en_GB"
SYSTEM_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))
EXTRA_WORDS_FILE = "casebook-words.txt"
MAX_CACHE = 50_000
MAX_SUGGESTIONS = 6
INCREMENTAL_FROM = 2_000  # characters: shorter paragraphs are simply checked again

LABELS = {
    "en_GB": "English (United Kingdom)",
    "en_US": "English (United States)",
    "en_AU": "English (Australia)",
    "en_CA": "English (Canada)",
    "en_ZA": "English (South Africa)",
    "cy_GB": "Welsh",
    "ga_IE": "Irish",
    "gd_GB": "Scottish Gaelic",
    "de_DE": "German",
    "fr_FR": "French",
    "es_ES": "Spanish",
    "pl_PL": "Polish",
    "pt_PT": "Portuguese",
    "ro_RO": "Romanian",
    "it_IT": "Italian",
    "nl_NL": "Dutch",
}

# A word: letters (any script) and combining marks, with apostrophes or hyphens inside it.
# Digits are taken in as well so that "3rd" or "B12" is one token, then skipped.
_TOKEN = re.compile(r"[\w\u0300-\u036f]+(?:['\u2019\-\u2010][\w\u0300-\u036f]+)*")
# Spans whose words are not checked: web and e-mail addresses.
_SKIP = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
    r"|\b[\w\-]+(?:\.[\w\-]+)*\.(?:uk|com|org|net|gov|nhs|io|info)(?:/\S*)?\b",
    re.IGNORECASE,
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-"})


@dataclass(frozen=True)
class DictionaryInfo:
    """A dictionary that can be chosen: its code (``en_GB``), label and files' stem."""

    code: str
    label: str
    path: Path
    bundled: bool


def available_dictionaries(system_dirs: Iterable[Path] = SYSTEM_DIRS) -> list[DictionaryInfo]:
    """The bundled dictionaries (British English first), then any others on the system."""
    found: dict[str, DictionaryInfo] = {}
    bundled = resource_dir("dictionaries")
    for folder, is_bundled in [(bundled, True), *((Path(d), False) for d in system_dirs)]:
        if not folder.is_dir():
            continue
        for dic in sorted(folder.glob("*.dic")):
            code = dic.stem
            if code in found or not dic.with_suffix(".aff").is_file():
                continue
            label = LABELS.get(code, code)
            found[code] = DictionaryInfo(code, label, dic.with_suffix(""), is_bundled)
    order = sorted(found.values(), key=lambda d: (d.code != DEFAULT_DICTIONARY, not d.bundled,
                                                  d.label))  # fmt: skip
    return order


def dictionary_info(code: str) -> DictionaryInfo | None:
    """The dictionary with ``code``, if it is there."""
    return next((d for d in available_dictionaries() if d.code == code), None)


_loaded: dict[str, Any] = {}
_load_lock = threading.Lock()


def load_dictionary(code: str) -> Any:
    """The ``spylls`` dictionary for ``code`` (read once per process: it takes about a second).

    Raises:
        LookupError: no such dictionary here.
        ValueError: the dictionary's files could not be read.
    """
    with _load_lock:
        if code in _loaded:
            return _loaded[code]
        info = dictionary_info(code)
        if info is None:
            raise LookupError(f"no dictionary {code!r}")
        try:
            dictionary = _read(info.path)
        except (OSError, UnicodeError, IndexError, KeyError, ValueError) as exc:
            raise ValueError(f"the dictionary {code!r} could not be read: {exc}") from None
        _loaded[code] = dictionary
        return dictionary


def _read(stem: Path) -> Any:
    """Read ``stem.aff`` and ``stem.dic``, closing every file (spylls' own reader leaks them)."""
    from spylls.hunspell import Dictionary, readers
    from spylls.hunspell.readers.file_reader import FileReader

    class ClosingReader(FileReader):  # type: ignore[misc]
        def reset_io(self, obj: Any) -> None:
            previous = getattr(self, "io", None)
            super().reset_io(obj)
            if previous is not None and previous is not obj:
                previous.close()

        def close(self) -> None:
            self.io.close()

    aff_reader = ClosingReader(str(stem) + ".aff")
    try:
        aff, context = readers.read_aff(aff_reader)
    finally:
        aff_reader.close()
    dic_reader = ClosingReader(str(stem) + ".dic", encoding=context.encoding)
    try:
        dic = readers.read_dic(dic_reader, aff=aff, context=context)
    finally:
        dic_reader.close()
    return Dictionary(aff, dic)


def extra_words() -> frozenset[str]:
    """Practice words that the shipped dictionaries lack (``casebook-words.txt``)."""
    path = resource_dir("dictionaries") / EXTRA_WORDS_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(
        w.strip().casefold() for w in lines if w.strip() and not w.lstrip().startswith("#")
    )


def name_words(names: Iterable[str]) -> set[str]:
    """Every part of people's names, case-folded ("Mary-Jane O'Neill" gives mary-jane, mary,
    jane, o'neill, neill)."""
    out: set[str] = set()
    for name in names:
        for match in _TOKEN.finditer(name.translate(_APOSTROPHES)):
            token = match.group().casefold()
            out.add(token)
            out.update(p for p in re.split(r"[-']", token) if p)
    return out


class Speller:
    """Checks words against a dictionary plus known words (extras, personal, names).

    Thread use: build it anywhere; call it from one thread (the GUI's).
    """

    def __init__(
        self,
        dictionary: Any,
        code: str = DEFAULT_DICTIONARY,
        *,
        personal: Iterable[str] = (),
        names: Iterable[str] = (),
        extras: Iterable[str] | None = None,
    ) -> None:
        self.code = code
        self._dictionary = dictionary
        self._extras = frozenset(extras) if extras is not None else extra_words()
        self._personal: set[str] = {w.casefold() for w in personal}
        self._names: set[str] = name_words(names)
        self._cache: dict[str, bool] = {}
        # Each token's final answer (skipped or known), for the highlighter's hot loop;
        # forgotten whenever the known words change.
        self._verdicts: dict[str, bool] = {}

    # -- known words ------------------------------------------------------------------------

    @property
    def personal_words(self) -> set[str]:
        """The practitioner's own words (case-folded)."""
        return set(self._personal)

    def set_personal_words(self, words: Iterable[str]) -> None:
        """Replace the practitioner's own words."""
        self._personal = {w.casefold() for w in words}
        self._verdicts.clear()

    def add_personal_word(self, word: str) -> None:
        """Know ``word`` from now on."""
        self._personal.add(normalise(word).casefold())
        self._verdicts.clear()

    def set_names(self, names: Iterable[str]) -> None:
        """The names of the people of the open case (every part of each name is known)."""
        self._names = name_words(names)
        self._verdicts.clear()

    # -- checking ---------------------------------------------------------------------------

    def is_known(self, word: str) -> bool:
        """Whether ``word`` (one token as :func:`misspelt` finds it) is spelt right."""
        word = normalise(word)
        if self._known_anyway(word.casefold()):
            return True
        # Only dictionary answers are cached: names and own words change while typing.
        known = self._cache.get(word)
        if known is None:
            known = self._lookup(word)
            if len(self._cache) >= MAX_CACHE:
                self._cache.clear()
            self._cache[word] = known
        return known

    def _known_anyway(self, folded: str) -> bool:
        """A name, an own word or a practice word, or the possessive of one ("Lily's")."""
        for stem in (folded, folded.removesuffix("'s"), folded.removesuffix("'")):
            if stem in self._names or stem in self._personal or stem in self._extras:
                return True
        return False

    def _lookup(self, word: str) -> bool:
        lookup = self._dictionary.lookup
        if lookup(word):
            return True
        # A possessive of a known word: "the workers'", "Tuesday's".
        for suffix in ("'s", "'"):
            if word.endswith(suffix) and len(word) > len(suffix) and lookup(word[: -len(suffix)]):
                return True
        # A hyphenated compound is right when each of its parts is ("non-offending").
        if "-" in word:
            return all(self.is_known(part) for part in word.split("-") if part)
        return False

    def misspelt(
        self, text: str, previous: tuple[str, list[tuple[int, int]]] | None = None
    ) -> list[tuple[int, int]]:
        """(start, length) of each misspelt word in ``text`` (one paragraph).

        ``previous`` is an earlier text of the paragraph and this method's answer for it:
        then only the words around what changed are checked again (a keystroke in a long
        paragraph touches one word, not all of them).
        """
        if previous is None or len(text) < INCREMENTAL_FROM:
            return self._misspelt_in(text, 0, len(text))
        old, old_spans = previous
        prefix = _common_prefix(old, text)
        suffix = _common_suffix(old, text, min(len(old), len(text)) - prefix)
        # Widen the changed part to whitespace: words never span it, so every word outside
        # is the same word at the same (or shifted) place, with the same answer.
        start = max(text.rfind(c, 0, prefix) for c in " \n\t") + 1
        end = len(text) - suffix
        gaps = [i for i in (text.find(c, end) for c in " \n\t") if i >= 0]
        end = min(gaps) if gaps else len(text)
        delta = len(text) - len(old)
        before = [(a, n) for a, n in old_spans if a + n <= start]
        after = [(a + delta, n) for a, n in old_spans if a >= end - delta]
        return before + self._misspelt_in(text, start, end) + after

    def _misspelt_in(self, text: str, begin: int, end: int) -> list[tuple[int, int]]:
        skipped: list[tuple[int, int]] | None = None  # found only when a word is misspelt
        out = []
        verdicts = self._verdicts
        for match in _TOKEN.finditer(text, begin, end):
            word = match.group()
            right = verdicts.get(word)
            if right is None:
                right = not should_check(word) or self.is_known(word)
                if len(verdicts) >= MAX_CACHE:
                    verdicts.clear()
                verdicts[word] = right
            if right:
                continue
            start = match.start()
            if skipped is None:
                hint = "." in text or "@" in text
                skipped = [m.span() for m in _SKIP.finditer(text, begin, end)] if hint else []
            if skipped and any(a <= start < b for a, b in skipped):
                continue
            out.append((start, len(word)))
        return out

    def suggestions(self, word: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
        """Up to ``limit`` corrections for ``word`` (slow: call on request only)."""
        word = normalise(word)
        try:
            found = list(itertools.islice(self._dictionary.suggest(word), limit))
        except (IndexError, KeyError, ValueError, RecursionError):
            return []
        return [s for s in dict.fromkeys(found) if s != word]


def normalise(word: str) -> str:
    """Typographic apostrophes and hyphens as ASCII ones (the dictionaries use those)."""
    return word.translate(_APOSTROPHES)


def should_check(word: str) -> bool:
    """False for words that are not checked: with digits, all capitals (abbreviations), one
    letter."""
    if len(word) < 2:
        return False
    if any(c.isdigit() for c in word):
        return False
    letters = [c for c in word if c.isalpha()]
    return not (len(letters) > 1 and all(c.isupper() for c in letters))


def _common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix (binary search over C-speed slice compares)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the longest common suffix, at most ``limit``."""
    low, high = 0, max(0, limit)
    while low < high:
        mid = (low + high + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            low = mid
        else:
            high = mid - 1
    return low
