"""The errors the core raises on purpose, each with the CLI exit code it maps to.

Anything else that escapes is a bug. Messages are plain words for a practitioner and
never contain record text or key material.
"""

from __future__ import annotations

from pathlib import Path


class CasebookError(Exception):
    """Base of every error the core raises knowingly."""

    exit_code = 1


class UsageError(CasebookError):
    """The command was called the wrong way."""

    exit_code = 2


class WrongPassphrase(CasebookError):
    """The key file authenticated, but not with this passphrase or recovery key."""

    exit_code = 3

    def __init__(self, message: str = "Wrong passphrase.") -> None:
        super().__init__(message)


class NotebookDamaged(CasebookError):
    """A file of the notebook cannot be read as it should; restore from a backup."""

    exit_code = 4

    def __init__(self, path: Path | str, what: str) -> None:
        self.path = Path(path)
        super().__init__(
            f"The notebook file {self.path} is damaged or unreadable ({what}). "
            "Casebook deleted and repaired nothing. Restore the notebook from a backup, "
            "or keep this folder as it is and ask for help."
        )


class NotebookNotFound(CasebookError):
    """There is no notebook at the given place."""

    exit_code = 4

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        super().__init__(f"There is no notebook at {self.path}.")


class NewerNotebook(CasebookError):
    """The notebook was written by a newer Casebook; it is left untouched."""

    exit_code = 4

    def __init__(self, path: Path | str, found: int, supported: int) -> None:
        self.path = Path(path)
        super().__init__(
            f"The notebook {self.path} was made by a newer version of Casebook "
            f"(format {found}; this version reads up to {supported}). It was not changed. "
            "Update Casebook to open it."
        )


class NotebookInUse(CasebookError):
    """Another process holds the notebook's lock."""

    exit_code = 5

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        super().__init__(
            f"This notebook is open in another window or process ({self.path}). "
            "Close it there first."
        )


class InvalidInput(CasebookError):
    """Input (a JSON document, a field, a file) is not acceptable; nothing was written.

    Attributes:
        where: the JSON path or field name, e.g. ``cases[0].records[3].fields.narative``.
    """

    exit_code = 6

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}" if where else problem)


class FinalRecordError(InvalidInput):
    """A final record was asked to change; only addenda may be added."""

    def __init__(self, record_id: str) -> None:
        super().__init__(
            f"record {record_id}",
            "this record is final and cannot be changed; add an addendum instead",
        )


class NotFound(InvalidInput):
    """A case, person or record named by the user does not exist."""


class WriteFailed(CasebookError):
    """The disk refused a write (full, read-only, I/O error). Committed data is intact."""

    exit_code = 7

    def __init__(self, what: str) -> None:
        super().__init__(
            f"Could not save: {what}. Nothing from this change was saved; everything "
            "saved before is intact. Free some disk space or check the drive, then try again."
        )


class VerificationFailed(CasebookError):
    """An audit chain, content hash or signature did not verify."""

    exit_code = 8


class NotebookLocked(CasebookError):
    """The notebook has been locked; unlock it before using it again."""

    exit_code = 1

    def __init__(self) -> None:
        super().__init__("The notebook is locked.")
