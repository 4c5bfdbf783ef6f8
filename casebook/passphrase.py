"""The rule for a new passphrase, shared by the app and the command line.

Kept apart from :mod:`casebook.keyfile` so the app's welcome window can show the rule
without importing the cryptography stack.
"""

from __future__ import annotations

from casebook.errors import InvalidInput

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


def passphrase_strength(passphrase: str) -> tuple[int, str]:
    """A rough strength (0-3) and a hint in words. Long phrases beat clever symbols."""
    n = len(passphrase)
    words = len(passphrase.split())
    classes = sum(
        any(test(c) for c in passphrase)
        for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    if n == 0:
        return 0, "Use a phrase of four or more words you will remember, e.g. a line of a song."
    if n < MIN_PASSPHRASE:
        return 0, f"Too short: use at least {MIN_PASSPHRASE} characters (a phrase is best)."
    if n >= 20 or (words >= 4 and n >= 16):
        return 3, "Strong."
    if n >= 12 and (classes >= 2 or words >= 3):
        return 2, "Fair: a longer phrase would be stronger."
    return 1, "Weak: add more words."
