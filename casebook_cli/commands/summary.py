"""``casebook summary``: export a signed PDF summary, with the redaction review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from casebook.atomic import write_atomic
from casebook.errors import InvalidInput, UsageError
from casebook.kinds import REDACTION_MODES
from casebook.summary.export import PreparedSummary, prepare_summary, sign_summary
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("summary", help="export a signed PDF summary of cases for a period")
    p.add_argument("--case", action="append", dest="cases", required=True, metavar="REF")
    p.add_argument("--from", dest="period_from", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="period_to", metavar="YYYY-MM-DD")
    p.add_argument("--redact", choices=REDACTION_MODES, default="none",
                   help="replace names by initials or pseudonyms")  # fmt: skip
    p.add_argument("--include-drafts", action="store_true", help="include drafts, marked DRAFT")
    p.add_argument("--include-reflections", action="store_true",
                   help="include the private reflective log")  # fmt: skip
    p.add_argument("--drawings", action="store_true",
                   help="include the images attached to direct work (a child's drawings)"
                   " as they are, scaled to fit")  # fmt: skip
    p.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    p.add_argument(
        "--review",
        metavar="FILE.json",
        help="redaction review: write the candidates to FILE, or apply its decisions",
    )
    p.add_argument("--no-review", action="store_true",
                   help="sign a redacted summary without reviewing what is left")  # fmt: skip


def _summary(s: Session, args: argparse.Namespace) -> int:
    from casebook.summary.review import read_review_file

    if args.review and args.no_review:
        raise UsageError("Give either --review FILE or --no-review, not both.")
    review_file = Path(args.review) if args.review and args.redact != "none" else None
    decisions = []
    if review_file is not None and review_file.exists():
        try:
            text = review_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(str(review_file), "cannot read the review file") from exc
        decisions = read_review_file(text, where=str(review_file))
    with s.open() as notebook:
        prepared = prepare_summary(
            notebook, args.cases, period_from=args.period_from, period_to=args.period_to,
            redaction=args.redact, include_drafts=args.include_drafts,
            include_reflections=args.include_reflections, include_drawings=args.drawings,
            decisions=decisions,
        )  # fmt: skip
        _say_undrawable(prepared.undrawable)
        if prepared.unreviewed and not args.no_review:
            _refuse_unreviewed(s, prepared, review_file)
        if prepared.unreviewed:
            count = len(prepared.unreviewed)
            print(
                f"casebook: signed without a redaction review: {count} possible identifying "
                f"detail{'s' if count != 1 else ''} left as written (--no-review).",
                file=sys.stderr,
            )
        pdf = sign_summary(notebook, prepared)
    write_atomic(Path(args.output), pdf)
    for warning in prepared.warnings:
        print(f"casebook: warning: {warning}", file=sys.stderr)
    s.print(f"Signed summary written: {args.output} ({len(pdf):,} bytes).")
    return 0


def _say_undrawable(characters: list[str]) -> None:
    """Tell, before signing, which characters the PDF shows as [U+XXXX] markers."""
    from casebook.summary.review import code_points

    if characters:
        print(
            f"casebook: no bundled font draws {len(characters)} character"
            f"{'s' if len(characters) != 1 else ''} of this summary: {code_points(characters)}. "
            "The summary shows each as a [U+XXXX] marker.",
            file=sys.stderr,
        )


def _refuse_unreviewed(s: Session, prepared: PreparedSummary, review_file: Path | None) -> None:
    """Write or extend the review file, name what is undecided, and refuse to sign."""
    from casebook.summary.review import ReviewNeeded, review_file_json

    count = len(prepared.unreviewed)
    details = f"{count} possible identifying detail{'s' if count != 1 else ''}"
    if review_file is None:
        raise ReviewNeeded(
            prepared.unreviewed,
            "--redact",
            f"{details} remain after redaction (names of people outside the case, "
            "addresses, phone numbers). Review them with --review FILE, or sign as it is "
            "with --no-review. Nothing was signed.",
        )
    existed = review_file.exists()
    # The file holds names in plain text: owner-only, written atomically.
    write_atomic(review_file, review_file_json(prepared.unreviewed, prepared.decisions).encode())
    if not existed:
        s.print(f"Redaction review: {details} written to {review_file}.")
        s.print(
            'Set each "decision" to "keep" or "redact" (with its "replacement"), then run '
            "the same command again. The file holds names in plain text: delete it when "
            "the summary is signed."
        )
        raise ReviewNeeded(
            prepared.unreviewed, str(review_file), "no decisions yet; nothing was signed"
        )
    print(f"casebook: {details} without a decision (added to {review_file}):", file=sys.stderr)
    for candidate in prepared.unreviewed:
        print(f"  {candidate.text}  ({candidate.kind}, {candidate.occurrences}x)", file=sys.stderr)
    raise ReviewNeeded(prepared.unreviewed, str(review_file), "decide each; nothing was signed")


HANDLERS: dict[str, Handler] = {
    "summary": _summary,
}
