"""The notebook facade: the one object the CLI and the GUI talk to.

A :class:`Notebook` is an unlocked notebook folder: the OS lock held, the data key
unwrapped, the encrypted database open. Queries return plain values from
:mod:`notebook.domain`; commands run in one ``BEGIN IMMEDIATE`` transaction each, append
to the audit log in that same transaction, and then tell subscribers what changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from notebook import audit, keyfile, kinds, rekey, search, timeutil
from notebook.domain import (
    SNIPPET_END,
    SNIPPET_START,
    Action,
    Addendum,
    Attachment,
    AuditHead,
    AuditReport,
    AuditTail,
    Case,
    ChronologyEntry,
    Person,
    Practitioner,
    Record,
    RecordSummary,
    Reflection,
    SearchHit,
)
from notebook.errors import (
    FinalRecordError,
    InvalidInput,
    NotebookDamaged,
    NotebookLocked,
    NotebookNotFound,
    NotFound,
    WriteFailed,
)
from notebook.formats import casebook_json
from notebook.lock import NotebookLock
from notebook.paths import DATABASE_FILE, KEY_FILE, is_notebook
from notebook.progress import Progress, Stages, counted, counted_cases, report
from notebook.record import (
    CASEBOOK_TIMES,
    RecordInput,
    check_attachment_size,
    check_practitioner,
    content_hash,
    hashed_content,
    parse_record,
    record_title,
    text_parts,
    title_parts,
)
from notebook.risk import check_can_finalise
from notebook.schema import CLAIMS_VERSION, SCHEMA_VERSION, SEARCH_REBUILD_SETTING
from notebook.storage import Database, FinalRecordViolation
from notebook.stores.imported import write_case_extras
from notebook.stores.intake import IntakeStore
from notebook.stores.person_details import PersonDetailsStore
from notebook.stores.risk import RiskStore
from notebook.validate import check_text
from notebook.writing import store as writing_store

MAX_SEARCH_RESULTS = 500


@dataclass(frozen=True)
class Change:
    """What a command changed, for subscribers (the GUI refreshes views from this).

    ``what`` is one of: case, person, record, action, reflection, notebook.
    """

    what: str
    case_ref: str | None = None
    record_id: str | None = None


@dataclass(frozen=True)
class ImportResult:
    """Counts of what an import added."""

    cases: int
    people: int
    records: int
    attachments: int
    reflections: int


Subscriber = Callable[[Change], None]


class Notebook:
    """An unlocked notebook. Create with :meth:`create` or :meth:`open`; :meth:`close` it."""

    def __init__(
        self,
        folder: Path,
        db: Database,
        key_file: keyfile.KeyFile,
        data_key: bytes,
        lock: NotebookLock,
    ) -> None:
        self.folder = folder
        self._db = db
        self._key_file = key_file
        self._data_key: bytes | None = data_key
        self._lock = lock
        self._subscribers: list[Subscriber] = []
        tail = db.query("SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1")
        self._audit = audit.AuditWriter(audit.read_head(tail))
        self._tail_at_unlock = AuditTail(int(tail[0][0]), str(tail[0][2])) if tail else None
        self.risk = RiskStore(self)
        self.intake = IntakeStore(self, lambda ref: self._notify(Change("case", ref)))
        self.details = PersonDetailsStore(self, lambda ref: self._notify(Change("person", ref)))

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
            db = Database.open(folder / DATABASE_FILE, data_key, create=True)
            # The key file is written last: a folder without one is not yet a notebook.
            try:
                with db.transaction() as tx:
                    tx.execute(
                        "INSERT INTO practitioner (id, name, role, organisation, created_at)"
                        " VALUES (1, ?, ?, ?, ?)",
                        (
                            practitioner.name.strip(),
                            practitioner.role,
                            practitioner.organisation,
                            created,
                        ),
                    )
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
    def open(cls, folder: Path, passphrase: str, *, lock: NotebookLock | None = None) -> Notebook:
        """Unlock a notebook with its passphrase.

        The passphrase is checked against the key file before the database is touched, so
        a wrong one changes nothing on disk.

        Raises:
            NotebookNotFound, NotebookInUse, WrongPassphrase, NotebookDamaged, NewerNotebook.
        """
        return cls._open(folder, lambda kf: keyfile.unlock_with_passphrase(kf, passphrase), lock)

    @classmethod
    def recover(cls, folder: Path, recovery_key: str, new_passphrase: str) -> Notebook:
        """Unlock with the recovery key and set a new passphrase."""
        if not new_passphrase:
            raise InvalidInput("passphrase", "the new passphrase cannot be empty")
        notebook = cls._open(
            folder, lambda kf: keyfile.unlock_with_recovery_key(kf, recovery_key), None
        )
        try:
            notebook._rewrap(new_passphrase, "passphrase.recover")
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
            db = Database.open(folder / DATABASE_FILE, data_key, on_upgrade=_record_upgrade)
            try:
                notebook = cls(folder, db, key_file, data_key, lock)
                # A full disk must not stop a practitioner reading their notes;
                # every change still fails (and says so) until there is space.
                with contextlib.suppress(WriteFailed):
                    notebook._rebuild_search_index_if_asked()
                with contextlib.suppress(WriteFailed):
                    notebook._append_audit("notebook.unlock", "notebook")
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

    def _notify(self, change: Change) -> None:
        for callback in list(self._subscribers):
            callback(change)

    # -- passphrase -----------------------------------------------------------------------

    def change_passphrase(self, old: str, new: str) -> None:
        """Rewrap the data key under ``new``; the database is not re-encrypted.

        Raises:
            WrongPassphrase: ``old`` is not the current passphrase.
        """
        if not new:
            raise InvalidInput("passphrase", "the new passphrase cannot be empty")
        current = keyfile.read_key_file(self.folder / KEY_FILE)
        keyfile.unlock_with_passphrase(current, old)
        self._rewrap(new, "passphrase.change")

    def _rewrap(self, new_passphrase: str, action: str) -> None:
        if self._data_key is None:
            raise NotebookLocked()
        current = keyfile.read_key_file(self.folder / KEY_FILE)
        # Fresh parameters, never the stored ones: an edited (lowered) cost must not
        # survive a change or a recovery.
        updated = keyfile.rewrap_passphrase(
            current, self._data_key, new_passphrase, keyfile.tuned_scrypt()
        )
        keyfile.write_key_file(self.folder / KEY_FILE, updated)
        self._key_file = updated
        self._append_audit(action, "notebook")

    def reencrypt(self, old: str, new: str) -> str:
        """Re-encrypt everything under a new data key, wrapped under ``new`` and a new recovery key.

        The old key file, passphrase and recovery key open nothing written from now on
        (old backups keep opening with theirs). ``new`` may equal ``old``. Crash-safe: see
        :mod:`notebook.rekey`.

        Returns:
            the new recovery key, to show once.

        Raises:
            WrongPassphrase: ``old`` is not the current passphrase.
            WriteFailed: the disk refused; nothing was changed.
        """
        if not new:
            raise InvalidInput("passphrase", "the new passphrase cannot be empty")
        current = keyfile.read_key_file(self.folder / KEY_FILE)
        keyfile.unlock_with_passphrase(current, old)
        if self._data_key is None:
            raise NotebookLocked()
        old_key = self._data_key
        data_key, recovery_key, key_file = keyfile.new_key_file(
            new, keyfile.tuned_scrypt(), current.created
        )
        entry = (
            timeutil.now(),
            "notebook.rekey",
            "notebook",
            f"new data key and recovery key; kdf=scrypt n={key_file.passphrase_kdf.n}",
        )
        path = self.folder / DATABASE_FILE
        with self._db.lock:
            try:
                rekey.stage(self._db, self.folder, data_key, self._audit.head, entry)
            except BaseException:
                rekey.discard(self.folder)
                raise
            self._db.close()
            self._data_key = None
            try:
                rekey.commit(self.folder, key_file)
            except BaseException:
                if not rekey.committed(self.folder):
                    rekey.discard(self.folder)
                    self._db = Database.open(path, old_key)
                    self._data_key = old_key
                # else: committed; the next open finishes the swap.
                raise
            self._db = Database.open(path, data_key)
        self._data_key = data_key
        self._key_file = key_file
        # The rekey's own entry was written into the copy: continue the chain from it.
        self._audit = audit.AuditWriter(
            audit.read_head(
                self._db.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            )
        )
        self._notify(Change("notebook"))
        return recovery_key

    def new_recovery_key(self, passphrase: str) -> str:
        """Wrap the data key under a new recovery key; the old recovery key stops working.

        Asks for the passphrase: whoever holds a recovery key can always open the notebook.

        Returns:
            the new recovery key, to show once.

        Raises:
            WrongPassphrase: ``passphrase`` is not the current passphrase.
        """
        current = keyfile.read_key_file(self.folder / KEY_FILE)
        keyfile.unlock_with_passphrase(current, passphrase)
        if self._data_key is None:
            raise NotebookLocked()
        updated, recovery_key = keyfile.rewrap_recovery(current, self._data_key)
        keyfile.write_key_file(self.folder / KEY_FILE, updated)
        self._key_file = updated
        self._append_audit("recovery_key.new", "notebook")
        return recovery_key

    # -- practitioner and settings ------------------------------------------------------------

    def practitioner(self) -> Practitioner:
        """The notebook's owner."""
        row = self._db.query_one("SELECT name, role, organisation FROM practitioner WHERE id = 1")
        if row is None:
            raise NotebookDamaged(self._db.path, "the practitioner is missing")
        return Practitioner(*row)

    def setting(self, name: str, default: str | None = None) -> str | None:
        """A notebook setting (kept encrypted in the notebook)."""
        row = self._db.query_one("SELECT value FROM settings WHERE name = ?", (name,))
        return row[0] if row else default

    def set_setting(self, name: str, value: str) -> None:
        """Store a notebook setting."""
        with self._db.transaction() as tx:
            tx.execute(
                "INSERT INTO settings (name, value) VALUES (?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (name, value),
            )

    # -- cases --------------------------------------------------------------------------------

    def list_cases(self, status: str | None = None) -> list[Case]:
        """Cases, open first, then by ref."""
        sql = (
            "SELECT c.id, c.ref, c.title, c.status, c.opened, c.closed,"
            " (SELECT count(*) FROM records r WHERE r.case_id = c.id),"
            " (SELECT max(r.event_at) FROM records r WHERE r.case_id = c.id)"
            " FROM cases c"
        )
        params: tuple[Any, ...] = ()
        if status:
            sql += " WHERE c.status = ?"
            params = (status,)
        sql += " ORDER BY c.status = 'closed', c.ref COLLATE NOCASE"
        return [Case(*row) for row in self._db.query(sql, params)]

    def get_case(self, ref: str) -> Case:
        """The case with this ref."""
        for case in self._db.query(
            "SELECT c.id, c.ref, c.title, c.status, c.opened, c.closed,"
            " (SELECT count(*) FROM records r WHERE r.case_id = c.id),"
            " (SELECT max(r.event_at) FROM records r WHERE r.case_id = c.id)"
            " FROM cases c WHERE c.ref = ?",
            (ref,),
        ):
            return Case(*case)
        raise NotFound("case", f"there is no case {ref!r}")

    def add_case(
        self, ref: str, title: str = "", *, status: str = "open", opened: str | None = None
    ) -> Case:
        """Open a new case."""
        case = casebook_json.parse_case(
            {"ref": ref, "title": title, "status": status, "opened": opened or timeutil.today()},
            "case",
        )
        with self._db.transaction() as tx:
            if tx.execute("SELECT 1 FROM cases WHERE ref = ?", (case.ref,)).fetchone():
                raise InvalidInput("case.ref", f"a case {case.ref!r} already exists")
            case_id = self._insert_case(tx, case, timeutil.now())
            self._audit.append(tx, timeutil.now(), "case.create", f"case:{case_id}")
        self._notify(Change("case", case.ref))
        return self.get_case(case.ref)

    def update_case(
        self,
        ref: str,
        *,
        title: str | None = None,
        status: str | None = None,
        closed: str | None = None,
    ) -> Case:
        """Change a case's title or status (closing sets the closed date)."""
        case = self.get_case(ref)
        if title is not None:
            title = check_text(title, "case.title", 500)
        new_status = status or case.status
        if new_status not in kinds.CASE_STATUSES:
            raise InvalidInput("status", "expected open or closed")
        new_closed = closed if closed is not None else case.closed
        if new_status == "closed" and not new_closed:
            new_closed = timeutil.today()
        if new_status == "open":
            new_closed = None
        with self._db.transaction() as tx:
            tx.execute(
                "UPDATE cases SET title = ?, status = ?, closed = ? WHERE id = ?",
                (case.title if title is None else title, new_status, new_closed, case.id),
            )
            self._audit.append(tx, timeutil.now(), "case.update", f"case:{case.id}")
        self._notify(Change("case", ref))
        return self.get_case(ref)

    @staticmethod
    def _insert_case(tx: Any, case: casebook_json.CaseInput, now: str) -> int:
        cursor = tx.execute(
            "INSERT INTO cases (ref, title, status, opened, closed, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (case.ref, case.title, case.status, case.opened, case.closed, now),
        )
        return int(cursor.lastrowid)

    # -- people -------------------------------------------------------------------------------

    def list_people(self, ref: str) -> list[Person]:
        """The people of a case, by role then name."""
        case = self.get_case(ref)
        rows = self._db.query(
            "SELECT id, key, name, role, preferred_name, born, gp, other_names FROM people"
            " WHERE case_id = ?"
            f" ORDER BY {kinds.role_rank_sql('role')}, name COLLATE NOCASE",
            (case.id,),
        )
        return [
            Person(id=r[0], case_ref=ref, key=r[1], name=r[2], role=r[3], preferred_name=r[4],
                   born=r[5], gp=r[6], other_names=tuple(json.loads(r[7])))
            for r in rows
        ]  # fmt: skip

    def all_people(self) -> list[Person]:
        """Everyone in every case of the notebook, by case reference, then as in a case.

        Redaction uses them all: the reflective log belongs to no case, and a record may
        name someone from another case.
        """
        rows = self._db.query(
            "SELECT p.id, c.ref, p.key, p.name, p.role, p.preferred_name, p.born, p.gp,"
            " p.other_names FROM people p JOIN cases c ON c.id = p.case_id"
            f" ORDER BY c.ref, {kinds.role_rank_sql('p.role')}, p.name COLLATE NOCASE"
        )
        return [
            Person(id=r[0], case_ref=r[1], key=r[2], name=r[3], role=r[4], preferred_name=r[5],
                   born=r[6], gp=r[7], other_names=tuple(json.loads(r[8])))
            for r in rows
        ]  # fmt: skip

    def add_person(
        self,
        ref: str,
        name: str,
        role: str,
        *,
        key: str | None = None,
        preferred_name: str = "",
        born: str | None = None,
        gp: str = "",
        other_names: Sequence[str] = (),
    ) -> Person:
        """Add someone to a case; a key (``p1``, ``p2`` ...) is chosen when none is given."""
        case = self.get_case(ref)
        existing = {p.key for p in self.list_people(ref)}
        if key is None:
            n = len(existing) + 1
            while f"p{n}" in existing:
                n += 1
            key = f"p{n}"
        person = casebook_json.parse_person(
            {"key": key, "name": name, "role": role, "preferred_name": preferred_name,
             "born": born, "gp": gp, "other_names": _listed(other_names)},
            "person",
        )  # fmt: skip
        if person.key in existing:
            raise InvalidInput("person.key", f"case {ref} already has a person {person.key!r}")
        with self._db.transaction() as tx:
            person_id = self._insert_person(tx, case.id, person)
            self._audit.append(tx, timeutil.now(), "person.create", f"person:{person_id}")
        self._notify(Change("person", ref))
        return next(p for p in self.list_people(ref) if p.key == person.key)

    def update_person(
        self,
        ref: str,
        key: str,
        *,
        name: str,
        role: str,
        preferred_name: str = "",
        born: str | None = None,
        gp: str = "",
        other_names: Sequence[str] = (),
    ) -> Person:
        """Correct a person's details (their key stays)."""
        current = next((p for p in self.list_people(ref) if p.key == key), None)
        if current is None:
            raise NotFound("person", f"case {ref} has no person {key!r}")
        person = casebook_json.parse_person(
            {"key": key, "name": name, "role": role, "preferred_name": preferred_name,
             "born": born, "gp": gp, "other_names": _listed(other_names)},
            "person",
        )  # fmt: skip
        with self._db.transaction() as tx:
            tx.execute(
                "UPDATE people SET name = ?, role = ?, preferred_name = ?, born = ?, gp = ?,"
                " other_names = ? WHERE id = ?",
                (person.name, person.role, person.preferred_name, person.born, person.gp,
                 _json_list(person.other_names), current.id),
            )  # fmt: skip
            self._audit.append(tx, timeutil.now(), "person.update", f"person:{current.id}")
        self._notify(Change("person", ref))
        return next(p for p in self.list_people(ref) if p.key == key)

    @staticmethod
    def _insert_person(tx: Any, case_id: int, person: casebook_json.PersonInput) -> int:
        cursor = tx.execute(
            "INSERT INTO people (case_id, key, name, preferred_name, role, born, gp, other_names)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (case_id, person.key, person.name, person.preferred_name, person.role, person.born,
             person.gp, _json_list(person.other_names)),
        )  # fmt: skip
        return int(cursor.lastrowid)

    # -- records: reading ------------------------------------------------------------------------

    _SUMMARY_SQL = (
        "SELECT r.uid, c.ref, r.kind, r.subtype, coalesce(nullif(p.preferred_name, ''), p.name),"
        " r.event_at, r.written_at, r.status, r.late, r.significant, r.imported_at,"
        " r.claimed_written_at"
        " FROM records r JOIN cases c ON c.id = r.case_id"
        " LEFT JOIN people p ON p.case_id = r.case_id AND p.key = r.about_key"
    )

    @staticmethod
    def _summary(row: Any) -> RecordSummary:
        (uid, ref, kind, subtype, who, event_at, written_at, status, late, significant,
         imported_at, claimed_written_at) = row  # fmt: skip
        return RecordSummary(
            id=uid, case_ref=ref, kind=kind, title=record_title(kind, subtype, who),
            event_at=event_at, written_at=written_at, status=status, late=bool(late),
            significant=bool(significant), imported_at=imported_at,
            claimed_written_at=claimed_written_at,
        )  # fmt: skip

    def list_records(
        self, ref: str, *, kind: str | None = None, newest_first: bool = True
    ) -> list[RecordSummary]:
        """The records of a case (newest first by event time)."""
        case = self.get_case(ref)
        sql = self._SUMMARY_SQL + " WHERE r.case_id = ?"
        params: list[Any] = [case.id]
        if kind:
            sql += " AND r.kind = ?"
            params.append(kind)
        sql += " ORDER BY r.event_utc " + ("DESC" if newest_first else "ASC") + ", r.id"
        return [self._summary(row) for row in self._db.query(sql, params)]

    def get_record(self, record_id: str) -> Record:
        """A whole record with its actions, attachment list and addenda."""
        with self._db.lock:
            row = self._db.query_one(
                "SELECT r.id, r.uid, c.ref, r.kind, r.event_at, r.written_at, r.location,"
                " r.duration_minutes, r.status, r.significant, r.fields, r.finalised_at,"
                " r.content_hash, r.subtype, r.about_key, r.case_id, r.late, r.updated_at,"
                " r.imported_at, r.claimed_written_at, r.claimed_finalised_at"
                " FROM records r JOIN cases c ON c.id = r.case_id WHERE r.uid = ?",
                (record_id,),
            )
            if row is None:
                raise NotFound("record", f"there is no record {record_id!r}")
            (rowid, uid, ref, kind, event_at, written_at, location, duration, status,
             significant, fields_json, finalised_at, digest, subtype, about_key, case_id,
             late, updated_at, imported_at, claimed_written_at,
             claimed_finalised_at) = row  # fmt: skip
            people = self._db.query(
                "SELECT p.key FROM record_people rp JOIN people p ON p.id = rp.person_id"
                " WHERE rp.record_id = ? ORDER BY rp.position",
                (rowid,),
            )
            tags = self._db.query(
                "SELECT tag FROM record_tags WHERE record_id = ? ORDER BY position", (rowid,)
            )
            actions = self._db.query(
                "SELECT id, text, due, done FROM actions WHERE record_id = ? ORDER BY position",
                (rowid,),
            )
            attachments = self._db.query(
                "SELECT id, name, media_type, size, sha256 FROM attachments"
                " WHERE record_id = ? ORDER BY position",
                (rowid,),
            )
            addenda = self._db.query(
                "SELECT written_at, text, imported_at, claimed_written_at FROM addenda"
                " WHERE record_id = ? ORDER BY id",
                (rowid,),
            )
            who = None
            if about_key:
                person = self._db.query_one(
                    "SELECT coalesce(nullif(preferred_name, ''), name) FROM people"
                    " WHERE case_id = ? AND key = ?",
                    (case_id, about_key),
                )
                who = person[0] if person else None
        return Record(
            id=uid,
            case_ref=ref,
            kind=kind,
            event_at=event_at,
            written_at=written_at,
            location=location,
            duration_minutes=duration,
            people=tuple(p[0] for p in people),
            status=status,
            tags=tuple(t[0] for t in tags),
            significant=bool(significant),
            fields=json.loads(fields_json),
            actions=tuple(
                Action(
                    text=a[1],
                    due=a[2],
                    done=bool(a[3]),
                    id=a[0],
                    record_id=uid,
                    case_ref=ref,
                    record_status=status,
                )
                for a in actions
            ),
            attachments=tuple(
                Attachment(id=a[0], name=a[1], media_type=a[2], size=a[3], sha256=a[4])
                for a in attachments
            ),
            addenda=tuple(
                Addendum(written_at=a[0], text=a[1], imported_at=a[2], claimed_written_at=a[3])
                for a in addenda
            ),
            finalised_at=finalised_at,
            content_hash=digest,
            title=record_title(kind, subtype, who),
            late=bool(late),
            updated_at=updated_at,
            imported_at=imported_at,
            claimed_written_at=claimed_written_at,
            claimed_finalised_at=claimed_finalised_at,
        )

    def get_attachment(self, attachment_id: int) -> Attachment:
        """An attachment with its bytes (kept in memory; never written out decoded)."""
        row = self._db.query_one(
            "SELECT id, name, media_type, size, sha256, data FROM attachments WHERE id = ?",
            (attachment_id,),
        )
        if row is None:
            raise NotFound("attachment", f"there is no attachment {attachment_id}")
        return Attachment(id=row[0], name=row[1], media_type=row[2], size=row[3], sha256=row[4],
                          data=bytes(row[5]))  # fmt: skip

    # -- records: writing -----------------------------------------------------------------------

    def create_record(self, ref: str, data: Mapping[str, Any]) -> Record:
        """Start a record (a draft unless ``data`` says final) from a casebook/1 record object.

        The record is written now and, if final, finalised now: Casebook's clock, never a
        time the caller gives. ``written_at``, ``finalised_at``, ``content_hash`` and
        ``addenda`` are refused (records written elsewhere come in by import, which keeps
        their times as claims).

        Raises:
            InvalidInput: naming the refused key or the first invalid value.
        """
        case = self.get_case(ref)
        keys = self._person_keys(case.id)
        _refuse_caller_times(data, None)
        for key, why in (
            ("content_hash", "Casebook computes the content hash when it finalises a record"),
            ("addenda", "add addenda to a final record one at a time; each is dated when added"),
        ):
            if data.get(key):
                raise InvalidInput(f"record.{key}", f"{why}; leave {key} out")
        record = parse_record(dict(data), "record", keys)
        if record.id is not None and self._db.query_one(
            "SELECT 1 FROM records WHERE uid = ?", (record.id,)
        ):
            raise InvalidInput("record.id", f"a record {record.id!r} already exists")
        now = timeutil.now()
        with self._db.transaction() as tx:
            uid = self._insert_record(tx, case.id, self._person_ids(tx, case.id), record, now)
            self._audit.append(tx, now, "record.create", f"record:{uid}", record.kind)
            if record.status == "final":
                digest = self._finalise(tx, uid, now)
                self._audit.append(tx, now, "record.finalise", f"record:{uid}", f"sha256={digest}")
        self._notify(Change("record", ref, uid))
        return self.get_record(uid)

    def save_draft(self, record_id: str, data: Mapping[str, Any]) -> Record:
        """Replace a draft's content (autosave). Attachments are kept as they are.

        ``data`` is a casebook/1 record object; ``kind`` may be left out. Final records
        refuse: only addenda can be added to them.
        """
        current = self.get_record(record_id)
        if current.is_final:
            raise FinalRecordError(record_id)
        _refuse_caller_times(data, current)
        data = dict(data)
        data.setdefault("kind", current.kind)
        # The time written stays the record's own (or, imported, its claim); only what
        # the record says changes.
        for key in CASEBOOK_TIMES:
            data.pop(key, None)
        if data["kind"] != current.kind:
            raise InvalidInput("record.kind", "a record's kind cannot change")
        data.pop("attachments", None)
        if data.get("status", "draft") != "draft":
            raise InvalidInput("record.status", "use finalise to make a record final")
        case_id = self._case_id(current.case_ref)
        record = parse_record(data, "record", self._person_keys(case_id))
        now = timeutil.now()
        try:
            with self._db.transaction() as tx:
                rowid = self._rowid(tx, record_id)
                self._write_record_row(tx, rowid, case_id, record, now, _late_basis(current))
                for table in ("record_people", "record_tags", "actions"):
                    tx.execute(f"DELETE FROM {table} WHERE record_id = ?", (rowid,))
                self._write_record_children(tx, rowid, self._person_ids(tx, case_id), record)
                self._index(tx, rowid)
                self._audit.append(tx, now, "record.edit", f"record:{record_id}")
        except FinalRecordViolation:
            raise FinalRecordError(record_id) from None
        self._notify(Change("record", current.case_ref, record_id))
        return self.get_record(record_id)

    def finalise_record(self, record_id: str) -> Record:
        """Lock a draft: store the time and SHA-256 content hash; it can never change again."""
        current = self.get_record(record_id)
        if current.is_final:
            raise FinalRecordError(record_id)
        check_can_finalise(current.kind, current.fields)
        now = timeutil.now()
        with self._db.transaction() as tx:
            digest = self._finalise(tx, record_id, now)
            self._audit.append(
                tx, now, "record.finalise", f"record:{record_id}", f"sha256={digest}"
            )
        self._notify(Change("record", current.case_ref, record_id))
        return self.get_record(record_id)

    def add_addendum(self, record_id: str, text: str) -> Record:
        """Add a dated correction or addition to a final record; the original stays."""
        current = self.get_record(record_id)
        if not current.is_final:
            raise InvalidInput("addendum", "addenda are added to final records; edit the draft")
        check_text(text, "addendum")
        if not text.strip():
            raise InvalidInput("addendum", "the addendum is empty")
        now = timeutil.now()
        with self._db.transaction() as tx:
            rowid = self._rowid(tx, record_id)
            cursor = tx.execute(
                "INSERT INTO addenda (record_id, written_at, text) VALUES (?, ?, ?)",
                (rowid, now, text),
            )
            self._index(tx, rowid)
            self._audit.append(
                tx, now, "record.addendum", f"record:{record_id}",
                audit.addendum_detail(cursor.lastrowid, text),
            )  # fmt: skip
        self._notify(Change("record", current.case_ref, record_id))
        return self.get_record(record_id)

    def delete_draft(self, record_id: str) -> None:
        """Discard a draft. Final records are never deleted."""
        current = self.get_record(record_id)
        if current.is_final:
            raise FinalRecordError(record_id)
        with self._db.transaction() as tx:
            rowid = self._rowid(tx, record_id)
            tx.execute(
                "DELETE FROM search_index WHERE rowid ="
                " (SELECT key FROM search_keys WHERE record_id = ?)",
                (rowid,),
            )
            tx.execute("DELETE FROM records WHERE id = ?", (rowid,))
            self._audit.append(tx, timeutil.now(), "record.delete_draft", f"record:{record_id}")
        self._notify(Change("record", current.case_ref, record_id))

    def add_attachment(self, record_id: str, name: str, media_type: str, data: bytes) -> Record:
        """Attach a file to a draft (kept encrypted inside the notebook)."""
        current = self.get_record(record_id)
        if current.is_final:
            raise FinalRecordError(record_id)
        check_attachment_size(len(data), "attachment")
        if not name.strip():
            raise InvalidInput("attachment.name", "the attachment needs a name")
        with self._db.transaction() as tx:
            rowid = self._rowid(tx, record_id)
            position = tx.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM attachments WHERE record_id = ?",
                (rowid,),
            ).fetchone()[0]
            digest = self._insert_attachment(tx, rowid, position, name, media_type, data)
            self._audit.append(
                tx, timeutil.now(), "record.attach", f"record:{record_id}", f"sha256={digest}"
            )
        self._notify(Change("record", current.case_ref, record_id))
        return self.get_record(record_id)

    def remove_attachment(self, record_id: str, attachment_id: int) -> Record:
        """Remove an attachment from a draft."""
        current = self.get_record(record_id)
        if current.is_final:
            raise FinalRecordError(record_id)
        with self._db.transaction() as tx:
            rowid = self._rowid(tx, record_id)
            tx.execute(
                "DELETE FROM attachments WHERE id = ? AND record_id = ?", (attachment_id, rowid)
            )
            self._audit.append(
                tx,
                timeutil.now(),
                "record.detach",
                f"record:{record_id}",
                f"attachment={attachment_id}",
            )
        self._notify(Change("record", current.case_ref, record_id))
        return self.get_record(record_id)

    def _rowid(self, tx: Any, record_id: str) -> int:
        row = tx.execute("SELECT id FROM records WHERE uid = ?", (record_id,)).fetchone()
        if row is None:
            raise NotFound("record", f"there is no record {record_id!r}")
        return int(row[0])

    def _case_id(self, ref: str) -> int:
        return self.get_case(ref).id

    def _person_keys(self, case_id: int) -> set[str]:
        return {
            r[0] for r in self._db.query("SELECT key FROM people WHERE case_id = ?", (case_id,))
        }

    @staticmethod
    def _person_ids(tx: Any, case_id: int) -> dict[str, int]:
        rows = tx.execute("SELECT key, id FROM people WHERE case_id = ?", (case_id,)).fetchall()
        return {key: pid for key, pid in rows}

    def _insert_record(
        self,
        tx: Any,
        case_id: int,
        person_ids: Mapping[str, int],
        record: RecordInput,
        now: str,
        *,
        imported: bool = False,
    ) -> str:
        """Insert a record as a draft with its children and search entry; returns its uid.

        It is written ``now``. An imported record keeps its document's ``written_at`` as
        a claim, and is late (as claimed) by that time.
        """
        uid = record.id or uuid.uuid4().hex
        claimed = record.written_at if imported else None
        subtype, about = title_parts(record.kind, record.fields)
        cursor = tx.execute(
            "INSERT INTO records (uid, case_id, kind, subtype, about_key, event_at, event_utc,"
            " written_at, location, duration_minutes, status, significant, late, fields,"
            " updated_at, imported_at, claimed_written_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?)",
            (uid, case_id, record.kind, subtype, about, record.event_at,
             timeutil.utc_key(record.event_at), now, record.location,
             record.duration_minutes, int(record.significant),
             int(timeutil.is_late(record.event_at, claimed or now)),
             json.dumps(record.fields, ensure_ascii=False), now, now if imported else None,
             claimed),
        )  # fmt: skip
        rowid = int(cursor.lastrowid)
        self._write_record_children(tx, rowid, person_ids, record)
        for position, attachment in enumerate(record.attachments):
            self._insert_attachment(
                tx, rowid, position, attachment.name, attachment.media_type, attachment.data
            )
        self._index(tx, rowid)
        return uid

    @staticmethod
    def _write_record_row(
        tx: Any, rowid: int, case_id: int, record: RecordInput, now: str, written_at: str
    ) -> None:
        """Rewrite a draft's content; its written times stay (``written_at`` judges late)."""
        subtype, about = title_parts(record.kind, record.fields)
        tx.execute(
            "UPDATE records SET subtype = ?, about_key = ?, event_at = ?, event_utc = ?,"
            " location = ?, duration_minutes = ?, significant = ?, late = ?,"
            " fields = ?, updated_at = ? WHERE id = ? AND case_id = ?",
            (subtype, about, record.event_at, timeutil.utc_key(record.event_at),
             record.location, record.duration_minutes, int(record.significant),
             int(timeutil.is_late(record.event_at, written_at)),
             json.dumps(record.fields, ensure_ascii=False), now, rowid, case_id),
        )  # fmt: skip

    @staticmethod
    def _write_record_children(
        tx: Any, rowid: int, person_ids: Mapping[str, int], record: RecordInput
    ) -> None:
        tx.executemany(
            "INSERT INTO record_people (record_id, person_id, position) VALUES (?, ?, ?)",
            [(rowid, person_ids[key], i) for i, key in enumerate(record.people)],
        )
        tx.executemany(
            "INSERT INTO record_tags (record_id, tag, position) VALUES (?, ?, ?)",
            [(rowid, tag, i) for i, tag in enumerate(record.tags)],
        )
        tx.executemany(
            "INSERT INTO actions (record_id, position, text, due, done) VALUES (?, ?, ?, ?, ?)",
            [(rowid, i, a.text, a.due, int(a.done)) for i, a in enumerate(record.actions)],
        )

    @staticmethod
    def _insert_attachment(
        tx: Any, rowid: int, position: int, name: str, media_type: str, data: bytes
    ) -> str:
        digest = hashlib.sha256(data).hexdigest()
        tx.execute(
            "INSERT INTO attachments (record_id, position, name, media_type, size, sha256, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (rowid, position, name, media_type or "application/octet-stream", len(data), digest,
             data),
        )  # fmt: skip
        return digest

    def _hashed_content(self, tx: Any, rowid: int, finalised_at: str) -> dict[str, Any]:
        """What the content hash of the stored record covers, read back from the database.

        The times it covers are the record's times as a document gives them: an imported
        record's claimed times (so the hash its exporter computed still holds), else its
        own. ``finalised_at`` is that time of finalising.
        """
        row = tx.execute(
            "SELECT uid, kind, event_at, coalesce(claimed_written_at, written_at), location,"
            " duration_minutes, significant, fields FROM records WHERE id = ?",
            (rowid,),
        ).fetchone()
        people = tx.execute(
            "SELECT p.key FROM record_people rp JOIN people p ON p.id = rp.person_id"
            " WHERE rp.record_id = ? ORDER BY rp.position",
            (rowid,),
        ).fetchall()
        tags = tx.execute(
            "SELECT tag FROM record_tags WHERE record_id = ? ORDER BY position", (rowid,)
        ).fetchall()
        actions = tx.execute(
            "SELECT text, due FROM actions WHERE record_id = ? ORDER BY position", (rowid,)
        ).fetchall()
        attachments = tx.execute(
            "SELECT name, media_type, sha256 FROM attachments"
            " WHERE record_id = ? ORDER BY position",
            (rowid,),
        ).fetchall()
        return hashed_content(
            uid=row[0], kind=row[1], event_at=row[2], written_at=row[3], location=row[4],
            duration_minutes=row[5], people=[p[0] for p in people], tags=[t[0] for t in tags],
            significant=bool(row[6]), fields=json.loads(row[7]), actions=actions,
            attachments=attachments, finalised_at=finalised_at,
        )  # fmt: skip

    def _finalise(
        self, tx: Any, record_id: str, finalised_at: str, claimed_finalised_at: str | None = None
    ) -> str:
        """Finalise at ``finalised_at`` (Casebook's clock); an imported record's document
        time of finalising is kept as ``claimed_finalised_at`` (and hashed)."""
        rowid = self._rowid(tx, record_id)
        digest = content_hash(self._hashed_content(tx, rowid, claimed_finalised_at or finalised_at))
        cursor = tx.execute(
            "UPDATE records SET status = 'final', finalised_at = ?, claimed_finalised_at = ?,"
            " content_hash = ? WHERE id = ? AND status = 'draft'",
            (finalised_at, claimed_finalised_at, digest, rowid),
        )
        if cursor.rowcount != 1:
            raise FinalRecordError(record_id)
        return digest

    def _rebuild_search_index_if_asked(self) -> None:
        """Index every record again when a migration asked for it (one transaction)."""
        if self.setting(SEARCH_REBUILD_SETTING) is None:
            return
        with self._db.transaction() as tx:
            tx.execute("DELETE FROM search_index")
            # In index order: FTS5 appends rather than merges (40 % faster than by id).
            rows = tx.execute(
                "SELECT r.id FROM records r LEFT JOIN search_keys k ON k.record_id = r.id"
                " ORDER BY k.key"
            ).fetchall()
            for (rowid,) in rows:
                self._index(tx, rowid)
            tx.execute("DELETE FROM settings WHERE name = ?", (SEARCH_REBUILD_SETTING,))

    def _index(self, tx: Any, rowid: int) -> None:
        """(Re)write the search entry of one record from what is stored."""
        row = tx.execute(
            "SELECT r.kind, r.fields, r.subtype, coalesce(nullif(p.preferred_name, ''), p.name),"
            " r.event_at"
            " FROM records r LEFT JOIN people p ON p.case_id = r.case_id AND p.key = r.about_key"
            " WHERE r.id = ?",
            (rowid,),
        ).fetchone()
        kind, fields_json, subtype, who, event_at = row
        names = tx.execute(
            "SELECT p.name, p.preferred_name, p.other_names FROM record_people rp"
            " JOIN people p ON p.id = rp.person_id WHERE rp.record_id = ?",
            (rowid,),
        ).fetchall()
        # The title, names and tags are found but never shown as a snippet (see schema).
        heads = [record_title(kind, subtype, who)]
        heads += [n for row in names for n in (row[0], row[1], *json.loads(row[2])) if n]
        heads += [
            t[0] for t in tx.execute("SELECT tag FROM record_tags WHERE record_id = ?", (rowid,))
        ]
        head = "\n".join(h for h in heads if h)
        parts = text_parts(kind, json.loads(fields_json))
        parts += [
            a[0] for a in tx.execute("SELECT text FROM actions WHERE record_id = ?", (rowid,))
        ]
        parts += [
            a[0] for a in tx.execute("SELECT text FROM addenda WHERE record_id = ?", (rowid,))
        ]
        body = "\n".join(p for p in parts if p)
        # The entry's key follows the event time, which a draft's edit may have moved.
        old = tx.execute("SELECT key FROM search_keys WHERE record_id = ?", (rowid,)).fetchone()
        if old is not None:
            tx.execute("DELETE FROM search_index WHERE rowid = ?", (old[0],))
        key = search.row_key(event_at, rowid)
        both = f"{head}\n{body}"
        tx.execute(
            "INSERT INTO search_index (rowid, body, folded, grams, head) VALUES (?, ?, ?, ?, ?)",
            (key, body, search.folded_extras(both), search.grams(both), head),
        )
        tx.execute(
            "INSERT INTO search_keys (record_id, key) VALUES (?, ?)"
            " ON CONFLICT (record_id) DO UPDATE SET key = excluded.key",
            (rowid, key),
        )

    # -- actions ------------------------------------------------------------------------------

    def list_actions(
        self,
        ref: str | None = None,
        *,
        overdue: bool = False,
        include_done: bool = False,
        today: date | None = None,
    ) -> list[Action]:
        """Actions by due date (undated last); ``overdue`` keeps open ones past due."""
        sql = (
            "SELECT a.id, a.text, a.due, a.done, r.uid, c.ref, r.status FROM actions a"
            " JOIN records r ON r.id = a.record_id JOIN cases c ON c.id = r.case_id WHERE 1"
        )
        params: list[Any] = []
        if ref is not None:
            sql += " AND c.ref = ?"
            params.append(ref)
        if not include_done or overdue:
            # With a case, "+" keeps SQLite from scanning every open action of the
            # notebook by actions_by_due (300 ms at 100,000 records) instead of the case's.
            sql += " AND +a.done = 0" if ref is not None else " AND a.done = 0"
        if overdue:
            sql += " AND a.due IS NOT NULL AND a.due < ?"
            params.append((today or date.today()).isoformat())
        sql += " ORDER BY a.due IS NULL, a.due, c.ref, a.id"
        return [
            Action(text=r[1], due=r[2], done=bool(r[3]), id=r[0], record_id=r[4], case_ref=r[5],
                   record_status=r[6])
            for r in self._db.query(sql, params)
        ]  # fmt: skip

    def set_action_done(self, action_id: int, done: bool = True) -> None:
        """Tick an action off (allowed on final records too: it is not part of the hash)."""
        row = self._db.query_one(
            "SELECT c.ref, r.uid FROM actions a JOIN records r ON r.id = a.record_id"
            " JOIN cases c ON c.id = r.case_id WHERE a.id = ?",
            (action_id,),
        )
        if row is None:
            raise NotFound("action", f"there is no action {action_id}")
        now = timeutil.now()
        with self._db.transaction() as tx:
            tx.execute(
                "UPDATE actions SET done = ?, done_at = ? WHERE id = ?",
                (int(done), now if done else None, action_id),
            )
            self._audit.append(
                tx, now, "action.done" if done else "action.reopen", f"action:{action_id}"
            )
        self._notify(Change("action", row[0], row[1]))

    # -- chronology and search --------------------------------------------------------------------

    def chronology(self, ref: str, *, significant_only: bool = False) -> list[ChronologyEntry]:
        """A case's records in date order (oldest first), optionally only significant ones."""
        case = self.get_case(ref)
        sql = self._SUMMARY_SQL + " WHERE r.case_id = ?"
        if significant_only:
            sql += " AND r.significant = 1"
        sql += " ORDER BY r.event_utc, r.id"
        entries = []
        for row in self._db.query(sql, (case.id,)):
            s = self._summary(row)
            entries.append(
                ChronologyEntry(record_id=s.id, event_at=s.event_at, kind=s.kind, title=s.title,
                                late=s.late, significant=s.significant, status=s.status,
                                imported_at=s.imported_at,
                                claimed_written_at=s.claimed_written_at)
            )  # fmt: skip
        return entries

    def search(
        self,
        query: str,
        *,
        case_ref: str | None = None,
        kind: str | None = None,
        limit: int = 50,
    ) -> list[SearchHit]:
        """Records matching every word of ``query`` (as prefixes), newest first, with snippets.

        Whatever the user typed is treated as words, never as FTS5 syntax.
        """
        expression = search.match_expression(query)
        if expression is None:
            return []
        # Matches of Chinese, Thai ... are in the grams column: their snippet is cut from
        # the body here (FTS5's would show the start of the record).
        runs = search.query_runs(query)
        limit = max(1, min(limit, MAX_SEARCH_RESULTS))
        sql = (
            "SELECT r.uid, c.ref, r.kind, r.subtype,"
            " coalesce(nullif(p.preferred_name, ''), p.name), r.event_at, r.status, r.late,"
            f" snippet(search_index, 0, '{SNIPPET_START}', '{SNIPPET_END}', '…', 12),"
            " r.imported_at"
            + (", s.body" if runs else "")
            + " FROM search_index s JOIN search_keys k ON k.key = s.rowid"
            " JOIN records r ON r.id = k.record_id JOIN cases c ON c.id = r.case_id"
            " LEFT JOIN people p ON p.case_id = r.case_id AND p.key = r.about_key"
            " WHERE search_index MATCH ?"
        )
        params: list[Any] = [expression]
        if case_ref:
            sql += " AND c.ref = ?"
            params.append(case_ref)
        if kind:
            sql += " AND r.kind = ?"
            params.append(kind)
        # The index's own order is newest first (see search.row_key): FTS5 stops after
        # `limit` rows, and snippets are made only for them, not for every match.
        sql += " ORDER BY s.rowid LIMIT ?"
        params.append(limit)
        return [
            SearchHit(record_id=r[0], case_ref=r[1], kind=r[2],
                      title=record_title(r[2], r[3], r[4]), event_at=r[5], status=r[6],
                      late=bool(r[7]), imported_at=r[9],
                      snippet=(runs and search.runs_snippet(r[10], runs))
                      or search.clip_snippet(r[8]))
            for r in self._db.query(sql, params)
        ]  # fmt: skip

    # -- reflective log -------------------------------------------------------------------------

    def add_reflection(self, text: str) -> Reflection:
        """Add an entry to the private reflective log (never exported unless asked)."""
        check_text(text, "reflection")
        if not text.strip():
            raise InvalidInput("reflection", "the reflection is empty")
        now = timeutil.now()
        with self._db.transaction() as tx:
            cursor = tx.execute(
                "INSERT INTO reflections (written_at, text) VALUES (?, ?)", (now, text)
            )
            self._audit.append(tx, now, "reflection.create", f"reflection:{cursor.lastrowid}")
        self._notify(Change("reflection"))
        return Reflection(id=int(cursor.lastrowid), written_at=now, text=text)

    def list_reflections(self) -> list[Reflection]:
        """The reflective log, newest first."""
        return [
            Reflection(*row)
            for row in self._db.query(
                "SELECT id, written_at, text FROM reflections ORDER BY written_at DESC, id DESC"
            )
        ]

    # -- audit ----------------------------------------------------------------------------------

    def audit_head(self) -> AuditHead:
        """The newest audit entry (number and hash)."""
        return self._audit.head

    def audit_tail_at_unlock(self) -> AuditTail | None:
        """The newest audit entry when this notebook was unlocked, before the unlock's own.

        Shown after unlocking (``case list``, the app's status bar): the chain cannot tell
        that entries were cut from its end, but a practitioner who remembers working
        later than this can.
        """
        return self._tail_at_unlock

    def check_audit_anchor(self, seq: int, digest: str, source: str) -> str | None:
        """Whether the audit log still holds entry ``seq`` with hash ``digest``, a head
        kept outside the notebook (by a backup or a signed summary, named ``source``).

        The entries up to a head are fixed by its hash (each entry's hash covers the one
        before), so a log that holds the head holds everything the anchor saw.

        Returns:
            None when it does, else the problem in plain words.
        """
        row = self._db.query_one("SELECT hash FROM audit_log WHERE seq = ?", (seq,))
        current = self._audit.head
        if seq > current.seq:
            return (
                f"{source} was made when the audit log reached entry {seq}, but the notebook's "
                f"audit log now ends at entry {current.seq}: entries were removed from its end"
            )
        if row is None:
            return f"the notebook's audit log has no entry {seq}, which {source} recorded"
        if row[0] != digest:
            return (
                f"audit entry {seq} differs from the one {source} recorded: the history "
                f"was rewritten (or {source} is of another notebook)"
            )
        return None

    def append_audit_event(self, action: str, obj: str, detail: str = "") -> AuditHead:
        """Record something done outside the database (an export, a backup, a summary)."""
        head = self._append_audit(action, obj, detail)
        return head

    def _append_audit(self, action: str, obj: str, detail: str = "") -> AuditHead:
        with self._db.transaction() as tx:
            return self._audit.append(tx, timeutil.now(), action, obj, detail)

    def verify_audit(self, *, pages: bool = True, progress: Progress | None = None) -> AuditReport:
        """Recompute the audit chain and every final record's content hash.

        Args:
            pages: also read every page of the database (SQLCipher HMAC and integrity check).
            progress: called as the check goes on (the page check is one step); it may
                raise :class:`~notebook.progress.Cancelled` to stop the check.
        """
        problems: list[str] = []
        # Shares of the time on a large notebook (bench/RESULTS.md: audit_verify_pages).
        stages = Stages(progress, {"pages": 4 if pages else 0, "chain": 1, "records": 2})
        if pages:
            stages.stage("pages")(0, 1)
            problems += [f"database: {p}" for p in self._db.integrity_errors()]
            stages.stage("pages")(1, 1)
        with self._db.lock:
            total = self._db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
            rows = self._db.conn.execute(
                "SELECT seq, at, action, object, detail, prev_hash, hash"
                " FROM audit_log ORDER BY seq"
            )
            count, head, chain_problems = audit.verify_chain(
                counted(rows, stages.stage("chain"), total, every=1000)
            )
        problems += chain_problems
        stored_head = self._audit.head
        if not chain_problems and (head.seq, head.hash) != (stored_head.seq, stored_head.hash):
            problems.append(
                f"the audit log ends at entry {head.seq}, but this session wrote up to "
                f"{stored_head.seq}"
            )
        entries = _AuditedObjects(
            self._db.query(
                "SELECT at, action, object, detail FROM audit_log WHERE action IN"
                " ('record.create', 'record.import', 'record.finalise', 'record.addendum')"
            )
        )
        finals = self._verify_final_records(entries, problems, stages.stage("records"))
        addenda = self._verify_addenda(entries, problems)
        stages.finish()
        return AuditReport(
            ok=not problems, entries=count, final_records=finals, head=head, problems=problems,
            addenda=addenda,
        )  # fmt: skip

    def _verify_final_records(
        self, entries: _AuditedObjects, problems: list[str], progress: Progress | None = None
    ) -> int:
        """Check every final record against its content hash and its audit entries.

        The hash covers the record's content and every row it holds (people, tags, actions,
        attachments by SHA-256, whose bytes and size are checked here too) and the times
        its document gives; the audit entries hold the hash and the times Casebook wrote,
        imported and finalised it.

        Returns:
            how many final records were checked.
        """
        finals = self._db.query(
            "SELECT id, uid, written_at, imported_at, finalised_at, claimed_finalised_at,"
            " content_hash FROM records WHERE status = 'final' ORDER BY id"
        )
        with self._db.lock:
            conn = self._db.conn
            for rowid, uid, written_at, imported_at, finalised_at, claimed, stored in counted(
                finals, progress, len(finals), every=100
            ):
                actual = content_hash(self._hashed_content(conn, rowid, claimed or finalised_at))
                # The content hash covers each attachment's stored SHA-256; check that
                # the bytes (and their size) still match it, or swapped bytes would go
                # unnoticed.
                swapped = any(
                    hashlib.sha256(bytes(data)).hexdigest() != digest or len(data) != size
                    for digest, size, data in conn.execute(
                        "SELECT sha256, size, data FROM attachments WHERE record_id = ?", (rowid,)
                    )
                )
                finalise_at, finalise_hash = entries.finalised.get(uid, (None, None))
                if actual != stored or swapped:
                    problems.append(f"final record {uid} was changed after it was finalised")
                elif finalise_hash != stored:
                    problems.append(
                        f"final record {uid} does not match the hash in its audit entry"
                    )
                else:
                    for what, value, expected in (
                        ("written time", written_at, entries.made.get(uid)),
                        ("time of import", imported_at, entries.imported.get(uid)),
                        ("time of finalising", finalised_at, finalise_at),
                    ):
                        if value != expected:
                            problems.append(
                                f"final record {uid}: its {what} differs from its audit entry"
                            )
        return len(finals)

    def _verify_addenda(self, entries: _AuditedObjects, problems: list[str]) -> int:
        """Check every addendum against its audit entry (id, record, SHA-256 of the text,
        time written, claimed time, imported or not), and that no entry's addendum is gone.

        Returns:
            how many addenda were checked.
        """
        rows = self._db.query(
            "SELECT a.id, r.uid, a.written_at, a.text, a.imported_at, a.claimed_written_at"
            " FROM addenda a JOIN records r ON r.id = a.record_id ORDER BY a.id"
        )
        for addendum_id, uid, written_at, text, imported_at, claimed in rows:
            entry = entries.addenda.pop(addendum_id, None)
            if entry is None:
                problems.append(
                    f"addendum {addendum_id} of record {uid} has no audit entry"
                    " (it was not added through Casebook)"
                )
                continue
            entry_uid, at, detail = entry
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if (
                entry_uid != uid
                or detail.get("sha256") != digest
                or written_at != detail.get("written_at", at)
                or claimed != detail.get("claimed")
                or (imported_at is not None) != ("imported" in detail)
                or imported_at not in (None, written_at)
            ):
                problems.append(
                    f"addendum {addendum_id} of record {uid} was changed after it was added"
                )
        for addendum_id, (uid, _, _) in sorted(entries.addenda.items()):
            problems.append(
                f"addendum {addendum_id} of record {uid} is missing (removed after it was added)"
            )
        return len(rows)

    # -- import and export -----------------------------------------------------------------------

    def import_document(self, document: Any, progress: Progress | None = None) -> ImportResult:
        """Import a casebook/1 document in one transaction: all of it, or nothing.

        Args:
            document: the decoded JSON, or the ``DocumentInput`` that parsing it gave.
            progress: called with (records written, records in the document) as the
                import goes on; it may raise :class:`~notebook.progress.Cancelled`,
                which rolls the whole import back.

        Raises:
            InvalidInput: naming the JSON path of the first problem; nothing is written.
            Cancelled: ``progress`` stopped the import; nothing is written.
        """
        parsed = (
            document
            if isinstance(document, casebook_json.DocumentInput)  # checked already (a preview)
            else casebook_json.parse_document(document)
        )
        total = sum(len(case.records) for case in parsed.cases)
        existing = {r[0] for r in self._db.query("SELECT ref FROM cases")}
        for i, case in enumerate(parsed.cases):
            if case.ref in existing:
                raise InvalidInput(
                    f"cases[{i}].ref", f"the notebook already has a case {case.ref!r}"
                )
        uids = [
            (f"cases[{i}].records[{j}].id", r.id)
            for i, case in enumerate(parsed.cases)
            for j, r in enumerate(case.records)
            if r.id
        ]
        for where, uid in uids:
            if self._db.query_one("SELECT 1 FROM records WHERE uid = ?", (uid,)):
                raise InvalidInput(where, f"the notebook already has a record {uid!r}")
        writing_rows = writing_store.imported_settings(
            writing_store.WritingStore(self), parsed.phrases, parsed.templates
        )
        now = timeutil.now()
        counts = {"people": 0, "records": 0, "attachments": 0}
        with self._db.transaction() as tx:
            entries: list[tuple[str, str, str]] = []
            for i, case in enumerate(parsed.cases):
                case_id = self._insert_case(tx, case, now)
                entries.append(("case.import", f"case:{case_id}", ""))
                person_ids = {p.key: self._insert_person(tx, case_id, p) for p in case.people}
                write_case_extras(tx, case_id, person_ids, case)
                counts["people"] += len(person_ids)
                for j, record in enumerate(case.records):
                    # Imported: written, finalised and added (addenda) now, by Casebook's
                    # clock; the document's times are kept as claims.
                    uid = self._insert_record(tx, case_id, person_ids, record, now, imported=True)
                    entries.append(("record.import", f"record:{uid}", record.kind))
                    if record.status == "final":
                        digest = self._finalise(tx, uid, now, record.finalised_at)
                        if record.content_hash and record.content_hash != digest:
                            raise InvalidInput(
                                f"cases[{i}].records[{j}].content_hash",
                                "does not match the record's content (was it changed?)",
                            )
                        entries.append(("record.finalise", f"record:{uid}", f"sha256={digest}"))
                        rowid = self._rowid(tx, uid)
                        for addendum in record.addenda:
                            cursor = tx.execute(
                                "INSERT INTO addenda (record_id, written_at, text, imported_at,"
                                " claimed_written_at) VALUES (?, ?, ?, ?, ?)",
                                (rowid, now, addendum.text, now, addendum.written_at),
                            )
                            detail = audit.addendum_detail(
                                cursor.lastrowid, addendum.text, imported=True,
                                claimed=addendum.written_at,
                            )  # fmt: skip
                            entries.append(("record.addendum", f"record:{uid}", detail))
                        if record.addenda:
                            self._index(tx, rowid)
                    counts["records"] += 1
                    counts["attachments"] += len(record.attachments)
                    report(progress, counts["records"], total)
            for reflection in parsed.reflections:
                tx.execute(
                    "INSERT INTO reflections (written_at, text) VALUES (?, ?)",
                    (reflection.written_at or now, reflection.text),
                )
            tx.executemany(
                "INSERT INTO settings (name, value) VALUES (?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                writing_rows,
            )
            entries.append(
                ("notebook.import", "notebook",
                 f"cases={len(parsed.cases)} records={counts['records']}")
            )  # fmt: skip
            self._audit.append_many(tx, now, entries)
            report(progress, total, total)  # the last chance to cancel: before the commit
        self._notify(Change("notebook"))
        return ImportResult(
            cases=len(parsed.cases), people=counts["people"], records=counts["records"],
            attachments=counts["attachments"], reflections=len(parsed.reflections),
        )  # fmt: skip

    def export_document(
        self,
        case_refs: Iterable[str] | None = None,
        *,
        include_reflections: bool = False,
        include_attachment_data: bool = True,
        audit: bool = True,
        include_phrases: bool = False,
    ) -> dict[str, Any]:
        """The notebook (or some cases) as a casebook/1 document, in memory.

        Records carry the extras the notebook adds (``id``, ``significant``, and for final
        records ``finalised_at`` and ``content_hash``), which import accepts and checks.
        A whole caseload is better streamed: :meth:`write_export`.
        """
        cases = [
            {**case, "records": list(records)}
            for case, records in self.export_cases(case_refs, include_attachment_data)
        ]
        document: dict[str, Any] = {"format": casebook_json.FORMAT, "cases": cases}
        if include_reflections:
            document["reflections"] = self._export_reflections()
        if include_phrases:
            document.update(writing_store.document_keys(writing_store.WritingStore(self)))
        if audit:
            self._audit_export(len(cases), include_reflections)
        return document

    def write_export(
        self,
        out: BinaryIO,
        case_refs: Iterable[str] | None = None,
        *,
        include_reflections: bool = False,
        include_phrases: bool = False,
        progress: Progress | None = None,
    ) -> None:
        """Write the notebook (or some cases) to ``out`` as casebook/1 JSON, a record at a
        time (the same text as :meth:`export_document` dumped with indent 2).

        ``progress(records written, records to write)`` may raise
        :class:`~notebook.progress.Cancelled`; the export is then not audited and the
        caller discards what was written (``atomic_file`` does).
        """
        refs = list(case_refs) if case_refs is not None else [c.ref for c in self.list_cases()]
        reflections = self._export_reflections() if include_reflections else None
        writing = writing_store.WritingStore(self)
        extras = writing_store.document_keys(writing) if include_phrases else None
        cases = self.export_cases(refs)
        if progress is not None:
            counts = {c.ref: c.record_count for c in self.list_cases()}
            cases = counted_cases(cases, progress, sum(counts.get(r, 0) for r in refs))
        casebook_json.write_document(out, cases, reflections, extras)
        self._audit_export(len(refs), include_reflections)

    def export_cases(
        self, case_refs: Iterable[str] | None = None, include_attachment_data: bool = True
    ) -> Iterator[tuple[dict[str, Any], Iterator[dict[str, Any]]]]:
        """Each case as a casebook/1 case object without ``records``, and its records
        (oldest first) read one at a time as they are asked for."""
        refs = list(case_refs) if case_refs is not None else [c.ref for c in self.list_cases()]
        for ref in refs:
            case = self.get_case(ref)
            head: dict[str, Any] = {
                "ref": case.ref, "title": case.title, "status": case.status,
                "opened": case.opened, "closed": case.closed,
                "people": self.people_document(ref),
            }  # fmt: skip
            intake = self.intake.get(ref)
            if intake is not None:
                head["intake"] = intake.document()
            ids = [s.id for s in self.list_records(ref, newest_first=False)]
            yield (
                head,
                (
                    self.record_document(i, include_attachment_data=include_attachment_data)
                    for i in ids
                ),
            )

    def _export_reflections(self) -> list[dict[str, Any]]:
        return [
            {"written_at": r.written_at, "text": r.text} for r in reversed(self.list_reflections())
        ]

    def _audit_export(self, cases: int, include_reflections: bool) -> None:
        self._append_audit(
            "notebook.export", "notebook", f"cases={cases} reflections={int(include_reflections)}"
        )

    def people_document(self, ref: str) -> list[dict[str, Any]]:
        """The people of a case as casebook/1 person objects."""
        people = []
        details = self.details.for_case(ref)
        for p in self.list_people(ref):
            person: dict[str, Any] = {"key": p.key, "name": p.name, "role": p.role}
            if p.preferred_name:
                person["preferred_name"] = p.preferred_name
            if p.born:
                person["born"] = p.born
            if p.gp:
                person["gp"] = p.gp
            if p.other_names:
                person["other_names"] = list(p.other_names)
            if p.key in details:
                person["details"] = details[p.key].document()
            people.append(person)
        return people

    def record_document(
        self, record_id: str, *, include_attachment_data: bool = True
    ) -> dict[str, Any]:
        """One record as a casebook/1 record object (with the notebook's extras)."""
        import base64

        r = self.get_record(record_id)
        fields = dict(r.fields)
        if r.kind == "session" and not fields.get("escalation"):
            # Casebook's one addition to casebook/1: left out when empty, so plain
            # documents stay plain.
            fields.pop("escalation", None)
        fields["actions"] = [
            {"text": a.text, "due": a.due, **({"done": True} if a.done else {})} for a in r.actions
        ]
        # The times a document gives: an imported record's claims (which its content hash
        # covers), else Casebook's own; `imported_at` says which.
        out: dict[str, Any] = {
            "id": r.id, "kind": r.kind, "event_at": r.event_at,
            "written_at": r.claimed_written_at or r.written_at,
            "location": r.location, "duration_minutes": r.duration_minutes,
            "people": list(r.people), "status": r.status, "tags": list(r.tags),
            "significant": r.significant, "fields": fields,
        }  # fmt: skip
        if r.attachments:
            attachments = []
            for a in r.attachments:
                item: dict[str, Any] = {"name": a.name, "media_type": a.media_type}
                if include_attachment_data and a.id is not None:
                    data = self.get_attachment(a.id).data or b""
                    item["data_base64"] = base64.b64encode(data).decode("ascii")
                attachments.append(item)
            out["attachments"] = attachments
        if r.is_final:
            out["finalised_at"] = r.claimed_finalised_at or r.finalised_at
            out["content_hash"] = r.content_hash
            if r.addenda:
                out["addenda"] = [
                    {"written_at": a.claimed_written_at or a.written_at, "text": a.text,
                     **({"imported_at": a.imported_at} if a.imported_at else {})}
                    for a in r.addenda
                ]  # fmt: skip
        if r.imported_at:
            out["imported_at"] = r.imported_at
        return out

    # -- maintenance ------------------------------------------------------------------------------

    @property
    def database(self) -> Database:
        """The storage layer (backup, tests and benchmarks use it directly)."""
        return self._db


