# ruff: noqa: RUF001
"""Find people's names in free text, whatever the case, accents or script.

:class:`NameMatcher` compiles one regular expression out of many *terms* (a
full name, a first name, a surname, a preferred name, another name, a
transliteration, a date of birth) and replaces every occurrence with the
term's replacement in one pass, so that a replacement is never itself matched
again. :func:`name_tokens` builds a term for one way of writing a name.

A term matches:

* in any letter case (``JANE``, ``jane``), with or without accents
  (``Lukasz`` finds ``Łukasz`` and the other way round, ``Nguyen`` finds
  ``Nguyễn``), in composed or decomposed form, with German and Nordic letters
  spelt out (``Strauß``/``Strauss``, ``Ødegård``/``Odegaard``/``Odegard``,
  ``Ünal``/``Uenal``);
* with or without its apostrophes (``O'Brien``/``OBrien``) and hyphens, and
  with a hyphen and line break inside it (``Kowal-`` / ``czyk``);
* only as a whole word: the neighbours must not be letters (``Jane's``,
  ``(Jane)``, ``Jane_drawing.jpg``, ``Jane2`` match; ``Janet`` does not),
  except that a change from a small to a capital letter is a boundary
  inside identifiers (``LukaszWojcik_letter.txt``, ``GosiaDrawing2.png``);
* across any run of spaces for multi-word names;
* in the plural, for the longer surnames that allow it (``the Nowaks``);
* after the one-letter prefixes Hebrew and Arabic attach to words (``ודוד``,
  ``ومحمد``); the prefix is kept.

Names in scripts written without spaces (Chinese, Japanese, Korean, Thai) are
terms without word boundaries (``李小龙来了``).

A *strict* term is a name part that could be an ordinary word: one of three
letters or fewer, or a common English word (:func:`common_words`), such as the
Vietnamese ``Thị`` (``this``), ``Văn`` (``van``) or ``Mark``. Alone, it is
never matched in lower case; it matches written with a capital inside a
sentence, or after a title (``Mr Long``, ``Nana Gwen``), and at the start of
a sentence or in capitals only when the word as written is not a common word
(``Lan said`` is a name, ``Will you`` is not). Such a part still matches in
any case as part of a longer name that is not strict (``nguyen thi lan``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

# Letters whose accent-free form is not reached by Unicode decomposition.
_SPECIAL_FOLDS = {
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ı": "i",
    "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ƒ": "f", "ð": "d", "Ð": "D",
}  # fmt: skip

# Letters that are also written as two (German and Nordic spellings): each way of writing
# the letter is accepted for the other.
_SPELLED_OUT = {
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
_HYPHEN_CHARS = "-\u2010\u2011\u2012\u2013"
_APOSTROPHE_CHARS = "'\u2019\u2018`\u02bc"
# A hyphen inside a name may be left out, or be a space, or end a line.
_HYPHEN = f"(?:[{_HYPHEN_CHARS}][ \\t]*(?:\\r?\\n[ \\t]*)?|[ \\t]+)?"
_APOSTROPHE = f"[{_APOSTROPHE_CHARS}]?"
# A word broken at the end of a line: "Kowal-\nczyk".
_SOFT_BREAK = "(?:-[ \\t]*\\r?\\n[ \\t]*)?"
_SPACE = "[\\s\u00a0\u202f]+"

_HEBREW_PREFIX = "(?P<hp>[\u05d5\u05d4\u05d1\u05dc\u05de\u05e9\u05db]{1,2})?"
_ARABIC_PREFIX = "(?P<ap>\u0648\u0627\u0644|\u0628\u0627\u0644|\u0641\u0627\u0644|\u0643\u0627\u0644|\u0627\u0644|\u0644\u0644|[\u0648\u0641\u0628\u0644\u0643])?"  # noqa: E501

# Scripts written without spaces between words: names there have no word boundaries.
_UNSEGMENTED = (
    (0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x2E80, 0x2FDF),
    (0x3040, 0x30FF), (0x3100, 0x312F), (0x3190, 0x31FF), (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0x1100, 0x11FF), (0xF900, 0xFAFF),
    (0x20000, 0x2FA1F),
)  # fmt: skip

# Titles and kinship words before a name make even a common word a name: "Mr Long".
_TITLE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|rev|fr|sr|lady|lord|cllr|dc|ds|di|pc"
    r"|sgt|insp|nurse|aunt|auntie|aunty|uncle|nana|nan|nanny|gran|grandma|grandad|grandpa"
    r"|granny|mum|mummy|dad|daddy|baba|babcia|dziadek)\.?[ \t\u00a0]+$",
    re.IGNORECASE,
)
# Characters that may stand between a sentence's end and its first word.
_OPENERS = "\"'“‘«‹([{¿¡*•"
_SENTENCE_ENDS = ".!?…:"
SHORT_NAME_PART = 3


@dataclass(frozen=True)
class Term:
    """Something to find and what to put in its place.

    Attributes:
        tokens: The term's regular expression in pieces (see :func:`name_tokens`);
            terms that begin alike share their first pieces in the compiled pattern.
        replacement: Text that replaces each occurrence.
        weight: Of two terms written alike, the heavier one's replacement is used.
        strict: A name part that could be an ordinary word (see the module docstring).
        bounded: False for names in scripts without spaces and for dates, which carry
            their own boundaries.
        written: The name part as written in the people list (NFC, case folded): a
            strict term that begins a sentence must be spelt exactly so.
    """

    tokens: tuple[str, ...]
    replacement: str
    weight: int
    strict: bool = False
    bounded: bool = True
    written: str = ""

    @property
    def pattern(self) -> str:
        """The term as one regular expression (without word boundaries)."""
        return "".join(self.tokens)


@dataclass(frozen=True)
class Found:
    """One occurrence of a term in a text.

    Attributes:
        start: Where the name begins (after a Hebrew or Arabic prefix, which is kept).
        end: Where it ends.
        text: The text that was found (``text[start:end]`` of the searched string).
        replacement: What replaces it.
    """

    start: int
    end: int
    text: str
    replacement: str


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
def common_words() -> frozenset[str]:
    """The ordinary English words a name part must not be mistaken for (lower case).

    Read from ``resources/words/english.txt`` (SCOWL's lower-case words, see
    ``packaging/make-word-list.sh``).

    Raises:
        FileNotFoundError: When the word list is missing from the installation.
    """
    from notebook.paths import resource_dir

    text = (resource_dir("words") / "english.txt").read_text(encoding="utf-8")
    return frozenset(
        unicodedata.normalize("NFC", line.strip())
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def plain(text: str) -> str:
    """``text`` in lower-case ASCII letters only (``Thị`` → ``thi``, ``Ольга`` → ``olga``)."""
    from anyascii import anyascii

    return "".join(c for c in anyascii(text).casefold() if c.isascii() and c.isalpha())


def is_common_word(word: str) -> bool:
    """Whether ``word`` as written (accents kept, any case) is an ordinary English word."""
    return unicodedata.normalize("NFC", word).casefold() in common_words()


def is_strict_part(word: str) -> bool:
    """Whether a one-word name part could be an ordinary word: short, or a common word.

    ``Thị`` (``thi``, three letters), ``Dũng`` (``dung``) and ``Mark`` are; ``Nowak`` and
    ``Łukasz`` are not.
    """
    letters = plain(word)
    written = sum(c.isalpha() for c in unicodedata.normalize("NFC", word))
    if min(len(letters), written) <= SHORT_NAME_PART:
        return True
    words = common_words()
    spellings = {letters, unicodedata.normalize("NFC", word).casefold()}
    spellings |= {"".join(_SPELLED_OUT.get(c, c) for c in s) for s in list(spellings)}
    return any(s in words for s in spellings)


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
def _case_classes() -> tuple[str, str]:
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
    out = _SPELLED_OUT.get(char.lower())
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
        if char in _HYPHEN_CHARS:
            tokens.append(_HYPHEN)
            previous_letter = False
            i += 1
        elif char in _APOSTROPHE_CHARS:
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
    joiners = [_SPACE, "[_.\\-][ \\t]*"]
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


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    term: int | None = None

    def pattern(self) -> str:
        parts = [token + child.pattern() for token, child in self.children.items()]
        # A longer name is preferred: ending here is the last choice.
        if self.term is not None:
            parts.append(f"(?P<t{self.term}>)")
        if len(parts) == 1:
            return parts[0]
        return "(?:" + "|".join(parts) + ")"


def _trie(terms: list[tuple[int, Term]]) -> str:
    root = _Node()
    for index, term in terms:
        node = root
        for token in term.tokens:
            node = node.children.setdefault(token, _Node())
        if node.term is None:
            node.term = index
    return root.pattern() if root.children else ""


def at_sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``text[start]`` begins a sentence, a line, a quotation or the text."""
    i = start - 1
    while i >= 0 and (text[i].isspace() or text[i] in _OPENERS):
        if text[i] in "\n\r" or text[i] in _OPENERS:
            return True
        i -= 1
    return i < 0 or text[i] in _SENTENCE_ENDS


