"""Signed summaries and backups from the GUI: default file names and the work itself.

No Qt here: :func:`review_summary`, :func:`write_summary`, :func:`write_backup`,
:func:`summary_filename` and :func:`last_backup` run on the bridge's worker thread
(rendering and signing a PDF or copying the whole notebook takes seconds) and return
plain values. The core modules they use are imported inside them, on first use.

Default file names carry case references, the notebook's name and a date, never a
person's name or a case title: a file name is shown by every file manager, kept in
recent-file lists and copied into emails, outside anything Casebook encrypts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casebook.paths import BACKUP_SUFFIX

if TYPE_CHECKING:
    from casebook.summary.review import Candidate, Decision, PreviewSection

MAX_REFS_IN_NAME = 3
MAX_NAME_LENGTH = 120


@dataclass(frozen=True)
class SummaryOptions:
    """What a summary covers: the options of ``casebook summary``."""

    case_refs: tuple[str, ...]
    period_from: str | None = None
    period_to: str | None = None
    redaction: str = "initials"
    include_drafts: bool = False
    include_reflections: bool = False
    # The images of direct work (a child's drawings), drawn as they are (off by default).
    include_drawings: bool = False
    # The practitioner's redaction review decisions (see casebook.summary.review).
    decisions: tuple[Decision, ...] = ()


@dataclass(frozen=True)
class SummaryReview:
    """What the practitioner checks before a summary is signed (see :func:`review_summary`).

    Attributes:
        redaction: The redaction mode.
        candidates: What redaction left that may identify someone (user text).
        sections: The redacted text of each record, for the preview.
        undrawable: Characters no bundled font draws (shown as ``[U+XXXX]``).
    """

    redaction: str
    candidates: tuple[Candidate, ...]
    sections: tuple[PreviewSection, ...]
    undrawable: tuple[str, ...]


@dataclass(frozen=True)
class SummaryWritten:
    """A signed summary on disk, and the certificate that signed it."""

    path: Path
    size: int
    fingerprint: str
    warnings: tuple[str, ...] = ()


def safe_filename(name: str, fallback: str = "casebook") -> str:
    """``name`` with only letters, digits, ``.``, ``_`` and ``-`` (ASCII), safe on any disk.

    Anything else (slashes, spaces, accents, control characters) becomes ``-``; a name
    never starts with a dot (hidden) or a dash (read as an option), and is kept short.
    """
    folded = _fold(name, casefold=False).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", folded)
    cleaned = re.sub(r"-{2,}", "-", cleaned).strip(".-_ ")[:MAX_NAME_LENGTH].strip(".-_ ")
    return cleaned or fallback


def _name_words(people: list[Any]) -> set[str]:
    """Every word of every name, preferred and other name, folded, of two letters or more."""
    words: set[str] = set()
    for person in people:
        for name in (person.name, person.preferred_name, *getattr(person, "other_names", ())):
            for word in re.split(r"[^\w]+|_", name or ""):
                if sum(c.isalpha() for c in word) >= 2:
                    words.add(_fold(word))
    return words


def _fold(text: str, *, casefold: bool = True) -> str:
    """``text`` without accents (``Łucja`` → ``Lucja``), as the summary's redaction folds."""
    from casebook.summary.letters import fold_letter

    composed = unicodedata.normalize("NFKC", text)
    folded = "".join(fold_letter(c) for c in composed)
    return folded.casefold() if casefold else folded


def ref_for_filename(ref: str, people: list[Any], number: int) -> str:
    """A case reference fit for a file name: ``case-N`` if it holds a name of its people.

    References are usually codes (``C-1042``), but nothing stops one being ``SMITH-2``.
    """
    names = _name_words(people)
    words = {_fold(w) for w in re.split(r"[^\w]+|_", ref) if w}
    if names & words or any(name in _fold(ref) for name in names if len(name) >= 4):
        return f"case-{number}"
    return safe_filename(ref, f"case-{number}")


def summary_filename(notebook: Any, case_refs: list[str] | tuple[str, ...], on: date) -> str:
    """``summary-C-1042-2026-12-01.pdf``: the references (up to three) and the date.

    Runs on the worker: it reads each case's people to keep their names out.
    """
    refs = [
        ref_for_filename(ref, notebook.people.list(ref), n)
        for n, ref in enumerate(case_refs, start=1)
    ]
    middle = f"{len(refs)}-cases" if len(refs) > MAX_REFS_IN_NAME else "-".join(refs)
    return safe_filename(f"summary-{middle}-{on.isoformat()}", "summary") + ".pdf"


