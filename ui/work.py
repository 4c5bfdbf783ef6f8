"""The work behind the app's notebook-wide flows, run on the worker thread (no Qt here).

Each function makes the same core calls as the ``casebook`` command it stands for and
returns plain values for a dialog to show: import and export-json, backup, verify and
restore, audit verify, identity show and export, verify, countersign, and the
chronology. Heavy modules (pyHanko, reportlab) are imported inside, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ui import exports

# -- import and export ------------------------------------------------------------------------


def preview_import(notebook: Any, path: Path) -> Any:
    """What a casebook/1 file would add (``casebook.import_preview.ImportPreview``)."""
    from casebook.import_preview import preview_import as preview

    return preview(notebook, Path(path))


def run_import(notebook: Any, document: Any, progress: Any = None) -> Any:
    """Import a previewed document (all or nothing); the ``ImportResult``."""
    return notebook.interchange.import_document(document, progress=progress)


@dataclass(frozen=True)
class ExportWritten:
    """A casebook/1 file written: where, how big, how many cases."""

    path: Path
    size: int
    cases: int


def export_filename(notebook: Any, case_refs: list[str] | None, on: date) -> str:
    """``casebook-export-2026-12-04.json`` or, for one case, ``C-1042-2026-12-04.json``."""
    if case_refs and len(case_refs) == 1:
        ref = exports.ref_for_filename(case_refs[0], notebook.people.list(case_refs[0]), 1)
        return exports.safe_filename(f"{ref}-{on.isoformat()}", "case") + ".json"
    return f"casebook-export-{on.isoformat()}.json"


def write_json_export(
    notebook: Any,
    path: Path,
    case_refs: list[str] | None,
    include_reflections: bool,
    include_phrases: bool,
    progress: Any = None,
) -> ExportWritten:
    """Write casebook/1 JSON (plaintext) readable by the user alone, atomically."""
    from casebook.atomic import atomic_file

    path = exports.with_suffix(path, ".json")
    for ref in case_refs or []:
        notebook.cases.get(ref)
    with atomic_file(path) as out:
        notebook.interchange.write_export(
            out, case_refs, include_reflections=include_reflections,
            include_phrases=include_phrases, progress=progress,
        )  # fmt: skip
    cases = len(case_refs) if case_refs is not None else len(notebook.cases.list())
    return ExportWritten(path, path.stat().st_size, cases)


# -- backups ----------------------------------------------------------------------------------


def verify_backup(path: Path, passphrase: str, progress: Any = None) -> Any:
    """Check a backup whole (``casebook.backup.BackupReport``); restores nothing."""
    from casebook.backup import verify_backup as verify

    return verify(Path(path), passphrase, progress)


def restore_and_open(path: Path, passphrase: str, target: Path, progress: Any = None) -> Any:
    """Restore a backup into a new notebook folder and unlock it there (a ``Notebook``).

    Raises:
        InvalidInput: something is already at ``target``: a restore never replaces
            anything from the app.
    """
    from casebook.backup import restore_backup
    from casebook.errors import InvalidInput
    from casebook.service import Notebook

    target = Path(target)
    if target.exists():
        raise InvalidInput(str(target), "something of that name is already there; choose another")
    restore_backup(Path(path), passphrase, target, progress)
    return Notebook.open(target, passphrase)


# -- audit log --------------------------------------------------------------------------------


def check_audit(notebook: Any, progress: Any = None) -> Any:
    """``audit verify``: the chain, every final record and addendum, every page."""
    return notebook.audit.verify(pages=True, progress=progress)


def check_against(notebook: Any, path: Path) -> tuple[bool, str]:
    """``audit verify --against FILE``: whether the audit log still holds the head a
    signed summary or a backup recorded. (holds it, in words)

    Raises:
        InvalidInput: the file cannot be read, or is neither a summary nor a backup.
    """
    from casebook.summary.export import check_anchor

    path = Path(path)
    problem = check_anchor(notebook, path)
    if problem is None:
        return True, f"The audit log still holds the audit head {path.name} recorded."
    return False, f"Against {path.name}: {problem}."


def audit_outcome(report: Any) -> tuple[bool, str]:
    """(whole or not, the outcome in plain words) of an ``AuditReport``."""
    from ui.text import count as counted

    if report.ok:
        return True, (
            f"The audit log is whole: {counted(report.entries, 'entry', 'entries')} in an "
            f"unbroken chain; {counted(report.final_records, 'final record')} and "
            f"{counted(report.addenda, 'addendum', 'addenda')} are as they were written. "
            f"The last entry is number {report.head.seq:,}."
        )
    more = len(report.problems) - 1
    tail = f" ({more} more problem{'s' if more != 1 else ''} follow from it or were found.)"
    return False, (
        "The audit log shows a change to history. The first problem found: "
        f"{report.problems[0]}." + (tail if more > 0 else "")
    )


# -- signing identity and trusted certificates ------------------------------------------------


def identity_details(notebook: Any) -> Any:
    """Who this notebook signs as (``casebook.identity.IdentityDetails``)."""
    from casebook.identity import identity_details as details

    return details(notebook)


def export_certificate(notebook: Any, path: Path) -> Path:
    """Write the signing certificate (PEM) for a supervisor, as ``identity export`` does."""
    from casebook.atomic import write_atomic

    path = exports.with_suffix(path, ".pem")
    write_atomic(path, notebook.identity.signing_identity().cert_pem, mode=0o644)
    return path


@dataclass(frozen=True)
class CertificateFile:
    """A certificate read from a file, before it is trusted."""

    name: str
    organisation: str
    fingerprint: str
    pem: bytes


def read_certificate(path: Path) -> CertificateFile:
    """The one certificate in a PEM or DER file.

    Raises:
        InvalidInput: the file cannot be read or holds no certificate.
    """
    from casebook.errors import InvalidInput
    from casebook.identity import certificate_names
    from casebook.signing import certificate_pem, fingerprint

    try:
        pem = certificate_pem(exports.read_summary(Path(path)))
    except ValueError:
        raise InvalidInput(str(path), "not a certificate (PEM or DER)") from None
    if pem.count(b"-----BEGIN CERTIFICATE-----") != 1:
        raise InvalidInput(str(path), "holds more than one certificate")
    name, organisation = certificate_names(pem)
    return CertificateFile(name, organisation, fingerprint(pem), pem)


def trusted_certificates(notebook: Any) -> list[Any]:
    """The certificates this notebook trusts besides its own."""
    from casebook.trust import trusted_certificates as trusted

    return trusted(notebook)


def trust_certificate(notebook: Any, pem: bytes) -> Any:
    """Pin a certificate (kept encrypted in the notebook)."""
    from casebook.trust import trust_certificate as trust

    return trust(notebook, pem)


def forget_certificate(notebook: Any, digest: str) -> None:
    """Stop trusting a pinned certificate."""
    from casebook.trust import forget_certificate as forget

    forget(notebook, digest)


# -- verifying and countersigning summaries ---------------------------------------------------


@dataclass(frozen=True)
class SummaryCheck:
    """A summary verified: the report, how far it can be relied on, and its audit head.

    Attributes:
        level: ``verified`` (intact, every signer trusted), ``intact`` (intact, and no
            certificate was given to check the signers against: without a notebook
            only), ``untrusted`` (intact, but a signer is not one of the trusted
            certificates) or ``failed``.
        report: the ``VerificationReport`` made with the trusted certificates (each
            signature says whether it is trusted).
        audit_head: ``{"seq", "hash"}`` the practitioner signed, or None.
        head_problem: None when this notebook's audit log holds that head, else why not.
        head_checked: False when no notebook was open, so the audit head was not
            compared with any audit log.
    """

    path: Path
    level: str
    report: Any
    audit_head: dict[str, Any] | None
    head_problem: str | None
    head_checked: bool = True


def verify_summary(notebook: Any, path: Path) -> SummaryCheck:
    """``casebook verify`` with the notebook's own and pinned certificates trusted, and
    ``audit verify --against`` the summary's audit head."""
    from casebook.signing import read_audit_head, verify_pdf
    from casebook.trust import trust_bundle

    pdf = exports.read_summary(Path(path))
    report = verify_pdf(pdf, trust_bundle(notebook))
    # Intact but a signer not trusted, or not intact: the second check tells them apart.
    level = "verified" if report.ok else "untrusted" if verify_pdf(pdf).ok else "failed"
    head = read_audit_head(pdf) if level != "failed" else None
    problem = None
    if head is not None:
        problem = notebook.audit.check_anchor(int(head["seq"]), str(head["hash"]), "the summary")
    return SummaryCheck(Path(path), level, report, head, problem)


