"""``casebook summary --review FILE`` / ``--no-review``: no redacted summary is signed with
details the practitioner has not decided on; characters no font draws are named."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import summary_samples as samples

from casebook.signing import verify_pdf

PASSPHRASE = "correct horse battery staple"
FENWICK_NOTE = "Her teacher Ms Fenwick says she is settled. Babcia collects her on Fridays."


def _add_record(folder: Path, text: str) -> None:
    from casebook.service import Notebook

    with Notebook.open(folder, PASSPHRASE) as notebook:
        notebook.records.create(
            "C-1042",
            {
                "kind": "child_work",
                "event_at": "2026-03-10T10:00:00+00:00",
                "status": "final",
                "people": ["p3"],
                "fields": {"child": "p3", "good_things": text},
            },
        )


def _summary(cli: Any, folder: Path, out: Path, *extra: Any) -> tuple[int, str, str]:
    return cli.nb(folder, "summary", "--case", "C-1042", "-o", out, *extra)  # type: ignore[no-any-return]


def test_a_redacted_summary_with_unreviewed_details_is_refused_and_points_at_review(
    cli: Any, notebook_path: Path, tmp_path: Path
) -> None:
    _add_record(notebook_path, FENWICK_NOTE)
    out = tmp_path / "s.pdf"
    for mode in ("initials", "pseudonyms"):
        rc, _, err = _summary(cli, notebook_path, out, "--redact", mode)
        assert rc == 6, err
        assert "--review FILE" in err and "--no-review" in err
        assert "Fenwick" not in err and "Babcia" not in err  # a count, never the names
        assert not out.exists()


def test_the_review_file_is_written_owner_only_and_nothing_is_signed(
    cli: Any, notebook_path: Path, tmp_path: Path
) -> None:
    _add_record(notebook_path, FENWICK_NOTE)
    review, out = tmp_path / "review.json", tmp_path / "s.pdf"
    rc, stdout, err = _summary(
        cli, notebook_path, out, "--redact", "pseudonyms", "--review", review
    )
    assert rc == 6, err
    assert not out.exists()
    assert stat.S_IMODE(review.stat().st_mode) == 0o600
    entries = json.loads(review.read_text(encoding="utf-8"))
    texts = [entry["text"] for entry in entries]
    assert {"Ms Fenwick", "Babcia", "Dr Patel", "Oak Surgery", "0121 000 0000"} <= set(texts)
    assert all(entry["decision"] is None for entry in entries)
    assert f"{len(entries)} possible identifying details written to {review}" in stdout
    assert "holds names" in stdout
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_decisions_in_the_review_file_are_applied_before_signing(
    cli: Any, notebook_path: Path, tmp_path: Path
) -> None:
    _add_record(notebook_path, FENWICK_NOTE)
    review, out = tmp_path / "review.json", tmp_path / "s.pdf"
    _summary(cli, notebook_path, out, "--redact", "pseudonyms", "--review", review)
    entries = json.loads(review.read_text(encoding="utf-8"))
    for entry in entries:
        entry["decision"] = "keep" if entry["text"] == "Oak Surgery" else "redact"
        if entry["text"] == "Ms Fenwick":
            entry["replacement"] = "[teacher]"
    review.write_text(json.dumps(entries), encoding="utf-8")
    rc, _, err = _summary(cli, notebook_path, out, "--redact", "pseudonyms", "--review", review)
    assert rc == 0, err
    pdf = out.read_bytes()
    assert verify_pdf(pdf).ok
    text = samples.poppler("pdftotext", data=pdf, tmp_path=tmp_path)
    for gone in ("Fenwick", "Babcia", "Patel", "0121 000 0000"):
        assert gone not in text
    assert "Her teacher [teacher] says she is settled. [relative] collects her" in text
    assert "Oak Surgery" in text  # kept
    from casebook.service import Notebook

    with Notebook.open(notebook_path, PASSPHRASE) as notebook:
        (detail,) = notebook.database.query_one(
            "SELECT detail FROM audit_log WHERE action = 'summary.export'"
        )
    redacted = len(entries) - 1
    assert "redaction=pseudonyms" in detail
    assert f"review=redacted:{redacted},kept:1,unreviewed:0" in detail  # counts, no text


def test_a_candidate_still_without_a_decision_is_named_and_refused(
    cli: Any, notebook_path: Path, tmp_path: Path
) -> None:
    _add_record(notebook_path, FENWICK_NOTE)
    review, out = tmp_path / "review.json", tmp_path / "s.pdf"
    _summary(cli, notebook_path, out, "--redact", "initials", "--review", review)
    entries = json.loads(review.read_text(encoding="utf-8"))
    for entry in entries:
        entry["decision"] = None if entry["text"] == "Babcia" else "redact"
    review.write_text(json.dumps(entries), encoding="utf-8")
    rc, _, err = _summary(cli, notebook_path, out, "--redact", "initials", "--review", review)
    assert rc == 6, err
    assert "Babcia" in err and "1 possible identifying detail without a decision" in err
    assert "Fenwick" not in err
    assert not out.exists()
    # The file still holds the decisions made, and the one left to make.
    kept = json.loads(review.read_text(encoding="utf-8"))
    assert {(e["text"], e["decision"]) for e in kept} >= {
        ("Ms Fenwick", "redact"),
        ("Babcia", None),
    }


def test_no_review_signs_and_reports_only_how_many_details_were_left(
    cli: Any, notebook_path: Path, tmp_path: Path
) -> None:
    _add_record(notebook_path, FENWICK_NOTE)
    out = tmp_path / "s.pdf"
    rc, _, err = _summary(cli, notebook_path, out, "--redact", "pseudonyms", "--no-review")
    assert rc == 0, err
    assert "signed without a redaction review" in err
    assert "Fenwick" not in err and "Patel" not in err
    assert verify_pdf(out.read_bytes()).ok


def test_full_names_need_no_review(cli: Any, notebook_path: Path, tmp_path: Path) -> None:
    _add_record(notebook_path, FENWICK_NOTE)
    out = tmp_path / "s.pdf"
    rc, _, err = _summary(cli, notebook_path, out, "--redact", "none")
    assert rc == 0, err
    assert err == ""


def test_review_and_no_review_together_are_a_usage_error(
    cli: Any, notebook_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "s.pdf"
    rc, _, err = _summary(
        cli,
        notebook_path,
        out,
        "--redact",
        "initials",
        "--review",
        tmp_path / "r.json",
        "--no-review",
    )
    assert rc == 2, err


def test_a_malformed_review_file_is_invalid_input(
    cli: Any, notebook_path: Path, tmp_path: Path
) -> None:
    review, out = tmp_path / "review.json", tmp_path / "s.pdf"
    review.write_text('[{"text": "Dr Patel", "decision": "maybe"}]', encoding="utf-8")
    rc, _, err = _summary(cli, notebook_path, out, "--redact", "initials", "--review", review)
    assert rc == 6
    assert "entry 1" in err and "Patel" not in err


def test_characters_no_font_draws_are_named_by_code_point_before_signing(
    cli: Any, notebook_path: Path, tmp_path: Path
) -> None:
    _add_record(notebook_path, "She drew a \U0001fae0 and wrote \u0915.")
    out = tmp_path / "s.pdf"
    rc, _, err = _summary(cli, notebook_path, out, "--redact", "none")
    assert rc == 0, err
    assert "2 characters of this summary: U+0915, U+1FAE0" in err
    text = samples.poppler("pdftotext", data=out.read_bytes(), tmp_path=tmp_path)
    assert "She drew a [U+1FAE0] and wrote [U+0915]." in text
