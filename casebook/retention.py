"""Retention rules and legal holds: when a case is due for review, in plain values.

A case keeps its records until its retention rule says they may go:

* ``closed``: the case's closed date plus N years (UK practice for adult work: 6 years);
* ``child``: until the youngest child of the case reaches N (UK children's social care:
  25), and never before the case is closed.

An open case is never due. A case without a rule of its own follows the notebook's
default (settings ``retention.rule``, ``retention.closed_years``,
``retention.child_age``). A legal hold stops any deletion, whatever the date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casebook.errors import InvalidInput

RULES = ("closed", "child")
RULE_LABELS = {"closed": "closed + {n} years", "child": "until the youngest child is {n}"}
DEFAULT_RULE = "child"
DEFAULT_YEARS = {"closed": 6, "child": 25}
MAX_YEARS = 150
SETTING_RULE = "retention.rule"
SETTING_YEARS = {"closed": "retention.closed_years", "child": "retention.child_age"}


@dataclass(frozen=True)
class Rule:
    """A retention rule: ``kind`` (closed or child) and its number of years."""

    kind: str
    years: int

    def describe(self) -> str:
        """E.g. "closed + 6 years"."""
        return RULE_LABELS[self.kind].format(n=self.years)


@dataclass(frozen=True)
class LegalHold:
    """A legal hold on a case: the practitioner's reason and the date it took effect."""

    reason: str
    held_on: str


@dataclass(frozen=True)
class Retention:
    """A case's retention: its rule, when it is due for review, and any legal hold.

    ``due`` is None while the date cannot be known (the case is open); ``note`` says why
    in plain words.
    """

    ref: str
    title: str
    status: str
    closed: str | None
    rule: Rule
    own_rule: bool
    due: str | None
    note: str
    hold: LegalHold | None

    def is_due(self, today: str) -> bool:
        """Due for review on or before ``today`` (YYYY-MM-DD)."""
        return self.due is not None and self.due <= today

    def describe_due(self) -> str:
        """E.g. "due for review on 2031-05-01"."""
        return f"due for review on {self.due}" if self.due else self.note


@dataclass(frozen=True)
class DeletionPreview:
    """What deleting a case would remove, and why it may not (``refusal``)."""

    ref: str
    records: int
    final_records: int
    addenda: int
    attachments: int
    people: int
    actions: int
    backups: int
    exports: int
    refusal: str | None
    backup_times: tuple[str, ...] = ()

    def describe(self) -> str:
        """E.g. "9 records (9 final), 1 addendum, 0 attachments, 6 people, 2 actions"."""

        def n(count: int, one: str, many: str) -> str:
            return f"{count} {one if count == 1 else many}"

        return (
            f"{n(self.records, 'record', 'records')} ({self.final_records} final), "
            f"{n(self.addenda, 'addendum', 'addenda')}, "
            f"{n(self.attachments, 'attachment', 'attachments')}, "
            f"{n(self.people, 'person', 'people')}, {n(self.actions, 'action', 'actions')}"
        )

    def warning(self) -> str:
        """The copies outside the notebook that still hold the case, backups with times."""
        parts = []
        if self.backups:
            parts.append(f"{self.backups} backup{'s' if self.backups != 1 else ''}")
        if self.exports:
            parts.append(f"{self.exports} export{'s' if self.exports != 1 else ''}")
        if not parts:
            return "No backup or export made since the case was opened holds it."
        one = self.backups + self.exports == 1
        times = ", ".join(t[:16].replace("T", " ") for t in self.backup_times[:5])
        if len(self.backup_times) > 5:
            times += f" and {len(self.backup_times) - 5} more"
        return (
            f"{' and '.join(parts)} made before this deletion "
            f"{'still contains' if one else 'still contain'} this case"
            + (f" (backed up {times})" if times else "")
            + f": Casebook cannot reach {'it' if one else 'them'}; handle "
            f"{'it' if one else 'them'} under your organisation's retention policy."
        )


def check_rule(kind: str, years: int) -> Rule:
    """A rule from user input.

    Raises:
        InvalidInput: an unknown kind or a number of years outside 0-150.
    """
    if kind not in RULES:
        raise InvalidInput("retention.rule", "expected closed or child")
    if isinstance(years, bool) or not isinstance(years, int) or not 0 <= years <= MAX_YEARS:
        raise InvalidInput("retention.years", f"expected a whole number from 0 to {MAX_YEARS}")
    return Rule(kind, years)


def add_years(day: date, years: int) -> date:
    """``day`` plus whole years (29 February becomes 28 February in other years)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def due_date(rule: Rule, closed: date | None, youngest_born: date | None) -> tuple[str | None, str]:
    """When a case under ``rule`` is due for review, and a note when it cannot be said.

    Returns:
        (YYYY-MM-DD or None, a plain-words note)
    """
    if closed is None:
        return None, "not due: the case is open"
    if rule.kind == "closed":
        return add_years(closed, rule.years).isoformat(), ""
    if youngest_born is None:
        return None, "no child with a date of birth: set a rule for this case"
    return max(add_years(youngest_born, rule.years), closed).isoformat(), ""
