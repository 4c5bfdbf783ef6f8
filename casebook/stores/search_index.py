"""The full-text search index (``search_index``, ``search_keys``): writing a record's
entry, rebuilding it when a migration asks, and searching it."""

from __future__ import annotations

import json
from typing import Any

from casebook import search
from casebook.domain import SNIPPET_END, SNIPPET_START, SearchHit
from casebook.progress import Progress, report
from casebook.record import choice_parts, record_title, text_parts
from casebook.schema import SEARCH_REBUILD_SETTING
from casebook.storage import Database

MAX_SEARCH_RESULTS = 500

# The name (as shown) of the person a record's title is about, over ``records r`` joined
# to ``people p`` on ``r.about_key``; a direct-work record naming several children gives
# all their names, apart by casebook.record.NAMES_APART (read from its fields only then).
# (The names in the record's order: group_concat over an ordered subquery, as SQLite
# before 3.44, the benchmarks' plain twin, has no ORDER BY inside an aggregate.)
WHO_SQL = (
    "CASE WHEN r.about_more > 0 THEN (SELECT group_concat(n, char(31)) FROM ("
    "SELECT coalesce(nullif(w.preferred_name, ''), w.name) AS n"
    " FROM json_each(r.fields, '$.children') j"
    " JOIN people w ON w.case_id = r.case_id AND w.key = j.value ORDER BY j.key))"
    " ELSE coalesce(nullif(p.preferred_name, ''), p.name) END"
)


def index(tx: Any, rowid: int) -> None:
    """(Re)write the search entry of one record from what is stored."""
    row = tx.execute(
        "SELECT r.kind, r.fields, r.subtype, " + WHO_SQL + ","
        " r.event_at"
        " FROM records r LEFT JOIN people p ON p.case_id = r.case_id AND p.key = r.about_key"
        " WHERE r.id = ?",
        (rowid,),
    ).fetchone()
    kind, fields_json, subtype, who, event_at = row
    names = tx.execute(
        "SELECT p.name, p.preferred_name, p.other_names FROM record_people rp"
        " JOIN people p ON p.id = rp.person_id WHERE rp.record_id = ?",
        (rowid,),
    ).fetchall()
    fields = json.loads(fields_json)
    # The title, names, choices and tags are found but never shown as a snippet (see schema).
    heads = [record_title(kind, subtype, who)]
    heads += [n for row in names for n in (row[0], row[1], *json.loads(row[2])) if n]
    heads += choice_parts(kind, fields)
    heads += [t[0] for t in tx.execute("SELECT tag FROM record_tags WHERE record_id = ?", (rowid,))]
    head = "\n".join(h for h in heads if h)
    parts = text_parts(kind, fields)
    parts += [a[0] for a in tx.execute("SELECT text FROM actions WHERE record_id = ?", (rowid,))]
    parts += [a[0] for a in tx.execute("SELECT text FROM addenda WHERE record_id = ?", (rowid,))]
    body = "\n".join(p for p in parts if p)
    # The entry's key follows the event time, which a draft's edit may have moved.
    old = tx.execute("SELECT key FROM search_keys WHERE record_id = ?", (rowid,)).fetchone()
    if old is not None:
        tx.execute("DELETE FROM search_index WHERE rowid = ?", (old[0],))
    key = search.row_key(event_at, rowid)
    both = f"{head}\n{body}"
    tx.execute(
        "INSERT INTO search_index (rowid, body, folded, grams, head) VALUES (?, ?, ?, ?, ?)",
        (key, body, search.folded_extras(both), search.grams(both), head),
    )
    tx.execute(
        "INSERT INTO search_keys (record_id, key) VALUES (?, ?)"
        " ON CONFLICT (record_id) DO UPDATE SET key = excluded.key",
        (rowid, key),
    )


def unindex(tx: Any, rowid: int) -> None:
    """Drop the search entry of one record (a draft being deleted)."""
    tx.execute(
        "DELETE FROM search_index WHERE rowid = (SELECT key FROM search_keys WHERE record_id = ?)",
        (rowid,),
    )


def rebuild_if_asked(db: Database, progress: Progress | None = None) -> None:
    """Index every record again when a migration asked for it (one transaction), telling
    ``progress`` (done, total) every hundred records."""
    if db.query_one("SELECT 1 FROM settings WHERE name = ?", (SEARCH_REBUILD_SETTING,)) is None:
        return
    with db.transaction() as tx:
        # In index order: FTS5 appends rather than merges (40 % faster than by id).
        rows = tx.execute(
            "SELECT r.id FROM records r LEFT JOIN search_keys k ON k.record_id = r.id"
            " ORDER BY k.key"
        ).fetchall()
        report(progress, 0, len(rows))
        # The table made again as it is: FTS5 deletes every row one by one (38 s for
        # 100,000 records), a drop frees its pages (18 s, each page still overwritten).
        (table,) = tx.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'search_index'"
        ).fetchone()
        tx.execute("DROP TABLE search_index")
        tx.execute(table)
        for done, (rowid,) in enumerate(rows):
            if done % 100 == 0:
                report(progress, done, len(rows))
            index(tx, rowid)
        tx.execute("DELETE FROM settings WHERE name = ?", (SEARCH_REBUILD_SETTING,))
    report(progress, len(rows), len(rows))


def find(
    db: Database,
    query: str,
    *,
    case_ref: str | None = None,
    kind: str | None = None,
    limit: int = 50,
) -> list[SearchHit]:
    """Records matching every word of ``query`` (as prefixes), newest first, with snippets.

    Whatever the user typed is treated as words, never as FTS5 syntax.
    """
    expression = search.match_expression(query)
    if expression is None:
        return []
    # Matches of Chinese, Thai ... are in the grams column: their snippet is cut from
    # the body here (FTS5's would show the start of the record).
    runs = search.query_runs(query)
    limit = max(1, min(limit, MAX_SEARCH_RESULTS))
    sql = (
        "SELECT r.uid, c.ref, r.kind, r.subtype,"
        " " + WHO_SQL + ", r.event_at, r.status, r.late,"
        f" snippet(search_index, 0, '{SNIPPET_START}', '{SNIPPET_END}', '…', 12),"
        " r.imported_at"
        + (", s.body" if runs else "")
        + " FROM search_index s JOIN search_keys k ON k.key = s.rowid"
        " JOIN records r ON r.id = k.record_id JOIN cases c ON c.id = r.case_id"
        " LEFT JOIN people p ON p.case_id = r.case_id AND p.key = r.about_key"
        " WHERE search_index MATCH ?"
    )
    params: list[Any] = [expression]
    if case_ref:
        sql += " AND c.ref = ?"
        params.append(case_ref)
    if kind:
        sql += " AND r.kind = ?"
        params.append(kind)
    # The index's own order is newest first (see search.row_key): FTS5 stops after
    # `limit` rows, and snippets are made only for them, not for every match.
    sql += " ORDER BY s.rowid LIMIT ?"
    params.append(limit)
    return [
        SearchHit(record_id=r[0], case_ref=r[1], kind=r[2],
                  title=record_title(r[2], r[3], r[4]), event_at=r[5], status=r[6],
                  late=bool(r[7]), imported_at=r[9],
                  snippet=(runs and search.runs_snippet(r[10], runs))
                  or search.clip_snippet(search.part_snippet(r[8])))
        for r in db.query(sql, params)
    ]  # fmt: skip
