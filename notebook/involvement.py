"""Who is still involved in a case, and why a case was closed or reopened.

A person who is no longer involved (moved away, contact ended, no longer the child's
carer) stays in the case, with everything written about them; they are marked with the
day it ended and, if the practitioner gives one, the reason. Pickers for new records
leave them out; the People tab shows them as no longer involved.

Closing or reopening a case keeps the reason the practitioner gives, with the time,
in an append-only history beside the case. Reasons are the practitioner's words, kept
encrypted in the notebook; the audit log holds ids only.
"""

from __future__ import annotations

from dataclasses import dataclass

from notebook import kinds, timeutil
from notebook.domain import Case
from notebook.errors import InvalidInput, NotFound
from notebook.service import Notebook
from notebook.validate import check_text

MAX_REASON_CHARS = 2000


@dataclass(frozen=True)
class Involvement:
    """A person no longer involved: since when and why."""

    ended: str
    reason: str = ""


@dataclass(frozen=True)
class StatusChange:
    """A case closed or reopened: when, and the practitioner's reason."""

    status: str
    at: str
    reason: str


def no_longer_involved(notebook: Notebook, ref: str) -> dict[str, Involvement]:
    """{person key: Involvement} for the people of case ``ref`` no longer involved."""
    case = notebook.get_case(ref)
    rows = notebook.database.query(
        "SELECT p.key, i.ended, i.reason FROM person_involvement i"
        " JOIN people p ON p.id = i.person_id WHERE p.case_id = ?",
        (case.id,),
    )
    return {key: Involvement(ended, reason) for key, ended, reason in rows}


def mark_no_longer_involved(
    notebook: Notebook, ref: str, key: str, ended: str | None = None, reason: str = ""
) -> Involvement:
    """Mark person ``key`` of case ``ref`` as no longer involved since ``ended`` (today).

    Raises:
        NotFound: no such case or person.
        InvalidInput: a bad date, or a reason too long.
    """
    person_id = _person_id(notebook, ref, key)
    day = ended or timeutil.today()
    try:
        timeutil.parse_date(day)
    except ValueError:
        raise InvalidInput("ended", "expected a date like 2026-03-02") from None
    reason = check_text(reason, "reason", MAX_REASON_CHARS).strip()
    with notebook.database.transaction() as tx:
        tx.execute("DELETE FROM person_involvement WHERE person_id = ?", (person_id,))
        tx.execute(
            "INSERT INTO person_involvement (person_id, ended, reason) VALUES (?, ?, ?)",
            (person_id, day, reason),
        )
        notebook.append_audit_event("person.involvement_ended", f"person:{person_id}")
    return Involvement(day, reason)


def mark_involved_again(notebook: Notebook, ref: str, key: str) -> None:
    """Person ``key`` of case ``ref`` is involved again (nothing if they always were)."""
    person_id = _person_id(notebook, ref, key)
    with notebook.database.transaction() as tx:
        gone = tx.execute("DELETE FROM person_involvement WHERE person_id = ?", (person_id,))
        if gone.rowcount:
            notebook.append_audit_event("person.involved_again", f"person:{person_id}")


def change_case_status(notebook: Notebook, ref: str, status: str, reason: str = "") -> Case:
    """Close or reopen case ``ref``, keeping the practitioner's reason with the time.

    Raises:
        NotFound: no such case.
        InvalidInput: an unknown status, the case already has it, or a reason too long.
    """
    if status not in kinds.CASE_STATUSES:
        raise InvalidInput("status", "expected open or closed")
    reason = check_text(reason, "reason", MAX_REASON_CHARS).strip()
    if notebook.get_case(ref).status == status:
        raise InvalidInput("status", f"the case is already {status}")
    with notebook.database.transaction() as tx:
        case = notebook.update_case(ref, status=status)
        tx.execute(
            "INSERT INTO case_status_changes (case_id, status, at, reason) VALUES (?, ?, ?, ?)",
            (case.id, status, timeutil.now(), reason),
        )
    return case


def case_status_changes(notebook: Notebook, ref: str) -> list[StatusChange]:
    """The times case ``ref`` was closed or reopened in the app, oldest first."""
    case = notebook.get_case(ref)
    rows = notebook.database.query(
        "SELECT status, at, reason FROM case_status_changes WHERE case_id = ? ORDER BY id",
        (case.id,),
    )
    return [StatusChange(*row) for row in rows]


def _person_id(notebook: Notebook, ref: str, key: str) -> int:
    for person in notebook.list_people(ref):
        if person.key == key:
            return person.id
    raise NotFound("person", f"case {ref} has no person {key!r}")
