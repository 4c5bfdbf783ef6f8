"""Fonts for summary PDFs: DejaVu Sans, fallback faces for other scripts, coverage.

The fonts ship in ``resources/fonts`` at the repository root (next to the
``notebook`` package). When the application runs from an installation that
lacks that folder, the Debian/Ubuntu system copies are used instead.

DejaVu Sans draws Latin, Greek, Cyrillic, Hebrew, Arabic and much more. A
character it lacks is drawn, one character at a time, in the first fallback
face that has it (:meth:`FontCoverage.face_for`): Noto Sans Thai, Droid Sans
Fallback (Chinese, Japanese, Korean) and Symbola (emoji and symbols, drawn in
black and white). All of them have TrueType (``glyf``) outlines, which is what
reportlab's ``TTFont`` embeds. A fallback face that cannot be found is left
out; its characters then show as a visible code-point marker (see
``casebook.summary.text``), never silently.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from casebook import paths

SYSTEM_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

REGULAR = "CasebookSans"
BOLD = "CasebookSans-Bold"
ITALIC = "CasebookSans-Oblique"
BOLD_ITALIC = "CasebookSans-BoldOblique"
# The regular face again under a name outside the family, so that a character
# missing from the oblique face can be drawn upright inside italic text.
FALLBACK = "CasebookSansFallback"
# Faces for scripts and symbols DejaVu lacks; outside the family too, so that
# <b>/<i> around them never asks reportlab for a bold or italic variant.
THAI = "CasebookThai"
THAI_BOLD = "CasebookThai-Bold"
CJK = "CasebookCJK"
SYMBOLS = "CasebookSymbols"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    FALLBACK: "DejaVuSans.ttf",
}
# Fallback faces: the file in resources/fonts, then where Debian's package puts it.
_FALLBACK_FILES: dict[str, tuple[str, tuple[str, ...]]] = {
    THAI: ("NotoSansThai-Regular.ttf", ("/usr/share/fonts/truetype/noto",)),
    THAI_BOLD: ("NotoSansThai-Bold.ttf", ("/usr/share/fonts/truetype/noto",)),
    CJK: (
        "DroidSansFallback.ttf",
        ("/usr/share/fonts-droid-fallback/truetype", "/usr/share/fonts/truetype/droid"),
    ),
    SYMBOLS: ("Symbola_hint.ttf", ("/usr/share/fonts/truetype/ancient-scripts",)),
}
_BOLD_FACES = frozenset({BOLD, BOLD_ITALIC})

REPLACEMENT = "\ufffd"


class FontsMissingError(RuntimeError):
    """Raised when the DejaVu fonts cannot be found anywhere."""


def fallback_faces(face: str) -> tuple[str, ...]:
    """The faces tried, in order, for a character that ``face`` lacks.

    Args:
        face: The face a paragraph (or run) is set in.

    Returns:
        Face names; bold text prefers the bold Thai face.
    """
    thai = (THAI_BOLD, THAI) if face in _BOLD_FACES else (THAI,)
    return (FALLBACK, *thai, CJK, SYMBOLS)


@dataclass(frozen=True)
class FontCoverage:
    """The code points each registered face can draw.

    Attributes:
        faces: Mapping of face name to the set of code points in its cmap; a
            face that is not registered is simply absent.
    """

    faces: dict[str, frozenset[int]]

    def has(self, face: str, char: str) -> bool:
        """Tell whether ``face`` has a glyph for ``char``.

        Args:
            face: A face name such as :data:`REGULAR`.
            char: A single character.

        Returns:
            True when the face's cmap maps the character to a glyph.
        """
        return ord(char) in self.faces.get(face, frozenset())

    def has_all(self, face: str, text: str) -> bool:
        """Tell whether ``face`` draws every character of ``text`` as it is (newlines aside).

        Args:
            face: A face name such as :data:`REGULAR`.
            text: Any text.

        Returns:
            True when no character needs another face or a marker.
        """
        return self._drawable.get(face, frozenset()).issuperset(text.replace("\n", ""))

    def face_for(self, face: str, char: str) -> str | None:
        """The face that draws ``char`` in text set in ``face``.

        Args:
            face: The face of the surrounding text.
            char: A single character.

        Returns:
            ``face`` itself when it has the character, else the first of
            :func:`fallback_faces` that has it, else None (no font draws it).
        """
        if self.has(face, char):
            return face
        return next((f for f in fallback_faces(face) if self.has(f, char)), None)

    @functools.cached_property
    def _drawable(self) -> dict[str, frozenset[str]]:
        return {face: frozenset(map(chr, points)) for face, points in self.faces.items()}


def font_dir() -> Path:
    """Find the folder holding the DejaVu TTF files.

    Returns:
        the shipped ``resources/fonts`` (see notebook.paths.resource_dir) when it holds
        the fonts, otherwise
        the system DejaVu folder.

    Raises:
        FontsMissingError: When neither location holds all four faces.
    """
    bundled = paths.resource_dir("fonts")
    for candidate in (bundled, SYSTEM_FONT_DIR):
        if all((candidate / name).is_file() for name in set(_FILES.values())):
            return candidate
    raise FontsMissingError(
        "DejaVu Sans fonts not found in resources/fonts or " + str(SYSTEM_FONT_DIR)
    )


def fallback_font_path(face: str) -> Path | None:
    """Where the file of a fallback face is: shipped, else the system copy, else None.

    Args:
        face: One of :data:`THAI`, :data:`THAI_BOLD`, :data:`CJK`, :data:`SYMBOLS`.

    Returns:
        The path of an existing file, or None.
    """
    filename, system_dirs = _FALLBACK_FILES[face]
    for folder in (paths.resource_dir("fonts"), *map(Path, system_dirs)):
        if (folder / filename).is_file():
            return folder / filename
    return None


@functools.cache
def register_fonts() -> FontCoverage:
    """Register DejaVu Sans and the fallback faces with reportlab (once per process).

    Returns:
        The code point coverage of each registered face, for glyph fallback.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    install_to_unicode_fix()
    folder = font_dir()
    files = {face: folder / filename for face, filename in _FILES.items()}
    for face in _FALLBACK_FILES:
        path = fallback_font_path(face)
        if path is not None:
            files[face] = path
    faces: dict[str, frozenset[int]] = {}
    for face, path in files.items():
        font = TTFont(face, str(path))
        pdfmetrics.registerFont(font)
        faces[face] = frozenset(font.face.charToGlyph)
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(REGULAR, bold, italic, face)
    return FontCoverage(faces=faces)


