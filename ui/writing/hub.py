"""The app's writing state for the open notebook: speller, phrases, templates, guidance.

One :class:`WritingHub` per process (:func:`hub`). The app opens it with the bridge of
an unlocked notebook (the notebook's writing settings are read on the worker) and closes
it on lock, which forgets the practitioner's own words, phrases and the case's names.
Dictionaries are public data: one read (about a second) is kept for the process.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from casebook.writing import spelling
from casebook.writing.phrases import Phrase, Template
from casebook.writing.store import WritingState, WritingStore

_hub: WritingHub | None = None


def hub() -> WritingHub:
    """The process's writing hub (made on first use, after the QApplication)."""
    global _hub  # noqa: PLW0603  (one per process, like the QApplication)
    if _hub is None:
        _hub = WritingHub()
    return _hub


class WritingHub(QObject):
    """What every text box's writing aids read.

    Signals:
        spelling_changed(): the speller or its known words changed (re-check the text).
        state_changed(): phrases, templates or the language list changed.
        failed(object): saving a writing setting failed; the exception.
    """

    spelling_changed = Signal()
    state_changed = Signal()
    failed = Signal(object)
    _dictionary_ready = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bridge: Any = None
        self.state = WritingState()
        self.speller: spelling.Speller | None = None
        self.dictionary_error = ""
        self._names: list[str] = []
        self._wanted = ""
        self._dictionary_ready.connect(self._on_dictionary, Qt.ConnectionType.QueuedConnection)

    # -- opening and closing ------------------------------------------------------------------

    def open(self, bridge: Any) -> None:
        """Use the unlocked notebook behind ``bridge``: read its writing settings."""
        self.bridge = bridge
        notebook = bridge.notebook
        bridge.run(lambda: WritingStore(notebook).snapshot(), on_done=self._opened,
                   on_error=self.failed.emit)  # fmt: skip

    def _opened(self, state: WritingState) -> None:
        if self.bridge is not None:
            self.use_state(state)

    def close(self) -> None:
        """Forget the notebook's words, phrases and names (on lock and quit)."""
        self.bridge = None
        self.use_state(WritingState())
        self.set_names([])

    def use_state(self, state: WritingState) -> None:
        """Take a notebook's writing settings (and load its dictionary if need be)."""
        self.state = state
        if self.speller is not None:
            self.speller.set_personal_words(state.personal_words)
        self.ensure_dictionary(state.dictionary)
        self.spelling_changed.emit()
        self.state_changed.emit()

    # -- the speller --------------------------------------------------------------------------

    def ensure_dictionary(self, code: str | None = None) -> None:
        """Load ``code`` (default: the notebook's choice) in the background if not loaded."""
        code = code or self.state.dictionary
        if (self.speller is not None and self.speller.code == code) or self._wanted == code:
            return
        self._wanted = code

        def load() -> None:
            try:
                result: Any = spelling.load_dictionary(code)
            except (LookupError, ValueError) as exc:
                result = exc
            self._dictionary_ready.emit(code, result)

        threading.Thread(target=load, name="casebook-dictionary", daemon=True).start()

    @Slot(str, object)
    def _on_dictionary(self, code: str, result: Any) -> None:
        if code != self._wanted:
            return  # another dictionary was chosen meanwhile
        self._wanted = ""
        if isinstance(result, Exception):
            self.dictionary_error = str(result)
            if code != spelling.DEFAULT_DICTIONARY:
                self.ensure_dictionary(spelling.DEFAULT_DICTIONARY)
            return
        self.dictionary_error = ""
        self.speller = spelling.Speller(
            result, code, personal=self.state.personal_words, names=self._names
        )
        self.spelling_changed.emit()

    def set_names(self, names: Iterable[str]) -> None:
        """The names of the open case's people: known words in every text box."""
        names = [n for n in names if n]
        if names == self._names:
            return
        self._names = names
        if self.speller is not None:
            self.speller.set_names(names)
            self.spelling_changed.emit()

    def set_people(self, people: Iterable[Any]) -> None:
        """:meth:`set_names` from the case's people (name and preferred name)."""
        self.set_names([n for p in people for n in (p.name, p.preferred_name) if n])

    # -- changes the practitioner makes -------------------------------------------------------

    def _save(self, method: str, *args: Any) -> None:
        if self.bridge is None:
            return
        notebook = self.bridge.notebook
        self.bridge.run(lambda: getattr(WritingStore(notebook), method)(*args),
                        on_error=self.failed.emit)  # fmt: skip

    def add_personal_word(self, word: str) -> None:
        """Add a word to the practitioner's dictionary (kept encrypted in the notebook)."""
        word = spelling.normalise(word.strip())
        if not word:
            return
        if word not in self.state.personal_words:
            self.state.personal_words = sorted([*self.state.personal_words, word], key=str.casefold)
        if self.speller is not None:
            self.speller.add_personal_word(word)
        self._save("add_personal_word", word)
        self.spelling_changed.emit()

    def set_personal_words(self, words: list[str]) -> None:
        """Replace the practitioner's dictionary."""
        self.state.personal_words = sorted(set(words), key=str.casefold)
        if self.speller is not None:
            self.speller.set_personal_words(words)
        self._save("set_personal_words", list(words))
        self.spelling_changed.emit()

    def set_dictionary(self, code: str) -> None:
        """Choose the notebook's dictionary."""
        if code == self.state.dictionary:
            return
        self.state.dictionary = code
        self._save("set_dictionary", code)
        self.ensure_dictionary(code)

    def set_phrases(self, phrases: list[Phrase]) -> None:
        """Replace the practitioner's phrases."""
        self.state.phrases = list(phrases)
        self._save("set_phrases", list(phrases))
        self.state_changed.emit()

    def set_templates(self, templates: list[Template]) -> None:
        """Replace the templates."""
        self.state.templates = list(templates)
        self._save("set_templates", list(templates))
        self.state_changed.emit()

    def set_language_override(self, override: dict[str, Any]) -> None:
        """Store the notebook's changes to the language list."""
        from casebook.writing import language

        self.state.guidance = language.apply_override(language.shipped(), override)
        self._save("set_language_override", dict(override))
        self.state_changed.emit()

    def set_check_before_finalise(self, on: bool) -> None:
        """Whether finalising first lists the language check's findings."""
        self.state.check_before_finalise = on
        self._save("set_check_before_finalise", on)
        self.state_changed.emit()
