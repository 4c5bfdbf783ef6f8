"""The case's intake and a person's details, each in its dialog, for the record pane
(:class:`ui.record_pane.RecordPane`): read on the worker, Save runs the core's command."""

from __future__ import annotations

from typing import Any


def edit_intake(pane: Any) -> None:
    """Read the current case's intake, then show it in its dialog; Save stores it (the
    core checks it)."""
    ref = pane.current_ref
    if ref is None:
        return
    pane.bridge.run(
        pane.notebook.intake.get, ref, on_done=lambda intake: _intake_loaded(pane, ref, intake),
        on_error=pane.failed.emit,
    )  # fmt: skip


def _intake_loaded(pane: Any, ref: str, intake: Any) -> None:
    from ui.intake_dialog import IntakeDialog

    dialog = IntakeDialog(ref, intake, pane.window())
    dialog.accepted.connect(
        lambda: pane._run(pane.notebook.intake.set, ref, dialog.values(), reload=ref)
    )
    pane._open(dialog)


def edit_person_details(pane: Any, person: Any) -> None:
    """Read a person's details, then show them in their dialog; Save stores them (the
    core checks them)."""
    ref = pane.current_ref
    if ref is None:
        return
    pane.bridge.run(
        pane.notebook.details.get, ref, person.key,
        on_done=lambda details: _details_loaded(pane, ref, person, details),
        on_error=pane.failed.emit,
    )  # fmt: skip


def _details_loaded(pane: Any, ref: str, person: Any, details: Any) -> None:
    from ui.person_details_dialog import PersonDetailsDialog

    dialog = PersonDetailsDialog(person.preferred_name or person.name, details, pane.window())
    dialog.accepted.connect(
        lambda: pane._run(pane.notebook.details.set, ref, person.key, dialog.values(), reload=ref)
    )
    pane._open(dialog)
