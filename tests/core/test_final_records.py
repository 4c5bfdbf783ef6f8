"""Final is final: the database itself refuses to change a final record; addenda only."""

from __future__ import annotations

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from casebook.errors import FinalRecordError, InvalidInput

FINAL = "rec-child-final"  # child_work, with people, tags, an attachment, an action, an addendum
DRAFT = "rec-session-draft"

_ROW = "(SELECT id FROM records WHERE uid = '{uid}')"
F, D = _ROW.format(uid=FINAL), _ROW.format(uid=DRAFT)
PERSON = "(SELECT id FROM people WHERE key = 'p2')"

RAW_CHANGES = {
    "update record fields": f"UPDATE records SET fields = '{{}}' WHERE id = {F}",
    "update record time": (
        f"UPDATE records SET event_at = '2020-01-01T00:00:00+00:00' WHERE id = {F}"
    ),
    "reopen record as draft": f"UPDATE records SET status = 'draft' WHERE id = {F}",
    "update record hash": f"UPDATE records SET content_hash = 'x' WHERE id = {F}",
    "delete record": f"DELETE FROM records WHERE id = {F}",
    "update record people": f"UPDATE record_people SET position = 9 WHERE record_id = {F}",
    "delete record people": f"DELETE FROM record_people WHERE record_id = {F}",
    "insert record people": (
        f"INSERT INTO record_people (record_id, person_id, position) VALUES ({F}, {PERSON}, 9)"
    ),
    "move a draft's person into the final record": (
        f"UPDATE record_people SET record_id = {F} WHERE record_id = {D}"
    ),
    "update tag": f"UPDATE record_tags SET tag = 'changed' WHERE record_id = {F}",
    "delete tag": f"DELETE FROM record_tags WHERE record_id = {F}",
    "insert tag": f"INSERT INTO record_tags (record_id, tag, position) VALUES ({F}, 'new', 9)",
    "move a draft's tag into the final record": (
        f"UPDATE record_tags SET record_id = {F} WHERE record_id = {D}"
    ),
    "update attachment data": f"UPDATE attachments SET data = x'00' WHERE record_id = {F}",
    "update attachment name": f"UPDATE attachments SET name = 'x' WHERE record_id = {F}",
    "delete attachment": f"DELETE FROM attachments WHERE record_id = {F}",
    "insert attachment": (
        "INSERT INTO attachments (record_id, position, name, media_type, size, sha256, data)"
        f" VALUES ({F}, 9, 'x', 'text/plain', 1, 'x', x'00')"
    ),
    "update action text": f"UPDATE actions SET text = 'changed' WHERE record_id = {F}",
    "update action due": f"UPDATE actions SET due = '2030-01-01' WHERE record_id = {F}",
    "delete action": f"DELETE FROM actions WHERE record_id = {F}",
    "insert action": f"INSERT INTO actions (record_id, position, text) VALUES ({F}, 9, 'new')",
    "move a draft's action into the final record": (
        f"UPDATE actions SET record_id = {F} WHERE record_id = {D}"
    ),
    "update addendum": f"UPDATE addenda SET text = 'changed' WHERE record_id = {F}",
    "delete addendum": f"DELETE FROM addenda WHERE record_id = {F}",
    "change the key of a person in the record": "UPDATE people SET key = 'p9' WHERE key = 'p3'",
    "move a person of the record to another case": (
        "UPDATE people SET case_id = (SELECT id FROM cases WHERE ref = 'C-2001') WHERE key = 'p3'"
    ),
    "add addendum to a draft": (
        f"INSERT INTO addenda (record_id, written_at, text) VALUES ({D}, '2026-01-01', 'x')"
    ),
}


@pytest.mark.parametrize("sql", RAW_CHANGES.values(), ids=RAW_CHANGES.keys())
def test_final_record_cannot_be_changed_even_with_raw_sql_on_the_open_connection(notebook, sql):
    before = notebook.interchange.record_document(FINAL)
    conn = notebook.database.conn
    # Make sure the statement would touch rows at all.
    with pytest.raises(sqlcipher.IntegrityError):
        conn.execute(sql)
    assert notebook.interchange.record_document(FINAL) == before
    report = notebook.audit.verify(pages=False)
    assert report.ok, report.problems


def test_raw_sql_inside_an_explicit_transaction_is_refused_too(notebook):
    conn = notebook.database.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(sqlcipher.IntegrityError):
            conn.execute(f"UPDATE records SET fields = '{{}}' WHERE id = {F}")
    finally:
        conn.execute("ROLLBACK")
    assert notebook.records.get(FINAL).fields["worries"] == "Bedtimes are hard."


def test_save_draft_on_a_final_record_raises_final_record_error(notebook):
    with pytest.raises(FinalRecordError):
        notebook.records.save_draft(FINAL, {"fields": {"child": "p3", "worries": "changed"}})
    assert notebook.records.get(FINAL).fields["worries"] == "Bedtimes are hard."


@pytest.mark.parametrize(
    "change",
    [
        lambda nb: nb.records.finalise(FINAL),
        lambda nb: nb.records.delete_draft(FINAL),
        lambda nb: nb.attachments.add(FINAL, "x.txt", "text/plain", b"x"),
        lambda nb: nb.attachments.remove(FINAL, nb.records.get(FINAL).attachments[0].id),
    ],
    ids=["finalise again", "delete", "attach", "detach"],
)
def test_every_other_change_to_a_final_record_raises_final_record_error(notebook, change):
    before = notebook.interchange.record_document(FINAL)
    with pytest.raises(FinalRecordError):
        change(notebook)
    assert notebook.interchange.record_document(FINAL) == before


def test_addendum_leaves_the_original_record_unchanged(notebook):
    before = notebook.records.get(FINAL)
    after = notebook.records.add_addendum(FINAL, "Added later: mum called to say Lily slept well.")
    assert after.content_hash == before.content_hash
    assert after.finalised_at == before.finalised_at
    assert after.fields == before.fields
    assert after.actions == before.actions
    assert after.attachments == before.attachments
    assert after.addenda[:-1] == before.addenda
    assert after.addenda[-1].text == "Added later: mum called to say Lily slept well."
    report = notebook.audit.verify()
    assert report.ok, report.problems


def test_addendum_to_a_draft_is_refused(notebook):
    with pytest.raises(InvalidInput):
        notebook.records.add_addendum(DRAFT, "not allowed on drafts")


def test_action_done_flag_can_still_be_ticked_on_a_final_record(notebook):
    record = notebook.records.get(FINAL)
    (action,) = record.actions
    assert not action.done
    notebook.actions.set_done(action.id)
    after = notebook.records.get(FINAL)
    assert after.actions[0].done
    assert after.content_hash == record.content_hash
    assert action.id not in [a.id for a in notebook.actions.list()]
    report = notebook.audit.verify()
    assert report.ok, report.problems


def test_finalising_stores_the_time_and_a_content_hash_that_verifies(notebook):
    record = notebook.records.finalise(DRAFT)
    assert record.is_final
    assert record.finalised_at
    assert len(record.content_hash) == 64
    with pytest.raises(sqlcipher.IntegrityError):
        notebook.database.conn.execute(f"UPDATE records SET fields = '{{}}' WHERE id = {D}")
    report = notebook.audit.verify()
    assert report.ok, report.problems
    assert report.final_records == 4
