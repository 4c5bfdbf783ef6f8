"""``casebook trends``: a case's change over time, each scale's dated ratings."""

from __future__ import annotations

import argparse
from typing import Any

from casebook_cli.output import TIMES_NOTE, table, when
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "trends",
        help="a case's change over time: each scale's dated ratings",
        description="Change over time in a case: the ratings on its session records "
        "(motivation to change, strengths and desistance factors, denial and "
        "minimisation, of the person of concern) and partner support records (the "
        "partner's protective capacity), each scale oldest first. Every scale runs from 0 "
        "to 4; higher is further towards safe change. Records that rate nothing are left "
        "out; drafts are marked.",
    )
    p.add_argument("ref", metavar="REF")
    p.add_argument("--json", action="store_true", help="every scale and point as JSON")


def _trends(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        trends = notebook.trends.of_case(args.ref)
    if args.json:
        s.print_json([
            {"scale": t.scale.rating, "label": t.scale.label, "person": t.person_key,
             "steps": list(t.scale.steps),
             "points": [{"event_at": p.event_at, "value": p.value, "step": p.step,
                         "note": p.note, "record": p.record_id, "status": p.status}
                        for p in t.points]}
            for t in trends
        ])  # fmt: skip
        return 0
    rated = [t for t in trends if t.points]
    if not rated:
        s.print("No record in this case rates change over time yet.")
        return 0
    for index, trend in enumerate(rated):
        if index:
            s.print("")
        s.print(f"{trend.title} (0 to {len(trend.scale.steps) - 1})")
        table(s, ("WHEN", "RATING", "NOTE", "RECORD"), [
            (when(p.event_at), trend.scale.words(p.value) + (" (draft)" if p.status == "draft"
             else ""), p.note or "—", p.record_id)
            for p in trend.points
        ], indent="  ")  # fmt: skip
    unrated = [t.scale.label for t in trends if not t.points]
    if unrated:
        s.print("")
        s.print("Not rated yet: " + ", ".join(unrated) + ".")
    s.print(TIMES_NOTE)
    return 0


HANDLERS: dict[str, Handler] = {
    "trends": _trends,
}
