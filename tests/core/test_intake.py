"""Intake on a case: referral, first contact and the days between, consent, GP,
language; referrals not yet seen and their waiting days; casebook/1.1 carries it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from casebook.errors import InvalidInput
from casebook.formats.casebook_json import parse_document
from casebook.intake import AIM_DAYS, parse_intake
from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"


def test_intake_is_set_in_parts_and_counts_the_days_to_first_contact(
    empty_notebook: Notebook,
) -> None:
    empty_notebook.cases.add("I-1", "Intake")
    empty_notebook.intake.set("I-1", {"referral_date": "2026-10-01", "referrer": "Ольга, MASH"})
    intake = empty_notebook.intake.set(
        "I-1", {"first_contact": "2026-10-10", "gp_confirmed": True, "language": "Polish"}
    )
    assert intake.referrer == "Ольга, MASH"
    assert intake.days_to_first_contact() == 9 > AIM_DAYS
    assert empty_notebook.intake.get("I-1") == intake
    assert empty_notebook.audit.verify(pages=False).ok
    actions = empty_notebook.database.query("SELECT action, detail FROM audit_log")
    assert ("case.intake", "set=first_contact,gp_confirmed,language") in actions
    assert not any("Polish" in detail for _action, detail in actions)


def test_bad_intake_is_refused_and_changes_nothing(empty_notebook: Notebook) -> None:
    empty_notebook.cases.add("I-1")
    empty_notebook.intake.set("I-1", {"referral_date": "2026-10-01"})
    with pytest.raises(InvalidInput, match="first contact is before the referral"):
        empty_notebook.intake.set("I-1", {"first_contact": "2026-09-30"})
    with pytest.raises(InvalidInput, match=r"intake\.gp_confirmed"):
        empty_notebook.intake.set("I-1", {"gp_confirmed": "yes"})
    with pytest.raises(InvalidInput, match="unknown key"):
        parse_intake({"referal_date": "2026-10-01"})
    intake = empty_notebook.intake.get("I-1")
    assert intake is not None and intake.first_contact is None and not intake.gp_confirmed


def test_referrals_not_yet_seen_are_listed_with_their_waiting_days(
    empty_notebook: Notebook,
) -> None:
    for ref, referred, seen in (
        ("SEEN", "2026-10-01", "2026-10-03"),
        ("NEW", "2026-11-25", None),
        ("OLD", "2026-11-10", None),
    ):
        empty_notebook.cases.add(ref)
        empty_notebook.intake.set(ref, {"referral_date": referred, "first_contact": seen})
    empty_notebook.cases.add("NONE")
    waiting = empty_notebook.intake.waiting(today=date(2026, 11, 30))
    assert [(w.case_ref, w.days, w.over_aim) for w in waiting] == [
        ("OLD", 20, True),
        ("NEW", 5, False),
    ]


def test_intake_travels_in_casebook_1_1_and_not_in_casebook_1(
    empty_notebook: Notebook, tmp_path: Path
) -> None:
    empty_notebook.cases.add("I-1")
    empty_notebook.intake.set("I-1", {"referral_date": "2026-10-01", "interpreter_needed": True})
    document = empty_notebook.interchange.export_document()
    [case] = document["cases"]
    assert case["intake"]["interpreter_needed"] is True
    parsed = parse_document(document)
    assert parsed.cases[0].intake is not None
    old: dict[str, Any] = {**document, "format": "casebook/1"}
    with pytest.raises(InvalidInput, match=r"cases\[0\].intake: unknown key"):
        parse_document(old)


def test_casebook_intake_set_show_and_list(cli: Any, empty_notebook_path: Path) -> None:
    base = ("--notebook", empty_notebook_path, "--passphrase-stdin")
    stdin = PASSPHRASE + "\n"
    assert cli(*base, "case", "add", "C-9", "--title", "Nguyễn", stdin=stdin)[0] == 0
    rc, out, err = cli(
        *base, "intake", "set", "C-9", "--referral-date", "2026-01-02", "--referrer",
        "Duty worker", "--gp-confirmed", stdin=stdin,
    )  # fmt: skip
    assert rc == 0, err
    rc, out, err = cli(*base, "intake", "list", stdin=stdin)
    assert rc == 0 and "C-9" in out and "OVER AIM" in out
    cli(*base, "intake", "set", "C-9", "--first-contact", "2026-01-05", stdin=stdin)
    rc, out, err = cli(*base, "intake", "show", "C-9", stdin=stdin)
    assert rc == 0 and "3 (within the 7-day aim)" in out and "GP confirmed" in out
    rc, out, err = cli(*base, "intake", "set", "C-9", "--first-contact", "2025-01-01", stdin=stdin)
    assert rc == 6 and "before the referral" in err
