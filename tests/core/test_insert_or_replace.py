"""REPLACE cannot go around the triggers: SQLite fires no DELETE trigger for the rows a
REPLACE removes, so every protected table refuses a row whose key already exists."""

from __future__ import annotations

from typing import Any

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from casebook import keyfile
from casebook.paths import DATABASE_FILE, KEY_FILE

FINAL = "rec-child-final"  # people, a tag, an attachment, an action and an addendum
DRAFT = "rec-session-draft"

_ROW = "(SELECT id FROM records WHERE uid = '{uid}')"
F, D = _ROW.format(uid=FINAL), _ROW.format(uid=DRAFT)
F_ACTION = f"(SELECT id FROM actions WHERE record_id = {F})"
D_ACTION = f"(SELECT id FROM actions WHERE record_id = {D})"
F_ATTACHMENT = f"(SELECT id FROM attachments WHERE record_id = {F})"
D_ATTACHMENT = f"(SELECT id FROM attachments WHERE record_id = {D})"
F_ADDENDUM = f"(SELECT id FROM addenda WHERE record_id = {F})"
CASE = "(SELECT id FROM cases WHERE ref = 'C-1042')"
CHILD = "(SELECT id FROM people WHERE key = 'p3')"
PARTNER = "(SELECT id FROM people WHERE key = 'p1')"

# A draft record row with the columns a REPLACE needs; {key} chooses what collides.
_DRAFT_ROW = (
    "INSERT OR REPLACE INTO records ({cols}case_id, kind, event_at, event_utc, written_at,"
    " status, fields, updated_at) VALUES ({vals}" + CASE + ", 'child_work',"
    " '2026-03-04T10:00:00+00:00', '2026-03-04T10:00:00.000000', '2026-03-04T10:00:00+00:00',"
    " 'draft', '{{}}', '2026-03-04T10:00:00+00:00')"
)

ATTACKS = {
    "replace a final record by its id": _DRAFT_ROW.format(
        cols="id, uid, ", vals=f"{F}, 'rec-child-final', "
    ),
    "replace a final record by its uid (a UNIQUE conflict)": _DRAFT_ROW.format(
        cols="uid, ", vals="'rec-child-final', "
    ),
    "replace a final record's person": (
        "INSERT OR REPLACE INTO record_people (record_id, person_id, position)"
        f" VALUES ({F}, {CHILD}, 7)"
    ),
    "replace a final record's tag": (
        f"INSERT OR REPLACE INTO record_tags (record_id, tag, position)"
        f" VALUES ({F}, 'three houses', 7)"
    ),
    "replace a final record's action with a draft's": (
        "INSERT OR REPLACE INTO actions (id, record_id, position, text)"
        f" VALUES ({F_ACTION}, {D}, 5, 'Nothing to do')"
    ),
    "replace a final record's attachment with a draft's": (
        "INSERT OR REPLACE INTO attachments (id, record_id, position, name, media_type, size,"
        f" sha256, data) VALUES ({F_ATTACHMENT}, {D}, 5, 'x', 'text/plain', 1, 'x', x'00')"
    ),
    "replace an addendum": (
        "INSERT OR REPLACE INTO addenda (id, record_id, written_at, text)"
        f" VALUES ({F_ADDENDUM}, {F}, '2026-03-05T09:00:00+00:00', 'Nothing happened.')"
    ),
    "replace an audit entry": (
        "INSERT OR REPLACE INTO audit_log (seq, at, action, object, detail, prev_hash, hash)"
        " SELECT seq, at, action, object, 'forged', prev_hash, hash FROM audit_log WHERE seq = 3"
    ),
    "replace a person a final record names (its key changes)": (
        "INSERT OR REPLACE INTO people (id, case_id, key, name, role)"
        f" VALUES ({CHILD}, {CASE}, 'p9', 'Someone Else', 'child')"
    ),
    "move a draft onto a final record's id": (
        f"UPDATE OR REPLACE records SET id = {F} WHERE id = {D}"
    ),
    "rename a draft to a final record's uid": (
        f"UPDATE OR REPLACE records SET uid = '{FINAL}' WHERE id = {D}"
    ),
    "renumber a draft's action onto a final record's action": (
        f"UPDATE OR REPLACE actions SET id = {F_ACTION} WHERE id = {D_ACTION}"
    ),
    "renumber a draft's attachment onto a final record's attachment": (
        f"UPDATE OR REPLACE attachments SET id = {F_ATTACHMENT} WHERE id = {D_ATTACHMENT}"
    ),
    "renumber a person onto one a final record names": (
        f"UPDATE OR REPLACE people SET id = {CHILD} WHERE id = {PARTNER}"
    ),
}

