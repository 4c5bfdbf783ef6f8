"""Constants and small rules have one home in the core, imported where they are used
(issue 15): the backup suffix, the redaction modes, the minimum passphrase, a person's age
and the order of roles. A second copy drifts; these tests find one.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from casebook import kinds, timeutil

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = [
    path
    for package in ("casebook", "ui")
    for path in sorted((ROOT / package).rglob("*.py"))
    # Migrations are history: what they once wrote stays as it was.
    if path.name != "schema.py"
]


def _places(pattern: str) -> list[str]:
    """The file of every line of product code matching ``pattern`` (once a line)."""
    regex = re.compile(pattern)
    return [
        str(path.relative_to(ROOT))
        for path in PRODUCT
        for line in path.read_text(encoding="utf-8").splitlines()
        if regex.search(line)
    ]


def test_the_backup_suffix_is_written_once() -> None:
    assert _places(r"""["']\.casebook-backup["']""") == ["casebook/paths.py"]


def test_the_redaction_modes_are_written_once() -> None:
    assert _places(r"""\(\s*["']none["'],\s*["']initials["'],\s*["']pseudonyms["']""") == [
        "casebook/kinds.py"
    ]


def test_the_minimum_passphrase_comes_from_the_core() -> None:
    assert _places(r"MIN_PASSPHRASE\s*=") == ["casebook/passphrase.py"]
    assert _places(r"from ui\.\w+ import .*MIN_PASSPHRASE") == []


def test_an_age_is_worked_out_in_one_place() -> None:
    assert _places(r"\(\w+\.month, \w+\.day\) < \(\w+\.month, \w+\.day\)") == [
        "casebook/timeutil.py"
    ]
    assert timeutil.age(date(2016, 9, 30), date(2026, 9, 29)) == 9
    assert timeutil.age(date(2016, 9, 30), date(2026, 9, 30)) == 10
    assert timeutil.age(date(2016, 2, 29), date(2026, 2, 28)) == 9


def test_no_query_spells_out_the_order_of_roles() -> None:
    assert _places(r"WHEN 'subject' THEN") == []


def test_people_are_listed_in_the_order_of_the_roles(empty_notebook) -> None:
    empty_notebook.cases.add("C-1")
    # Added in the reverse order, each name sorting before the last.
    for letter, role in zip("ABCDE", reversed(kinds.ROLES), strict=True):
        empty_notebook.people.add("C-1", f"{letter} Person", role)
    assert [p.role for p in empty_notebook.people.list("C-1")] == list(kinds.ROLES)
    assert [p.role for p in empty_notebook.people.all()] == list(kinds.ROLES)
