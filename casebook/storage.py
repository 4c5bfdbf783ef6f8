"""SQLCipher storage: open with a raw key, WAL + synchronous=FULL, transactions, errors.

This module knows bytes and SQL, not the domain. Every database error is translated
into one of the core's known errors (damaged, disk full, final record) by its SQLite
result code (:func:`known_error`), or re-raised as a bug.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from casebook.atomic import describe_os_error
from casebook.errors import CasebookError, InvalidInput, NewerNotebook, NotebookDamaged, WriteFailed
from casebook.keyfile import PAGE_HMACS
from casebook.migrations.professional_contact import FOREIGN_KEYS_OFF
from casebook.page_check import page_problems
from casebook.progress import Progress
from casebook.schema import MIGRATIONS, SCHEMA_VERSION
from casebook.wal import check_wal

SQLCIPHER_PAGE_SIZE = 4096
DatabaseError = sqlcipher.DatabaseError
IntegrityError = sqlcipher.IntegrityError

# SQLite result codes. Only the primary code (the low byte) is relied on: this build
# reports no extended codes, a build that does gives the same low byte.
_FULL = sqlcipher.SQLITE_FULL
_REFUSED = (sqlcipher.SQLITE_IOERR, sqlcipher.SQLITE_READONLY, sqlcipher.SQLITE_CANTOPEN)
_DAMAGED = (sqlcipher.SQLITE_NOTADB, sqlcipher.SQLITE_CORRUPT)
_CONSTRAINT_TRIGGER = sqlcipher.SQLITE_CONSTRAINT | (7 << 8)
# What the product's own triggers say when they refuse a change (casebook.schema): to a
# final record or its rows, to addenda or the audit log, to a key final records refer to.
TRIGGER_REFUSALS = frozenset(
    message for script in MIGRATIONS for message in re.findall(r"RAISE\(ABORT, '([^']+)'\)", script)
)


# Decrypted pages kept in memory. SQLCipher decrypts and checks the HMAC of every page it
# reads from disk (the OS cache holds only ciphertext), so a cache bigger than SQLite's
# 2 MB default is what keeps search as you type near plain SQLite (bench/RESULTS.md).
PAGE_CACHE_KIB = 65536


class FinalRecordViolation(CasebookError):
    """The database refused to change a final record (a trigger fired)."""


class Database:
    """One open, keyed SQLCipher connection used by one notebook.

    Calls are serialised with a re-entrant lock, so the GUI's worker thread and the
    GUI thread may both use it.
    """

    def __init__(self, path: Path, conn: sqlcipher.Connection) -> None:
        self.path = path
        self._conn: sqlcipher.Connection | None = conn
        self.lock = threading.RLock()
        self._depth = 0
        # True when opened on a full disk with the wal-index in memory (see open()).
        self.exclusive = False
        self._after_end: list[Callable[[bool], None]] = []

    @classmethod
    def open(
        cls,
        path: Path,
        data_key: bytes,
        *,
        page_hmac: str,
        create: bool = False,
        on_upgrade: Callable[[_Tx, int], None] | None = None,
    ) -> Database:
        """Open (or, with ``create``, make) the encrypted database and bring its schema up.

        ``page_hmac`` is the HMAC of its pages the key file names (``casebook.keyfile``):
        a database is made with it and can only be read with it.

        ``on_upgrade(tx, old_version)`` runs inside the last migration's transaction when
        an existing database is upgraded: what it writes stands or falls with the upgrade.

        Raises:
            NotebookDamaged: missing, truncated, not decryptable with the key, or damaged.
            NewerNotebook: written by a newer Casebook; left untouched.
            WriteFailed: the schema could not be written (disk full, read-only).
        """
        if create:
            if path.exists():
                raise InvalidInput(str(path), "a database already exists here")
            # Owner-only whatever the umask; SQLite gives -wal and -shm the same mode.
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except OSError as exc:
                raise WriteFailed(describe_os_error(exc, path)) from exc
        else:
            _check_file_shape(path)
            check_wal(path)
        exclusive = False
        try:
            conn, version = _keyed_connection(path, data_key, page_hmac, exclusive=False)
        except WriteFailed:
            # A WAL database needs its wal-index (-shm) even to read, and a full disk
            # cannot hold one. With exclusive locking SQLite keeps the index in this
            # process's memory instead, so the notebook still opens for reading; every
            # write then fails with "the disk is full". Only one process ever holds a
            # notebook (casebook.lock), so exclusive locking takes nothing from anyone.
            # The WAL was checked above; this session just does not update the -shm.
            if create or not short_of_space(path.parent):
                raise
            conn, version = _keyed_connection(path, data_key, page_hmac, exclusive=True)
            exclusive = True
        db = cls(path, conn)
        db.exclusive = exclusive
        try:
            if version > SCHEMA_VERSION:
                raise NewerNotebook(path, version, SCHEMA_VERSION)
            if version == 0 and not create:
                raise NotebookDamaged(path, "the database holds no notebook")
            with _translated(path):
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("PRAGMA secure_delete = ON")
                conn.execute("PRAGMA temp_store = MEMORY")
                conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
            db._migrate(version, on_upgrade)
        except BaseException:
            db.close()
            raise
        return db

    def _migrate(self, version: int, on_upgrade: Callable[[_Tx, int], None] | None = None) -> None:
        for target in range(version + 1, SCHEMA_VERSION + 1):
            script = MIGRATIONS[target - 1]
            # A table rebuild needs foreign keys off, which only works outside a transaction.
            rebuild = FOREIGN_KEYS_OFF in script
            if rebuild:
                self._set_rebuild_pragmas(on=True)
            try:
                with self.transaction() as conn:
                    conn.executescript_in_transaction(script)
                    if rebuild and conn.execute("PRAGMA foreign_key_check").fetchall():
                        raise NotebookDamaged(self.path, "a rebuilt table lost a reference")
                    if target == SCHEMA_VERSION and version > 0 and on_upgrade is not None:
                        on_upgrade(conn, version)
                    conn.execute(f"PRAGMA user_version = {target}")
            finally:
                if rebuild:
                    self._set_rebuild_pragmas(on=False)
        if version < SCHEMA_VERSION:
            # Migrations (a new notebook's too) write much: fold them into the database
            # file now, so the WAL does not start out large (a small disk fills less).
            with contextlib.suppress(DatabaseError):
                self.checkpoint()

    def _set_rebuild_pragmas(self, *, on: bool) -> None:
        """Foreign keys off and the old RENAME (which leaves other tables' triggers as they
        are) while a migration rebuilds a table; both back afterwards."""
        with _translated(self.path):
            self.conn.execute(f"PRAGMA foreign_keys = {'OFF' if on else 'ON'}")
            self.conn.execute(f"PRAGMA legacy_alter_table = {'ON' if on else 'OFF'}")

    @property
    def conn(self) -> sqlcipher.Connection:
        """The raw connection (for tests and the storage layer only)."""
        if self._conn is None:
            raise CasebookError("The notebook is closed.")
        return self._conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[_Tx]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any error; nests as one."""
        with self.lock:
            conn = self.conn
            if self._depth:
                self._depth += 1
                try:
                    yield _Tx(conn, self.path, self._after_end)
                finally:
                    self._depth -= 1
                return
            with _translated(self.path):
                conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            self._after_end = []
            try:
                yield _Tx(conn, self.path, self._after_end)
            except BaseException:
                self._depth = 0
                with contextlib.suppress(DatabaseError):
                    conn.execute("ROLLBACK")
                self._ended(committed=False)
                raise
            self._depth = 0
            try:
                with _translated(self.path):
                    conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(DatabaseError):
                    conn.execute("ROLLBACK")
                self._ended(committed=False)
                raise
            self._ended(committed=True)

    def _ended(self, *, committed: bool) -> None:
        callbacks, self._after_end = self._after_end, []
        for callback in callbacks:
            callback(committed)

    @contextlib.contextmanager
    def reading(self) -> Iterator[Any]:
        """The connection, held, for work on it directly (a read that streams its rows, a
        VACUUM); sqlcipher errors become the core's (a damaged page: ``NotebookDamaged``)."""
        with self.lock, _translated(self.path):
            yield self.conn

    def query(self, sql: str, params: Any = ()) -> list[Any]:
        """Run a read and return all rows."""
        with self.lock, _translated(self.path):
            rows: list[Any] = self.conn.execute(sql, params).fetchall()
            return rows

    def query_one(self, sql: str, params: Any = ()) -> Any:
        """Run a read and return the first row or ``None``."""
        with self.lock, _translated(self.path):
            return self.conn.execute(sql, params).fetchone()

    def export_copy(self, target: Path, data_key: bytes, page_hmac: str) -> None:
        """Write the whole database to a new file ``target`` encrypted with ``data_key``,
        its pages with ``page_hmac``.

        SQLCipher's ``sqlcipher_export()`` into an attached, keyed database: every table,
        index, trigger and FTS table, read through this connection (so the WAL too).
        ``user_version`` is not copied by the export and is set here. The copy is written
        without a journal or fsync: the caller checks it as a whole and syncs it.

        Raises:
            InvalidInput: ``target`` exists.
            WriteFailed: the disk refused; ``target`` may be left half-written.
        """
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise InvalidInput(str(target), "a file already exists here") from None
        except OSError as exc:
            raise WriteFailed(describe_os_error(exc, target)) from exc
        with self.lock, _translated(target):
            conn = self.conn
            version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
            conn.execute(
                f"ATTACH DATABASE ? AS export_target KEY \"x'{data_key.hex()}'\"",
                (str(target),),
            )
            try:
                conn.execute(f"PRAGMA export_target.cipher_hmac_algorithm = {_hmac(page_hmac)}")
                conn.execute("PRAGMA export_target.journal_mode = OFF")
                conn.execute("PRAGMA export_target.synchronous = OFF")
                conn.execute("SELECT sqlcipher_export('export_target')")
                conn.execute(f"PRAGMA export_target.user_version = {version}")
            finally:
                conn.execute("DETACH DATABASE export_target")

    def checkpoint(self) -> bool:
        """Move every committed page from the write-ahead log into the database file and
        empty the log (``wal_checkpoint(TRUNCATE)``); hold :attr:`lock` around it and
        around whatever needs the file to stay so.

        Returns:
            whether the checkpoint completed (False: a read on this connection was still
            going on, and the log keeps pages the file does not hold).

        SQLite's errors are left to the caller (it says what failed in its own words).
        """
        with self.lock:
            busy, logged, moved = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return not busy and logged == moved

    def integrity_errors(self, progress: Progress | None = None) -> list[str]:
        """Read every page: SQLCipher's HMAC check and SQLite's integrity check, reporting
        to ``progress`` and stopped by its Cancelled (:func:`casebook.page_check.page_problems`;
        the database stays usable). Returns the problems found (none: whole)."""
        with self.lock, _translated(self.path):
            return page_problems(self.conn, progress)

    def close(self) -> None:
        """Checkpoint and close; safe to call twice."""
        with self.lock:
            if self._conn is not None:
                with contextlib.suppress(DatabaseError):
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                with contextlib.suppress(DatabaseError):
                    self._conn.close()
                self._conn = None


