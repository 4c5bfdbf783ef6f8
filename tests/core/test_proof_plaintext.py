"""After a whole scripted workflow no record text is on disk outside the files the user
asked for: not in the notebook folder, the temp dir, the config/cache/state folders or
Qt's QtProject.conf. Also: owner-only files, no core dumps, and errors that do not
echo record text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

MARKERS = {
    "narrative": "ZEBRAFISH-NARRATIVE-7731",
    "quote": "KINGFISHER-QUOTE-4410",
    "name": "Quillonbrae",
    "addendum": "PANGOLIN-ADDENDUM-9052",
    "reflection": "AXOLOTL-REFLECTION-1187",
    "attachment": "OKAPI-ATTACHMENT-5521",
    "search": "NARWHAL-DRAFT-6634",
}
PASSPHRASE = "plaintext-test-pass"


def document() -> dict[str, object]:
    import base64

    return {
        "format": "casebook/1",
        "cases": [{
            "ref": "C-77",
            "title": "Family Q",
            "people": [
                {
                    "key": "p1",
                    "name": f"Mia {MARKERS['name']}",
                    "role": "child",
                    "born": "2017-01-02",
                },
                {"key": "p2", "name": "Ola Nowak", "role": "partner"},
            ],
            "records": [
                {"kind": "child_work", "event_at": "2026-03-04T10:00:00+00:00", "status": "final",
                 "people": ["p1"],
                 "fields": {"child": "p1", "activity": "three_houses",
                            "childs_words": [f"I said {MARKERS['quote']}"],
                            "observations": f"Calm. {MARKERS['narrative']}"},
                 "attachments": [{"name": "drawing.png", "media_type": "image/png",
                                  "data_base64": base64.b64encode(
                                      MARKERS["attachment"].encode() * 20).decode()}]},
                {"kind": "partner_support", "event_at": "2026-03-05T10:00:00+00:00",
                 "fields": {"partner": "p2", "feelings_stage": "shock",
                            "feelings": f"Shaken {MARKERS['search']}"}},
            ],
        }],
    }  # fmt: skip


def run(env: dict[str, str], *args: str, stdin: str = PASSPHRASE + "\n") -> str:
    result = subprocess.run(
        [sys.executable, "-m", "casebook_cli", "--passphrase-stdin", *args],
        input=stdin, capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout


def hits(root: Path, skip: set[Path]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if not path.is_file() or path in skip:
            continue
        data = path.read_bytes()
        for marker in MARKERS.values():
            for encoded in (marker.encode("utf-8"), marker.encode("utf-16-le")):
                if encoded in data:
                    found.append(f"{path.relative_to(root)}: {marker}")
    return found


def test_full_workflow_leaves_no_record_text_on_disk(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = dict(os.environ)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    env["HOME"] = str(home)
    env["TMPDIR"] = str(home / "tmp")
    (home / "tmp").mkdir(parents=True)
    notebook = home / "xdg_data_home" / "Casebook" / "Default.casebook"
    source = tmp_path / "import.json"
    source.write_text(json.dumps(document()), encoding="utf-8")

    run(env, "init", "--name", "Pat Plaintext", "--organisation", "Test Org")
    run(env, "import", str(source))
    source.unlink()  # the user's own file; Casebook keeps no copy
    draft_id = run(env, "search", MARKERS["search"], "--json")
    record_id = json.loads(draft_id)[0]["id"]
    run(env, "record", "finalise", record_id)
    run(env, "record", "addendum", record_id, "--text", f"Added {MARKERS['addendum']}")
    run(env, "reflect", "--text", f"Hard day {MARKERS['reflection']}")
    run(env, "record", "show", record_id)
    run(env, "search", "quillonbrae")
    summary = tmp_path / "summary.pdf"
    run(env, "summary", "--case", "C-77", "-o", str(summary))
    run(env, "backup", str(tmp_path / "nb"))
    run(env, "audit", "verify")
    run(env, "passphrase", "change", stdin=f"{PASSPHRASE}\nnew-{PASSPHRASE}\n")

    assert notebook.is_dir()
    assert hits(home, skip=set()) == []
    # The backup is encrypted too; only the summary (asked for, to share) holds text.
    assert hits(tmp_path, skip={summary}) == []
    qt_conf = home / ".config" / "QtProject.conf"
    assert not qt_conf.exists() or hits(qt_conf.parent, skip=set()) == []


def test_notebook_files_are_owner_only(tmp_path: Path) -> None:
    env = dict(os.environ)
    folder = tmp_path / "perm.casebook"
    run(env, "--notebook", str(folder), "init", "--name", "Pat")
    assert folder.stat().st_mode & 0o077 == 0
    for path in folder.iterdir():
        assert path.stat().st_mode & 0o077 == 0, path.name


def test_invalid_import_error_names_the_path_but_not_the_text(tmp_path: Path) -> None:
    env = dict(os.environ)
    folder = tmp_path / "err.casebook"
    run(env, "--notebook", str(folder), "init", "--name", "Pat")
    bad = document()
    bad["cases"][0]["records"][0]["fields"]["narative"] = MARKERS["narrative"]  # type: ignore[index]
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(bad), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "casebook_cli", "--notebook", str(folder), "--passphrase-stdin",
         "import", str(source)],
        input=PASSPHRASE + "\n", capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 6
    assert "cases[0].records[0].fields.narative: unknown field" in result.stderr
    assert MARKERS["narrative"] not in result.stderr + result.stdout