def _listed(values: Sequence[str]) -> Any:
    """A sequence of texts as the list the format expects (anything else left to refuse)."""
    return list(values) if isinstance(values, list | tuple) else values


def _json_list(values: Sequence[str]) -> str:
    """A list of texts as stored in a JSON column (every script kept as written)."""
    return json.dumps(list(values), ensure_ascii=False)


def _record_upgrade(tx: Any, old_version: int) -> None:
    """Record a schema upgrade in the audit log, in the upgrade's own transaction.

    Version 1 gave imported addenda no audit entry: an upgrade from it anchors each one as
    it is now (its id, the SHA-256 of its text, its times), so a later change is found.
    """
    writer = audit.AuditWriter(
        audit.read_head(
            tx.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchall()
        )
    )
    entries: list[tuple[str, str, str]] = []
    if old_version < CLAIMS_VERSION:
        rows = tx.execute(
            "SELECT a.id, r.uid, a.written_at, a.text, a.imported_at, a.claimed_written_at"
            " FROM addenda a JOIN records r ON r.id = a.record_id"
            " WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'record.addendum'"
            " AND l.detail LIKE 'addendum=' || a.id || ' %') ORDER BY a.id"
        ).fetchall()
        for addendum_id, uid, written_at, text, imported_at, claimed in rows:
            detail = audit.addendum_detail(
                addendum_id, text, written_at=written_at, imported=imported_at is not None,
                claimed=claimed,
            )  # fmt: skip
            entries.append(("record.addendum", f"record:{uid}", detail))
    entries.append(
        ("notebook.upgrade", "notebook",
         f"schema={old_version}->{SCHEMA_VERSION} addenda={len(entries)}")
    )  # fmt: skip
    writer.append_many(tx, timeutil.now(), entries)