class _Tx:
    """The view of the connection inside a transaction, with errors translated."""

    def __init__(
        self, conn: sqlcipher.Connection, path: Path, after_end: list[Callable[[bool], None]]
    ) -> None:
        self._conn = conn
        self._path = path
        self._after_end = after_end

    def after_end(self, callback: Callable[[bool], None]) -> None:
        """Call ``callback(committed)`` once the outermost transaction has ended: True
        after a successful COMMIT, False after a rollback or a COMMIT that failed."""
        self._after_end.append(callback)

    def execute(self, sql: str, params: Any = ()) -> sqlcipher.Cursor:
        with _translated(self._path):
            return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows: Any) -> sqlcipher.Cursor:
        with _translated(self._path):
            return self._conn.executemany(sql, rows)

    def executescript_in_transaction(self, script: str) -> None:
        """Run ``script`` statement by statement (``executescript`` would COMMIT)."""
        for statement in _split_sql(script):
            self.execute(statement)


def _split_sql(script: str) -> Iterator[str]:
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlcipher.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


def _hmac(page_hmac: str) -> str:
    """``page_hmac`` checked (it goes into a PRAGMA)."""
    if page_hmac not in PAGE_HMACS:
        raise ValueError(f"unknown page HMAC {page_hmac!r}")
    return page_hmac


