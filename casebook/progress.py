"""How far a long operation is, and how to stop it: one small protocol for every shell.

A long core operation (import, export, backup, verifying a backup, restoring, checking
the audit log) takes an optional ``progress(done, total)`` callable. The core calls it
as the work goes on, from whatever thread runs the work; the callable may raise
:class:`Cancelled` to stop it. The operation then undoes what it started (a transaction
rolls back, a half-written file is removed) and lets :class:`Cancelled` through.

The app passes a callable that moves a progress bar and raises :class:`Cancelled` after
the user pressed Cancel; the CLI passes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from casebook.errors import CasebookError

Progress = Callable[[int, int], None]
T = TypeVar("T")


class Cancelled(CasebookError):
    """The user stopped a long operation; what it had started was undone."""

    exit_code = 130

    def __init__(self) -> None:
        super().__init__("Cancelled. Nothing was changed.")


class Stages:
    """One operation made of stages, reported to ``progress`` on one scale (0..SCALE).

    Each stage has a weight (its share of the whole); :meth:`stage` gives the
    ``progress(done, total)`` callable for one stage, which moves the whole scale
    through that stage's share.

    Args:
        progress: the caller's callable, or None (nothing is reported).
        weights: stage name -> weight, in the order the stages run.
    """

    SCALE = 10_000

    def __init__(self, progress: Progress | None, weights: Mapping[str, float]) -> None:
        self._progress = progress
        whole = sum(weights.values()) or 1.0
        self._start: dict[str, int] = {}
        self._span: dict[str, int] = {}
        at = 0.0
        for name, weight in weights.items():
            self._start[name] = round(at / whole * self.SCALE)
            at += weight
            self._span[name] = round(at / whole * self.SCALE) - self._start[name]

    def stage(self, name: str) -> Progress:
        """The progress callable of stage ``name`` (0..total of that stage)."""
        start, span = self._start[name], self._span[name]

        def report(done: int, total: int) -> None:
            if self._progress is not None:
                part = min(max(done, 0), total) / total if total > 0 else 1.0
                self._progress(start + round(part * span), self.SCALE)

        return report

    def finish(self) -> None:
        """Report the whole operation done."""
        if self._progress is not None:
            self._progress(self.SCALE, self.SCALE)


def report(progress: Progress | None, done: int, total: int) -> None:
    """Call ``progress(done, total)`` if there is a callable."""
    if progress is not None:
        progress(done, total)


def counted(
    items: Iterable[T], progress: Progress | None, total: int, every: int = 1
) -> Iterator[T]:
    """``items`` unchanged, reporting ``progress(n, total)`` every ``every`` items."""
    n = 0
    for item in items:
        yield item
        n += 1
        if progress is not None and n % every == 0:
            progress(n, total)
    if progress is not None:
        progress(n, total)


def counted_cases(
    cases: Iterable[tuple[T, Iterable[Any]]], progress: Progress, total: int
) -> Iterator[tuple[T, Iterator[Any]]]:
    """Each (case, records) pair unchanged, reporting ``progress(records so far, total)``
    as the records are read (an export's cases, whose records stream one at a time)."""
    done = 0

    def records_of(records: Iterable[Any]) -> Iterator[Any]:
        nonlocal done
        for record in records:
            yield record
            done += 1
            progress(done, total)

    for case, records in cases:
        yield case, records_of(records)
