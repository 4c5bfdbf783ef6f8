"""The `casebook` command line: every command of the contract, exit codes, plain messages."""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from casebook.errors import WriteFailed

PASSPHRASE = "correct horse battery staple"
RECOVERY_KEY = re.compile(r"\b[A-Z2-7]{4}(?:-[A-Z2-7]{4}){7}\b")
DEMO_AVAILABLE = (Path(__file__).parents[2] / "resources" / "demo" / "demo.json").exists()
# The CLI's one rule for times, stated under every list of records.
TIMES_NOTE = "Times are as recorded, with their UTC offset."


def assert_plain_error(err: str) -> None:
    assert err.startswith("casebook: "), err
    assert "Traceback" not in err
    assert len(err.splitlines()) <= 3, err


# -- every command ---------------------------------------------------------------------------------


def test_init_creates_a_notebook_and_prints_the_recovery_key_once(cli, tmp_path):
    target = tmp_path / "Work"
    rc, out, err = cli(
        "--notebook", target, "--passphrase-stdin", "init", "--name", "Sam Okafor",
        "--role", "Senior Practitioner", "--organisation", "Northvale", stdin=f"{PASSPHRASE}\n",
    )  # fmt: skip
    assert rc == 0, err
    (recovery_key,) = RECOVERY_KEY.findall(out)
    assert err == ""
    folder = tmp_path / "Work.casebook"
    assert sorted(p.name for p in folder.iterdir()) == ["key.json", "lock", "notebook.db"]
    rc, out, _ = cli.nb(folder, "case", "list")
    # The key is never shown again: only the (empty) list and the audit log's last entry.
    assert (rc, out.splitlines()[0]) == (0, "No cases yet.")
    assert out.splitlines()[-1].startswith("Audit log: last entry 1, ")
    assert recovery_key not in out and not RECOVERY_KEY.search(out)
    # The key printed is the one that works.
    rc, _, err = cli("--notebook", folder, "--passphrase-stdin", "passphrase", "recover",
                     stdin=f"{recovery_key}\nanother passphrase\n")  # fmt: skip
    assert rc == 0, err


def test_init_over_an_existing_notebook_is_refused(cli, notebook_path, folder_hashes):
    before = folder_hashes(notebook_path)
    rc, _, err = cli.nb(notebook_path, "init", "--name", "Someone Else")
    assert rc == 6
    assert "already exists" in err
    assert_plain_error(err)
    assert folder_hashes(notebook_path) == before


def test_init_without_a_name_and_no_terminal_is_a_usage_error(cli, tmp_path):
    rc, _, err = cli.nb(tmp_path / "x", "init")
    assert rc == 2
    assert "--name" in err
    assert not (tmp_path / "x.casebook").exists()


@pytest.mark.skipif(not DEMO_AVAILABLE, reason="resources/demo/demo.json is not there yet")
def test_demo_creates_a_fictional_notebook_that_opens(cli, tmp_path):
    rc, out, err = cli("--passphrase-stdin", "demo", tmp_path / "Demo", stdin=f"{PASSPHRASE}\n")
    assert rc == 0, err
    assert RECOVERY_KEY.search(out)
    folder = tmp_path / "Demo.casebook"
    rc, out, err = cli.nb(folder, "case", "list", "--json")
    assert rc == 0, err
    assert len(json.loads(out)) >= 3
    rc, out, err = cli.nb(folder, "audit", "verify")
    assert rc == 0, err


