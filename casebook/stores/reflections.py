"""The reflective log: the practitioner's private entries, in no case (``reflections``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from casebook import timeutil
from casebook.changes import ReflectionAdded
from casebook.domain import Reflection
from casebook.errors import InvalidInput
from casebook.stores.base import Facade, Store
from casebook.validate import check_text


class ReflectionStore(Store[Facade]):
    """``notebook.reflections``: adding to and reading the reflective log."""

    def add(self, text: str) -> Reflection:
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
        self._notify(ReflectionAdded(int(cursor.lastrowid)))
        return Reflection(id=int(cursor.lastrowid), written_at=now, text=text)

    def list(self) -> list[Reflection]:
        """The reflective log, newest first."""
        return [
            Reflection(*row)
            for row in self._db.query(
                "SELECT id, written_at, text FROM reflections ORDER BY written_at DESC, id DESC"
            )
        ]

    @staticmethod
    def insert_imported(tx: Any, rows: Iterable[tuple[str, str]]) -> None:
        """Insert imported entries (written at, text) in the caller's transaction."""
        tx.executemany("INSERT INTO reflections (written_at, text) VALUES (?, ?)", list(rows))
