"""No plaintext on disk: unique markers from imported records appear in no file the notebook
writes (database, WAL, shared memory, key file, lock) nor in the temp dir or home folder."""

from __future__ import annotations

import base64
import json
import tempfile
from pathlib import Path

import pytest

from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"

MARKERS = {
    "narrative": "ZEBRAFISH-MARKER-7731",
    "childs_words": "QUOKKAROO-MARKER-4402",
    "person": "AXOLOTL-MARKER-9150",
    "attachment": "PANGOLIN-MARKER-3318",
    "addendum": "NARWHAL-MARKER-6027",
    "reflection": "OKAPIKIN-MARKER-5583",
    "tag": "TAPIRUS-MARKER-1864",
    "disclosure": "MARMOSET-MARKER-2290",
    "action": "CAPYBARA-MARKER-8856",
    "cli_addendum": "WOMBATUS-MARKER-4471",
    "cli_record": "IBEXHORN-MARKER-0937",
}


def marker_document() -> dict:
    m = MARKERS
    attachment = b"\x89PNG\r\n\x1a\n" + m["attachment"].encode() + bytes(range(256))
    return {
        "format": "casebook/1",
        "cases": [
            {
                "ref": "M-1",
                "title": "Marker family",
                "people": [
                    {"key": "c", "name": f"{m['person']} Child", "role": "child"},
                    {"key": "s", "name": "Plain Name", "role": "subject"},
                ],
                "records": [
                    {
                        "id": "marker-session",
                        "kind": "session",
                        "event_at": "2026-03-01T10:00:00+00:00",
                        "people": ["s"],
                        "tags": [m["tag"]],
                        "fields": {
                            "narrative": f"The session began. {m['narrative']} was discussed.",
                            "actions": [{"text": f"Follow up {m['action']}", "due": "2026-03-09"}],
                        },
                    },
                    {
                        "id": "marker-child",
                        "kind": "child_work",
                        "event_at": "2026-03-02T10:00:00+00:00",
                        "people": ["c"],
                        "status": "final",
                        "fields": {
                            "child": "c",
                            "activity": "drawing",
                            "childs_words": [f"I said {m['childs_words']} to my teacher"],
                            "disclosure": {
                                "verbatim": f"{m['disclosure']} verbatim words",
                                "present": "Teacher",
                                "response": "Listened",
                                "informed": [{"who": "Duty team"}],
                            },
                        },
                        "attachments": [
                            {
                                "name": "drawing.png",
                                "media_type": "image/png",
                                "data_base64": base64.b64encode(attachment).decode("ascii"),
                            }
                        ],
                        "addenda": [
                            {
                                "written_at": "2026-03-03T09:00:00+00:00",
                                "text": f"Later: {m['addendum']}.",
                            }
                        ],
                    },
                ],
            }
        ],
        "reflections": [
            {"written_at": "2026-03-02T20:00:00+00:00", "text": f"Reflecting on {m['reflection']}"}
        ],
    }


def _needles() -> list[tuple[str, bytes]]:
    needles = []
    for name, marker in MARKERS.items():
        # FTS keeps words apart and lower-cased: look for those too. Every word is at least
        # 7 letters, so random ciphertext cannot match one by chance (4 letters would, ~1%).
        word = marker.split("-")[0]
        assert len(word) >= 7, word
        for text in (marker, word.lower()):
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                needles.append((f"{name}:{text}:{encoding}", text.encode(encoding)))
    return needles


def hits_in(*folders: Path) -> list[str]:
    """Every (file, marker) where a marker's bytes occur, case-insensitively for ASCII."""
    found = []
    needles = _needles()
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if not path.is_file():
                continue
            data = path.read_bytes().lower()
            found += [f"{path}: {label}" for label, needle in needles if needle.lower() in data]
    return found


def test_marker_search_finds_what_it_should(tmp_path):
    # The grep itself works: a plaintext file with the markers is found.
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / "a.json").write_text(json.dumps(marker_document()), encoding="utf-8")
    (probe / "b.txt").write_bytes(MARKERS["reflection"].encode("utf-16-le"))
    found = hits_in(probe)
    assert any("a.json: narrative" in f for f in found)
    assert any("b.txt: reflection" in f and "utf-16-le" in f for f in found)


