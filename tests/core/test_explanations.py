"""Words and pictures (issue 16 item 4): versions per child, the day shared (audited), and
the child's PDF: large type, the child's name and the agreed words, no case details."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from casebook.changes import ExplanationChanged
from casebook.errors import InvalidInput, NotFound
from casebook.explain import ICONS, Panel, parse_panel_spec
from casebook.explain_icons import SHAPE_TAGS, icon_dir, icon_path, shapes
from casebook.storage import FinalRecordViolation

WORDS = "Mark did something that was not OK.\n\nIt is not your fault. You did the right thing."
PANELS = [Panel("house", "You live with Mum"), Panel("court", "A judge decides"),
          Panel("heart", "Mum loves you")]  # fmt: skip


def _save(notebook: Any, **changes: Any) -> Any:
    values: dict[str, Any] = {"name": "Lily", "words": WORDS, "panels": PANELS,
                              "title": "Why Dad lives somewhere else"}  # fmt: skip
    values.update(changes)
    return notebook.explanations.save("C-1042", "p3", **values)


def _audit(notebook: Any) -> list[tuple[str, str, str]]:
    return notebook.database.query("SELECT action, object, detail FROM audit_log ORDER BY seq")


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_each_save_is_a_new_numbered_version_and_earlier_ones_stay(notebook: Any) -> None:
    first = _save(notebook)
    second = _save(notebook, words="New words.", panels=[Panel("sun", "Good days")])
    assert (first.version, second.version) == (1, 2)
    versions = notebook.explanations.versions("C-1042", "p3")
    assert [v.words for v in versions] == [WORDS, "New words."]
    assert versions[0].panels == tuple(PANELS)
    assert notebook.explanations.get("C-1042", "p3").version == 2


def test_a_saved_version_cannot_be_changed_or_deleted_in_the_database(notebook: Any) -> None:
    _save(notebook)
    db = notebook.database
    with pytest.raises(FinalRecordViolation, match="append-only"), db.transaction() as tx:
        tx.execute("UPDATE explanations SET words = 'changed'")
    with pytest.raises(FinalRecordViolation, match="append-only"), db.transaction() as tx:
        tx.execute("DELETE FROM explanations")
    with pytest.raises(FinalRecordViolation, match="append-only"), db.transaction() as tx:
        tx.execute(
            "INSERT OR REPLACE INTO explanations (id, person_id, version, name, saved_at)"
            " SELECT id, person_id, version, 'x', saved_at FROM explanations"
        )
    assert notebook.explanations.get("C-1042", "p3").words == WORDS


def test_saving_is_audited_with_ids_and_the_version_and_never_the_words(notebook: Any) -> None:
    saved = _save(notebook)
    action, obj, detail = _audit(notebook)[-1]
    assert (action, obj) == ("explanation.save", f"explanation:{saved.id}")
    assert "version=1" in detail
    assert "Lily" not in detail and "fault" not in detail


def test_words_and_pictures_are_only_for_a_child_of_the_case(notebook: Any) -> None:
    with pytest.raises(InvalidInput, match="not a child"):
        notebook.explanations.save("C-1042", "p1", name="Jane", words="Hello")
    with pytest.raises(NotFound):
        notebook.explanations.save("C-1042", "p9", name="Nobody", words="Hello")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"panels": [{"icon": "dragon", "caption": "x"}]}, "icon"),
        ({"name": "  "}, "name"),
        ({"name": "Lily\u202e"}, "name"),
        ({"words": "", "panels": []}, "words"),
        ({"words": "x" * 3001}, "words"),
        ({"panels": [Panel("sun", "")] * 13}, "panels"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(
    notebook: Any, changes: dict[str, Any], field: str
) -> None:
    before = notebook.audit.head()
    with pytest.raises(InvalidInput, match=field):
        _save(notebook, **changes)
    assert notebook.explanations.versions("C-1042") == []
    assert notebook.audit.head() == before


def test_a_panel_from_the_command_line_names_a_known_picture() -> None:
    assert parse_panel_spec("house: We live with Mum") == Panel("house", "We live with Mum")
    with pytest.raises(InvalidInput, match="expected one of"):
        parse_panel_spec("We live with Mum")


def test_sharing_notes_the_day_and_the_record_and_is_audited(notebook: Any) -> None:
    _save(notebook)
    shared = notebook.explanations.mark_shared(
        "C-1042", "p3", 1, shared_on="2026-03-04", record_id="rec-child-final"
    )
    assert [(s.shared_on, s.record_id) for s in shared.shared] == [
        ("2026-03-04", "rec-child-final")
    ]
    assert shared.last_shared_on == "2026-03-04"
    action, obj, detail = _audit(notebook)[-1]
    assert (action, obj) == ("explanation.shared", f"explanation:{shared.id}")
    assert detail == "version=1 shared_on=2026-03-04 record=rec-child-final"
    # The final record that notes it stays as it was.
    assert notebook.records.get("rec-child-final").content_hash is not None


def test_saving_and_sharing_tell_subscribers_which_childs_words_and_pictures_changed(
    notebook: Any, tmp_path: Path
) -> None:
    notices: list[Any] = []
    notebook.subscribe(notices.append)
    _save(notebook)
    notebook.explanations.mark_shared("C-1042", "p3", 1, shared_on="2026-03-04")
    notebook.explanations.write_pdf("C-1042", "p3", None, tmp_path / "lily.pdf")
    # Printing the child's copy changes nothing in the notebook: no notice.
    assert notices == [ExplanationChanged("C-1042", "p3")] * 2


def test_sharing_refuses_a_future_day_a_record_of_another_case_and_an_unknown_version(
    notebook: Any,
) -> None:
    _save(notebook)
    with pytest.raises(InvalidInput, match="future"):
        notebook.explanations.mark_shared("C-1042", "p3", 1, shared_on="2999-01-01")
    with pytest.raises(InvalidInput, match="not a record of case"):
        notebook.explanations.mark_shared("C-1042", "p3", 1, record_id="rec-b-session")
    with pytest.raises(NotFound, match="no version 7"):
        notebook.explanations.mark_shared("C-1042", "p3", 7)
    assert notebook.explanations.get("C-1042", "p3", 1).shared == ()


def test_the_pdf_has_the_childs_name_and_words_and_no_case_reference(
    notebook: Any, tmp_path: Path
) -> None:
    _save(notebook)
    out = tmp_path / "lily.pdf"
    explanation, size = notebook.explanations.write_pdf("C-1042", "p3", None, out)
    assert size == out.stat().st_size and explanation.version == 1
    text = _pdf_text(out)
    flat = " ".join(text.split())
    for words in ("For Lily", "Why Dad lives somewhere else", "It is not your fault.",
                  "You live with Mum", "A judge decides", "Mum loves you"):  # fmt: skip
        assert words in flat
    practitioner = notebook.identity.practitioner().name
    for detail in ("C-1042", "Family A", "Smith", "Jane", practitioner, "Signed", "2026"):
        assert detail not in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert "C-1042" not in info.stdout and practitioner not in info.stdout
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, check=False)
    assert "does not contain any signatures" in sig.stdout + sig.stderr
    assert out.stat().st_mode & 0o777 == 0o600
    assert _audit(notebook)[-1][0] == "explanation.pdf"


def test_the_pdf_shows_names_and_words_in_any_script_literally(
    notebook: Any, tmp_path: Path
) -> None:
    notebook.people.add("C-1042", "Nguyễn Thị Mai", "child", key="c2")
    words = "Ольга and Łukasz <b>help</b> & listen."
    notebook.explanations.save("C-1042", "c2", name="Nguyễn Thị Mai", words=words,
                               panels=[Panel("school", "Школа & <i>friends</i>")])  # fmt: skip
    out = tmp_path / "mai.pdf"
    notebook.explanations.write_pdf("C-1042", "c2", 1, out)
    flat = " ".join(_pdf_text(out).split())
    assert "For Nguyễn Thị Mai" in flat
    assert words in flat
    assert "Школа & <i>friends</i>" in flat


def test_the_pdf_is_in_large_type(notebook: Any, tmp_path: Path) -> None:
    _save(notebook)
    out = tmp_path / "lily.pdf"
    notebook.explanations.write_pdf("C-1042", "p3", None, out)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ET.fromstring(html.replace("<!DOCTYPE", "<!-- ").replace('.dtd">', '.dtd" -->'))
    heights = [
        float(w.get("yMax", 0)) - float(w.get("yMin", 0))
        for w in root.iter("{http://www.w3.org/1999/xhtml}word")
    ]
    assert heights and min(heights) >= 18  # points: 18 pt captions, 20 pt words


def test_the_words_are_kept_encrypted_in_the_notebook(notebook: Any) -> None:
    _save(notebook, words="Zebracrossingwords are private.")
    folder = notebook.folder
    notebook.close()
    for path in folder.iterdir():
        if path.is_file():
            assert b"Zebracrossingwords" not in path.read_bytes()


def test_every_picture_has_a_file_drawn_from_plain_shapes_and_a_licence() -> None:
    assert len(ICONS) == 8
    for name in ICONS:
        root = ET.parse(icon_path(name)).getroot()
        tags = {element.tag.split("}")[-1] for element in root}
        assert tags <= set(SHAPE_TAGS), name
        assert shapes(name)
    assert "CC0" in (icon_dir() / "LICENSE.txt").read_text(encoding="utf-8")


def test_the_command_line_saves_shows_prints_and_notes_a_version_shared(
    cli: Any, notebook_path: Path, tmp_path: Path
) -> None:
    rc, out, err = cli.nb(
        notebook_path, "explain", "new", "--case", "C-1042", "--child", "p3", "--name", "Lily",
        "--panel", "house:You live with Mum", "--panel", "sun:Good days",
        stdin="It is not your fault.\n\nGrown-ups keep you safe.\n",
    )  # fmt: skip
    assert (rc, out.strip()) == (0, "Saved version 1 for p3."), err
    rc, out, err = cli.nb(notebook_path, "explain", "show", "--case", "C-1042", "--child", "p3")
    assert rc == 0, err
    assert "For Lily" in out and "Grown-ups keep you safe." in out and "[2. sun] Good days" in out
    pdf = tmp_path / "lily.pdf"
    rc, _, err = cli.nb(notebook_path, "explain", "pdf", "--case", "C-1042", "--child", "p3",
                        "-o", pdf)  # fmt: skip
    assert rc == 0 and "not encrypted" in err
    assert "For Lily" in _pdf_text(pdf) and "C-1042" not in _pdf_text(pdf)
    rc, out, err = cli.nb(notebook_path, "explain", "shared", "--case", "C-1042", "--child",
                          "p3", "--version", "1", "--on", "2026-03-04",
                          "--record", "rec-child-final")  # fmt: skip
    assert rc == 0 and "on 2026-03-04" in out, err
    rc, out, _ = cli.nb(notebook_path, "explain", "list", "--case", "C-1042", "--json")
    [listed] = json.loads(out)
    assert listed["shared"] == [
        {"on": "2026-03-04", "noted_at": listed["shared"][0]["noted_at"],
         "record": "rec-child-final"}
    ]  # fmt: skip
    rc, _, err = cli.nb(notebook_path, "explain", "new", "--case", "C-1042", "--child", "p1",
                        stdin="Words")  # fmt: skip
    assert rc == 6 and "not a child" in err
