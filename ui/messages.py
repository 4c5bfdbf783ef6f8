"""Errors from the core in words for a practitioner: a headline plus the core's message.

The core's messages are written for users and never contain record text or keys; a
bug (anything else) is named by its type only.
"""

from __future__ import annotations

from casebook.errors import (
    CasebookError,
    FinalRecordError,
    InvalidInput,
    NewerNotebook,
    NotebookDamaged,
    NotebookInUse,
    NotebookLocked,
    NotebookNotFound,
    WriteFailed,
    WrongPassphrase,
)

# The first matching class wins: keep subclasses before CasebookError.
HEADLINES: tuple[tuple[type[CasebookError], str], ...] = (
    (NotebookDamaged, "The notebook cannot be read"),
    (NotebookInUse, "The notebook is already open"),
    (NewerNotebook, "This notebook needs a newer Casebook"),
    (NotebookNotFound, "No notebook here"),
    (WriteFailed, "Could not save"),
    (FinalRecordError, "This record is final"),
    (InvalidInput, "Please check what was entered"),
    (NotebookLocked, "The notebook is locked"),
    (CasebookError, "Casebook could not do that"),
)


def describe(exc: BaseException) -> tuple[str, str]:
    """(headline, detail) for an error."""
    if isinstance(exc, WrongPassphrase) and "recovery key" in str(exc):
        return (
            "That recovery key did not unlock the notebook",
            f"{exc} Check each group of four against what you wrote down. Nothing was changed.",
        )
    if isinstance(exc, WrongPassphrase):
        return (
            "That passphrase did not unlock the notebook",
            f"{exc} Check Caps Lock and the keyboard layout, then try again. Nothing was changed.",
        )
    for kind, headline in HEADLINES:
        if isinstance(exc, kind):
            return headline, str(exc)
    return (
        "Something went wrong",
        f"An unexpected error happened ({type(exc).__name__}). Your saved notes are safe. "
        "Please tell your IT support what you were doing.",
    )
