"""``casebook``: the command line, a thin shell over :class:`casebook.service.Notebook`.

Exit codes: 0 ok, 2 usage, 3 wrong passphrase, 4 notebook damaged or unreadable,
5 notebook in use, 6 invalid input, 7 could not write, 8 verification failed.
Messages go to stderr in plain words; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
import traceback
from collections.abc import Sequence
from typing import TextIO

from casebook import __version__, paths
from casebook.errors import CasebookError, InvalidInput
from casebook.textview import terminal_text
from casebook_cli.commands import (
    actions,
    audit,
    backup,
    cases,
    chronology,
    diary,
    events,
    explain,
    identity,
    intake,
    interchange,
    keys,
    people,
    person_details,
    records,
    reflect,
    retention,
    risk,
    sar,
    search,
    summary,
    trends,
    verify,
)
from casebook_cli.commands import notebook as notebook_commands
from casebook_cli.session import Handler, Session

EXIT_INTERNAL = 1
# Every command group, in the order `casebook --help` lists them.
COMMAND_MODULES = (
    notebook_commands, interchange, cases, intake, people, person_details, records, search,
    chronology, events, trends, actions, risk, diary, explain, reflect, audit, keys, backup,
    summary, sar, identity, verify, retention,
)  # fmt: skip
COMMANDS: dict[str, Handler] = {
    name: handler for module in COMMAND_MODULES for name, handler in module.HANDLERS.items()
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="casebook",
        description="Casebook: an offline, encrypted notebook for child-protection practice.",
        epilog=(
            "Exit codes: 0 ok, 2 usage, 3 wrong passphrase, 4 notebook damaged or unreadable, "
            "5 notebook in use, 6 invalid input, 7 could not write, 8 verification failed."
        ),
    )
    parser.add_argument("--version", action="version", version=f"casebook {__version__}")
    parser.add_argument(
        "--notebook", metavar="PATH",
        help=f"notebook folder (default: {paths.default_notebook()})",
    )  # fmt: skip
    parser.add_argument(
        "--passphrase-stdin", action="store_true",
        help="read the passphrase (and other secrets) as lines of standard input",
    )  # fmt: skip
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        module.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None,
         stdout: TextIO | None = None) -> int:  # fmt: skip
    """Run one command; returns the exit code."""
    from casebook.hardening import harden_process

    hardening = harden_process()  # first: owner-only files, no core dump, not traceable
    if not hardening.ok:
        print(f"casebook: {hardening.warning()}", file=sys.stderr)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    session = Session(args, stdin or sys.stdin, stdout or sys.stdout)
    name = args.command + (f" {args.sub}" if getattr(args, "sub", None) else "")
    try:
        _check_arguments(args)
        return COMMANDS[name](session, args)
    except CasebookError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"casebook: {terminal_text(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("casebook: interrupted; nothing half-written was kept.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception:
        if args.debug:
            traceback.print_exc()
        else:
            print(
                "casebook: an internal error occurred; nothing half-written was kept. "
                "Run again with --debug for details.",
                file=sys.stderr,
            )
        return EXIT_INTERNAL


def _check_arguments(args: argparse.Namespace) -> None:
    """Refuse arguments that are not text: bytes that were not UTF-8 reach Python as
    lone surrogates, which nothing can store or print.

    Raises:
        InvalidInput: naming the option (exit 6).
    """
    for name, value in vars(args).items():
        if name in _PATH_ARGUMENTS:
            continue  # file names are bytes on Linux: Python keeps any of them
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and _SURROGATES.search(item):
                raise InvalidInput(
                    name.replace("_", "-"), "not UTF-8 text (check the terminal's encoding)"
                )


_SURROGATES = re.compile("[\ud800-\udfff]")
# Arguments that name files or folders (in any command module's sub-commands).
_PATH_ARGUMENTS = frozenset(
    {"notebook", "file", "output", "path", "out", "backup", "to", "trust", "against", "json_file"}
)