def test_import_export_and_case_commands(cli, empty_notebook_path, make_document, tmp_path):
    nb = empty_notebook_path
    source = tmp_path / "caseload.json"
    source.write_text(json.dumps(make_document(), ensure_ascii=False), encoding="utf-8")
    rc, out, err = cli.nb(nb, "import", source)
    assert rc == 0, err
    assert out.startswith("Imported 2 cases, 6 people, 4 records, 1 attachments and 1 reflections")

    rc, out, err = cli.nb(nb, "case", "list")
    assert rc == 0, err
    assert out.splitlines()[0].split() == ["REF", "STATUS", "RECORDS", "LAST", "TITLE"]
    assert "C-1042" in out and "Family A" in out

    rc, out, _ = cli.nb(nb, "case", "list", "--json")
    cases = json.loads(out)
    assert [(c["ref"], c["records"]) for c in cases] == [("C-1042", 3), ("C-2001", 1)]

    rc, out, _ = cli.nb(nb, "case", "show", "C-2001")
    assert rc == 0
    assert "Łukasz Kowalski" in out and "Ольга Петрова" in out and "rec-b-session" in out

    rc, out, _ = cli.nb(nb, "case", "show", "C-1042", "--json")
    shown = json.loads(out)
    assert {p["key"] for p in shown["people"]} == {"p1", "p2", "p3"}
    assert [r["id"] for r in shown["records"]] == [
        "rec-partner-late", "rec-session-draft", "rec-child-final",
    ]  # fmt: skip
    assert shown["records"][0]["late"] is True

    rc, out, _ = cli.nb(nb, "export-json", "--case", "C-2001")
    exported = json.loads(out)
    assert [c["ref"] for c in exported["cases"]] == ["C-2001"]
    assert "Łukasz Kowalski" in {p["name"] for p in exported["cases"][0]["people"]}
    assert "Łukasz" in out

    target = tmp_path / "out" / "all.json"
    target.parent.mkdir()
    rc, out, err = cli.nb(nb, "export-json", "--include-reflections", "-o", target)
    assert (rc, out) == (0, ""), err
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert len(exported["cases"]) == 2 and len(exported["reflections"]) == 1
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["all.json"]

    rc, _, err = cli.nb(nb, "export-json", "--case", "NOPE")
    assert rc == 6
    assert "NOPE" in err


def test_person_and_record_commands(cli, notebook_path, tmp_path):
    nb = notebook_path
    rc, out, err = cli.nb(nb, "person", "add", "--case", "C-1042", "--key", "p4",
                          "--name", "Rose Smith", "--role", "family")  # fmt: skip
    assert (rc, out.strip()) == (0, "p4"), err

    record = {
        "event_at": "2026-03-10T10:00:00+00:00",
        "people": ["p4", "p1"],
        "tags": ["grandparent"],
        "fields": {
            "partner": "p1",
            "contact_type": "visit",
            "feelings": "Relieved that Rose can help with school runs.",
            "actions": [{"text": "Check Rose's DBS", "due": "2026-03-20"}],
        },
    }
    # --json - reads the JSON after the passphrase line.
    rc, out, err = cli.nb(nb, "record", "add", "--case", "C-1042", "--kind", "partner_support",
                          "--json", "-", stdin=json.dumps(record))  # fmt: skip
    assert rc == 0, err
    uid = out.strip()
    assert re.fullmatch(r"[0-9a-f]{32}", uid)

    file_record = {
        "kind": "session",
        "event_at": "2026-03-11T10:00:00+00:00",
        "fields": {"session_type": "intervention", "narrative": "From a file."},
    }
    path = tmp_path / "record.json"
    path.write_text(json.dumps(file_record), encoding="utf-8")
    rc, out, err = cli.nb(nb, "record", "add", "--case", "C-1042", "--json", path)
    assert rc == 0, err

    rc, out, err = cli.nb(nb, "record", "show", uid)
    assert rc == 0, err
    assert "Partner support: Jane (visit)" in out
    assert "Rose Smith" in out and "Relieved that Rose" in out and "Check Rose's DBS" in out
    assert "Draft" in out

    rc, out, _ = cli.nb(nb, "record", "show", uid, "--json")
    shown = json.loads(out)
    assert shown["fields"]["feelings"] == record["fields"]["feelings"]
    assert shown["people"] == ["p4", "p1"]

    rc, out, err = cli.nb(nb, "record", "finalise", uid)
    assert rc == 0, err
    digest = re.search(r"Content hash \(SHA-256\): ([0-9a-f]{64})", out).group(1)

    rc, out, err = cli.nb(nb, "record", "addendum", uid, "--text", "Rose's DBS is clear.")
    assert rc == 0, err
    assert "Added addendum 1" in out

    rc, out, _ = cli.nb(nb, "record", "show", uid, "--json")
    shown = json.loads(out)
    assert shown["status"] == "final" and shown["content_hash"] == digest
    assert shown["addenda"][0]["text"] == "Rose's DBS is clear."

    rc, _, err = cli.nb(nb, "record", "finalise", uid)
    assert rc == 6
    assert "final" in err
    rc, _, err = cli.nb(nb, "record", "addendum", "rec-session-draft", "--text", "x")
    assert rc == 6
    rc, _, err = cli.nb(nb, "record", "show", "no-such-record")
    assert rc == 6
    assert "no-such-record" in err


