"""The database's page check, reporting how far it is and stoppable where SQLite allows
(issue 13).

The check is two parts: SQLCipher's HMAC of every page (``PRAGMA
cipher_integrity_check``), then SQLite's integrity check of every b-tree (``PRAGMA
integrity_check``). SQLCipher does its part while the pragma is *prepared* (4.x,
``sqlcipher_codec_ctx_integrity_check``), where SQLite's progress handler is never called
(measured: zero calls on a 221 MB notebook): it stays one step that Cancel cannot stop,
about a fifth of the check's time. Casebook does not check the HMACs itself: that would be
its own copy of SQLCipher's page format and key derivation, crypto it must not hand-roll.
``PRAGMA integrity_check`` runs in SQLite's virtual machine: :func:`btree_problems`
follows it with a progress handler, which also stops it.
"""

from __future__ import annotations

import time
from typing import Any

from casebook.progress import Progress, Stages

# Shares of the page check's time: the HMAC part reads the file once; the integrity check
# reads every page again through SQLCipher (decrypting it), walks every b-tree, then checks
# every row against its indexes. About 1.5 s and 5.0 s on a generated 590 MB notebook
# (bench/RESULTS.md, issue 13).
SHARES = {"hmac": 1, "btree": 4}

# How far PRAGMA integrity_check is, in calls of the progress handler: SQLite calls it once
# every HANDLER_STEPS b-tree pages while it walks the trees (all in one step of its virtual
# machine, btree.c checkProgress), then once every HANDLER_STEPS steps while it checks rows
# against indexes. Counted on notebooks made from the bench's generated caseloads
# (bench/generate.py, imported as bench/figures/prepare.py does): 47 units a page at 45 MB
# (11,535 pages, the `small` caseload) and at 221 MB (56,824 pages: 10,000 records, no
# attachments), 34 at 590 MB (151,288 pages: 20,000 records, 500 attachments of 50 KB-1 MB,
# whose overflow pages the walk reads without counting them). 50 is above them all, so that
# the share reported stops at its cap (99 % until the pragma returns) rarely if ever: with
# 40 the 221 MB notebook's bar stood still at the cap for 1.5 s of its 2.6 s check. A
# notebook of attachments moves too slowly instead and jumps at the end. The pace is uneven
# in time too: the walk counts few units for its time, rows holding attachments or long
# notes cost more time a step.
INTEGRITY_STEPS_PER_PAGE = 50
# Steps (or tree pages) between calls of the progress handler: 100 keeps the longest time
# between two calls near 0.15 s on the 590 MB notebook (how soon a cancel is seen) while
# the handler's own cost stays under 1 % of the check.
HANDLER_STEPS = 100
REPORT_EVERY = 0.05  # seconds


def page_problems(conn: Any, progress: Progress | None = None) -> list[str]:
    """Both parts on ``conn`` (its lock held by the caller): what they found wrong.

    ``progress`` goes from 0 to the whole; a :class:`~casebook.progress.Cancelled` it
    raises stops the integrity check within a moment and goes on from here.
    """
    stages = Stages(progress, SHARES)
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    stages.stage("hmac")(0, 1)  # SQLCipher's own check: one step, not stoppable
    problems = [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
    stages.stage("hmac")(1, 1)
    problems += btree_problems(conn, pages, stages.stage("btree"))
    stages.finish()
    return problems


def btree_problems(conn: Any, pages: int, progress: Progress | None = None) -> list[str]:
    """``PRAGMA integrity_check`` on ``conn`` (of ``pages`` pages), reporting how far it is.

    A progress handler counts SQLite's steps; the share reported is the steps so far over
    ``pages`` x :data:`INTEGRITY_STEPS_PER_PAGE`, at most 99 % until the pragma returns.
    When ``progress`` raises, the handler interrupts the pragma and the exception goes on.

    Returns:
        what the check found wrong (nothing when it says "ok").
    """
    if progress is None:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        return [str(row[0]) for row in rows if row[0] != "ok"]
    total = max(1, pages * INTEGRITY_STEPS_PER_PAGE)
    ticker = _Ticker(progress, total, ceiling=total * 99 // 100)
    steps = 0
    stopped: BaseException | None = None

    def handler() -> int:
        nonlocal steps, stopped
        steps += HANDLER_STEPS
        try:
            ticker.tick(steps)
        except BaseException as exc:  # Cancelled, or a bug in progress: both stop the check
            stopped = exc
            return 1  # interrupts the statement (SQLITE_INTERRUPT)
        return 0

    conn.set_progress_handler(handler, HANDLER_STEPS)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except Exception:
        if stopped is not None:
            raise stopped from None
        raise
    finally:
        conn.set_progress_handler(None, 0)
    if stopped is not None:
        raise stopped
    ticker.done()
    return [str(row[0]) for row in rows if row[0] != "ok"]


class _Ticker:
    """Calls ``progress(done, total)`` at the start, then at most every
    :data:`REPORT_EVERY` seconds (``done`` capped at ``ceiling``), and at the end."""

    def __init__(self, progress: Progress | None, total: int, ceiling: int | None = None) -> None:
        self._progress = progress
        self._total = total
        self._ceiling = total if ceiling is None else ceiling
        self._next = time.monotonic() + REPORT_EVERY
        if progress is not None:
            progress(0, total)

    def tick(self, done: int) -> None:
        if self._progress is None:
            return
        now = time.monotonic()
        if now >= self._next:
            self._next = now + REPORT_EVERY
            self._progress(min(done, self._ceiling), self._total)

    def done(self) -> None:
        if self._progress is not None:
            self._progress(self._total, self._total)
