"""Screenshots of Words and pictures (issue 16) and the working week (issue 17): a child's
explanation in the demo's case C-2057, View ▸ Diary, a professional contact being written,
a raised risk screen and a case's intake. Called by :mod:`ui.tools.screenshots` with the
demo notebook open."""

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
    from casebook.explain import Panel

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


def shoot_new_professional_contact(main: Any, bridge: Any, settle: Any, save: Any) -> None:
    """A draft professional contact being written: attendees from the case and named ones."""
    main.open_case("C-2041")
    settle(bridge)
    main.new_record("professional_contact")
    settle(bridge)
    form = main.editor.form
    meeting = form.fields["meeting_type"].combo
    meeting.setCurrentIndex(meeting.findData("core_group"))
    attendees = form.fields["attendees"]
    actions = attendees.from_case.menu().actions()
    if actions:
        actions[-1].trigger()
    attendees.set_value(
        [
            *attendees.value(),
            {
                "person": None,
                "name": "PC Sunil Varma",
                "agency": "Police",
                "role": "Offender manager",
            },
            {"person": None, "name": "Ms Fenwick", "agency": "School", "role": "Safeguarding lead"},
        ]
    )
    form.fields["decisions"].edit.setPlainText("The child in need plan continues for six months.")
    told = form.fields["family_told"].combo
    told.setCurrentIndex(told.findData("yes"))
    main.editor.save_now()
    settle(bridge, rounds=8)
    save(main.editor.body, "professional-contact-new-draft-full")
    main.editor.request_discard = lambda: None  # keep the demo as it was


def shoot_risk_and_intake(main: Any, controller: Any, bridge: Any, settle: Any, save: Any) -> None:
    """A draft session with a raised screen (who was contacted still empty), and a
    case's Intake… dialog."""
    nb = controller.notebook
    draft = next(
        s.id
        for case in nb.cases.list()
        for s in nb.records.list(case.ref)
        if s.kind == "session" and s.status == "draft"
        and nb.records.get(s.id).fields.get("risk_to_self") == "medium"
    )  # fmt: skip
    main.open_record(draft)
    settle(bridge)
    save(main.editor.body, "session-raised-risk-draft-full")
    main.open_case("C-2057")
    settle(bridge)
    main.case_view.intake_button.click()
    settle(bridge)
    dialog = main.record_pane.dialog
    if dialog is not None:
        save(dialog, "intake-dialog")
        dialog.reject()
        settle()