def test_record_add_with_invalid_json_names_the_field(cli, notebook_path):
    bad = {"kind": "session", "event_at": "2026-03-10T10:00:00",
           "fields": {"narrative": "x"}}  # fmt: skip
    rc, _, err = cli.nb(notebook_path, "record", "add", "--case", "C-1042", "--json", "-",
                        stdin=json.dumps(bad))  # fmt: skip
    assert rc == 6
    assert "record.event_at" in err
    assert "offset" in err
    rc, _, err = cli.nb(notebook_path, "record", "add", "--case", "C-1042", "--json", "-",
                        stdin="{not json")  # fmt: skip
    assert rc == 6
    assert_plain_error(err)


def hit_ids(out: str) -> list[str]:
    """The record ids of `casebook search` output (hit lines; snippets are indented)."""
    return [line.split()[0] for line in out.splitlines()
            if line and not line.startswith(" ") and line != TIMES_NOTE]  # fmt: skip


def test_search_command_with_filters(cli, notebook_path):
    rc, out, err = cli.nb(notebook_path, "search", "smith")
    assert rc == 0, err
    assert hit_ids(out) == ["rec-partner-late", "rec-session-draft", "rec-child-final"]

    rc, out, _ = cli.nb(notebook_path, "search", "smith", "--kind", "session")
    assert hit_ids(out) == ["rec-session-draft"]
    rc, out, _ = cli.nb(notebook_path, "search", "smith", "--limit", "1")
    assert len(hit_ids(out)) == 1
    rc, out, _ = cli.nb(notebook_path, "search", "review", "--case", "C-2001", "--json")
    hits = json.loads(out)
    assert [h["id"] for h in hits] == ["rec-b-session"]
    assert "\x02" not in hits[0]["snippet"]
    rc, out, _ = cli.nb(notebook_path, "search", "review", "--case", "C-1042")
    assert (rc, out.strip()) == (0, "No records found.")
    rc, out, err = cli.nb(notebook_path, "search", '"(NEAR* AND -:^')
    assert rc == 0, err


def test_chronology_actions_and_reflect_commands(cli, notebook_path):
    rc, out, err = cli.nb(notebook_path, "chronology", "C-1042")
    assert rc == 0, err
    assert out.splitlines()[0].split() == ["WHEN", "KIND", "TITLE", "ID"]
    assert "Direct work with Lily Smith — Three Houses" in out

    yesterday = (date.today() - timedelta(days=1)).isoformat()
    later = (date.today() + timedelta(days=30)).isoformat()
    record = {"kind": "session", "event_at": "2026-03-12T10:00:00+00:00",
              "fields": {"actions": [{"text": "Overdue call", "due": yesterday},
                                     {"text": "Future visit", "due": later}]}}  # fmt: skip
    rc, _, err = cli.nb(notebook_path, "record", "add", "--case", "C-2001", "--json", "-",
                        stdin=json.dumps(record))  # fmt: skip
    assert rc == 0, err

    rc, out, err = cli.nb(notebook_path, "actions")
    assert rc == 0, err
    assert "Overdue call" in out and "Future visit" in out
    assert "Send support group leaflet" in out  # undated actions are listed too
    rc, out, _ = cli.nb(notebook_path, "actions", "--overdue")
    assert "Overdue call" in out and "OVERDUE" in out
    assert "Future visit" not in out
    rc, out, _ = cli.nb(notebook_path, "actions", "--json", "--case", "C-2001")
    assert {a["text"] for a in json.loads(out)} == {"Overdue call", "Future visit"}

    rc, out, err = cli.nb(notebook_path, "reflect", "--text", "Supervision helped today.")
    assert rc == 0, err
    assert "reflective log" in out
    rc, out, _ = cli.nb(notebook_path, "export-json", "--include-reflections")
    assert "Supervision helped today." in out
    rc, out, _ = cli.nb(notebook_path, "export-json")
    assert "Supervision helped today." not in out  # private unless asked for


