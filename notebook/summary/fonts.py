"""Fonts for summary PDFs: DejaVu Sans, embedded, with per-character coverage.

The fonts ship in ``resources/fonts`` at the repository root (next to the
``notebook`` package). When the application runs from an installation that
lacks that folder, the Debian/Ubuntu system copy is used instead.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from notebook import paths

SYSTEM_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

REGULAR = "CasebookSans"
BOLD = "CasebookSans-Bold"
ITALIC = "CasebookSans-Oblique"
BOLD_ITALIC = "CasebookSans-BoldOblique"
# The regular face again under a name outside the family, so that a character
# missing from the oblique face can be drawn upright inside italic text.
FALLBACK = "CasebookSansFallback"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    FALLBACK: "DejaVuSans.ttf",
}

REPLACEMENT = "\ufffd"


class FontsMissingError(RuntimeError):
    """Raised when the DejaVu fonts cannot be found anywhere."""


@dataclass(frozen=True)
class FontCoverage:
    """The code points each registered face can draw.

    Attributes:
        faces: Mapping of face name to the set of code points in its cmap.
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
        return ord(char) in self.faces[face]

    def has_all(self, face: str, text: str) -> bool:
        """Tell whether ``face`` draws every character of ``text`` as it is (newlines
        aside); characters beyond U+FFFF never count as drawn (see ``to_markup``).

        Args:
            face: A face name such as :data:`REGULAR`.
            text: Any text.

        Returns:
            True when no character needs another face or a replacement.
        """
        return self._drawable[face].issuperset(text.replace("\n", ""))

    @functools.cached_property
    def _drawable(self) -> dict[str, frozenset[str]]:
        return {
            face: frozenset(chr(point) for point in points if point <= 0xFFFF)
            for face, points in self.faces.items()
        }


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


@functools.cache
def register_fonts() -> FontCoverage:
    """Register the four DejaVu Sans faces with reportlab (once per process).

    Returns:
        The code point coverage of each face, for glyph fallback.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = font_dir()
    faces: dict[str, frozenset[int]] = {}
    for face, filename in _FILES.items():
        font = TTFont(face, str(folder / filename))
        pdfmetrics.registerFont(font)
        faces[face] = frozenset(font.face.charToGlyph)
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(REGULAR, bold, italic, face)
    return FontCoverage(faces=faces)