def after_title(text: str, start: int) -> bool:
    """Whether a title or kinship word stands right before ``text[start]`` (``Mr``, ``Nana``)."""
    return _TITLE_BEFORE.search(text, max(0, start - 12), start) is not None


def _strict_match_is_name(text: str, start: int, end: int, term: Term) -> bool:
    """Whether a strict term found at ``text[start:end]`` is a name rather than a word."""
    if after_title(text, start):
        return True
    found = text[start:end]
    words = re.split(f"{_SPACE}|[{_HYPHEN_CHARS}]", found)
    letters = [c for c in found if c.isalpha()]
    shouting = len(letters) > 1 and all(c.isupper() for c in letters)
    if not (shouting or at_sentence_start(text, start)):
        return True
    if not is_common_word(words[0]):
        return True
    # An ordinary word begins the sentence: it is the name only when spelt exactly as the
    # person's name, and it is the whole name ("Mark Smith"), or a noun ("Lily"), or a word
    # that would begin the sentence otherwise ("Will you", "Mark the date", "Young people")
    # but is followed by a possessive or a verb of saying ("Mark's GP", "Mark said").
    if unicodedata.normalize("NFC", found).casefold() != term.written:
        return False
    if len(words) > 1 or is_noun_like(found):
        return True
    # "Mark's GP", "Mark said": a verb cannot be followed by these, a name can.
    return words[0].casefold() not in _FUNCTION_WORDS and _SAID.match(text, end) is not None


