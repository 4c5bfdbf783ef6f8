"""Reading every page of the database, reporting how far it is and stoppable (issue 13).

The page check is two parts: SQLCipher's HMAC of every page in the file, then SQLite's
integrity check of every b-tree. On a notebook of gigabytes each takes many seconds, so
each reports ``progress(done, total)`` as it goes, and a :class:`~notebook.progress.
Cancelled` raised by ``progress`` stops it within a moment.

``PRAGMA cipher_integrity_check`` cannot do either: SQLCipher (4.x, ``sqlcipher.c``,
``sqlcipher_codec_ctx_integrity_check``) reads and checks every page while the pragma is
*prepared*, so SQLite's progress handler is never called during it (measured: zero calls
on a 221 MB notebook) and an interrupt cannot stop it. :func:`hmac_problems` does the
same check here, page by page: the same bytes, the same key (derived from the data key
as SQLCipher derives it), the same pages skipped and the same words for what it finds,
for a database with the settings it knows (SQLCipher 4's defaults, which Casebook never
changes; :func:`page_key` returns None otherwise and the pragma runs as before).
``PRAGMA integrity_check`` runs in SQLite's virtual machine: :func:`btree_problems`
follows it with a progress handler, which also stops it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notebook.progress import Progress

# The settings the HMAC check below implements: SQLCipher 4's defaults (pragma: value).
_SETTINGS = {
    "cipher_page_size": "4096",
    "cipher_use_hmac": "1",
    "cipher_hmac_algorithm": "HMAC_SHA512",
    "cipher_kdf_algorithm": "PBKDF2_HMAC_SHA512",
    "cipher_hmac_pgno": "le",
    "cipher_hmac_salt_mask": "3a",
    "cipher_plaintext_header_size": "0",
    "fast_kdf_iter": "2",
}
_KEY_SIZE = 32  # AES-256
_SALT_SIZE = 16  # the file's first 16 bytes, left out of page 1's HMAC
_IV_SIZE = 16
_HMAC_SIZE = 64  # SHA-512
# SQLite's lock byte: the page holding it is never written, and SQLCipher skips it.
_PENDING_BYTE = 0x40000000
# Pages read at a time (1 MiB): a cancel waits for at most one read.
_PAGES_PER_READ = 256

# Shares of the page check's time: the HMAC part reads the file once; the integrity check
# reads every page again through SQLCipher (decrypting it), walks every b-tree, then checks
# every row against its indexes. 1.1 s and 5.0 s on a generated 590 MB notebook, 0.4 s and
# 2.1 s on a 221 MB one (bench/RESULTS.md, issue 13).
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


@dataclass(frozen=True)
class PageKey:
    """What checking a page's HMAC needs: SQLCipher's HMAC key and the page layout.

    The HMAC key lets one check pages, not read them (the encryption key stays with
    SQLCipher); it is derived at unlock and kept for as long as the database is open.
    """

    hmac_key: bytes
    page_size: int

    def __repr__(self) -> str:  # never print key bytes
        return f"PageKey(page_size={self.page_size})"


def page_key(conn: Any, data_key: bytes) -> PageKey | None:
    """The HMAC key of the keyed connection ``conn``, derived as SQLCipher derives it from a
    raw key: PBKDF2-HMAC-SHA512 of the data key, 2 rounds, salted with the database's salt
    XOR 0x3a.

    Returns:
        None when the database uses settings other than the ones checked here, or its
        salt cannot be read (the page check then runs SQLCipher's own pragma).
    """
    if len(data_key) != _KEY_SIZE:
        return None
    for name, value in _SETTINGS.items():
        row = conn.execute(f"PRAGMA {name}").fetchone()
        if row is None or str(row[0]).lower() != value.lower():
            return None
    row = conn.execute("PRAGMA cipher_salt").fetchone()
    try:
        salt = bytes.fromhex(str(row[0])) if row else b""
    except ValueError:
        return None
    if len(salt) != _SALT_SIZE:
        return None
    mask = int(_SETTINGS["cipher_hmac_salt_mask"], 16)
    rounds = int(_SETTINGS["fast_kdf_iter"])
    key = hashlib.pbkdf2_hmac("sha512", data_key, bytes(b ^ mask for b in salt), rounds, _KEY_SIZE)
    return PageKey(key, int(_SETTINGS["cipher_page_size"]))


def hmac_problems(path: Path, key: PageKey, progress: Progress | None = None) -> list[str]:
    """Check the HMAC of every page in the database file ``path``, as
    ``PRAGMA cipher_integrity_check`` does, reporting ``progress(pages, total)``.

    Each page's HMAC covers its encrypted bytes and IV (page 1 without the salt) and its
    number (4 bytes, little-endian). Hold the database's lock around it: the file must not
    change meanwhile (a checkpoint).

    Returns:
        SQLCipher's words for each problem ("HMAC verification failed for page N").

    Raises:
        Cancelled: ``progress`` stopped the check.
    """
    size = key.page_size
    reserve = _IV_SIZE + _HMAC_SIZE
    skipped = _PENDING_BYTE // size + 1
    base = hmac.new(key.hmac_key, digestmod="sha512")
    problems: list[str] = []
    with open(path, "rb", buffering=0) as file:
        file_size = os.fstat(file.fileno()).st_size
        total = file_size // size
        ticker = _Ticker(progress, total)
        page = 1
        while page <= total:
            offset = (page - 1) * size
            want = min(_PAGES_PER_READ, total - page + 1) * size
            try:
                file.seek(offset)
                block = file.read(want) or b""
            except OSError:
                block = b""
            if len(block) < want:
                problems.append(f"error reading file page {page} at offset {offset}")
                break
            view = memoryview(block)
            for at in range(0, want, size):
                if page != skipped:
                    start = at + _SALT_SIZE if page == 1 else at
                    stored = at + size - reserve + _IV_SIZE  # the HMAC, after the IV
                    mac = base.copy()
                    mac.update(view[start:stored])
                    mac.update(page.to_bytes(4, "little"))
                    if not hmac.compare_digest(mac.digest(), view[stored : stored + _HMAC_SIZE]):
                        problems.append(f"HMAC verification failed for page {page}")
                page += 1
            ticker.tick(page - 1)
        if file_size % size:
            problems.append(
                f"page {total + 1} has an invalid size of {file_size % size} bytes"
                f" (expected {size} bytes)"
            )
    ticker.done()
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
