"""A person's other names end to end, and which reflections a summary includes (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import summary_samples as samples

from casebook.errors import InvalidInput
from casebook.schema import SCHEMA_VERSION
from casebook.summary import redact, render_summary_pdf
from casebook.summary.source import summary_input

PASSPHRASE = "correct horse battery staple"


def _session(text: str, people: list[str]) -> dict[str, Any]:
    return {
        "kind": "session",
        "event_at": "2026-03-04T10:00:00+00:00",
        "location": "office",
        "people": people,
        "status": "draft",
        "fields": {"narrative": text},
    }


# -- other names --------------------------------------------------------------------------------


def test_other_names_are_kept_listed_exported_and_searched(empty_notebook: Any) -> None:
    nb = empty_notebook
    nb.cases.add("C-1")
    person = nb.people.add("C-1", "Małgorzata Wójcik", "partner", other_names=["Gosia", "Gośka"])
    assert person.other_names == ("Gosia", "Gośka")
    assert nb.people.list("C-1")[0].other_names == ("Gosia", "Gośka")
    assert nb.interchange.people_document("C-1")[0]["other_names"] == ["Gosia", "Gośka"]
    assert [p.other_names for p in nb.people.all()] == [("Gosia", "Gośka")]
    nb.records.create("C-1", _session("A visit.", [person.key]))
    assert [h.case_ref for h in nb.records.search("gośka")] == ["C-1"]
    updated = nb.people.update("C-1", person.key, name=person.name, role="partner",
                               other_names=["JP"])  # fmt: skip
    assert updated.other_names == ("JP",)


def test_other_names_survive_export_and_import(empty_notebook: Any) -> None:
    nb = empty_notebook
    nb.cases.add("C-1")
    nb.people.add("C-1", "Jan Kowalski", "subject", other_names=["JP", "Janek"])
    document = nb.interchange.export_document()
    assert document["cases"][0]["people"][0]["other_names"] == ["JP", "Janek"]
    document["cases"][0]["ref"] = "C-2"
    nb.interchange.import_document(document)
    assert nb.people.list("C-2")[0].other_names == ("JP", "Janek")


@pytest.mark.parametrize("bad", ["Gosia", [""], ["  "], [1], ["x"] * 21])
def test_other_names_must_be_a_list_of_names(empty_notebook: Any, bad: Any) -> None:
    empty_notebook.cases.add("C-1")
    with pytest.raises(InvalidInput) as raised:
        empty_notebook.people.add("C-1", "Jan", "subject", other_names=bad)
    assert "other_names" in str(raised.value)


def test_a_version_1_notebook_gains_empty_other_names(notebook: Any) -> None:
    version = notebook.database.query_one("PRAGMA user_version")[0]
    assert version == SCHEMA_VERSION
    assert all(p.other_names == () for p in notebook.people.all())


def test_the_cli_adds_other_names(cli: Any, notebook_path: Path) -> None:
    rc, out, err = cli(
        "--notebook", notebook_path, "--passphrase-stdin", "person", "add", "--case",
        "C-1042", "--name", "Małgorzata Wójcik", "--role", "family", "--other-name", "Gosia",
        "--other-name", "Gośka", stdin=PASSPHRASE + "\n",
    )  # fmt: skip
    assert rc == 0, err
    rc, out, err = cli("--notebook", notebook_path, "--passphrase-stdin", "case", "show",
                       "C-1042", "--json", stdin=PASSPHRASE + "\n")  # fmt: skip
    people = {p["name"]: p for p in json.loads(out)["people"]}
    assert people["Małgorzata Wójcik"]["other_names"] == ["Gosia", "Gośka"]


# -- reflections -------------------------------------------------------------------------------


def _two_families(nb: Any) -> None:
    nb.cases.add("C-1", opened="2026-01-05")
    nb.people.add("C-1", "Aleksandra Nowak", "partner", preferred_name="Ola")
    nb.cases.add("C-2", opened="2026-01-05")
    nb.people.add("C-2", "Kacper Wiśniewski", "subject", other_names=["Kacperek"])
    nb.people.add("C-2", "Ewa Wiśniewska", "partner", born="1990-04-03")


def test_a_summary_includes_only_reflections_that_mention_its_cases(empty_notebook: Any) -> None:
    nb = empty_notebook
    _two_families(nb)
    nb.reflections.add("Ola was brave today; Kacper Wiśniewski was on my mind too.")
    nb.reflections.add("C-1 review went well.")
    nb.reflections.add("Kacperek and Ewa Wiśniewska (born 03/04/1990): a hard week.")
    nb.reflections.add("Tired. Booked leave.")
    data = summary_input(nb, ["C-1"], include_reflections=True)
    texts = [r["text"] for r in data["reflections"]]
    assert texts == [
        "Ola was brave today; Kacper Wiśniewski was on my mind too.",
        "C-1 review went well.",
    ]
    assert data["reflections_left_out"] == 2
    for mode, expected in (
        ("pseudonyms", "Partner was brave today; [name] was on my mind too."),
        ("initials", "A.N. was brave today; K.W. was on my mind too."),
    ):
        assert redact(data, mode)["reflections"][0]["text"] == expected


def test_a_summary_whose_cases_no_reflection_mentions_says_so(
    empty_notebook: Any, tmp_path: Path
) -> None:
    from casebook.summary.export import export_summary

    nb = empty_notebook
    _two_families(nb)
    nb.reflections.add("Kacperek and Ewa Wiśniewska: a hard week.")
    warnings: list[str] = []
    pdf = export_summary(nb, ["C-1"], redaction="pseudonyms", include_reflections=True,
                         warnings=warnings)  # fmt: skip
    assert warnings and "No reflection" in warnings[0]
    text = samples.poppler("pdftotext", "-enc", "UTF-8", data=pdf, tmp_path=tmp_path)
    assert "No reflection of this period mentions the cases in this summary" in " ".join(
        text.split()
    )
    for name in ("Kacper", "Ewa", "Wiśniew", "Wisniew"):
        assert name not in text


def test_the_cli_warns_when_no_reflection_mentions_the_cases(
    cli: Any, notebook_path: Path, tmp_path: Path
) -> None:
    out_pdf = tmp_path / "s.pdf"
    rc, _, err = cli(
        "--notebook", notebook_path, "--passphrase-stdin", "summary", "--case", "C-1042",
        "--redact", "initials", "--include-reflections", "--no-review", "-o", out_pdf,
        stdin=PASSPHRASE + "\n",
    )  # fmt: skip
    assert rc == 0, err
    assert "casebook: warning: No reflection" in err
    assert out_pdf.exists()


def test_redacted_summary_of_reflections_renders_without_other_families(tmp_path: Path) -> None:
    data = samples.summary(include_reflections=True)
    data["notebook_people"] = [
        {"case": "C-9", "key": "p1", "name": "Kacper Wiśniewski", "role": "child"}
    ]
    data["reflections"] = [
        {"written_at": "2026-03-20T19:00:00+00:00", "text": "Jane; Kacper Wiśniewski; Kacper."}
    ]
    pdf = render_summary_pdf(data, "pseudonyms")
    text = samples.poppler("pdftotext", "-enc", "UTF-8", data=pdf, tmp_path=tmp_path)
    assert "Kacper" not in text
    assert "Wi" + "śniewski" not in text