def is_noun_like(word: str) -> bool:
    """Whether a common word is neither a function word nor a verb or adjective.

    A verb has an ``-ed`` or ``-ing`` form in the word list (``marked``, ``willing``), an
    adjective a comparative (``younger``); function words are listed.
    """
    word = unicodedata.normalize("NFC", word).casefold()
    if word in _FUNCTION_WORDS:
        return False
    stem = word[:-1] if word.endswith(("e", "y")) else word
    endings = ("ed", "ing", "er", "est", "ied", "ier", "iest", "d", "r", "st")
    forms = {word + e for e in endings} | {stem + e for e in endings}
    forms |= {word + word[-1:] + e for e in ("ed", "ing", "er", "est")}
    return not forms & common_words()


_SAID = re.compile(
    f"[{_APOSTROPHE_CHARS}]s(?![^\\W\\d_])|[ \t\u00a0]+(?:said|says|told|tells|asked|asks|agreed"
    "|agrees|explained|explains|described|describes|denied|denies|admitted|admits|spoke"
    "|speaks|replied|replies|answered|answers|disclosed|discloses|refused|refuses|wants"
    "|wanted|arrived|arrives|attended|attends|cried|laughed|shouted)(?![^\\W\\d_])"
)

# Closed-class English words (pronouns, determiners, prepositions, conjunctions, auxiliaries
# and the commonest adverbs): none of them is ever a name at the start of a sentence.
_FUNCTION_WORDS = frozenset(
    """a about above across after again against all almost along already also although always
    am among an and another any anyone anything are around as at be because been before being
    below beneath beside besides between beyond both but by can cannot could did do does doing
    done down during each either else enough even ever every everyone everything few for from
    further had has have having he her here hers herself him himself his how however i if in
    inside into is it its itself just least less like many may maybe me might mine more most
    much must my myself near neither never next no nobody none nor not nothing now of off often
    on once one only onto or other others otherwise ought our ours ourselves out outside over
    own past per perhaps quite rather really same shall she should since so some somebody
    someone something sometimes soon still such than that the their theirs them themselves then
    there therefore these they this those though through throughout thus till to today
    together tomorrow too toward towards under underneath unless until up upon us very via was
    we well were what whatever when whenever where whereas wherever whether which while who
    whoever whole whom whose why will with within without would yes yesterday yet you your
    yours yourself yourselves""".split()  # noqa: SIM905 (a list literal would take 230 lines)
)


