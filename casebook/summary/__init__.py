"""Summaries: a signed PDF of a practitioner's records for supervision.

A *summary input* is a plain dict that the core builds::

    {
      "practitioner": {"name": str, "role": str, "organisation": str},
      "generated_at": "2026-11-23T10:00:00+00:00",
      "period": {"from": "YYYY-MM-DD" or None, "to": "YYYY-MM-DD" or None},
      "audit_head": {"seq": int, "hash": "hex"},
      "include_drafts": bool, "include_reflections": bool,
      "cases": [case dicts as in IMPORT_FORMAT.md, plus "chronology", "actions" and
                "actions_left_out" (open actions on drafts the summary leaves out);
                records carry "id", "title", "late", "significant",
                "finalised_at", "content_hash", "addenda", "attachments", and
                "imported_at", "claimed_written_at", "claimed_finalised_at" (an
                imported record's document times; addenda carry the first two)],
      "reflections": [{"written_at", "text"}],
    }

:func:`casebook.summary.source.summary_input` gathers it from a notebook;
:func:`render_summary_pdf` turns it into PDF bytes (optionally redacted with
:func:`redact`); ``notebook.signing`` signs and verifies the result, and
:mod:`casebook.summary.export` does all of it for both shells. Nothing
here imports reportlab until a PDF is rendered.
"""

from casebook.kinds import REDACTION_MODES
from casebook.summary.pdf import render_summary_pdf
from casebook.summary.redact import RedactionError, redact

__all__ = ["REDACTION_MODES", "RedactionError", "redact", "render_summary_pdf"]