def verify_summary_file(path: Path, trust_pem: bytes | None = None) -> SummaryCheck:
    """``casebook verify FILE [--trust CERT]`` without a notebook: the same core check.

    Nothing is kept: the certificates given count for this check only, and the audit
    head the summary carries is read but compared with nothing (that needs the
    practitioner's notebook).
    """
    from casebook.signing import read_audit_head, verify_pdf

    pdf = exports.read_summary(Path(path))
    report = verify_pdf(pdf, trust_pem or None)
    if report.ok:
        level = "verified" if report.identity_checked else "intact"
    else:
        level = "untrusted" if trust_pem and verify_pdf(pdf).ok else "failed"
    head = read_audit_head(pdf) if level != "failed" else None
    return SummaryCheck(Path(path), level, report, head, None, head_checked=False)


@dataclass(frozen=True)
class Countersigned:
    """A countersigned summary written."""

    path: Path
    size: int
    identity_checked: bool


def countersign_summary(
    notebook: Any, source: Path, comment: str, out: Path, *, unchecked_ok: bool = False
) -> Countersigned:
    """``casebook countersign``: the core's countersignature of the summary at ``source``,
    written to a new file (the original stays).

    Raises:
        VerificationFailed: see :func:`casebook.summary.export.countersign_summary`;
            nothing is written.
    """
    from casebook.atomic import write_atomic
    from casebook.summary.export import countersign_summary as countersign

    made = countersign(
        notebook, exports.read_summary(Path(source)), comment=comment, unchecked_ok=unchecked_ok
    )
    out = exports.with_suffix(out, ".pdf")
    write_atomic(out, made.signed)
    return Countersigned(out, len(made.signed), made.identity_checked)