def test_audit_verify_and_passphrase_commands(cli, notebook_path, recovery_key):
    rc, out, err = cli.nb(notebook_path, "audit", "verify")
    assert rc == 0, err
    assert "Audit log verified" in out
    rc, out, err = cli.nb(notebook_path, "passphrase", "change", stdin="second one\n")
    assert rc == 0, err
    rc, out, err = cli("--notebook", notebook_path, "--passphrase-stdin", "passphrase", "recover",
                       stdin=f"{recovery_key}\nthird one\n")  # fmt: skip
    assert rc == 0, err
    assert cli.nb(notebook_path, "audit", "verify", passphrase="third one")[0] == 0


def test_default_notebook_lives_in_the_user_data_folder(cli, tmp_path):
    home = tmp_path / "home"
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    rc, _, err = cli("--passphrase-stdin", "init", "--name", "Sam", stdin=f"{PASSPHRASE}\n",
                       env=env)  # fmt: skip
    assert rc == 0, err
    assert (home / "data" / "Casebook" / "Default.casebook" / "key.json").is_file()
    rc, _, err = cli("--passphrase-stdin", "case", "list", stdin=f"{PASSPHRASE}\n", env=env)
    assert rc == 0, err


# -- exit codes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [(), ("frobnicate",), ("record", "add", "--json", "-"), ("search",),
     ("search", "x", "--limit", "many"), ("person", "add", "--case", "C", "--name", "N",
                                          "--role", "uncle")],
    ids=["no command", "unknown command", "missing option", "missing query", "bad number",
         "bad choice"],
)  # fmt: skip
def test_usage_errors_exit_2(cli, notebook_path, args):
    rc, _, err = cli("--notebook", notebook_path, *args)
    assert rc == 2
    assert "usage:" in err
    assert "Traceback" not in err


def test_no_terminal_and_no_passphrase_stdin_is_a_usage_error(cli, notebook_path):
    rc, _, err = cli("--notebook", notebook_path, "case", "list")
    assert rc == 2
    assert "--passphrase-stdin" in err
    assert_plain_error(err)


def test_missing_passphrase_line_is_a_usage_error(cli, notebook_path):
    rc, _, err = cli("--notebook", notebook_path, "--passphrase-stdin", "case", "list", stdin="")
    assert rc == 2
    assert_plain_error(err)


def test_wrong_passphrase_exits_3(cli, notebook_path):
    rc, out, err = cli.nb(notebook_path, "case", "list", passphrase="nope")
    assert (rc, out) == (3, "")
    assert err.strip() == "casebook: Wrong passphrase."


def test_no_notebook_at_the_path_exits_4(cli, tmp_path):
    rc, _, err = cli.nb(tmp_path / "nowhere", "case", "list")
    assert rc == 4
    assert "no notebook" in err.lower()
    assert_plain_error(err)
    assert not (tmp_path / "nowhere.casebook").exists()


def test_notebook_in_use_exits_5(cli, notebook):
    rc, _, err = cli.nb(notebook.folder, "audit", "verify")
    assert rc == 5
    assert_plain_error(err)


@pytest.mark.parametrize(
    "args",
    [("case", "show", "NOPE"), ("chronology", "NOPE"), ("record", "show", "nope"),
     ("person", "add", "--case", "C-1042", "--name", "X", "--role", "child",
      "--born", "2020-02-30"),
     ("person", "add", "--case", "C-1042", "--key", "p1", "--name", "X", "--role", "child"),
     ("reflect", "--text", "   "), ("case", "add", "C-1042")],
    ids=["case", "chronology", "record", "born", "duplicate key", "empty reflection",
         "duplicate case"],
)  # fmt: skip
def test_invalid_input_exits_6(cli, notebook_path, args):
    rc, out, err = cli.nb(notebook_path, *args)
    assert rc == 6
    assert out == ""
    assert_plain_error(err)


def test_export_to_a_folder_that_does_not_exist_exits_7(cli, notebook_path, tmp_path):
    rc, _, err = cli.nb(notebook_path, "export-json", "-o", tmp_path / "missing" / "x.json")
    assert rc == 7
    assert "Could not save" in err
    assert_plain_error(err)


def _file_size_limit(limit: int):
    def set_limit() -> None:
        # Writes past `limit` bytes fail with EFBIG instead of killing the process.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return set_limit