def _keyed_connection(
    path: Path, data_key: bytes, page_hmac: str, *, exclusive: bool
) -> tuple[sqlcipher.Connection, int]:
    """Connect, key and read the schema version (the first read); closed on failure."""
    with _translated(path):
        conn = sqlcipher.connect(
            str(path), isolation_level=None, check_same_thread=False, timeout=5.0
        )
    try:
        with _translated(path):
            conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(f"PRAGMA cipher_hmac_algorithm = {_hmac(page_hmac)}")
            if exclusive:
                # Must come before the first read: the wal-index then lives in memory.
                conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            # Reading the schema is the first thing that decrypts a page.
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        with contextlib.suppress(DatabaseError):
            conn.close()
        raise
    return conn, version


# Less free space than this where the notebook lives counts as a full disk: SQLite's
# wal-index alone takes 32 KiB.
LOW_SPACE_BYTES = 1 << 20


def short_of_space(folder: Path) -> bool:
    """Whether the file system holding ``folder`` has (almost) no space left."""
    try:
        stats = os.statvfs(folder)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False
    return stats.f_bavail * stats.f_frsize < LOW_SPACE_BYTES


def _check_file_shape(path: Path) -> None:
    """Refuse a missing or truncated file before SQLCipher would treat it as new."""
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        raise NotebookDamaged(path, "the database file is missing") from None
    except OSError as exc:
        raise NotebookDamaged(path, f"the database cannot be read: {exc.strerror}") from None
    if size == 0 or size % SQLCIPHER_PAGE_SIZE:
        raise NotebookDamaged(path, "the database file is truncated")


