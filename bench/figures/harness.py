"""What every figure shares: the result type, timing helpers and the benchmark context.

A figure is one number with its unit, its goal and, where one exists, the same work
measured on plain stdlib ``sqlite3`` (the *baseline*). Figures are grouped: one group
(``search``, ``save_draft`` ...) runs in one go and may give several figures (p50, p95).
"""

from __future__ import annotations

import gc
import math
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent.parent
ROOT = BENCH_DIR.parent
PASSPHRASE = "benchmark passphrase, not a secret"
SEED = 1


class NotMeasured(Exception):
    """A figure that cannot be measured here (say why); the run goes on."""


class ProductFailed(Exception):
    """The product could not do the work at all (say how): a missed goal, not a runner bug."""


@dataclass
class Figure:
    """One measured number, its goal and its plain-sqlite3 baseline.

    ``max_value`` / ``min_value`` / ``max_ratio`` make the goal checkable; ``met`` is
    None when a figure has no checkable goal or was not measured.
    """

    name: str
    value: float | None
    unit: str
    goal: str = ""
    baseline: float | None = None
    max_value: float | None = None
    min_value: float | None = None
    max_ratio: float | None = None
    note: str = ""
    failed: bool = False

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def met(self) -> bool | None:
        if self.failed:
            return False
        if self.value is None:
            return None
        checks = []
        if self.max_value is not None:
            checks.append(self.value < self.max_value)
        if self.min_value is not None:
            checks.append(self.value >= self.min_value)
        if self.max_ratio is not None:
            ratio = self.ratio
            checks.append(ratio is not None and ratio <= self.max_ratio)
        return all(checks) if checks else None

    def to_json(self) -> dict[str, Any]:
        ratio = self.ratio
        return {
            "value": _round(self.value),
            "unit": self.unit,
            "baseline": _round(self.baseline),
            "ratio": None if ratio is None else round(ratio, 3),
            "goal": self.goal,
            "met": self.met,
            "note": self.note,
        }


def _round(x: float | None) -> float | None:
    if x is None:
        return None
    if x == 0 or not math.isfinite(x):
        return x
    digits = max(0, 3 - math.floor(math.log10(abs(x))))
    return round(x, digits)


# -- timing ------------------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def samples(
    fn: Callable[[int], Any], n: int, *, warmup: int = 2, setup: Callable[[int], Any] | None = None
) -> list[float]:
    """Seconds taken by ``fn(i)`` for ``i`` in ``range(n)``, after ``warmup`` untimed calls.

    ``setup(i)`` runs untimed before each call (warm-ups use negative ``i``).
    """
    for i in range(-warmup, 0):
        if setup:
            setup(i)
        fn(i)
    gc.collect()
    out = []
    for i in range(n):
        if setup:
            setup(i)
        start = time.perf_counter()
        fn(i)
        out.append(time.perf_counter() - start)
    return out


def pct(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100), linear between ranks."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: list[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> float:
    return seconds * 1000


@contextmanager
def without_env(name: str) -> Iterator[None]:
    """Run with environment variable ``name`` unset (restored afterwards)."""
    saved = os.environ.pop(name, None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ[name] = saved


def log(message: str) -> None:
    """Progress on stderr (results go to the files)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- the context -------------------------------------------------------------------------------


@dataclass
class Context:
    """Paths and shared state of one run.

    The notebook under ``data_dir`` is made by importing the generated caseload (the
    ``import`` figure does it, timed); ``plain`` is its plaintext twin: the same schema
    (:data:`casebook.schema.MIGRATIONS`) on stdlib sqlite3 holding the same rows.
    """

    size: str
    data_dir: Path
    seed: int = SEED
    state: dict[str, Any] = field(default_factory=dict)
    _data_key: bytes | None = None

    @property
    def doc_path(self) -> Path:
        return self.data_dir / f"{self.size}.json"

    @property
    def notebook_dir(self) -> Path:
        return self.data_dir / f"{self.size}.casebook"

    @property
    def plain_path(self) -> Path:
        return self.data_dir / f"{self.size}-plain.sqlite"

    @property
    def state_path(self) -> Path:
        return self.data_dir / f"{self.size}.state.json"

    @property
    def large(self) -> bool:
        return self.size == "large"

    def reps(self, large: int, small: int) -> int:
        """How many repetitions: fewer on ``small`` (a quick check), more on ``large``."""
        return large if self.large else small

    def open_notebook(self) -> Any:
        from casebook.service import Notebook

        return Notebook.open(self.notebook_dir, PASSPHRASE)

    def data_key(self) -> bytes:
        """The notebook's raw data key (unwrapped once)."""
        if self._data_key is None:
            from casebook import keyfile
            from casebook.paths import KEY_FILE

            kf = keyfile.read_key_file(self.notebook_dir / KEY_FILE)
            self._data_key = keyfile.unlock_with_passphrase(kf, PASSPHRASE)
        return self._data_key

    def plain(self) -> sqlite3.Connection:
        from figures import plain

        return plain.connect(self.plain_path)


# -- the registry ------------------------------------------------------------------------------

Group = Callable[[Context], list[Figure]]
GROUPS: dict[str, Group] = {}


def group(name: str) -> Callable[[Group], Group]:
    """Register a function that measures a group of figures (``--only NAME`` runs it)."""

    def register(fn: Group) -> Group:
        GROUPS[name] = fn
        return fn

    return register
