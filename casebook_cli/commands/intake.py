"""``casebook intake show|set|list``: how a case began, and referrals not yet seen."""

from __future__ import annotations

import argparse
from typing import Any

from casebook.intake import AIM_DAYS, FLAG_KEYS, INTAKE_KEYS, LABELS
from casebook_cli.output import one_line, table
from casebook_cli.session import Handler, Session

# Option names of `intake set` (the intake keys, with dashes).
OPTIONS = {key: "--" + key.replace("_", "-") for key in INTAKE_KEYS}


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "intake",
        help="a case's intake (referral, first contact, consent) and referrals waiting",
        description="Intake on a case: referral date, referrer and source, first contact "
        f"and the days from referral (the aim is {AIM_DAYS}), confidentiality explained "
        "and agreed, consent to share, safeguarding information, GP, language and "
        "interpreter. `intake list` shows the open referrals not yet seen.",
    )
    actions = p.add_subparsers(dest="sub", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="show a case's intake")
    show.add_argument("ref", metavar="REF")
    show.add_argument("--json", action="store_true")
    put = actions.add_parser("set", help="set parts of a case's intake (others stay)")
    put.add_argument("ref", metavar="REF")
    for key, option in OPTIONS.items():
        if key in FLAG_KEYS:
            put.add_argument(option, action=argparse.BooleanOptionalAction, default=None)
        else:
            metavar = "YYYY-MM-DD" if key in ("referral_date", "first_contact",
                                              "confidentiality_agreed") else "TEXT"  # fmt: skip
            put.add_argument(option, metavar=metavar, help=LABELS[key])
    waiting = actions.add_parser("list", help="open referrals not yet seen, longest first")
    waiting.add_argument("--json", action="store_true")


def _intake(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        if args.sub == "list":
            return _list(s, notebook.intake.waiting(), args.json)
        if args.sub == "set":
            changes = {k: getattr(args, k) for k in INTAKE_KEYS if getattr(args, k) is not None}
            intake = notebook.intake.set(args.ref, changes)
            s.print(f"Intake of {args.ref} saved.")
        else:
            found = notebook.intake.get(args.ref)
            if found is None:
                if args.json:
                    s.print_json(None)
                else:
                    s.print(f"No intake recorded for {args.ref}.")
                return 0
            intake = found
    if args.sub == "show" and args.json:
        s.print_json({**intake.document(), "days_to_first_contact": intake.days_to_first_contact()})
        return 0
    for key in INTAKE_KEYS:
        value = getattr(intake, key)
        shown = ("yes" if value else "no") if key in FLAG_KEYS else (value or "-")
        s.print(f"{LABELS[key] + ':':42} {one_line(str(shown))}")
    days = intake.days_to_first_contact()
    if days is not None:
        aim = "within" if days <= AIM_DAYS else "beyond"
        s.print(
            f"{'Days from referral to first contact:':42} {days} ({aim} the {AIM_DAYS}-day aim)"
        )
    return 0


def _list(s: Session, waiting: list[Any], as_json: bool) -> int:
    if as_json:
        s.print_json([{"case": w.case_ref, "referral_date": w.referral_date, "days": w.days,
                       "over_aim": w.over_aim} for w in waiting])  # fmt: skip
        return 0
    if not waiting:
        s.print("No referral is waiting to be seen.")
        return 0
    table(s, ("WAITING", "CASE", "REFERRED", "TITLE"), [
        (f"{w.days} days" + (" OVER AIM" if w.over_aim else ""), w.case_ref, w.referral_date,
         one_line(w.case_title))
        for w in waiting
    ])  # fmt: skip
    return 0


HANDLERS: dict[str, Handler] = {
    "intake show": _intake,
    "intake set": _intake,
    "intake list": _intake,
}