def test_disk_refusing_writes_exits_7_and_keeps_what_was_saved(cli, notebook_path):
    # A file-size limit makes every write fail, like a full disk; it works as root too.
    rc, out, err = cli.nb(notebook_path, "reflect", "--text", "cannot be saved",
                          preexec_fn=_file_size_limit(1))  # fmt: skip
    assert rc == 7, err
    assert "Could not save" in err
    assert_plain_error(err)
    rc, out, err = cli.nb(notebook_path, "audit", "verify")
    assert rc == 0, err
    rc, out, _ = cli.nb(notebook_path, "export-json", "--include-reflections")
    exported = json.loads(out)
    assert [r["text"] for r in exported["reflections"]] == ["A hard day; talk it over."]


@pytest.mark.skipif(
    os.geteuid() == 0,
    reason="root ignores file permissions; "
    "test_disk_refusing_writes_exits_7 and the query_only test cover exit 7",
)
def test_read_only_notebook_exits_7(cli, notebook_path):  # pragma: no cover - non-root only
    for path in notebook_path.iterdir():
        path.chmod(0o400)
    notebook_path.chmod(0o500)
    try:
        rc, _, err = cli.nb(notebook_path, "reflect", "--text", "x")
        assert rc in (4, 7), err
        assert_plain_error(err)
    finally:
        notebook_path.chmod(0o700)
        for path in notebook_path.iterdir():
            path.chmod(0o600)


def test_read_only_database_connection_raises_write_failed(notebook):
    notebook.database.conn.execute("PRAGMA query_only = 1")
    with pytest.raises(WriteFailed) as info:
        notebook.reflections.add("cannot be saved")
    assert info.value.exit_code == 7
    notebook.database.conn.execute("PRAGMA query_only = 0")
    assert notebook.reflections.list()[0].text == "A hard day; talk it over."
    notebook.reflections.add("saved now")  # the audit head in memory is still right
    assert notebook.audit.verify(pages=False).ok


def test_verification_failure_exits_8(cli, notebook_path):
    from casebook.service import Notebook

    nb = Notebook.open(notebook_path, PASSPHRASE)
    nb.database.conn.execute("DROP TRIGGER audit_log_no_update")
    nb.database.conn.execute("UPDATE audit_log SET at = '2020-01-01' WHERE seq = 2")
    nb.close()
    rc, _, err = cli.nb(notebook_path, "audit", "verify")
    assert rc == 8
    assert "Verification failed" in err and "audit entry 2" in err
    assert_plain_error(err)


def test_debug_shows_the_traceback(cli, notebook_path):
    rc, _, err = cli.nb(notebook_path, "case", "show", "NOPE")
    assert rc == 6
    assert "Traceback" not in err
    rc, _, err = cli("--notebook", notebook_path, "--passphrase-stdin", "--debug", "case", "show",
                     "NOPE", stdin=f"{PASSPHRASE}\n")  # fmt: skip
    assert rc == 6
    assert "Traceback (most recent call last)" in err
    assert "NotFound" in err
    assert err.rstrip().splitlines()[-1].startswith("casebook: ")


def test_errors_never_print_the_passphrase(cli, notebook_path):
    secret = "hunter2-secret-passphrase"
    for args in (("case", "list"), ("--debug", "case", "list")):
        rc, out, err = cli("--notebook", notebook_path, "--passphrase-stdin", *args,
                           stdin=f"{secret}\n")  # fmt: skip
        assert rc == 3
        assert secret not in out + err


# -- bad input (issue 12, item 14) ----------------------------------------------------------------


def test_import_of_a_lone_surrogate_exits_6_naming_the_path(cli, empty_notebook_path, tmp_path):
    source = tmp_path / "broken.json"
    source.write_text(
        '{"format": "casebook/1", "cases": [{"ref": "X", "records": [{"kind": "session", '
        '"event_at": "2026-01-01T10:00:00+00:00", "fields": {"narrative": "a\\ud800"}}]}]}',
        encoding="utf-8",
    )
    rc, _, err = cli.nb(empty_notebook_path, "import", source)
    assert rc == 6, err
    assert "cases[0].records[0].fields.narrative" in err and "surrogate" in err
    assert_plain_error(err)


