"""Unlocking: the passphrase KDF, opening the database once the key is known, and
changing the passphrase."""

from __future__ import annotations

import math
import time

from casebook import keyfile
from figures import plain
from figures.harness import (
    PASSPHRASE,
    Context,
    Figure,
    group,
    median,
    ms,
    pct,
    samples,
    timed,
    without_env,
)


@group("kdf")
def kdf_unlock(ctx: Context) -> list[Figure]:
    """scrypt with the parameters a new notebook gets here (tuned, not the test ones)."""
    with without_env(keyfile.KDF_COST_ENV):
        tuning, params = timed(keyfile.tuned_scrypt)
        _, _, key_file = keyfile.new_key_file(PASSPHRASE, params, "2026-01-01T00:00:00+00:00")
        times = samples(
            lambda _: keyfile.unlock_with_passphrase(key_file, PASSPHRASE),
            ctx.reps(5, 3),
            warmup=1,
        )
    return [
        Figure(
            "kdf_unlock", median(times), "s", goal="0.5-1.0 s (by design)",
            min_value=0.5, max_value=1.0,
            note=f"scrypt n=2^{int(math.log2(params.n))} r={params.r} p={params.p} as tuned here "
                 f"(tuning took {tuning:.1f} s); median of {len(times)}, "
                 f"range {min(times):.2f}-{max(times):.2f} s",
        )
    ]  # fmt: skip


@group("open")
def open_after_key(ctx: Context) -> list[Figure]:
    """Notebook open with the data key already unwrapped, then the first query (case list).

    The product path is ``Notebook._open`` itself (lock, key file, WAL check, keyed
    connection, schema check, audit head, the unlock audit entry) with the KDF replaced
    by the known key; the baseline is ``sqlite3.connect`` + the same pragmas + the same
    first query.
    """
    from casebook.service import Notebook

    key = ctx.data_key()
    product: list[float] = []
    baseline: list[float] = []
    n = ctx.reps(30, 5)
    for i in range(-2, n):
        start = time.perf_counter()
        notebook = Notebook._open(ctx.notebook_dir, lambda _kf: key, None)
        notebook.cases.list()
        elapsed = time.perf_counter() - start
        notebook.close()
        start = time.perf_counter()
        conn = plain.connect(ctx.plain_path)
        conn.execute(plain.LIST_CASES_SQL).fetchall()
        plain_elapsed = time.perf_counter() - start
        conn.close()
        if i >= 0:
            product.append(elapsed)
            baseline.append(plain_elapsed)
    return [
        Figure(
            "open_after_key", ms(median(product)), "ms", goal="< 50 ms",
            baseline=ms(median(baseline)), max_value=50,
            note=f"median of {n}; p95 {ms(pct(product, 95)):.1f} ms; includes the unlock "
                 "audit entry (one fsync'd commit) the baseline does not write",
        )
    ]  # fmt: skip


@group("passphrase")
def passphrase_change(ctx: Context) -> list[Figure]:
    """Rewrapping the data key; the database is not re-encrypted, so size should not matter.

    The benchmark notebook uses the cheap test KDF so this measures what is not KDF:
    with the real parameters a change adds two scrypt runs (check the old passphrase,
    wrap under the new) and a fresh calibration, i.e. about three to four ``kdf_unlock``.
    """
    notebook = ctx.open_notebook()
    other = PASSPHRASE + " (changed)"
    try:
        pairs = [(PASSPHRASE, other), (other, PASSPHRASE)]
        n = ctx.reps(20, 4)
        times = samples(lambda i: notebook.keys.change_passphrase(*pairs[i % 2]), n, warmup=2)
    finally:
        notebook.close()
    return [
        Figure(
            "passphrase_change", ms(median(times)), "ms",
            goal="< 50 ms (beyond the two KDF runs, which are by design)", max_value=50,
            note=f"median of {n}, p95 {ms(pct(times, 95)):.1f} ms, on the {ctx.size} notebook "
                 "with the test KDF; the real KDF adds ≈ 3-4 x kdf_unlock",
        )
    ]  # fmt: skip
