"""``casebook diary [--week] [--ics FILE]``: next sessions and overdue actions together."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from casebook_cli.output import one_line, table
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "diary", help="next sessions planned in records, and overdue actions",
        description="Next sessions and visits planned in session records (Next session) "
        "of open cases, overdue ones first, and open actions past their due date. A planned "
        "visit is overdue when its day has passed and the case has no record since.",
    )  # fmt: skip
    p.add_argument("--week", action="store_true", help="this week only (Monday to Sunday)")
    p.add_argument("--next-week", action="store_true", help="next week only")
    p.add_argument(
        "--ics", metavar="FILE", dest="out",
        help="also write the upcoming visits shown as an iCalendar file (NOT encrypted; each "
        "event names the case reference, not the people)",
    )  # fmt: skip
    p.add_argument("--json", action="store_true")


def _period(args: argparse.Namespace) -> tuple[date | None, date | None]:
    from casebook.diary import week_of

    if args.week or args.next_week:
        monday, sunday = week_of(date.today() + timedelta(days=7 if args.next_week else 0))
        return monday, sunday
    return None, None


def _diary(s: Session, args: argparse.Namespace) -> int:
    start, end = _period(args)
    with s.open() as notebook:
        diary = notebook.diary.diary(start, end)
        written = notebook.diary.write_ics(Path(args.out), start, end) if args.out else None
    if args.json:
        s.print_json({
            "from": diary.start, "to": diary.end,
            "visits": [{"day": v.day, "case": v.case_ref, "record": v.record_id,
                        "title": v.title, "overdue": v.overdue} for v in diary.visits],
            "overdue_actions": [{"id": a.id, "case": a.case_ref, "record": a.record_id,
                                 "text": a.text, "due": a.due} for a in diary.overdue_actions],
        })  # fmt: skip
    else:
        period = f" ({diary.start} to {diary.end})" if diary.start else ""
        s.print(f"Visits planned{period}")
        if diary.visits:
            table(s, ("DAY", "CASE", "PLANNED IN", "RECORD"), [
                (v.day + (" OVERDUE" if v.overdue else ""), v.case_ref, v.title, v.record_id)
                for v in diary.visits
            ], indent="  ")  # fmt: skip
        else:
            s.print("  None.")
        s.print("")
        s.print("Overdue actions")
        if diary.overdue_actions:
            table(s, ("DUE", "CASE", "ACTION", "ID"), [
                (a.due or "-", a.case_ref or "", one_line(a.text), str(a.id))
                for a in diary.overdue_actions
            ], indent="  ")  # fmt: skip
        else:
            s.print("  None.")
    if written is not None:
        s.warn(f"wrote {written} event(s) to {args.out}: it is not encrypted.")
    return 0


HANDLERS: dict[str, Handler] = {"diary": _diary}
