"""Search as you type: the generator's 200 realistic queries over the whole caseload."""

from __future__ import annotations

import time
from typing import Any

import generate

from figures.harness import Context, Figure, group, ms, pct


class _Recorder:
    """Stands in for the notebook's connection and remembers the statements it runs."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn
        self.statements: list[tuple[str, Any]] = []

    def execute(self, sql: str, params: Any = ()) -> Any:
        self.statements.append((sql, params))
        return self._conn.execute(sql, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def product_statements(notebook: Any, call: Any) -> list[tuple[str, Any]]:
    """The SQL statements (with parameters) the notebook runs for ``call()``."""
    db = notebook.database
    recorder = _Recorder(db.conn)
    db._conn = recorder
    try:
        call()
    finally:
        db._conn = recorder._conn
    return recorder.statements


@group("search")
def search(ctx: Context) -> list[Figure]:
    """``Notebook.records.search(query)`` (as the app calls it: 50 hits with snippets) vs the very
    statement it runs, executed on the plain twin's FTS5 index."""
    queries = generate.search_queries(ctx.seed)
    notebook = ctx.open_notebook()
    conn = ctx.plain()
    try:
        # First pass, untimed: learn each query's SQL, and warm both caches alike.
        replays = []
        for q in queries:
            statements = product_statements(notebook, lambda q=q: notebook.records.search(q))
            for sql, params in statements:
                conn.execute(sql, params).fetchall()
            replays.append(statements)
        product, baseline, differ = [], [], 0
        for q, statements in zip(queries, replays, strict=True):
            start = time.perf_counter()
            hits = notebook.records.search(q)
            product.append(time.perf_counter() - start)
            start = time.perf_counter()
            rows: list[Any] = []
            for sql, params in statements:
                rows = conn.execute(sql, params).fetchall()
            baseline.append(time.perf_counter() - start)
            differ += len(rows) != len(hits)
    finally:
        conn.close()
        notebook.close()
    slowest = sorted(zip(product, queries, strict=True), reverse=True)[:3]
    note = (
        f"{len(queries)} queries, {sum(len(q) <= 3 for q in queries)} of them ≤ 3 characters; "
        f"slowest: " + ", ".join(f"{q!r} {ms(t):.0f} ms" for t, q in slowest)
    )
    if differ:
        note += f"; {differ} queries gave a different number of rows on the twin"
    return [
        Figure("search_p50", ms(pct(product, 50)), "ms", goal="ratio ≤ 1.2",
               baseline=ms(pct(baseline, 50)), max_ratio=1.2, note=note),
        Figure("search_p95", ms(pct(product, 95)), "ms", goal="< 30 ms, ratio ≤ 1.2",
               baseline=ms(pct(baseline, 95)), max_value=30, max_ratio=1.2, note=note),
    ]  # fmt: skip
