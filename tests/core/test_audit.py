"""The audit log: every command appends; `audit verify` finds any change to history."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"


def _actions_since(nb: Notebook, seq: int) -> list[str]:
    rows = nb.database.conn.execute(
        "SELECT action FROM audit_log WHERE seq > ? ORDER BY seq", (seq,)
    ).fetchall()
    return [r[0] for r in rows]


def test_every_command_appends_to_the_audit_log(empty_notebook_path, make_document):
    nb = Notebook.open(empty_notebook_path, PASSPHRASE)
    try:
        assert _actions_since(nb, nb.audit.head().seq - 1) == ["notebook.unlock"]

        def appends(expected: list[str], command) -> None:
            seq = nb.audit.head().seq
            command()
            assert _actions_since(nb, seq) == expected
            assert nb.audit.head().seq == seq + len(expected)

        appends(["case.create"], lambda: nb.cases.add("C-9", "Family Z"))
        appends(["case.update"], lambda: nb.cases.update("C-9", title="Family Zed"))
        appends(["person.create"], lambda: nb.people.add("C-9", "Ana Silva", "partner", key="a"))
        appends(["person.update"],
                lambda: nb.people.update("C-9", "a", name="Ana Silva", role="partner",
                                         preferred_name="Ana"))  # fmt: skip
        record = {
            "kind": "partner_support",
            "event_at": "2026-03-01T10:00:00+00:00",
            "fields": {"partner": "a", "actions": [{"text": "Call back", "due": None}]},
        }
        created = []
        appends(["record.create"], lambda: created.append(nb.records.create("C-9", record)))
        uid = created[0].id
        edited = {**record, "fields": {**record["fields"], "feelings": "x"}}
        appends(["record.edit"], lambda: nb.records.save_draft(uid, edited))
        appends(["record.attach"], lambda: nb.attachments.add(uid, "a.txt", "text/plain", b"hi"))
        appends(["record.finalise"], lambda: nb.records.finalise(uid))
        appends(["record.addendum"], lambda: nb.records.add_addendum(uid, "A later note."))
        appends(["reflection.create"], lambda: nb.reflections.add("Reflecting."))
        action_id = nb.actions.list()[0].id
        appends(["action.done"], lambda: nb.actions.set_done(action_id))
        appends(["notebook.export"], nb.interchange.export_document)
        doc = make_document()
        n_cases = len(doc["cases"])
        n_records = sum(len(c["records"]) for c in doc["cases"])
        n_final = sum(r.get("status") == "final" for c in doc["cases"] for r in c["records"])
        expected = []
        for case in doc["cases"]:
            expected.append("case.import")
            for r in case["records"]:
                expected.append("record.import")
                if r.get("status") == "final":
                    expected.append("record.finalise")
                    # Imported addenda get their own entries (id and SHA-256), as added ones do.
                    expected += ["record.addendum"] * len(r.get("addenda", []))
        expected.append("notebook.import")
        assert "record.addendum" in expected
        assert expected.count("record.import") == n_records
        assert expected.count("record.finalise") == n_final
        assert expected.count("case.import") == n_cases
        appends(expected, lambda: nb.interchange.import_document(doc))
        appends(["passphrase.change"], lambda: nb.keys.change_passphrase(PASSPHRASE, "new one"))
        appends(["notebook.something"], lambda: nb.audit.append("notebook.something", "x"))
        report = nb.audit.verify()
        assert report.ok, report.problems
    finally:
        nb.close()


def test_unlock_and_passphrase_recovery_append_to_the_audit_log(notebook_path, recovery_key):
    nb = Notebook.recover(notebook_path, recovery_key, "brand new passphrase")
    try:
        assert _actions_since(nb, nb.audit.head().seq - 2) == [
            "notebook.unlock", "passphrase.recover",
        ]  # fmt: skip
    finally:
        nb.close()


def test_audit_verify_exits_0_on_a_good_notebook(cli, notebook_path):
    rc, out, err = cli.nb(notebook_path, "audit", "verify")
    assert rc == 0, err
    assert "Audit log verified" in out
    assert "final records checked: 3" in out


def _tamper(folder: Path, *statements: str) -> None:
    nb = Notebook.open(folder, PASSPHRASE)
    try:
        for sql in statements:
            nb.database.conn.execute(sql)
    finally:
        nb.close()


def test_audit_verify_detects_an_edited_entry(cli, notebook_path):
    _tamper(
        notebook_path,
        "DROP TRIGGER audit_log_no_update",
        "UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 3",
    )
    rc, _, err = cli.nb(notebook_path, "audit", "verify")
    assert rc == 8
    assert "audit entry 3" in err
    assert "changed" in err
    assert "Traceback" not in err


def test_audit_verify_detects_an_entry_whose_hash_was_recomputed(cli, notebook_path):
    # An attacker who edits an entry and recomputes its own hash breaks the next link.
    from casebook.audit import entry_hash

    nb = Notebook.open(notebook_path, PASSPHRASE)
    try:
        conn = nb.database.conn
        seq, at, action, obj, _, prev = conn.execute(
            "SELECT seq, at, action, object, detail, prev_hash FROM audit_log WHERE seq = 4"
        ).fetchone()
        forged = entry_hash(seq, at, action, obj, "forged", prev)
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET detail = 'forged', hash = ? WHERE seq = 4", (forged,))
    finally:
        nb.close()
    rc, _, err = cli.nb(notebook_path, "audit", "verify")
    assert rc == 8
    assert "audit entry 5" in err


def test_audit_verify_detects_a_deleted_entry(cli, notebook_path):
    _tamper(
        notebook_path,
        "DROP TRIGGER audit_log_no_delete",
        "DELETE FROM audit_log WHERE seq = 3",
    )
    rc, _, err = cli.nb(notebook_path, "audit", "verify")
    assert rc == 8
    assert "audit entry 3 is missing" in err


def test_audit_verify_in_an_open_session_notices_entries_removed_from_the_end(notebook):
    conn = notebook.database.conn
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    report = notebook.audit.verify(pages=False)
    assert not report.ok
    assert "this session wrote up to" in report.problems[0]


def test_audit_verify_detects_a_final_record_changed_behind_the_triggers(cli, notebook_path):
    _tamper(
        notebook_path,
        "DROP TRIGGER records_final_no_update",
        "UPDATE records SET fields = json_set(fields, '$.feelings', 'Calm and accepting.')"
        " WHERE uid = 'rec-partner-late'",
    )
    rc, _, err = cli.nb(notebook_path, "audit", "verify")
    assert rc == 8
    assert "final record rec-partner-late was changed after it was finalised" in err


def test_audit_verify_detects_a_final_record_whose_hash_was_recomputed(cli, notebook_path):
    # Changing the content and storing a matching hash still disagrees with the audit log.
    nb = Notebook.open(notebook_path, PASSPHRASE)
    try:
        conn = nb.database.conn
        conn.execute("DROP TRIGGER records_final_no_update")
        conn.execute(
            "UPDATE records SET fields = json_set(fields, '$.feelings', 'Calm.')"
            " WHERE uid = 'rec-partner-late'"
        )
        rowid, finalised_at = conn.execute(
            "SELECT id, finalised_at FROM records WHERE uid = 'rec-partner-late'"
        ).fetchone()
        from casebook.record import content_hash
        from casebook.stores.record_rows import stored_content

        forged = content_hash(stored_content(conn, rowid, finalised_at))
        conn.execute("UPDATE records SET content_hash = ? WHERE id = ?", (forged, rowid))
    finally:
        nb.close()
    rc, _, err = cli.nb(notebook_path, "audit", "verify")
    assert rc == 8
    assert "rec-partner-late does not match the hash in its audit entry" in err


@pytest.mark.parametrize(
    "statements",
    [
        ("DROP TRIGGER actions_final_no_update",
         "UPDATE actions SET text = 'Nothing to do' WHERE record_id ="
         " (SELECT id FROM records WHERE uid = 'rec-child-final')"),
        ("DROP TRIGGER record_tags_final_no_delete",
         "DELETE FROM record_tags WHERE record_id ="
         " (SELECT id FROM records WHERE uid = 'rec-child-final')"),
        ("DROP TRIGGER attachments_final_no_update",
         "UPDATE attachments SET sha256 = 'x' WHERE record_id ="
         " (SELECT id FROM records WHERE uid = 'rec-child-final')"),
        ("DROP TRIGGER attachments_final_no_update",
         "UPDATE attachments SET data = x'89504e470d0a1a0a00' WHERE record_id ="
         " (SELECT id FROM records WHERE uid = 'rec-child-final')"),
    ],
    ids=["action text", "tag deleted", "attachment hash", "attachment bytes swapped"],
)  # fmt: skip
def test_audit_verify_detects_changes_to_what_a_final_record_holds(cli, notebook_path, statements):
    _tamper(notebook_path, *statements)
    rc, _, err = cli.nb(notebook_path, "audit", "verify")
    assert rc == 8
    assert "final record rec-child-final was changed" in err


def _fail_every_commit(conn) -> None:
    """Make COMMIT itself fail: each audit append leaves a deferred foreign-key violation,
    which SQLite checks only at COMMIT (the way a full disk fails a commit, after the
    statements of the transaction all succeeded)."""
    conn.execute("CREATE TEMP TABLE commit_parent (id INTEGER PRIMARY KEY)")
    conn.execute(
        "CREATE TEMP TABLE commit_child (parent INTEGER"
        " REFERENCES commit_parent (id) DEFERRABLE INITIALLY DEFERRED)"
    )
    conn.execute(
        "CREATE TEMP TRIGGER fail_commit AFTER INSERT ON main.audit_log"
        " BEGIN INSERT INTO commit_child VALUES (1); END"
    )


def _draft_data(notebook: Notebook, narrative: str) -> dict:
    data = notebook.interchange.record_document("rec-session-draft")
    for key in ("id", "written_at", "status", "significant", "attachments"):
        data.pop(key, None)
    data["fields"]["narrative"] = narrative
    return data


def test_a_failed_commit_leaves_the_audit_head_for_the_next_save_in_the_same_session(notebook):
    import sqlcipher3.dbapi2 as sqlcipher

    conn = notebook.database.conn
    head = notebook.audit.head()
    _fail_every_commit(conn)
    with pytest.raises(sqlcipher.IntegrityError):
        notebook.records.save_draft(
            "rec-session-draft", _draft_data(notebook, "Lost to the failed commit.")
        )
    assert notebook.records.get("rec-session-draft").fields["narrative"] != (
        "Lost to the failed commit."
    )
    assert notebook.audit.head() == head
    conn.execute("DROP TRIGGER temp.fail_commit")

    saved = notebook.records.save_draft(
        "rec-session-draft", _draft_data(notebook, "Saved after it.")
    )
    assert saved.fields["narrative"] == "Saved after it."
    assert notebook.audit.head().seq == head.seq + 1
    report = notebook.audit.verify(pages=False)
    assert report.ok, report.problems


def test_an_error_after_an_audit_append_inside_a_command_leaves_the_head_as_it_was(notebook):
    import sqlcipher3.dbapi2 as sqlcipher

    conn = notebook.database.conn
    head = notebook.audit.head()
    # create_record appends record.create, then finalises: make the finalise fail.
    conn.execute(
        "CREATE TEMP TRIGGER fail_finalise BEFORE UPDATE OF status ON main.records"
        " BEGIN SELECT RAISE(ABORT, 'the disk went away'); END"
    )
    record = {"kind": "session", "event_at": "2026-03-01T10:00:00+00:00", "status": "final"}
    with pytest.raises(sqlcipher.IntegrityError):
        notebook.records.create("C-1042", record)
    assert notebook.audit.head() == head
    conn.execute("DROP TRIGGER temp.fail_finalise")
    notebook.records.create("C-1042", record)
    report = notebook.audit.verify(pages=False)
    assert report.ok, report.problems


# -- addenda and every row of a final record ------------------------------------------------------

ADDENDUM_OF_FINAL = "(SELECT id FROM addenda WHERE record_id = (SELECT id FROM records WHERE uid = 'rec-child-final'))"  # noqa: E501
FINAL_ROW = "(SELECT id FROM records WHERE uid = 'rec-child-final')"

BEHIND_THE_TRIGGERS = {
    "imported addendum text changed": (
        "DROP TRIGGER addenda_no_update",
        f"UPDATE addenda SET text = 'Nothing to correct.' WHERE id = {ADDENDUM_OF_FINAL}",
    ),
    "imported addendum claimed time changed": (
        "DROP TRIGGER addenda_no_update",
        "UPDATE addenda SET claimed_written_at = '2026-03-04T10:30:00+00:00'"
        f" WHERE id = {ADDENDUM_OF_FINAL}",
    ),
    "imported addendum time changed": (
        "DROP TRIGGER addenda_no_update",
        "UPDATE addenda SET written_at = '2026-03-04T10:30:00+00:00'"
        f" WHERE id = {ADDENDUM_OF_FINAL}",
    ),
    "imported addendum passed off as added here": (
        "DROP TRIGGER addenda_no_update",
        f"UPDATE addenda SET imported_at = NULL WHERE id = {ADDENDUM_OF_FINAL}",
    ),
    "addendum removed": (
        "DROP TRIGGER addenda_no_delete",
        f"DELETE FROM addenda WHERE id = {ADDENDUM_OF_FINAL}",
    ),
    # The triggers allow addenda on final records: only the audit log knows which were
    # added through Casebook.
    "addendum added with raw SQL": (
        "INSERT INTO addenda (record_id, written_at, text) VALUES"
        f" ({FINAL_ROW}, '2026-03-05T10:00:00+00:00', 'Added behind Casebook''s back.')",
    ),
    "attachment size changed": (
        "DROP TRIGGER attachments_final_no_update",
        f"UPDATE attachments SET size = 1 WHERE record_id = {FINAL_ROW}",
    ),
    "imported record's time of finalising changed": (
        "DROP TRIGGER records_final_no_update",
        f"UPDATE records SET finalised_at = '2026-03-04T12:00:00+00:00' WHERE id = {FINAL_ROW}",
    ),
    # The hash covers the document's times (claims, where there are any): moving the
    # record's own time of finalising into a claim keeps the hash, not the audit entry.
    "time of finalising passed off as a claim": (
        "DROP TRIGGER records_final_no_update",
        "UPDATE records SET claimed_finalised_at = finalised_at,"
        f" finalised_at = '2026-03-04T12:00:00+00:00' WHERE id = {FINAL_ROW}",
    ),
    "imported record's time of import changed": (
        "DROP TRIGGER records_final_no_update",
        "UPDATE records SET imported_at = '2026-03-04T12:00:00+00:00',"
        f" written_at = '2026-03-04T12:00:00+00:00' WHERE id = {FINAL_ROW}",
    ),
}


@pytest.mark.parametrize("statements", BEHIND_THE_TRIGGERS.values(), ids=BEHIND_THE_TRIGGERS.keys())
def test_audit_verify_checks_addenda_and_every_row_of_a_final_record(
    cli, notebook_path, statements
):
    _tamper(notebook_path, *statements)
    rc, _, err = cli.nb(notebook_path, "audit", "verify")
    assert rc == 8, err
    assert "rec-child-final" in err
    assert "Traceback" not in err


def test_audit_verify_checks_an_addendum_added_in_the_notebook(notebook):
    notebook.records.add_addendum("rec-partner-late", "Jane called back; calmer now.")
    assert notebook.audit.verify(pages=False).ok
    conn = notebook.database.conn
    conn.execute("DROP TRIGGER addenda_no_update")
    conn.execute("UPDATE addenda SET text = 'Jane did not call.' WHERE text LIKE 'Jane called%'")
    report = notebook.audit.verify(pages=False)
    assert not report.ok
    assert any("rec-partner-late was changed" in p for p in report.problems), report.problems


def test_a_version_1_notebooks_imported_addenda_are_anchored_in_the_audit_log_on_upgrade(
    tmp_path,
):
    import shutil

    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "v1" / "demo-v1.casebook"
    folder = shutil.copytree(fixture, tmp_path / "demo-v1.casebook")
    with Notebook.open(folder, PASSPHRASE) as nb:
        upgrade = _actions_since(nb, 0).count("notebook.upgrade")
        assert upgrade == 1
        assert nb.audit.verify(pages=False).ok
    # Reopening upgrades nothing more ...
    with Notebook.open(folder, PASSPHRASE) as nb:
        assert _actions_since(nb, 0).count("notebook.upgrade") == 1
        # ... and a change to an addendum version 1 imported is found from now on.
        conn = nb.database.conn
        conn.execute("DROP TRIGGER addenda_no_update")
        conn.execute("UPDATE addenda SET text = text || '!' WHERE imported_at IS NOT NULL")
        report = nb.audit.verify(pages=False)
        assert not report.ok
        assert any("addendum" in p and "changed" in p for p in report.problems), report.problems
