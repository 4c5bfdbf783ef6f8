"""``casebook init`` and ``casebook demo``: make a notebook."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from casebook import paths
from casebook.errors import UsageError
from casebook_cli.session import Handler, Session


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("init", help="create a notebook; prints the recovery key once")
    p.add_argument("--name", default=None, help="practitioner's name")
    p.add_argument("--role", default="", help="practitioner's role")
    p.add_argument("--organisation", default="", help="practitioner's organisation")

    p = sub.add_parser("demo", help="create a fictional demo notebook at PATH")
    p.add_argument("path", metavar="PATH")


def _init(s: Session, args: argparse.Namespace) -> int:
    from casebook.domain import Practitioner
    from casebook.service import Notebook

    name = args.name
    if name is None:
        if args.passphrase_stdin or not sys.stdin.isatty():
            raise UsageError("Give the practitioner's name with --name.")
        name = input("Your name: ")
    passphrase = s.new_passphrase()
    notebook, recovery_key = Notebook.create(
        s.folder, passphrase, Practitioner(name, args.role, args.organisation)
    )
    notebook.close()
    _print_recovery_key(s, recovery_key)
    return 0


def _print_recovery_key(s: Session, recovery_key: str) -> None:
    s.print(f"Created the notebook {s.folder}")
    s.print("")
    s.print("Recovery key (shown only now; write it down and keep it apart from the laptop):")
    s.print("")
    s.print(f"    {recovery_key}")
    s.print("")
    s.print("It can set a new passphrase if the passphrase is forgotten.")


def _demo(s: Session, args: argparse.Namespace) -> int:
    from casebook.demo import create_demo_notebook

    s.folder = paths.notebook_folder(args.path)
    passphrase = s.new_passphrase("New passphrase for the demo notebook")
    notebook, recovery_key = create_demo_notebook(s.folder, passphrase)
    notebook.close()
    _print_recovery_key(s, recovery_key)
    return 0


HANDLERS: dict[str, Handler] = {
    "init": _init,
    "demo": _demo,
}
