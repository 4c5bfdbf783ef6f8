"""The notebook facade: the one object the CLI and the GUI talk to.

A :class:`Notebook` is an unlocked notebook folder: the OS lock held, the data key
unwrapped, the encrypted database open. It composes the stores that own the SQL of each
part (``notebook.cases``, ``.people``, ``.records`` ..., see :mod:`casebook.stores`), and
keeps opening, locking, transactions and change notices. Queries return plain values
from :mod:`casebook.domain`; commands run in one ``BEGIN IMMEDIATE`` transaction each,
append to the audit log in that same transaction, and then tell subscribers what changed
(:mod:`casebook.changes`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from casebook import audit, keyfile, rekey, timeutil
from casebook.changes import Change, Notice
from casebook.domain import AuditHead, Practitioner
from casebook.errors import InvalidInput, NotebookNotFound, WriteFailed
from casebook.lock import NotebookLock
from casebook.paths import DATABASE_FILE, KEY_FILE, is_notebook
from casebook.progress import Progress
from casebook.record import check_practitioner
from casebook.storage import Database, DatabaseError, Transaction
from casebook.stores import search_index
from casebook.stores.actions import ActionStore
from casebook.stores.attachments import AttachmentStore
from casebook.stores.audit import AuditStore, open_log, record_upgrade
from casebook.stores.cases import CaseStore
from casebook.stores.diary import DiaryStore
from casebook.stores.events import EventStore
from casebook.stores.explanations import ExplanationStore
from casebook.stores.identity import IdentityStore, insert_practitioner
from casebook.stores.intake import IntakeStore
from casebook.stores.interchange import ImportResult, Interchange
from casebook.stores.keys import KeyStore
from casebook.stores.marks import MarkStore
from casebook.stores.people import PeopleStore
from casebook.stores.person_details import PersonDetailsStore
from casebook.stores.records import RecordStore
from casebook.stores.reflections import ReflectionStore
from casebook.stores.retention import RetentionStore
from casebook.stores.risk import RiskStore
from casebook.stores.settings import SettingsStore
from casebook.stores.significance import SignificanceStore
from casebook.stores.trends import TrendStore

__all__ = ["Change", "ImportResult", "Notebook", "Subscriber"]

Subscriber = Callable[[Notice], None]


class Notebook:
    """An unlocked notebook. Create with :meth:`create` or :meth:`open`; :meth:`close` it.

    Attributes:
        settings, identity, cases, people, records, attachments, actions, reflections,
        audit, keys, interchange, retention, explanations, diary, events, significance,
        marks, risk, intake, details, trends: the stores (one module each in
        :mod:`casebook.stores`).
    """

    def __init__(
        self,
        folder: Path,
        db: Database,
        key_file: keyfile.KeyFile,
        data_key: bytes,
        lock: NotebookLock,
        found: AuditHead | None = None,
    ) -> None:
        self.folder = folder
        self._db = db
        self._key_file = key_file
        self._data_key: bytes | None = data_key
        self._lock = lock
        self._subscribers: list[Subscriber] = []
        self._audit, tail_at_unlock = open_log(db)
        self.settings = SettingsStore(self)
        self.identity = IdentityStore(self)
        self.cases = CaseStore(self)
        self.people = PeopleStore(self)
        self.records = RecordStore(self)
        self.attachments = AttachmentStore(self)
        self.actions = ActionStore(self)
        self.reflections = ReflectionStore(self)
        self.audit = AuditStore(self, tail_at_unlock, found)
        self.keys = KeyStore(self)
        self.interchange = Interchange(self)
        self.retention = RetentionStore(self)
        self.explanations = ExplanationStore(self)
        self.diary = DiaryStore(self)
        self.risk = RiskStore(self)
        self.intake = IntakeStore(self)
        self.details = PersonDetailsStore(self)
        self.events = EventStore(self)
        self.significance = SignificanceStore(self)
        self.marks = MarkStore(self)
        self.trends = TrendStore(self)

    # -- lifecycle ------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        folder: Path,
        passphrase: str,
        practitioner: Practitioner,
        *,
        kdf: keyfile.ScryptParams | None = None,
    ) -> tuple[Notebook, str]:
        """Make a new notebook folder.

        Returns:
            (the open notebook, the recovery key to show once)

        Raises:
            InvalidInput: the folder already holds a notebook, or the passphrase is empty.
        """
        folder = Path(folder)
        if not passphrase:
            raise InvalidInput("passphrase", "the passphrase cannot be empty")
        if not practitioner.name.strip():
            raise InvalidInput("name", "the practitioner's name cannot be empty")
        check_practitioner(practitioner)
        if is_notebook(folder) or (folder / DATABASE_FILE).exists():
            raise InvalidInput(str(folder), "a notebook already exists here; nothing was changed")
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            # mkdir leaves a folder that was already there as it was: owner-only now.
            folder.chmod(0o700)
        except OSError as exc:
            raise InvalidInput(str(folder), f"cannot create the folder: {exc.strerror}") from None
        lock = NotebookLock.acquire(folder)
        try:
            created = timeutil.now()
            data_key, recovery_key, key_file = keyfile.new_key_file(
                passphrase, kdf or keyfile.tuned_scrypt(), created
            )
            db = Database.open(
                folder / DATABASE_FILE, data_key, page_hmac=key_file.page_hmac, create=True
            )
            # The key file is written last: a folder without one is not yet a notebook.
            try:
                with db.transaction() as tx:
                    insert_practitioner(tx, practitioner, created)
                    audit.AuditWriter(audit.read_head([])).append(
                        tx,
                        created,
                        "notebook.create",
                        "notebook",
                        f"kdf=scrypt n={key_file.passphrase_kdf.n}",
                    )
                keyfile.write_key_file(folder / KEY_FILE, key_file)
            except BaseException:
                db.close()
                for name in (DATABASE_FILE, DATABASE_FILE + "-wal", DATABASE_FILE + "-shm"):
                    with contextlib.suppress(OSError):
                        (folder / name).unlink()
                raise
        except BaseException:
            lock.release()
            raise
        return cls(folder, db, key_file, data_key, lock), recovery_key

    @classmethod
    def open(
        cls,
        folder: Path,
        passphrase: str,
        *,
        lock: NotebookLock | None = None,
        progress: Progress | None = None,
    ) -> Notebook:
        """Unlock a notebook with its passphrase.

        The passphrase is checked against the key file before the database is touched, so
        a wrong one changes nothing on disk. ``progress`` hears of the one long step an
        unlock may take: the search index written again after an upgrade that asked for
        it (once; minutes for a notebook of 100,000 records). It is never told to stop.

        Raises:
            NotebookNotFound, NotebookInUse, WrongPassphrase, NotebookDamaged, NewerNotebook.
        """
        return cls._open(
            folder, lambda kf: keyfile.unlock_with_passphrase(kf, passphrase), lock, progress
        )

    @classmethod
    def recover(cls, folder: Path, recovery_key: str, new_passphrase: str) -> Notebook:
        """Unlock with the recovery key and set a new passphrase."""
        if not new_passphrase:
            raise InvalidInput("passphrase", "the new passphrase cannot be empty")
        notebook = cls._open(
            folder, lambda kf: keyfile.unlock_with_recovery_key(kf, recovery_key), None
        )
        try:
            notebook.keys.rewrap(new_passphrase, "passphrase.recover")
        except BaseException:
            notebook.close()
            raise
        return notebook

    @classmethod
    def _open(
        cls,
        folder: Path,
        unwrap: Callable[[keyfile.KeyFile], bytes],
        lock: NotebookLock | None,
        progress: Progress | None = None,
    ) -> Notebook:
        folder = Path(folder)
        if not folder.is_dir():
            raise NotebookNotFound(folder)
        if not is_notebook(folder) and not (folder / DATABASE_FILE).exists():
            raise NotebookNotFound(folder)
        # After a rekey's commit point the staged key file is the current one; choosing
        # it changes nothing on disk, so a wrong passphrase still leaves every byte alone.
        key_file = keyfile.read_key_file(rekey.key_file_path(folder))
        data_key = unwrap(key_file)
        own_lock = lock is None
        lock = lock or NotebookLock.acquire(folder)
        try:
            rekey.finish(folder)  # a rekey a crash left half-done: complete or undo it
            found: list[AuditHead] = []  # the head an upgrade found, before its entries
            db = Database.open(
                folder / DATABASE_FILE,
                data_key,
                page_hmac=key_file.page_hmac,
                on_upgrade=lambda tx, old: found.append(record_upgrade(tx, old)),
            )
            try:
                notebook = cls(folder, db, key_file, data_key, lock, next(iter(found), None))
                # A full disk must not stop a practitioner reading their notes;
                # every change still fails (and says so) until there is space.
                with contextlib.suppress(WriteFailed):
                    search_index.rebuild_if_asked(db, progress)
                with contextlib.suppress(WriteFailed):
                    notebook.audit.append("notebook.unlock", "notebook")
            except BaseException:
                db.close()
                raise
        except BaseException:
            if own_lock:
                lock.release()
            raise
        return notebook

    def close(self) -> None:
        """Close the database, drop the key and release the folder lock."""
        self._db.close()
        self._data_key = None
        self._lock.release()

    def __enter__(self) -> Notebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def lock(self) -> NotebookLock:
        """Close the database and drop the key, but keep the folder lock.

        The GUI's *Lock* uses this: no other process can take the notebook while the
        unlock window waits; pass the returned lock to :meth:`open` to unlock again.
        """
        self._db.close()
        self._data_key = None
        return self._lock

    @property
    def name(self) -> str:
        """The notebook's name: its folder name without ``.casebook``."""
        return self.folder.name.removesuffix(".casebook")

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call ``callback(change)`` after every committed command; returns an unsubscriber."""
        self._subscribers.append(callback)
        return lambda: self._subscribers.remove(callback)

    def _notify(self, change: Notice) -> None:
        for callback in list(self._subscribers):
            callback(change)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One transaction around several commands: all of them, or none.

        Commands run inside it join it; their audit entries commit with it.
        """
        with self._db.transaction() as tx:
            yield tx

    @contextlib.contextmanager
    def backup_source(self) -> Iterator[tuple[Path, AuditHead]]:
        """The database file holding everything committed, and the audit head it holds,
        kept so while the ``with`` block runs: backup's one raw-file need.

        The write-ahead log is checkpointed into the file under the database's lock,
        which stays held for the block, so no command (of any thread) writes until the
        block ends: the file's bytes are a whole notebook, encrypted as they are.

        Raises:
            WriteFailed: the checkpoint could not complete (a read of this notebook was
                still going on); nothing was changed.
        """
        with self._db.lock:
            try:
                complete = self._db.checkpoint()
            except DatabaseError as exc:
                raise WriteFailed(f"the notebook is busy ({exc}); try the backup again") from exc
            if not complete:
                raise WriteFailed("the notebook is busy; try the backup again")
            yield self._db.path, self._audit.head

    @property
    def database(self) -> Database:
        """The storage layer, for tests and benchmarks only."""
        return self._db
