"""User text to reportlab Paragraph markup: text is data, never markup.

Everything a practitioner typed goes through :func:`to_markup` before it reaches
a ``Paragraph``: markup characters are escaped, newlines become ``<br/>``,
characters the chosen face cannot draw fall back to the regular face and then to
the fallback faces for other scripts and emoji (see ``casebook.summary.fonts``),
and :func:`chunk_text` cuts very long notes into pieces small enough that no
single paragraph outgrows a page. Long words wrap through the ``splitLongWords``
option of the paragraph styles.

A character that no face draws is never dropped or turned into U+FFFD: it shows
as a visible marker such as ``[U+1FAE0]`` (:func:`marker`), and
:func:`undrawable` finds such characters before anything is signed.

Right-to-left text (Hebrew, Arabic) is put in visual order line by line with a
small subset of the Unicode bidirectional algorithm, so that it reads correctly
on the page and text extraction (which undoes visual order) gives the logical
order back. Arabic letters are drawn in their isolated forms (no shaping).
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from casebook.summary.fonts import REGULAR, REPLACEMENT, FontCoverage

# A paragraph longer than this is cut into several; ~2 500 characters fill about
# half an A4 page at 10 pt, so a piece never needs more than one page.
CHUNK_CHARS = 2500

_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n\n", "\x85": "\n"}
# Control characters (category Cc) other than tab and newline, and lone surrogates.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Every character whose bidirectional class is R or AL lies in these ranges (checked
# against unicodedata by a test): a line without any is left to right throughout.
_MAYBE_RTL = re.compile(
    "[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def clean_text(text: str) -> str:
    """Normalise user text for layout without changing what it says.

    Lone surrogates and control characters become U+FFFD, every kind of line
    break becomes ``\\n``, tabs become spaces and the text is put in NFC so
    that decomposed accents draw as one glyph.

    Args:
        text: Text as the user typed it (or anything str-like).

    Returns:
        The cleaned text.
    """
    text = str(text)
    for old, new in _LINE_BREAKS.items():
        text = text.replace(old, new)
    text = _UNPRINTABLE.sub(REPLACEMENT, text.replace("\t", " "))
    return unicodedata.normalize("NFC", text)


def chunk_text(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Cut text into pieces of at most ``limit`` characters.

    Cuts prefer blank lines, then line ends, then spaces; a run with none of
    these is cut hard. Concatenating the pieces with the separators they were
    cut at gives the original text back (separators are dropped).

    Args:
        text: Cleaned text (see :func:`clean_text`).
        limit: Largest piece, in characters.

    Returns:
        The pieces in order; an empty list for blank text.
    """
    pieces: list[str] = []
    for block in text.split("\n\n"):
        _cut(block.strip("\n"), limit, pieces)
    return [piece for piece in pieces if piece.strip()]


def _cut(text: str, limit: int, pieces: list[str]) -> None:
    while len(text) > limit:
        window = text[: limit + 1]
        at = window.rfind("\n")
        if at <= 0:
            at = window.rfind(" ")
        if at <= 0:
            pieces.append(text[:limit])
            text = text[limit:]
        else:
            pieces.append(text[:at])
            text = text[at + 1 :]
    pieces.append(text)


def marker(char: str) -> str:
    """The visible stand-in for a character that no face can draw.

    Args:
        char: A single character.

    Returns:
        ``[U+XXXX]`` (four to six hex digits, as in the Unicode charts).
    """
    return f"[U+{ord(char):04X}]"


def to_markup(text: str, face: str, coverage: FontCoverage) -> str:
    """Turn one piece of user text into safe ``Paragraph`` markup.

    Args:
        text: User text (cleaned or not).
        face: The face the paragraph is set in; characters it lacks are drawn
            in the first fallback face that has them (see
            :meth:`FontCoverage.face_for`), and characters no face has become
            a visible :func:`marker`.
        coverage: Code point coverage from :func:`register_fonts`.

    Returns:
        Markup in which every character of ``text`` appears literally, or as its
        marker.
    """
    text = "\n".join(visual_order(line) for line in clean_text(text).split("\n"))
    if coverage.has_all(face, text):  # most text: no run to draw in another face
        return escape(text).replace("\n", "<br/>")
    out: list[str] = []
    run: list[str] = []
    run_face = face

    def flush() -> None:
        if not run:
            return
        body = escape("".join(run)).replace("\n", "<br/>")
        out.append(body if run_face == face else f'<font face="{run_face}">{body}</font>')
        run.clear()

    for typed in text:
        drawn: str = typed
        target = face if typed == "\n" else coverage.face_for(face, typed)
        if target is None:
            if _is_invisible(typed):
                continue
            drawn, target = marker(typed), face
        if target != run_face:
            flush()
            run_face = target
        run.append(drawn)
    flush()
    return "".join(out)


def undrawable(text: str, coverage: FontCoverage) -> set[str]:
    """The characters of ``text`` that no registered face draws (shown as markers).

    Args:
        text: User text (cleaned or not).
        coverage: Code point coverage from :func:`register_fonts`.

    Returns:
        The characters :func:`to_markup` replaces by a :func:`marker`.
    """
    cleaned = clean_text(text)
    if coverage.has_all(REGULAR, cleaned):
        return set()
    return {
        char
        for char in set(cleaned) - {"\n"}
        if coverage.face_for(REGULAR, char) is None and not _is_invisible(char)
    }


def _is_invisible(char: str) -> bool:
    """Tell whether a character draws nothing by design (joiners, selectors)."""
    code = ord(char)
    return (
        unicodedata.category(char) == "Cf"
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF
    )


_RTL = frozenset({"R", "AL"})
_NUMBER = frozenset({"EN", "AN"})


def visual_order(line: str) -> str:
    """Reorder the right-to-left runs of one line for left-to-right drawing.

    A run starts at a strong right-to-left character and takes in neutrals and
    numbers only while the next strong character is right-to-left too. Inside a
    run, characters (with their combining marks) are reversed, but each number
    keeps its digit order. Brackets are not mirrored: the characters drawn are
    the characters typed.

    Args:
        line: One line of cleaned text (no ``\n``).

    Returns:
        The line with every right-to-left run in visual order; lines without
        right-to-left characters are returned unchanged.
    """
    if not _MAYBE_RTL.search(line):
        return line
    classes = [unicodedata.bidirectional(char) for char in line]
    if not _RTL.intersection(classes):
        return line
    out: list[str] = []
    index = 0
    while index < len(line):
        if classes[index] not in _RTL:
            out.append(line[index])
            index += 1
            continue
        end = index + 1
        while end < len(line) and _continues_rtl_run(classes, end):
            end += 1
        out.append(_reverse_run(line[index:end], classes[index:end]))
        index = end
    return "".join(out)


def _continues_rtl_run(classes: list[str], at: int) -> bool:
    if classes[at] in _RTL or classes[at] == "NSM":
        return True
    if classes[at] == "L":
        return False
    for later in classes[at + 1 :]:
        if later in _RTL:
            return True
        if later == "L":
            return False
    return False


def _reverse_run(run: str, classes: list[str]) -> str:
    units: list[str] = []
    for char, bidi_class in zip(run, classes, strict=True):
        joins_previous = units and (
            unicodedata.combining(char)
            or bidi_class == "NSM"
            or (bidi_class in _NUMBER and unicodedata.bidirectional(units[-1][-1]) in _NUMBER)
        )
        if joins_previous:
            units[-1] += char
        else:
            units.append(char)
    return "".join(reversed(units))
