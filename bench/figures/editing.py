"""Writing: autosaving a 2,000-word draft and finalising records."""

from __future__ import annotations

import json
import time
from typing import Any

from casebook import timeutil
from figures import plain
from figures.harness import Context, Figure, group, ms, pct

WORDS = 2_000


def _words(notebook: Any, count: int) -> list[str]:
    """``count`` words of realistic note text, taken from the notebook's own sessions."""
    words: list[str] = []
    for (fields,) in notebook.database.query(
        "SELECT fields FROM records WHERE kind = 'session' ORDER BY id LIMIT 200"
    ):
        words += json.loads(fields).get("narrative", "").split()
        if len(words) >= count:
            break
    while len(words) < count:  # a tiny caseload: repeat what there is
        words += words or ["note"]
    return words[:count]


def _session(words: list[str], i: int) -> dict[str, Any]:
    """A 2,000-word session draft; each save changes the last sentence (as typing does)."""
    return {
        "kind": "session",
        "event_at": "2026-03-04T10:00:00+00:00",
        "location": "office",
        "status": "draft",
        "fields": {
            "session_type": "review",
            "narrative": " ".join(words[:-3]) + f" Revision {i} ends here.",
        },
    }


@group("save_draft")
def save_draft(ctx: Context) -> list[Figure]:
    """``Notebook.records.save_draft`` of a 2,000-word draft vs the same row, children, search
    entry and audit entry written to the plain twin."""
    notebook = ctx.open_notebook()
    conn = ctx.plain()
    try:
        row = notebook.database.query_one(
            "SELECT id, uid FROM records WHERE status = 'draft' AND kind = 'session'"
            " ORDER BY id LIMIT 1"
        )
        if row is None:
            raise RuntimeError("the caseload has no session drafts")
        rowid, uid = row
        words = _words(notebook, WORDS)
        product, baseline = [], []
        n = ctx.reps(100, 10)
        for i in range(-3, n):
            data = _session(words, i)
            start = time.perf_counter()
            notebook.records.save_draft(uid, data)
            elapsed = time.perf_counter() - start
            # The plain twin gets exactly the stored row and search text (read untimed).
            db = notebook.database
            (fields_json,) = db.query_one("SELECT fields FROM records WHERE id = ?", (rowid,))
            key = plain.search_rowid(db.conn, rowid)
            (body,) = db.query_one("SELECT body FROM search_index WHERE rowid = ?", (key,))
            start = time.perf_counter()
            plain.save_draft(conn, rowid, json.loads(fields_json), body)
            plain_elapsed = time.perf_counter() - start
            if i >= 0:
                product.append(elapsed)
                baseline.append(plain_elapsed)
    finally:
        conn.close()
        notebook.close()
    note = f"{n} saves of a {WORDS:,}-word session draft (each changes the last sentence)"
    return [
        Figure("save_draft_p50", ms(pct(product, 50)), "ms", goal="ratio ≤ 1.5",
               baseline=ms(pct(baseline, 50)), max_ratio=1.5, note=note),
        Figure("save_draft_p95", ms(pct(product, 95)), "ms", goal="< 10 ms",
               baseline=ms(pct(baseline, 95)), max_value=10, note=note),
    ]  # fmt: skip


@group("finalise")
def finalise(ctx: Context) -> list[Figure]:
    """``Notebook.records.finalise`` on fresh 2,000-word drafts (made untimed beforehand)."""
    notebook = ctx.open_notebook()
    try:
        words = _words(notebook, WORDS)
        ref = f"BENCH-EDIT-{time.strftime('%Y%m%d-%H%M%S')}"
        notebook.cases.add(ref, "Benchmark: finalise", opened=timeutil.today())
        n = ctx.reps(60, 8)
        uids = [notebook.records.create(ref, _session(words, i)).id for i in range(n + 2)]
        times = []
        for i, uid in enumerate(uids):
            start = time.perf_counter()
            notebook.records.finalise(uid)
            if i >= 2:
                times.append(time.perf_counter() - start)
    finally:
        notebook.close()
    return [
        Figure("finalise_p95", ms(pct(times, 95)), "ms", goal="p95 < 15 ms", max_value=15,
               note=f"{n} finalises of {WORDS:,}-word drafts; p50 {ms(pct(times, 50)):.1f} ms"),
    ]  # fmt: skip
