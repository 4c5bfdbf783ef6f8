"""What casebook/1.1 adds to an imported case: its intake and its people's details."""

from __future__ import annotations

from typing import Any

from casebook.formats.casebook_json import CaseInput
from casebook.stores.intake import IntakeStore
from casebook.stores.person_details import PersonDetailsStore


def write_case_extras(tx: Any, case_id: int, person_ids: dict[str, int], case: CaseInput) -> None:
    """Store an imported case's intake and people's details (inside the import's transaction)."""
    if case.intake is not None:
        IntakeStore.write(tx, case_id, case.intake)
    for person in case.people:
        if person.details is not None:
            PersonDetailsStore.write(tx, person_ids[person.key], person.details)