class NameMatcher:
    """Replace many terms in text in a single pass."""

    def __init__(self, terms: Iterable[Term]) -> None:
        """Compile the terms.

        Args:
            terms: Terms to find; of terms written alike, the heaviest (then the
                first) gives the replacement.
        """
        ordered = sorted(terms, key=lambda t: -t.weight)
        self._terms = ordered
        bounded = _trie([(i, t) for i, t in enumerate(ordered) if t.bounded])
        free = _trie([(i, t) for i, t in enumerate(ordered) if not t.bounded])
        lower, upper = _case_classes()
        edge = f"(?<={lower})(?={upper})"
        alternatives = []
        if bounded:
            alternatives.append(
                f"(?:(?<![^\\W\\d_])|{edge})" + bounded + f"(?:(?![^\\W\\d_])|{edge})"
            )
        if free:
            alternatives.append(free)
        self._regex: re.Pattern[str] | None = None
        self._repeats: re.Pattern[str] | None = None
        if alternatives:
            self._regex = re.compile("|".join(alternatives))
            # Each part of a name has the person's one replacement, so "Mai Đặng" would
            # become "Partner A Partner A": a replacement repeated across spaces is one.
            labels = sorted({t.replacement for t in ordered}, key=len, reverse=True)
            self._repeats = re.compile(
                "(?P<r>" + "|".join(map(re.escape, labels)) + r")(?:[ \t\u00a0]+(?P=r)(?!\w))+"
            )

    def find(self, text: str) -> list[Found]:
        """Every occurrence of a term in ``text``, in order, not overlapping.

        Args:
            text: Free text.

        Returns:
            The occurrences; their spans index ``text``.
        """
        found: list[Found] = []
        if self._regex is None or not text:
            return found
        pos = 0
        while (match := self._regex.search(text, pos)) is not None:
            term = self._terms[int((match.lastgroup or "t0")[1:])]
            prefix = match.groupdict().get("hp") or match.groupdict().get("ap") or ""
            start = match.start() + len(prefix)
            if term.strict and not _strict_match_is_name(text, start, match.end(), term):
                pos = match.start() + 1
                continue
            found.append(Found(start, match.end(), text[start : match.end()], term.replacement))
            pos = max(match.end(), match.start() + 1)
        return found

    def sub(self, text: str) -> str:
        """Replace every term in ``text``.

        Args:
            text: Free text.

        Returns:
            The text with each occurrence replaced.
        """
        if self._repeats is None or not text:
            return text
        found = self.find(text)
        if not found:
            return text
        pieces: list[str] = []
        pos = 0
        for item in found:
            pieces += [text[pos : item.start], item.replacement]
            pos = item.end
        pieces.append(text[pos:])
        return self._repeats.sub(r"\g<r>", "".join(pieces))

    def found_in(self, text: str) -> bool:
        """Tell whether any term occurs in ``text``.

        Args:
            text: Free text.

        Returns:
            True when at least one term matches.
        """
        return bool(self.find(text))