def test_import_with_a_duplicate_key_exits_6_naming_it(cli, empty_notebook_path, tmp_path):
    source = tmp_path / "twice.json"
    source.write_text('{"format": "casebook/1", "cases": [{"ref": "A", "ref": "B"}]}')
    rc, _, err = cli.nb(empty_notebook_path, "import", source)
    assert rc == 6, err
    assert "cases[0].ref" in err and "twice" in err
    assert_plain_error(err)


@pytest.mark.parametrize(
    "args",
    [("case", "show", "\udcff"), ("case", "add", "C-\udcff"), ("search", "\udcff\udcfe"),
     ("reflect", "--text", "\udce9t\udce9")],
    ids=["case show", "case add", "search", "reflect"],
)  # fmt: skip
def test_arguments_that_are_not_utf8_exit_6(cli, notebook_path, args):
    # subprocess passes "\udcff" as the byte 0xff: what a Latin-1 terminal sends.
    rc, out, err = cli.nb(notebook_path, *args)
    assert (rc, out) == (6, ""), err
    assert "not UTF-8" in err
    assert_plain_error(err)


def test_record_add_with_an_event_in_year_9999_or_a_born_date_ahead_exits_6(cli, notebook_path):
    record = {"kind": "session", "event_at": "9999-01-01T10:00:00+00:00"}
    rc, _, err = cli.nb(notebook_path, "record", "add", "--case", "C-1042", "--json", "-",
                        stdin=json.dumps(record))  # fmt: skip
    assert rc == 6, err
    assert "record.event_at" in err
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    rc, _, err = cli.nb(notebook_path, "person", "add", "--case", "C-1042", "--name", "Baby",
                        "--role", "child", "--born", tomorrow)  # fmt: skip
    assert rc == 6, err
    assert "person.born" in err and "future" in err


def test_control_and_bidi_characters_in_a_ref_or_name_exit_6(cli, notebook_path):
    rc, _, err = cli.nb(notebook_path, "case", "add", "C-1\u202e240")
    assert rc == 6, err
    assert "U+202E" in err
    rc, _, err = cli.nb(notebook_path, "person", "add", "--case", "C-1042", "--name",
                        "Rose\x1b[2J", "--role", "family")  # fmt: skip
    assert rc == 6, err
    assert "\x1b" not in err


def test_user_text_is_printed_with_controls_escaped(cli, empty_notebook_path, make_document,
                                                   tmp_path):  # fmt: skip
    """Records made before the refusal, or free text, reach the terminal escaped."""
    document = make_document()
    record = document["cases"][0]["records"][1]
    record["fields"]["narrative"] = "Calm.\x1b]0;pwned\x07 Then \u202egnorw\u202c.\r Done."
    record["fields"]["actions"][0]["text"] = "Call\x1b[2K back"
    document["cases"][0]["title"] = "Family\x1b[8m A"
    source = tmp_path / "doc.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    nb = empty_notebook_path
    assert cli.nb(nb, "import", source)[0] == 0
    outputs = [
        cli.nb(nb, "record", "show", "rec-session-draft")[1],
        cli.nb(nb, "case", "show", "C-1042")[1],
        cli.nb(nb, "case", "list")[1],
        cli.nb(nb, "search", "calm")[1],
        cli.nb(nb, "actions")[1],
    ]
    for out in outputs:
        assert "\x1b" not in out and "\u202e" not in out and "\r" not in out, out
    assert "Calm" in outputs[3] and "\\x02" not in outputs[3] and "\\x03" not in outputs[3]
    assert "Calm.\\x1b]0;pwned\\x07 Then \\u202egnorw\\u202c." in outputs[0]
    assert "Family\\x1b[8m A" in outputs[1]
    # JSON keeps the text exactly (escaped the JSON way) whatever the terminal.
    shown = cli.nb(nb, "record", "show", "rec-session-draft", "--json")[1]
    assert "\u202e" not in shown and "\\u202e" in shown
    assert json.loads(shown)["fields"]["narrative"] == record["fields"]["narrative"]
    exported = cli.nb(nb, "export-json")[1]
    assert "\u202e" not in exported and "\\u202e" in exported
    (case,) = [c for c in json.loads(exported)["cases"] if c["ref"] == "C-1042"]
    assert case["records"][1]["fields"]["narrative"] == record["fields"]["narrative"]


