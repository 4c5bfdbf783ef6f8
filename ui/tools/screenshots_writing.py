"""Screenshots of the writing aids (issue 16): a misspelt word underlined with its
suggestions, and the language check panel on "failed to protect". Called by
:mod:`ui.tools.screenshots` with the demo notebook open; the draft is put back as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Settle = Callable[..., None]
Save = Callable[[Any, str], None]

ADDED = (
    "\n\nThe practioner explained confidentiality and its limits again. Aga said she "
    "had failed to protect the children."
)


def shoot_writing(controller: Any, settle: Settle, save: Save) -> None:
    """The review session draft of C-2041 with a misspelling and wording to check."""
    from PySide6.QtGui import QTextCursor

    from ui.writing.hub import hub
    from ui.writing.language_panel import open_panel

    main = controller.main_window
    bridge = main.bridge
    main.open_case("C-2041")
    settle(bridge)
    draft = next(
        r
        for r in main.notebook.records.list("C-2041")
        if r.status == "draft" and r.kind == "session"
    )
    main.open_record(draft.id)
    settle(bridge)
    for _ in range(200):  # the dictionary loads in the background (about a second)
        if hub().speller is not None:
            break
        settle(bridge, rounds=1)
    narrative = main.editor.form.fields["narrative"].edit
    before = narrative.toPlainText()
    narrative.setPlainText(before + ADDED)
    settle(bridge)
    main.editor.scroll_area.ensureWidgetVisible(narrative)
    settle(bridge)
    save(main, "spelling")
    cursor = QTextCursor(narrative.document())
    cursor.setPosition(narrative.toPlainText().index("practioner") + 2)
    menu = narrative.writing_aids.build_menu(narrative.cursorRect(cursor).center())
    menu.adjustSize()
    save(menu, "spelling-menu")
    panel = open_panel(main.editor)
    settle(bridge)
    save(panel, "language-check")
    panel.close()
    narrative.setPlainText(before)
    main.editor.save_now()
    settle(bridge)