def to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """A ToUnicode CMap for one 256-glyph subset of an embedded TrueType font.

    The same CMap reportlab writes, except that each destination is UTF-16BE as the
    PDF specification asks (ISO 32000-1, 9.10.3): a character beyond U+FFFF is a
    surrogate pair (``<D83DDE00>`` for U+1F600), where reportlab writes ``<1F600>``
    and text extraction gives a different character.

    Args:
        fontname: The subset's base font name.
        subset: Code point of each character code, in code order.

    Returns:
        The CMap program.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{code:02X}> <{_utf16_hex(point)}>" for code, point in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


def _utf16_hex(point: int) -> str:
    if point > 0x10FFFF or 0xD800 <= point <= 0xDFFF:
        return f"{point & 0xFFFF:04X}"  # not a character: reportlab's value, unchanged
    return chr(point).encode("utf-16-be").hex().upper()


def install_to_unicode_fix() -> None:
    """Make reportlab map characters beyond U+FFFF right in the PDF's ToUnicode CMaps.

    Checked, not assumed: when the installed reportlab already writes a surrogate
    pair for U+1F600 it is left as it is.
    """
    from reportlab.pdfbase import ttfonts

    if "<D83DDE00>" not in ttfonts.makeToUnicodeCMap("probe", [0x1F600]):
        _REPORTLAB_TO_UNICODE.append(ttfonts.makeToUnicodeCMap)
        ttfonts.makeToUnicodeCMap = to_unicode_cmap


# reportlab's own function, kept once replaced (for comparison in tests).
_REPORTLAB_TO_UNICODE: list[Callable[[str, Sequence[int]], str]] = []
