"""Retention rules, legal holds and the deliberate deletion of a case past retention.

Attached to the notebook as ``notebook.retention``. Every change is audited with ids
only (a hold's reason is the practitioner's words: the audit entry holds its SHA-256).
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any, Protocol

from casebook import timeutil
from casebook.changes import CaseChanged, CaseDeleted, RetentionDefaultChanged
from casebook.errors import InvalidInput
from casebook.retention import (
    DEFAULT_RULE,
    DEFAULT_YEARS,
    RULES,
    SETTING_RULE,
    SETTING_YEARS,
    DeletionPreview,
    LegalHold,
    Retention,
    Rule,
    check_rule,
    due_date,
)
from casebook.stores import case_deletion
from casebook.stores.base import Facade, Store
from casebook.stores.cases import CaseStore
from casebook.stores.settings import SettingsStore
from casebook.validate import check_text


class _Parts(Facade, Protocol):
    cases: CaseStore
    settings: SettingsStore


class RetentionStore(Store[_Parts]):
    """``notebook.retention``: retention and legal hold of the notebook's cases."""

    # -- defaults -----------------------------------------------------------------------

    def default_rule(self) -> Rule:
        """The rule of cases without one of their own (UK defaults until changed)."""
        kind = self._notebook.settings.get(SETTING_RULE, DEFAULT_RULE) or DEFAULT_RULE
        if kind not in RULES:
            kind = DEFAULT_RULE
        return Rule(kind, self.default_years(kind))

    def default_years(self, kind: str) -> int:
        """The notebook's number of years for rule ``kind``."""
        value = self._notebook.settings.get(SETTING_YEARS[kind], "") or ""
        return int(value) if value.isdigit() else DEFAULT_YEARS[kind]

    def set_defaults(self, kind: str, years: int) -> Rule:
        """Make ``kind`` with ``years`` the notebook's default rule (audited)."""
        rule = check_rule(kind, years)
        with self._db.transaction() as tx:
            self._notebook.settings.set_many(
                tx, ((SETTING_RULE, rule.kind), (SETTING_YEARS[kind], str(years)))
            )
            self._audit.append(
                tx, timeutil.now(), "retention.default", "notebook",
                f"rule={rule.kind} years={rule.years}",
            )  # fmt: skip
        self._notify(RetentionDefaultChanged())
        return rule

    # -- queries ------------------------------------------------------------------------

    def get(self, ref: str) -> Retention:
        """The retention of one case.

        Raises:
            NotFound: there is no such case.
        """
        case = self._notebook.cases.get(ref)
        return self._retention(self._rows(case.id)[0])

    def cases(self, *, due_only: bool = True, today: str | None = None) -> list[Retention]:
        """Cases due for review (or all with ``due_only=False``), soonest due first."""
        today = today or timeutil.today()
        found = [self._retention(row) for row in self._rows(None)]
        if due_only:
            found = [r for r in found if r.is_due(today)]
        return sorted(found, key=lambda r: (r.due is None, r.due or "", r.ref.casefold()))

    def _rows(self, case_id: int | None) -> list[Any]:
        sql = (
            "SELECT c.ref, c.title, c.status, c.closed, cr.rule, cr.years, h.reason, h.held_on,"
            " (SELECT max(p.born) FROM people p WHERE p.case_id = c.id AND p.role = 'child')"
            " FROM cases c LEFT JOIN case_retention cr ON cr.case_id = c.id"
            " LEFT JOIN legal_holds h ON h.case_id = c.id"
        )
        if case_id is None:
            return self._db.query(sql)
        return self._db.query(sql + " WHERE c.id = ?", (case_id,))

    def _retention(self, row: Any) -> Retention:
        ref, title, status, closed, kind, years, reason, held_on, youngest = row
        own = kind is not None
        rule = Rule(kind, int(years)) if own else self.default_rule()
        closed_on = date.fromisoformat(closed) if status == "closed" and closed else None
        born = date.fromisoformat(youngest) if youngest else None
        due, note = due_date(rule, closed_on, born)
        hold = LegalHold(reason, held_on) if held_on is not None else None
        return Retention(ref, title, status, closed, rule, own, due, note, hold)

    # -- commands -----------------------------------------------------------------------

    def set_rule(self, ref: str, kind: str | None, years: int | None = None) -> Retention:
        """Give a case its own rule, or (``kind=None``) let it follow the default.

        ``years`` left out takes the notebook's number for that kind.
        """
        case = self._notebook.cases.get(ref)
        rule = (
            check_rule(kind, self.default_years(kind) if years is None else years) if kind else None
        )
        with self._db.transaction() as tx:
            tx.execute("DELETE FROM case_retention WHERE case_id = ?", (case.id,))
            if rule is not None:
                tx.execute(
                    "INSERT INTO case_retention (case_id, rule, years, set_at) VALUES (?, ?, ?, ?)",
                    (case.id, rule.kind, rule.years, timeutil.now()),
                )
            detail = f"rule={rule.kind} years={rule.years}" if rule else "rule=default"
            self._audit.append(tx, timeutil.now(), "retention.rule", f"case:{case.id}", detail)
        self._notify(CaseChanged(ref))
        return self.get(ref)

    def place_hold(self, ref: str, reason: str, held_on: str | None = None) -> Retention:
        """Put a case under legal hold: nothing of it can be deleted until released.

        Raises:
            InvalidInput: no reason, a bad date, or the case is already held.
        """
        case = self._notebook.cases.get(ref)
        reason = check_text(reason, "hold.reason", 2000).strip()
        if not reason:
            raise InvalidInput("hold.reason", "say why the case is held (a court, a request)")
        held_on = held_on or timeutil.today()
        try:
            timeutil.parse_date(held_on)
        except ValueError as exc:
            raise InvalidInput("hold.date", str(exc)) from None
        if self.get(ref).hold is not None:
            raise InvalidInput("hold", f"case {ref} is already under legal hold")
        digest = hashlib.sha256(reason.encode("utf-8")).hexdigest()
        with self._db.transaction() as tx:
            tx.execute(
                "INSERT INTO legal_holds (case_id, reason, held_on, placed_at) VALUES (?, ?, ?, ?)",
                (case.id, reason, held_on, timeutil.now()),
            )
            self._audit.append(
                tx, timeutil.now(), "case.hold", f"case:{case.id}",
                f"held_on={held_on} reason_sha256={digest}",
            )  # fmt: skip
        self._notify(CaseChanged(ref))
        return self.get(ref)

    def release_hold(self, ref: str) -> Retention:
        """Lift a case's legal hold.

        Raises:
            InvalidInput: the case is not under legal hold.
        """
        case = self._notebook.cases.get(ref)
        if self.get(ref).hold is None:
            raise InvalidInput("hold", f"case {ref} is not under legal hold")
        with self._db.transaction() as tx:
            tx.execute("DELETE FROM legal_holds WHERE case_id = ?", (case.id,))
            self._audit.append(tx, timeutil.now(), "case.release", f"case:{case.id}")
        self._notify(CaseChanged(ref))
        return self.get(ref)

    def deletion_preview(self, ref: str, *, today: str | None = None) -> DeletionPreview:
        """What deleting a case would remove and which copies outside still hold it;
        ``refusal`` says why it may not be deleted (under hold, not due)."""
        retention = self.get(ref)
        today = today or timeutil.today()
        refusal = None
        if retention.hold is not None:
            refusal = (
                f"case {ref} is under legal hold since {retention.hold.held_on}: "
                "release the hold first; nothing was deleted"
            )
        elif not retention.is_due(today):
            refusal = (
                f"case {ref} is not past retention ({retention.describe_due()}); "
                "nothing was deleted"
            )
        case_id = self._notebook.cases.get(ref).id
        counts = case_deletion.count(self._db, case_id)
        return DeletionPreview(ref=ref, refusal=refusal, **counts)

    def delete_case(self, ref: str, confirm: str, *, today: str | None = None) -> DeletionPreview:
        """Delete a case past retention, everything it holds, and rewrite the database.

        ``confirm`` must be the case's ref, typed again. The audit log keeps a tombstone
        (``case.delete``: ref, counts, date; no content) and one ``record.purge`` entry
        per record, so its chain and ``audit verify`` still hold.

        Raises:
            InvalidInput: under legal hold, not due, or ``confirm`` is not the ref;
                nothing is changed.
        """
        preview = self.deletion_preview(ref, today=today)
        if preview.refusal:
            raise InvalidInput("retention.delete", preview.refusal)
        if confirm != ref:
            raise InvalidInput(
                "confirm", f"type the case reference {ref} exactly to confirm; nothing was deleted"
            )
        case_id = self._notebook.cases.get(ref).id
        case_deletion.delete(self._db, self._audit, case_id, ref)
        self._notify(CaseDeleted(ref))
        return preview
