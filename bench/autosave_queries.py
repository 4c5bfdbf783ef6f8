"""SQL statements per autosave (one pause in typing), and what the window re-reads.

    python bench/autosave_queries.py [--records N]

One pause in typing saves the draft (``records.save_draft``) and then the window
refreshes what the change notice names. Before typed notices (issue 15) every save was
``Change("record", ref, id)``: the window reloaded the case list (``cases.list``) and the
whole case shown (``ui.queries.case_overview``: its records, people, actions, who is no
longer involved, status history). Now a save is ``RecordSaved``: the window reads that
record's row and the case's actions (``ui.queries.saved_row``) and nothing else.

Statements are counted with ``sqlite3``'s ``set_trace_callback`` on the notebook's
connection (every statement Casebook runs, BEGIN and COMMIT included),
on a demo notebook whose case gets ``--records`` extra drafts. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR.parent)]
os.environ.setdefault("CASEBOOK_KDF_COST", "test")

from casebook.demo import create_demo_notebook  # noqa: E402
from ui import queries  # noqa: E402  (Qt-free: the window's queries)


def counted(notebook: Any, work: Callable[[], Any]) -> int:
    """How many SQL statements ``work()`` runs on the notebook's connection.

    Statements SQLite runs inside them (FTS5's shadow tables, triggers: traced with a
    leading ``--``) are not counted: they are the cost of a statement, not another one.
    """
    statements: list[str] = []
    conn = notebook.database.conn
    conn.set_trace_callback(statements.append)
    try:
        work()
    finally:
        conn.set_trace_callback(None)
    return sum(1 for s in statements if not s.startswith("--"))


def timed(work: Callable[[], Any], runs: int = 7) -> float:
    """Median milliseconds of ``work()``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Measure one autosave with the window's reaction, before and after typed notices."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=200, help="extra drafts in the case")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="casebook-bench-") as scratch:
        notebook, _ = create_demo_notebook(Path(scratch) / "bench.casebook", "bench passphrase")
        try:
            ref = notebook.cases.list()[0].ref
            visit = {"kind": "session", "event_at": "2026-03-02T10:00:00+00:00"}
            for i in range(args.records):
                notebook.records.create(ref, {**visit, "fields": {"narrative": f"Visit {i}."}})
            draft = notebook.records.create(
                ref, {"kind": "session", "event_at": "2026-03-03T10:00:00+00:00", "fields": {}}
            )
            notices: list[Any] = []
            notebook.subscribe(notices.append)
            typed = iter(range(10**6))

            def save() -> None:
                data = {"event_at": draft.event_at, "fields": {"narrative": f"Typed {next(typed)}"}}
                notebook.records.save_draft(draft.id, data)

            saving = counted(notebook, save)
            saving_ms = timed(save)

            def whole() -> None:
                notebook.cases.list()
                queries.case_overview(notebook, ref)

            def row() -> None:
                queries.saved_row(notebook, draft.id)

            figures = [(counted(notebook, w), timed(w)) for w in (whole, row)]
            records = notebook.cases.get(ref).record_count
        finally:
            notebook.close()
    (whole_n, whole_ms), (row_n, row_ms) = figures
    notice = type(notices[-1]).__name__
    print(f"One autosave of a draft in a case of {records} records (notice: {notice}):\n")
    print("| | SQL statements | median time | views re-read |")
    print("|---|---|---|---|")
    print(f"| `records.save_draft` | {saving} | {saving_ms:.1f} ms | — |")
    print(
        f"| window before: case list + whole case | {whole_n} | {whole_ms:.1f} ms | 2: the case"
        " list; the case (records, people, chronology, actions, involvement, status) |"
    )
    print(
        f"| window after: the record's row + the case's actions | {row_n} | {row_ms:.1f} ms |"
        " 1 row; the case's actions |"
    )
    print(
        f"| **save + window reload (before) / save + row (after)** | **{saving + whole_n} /"
        f" {saving + row_n}** | **{saving_ms + whole_ms:.1f} / {saving_ms + row_ms:.1f} ms** |"
        " **2 views / 1 row** |"
    )
    print(
        "\nBefore typed notices the window reloaded the case list and the case after every"
        " save. (main at 02dea23, measured with its own code, also spent 34 statements in"
        " save_draft: it read the whole record, the case and its people's keys first.)"
    )


if __name__ == "__main__":
    main()