# -- chronology -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChronologyOptions:
    """What a printed or saved chronology shows."""

    ref: str
    significant_only: bool = False
    include_drafts: bool = False
    redaction: str = "initials"
    court: bool = False  # date, event, source and class of each passage (issue 14)


def chronology_filename(notebook: Any, ref: str, on: date) -> str:
    """``chronology-C-1042-2026-12-04.pdf`` (a reference holding a name becomes case-1)."""
    safe = exports.ref_for_filename(ref, notebook.people.list(ref), 1)
    return exports.safe_filename(f"chronology-{safe}-{on.isoformat()}", "chronology") + ".pdf"


def write_chronology(
    notebook: Any, options: ChronologyOptions, path: Path
) -> exports.SummaryWritten:
    """Render, sign and write a case's chronology (atomically); the core audits it."""
    from casebook.atomic import write_atomic
    from casebook.signing import fingerprint
    from casebook.summary.chronology_pdf import export_chronology

    pdf = export_chronology(
        notebook, options.ref, significant_only=options.significant_only,
        include_drafts=options.include_drafts, redaction=options.redaction,
        court=options.court,
    )  # fmt: skip
    path = exports.with_suffix(path, ".pdf")
    write_atomic(path, pdf)
    cert = notebook.identity.signing_identity().cert_pem
    return exports.SummaryWritten(path=path, size=len(pdf), fingerprint=fingerprint(cert))


def chronology_for_print(
    notebook: Any, options: ChronologyOptions
) -> tuple[list[tuple[str, str]], list[Any], list[str]]:
    """The (redacted) heading lines, rows and column titles of a chronology, to print;
    audited. A court version's rows hold its source and class as ``kind`` and ``notes``."""
    from casebook.summary.chronology_pdf import (
        ChronologyRow,
        chronology_heading,
        chronology_input,
        chronology_rows,
        chronology_table,
        redacted_chronology,
    )

    data = redacted_chronology(
        chronology_input(
            notebook, options.ref, significant_only=options.significant_only,
            include_drafts=options.include_drafts, court=options.court,
        ),
        options.redaction,
    )  # fmt: skip
    rows = chronology_rows(data)
    columns = ["When", "Event", "Kind", "Notes"]
    if options.court:
        columns, cells, _, tinted = chronology_table(data)
        rows = [ChronologyRow(c[0], c[1], c[2], c[3], i in tinted) for i, c in enumerate(cells)]
    case_id = notebook.cases.get(options.ref).id
    notebook.audit.append(
        "chronology.print", f"case:{case_id}", f"events={len(rows)} redaction={options.redaction}"
    )
    return chronology_heading(data), rows, columns
