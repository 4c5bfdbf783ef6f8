"""Errors from the core in words for a practitioner: a headline plus the core's message.

The core's messages are written for users and never contain record text or keys; a
bug (anything else) is named by its type only.
"""

from __future__ import annotations

from notebook.errors import (
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


def describe(exc: BaseException) -> tuple[str, str]:
    """(headline, detail) for an error."""
    if isinstance(exc, WrongPassphrase):
        return (
            "That passphrase did not unlock the notebook",
            f"{exc} Check Caps Lock and the keyboard layout, then try again. Nothing was changed.",
        )
    if isinstance(exc, NotebookDamaged):
        return "The notebook cannot be read", str(exc)
    if isinstance(exc, NotebookInUse):
        return "The notebook is already open", str(exc)
    if isinstance(exc, NewerNotebook):
        return "This notebook needs a newer Casebook", str(exc)
    if isinstance(exc, NotebookNotFound):
        return "No notebook here", str(exc)
    if isinstance(exc, WriteFailed):
        return "Could not save", str(exc)
    if isinstance(exc, FinalRecordError):
        return "This record is final", str(exc)
    if isinstance(exc, InvalidInput):
        return "Please check what was entered", str(exc)
    if isinstance(exc, NotebookLocked):
        return "The notebook is locked", str(exc)
    if isinstance(exc, CasebookError):
        return "Casebook could not do that", str(exc)
    return (
        "Something went wrong",
        f"An unexpected error happened ({type(exc).__name__}). Your saved notes are safe. "
        "Please tell your IT support what you were doing.",
    )
