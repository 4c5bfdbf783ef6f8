"""Notebook settings: named values kept encrypted in the notebook (``settings`` table)."""

from __future__ import annotations

from collections.abc import Iterable

from casebook.stores.base import Facade, Store

_UPSERT = (
    "INSERT INTO settings (name, value) VALUES (?, ?)"
    " ON CONFLICT (name) DO UPDATE SET value = excluded.value"
)


class SettingsStore(Store[Facade]):
    """``notebook.settings``: read and write notebook settings."""

    def get(self, name: str, default: str | None = None) -> str | None:
        """A notebook setting (kept encrypted in the notebook)."""
        row = self._db.query_one("SELECT value FROM settings WHERE name = ?", (name,))
        return row[0] if row else default

    def set(self, name: str, value: str) -> None:
        """Store a notebook setting."""
        with self._db.transaction() as tx:
            tx.execute(_UPSERT, (name, value))

    def set_many(self, tx: object, rows: Iterable[tuple[str, str]]) -> None:
        """Store several settings in the caller's transaction (an import's)."""
        tx.executemany(_UPSERT, list(rows))  # type: ignore[attr-defined]

    def forget(self, name: str) -> None:
        """Remove a setting (nothing when it is not set)."""
        with self._db.transaction() as tx:
            tx.execute("DELETE FROM settings WHERE name = ?", (name,))
