"""The notebook's keys: changing the passphrase, a new recovery key, re-encrypting
everything under a new data key (the key file; :mod:`casebook.rekey` for the swap)."""

from __future__ import annotations

from casebook import keyfile, rekey, timeutil
from casebook.changes import NotebookReloaded
from casebook.errors import InvalidInput, NotebookLocked
from casebook.paths import DATABASE_FILE, KEY_FILE
from casebook.storage import Database
from casebook.stores.audit import open_log
from casebook.stores.base import Facade, Store


class KeyStore(Store[Facade]):
    """``notebook.keys``: passphrase, recovery key and re-encryption."""

    def change_passphrase(self, old: str, new: str) -> None:
        """Rewrap the data key under ``new``; the database is not re-encrypted.

        Raises:
            WrongPassphrase: ``old`` is not the current passphrase.
        """
        if not new:
            raise InvalidInput("passphrase", "the new passphrase cannot be empty")
        self._check_passphrase(old)
        self.rewrap(new, "passphrase.change")

    def rewrap(self, new_passphrase: str, action: str) -> None:
        """Wrap the data key under ``new_passphrase`` (audited as ``action``)."""
        nb = self._notebook
        if nb._data_key is None:
            raise NotebookLocked()
        current = keyfile.read_key_file(nb.folder / KEY_FILE)
        # Fresh parameters, never the stored ones: an edited (lowered) cost must not
        # survive a change or a recovery.
        updated = keyfile.rewrap_passphrase(
            current, nb._data_key, new_passphrase, keyfile.tuned_scrypt()
        )
        keyfile.write_key_file(nb.folder / KEY_FILE, updated)
        nb._key_file = updated
        self._append_audit(action, "notebook")

    def reencrypt(self, old: str, new: str) -> str:
        """Re-encrypt everything under a new data key, wrapped under ``new`` and a new recovery key.

        The old key file, passphrase and recovery key open nothing written from now on
        (old backups keep opening with theirs). ``new`` may equal ``old``. Crash-safe: see
        :mod:`casebook.rekey`.

        Returns:
            the new recovery key, to show once.

        Raises:
            WrongPassphrase: ``old`` is not the current passphrase.
            WriteFailed: the disk refused; nothing was changed.
        """
        if not new:
            raise InvalidInput("passphrase", "the new passphrase cannot be empty")
        current = self._check_passphrase(old)
        nb = self._notebook
        if nb._data_key is None:
            raise NotebookLocked()
        old_key = nb._data_key
        data_key, recovery_key, key_file = keyfile.new_key_file(
            new, keyfile.tuned_scrypt(), current.created
        )
        entry = (
            timeutil.now(),
            "notebook.rekey",
            "notebook",
            f"new data key and recovery key; kdf=scrypt n={key_file.passphrase_kdf.n}",
        )
        path = nb.folder / DATABASE_FILE
        with self._db.lock:
            try:
                rekey.stage(
                    self._db,
                    nb.folder,
                    data_key,
                    self._audit.head,
                    entry,
                    page_hmac=key_file.page_hmac,
                )
            except BaseException:
                rekey.discard(nb.folder)
                raise
            self._db.close()
            nb._data_key = None
            try:
                rekey.commit(nb.folder, key_file)
            except BaseException:
                if not rekey.committed(nb.folder):
                    rekey.discard(nb.folder)
                    nb._db = Database.open(path, old_key, page_hmac=nb._key_file.page_hmac)
                    nb._data_key = old_key
                # else: committed; the next open finishes the swap.
                raise
            nb._db = Database.open(path, data_key, page_hmac=key_file.page_hmac)
        nb._data_key = data_key
        nb._key_file = key_file
        # The rekey's own entry was written into the copy: continue the chain from it.
        nb._audit = open_log(nb._db)[0]
        self._notify(NotebookReloaded())
        return recovery_key

    def new_recovery_key(self, passphrase: str) -> str:
        """Wrap the data key under a new recovery key; the old recovery key stops working.

        Asks for the passphrase: whoever holds a recovery key can always open the notebook.

        Returns:
            the new recovery key, to show once.

        Raises:
            WrongPassphrase: ``passphrase`` is not the current passphrase.
        """
        current = self._check_passphrase(passphrase)
        nb = self._notebook
        if nb._data_key is None:
            raise NotebookLocked()
        updated, recovery_key = keyfile.rewrap_recovery(current, nb._data_key)
        keyfile.write_key_file(nb.folder / KEY_FILE, updated)
        nb._key_file = updated
        self._append_audit("recovery_key.new", "notebook")
        return recovery_key

    def _check_passphrase(self, passphrase: str) -> keyfile.KeyFile:
        current = keyfile.read_key_file(self._notebook.folder / KEY_FILE)
        keyfile.unlock_with_passphrase(current, passphrase)
        return current
