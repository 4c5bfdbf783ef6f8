# ruff: noqa: RUF001
"""Find people's names in free text, whatever the case, accents or script.

:class:`NameMatcher` compiles one regular expression out of many *terms* (a
full name, a first name, a surname, a preferred name, another name, a
transliteration, a date of birth) and replaces every occurrence with the
term's replacement in one pass, so that a replacement is never itself matched
again. :func:`casebook.summary.letters.name_tokens` builds a term for one way of
writing a name.

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

from casebook.summary.letters import (
    APOSTROPHE_CHARS,
    HYPHEN_CHARS,
    SPACE,
    SPELLED_OUT,
    case_classes,
    plain,
)

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


@functools.cache
def common_words() -> frozenset[str]:
    """The ordinary English words a name part must not be mistaken for (lower case).

    Read from ``resources/words/english.txt`` (SCOWL's lower-case words, see
    ``packaging/make-word-list.sh``).

    Raises:
        FileNotFoundError: When the word list is missing from the installation.
    """
    from casebook.paths import resource_dir

    text = (resource_dir("words") / "english.txt").read_text(encoding="utf-8")
    return frozenset(
        unicodedata.normalize("NFC", line.strip())
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


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
    spellings |= {"".join(SPELLED_OUT.get(c, c) for c in s) for s in list(spellings)}
    return any(s in words for s in spellings)


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
    words = re.split(f"{SPACE}|[{HYPHEN_CHARS}]", found)
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
    f"[{APOSTROPHE_CHARS}]s(?![^\\W\\d_])|[ \t\u00a0]+(?:said|says|told|tells|asked|asks|agreed"
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
        lower, upper = case_classes()
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