def known_error(exc: sqlcipher.DatabaseError, path: Path) -> CasebookError | None:
    """The core's error for a database error, decided by its SQLite result code.

    The words of a message are not looked at, but for the product's own trigger refusals
    (:data:`TRIGGER_REFUSALS`), which are the whole message: words can come from anywhere
    (a table's name, a search term), a result code only from SQLite.

    An I/O error is a write that failed even when the statement only read: in WAL mode a
    read writes the wal-index (-shm) too, and this build gives no extended code to tell a
    failed read apart.

    Args:
        exc: the error sqlcipher raised.
        path: the database file.

    Returns:
        ``FinalRecordViolation`` (a trigger of ours refused), ``WriteFailed`` (disk full,
        I/O error, read-only, cannot open), ``NotebookDamaged`` (not a database, corrupt);
        None for anything else, which is a bug.
    """
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    primary = code & 0xFF
    if code in (sqlcipher.SQLITE_CONSTRAINT, _CONSTRAINT_TRIGGER):
        message = str(exc)
        return FinalRecordViolation(message) if message in TRIGGER_REFUSALS else None
    # SQLite reports some writes refused for lack of space (the -shm, the WAL) as a
    # plain I/O error or "cannot open"; on a full disk that is what it is.
    if primary == _FULL or (primary in _REFUSED and short_of_space(path.parent)):
        return WriteFailed(f"the disk holding {path.parent} is full")
    if primary in _REFUSED:
        return WriteFailed(f"the notebook at {path.parent} could not be written")
    if primary in _DAMAGED:
        return NotebookDamaged(path, "the database failed its integrity check")
    return None


@contextlib.contextmanager
def _translated(path: Path) -> Iterator[None]:
    """Turn sqlcipher errors into the core's errors (:func:`known_error`); unknown ones stay
    bugs."""
    try:
        yield
    except DatabaseError as exc:
        known = known_error(exc, path)
        if known is None:
            raise
        raise known from exc
    except OSError as exc:
        raise WriteFailed(str(exc.strerror or exc)) from exc


Transaction = _Tx
"""What :meth:`Database.transaction` yields: ``execute``/``executemany`` in the transaction."""