def test_error_messages_escape_what_came_from_the_input(cli, empty_notebook_path, tmp_path):
    source = tmp_path / "key.json"
    source.write_text('{"format": "casebook/1", "cases": [{"ref": "X", "\\u001b[31mred": 1}]}')
    rc, _, err = cli.nb(empty_notebook_path, "import", source)
    assert rc == 6
    assert "\x1b" not in err and "\\x1b[31mred: unknown key" in err


@pytest.mark.parametrize(
    "args, stdin",
    [(("init", "--name", "Sam"), "short12\n"), (("demo", "{tmp}/Demo"), "seven77\n")],
    ids=["init", "demo"],
)  # fmt: skip
def test_new_notebooks_need_the_apps_minimum_passphrase(cli, tmp_path, args, stdin):
    from casebook.passphrase import MIN_PASSPHRASE

    assert len(stdin.strip()) == MIN_PASSPHRASE - 1
    args = tuple(a.format(tmp=tmp_path) for a in args)
    rc, out, err = cli("--notebook", tmp_path / "Work", "--passphrase-stdin", *args, stdin=stdin)
    assert (rc, out) == (6, ""), err
    assert f"at least {MIN_PASSPHRASE} characters" in err
    assert stdin.strip() not in err
    assert not list(tmp_path.glob("*.casebook"))


def test_passphrase_change_and_recover_need_the_minimum(cli, notebook_path, recovery_key,
                                                        folder_hashes):  # fmt: skip
    key_file = str(notebook_path / "key.json")
    before = folder_hashes(notebook_path)[key_file]
    rc, _, err = cli.nb(notebook_path, "passphrase", "change", stdin="1234567\n")
    assert rc == 6, err
    rc, _, err = cli("--notebook", notebook_path, "--passphrase-stdin", "passphrase", "recover",
                     stdin=f"{recovery_key}\nshort\n")  # fmt: skip
    assert rc == 6, err
    assert folder_hashes(notebook_path)[key_file] == before
    assert cli.nb(notebook_path, "case", "list")[0] == 0  # the old passphrase still opens it


def test_init_makes_an_existing_folder_owner_only(cli, tmp_path):
    folder = tmp_path / "Work.casebook"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    rc, _, err = cli("--notebook", folder, "--passphrase-stdin", "init", "--name", "Sam",
                     stdin=f"{PASSPHRASE}\n")  # fmt: skip
    assert rc == 0, err
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def _address_space(limit: int):
    def set_limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return set_limit


@pytest.mark.parametrize("what", ["garbage", "empty", "folder", "huge", "endless", "missing"])
def test_verify_never_prints_a_traceback(cli, tmp_path, what):
    target = tmp_path / "summary.pdf"
    if what == "garbage":
        target.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 100)
    elif what == "empty":
        target.write_bytes(b"")
    elif what == "folder":
        target.mkdir()
    elif what == "huge":
        with target.open("wb") as f:  # sparse: takes no disk space
            f.truncate(3 * 1024**3)
    elif what == "endless":
        target = Path("/dev/zero")
    # A 1 GiB address space: reading a huge input whole fails in it, as it would on a
    # small laptop, instead of filling this machine's memory.
    rc, _, err = cli("verify", target, preexec_fn=_address_space(1024**3), timeout=120)
    assert rc in (6, 8), err
    assert_plain_error(err)
    if what in ("huge", "endless"):
        assert rc == 6 and "not a Casebook summary" in err


# -- private text off the command line (issue 12, item 20) ---------------------------------------


def test_reflect_reads_its_text_from_standard_input_after_the_passphrase(cli, notebook_path):
    words = "Supervision helped today.\nI felt heard.\n"
    rc, out, err = cli.nb(notebook_path, "reflect", stdin=words)
    assert rc == 0, err
    assert err == ""
    rc, out, _ = cli.nb(notebook_path, "export-json", "--include-reflections")
    texts = [r["text"] for r in json.loads(out)["reflections"]]
    assert "Supervision helped today.\nI felt heard." in texts  # one trailing break dropped


def test_record_addendum_reads_its_text_from_standard_input(cli, notebook_path):
    rc, out, err = cli.nb(notebook_path, "record", "addendum", "rec-child-final",
                          stdin="Rose's DBS is clear.\r\n")  # fmt: skip
    assert rc == 0, err
    assert "Added addendum 2" in out and err == ""
    rc, out, _ = cli.nb(notebook_path, "record", "show", "rec-child-final", "--json")
    assert json.loads(out)["addenda"][-1]["text"] == "Rose's DBS is clear."


