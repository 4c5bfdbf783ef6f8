"""Screenshots of Words and pictures (issue 16) and the diary (issue 17): a child's
explanation in the demo's case C-2057, and View ▸ Diary on the demo notebook. Called by
:mod:`ui.tools.screenshots` with the demo notebook open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

Settle = Callable[..., None]
Save = Callable[[Any, str], None]

WORDS = (
    "Sometimes grown-ups do things that are not OK. Dad did something that was not OK, "
    "and now he lives somewhere else while grown-ups help.\n\n"
    "It is not your fault. You did the right thing by telling."
)
PANELS = (
    ("house", "You live with Mum and Huy"),
    ("worker", "Sarah helps your family"),
    ("court", "A judge makes some decisions"),
    ("heart", "Mum loves you very much"),
)


def shoot_week(controller: Any, scratch: Path, settle: Settle, save: Save) -> None:
    """Words and pictures for Bảo Anh (dialog and the child's PDF page), then the diary."""
    from notebook.explain import Panel

    main = controller.main_window
    bridge = main.bridge
    pane = main.record_pane
    main.search_field.setText("")  # the search screenshot's words
    main.open_case("C-2057")
    settle(bridge)
    pane.case_view.tabs.setCurrentIndex(1)
    child = next(p for p in pane.case_view.people.rows() if p.key == "p3")
    pane.words_and_pictures(child)
    settle(bridge)
    dialog = pane.dialog
    dialog.title_edit.setText("Why Dad lives somewhere else")
    dialog.words_edit.setPlainText(WORDS)
    for icon, caption in PANELS:
        dialog._append_panel(Panel(icon, caption))
    dialog._edited()
    dialog.save_version()
    settle(bridge, rounds=8)
    dialog.panel_list.setCurrentRow(0)
    settle(bridge)
    save(dialog, "words-and-pictures")
    out = scratch / "words-and-pictures.pdf"
    main.notebook.explanations.write_pdf("C-2057", "p3", None, out)
    dialog.reject()
    pane.show_diary()
    pane.diary_view.all_upcoming()
    settle(bridge, rounds=8)
    save(main, "diary")
