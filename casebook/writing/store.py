"""What a practitioner keeps for the writing aids, in the notebook's encrypted settings.

Every value is JSON in the ``settings`` table (SQLCipher-encrypted like everything else in
the notebook): the chosen dictionary, the personal dictionary, phrases, templates, the
language-check override and whether to check before finalising. Nothing goes to a plain
file; the app's own config file never holds any of it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from casebook.errors import InvalidInput
from casebook.writing import language, spelling
from casebook.writing.phrases import (
    DEFAULT_TEMPLATES,
    Phrase,
    Template,
    merge_phrases,
    merge_templates,
    parse_phrases,
    parse_templates,
    render_phrases,
    render_templates,
)

DICTIONARY = "writing.dictionary"
PERSONAL_WORDS = "writing.personal_words"
PHRASES = "writing.phrases"
TEMPLATES = "writing.templates"
LANGUAGE_OVERRIDE = "writing.language_override"
CHECK_BEFORE_FINALISE = "writing.check_before_finalise"
MAX_WORD = 100


class NamedValues(Protocol):
    """Notebook settings by name (:class:`casebook.stores.settings.SettingsStore`)."""

    def get(self, name: str, default: str | None = None) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...


class Settings(Protocol):
    """What the store needs of a notebook (:class:`casebook.service.Notebook` has it)."""

    @property
    def settings(self) -> NamedValues: ...


class WritingStore:
    """Typed access to the writing settings of one notebook.

    A value that cannot be read (hand-edited, or from a later version) reads as its
    default rather than stopping the practitioner from writing.
    """

    def __init__(self, notebook: Settings) -> None:
        self._notebook = notebook

    def _get(self, name: str) -> Any:
        raw = self._notebook.settings.get(name)
        if raw is None:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return None

    def _set(self, name: str, value: Any) -> None:
        self._notebook.settings.set(name, json.dumps(value, ensure_ascii=False))

    # -- spelling -----------------------------------------------------------------------------

    def dictionary(self) -> str:
        """The chosen dictionary's code (British English unless changed)."""
        value = self._get(DICTIONARY)
        return value if isinstance(value, str) and value else spelling.DEFAULT_DICTIONARY

    def set_dictionary(self, code: str) -> None:
        """Choose a dictionary."""
        self._set(DICTIONARY, code)

    def personal_words(self) -> list[str]:
        """The practitioner's own words, sorted."""
        value = self._get(PERSONAL_WORDS)
        if not isinstance(value, list):
            return []
        return sorted({w for w in value if isinstance(w, str) and w.strip()}, key=str.casefold)

    def set_personal_words(self, words: list[str]) -> None:
        """Replace the personal dictionary."""
        cleaned = {spelling.normalise(w.strip()) for w in words if w.strip()}
        for word in cleaned:
            if len(word) > MAX_WORD or any(c.isspace() for c in word):
                raise InvalidInput("word", "a dictionary word is one word")
        self._set(PERSONAL_WORDS, sorted(cleaned, key=str.casefold))

    def add_personal_word(self, word: str) -> list[str]:
        """Add one word to the personal dictionary; returns the new list."""
        words = [*self.personal_words(), word]
        self.set_personal_words(words)
        return self.personal_words()

    # -- phrases and templates ----------------------------------------------------------------

    def phrases(self) -> list[Phrase]:
        """The practitioner's phrases, in their order."""
        value = self._get(PHRASES)
        if value is None:
            return []
        try:
            return parse_phrases(value)
        except InvalidInput:
            return []

    def set_phrases(self, items: list[Phrase]) -> None:
        """Replace the phrases (validated as an import would be).

        Raises:
            InvalidInput: a phrase is not valid (names the phrase).
        """
        rendered = render_phrases(items)
        parse_phrases(rendered)
        self._set(PHRASES, rendered)

    def has_own_templates(self) -> bool:
        """Whether the practitioner saved templates (else the defaults are offered)."""
        return self._get(TEMPLATES) is not None

    def templates(self) -> list[Template]:
        """The templates in force: the practitioner's own, or the defaults."""
        value = self._get(TEMPLATES)
        if value is None:
            return list(DEFAULT_TEMPLATES)
        try:
            return parse_templates(value)
        except InvalidInput:
            return list(DEFAULT_TEMPLATES)

    def set_templates(self, items: list[Template]) -> None:
        """Replace the templates.

        Raises:
            InvalidInput: a template is not valid.
        """
        rendered = render_templates(items)
        parse_templates(rendered)
        self._set(TEMPLATES, rendered)

    # -- language check -----------------------------------------------------------------------

    def language_override(self) -> dict[str, language.Entry | None]:
        """The notebook's changes to the shipped language list."""
        value = self._get(LANGUAGE_OVERRIDE)
        if value is None:
            return {}
        try:
            return language.parse_override(value)
        except InvalidInput:
            return {}

    def set_language_override(self, override: dict[str, language.Entry | None]) -> None:
        """Store the notebook's changes to the language list (never the shipped file)."""
        self._set(LANGUAGE_OVERRIDE, language.render_override(override))

    def guidance(self) -> language.Guidance:
        """The language list in force for this notebook."""
        return language.apply_override(language.shipped(), self.language_override())

    def check_before_finalise(self) -> bool:
        """Whether finalising first lists the language check's findings (off by default)."""
        return self._get(CHECK_BEFORE_FINALISE) is True

    def set_check_before_finalise(self, on: bool) -> None:
        """Turn the check before finalising on or off."""
        self._set(CHECK_BEFORE_FINALISE, bool(on))

    def snapshot(self) -> WritingState:
        """Everything the app needs, read in one go (on the worker thread)."""
        return WritingState(
            dictionary=self.dictionary(),
            personal_words=self.personal_words(),
            phrases=self.phrases(),
            templates=self.templates(),
            guidance=self.guidance(),
            check_before_finalise=self.check_before_finalise(),
        )


