"""The summary's open-action figures count what they claim: a summary that leaves out
drafts says how many open actions those drafts hold, instead of "0"."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import summary_samples as samples

from casebook.summary import render_summary_pdf
from casebook.summary.source import summary_input

OVERDUE = (date.today() - timedelta(days=3)).isoformat()


def _flat_text(pdf: bytes, tmp_path: Path) -> str:
    text = samples.poppler("pdftotext", "-enc", "UTF-8", data=pdf, tmp_path=tmp_path)
    return " ".join(text.split())


def _case_with_an_overdue_action_on_a_draft(notebook) -> None:
    notebook.cases.add("D-1", "Family D")
    notebook.records.create("D-1", {
        "kind": "session", "event_at": "2026-03-01T10:00:00+00:00", "status": "final",
        "fields": {"narrative": "Final, with no actions."},
    })  # fmt: skip
    notebook.records.create("D-1", {
        "kind": "session", "event_at": "2026-03-02T10:00:00+00:00",
        "fields": {"actions": [{"text": "Call the school", "due": OVERDUE}]},
    })  # fmt: skip


def test_summary_without_drafts_counts_open_actions_left_out_on_drafts(notebook, tmp_path):
    _case_with_an_overdue_action_on_a_draft(notebook)
    data = summary_input(notebook, ["D-1"], include_drafts=False)
    assert data["cases"][0]["actions"] == []
    assert data["cases"][0]["actions_left_out"] == 1
    text = _flat_text(render_summary_pdf(data), tmp_path)
    assert "0 on final records; 1 more on drafts not included" in text
    assert "1 more open action is on a draft, which this summary does not include." in text
    assert "No open actions on final records." in text
    assert "Call the school" not in text  # a draft's words stay out


def test_summary_with_drafts_counts_every_open_action(notebook, tmp_path):
    _case_with_an_overdue_action_on_a_draft(notebook)
    data = summary_input(notebook, ["D-1"], include_drafts=True)
    assert data["cases"][0]["actions_left_out"] == 0
    text = _flat_text(render_summary_pdf(data), tmp_path)
    assert "Call the school" in text and "Overdue by 3 days" in text
    assert "drafts not included" not in text and "does not include" not in text