@pytest.mark.parametrize("args", [("reflect",), ("record", "addendum", "rec-child-final")],
                         ids=["reflect", "addendum"])  # fmt: skip
def test_empty_text_on_standard_input_is_refused(cli, notebook_path, folder_hashes, args):
    rc, out, err = cli.nb(notebook_path, *args, stdin=" \n\n")
    assert (rc, out) == (6, ""), err
    assert "empty" in err
    assert_plain_error(err)


@pytest.mark.parametrize(
    "args",
    [("reflect", "--text", "A private thought."),
     ("record", "addendum", "rec-child-final", "--text", "A private correction.")],
    ids=["reflect", "addendum"],
)  # fmt: skip
def test_text_on_the_command_line_still_works_but_warns_that_others_can_see_it(
    cli, notebook_path, args
):
    rc, _, err = cli.nb(notebook_path, *args)
    assert rc == 0, err
    assert err.startswith("casebook: warning: --text")
    assert "shell history" in err and "standard input" in err
    assert args[-1] not in err  # the warning does not repeat the words


def test_help_says_private_text_is_read_from_standard_input(cli):
    for args in (("reflect", "--help"), ("record", "addendum", "--help")):
        rc, out, _ = cli(*args)
        assert rc == 0
        flat = " ".join(out.split())
        assert "read from standard input" in flat and "shell history" in flat


def test_export_json_warns_that_its_output_is_plaintext(cli, notebook_path, tmp_path):
    target = tmp_path / "export.json"
    target.write_text("old")
    target.chmod(0o644)
    rc, out, err = cli.nb(notebook_path, "export-json", "-o", target)
    assert (rc, out) == (0, ""), err
    assert "casebook: warning:" in err and "not encrypted" in err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    rc, out, err = cli.nb(notebook_path, "export-json")
    assert rc == 0 and json.loads(out)["format"] == "casebook/1.1"
    assert "not encrypted" in err
    rc, out, _ = cli("export-json", "--help")
    assert "not encrypted" in " ".join(out.split()).lower()


# -- output that says what it means (issue 12, item 21) -------------------------------------------


def test_chronology_of_significant_records_says_when_none_is_significant(cli, notebook_path):
    rc, out, err = cli.nb(notebook_path, "chronology", "C-1042", "--significant")
    assert rc == 0, err
    assert out.strip() == "None of the 3 records in this case is marked significant."
    rc, out, _ = cli.nb(notebook_path, "case", "add", "C-0")
    rc, out, _ = cli.nb(notebook_path, "chronology", "C-0", "--significant")
    assert out.strip() == "No records in this case yet."


def test_cli_shows_times_as_recorded_with_their_offset_and_says_so(cli, notebook_path):
    # rec-b-session happened at 10:00 in +01:00 (09:00 UTC).
    shown = {
        "case show": cli.nb(notebook_path, "case", "show", "C-2001")[1],
        "chronology": cli.nb(notebook_path, "chronology", "C-2001")[1],
        "search": cli.nb(notebook_path, "search", "probation")[1],
    }
    for name, out in shown.items():
        assert "2026-02-01 10:00 +01:00" in out, name
        assert out.rstrip().endswith(TIMES_NOTE), name
    out = cli.nb(notebook_path, "record", "show", "rec-b-session")[1]
    assert re.search(r"^When: +2026-02-01T10:00:00\+01:00$", out, re.M)
    assert re.search(r"^Times: +as recorded, with their UTC offset$", out, re.M)


def test_file_names_that_are_not_utf8_still_work(cli, tmp_path):
    # Linux file names are bytes: only text arguments must be UTF-8.
    folder = tmp_path / "caf\udce9"
    rc, out, err = cli("--notebook", folder, "--passphrase-stdin", "init", "--name", "Sam",
                       stdin=f"{PASSPHRASE}\n")  # fmt: skip
    assert rc == 0, err
    assert "caf\\udce9.casebook" in out  # printed escaped, not as broken text
    rc, _, err = cli.nb(tmp_path / "caf\udce9.casebook", "export-json", "-o", tmp_path / "x\udcff")
    assert rc == 0, err
    assert (tmp_path / "x\udcff").is_file()