def test_no_marker_reaches_any_file_after_a_run_of_cli_commands(cli, empty_notebook_path, tmp_path):
    folder = empty_notebook_path
    run_tmp, run_home = tmp_path / "run-tmp", tmp_path / "run-home"
    run_tmp.mkdir()
    run_home.mkdir()
    env = {
        "TMPDIR": str(run_tmp), "TMP": str(run_tmp), "TEMP": str(run_tmp),
        "HOME": str(run_home), "XDG_DATA_HOME": str(run_home / "data"),
        "XDG_CONFIG_HOME": str(run_home / "config"), "XDG_CACHE_HOME": str(run_home / "cache"),
        "XDG_STATE_HOME": str(run_home / "state"),
    }  # fmt: skip
    source = tmp_path / "input" / "caseload.json"
    source.parent.mkdir()
    source.write_text(json.dumps(marker_document(), ensure_ascii=False), encoding="utf-8")

    def run(*args: str, stdin: str = "") -> str:
        rc, out, err = cli.nb(folder, *args, stdin=stdin, env=env)
        assert rc == 0, (args, err)
        assert "MARKER" not in err
        return out

    run("import", str(source))
    assert "marker-session" in run("search", "zebrafish")
    assert "marker-child" in run("search", "QUOKKAROO-MARKER")
    assert "marker-child" in run("search", "narwhal", "--case", "M-1")
    assert MARKERS["childs_words"] in run("record", "show", "marker-child")
    assert MARKERS["disclosure"] in run("record", "show", "marker-child", "--json")
    assert MARKERS["person"] in run("case", "show", "M-1")
    run("record", "addendum", "marker-child", "--text", f"Added {MARKERS['cli_addendum']}")
    new_record = {"kind": "session", "event_at": "2026-03-05T10:00:00+00:00",
                  "fields": {"narrative": MARKERS["cli_record"]}}  # fmt: skip
    run("record", "add", "--case", "M-1", "--json", "-", stdin=json.dumps(new_record))
    export = run_tmp / "export.json"
    run("export-json", "--include-reflections", "-o", str(export))
    exported = export.read_text(encoding="utf-8")
    assert MARKERS["reflection"] in exported and MARKERS["cli_record"] in exported
    export.unlink()
    run("chronology", "M-1")
    run("actions")
    run("audit", "verify")

    files = {p.name for p in folder.iterdir()}
    assert {"notebook.db", "key.json", "lock"} <= files
    assert hits_in(folder, run_tmp, run_home) == []


def test_no_marker_reaches_any_file_while_the_notebook_is_open(
    empty_notebook_path, tmp_path, monkeypatch
):
    run_tmp = tmp_path / "open-tmp"
    run_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(run_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(run_tmp))
    nb = Notebook.open(empty_notebook_path, PASSPHRASE)
    try:
        nb.interchange.import_document(marker_document())
        nb.records.add_addendum("marker-child", f"Added {MARKERS['cli_addendum']}")
        nb.records.create(
            "M-1", {"kind": "session", "event_at": "2026-03-05T10:00:00+00:00",
                    "fields": {"narrative": MARKERS["cli_record"]}},
        )  # fmt: skip
        assert [h.record_id for h in nb.records.search("zebrafish")] == ["marker-session"]
        assert nb.records.get("marker-child").addenda
        nb.interchange.export_document(include_reflections=True)
        names = {p.name for p in empty_notebook_path.iterdir()}
        assert "notebook.db-wal" in names  # the uncheckpointed WAL holds the new pages
        assert hits_in(empty_notebook_path, run_tmp) == []
    finally:
        nb.close()
    assert hits_in(empty_notebook_path, run_tmp) == []


@pytest.mark.parametrize("name", ["key.json", "lock"])
def test_key_file_and_lock_hold_no_record_text_or_names(notebook_path, name):
    data = (notebook_path / name).read_bytes()
    for text in ("Lily", "Smith", "C-1042", "Sam Tester", "Family"):
        assert text.encode() not in data
