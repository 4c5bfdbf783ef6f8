"""Writing aids: keystroke latency in a 2,000-word note with spell-check as you type."""

from __future__ import annotations

import time
from typing import Any

from figures.app import qt_app
from figures.editing import WORDS, _words
from figures.harness import Context, Figure, NotMeasured, group, ms, pct

TYPED = "The practitioner explaned the safety plan to Jane and her mum "


def _note(words: list[str], per_paragraph: int) -> str:
    """The words as paragraphs of ``per_paragraph`` words (a note as practitioners write it)."""
    return "\n".join(
        " ".join(words[i : i + per_paragraph]) for i in range(0, len(words), per_paragraph)
    )


def _type(app: Any, edit: Any, count: int) -> list[float]:
    """Seconds from each key press until Qt has handled it and repainted."""
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    cursor = edit.textCursor()
    middle = edit.document().findBlockByNumber(edit.document().blockCount() // 2)
    cursor.setPosition(middle.position() + middle.length() - 1)
    edit.setTextCursor(cursor)
    edit.setFocus()
    app.processEvents()
    times = []
    for i in range(-10, count):
        char = TYPED[i % len(TYPED)]
        start = time.perf_counter()
        QTest.keyClicks(edit, char)  # a key press and release, as typing sends them
        app.processEvents()
        if i >= 0:
            times.append(time.perf_counter() - start)
    edit.moveCursor(QTextCursor.MoveOperation.End)
    return times


@group("keystroke")
def keystroke(ctx: Context) -> list[Figure]:
    """Type into a 2,000-word note in the app's own text box (``ui.editors.fields.text_edit``,
    spell-check on) vs the same box without the writing aids; per keystroke, with repaint."""
    app = qt_app()
    try:
        from PySide6.QtWidgets import QVBoxLayout, QWidget

        from ui.editors.fields import AutoTextEdit, text_edit
        from ui.writing.hub import hub
    except ImportError as exc:
        raise NotMeasured(f"the app's text box is not importable: {exc}") from None
    notebook = ctx.open_notebook()
    try:
        words = _words(notebook, WORDS)
    finally:
        notebook.close()
    writing = hub()
    writing.ensure_dictionary("en_GB")
    deadline = time.perf_counter() + 30
    while writing.speller is None and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    if writing.speller is None:
        raise NotMeasured(f"the dictionary did not load: {writing.dictionary_error}")
    writing.set_names(["Jane Smith", "Mark Smith", "Lily Smith"])
    n = ctx.reps(600, 150)
    results: dict[str, list[float]] = {}
    for label, make, per_paragraph in (
        ("aids", lambda: text_edit("Narrative", 8), 100),
        ("plain", lambda: AutoTextEdit(8), 100),
        ("one_paragraph", lambda: text_edit("Narrative", 8), WORDS),
        ("one_paragraph_plain", lambda: AutoTextEdit(8), WORDS),
    ):
        window = QWidget()
        layout = QVBoxLayout(window)
        edit = make()
        layout.addWidget(edit)
        window.resize(900, 700)
        window.show()
        edit.setPlainText(_note(words, per_paragraph))
        for _ in range(20):
            app.processEvents()
        results[label] = _type(app, edit, n)
        window.close()
        window.deleteLater()
        app.processEvents()
    aids, plain, one = results["aids"], results["plain"], results["one_paragraph"]
    note = (
        f"{n} keystrokes typed into the middle of a {WORDS:,}-word note (20 paragraphs) in "
        "ui.editors.fields.text_edit with spell-check (spylls, en_GB); baseline: the same box "
        "without the writing aids; each keystroke until handled and repainted (offscreen)"
    )
    one_note = (
        f"the same {WORDS:,} words as one paragraph (the worst case: each keystroke re-checks "
        f"all of them); p50 {ms(pct(one, 50)):.2f} ms"
    )
    return [
        Figure("keystroke_p50", ms(pct(aids, 50)), "ms", goal="(no goal set)",
               baseline=ms(pct(plain, 50)), note=note),
        Figure("keystroke_p95", ms(pct(aids, 95)), "ms", goal="p95 < 16 ms", max_value=16,
               baseline=ms(pct(plain, 95)), note=note),
        Figure("keystroke_one_paragraph_p95", ms(pct(one, 95)), "ms", goal="p95 < 16 ms",
               baseline=ms(pct(results["one_paragraph_plain"], 95)), max_value=16,
               note=one_note),
    ]  # fmt: skip
