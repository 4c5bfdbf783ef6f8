"""``casebook passphrase change|recover`` and ``casebook recovery-key new``."""

from __future__ import annotations

import argparse
from typing import Any

from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    pp = sub.add_parser("passphrase", help="passphrase").add_subparsers(dest="sub", required=True)
    p = pp.add_parser("change", help="change the passphrase (stdin: old, new)")
    p.add_argument(
        "--rekey", action="store_true",
        help="also re-encrypt everything under a new key and make a new recovery key "
             "(use when the laptop, or a backup and the passphrase, may have been seen)",
    )  # fmt: skip
    pp.add_parser("recover", help="set a new passphrase with the recovery key (stdin: key, new)")
    rk = sub.add_parser("recovery-key", help="the recovery key").add_subparsers(
        dest="sub", required=True
    )
    rk.add_parser("new", help="replace the recovery key (the old one stops working)")


def _passphrase_change(s: Session, args: argparse.Namespace) -> int:
    from casebook.service import Notebook

    old = s.secret("Current passphrase")
    notebook = Notebook.open(s.folder, old)
    try:
        new = s.new_passphrase()
        recovery_key = notebook.keys.reencrypt(old, new) if args.rekey else None
        if recovery_key is None:
            notebook.keys.change_passphrase(old, new)
    finally:
        notebook.close()
    if recovery_key is None:
        s.print("Passphrase changed. The recovery key is unchanged.")
        return 0
    s.print("Passphrase changed and the notebook re-encrypted under a new key. The old key")
    s.print("file, passphrase and recovery key open nothing written from now on; backups")
    s.print("made before keep opening with the passphrase and recovery key they had.")
    _print_new_recovery_key(s, recovery_key)
    return 0


def _recovery_key_new(s: Session, args: argparse.Namespace) -> int:
    from casebook.service import Notebook

    passphrase = s.secret("Passphrase")
    with Notebook.open(s.folder, passphrase) as notebook:
        recovery_key = notebook.keys.new_recovery_key(passphrase)
    s.print("The recovery key is replaced; the old one no longer opens this notebook (backups")
    s.print("made before still open with it: to shut it out of everything written from now")
    s.print("on, use `passphrase change --rekey`).")
    _print_new_recovery_key(s, recovery_key)
    return 0


def _print_new_recovery_key(s: Session, recovery_key: str) -> None:
    s.print("")
    s.print("New recovery key (shown only now; write it down and keep it apart from the laptop):")
    s.print("")
    s.print(f"    {recovery_key}")
    s.print("")


def _passphrase_recover(s: Session, args: argparse.Namespace) -> int:
    from casebook.service import Notebook

    recovery_key = s.secret("Recovery key")
    notebook = Notebook.recover(s.folder, recovery_key, s.new_passphrase())
    notebook.close()
    s.print("A new passphrase is set. The recovery key is unchanged.")
    return 0


HANDLERS: dict[str, Handler] = {
    "passphrase change": _passphrase_change,
    "passphrase recover": _passphrase_recover,
    "recovery-key new": _recovery_key_new,
}
