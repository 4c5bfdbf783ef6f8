"""What the core's change notices (:mod:`casebook.changes`) touch in the window.

The window gathers the notices of a short pause and then reloads only what they name:
``touched`` turns a notice into the keys :meth:`ui.mainwindow.MainWindow._refresh` reads
(``case``, ``person``, ``record``, ``action``, ``reflection``, ``explanation``,
``notebook`` and ``case:<ref>``, which reloads that case when it is shown). A draft's
autosave (:class:`~casebook.changes.RecordSaved`) touches none of them: its row alone
is updated in place (:func:`saved_record`).
"""

from __future__ import annotations

from typing import Any

from casebook.changes import (
    ActionChanged,
    CaseChanged,
    CaseDeleted,
    Change,
    EventChanged,
    ExplanationChanged,
    NotebookReloaded,
    PersonChanged,
    RecordChanged,
    RecordFinalised,
    RecordSaved,
    ReflectionAdded,
    RetentionDefaultChanged,
)


def touched(change: Any) -> set[str]:
    """The views ``change`` touches (nothing for an autosave; see :func:`saved_record`)."""
    match change:
        case CaseChanged(case_ref=ref):
            return {"case", f"case:{ref}"}
        case CaseDeleted():
            # The case list, and lists that may hold its records (actions due, search);
            # not the case itself: whoever shows it stops first (RecordPane.forget_case).
            return {"case", "record"}
        case RetentionDefaultChanged():
            return set()  # review dates are shown only in the retention view
        case PersonChanged(case_ref=ref):
            return {"person", f"case:{ref}"}
        case RecordChanged(case_ref=ref) | RecordFinalised(case_ref=ref):
            return {"record", f"case:{ref}"}
        case ActionChanged(case_ref=ref):
            return {"action", f"case:{ref}"}
        case EventChanged(case_ref=ref):
            # The case's chronology shows its events; the case list does not.
            return {f"case:{ref}"}
        case ReflectionAdded():
            return {"reflection"}
        case ExplanationChanged():
            # Only the Words and pictures dialog shows them; it reloads after each command.
            return {"explanation"}
        case NotebookReloaded():
            return {"notebook"}
        case Change(what=what, case_ref=ref):
            # A notice of the old shape (a store without typed notices): reload coarsely.
            return {what} | ({f"case:{ref}"} if ref else set())
    return set()


def saved_record(change: Any) -> tuple[str, str] | None:
    """(case ref, record id) of a draft's autosave, else None."""
    if isinstance(change, RecordSaved):
        return change.case_ref, change.record_id
    return None
