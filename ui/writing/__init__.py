"""Writing aids in the app: spell-check as you type, phrases and templates, the language check.

Text boxes are attached where they are made (:func:`attach`, called by
``ui.editors.fields.text_edit``); everything they need comes from the one
:class:`~ui.writing.hub.WritingHub`, which the app opens with the unlocked notebook and
closes on lock.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPlainTextEdit


def attach(edit: QPlainTextEdit) -> Any:
    """Give a free-text box spell-check, suggestions, phrases and templates."""
    from ui.writing.textaids import attach as attach_text_aids

    return attach_text_aids(edit)
