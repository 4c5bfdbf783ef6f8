"""The rule for a new passphrase, shared by the app and the command line.

Kept apart from :mod:`notebook.keyfile` so the app's welcome window can show the rule
without importing the cryptography stack.
"""

from __future__ import annotations

from notebook.errors import InvalidInput

# The one minimum: the app's strength meter and the CLI's init, demo and
# passphrase change/recover all enforce it.
MIN_PASSPHRASE = 8


def check_new_passphrase(passphrase: str) -> str:
    """Refuse a new passphrase shorter than :data:`MIN_PASSPHRASE` characters.

    Raises:
        InvalidInput: the passphrase is too short (it is never echoed).
    """
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput(
            "passphrase",
            f"the passphrase needs at least {MIN_PASSPHRASE} characters (a phrase of a few "
            "words is best); nothing was changed",
        )
    return passphrase