@dataclass
class WritingState:
    """A notebook's writing settings as plain values."""

    dictionary: str = spelling.DEFAULT_DICTIONARY
    personal_words: list[str] = field(default_factory=list)
    phrases: list[Phrase] = field(default_factory=list)
    templates: list[Template] = field(default_factory=lambda: list(DEFAULT_TEMPLATES))
    guidance: language.Guidance = field(default_factory=language.shipped)
    check_before_finalise: bool = False


def document_keys(store: WritingStore) -> dict[str, Any]:
    """The casebook/1 top-level ``phrases`` and ``templates`` of a notebook (those it has:
    templates only when the practitioner saved their own)."""
    out: dict[str, Any] = {}
    items = store.phrases()
    if items:
        out["phrases"] = render_phrases(items)
    if store.has_own_templates():
        out["templates"] = render_templates(store.templates())
    return out


def imported_settings(
    store: WritingStore, new_phrases: list[Phrase], new_templates: list[Template]
) -> list[tuple[str, str]]:
    """The settings rows (name, JSON) an import writes: the notebook's phrases and templates
    with the document's added. Computed before the import's transaction, written in it.

    Raises:
        InvalidInput: an imported phrase or template clashes with the notebook's own.
    """
    rows = []
    if new_phrases:
        merged = merge_phrases(store.phrases(), new_phrases)
        rows.append((PHRASES, json.dumps(render_phrases(merged), ensure_ascii=False)))
    if new_templates:
        base = store.templates() if store.has_own_templates() else []
        merged_templates = merge_templates(base, new_templates)
        if not store.has_own_templates():  # the defaults still apply to kinds not imported
            merged_templates += [
                t
                for t in DEFAULT_TEMPLATES
                if all((t.kind, t.field) != (m.kind, m.field) for m in merged_templates)
            ]
        rows.append((TEMPLATES, json.dumps(render_templates(merged_templates), ensure_ascii=False)))
    return rows
