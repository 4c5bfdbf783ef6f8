"""The command line of issue 14: events, marks, significance, court chronology, --only."""

from __future__ import annotations

import subprocess

DRAFT = "rec-session-draft"


def test_event_add_then_list_shows_the_event_with_its_class_and_source(cli, notebook_path):
    rc, out, err = cli.nb(
        notebook_path, "event", "add", "--case", "C-2001", "--date", "2026-01-20",
        "--kind", "court_hearing", "--class", "reported", "--source", "Ольга Петрова",
        "--description", "Hearing adjourned",
    )  # fmt: skip
    assert rc == 0, err
    rc, out, _ = cli.nb(notebook_path, "event", "list", "C-2001")
    assert rc == 0
    assert "Court hearing: Hearing adjourned" in out
    assert "Ольга Петрова" in out
    assert "reported" in out


def test_event_add_with_an_unknown_kind_is_a_usage_error(cli, notebook_path):
    rc, _, err = cli.nb(
        notebook_path, "event", "add", "--case", "C-2001", "--date", "2026-01-20",
        "--kind", "picnic", "--class", "observed",
    )  # fmt: skip
    assert rc == 2
    assert "picnic" in err


def test_record_mark_reads_the_passage_from_standard_input(cli, notebook_path):
    rc, out, err = cli.nb(
        notebook_path, "record", "mark", DRAFT, "narrative", "--as", "observed",
        stdin="Mark attended on time\n",
    )  # fmt: skip
    assert rc == 0, err
    assert "as observed" in out
    rc, out, _ = cli.nb(notebook_path, "search", "attended", "--only", "observed")
    assert rc == 0
    assert DRAFT in out
    rc, out, _ = cli.nb(notebook_path, "search", "week", "--only", "observed")
    assert "No records found." in out


def test_record_mark_on_a_final_record_is_refused(cli, notebook_path):
    rc, _, err = cli.nb(
        notebook_path, "record", "mark", "rec-partner-late", "feelings", "--as", "observed",
        stdin="Angry\n",
    )  # fmt: skip
    assert rc == 6
    assert "final" in err


def test_record_significance_marks_a_final_record_and_the_chronology_shows_it(cli, notebook_path):
    rc, out, err = cli.nb(notebook_path, "record", "significance", "rec-partner-late")
    assert rc == 0, err
    rc, out, _ = cli.nb(notebook_path, "chronology", "C-1042", "--significant")
    assert "rec-partner-late" in out
    assert "rec-child-final" not in out


def test_chronology_court_writes_a_signed_pdf_with_the_class_column(cli, notebook_path, tmp_path):
    out_pdf = tmp_path / "court.pdf"
    rc, out, err = cli.nb(notebook_path, "chronology", "C-1042", "--court", "-o", out_pdf)
    assert rc == 0, err
    assert "Signed court chronology written" in out
    text = subprocess.run(
        ["pdftotext", str(out_pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "Court chronology" in text
    assert "Unclassified" in text
    assert "Class" in text
