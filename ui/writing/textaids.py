"""Spell-check as you type, suggestions on right-click, phrases and templates in a text box.

:class:`SpellHighlighter` underlines misspelt words one paragraph (block) at a time:
Qt re-highlights only the paragraph a keystroke changed, and each word's answer is
cached, so typing in a long note stays fast. :class:`TextAids` adds the context menu
(suggestions, "Add to my dictionary", phrases, a template for an empty box), trigger
words (typed, then Tab or space) and Ctrl+; (the phrase menu at the cursor).

Every insertion is one edit of the box's own undo stack: Ctrl+Z takes it back.
"""

from __future__ import annotations

import re
import weakref
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import (
    QColor,
    QCursor,
    QGuiApplication,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit, QWidget

from casebook.writing import phrases as phrase_lib
from ui.writing.hub import WritingHub, hub

PHRASE_MENU_KEY = "Ctrl+;"
_WORD = re.compile(r"[\w\u0300-\u036f]+(?:['\u2019\-\u2010][\w\u0300-\u036f]+)*")


class SpellHighlighter(QSyntaxHighlighter):
    """Red wavy underline under each misspelt word of a paragraph."""

    def __init__(self, edit: QPlainTextEdit, writing: WritingHub) -> None:
        super().__init__(edit.document())
        self._edit = weakref.ref(edit)
        self._hub = writing
        self.misspelt = QTextCharFormat()
        self.misspelt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.misspelt.setUnderlineColor(QColor("#d0021b"))
        # Each paragraph's last text and answer: a keystroke in a long paragraph re-checks
        # only the words around it (see Speller.misspelt).
        self._previous: dict[int, tuple[str, list[tuple[int, int]]]] = {}
        writing.spelling_changed.connect(self.recheck)

    def recheck(self) -> None:
        """Underline the whole text again (the speller or its known words changed).

        QSyntaxHighlighter.rehighlight() tells the document its contents changed, which a
        record editor would take for an edit (and save): opening a record must change
        nothing, so the document stays quiet meanwhile. Its layout still repaints.
        """
        document = self.document()
        if document is None or document.isEmpty():
            return
        self._previous.clear()  # the answers change with the speller or its known words
        blocked = document.blockSignals(True)
        try:
            self.rehighlight()
        finally:
            document.blockSignals(blocked)

    def highlightBlock(self, text: str) -> None:  # Qt override
        speller = self._hub.speller
        edit = self._edit()
        if speller is None or not text or edit is None or edit.isReadOnly():
            return
        number = self.currentBlock().blockNumber()
        spans = speller.misspelt(text, self._previous.get(number))
        if len(self._previous) > 10_000:
            self._previous.clear()
        self._previous[number] = (text, spans)
        for start, length in spans:
            self.setFormat(start, length, self.misspelt)


class TextAids(QObject):
    """The writing aids of one text box (a child of the box: they go with it)."""

    def __init__(self, edit: QPlainTextEdit, writing: WritingHub | None = None) -> None:
        super().__init__(edit)
        self.edit = edit
        self.hub = writing or hub()
        self.highlighter = SpellHighlighter(edit, self.hub)
        edit.installEventFilter(self)
        edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        edit.customContextMenuRequested.connect(self._show_menu)
        edit.setProperty("writingAids", True)

    # -- keys -----------------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # Qt override
        if obj is self.edit and event.type() == QEvent.Type.ReadOnlyChange:
            self.highlighter.recheck()
        elif (
            obj is self.edit and event.type() == QEvent.Type.KeyPress and not self.edit.isReadOnly()
        ):
            key, mods = event.key(), event.modifiers()  # type: ignore[attr-defined]
            plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            if key == Qt.Key.Key_Semicolon and mods & Qt.KeyboardModifier.ControlModifier:
                self.show_phrase_menu()
                return True
            if plain and key in (Qt.Key.Key_Tab, Qt.Key.Key_Space) and self.expand_trigger():
                return key == Qt.Key.Key_Tab  # Tab is used up; a space is still typed
        return False

    def expand_trigger(self) -> bool:
        """If the word before the cursor is a phrase's trigger, put the phrase there."""
        cursor = self.edit.textCursor()
        if cursor.hasSelection():
            return False
        block = cursor.block()
        start, word = phrase_lib.word_before(block.text(), cursor.positionInBlock())
        phrase = phrase_lib.phrase_for_trigger(self.hub.state.phrases, word)
        if phrase is None:
            return False
        cursor.setPosition(block.position() + start, QTextCursor.MoveMode.KeepAnchor)
        self._insert(cursor, phrase.text)
        return True

    def _insert(self, cursor: QTextCursor, text: str) -> None:
        cursor.beginEditBlock()
        cursor.insertText(text)
        cursor.endEditBlock()
        self.edit.setTextCursor(cursor)

    def insert_phrase(self, phrase: phrase_lib.Phrase) -> None:
        """Put a phrase at the cursor (replacing any selection)."""
        self._insert(self.edit.textCursor(), phrase.text)

    # -- templates --------------------------------------------------------------------------------

    def place(self) -> tuple[str, str]:
        """(record kind, field name) of this box, found from the form it sits in."""
        kind = field = ""
        widget: QWidget | None = self.edit
        while widget is not None:
            spec = getattr(widget, "spec", None)
            if not field and spec is not None and getattr(spec, "type", "") == "text":
                field = spec.name
            kind = kind or getattr(widget, "KIND", "")
            widget = widget.parentWidget()
        return kind, field

    def template(self) -> phrase_lib.Template | None:
        """The template for this box, if it has one."""
        kind, field = self.place()
        if not kind or not field:
            return None
        return phrase_lib.template_for(self.hub.state.templates, kind, field)

    def insert_template(self) -> bool:
        """Put the template's headings into this box if it is empty (one undo step)."""
        template = self.template()
        if template is None or self.edit.isReadOnly() or self.edit.toPlainText().strip():
            return False
        cursor = self.edit.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        self._insert(cursor, template.text)
        cursor = self.edit.textCursor()
        cursor.setPosition(min(len(template.text.split("\n")[0]) + 1, len(template.text)))
        self.edit.setTextCursor(cursor)
        return True

    # -- menus ------------------------------------------------------------------------------------

    def word_at(self, pos: QPoint) -> tuple[QTextCursor, str] | None:
        """The word under ``pos`` (viewport coordinates), selected in a cursor."""
        cursor = self.edit.cursorForPosition(pos)
        block = cursor.block()
        offset = cursor.positionInBlock()
        for match in _WORD.finditer(block.text()):
            if match.start() <= offset <= match.end():
                selection = QTextCursor(block)
                selection.setPosition(block.position() + match.start())
                selection.setPosition(
                    block.position() + match.end(), QTextCursor.MoveMode.KeepAnchor
                )
                return selection, match.group()
        return None

    def build_menu(self, pos: QPoint) -> QMenu:
        """The context menu at ``pos``: suggestions first, then phrases, then Qt's own."""
        menu = self.edit.createStandardContextMenu(pos)
        first = menu.actions()[0] if menu.actions() else None
        ours: list[Any] = []
        speller = self.hub.speller
        found = self.word_at(pos)
        if speller is not None and found is not None and not self.edit.isReadOnly():
            cursor, word = found
            if not speller.is_known(word) and any(
                start <= cursor.selectionStart() - cursor.block().position() < start + length
                for start, length in speller.misspelt(cursor.block().text())
            ):
                QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
                try:
                    suggestions = speller.suggestions(word)
                finally:
                    QGuiApplication.restoreOverrideCursor()
                for suggestion in suggestions:
                    action = menu.addAction(suggestion)
                    bold = action.font()
                    bold.setBold(True)
                    action.setFont(bold)
                    action.setObjectName("suggestion")
                    action.triggered.connect(
                        lambda _=False, c=cursor, s=suggestion: self._insert(QTextCursor(c), s)
                    )
                    ours.append(action)
                if not suggestions:
                    none = menu.addAction("No suggestions")
                    none.setEnabled(False)
                    ours.append(none)
                add = menu.addAction(f"Add “{word}” to my dictionary")
                add.setObjectName("addToDictionary")
                add.triggered.connect(lambda _=False, w=word: self.hub.add_personal_word(w))
                ours += [add, menu.addSeparator()]
        if not self.edit.isReadOnly():
            ours += self._phrase_actions(menu)
        for action in ours:
            menu.removeAction(action)
            if first is not None:
                menu.insertAction(first, action)
            else:
                menu.addAction(action)
        return menu

    def _phrase_actions(self, menu: QMenu) -> list[Any]:
        out: list[Any] = []
        template = self.template()
        if template is not None and not self.edit.toPlainText().strip():
            action = menu.addAction("Insert template headings")
            action.setObjectName("insertTemplate")
            action.triggered.connect(lambda _=False: self.insert_template())
            out.append(action)
        phrases_menu = QMenu("Insert phrase", menu)
        phrases_menu.setObjectName("phraseMenu")
        self._fill_phrases(phrases_menu)
        out += [phrases_menu.menuAction(), menu.addSeparator()]
        return out

    def _fill_phrases(self, menu: QMenu) -> None:
        for phrase in self.hub.state.phrases:
            label = phrase.name + (f"\t{phrase.trigger}" if phrase.trigger else "")
            action = menu.addAction(label.replace("&", "&&"))
            action.setData(phrase.name)
            action.triggered.connect(lambda _=False, p=phrase: self.insert_phrase(p))
        if not self.hub.state.phrases:
            empty = menu.addAction("No phrases yet")
            empty.setEnabled(False)
        menu.addSeparator()
        manage = menu.addAction("Phrases and templates…")
        manage.triggered.connect(lambda _=False: self.manage_phrases())

    def phrase_menu(self) -> QMenu:
        """The phrase menu that Ctrl+; shows at the cursor."""
        menu = QMenu(self.edit)
        menu.setObjectName("phraseMenu")
        template = self.template()
        if template is not None and not self.edit.toPlainText().strip():
            action = menu.addAction("Insert template headings")
            action.triggered.connect(lambda _=False: self.insert_template())
            menu.addSeparator()
        self._fill_phrases(menu)
        return menu

    def show_phrase_menu(self) -> None:
        """Ctrl+;: the phrases, at the text cursor."""
        rect = self.edit.cursorRect()
        menu = self.phrase_menu()
        menu.popup(self.edit.viewport().mapToGlobal(rect.bottomLeft()))

    def _show_menu(self, pos: QPoint) -> None:
        menu = self.build_menu(pos)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.edit.viewport().mapToGlobal(pos))

    def manage_phrases(self) -> None:
        """Open the phrases and templates manager."""
        from ui.writing.phrases_dialog import PhrasesDialog

        parent = QApplication.activeWindow() or self.edit.window()
        PhrasesDialog(self.hub, parent, text_aids=attach).open()


def attach(edit: QPlainTextEdit) -> TextAids:
    """Give a free-text box spell-check, suggestions, phrases and templates."""
    aids = TextAids(edit)
    edit.writing_aids = aids  # type: ignore[attr-defined]
    return aids
