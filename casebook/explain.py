"""Words and pictures: explaining to a child, in plain words and simple pictures, why
things have changed (for example why they cannot see the person who harmed them), so that
they do not blame themselves.

An explanation belongs to a child of a case. The practitioner writes the agreed words and
chooses a short sequence of panels, each a picture from a small bundled set of neutral
icons (:data:`ICONS`) with a line of words under it. Each save is a new numbered
version; versions never change. The child's copy is a PDF in large type with the child's
name and the agreed words, and no case reference, no other names and no signature
(:mod:`casebook.explain_pdf`). When a version is shared with the child, the day is
recorded (:mod:`casebook.stores.explanations`).

This module holds the values and their validation; no SQL and no drawing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from casebook.errors import InvalidInput
from casebook.validate import check_text, label

# The pictures, in the order the app offers them, with what each shows.
ICONS: dict[str, str] = {
    "house": "A house (home)",
    "family": "Family figures",
    "worker": "A worker (someone who helps)",
    "court": "A court",
    "heart": "A heart (feelings, love)",
    "school": "A school",
    "phone": "A phone (calls, messages)",
    "sun": "A sun (good days ahead)",
}
MAX_WORDS_CHARS = 3000
MAX_CAPTION_CHARS = 200
MAX_TITLE_CHARS = 120
MAX_NAME_CHARS = 100
MAX_PANELS = 12


@dataclass(frozen=True)
class Panel:
    """One picture and the words under it."""

    icon: str
    caption: str = ""


@dataclass(frozen=True)
class ExplanationInput:
    """What a practitioner saves as a new version (checked by :func:`check_explanation`)."""

    name: str
    words: str
    panels: tuple[Panel, ...] = ()
    title: str = ""


@dataclass(frozen=True)
class Sharing:
    """A version shared with the child: the day, when it was noted, and the record (if
    one was named) that notes it."""

    shared_on: str
    noted_at: str
    record_id: str | None = None


@dataclass(frozen=True)
class Explanation:
    """One saved version of a child's explanation."""

    id: int
    case_ref: str
    child_key: str
    version: int
    name: str
    title: str
    words: str
    panels: tuple[Panel, ...]
    saved_at: str
    shared: tuple[Sharing, ...] = ()

    @property
    def last_shared_on(self) -> str | None:
        """The latest day this version was shared with the child, if it was."""
        return max((s.shared_on for s in self.shared), default=None)


def check_panel(icon: Any, caption: Any, path: str) -> Panel:
    """A panel with a known icon and a caption of plain text.

    Raises:
        InvalidInput: an unknown icon, or a caption that is not text or too long.
    """
    if not isinstance(icon, str) or icon not in ICONS:
        raise InvalidInput(f"{path}.icon", f"expected one of {', '.join(ICONS)}")
    text = check_text("" if caption is None else caption, f"{path}.caption", MAX_CAPTION_CHARS)
    return Panel(icon, text.strip())


def check_explanation(
    name: Any, words: Any, panels: Iterable[Panel | dict[str, Any]] = (), title: Any = ""
) -> ExplanationInput:
    """Check what a practitioner wants to save.

    Args:
        name: the child's name as the child's copy shows it (often a first name).
        words: the agreed words.
        panels: :class:`Panel` values or ``{"icon": ..., "caption": ...}`` objects.
        title: an optional heading ("Why I live with Mum now").

    Raises:
        InvalidInput: naming the first problem; nothing is saved.
    """
    name = label(name, "explanation.name", MAX_NAME_CHARS)
    if not name:
        raise InvalidInput("explanation.name", "the child's name is needed for their copy")
    title = label(title or "", "explanation.title", MAX_TITLE_CHARS)
    words = check_text(words, "explanation.words", MAX_WORDS_CHARS).strip()
    checked = []
    for i, panel in enumerate(panels):
        path = f"explanation.panels[{i}]"
        if isinstance(panel, Panel):
            checked.append(check_panel(panel.icon, panel.caption, path))
        elif isinstance(panel, dict):
            checked.append(check_panel(panel.get("icon"), panel.get("caption", ""), path))
        else:
            raise InvalidInput(path, "expected an icon and a caption")
    if len(checked) > MAX_PANELS:
        raise InvalidInput("explanation.panels", f"at most {MAX_PANELS} pictures")
    if not words and not checked:
        raise InvalidInput("explanation.words", "write the agreed words or choose a picture")
    return ExplanationInput(name=name, words=words, panels=tuple(checked), title=title)


def parse_panel_spec(spec: str) -> Panel:
    """``house:We live with Mum now`` (the CLI's ``--panel``) as a :class:`Panel`.

    Raises:
        InvalidInput: no known icon before the colon.
    """
    icon, _, caption = spec.partition(":")
    return check_panel(icon.strip(), caption, "panel")


def panels_json(panels: Sequence[Panel]) -> list[dict[str, str]]:
    """Panels as stored (JSON in the notebook)."""
    return [{"icon": p.icon, "caption": p.caption} for p in panels]


def panels_from_json(value: Any) -> tuple[Panel, ...]:
    """Stored panels back as :class:`Panel` values (an unknown icon is kept: it was valid
    when saved, and a later version may know more icons)."""
    if not isinstance(value, list):
        return ()
    return tuple(
        Panel(str(p.get("icon", "")), str(p.get("caption", "")))
        for p in value
        if isinstance(p, dict)
    )


def default_name(preferred_name: str, name: str) -> str:
    """The name a child's copy starts with: their preferred name, else their name as
    written (which part is a given name differs between cultures: the practitioner edits)."""
    return preferred_name.strip() or name.strip()