def backup_filename(notebook_name: str, on: date) -> str:
    """``Default-2026-12-01.casebook-backup``."""
    return safe_filename(f"{notebook_name}-{on.isoformat()}", "notebook") + BACKUP_SUFFIX


def with_suffix(path: str | Path, suffix: str) -> Path:
    """``path`` ending in ``suffix`` (added when the user typed a name without it)."""
    path = Path(path)
    return path if path.name.lower().endswith(suffix) else path.with_name(path.name + suffix)


def _choices(options: SummaryOptions) -> dict[str, Any]:
    """What the summary covers besides its cases, as the core's summary commands take it."""
    return {
        "period_from": options.period_from,
        "period_to": options.period_to,
        "redaction": options.redaction,
        "include_drafts": options.include_drafts,
        "include_reflections": options.include_reflections,
        "include_drawings": options.include_drawings,
    }


def review_summary(notebook: Any, options: SummaryOptions) -> SummaryReview:
    """Gather and redact the summary and find what the practitioner must review.

    Runs on the worker (it reads every record of the cases). Nothing is signed.
    """
    from casebook.summary.export import prepare_summary
    from casebook.summary.review import preview_sections

    prepared = prepare_summary(notebook, list(options.case_refs), **_choices(options))
    sections = preview_sections(prepared.shown) if options.redaction != "none" else []
    return SummaryReview(
        redaction=options.redaction,
        candidates=tuple(prepared.candidates),
        sections=tuple(sections),
        undrawable=tuple(prepared.undrawable),
    )


def write_summary(notebook: Any, options: SummaryOptions, path: Path) -> SummaryWritten:
    """Render, sign and write a summary (atomically); the core audits the export.

    A redacted summary is signed only when ``options.decisions`` decide every candidate
    of the redaction review.

    Raises:
        ReviewNeeded: the records changed since the review and a new candidate appeared.
        InvalidInput: a period or reference the core refuses (plain words).
        WriteFailed: the disk refused; ``path`` is unchanged.
    """
    from casebook.atomic import write_atomic
    from casebook.signing import fingerprint
    from casebook.summary.export import export_summary

    warnings: list[str] = []
    pdf = export_summary(
        notebook,
        list(options.case_refs),
        **_choices(options),
        warnings=warnings,
        decisions=options.decisions,
    )
    write_atomic(Path(path), pdf)
    cert = notebook.identity.signing_identity().cert_pem
    return SummaryWritten(
        path=Path(path), size=len(pdf), fingerprint=fingerprint(cert), warnings=tuple(warnings)
    )


def write_backup(notebook: Any, path: Path, progress: Any = None) -> Path:
    """Write an encrypted backup of the notebook (atomically); returns the path written.

    ``progress`` (see :mod:`casebook.progress`) may stop it; no file is left then.
    """
    from casebook.backup import backup_notebook

    return backup_notebook(notebook, Path(path), progress)


def read_summary(path: Path) -> bytes:
    """A summary's bytes, refusing a file too big to be one (as ``casebook verify`` does).

    Raises:
        InvalidInput: cannot be read, or too big.
    """
    from casebook.summary.export import MAX_SUMMARY_BYTES, read_limited

    return read_limited(Path(path), MAX_SUMMARY_BYTES)


def last_backup(notebook: Any) -> datetime | None:
    """When the notebook was last backed up, or None if never."""
    from casebook.backup import last_backup_time

    return last_backup_time(notebook)


def backup_state(notebook: Any) -> tuple[datetime | None, bool]:
    """(when the notebook was last backed up, whether it holds any case yet)."""
    return last_backup(notebook), bool(notebook.cases.list())


def backup_due(last: datetime | None, days: int, now: datetime) -> bool:
    """Whether to remind: never backed up, or longer ago than ``days`` (0: never remind)."""
    if days <= 0:
        return False
    return last is None or now - last > timedelta(days=days)


def backup_age(last: datetime | None, now: datetime) -> str:
    """``never``, ``today``, ``yesterday`` or ``12 days ago``."""
    if last is None:
        return "never"
    days = (now.astimezone().date() - last.astimezone().date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"
