"""The data every figure works on: the generated caseload, the notebook and its plain twin.

``bench/data/<size>.json`` is generated once (and again when ``bench/generate.py``
changes); ``<size>.casebook`` is made by importing it, ``<size>-plain.sqlite`` holds the
same rows on stdlib sqlite3. A state file remembers what they were made from, so a run
without the ``import`` figure reuses them while they are current.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import json
import shutil
import time
from pathlib import Path
from typing import Any

import generate

from casebook import keyfile
from casebook.domain import Practitioner
from casebook.service import Notebook
from figures import plain
from figures.harness import BENCH_DIR, PASSPHRASE, ROOT, Context, log

BIG_CASE_RECORDS = 2_000
BIG_CASE_REF = "BENCH-2000"


def _stamp(*paths: Path, extra: str = "") -> str:
    digest = hashlib.sha256(extra.encode())
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def document_stamp(ctx: Context) -> str:
    return _stamp(BENCH_DIR / "generate.py", extra=f"{ctx.size}:{ctx.seed}")


def notebook_stamp(ctx: Context) -> str:
    """What the notebook depends on: the document and the product's schema."""
    return _stamp(ROOT / "casebook" / "schema.py", extra=document_stamp(ctx))


def ensure_document(ctx: Context, *, reuse: bool = False) -> None:
    """Generate the caseload unless an up-to-date one (or with ``reuse``, any) is there."""
    ctx.data_dir.mkdir(parents=True, exist_ok=True)
    stamp_file = ctx.doc_path.with_name(ctx.doc_path.name + ".stamp")
    stamp = document_stamp(ctx)
    if ctx.doc_path.exists() and (
        reuse or (stamp_file.exists() and stamp_file.read_text() == stamp)
    ):
        return
    log(f"generating the {ctx.size} caseload into {ctx.doc_path} ...")
    started = time.perf_counter()
    generate.write(ctx.size, ctx.doc_path, ctx.seed)
    stamp_file.write_text(stamp)
    log(f"generated in {time.perf_counter() - started:.1f} s")


def load_document(ctx: Context) -> tuple[Any, float]:
    """The caseload as Python objects and the seconds it took to read and decode it."""
    started = time.perf_counter()
    raw = ctx.doc_path.read_bytes()
    document = json.loads(raw)
    del raw
    return document, time.perf_counter() - started


def notebook_is_current(ctx: Context, *, reuse: bool = False) -> bool:
    if not (ctx.notebook_dir.is_dir() and ctx.plain_path.exists() and ctx.state_path.exists()):
        return False
    state = json.loads(ctx.state_path.read_text())
    if state.get("stamp") != notebook_stamp(ctx) and not reuse:
        return False
    ctx.state.update(state)
    return True


def new_notebook(folder: Path) -> Notebook:
    """An empty notebook with a cheap KDF: the KDF has its own figure, the rest leave it out."""
    shutil.rmtree(folder, ignore_errors=True)
    notebook, _ = Notebook.create(
        folder,
        PASSPHRASE,
        Practitioner("Alex Bench", "Family support worker", "Benchmark Trust"),
        kdf=keyfile.TEST_SCRYPT,
    )
    return notebook


def import_into_notebook(ctx: Context, document: Any) -> float:
    """Make the notebook from ``document``; returns the seconds ``import_document`` took."""
    ctx.state_path.unlink(missing_ok=True)
    # Stamped now: the schema file may change while a long import runs.
    ctx.state["stamp"] = notebook_stamp(ctx)
    notebook = new_notebook(ctx.notebook_dir)
    try:
        log(f"importing {ctx.size} into the notebook ...")
        started = time.perf_counter()
        notebook.interchange.import_document(document)
        seconds = time.perf_counter() - started
        log(f"notebook import: {seconds:.1f} s")
    finally:
        notebook.close()
    return seconds


def finish_notebook(ctx: Context, document: Any) -> None:
    """Add the 2,000-record case (large), make the plain twin and write the state file."""
    notebook = ctx.open_notebook()
    try:
        big = _big_case(ctx, document, notebook)
        log("copying the notebook's rows into the plain twin ...")
        plain.copy_notebook(notebook.database.conn, ctx.plain_path)
    finally:
        notebook.close()
    ctx.state["big_case"] = big
    ctx.state_path.write_text(json.dumps(ctx.state, indent=2))


def _big_case(ctx: Context, document: Any, notebook: Notebook) -> str:
    """The ref of a case with 2,000 records (made from the largest case if none has as many).

    On ``small`` the largest case stands in (a quick run, not a measurement).
    """
    largest = max(document["cases"], key=lambda c: len(c["records"]))
    if len(largest["records"]) >= BIG_CASE_RECORDS or not ctx.large:
        return str(largest["ref"])
    records = []
    for record in itertools.islice(itertools.cycle(largest["records"]), BIG_CASE_RECORDS):
        copy = {k: v for k, v in record.items() if k != "attachments"}
        records.append(copy)
    case = {k: v for k, v in largest.items() if k != "records"}
    case.update(ref=BIG_CASE_REF, title="Benchmark: 2,000 records", records=records)
    notebook.interchange.import_document({"format": "casebook/1", "cases": [case]})
    return BIG_CASE_REF


def ensure_notebook(ctx: Context, *, reuse: bool = False) -> None:
    """Reuse the notebook and twin if current (or with ``reuse``, if there), else build them."""
    if notebook_is_current(ctx, reuse=reuse):
        return
    ensure_document(ctx)
    document, _ = load_document(ctx)
    import_into_notebook(ctx, document)
    finish_notebook(ctx, document)
    del document
    gc.collect()