PROTECTED = (
    "records", "record_people", "record_tags", "actions", "attachments", "addenda",
    "audit_log", "people", "cases",
)  # fmt: skip


def _snapshot(conn: Any) -> dict[str, list[Any]]:
    return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in PROTECTED}


@pytest.fixture
def attacked(notebook):
    """The sample notebook with an attachment on the draft too (so a draft's row exists)."""
    notebook.attachments.add(DRAFT, "note.txt", "text/plain", b"draft bytes")
    return notebook


@pytest.mark.parametrize("sql", ATTACKS.values(), ids=ATTACKS.keys())
def test_insert_or_replace_cannot_overwrite_a_final_record_an_addendum_or_an_audit_entry(
    attacked, sql
):
    conn = attacked.database.conn
    before = _snapshot(conn)
    document = attacked.interchange.record_document(FINAL)
    with pytest.raises(sqlcipher.IntegrityError):
        conn.execute(sql)
    assert _snapshot(conn) == before
    assert attacked.interchange.record_document(FINAL) == document
    report = attacked.audit.verify(pages=False)
    assert report.ok, report.problems


def test_replacing_a_final_record_does_not_cascade_away_its_attachments(attacked):
    conn = attacked.database.conn
    count = f"SELECT count(*) FROM attachments WHERE record_id = {F}"
    assert conn.execute(count).fetchone()[0] == 1
    with pytest.raises(sqlcipher.IntegrityError):
        conn.execute(ATTACKS["replace a final record by its id"])
    assert conn.execute(count).fetchone()[0] == 1
    assert conn.execute(f"SELECT count(*) FROM actions WHERE record_id = {F}").fetchone()[0] == 1
    assert attacked.records.get(FINAL).attachments[0].name == "three-houses.png"


def test_replace_is_refused_on_a_plain_connection_without_the_apps_pragmas(notebook_path):
    # Triggers live in the schema: any connection with the key meets them, with foreign
    # keys off and recursive triggers off (SQLite's defaults).
    key_file = keyfile.read_key_file(notebook_path / KEY_FILE)
    data_key = keyfile.unlock_with_passphrase(key_file, "correct horse battery staple")
    conn = sqlcipher.connect(str(notebook_path / DATABASE_FILE), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        conn.execute(f"PRAGMA cipher_hmac_algorithm = {key_file.page_hmac}")
        assert conn.execute("PRAGMA recursive_triggers").fetchone()[0] == 0
        before = _snapshot(conn)
        for name in (
            "replace a final record by its id",
            "replace a final record by its uid (a UNIQUE conflict)",
            "replace an addendum",
            "replace an audit entry",
        ):
            with pytest.raises(sqlcipher.IntegrityError):
                conn.execute(ATTACKS[name])
        assert _snapshot(conn) == before
    finally:
        conn.close()


def test_ordinary_writes_still_work_after_the_replace_guards(notebook):
    # save_draft deletes and re-inserts a draft's people, tags and actions with the same
    # keys; the guards refuse only keys that exist at the moment of the insert.
    record = notebook.records.get(DRAFT)
    data = notebook.interchange.record_document(DRAFT)
    for key in ("id", "written_at", "status", "significant", "attachments"):
        data.pop(key, None)
    data["fields"]["narrative"] = "Edited."
    saved = notebook.records.save_draft(DRAFT, data)
    assert saved.people == record.people and saved.tags == record.tags
    assert [a.text for a in saved.actions] == [a.text for a in record.actions]
    notebook.records.finalise(DRAFT)
    report = notebook.audit.verify(pages=False)
    assert report.ok, report.problems


def test_a_version_1_notebook_refuses_replace_once_upgraded(tmp_path):
    import shutil
    from pathlib import Path

    from casebook.service import Notebook

    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "v1" / "demo-v1.casebook"
    folder = shutil.copytree(fixture, tmp_path / "demo-v1.casebook")
    with Notebook.open(folder, "correct horse battery staple") as nb:
        conn = nb.database.conn
        before = _snapshot(conn)
        with pytest.raises(sqlcipher.IntegrityError):
            conn.execute(ATTACKS["replace an audit entry"])
        final = conn.execute(
            "SELECT id, uid FROM records WHERE status = 'final' LIMIT 1"
        ).fetchone()
        with pytest.raises(sqlcipher.IntegrityError):
            conn.execute(
                "INSERT OR REPLACE INTO records (uid, case_id, kind, event_at, event_utc,"
                " written_at, status, fields, updated_at) SELECT uid, case_id, kind, event_at,"
                " event_utc, written_at, 'draft', '{}', updated_at FROM records WHERE id = ?",
                (final[0],),
            )
        assert _snapshot(conn) == before
        assert nb.audit.verify(pages=False).ok