class _AuditedObjects:
    """What the audit log says about records and addenda, keyed by record uid / addendum id."""

    def __init__(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        self.made: dict[str, str] = {}
        self.imported: dict[str, str] = {}
        self.finalised: dict[str, tuple[str, str]] = {}
        self.addenda: dict[int, tuple[str, str, dict[str, str]]] = {}
        for at, action, obj, detail in rows:
            uid = obj.removeprefix("record:")
            if action in ("record.create", "record.import"):
                self.made[uid] = at
                if action == "record.import":
                    self.imported[uid] = at
            elif action == "record.finalise":
                self.finalised[uid] = (at, detail.removeprefix("sha256="))
            elif action == "record.addendum":
                words = audit.parse_detail(detail)
                if words.get("addendum", "").isdigit():
                    self.addenda[int(words["addendum"])] = (uid, at, words)


_CASEBOOK_TIME_REFUSALS = {
    "written_at": "Casebook records when a record is written, by its own clock; leave "
    "written_at out (records written elsewhere come in by import, which keeps their times "
    "as claims)",
    "finalised_at": "Casebook records when a record is finalised, by its own clock; leave "
    "finalised_at out",
    "imported_at": "only an import sets imported_at; leave it out",
}


def _refuse_caller_times(data: Mapping[str, Any], current: Record | None) -> None:
    """Refuse a written, finalised or import time given by the caller.

    A client may echo back the time ``current`` already has (its own, or its claim);
    anything else would be taken as fact where Casebook vouches only for its own clock.

    Raises:
        InvalidInput: naming the key.
    """
    for key, message in _CASEBOOK_TIME_REFUSALS.items():
        value = data.get(key)
        if value is None:
            continue
        if current is not None:
            known = {getattr(current, key, None), getattr(current, f"claimed_{key}", None)}
            try:
                if timeutil.normalise_time(value) in known - {None}:
                    continue
            except (ValueError, TypeError):
                pass
        raise InvalidInput(f"record.{key}", message)


def _late_basis(record: Record) -> str:
    """The written time a record's lateness is judged by: Casebook's, or for an imported
    record the time its document claims (a claimed judgement, shown as such)."""
    if record.is_imported and record.claimed_written_at:
        return record.claimed_written_at
    return record.written_at
