"""``casebook``: the command line, a thin shell over :class:`notebook.service.Notebook`.

Exit codes: 0 ok, 2 usage, 3 wrong passphrase, 4 notebook damaged or unreadable,
5 notebook in use, 6 invalid input, 7 could not write, 8 verification failed.
Messages go to stderr in plain words; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import io
import json
import re
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TextIO, cast

from notebook import __version__, kinds, paths
from notebook.errors import CasebookError, InvalidInput, UsageError, VerificationFailed
from notebook.textview import terminal_text

EXIT_INTERNAL = 1
Handler = Callable[["Session", argparse.Namespace], int]
COMMANDS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    """Register a handler for ``casebook <name>`` (sub-commands as ``"case list"``)."""

    def register(handler: Handler) -> Handler:
        COMMANDS[name] = handler
        return handler

    return register


class Session:
    """One CLI run: where the notebook is, how to ask for secrets, where to print."""

    def __init__(self, args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> None:
        self.args = args
        self.folder = paths.notebook_folder(args.notebook or paths.default_notebook())
        self._stdin = stdin
        self.out = stdout
        self._lines: Iterator[str] | None = None

    # -- secrets ------------------------------------------------------------------------

    def secret(self, prompt: str, *, confirm: bool = False) -> str:
        """The next secret: a stdin line with --passphrase-stdin, else a no-echo TTY prompt."""
        if self.args.passphrase_stdin:
            return self._next_line(prompt)
        if not sys.stdin.isatty():
            raise UsageError(
                "No terminal to ask for the passphrase: pass --passphrase-stdin and give it "
                "as the first line of standard input."
            )
        value = getpass.getpass(f"{prompt}: ")
        if confirm and getpass.getpass(f"{prompt} (again): ") != value:
            raise InvalidInput("passphrase", "the two passphrases differ")
        return value

    def new_passphrase(self, prompt: str = "New passphrase") -> str:
        """A new passphrase (asked twice on a terminal), at least MIN_PASSPHRASE long.

        Raises:
            InvalidInput: too short (exit 6); nothing is changed.
        """
        from notebook.passphrase import check_new_passphrase

        return check_new_passphrase(self.secret(prompt, confirm=True))

    def private_text(self, given: str | None, noun: str, command: str) -> str:
        """Private words for the notebook: from standard input, or ``--text`` with a warning.

        Standard input is read to its end (after the passphrase line with
        --passphrase-stdin); on a terminal the user types and ends with Ctrl-D. One
        trailing line break (as ``echo`` and here-documents add) is dropped.
        """
        if given is not None:
            self.warn(
                "--text put these words in your shell history and let other programs on "
                "this computer see them while casebook ran; give them on standard input "
                f"instead (see casebook {command} --help)."
            )
            return given
        if self._stdin.isatty():
            print(f"Type the {noun}; end it with Ctrl-D on a line of its own.",
                  file=sys.stderr)  # fmt: skip
        text = self.rest_of_stdin()
        return text[:-2] if text.endswith("\r\n") else text.removesuffix("\n")

    def warn(self, message: str) -> None:
        """A warning on stderr (the command goes on)."""
        print(f"casebook: warning: {terminal_text(message)}", file=sys.stderr)

    def _next_line(self, what: str) -> str:
        line = self._stdin.readline()
        if not line:
            raise UsageError(f"Expected the {what.lower()} on standard input.")
        return line.rstrip("\r\n")

    def rest_of_stdin(self) -> str:
        """Everything after the lines already read (e.g. JSON after the passphrase).

        Raises:
            InvalidInput: the input is not UTF-8 text.
        """
        try:
            return self._stdin.read()
        except UnicodeDecodeError:
            raise InvalidInput("standard input", "not UTF-8 text") from None

    # -- notebook -------------------------------------------------------------------------

    def open(self) -> Any:
        """Unlock the notebook (asks for the passphrase)."""
        from notebook.service import Notebook

        # No key file but a database: Notebook.open reports the key file as missing
        # (damaged, exit 4) rather than saying there is no notebook here.
        if not paths.is_notebook(self.folder) and not (self.folder / paths.DATABASE_FILE).exists():
            from notebook.errors import NotebookNotFound

            raise NotebookNotFound(self.folder)
        return Notebook.open(self.folder, self.secret("Passphrase"))

    def print(self, *parts: Any) -> None:
        """Print to stdout, control characters escaped (text may come from anyone)."""
        print(*(terminal_text(str(part)) for part in parts), file=self.out)

    def print_json(self, value: Any) -> None:
        """Print a JSON value, keeping every script's characters as they are.

        Bidirectional controls, line separators and lone surrogates are written as
        ``\\uXXXX`` escapes: the same JSON value, but a terminal cannot be tricked by it.
        """
        text = json.dumps(value, ensure_ascii=False, indent=2)
        self.out.write(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


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

    p = sub.add_parser("init", help="create a notebook; prints the recovery key once")
    p.add_argument("--name", default=None, help="practitioner's name")
    p.add_argument("--role", default="", help="practitioner's role")
    p.add_argument("--organisation", default="", help="practitioner's organisation")

    p = sub.add_parser("demo", help="create a fictional demo notebook at PATH")
    p.add_argument("path", metavar="PATH")

    p = sub.add_parser("import", help="import a casebook/1 JSON document (all or nothing)")
    p.add_argument("file", metavar="FILE.json")

    p = sub.add_parser(
        "export-json",
        help="export cases as casebook/1 JSON (plaintext: not encrypted)",
        description="Export cases as casebook/1 JSON. The output is NOT encrypted: anyone "
        "who can read the file reads the records. A file given with -o is made readable by "
        "you alone (0600); keep it on an encrypted disk and delete it when done.",
    )
    p.add_argument("--case", action="append", dest="cases", metavar="REF")
    p.add_argument("--include-reflections", action="store_true")
    p.add_argument("--include-phrases", action="store_true",
                   help="add the practitioner's phrases and templates")  # fmt: skip
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")

    case = sub.add_parser("case", help="cases").add_subparsers(dest="sub", required=True)
    p = case.add_parser("list", help="list cases")
    p.add_argument("--status", choices=kinds.CASE_STATUSES)
    p.add_argument("--json", action="store_true")
    p = case.add_parser("show", help="show a case: people, records, actions")
    p.add_argument("ref", metavar="REF")
    p.add_argument("--json", action="store_true")
    p = case.add_parser("add", help="open a new case")
    p.add_argument("ref", metavar="REF")
    p.add_argument("--title", default="")
    p = case.add_parser("close", help="close a case")
    p.add_argument("ref", metavar="REF")

    person = sub.add_parser("person", help="people").add_subparsers(dest="sub", required=True)
    p = person.add_parser("add", help="add a person to a case")
    p.add_argument("--case", required=True, metavar="REF")
    p.add_argument("--key", metavar="K")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=kinds.ROLES)
    p.add_argument("--preferred-name", default="")
    p.add_argument(
        "--other-name",
        action="append",
        default=[],
        dest="other_names",
        metavar="NAME",
        help="a nickname or other spelling (repeat for more)",
    )
    p.add_argument("--born", metavar="YYYY-MM-DD")
    p.add_argument("--gp", default="")

    record = sub.add_parser("record", help="records").add_subparsers(dest="sub", required=True)
    p = record.add_parser("add", help="add a record from JSON; prints the new id")
    p.add_argument("--case", required=True, metavar="REF")
    p.add_argument("--kind", choices=kinds.KINDS)
    p.add_argument("--json", required=True, metavar="FILE|-", dest="json_file")
    p = record.add_parser("show", help="show a record")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true")
    p = record.add_parser("finalise", help="finalise a draft: it can never change again")
    p.add_argument("id", metavar="ID")
    p = record.add_parser(
        "addendum", help="add an addendum to a final record (text on standard input)",
        description="Add an addendum to a final record. The text is read from standard "
        "input to its end (after the passphrase line with --passphrase-stdin), e.g. "
        "casebook record addendum ID < correction.txt, or typed and ended with Ctrl-D.",
    )  # fmt: skip
    p.add_argument("id", metavar="ID")
    p.add_argument("--text", help=PRIVATE_TEXT_HELP)

    p = sub.add_parser("search", help="full-text search, newest first")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--case", metavar="REF")
    p.add_argument("--kind", choices=kinds.KINDS)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("chronology", help="a case's records in date order")
    p.add_argument("ref", metavar="REF")
    p.add_argument("--significant", action="store_true", help="only significant records")

    p = sub.add_parser("actions", help="open actions by due date")
    p.add_argument("--overdue", action="store_true")
    p.add_argument("--case", metavar="REF")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "reflect", help="add to the private reflective log (text on standard input)",
        description="Add an entry to the private reflective log. The text is read from "
        "standard input to its end (after the passphrase line with --passphrase-stdin), "
        "or typed and ended with Ctrl-D.",
    )  # fmt: skip
    p.add_argument("--text", help=PRIVATE_TEXT_HELP)

    audit = sub.add_parser("audit", help="audit log").add_subparsers(dest="sub", required=True)
    p = audit.add_parser("verify", help="check the audit chain and every final record")
    p.add_argument(
        "--against", action="append", metavar="FILE",
        help="also check the audit head kept by a signed summary or a .casebook-backup "
        "(may be given more than once)",
    )  # fmt: skip

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

    for extension in EXTENSIONS:
        extension(sub)
    return parser


PRIVATE_TEXT_HELP = (
    "the text itself (not recommended: it stays in your shell history and other "
    "programs can see it while casebook runs; prefer standard input)"
)
# What print_json escapes; json.dumps already escapes every control character.
_JSON_UNSAFE = re.compile("[\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
# The CLI's one rule for times (docs/input-rules.md); the app shows them in local time.
TIMES_NOTE = "Times are as recorded, with their UTC offset."

# Other modules (summaries, backup) add their sub-commands here.
EXTENSIONS: list[Callable[[Any], None]] = []


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None,
         stdout: TextIO | None = None) -> int:  # fmt: skip
    """Run one command; returns the exit code."""
    from notebook.hardening import harden_process

    hardening = harden_process()  # first: owner-only files, no core dump, not traceable
    if not hardening.ok:
        print(f"casebook: {hardening.warning()}", file=sys.stderr)
    _load_extensions()
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
# Arguments that name files or folders (here and in the extensions' sub-commands).
_PATH_ARGUMENTS = frozenset(
    {"notebook", "file", "output", "path", "out", "backup", "to", "trust", "against", "json_file"}
)


def _load_extensions() -> None:
    import importlib

    for module in ("notebook.backup", "notebook.summary_commands"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


# -- commands ---------------------------------------------------------------------------------


@command("init")
def _init(s: Session, args: argparse.Namespace) -> int:
    from notebook.domain import Practitioner
    from notebook.service import Notebook

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


@command("demo")
def _demo(s: Session, args: argparse.Namespace) -> int:
    from notebook.demo import create_demo_notebook

    s.folder = paths.notebook_folder(args.path)
    passphrase = s.new_passphrase("New passphrase for the demo notebook")
    notebook, recovery_key = create_demo_notebook(s.folder, passphrase)
    notebook.close()
    _print_recovery_key(s, recovery_key)
    return 0


@command("import")
def _import(s: Session, args: argparse.Namespace) -> int:
    from notebook.formats.casebook_json import load_file, parse_document

    document = load_file(Path(args.file))
    parse_document(document)  # report format errors before asking for the passphrase
    with s.open() as notebook:
        result = notebook.import_document(document)
    s.print(
        f"Imported {result.cases} cases, {result.people} people, {result.records} records, "
        f"{result.attachments} attachments and {result.reflections} reflections."
    )
    return 0


@command("export-json")
def _export_json(s: Session, args: argparse.Namespace) -> int:
    from notebook.atomic import atomic_file

    with s.open() as notebook:
        for ref in args.cases or []:
            notebook.get_case(ref)
        s.warn(
            "the export is plaintext, not encrypted: anyone who can read "
            + (f"{args.output} (written readable by you alone)" if args.output else "it")
            + " reads these records. Keep it on an encrypted disk and delete it when done."
        )
        # Streamed a record at a time: a whole caseload with attachments is gigabytes.
        with atomic_file(Path(args.output)) if args.output else _stdout_bytes(s) as out:
            notebook.write_export(
                out, args.cases, include_reflections=args.include_reflections,
                include_phrases=args.include_phrases,
            )  # fmt: skip
    return 0


@contextlib.contextmanager
def _stdout_bytes(s: Session) -> Iterator[BinaryIO]:
    """The session's output as a binary stream (UTF-8), flushed at the end.

    Bidi controls and line separators are written as JSON ``\\u`` escapes (the same
    JSON value), as print_json does: this output may be a terminal.
    """
    buffer = getattr(s.out, "buffer", None)
    if buffer is not None:
        s.out.flush()
        yield cast(BinaryIO, _JsonEscaping(buffer))
        buffer.flush()
        return
    chunks = io.BytesIO()
    yield cast(BinaryIO, _JsonEscaping(chunks))
    s.out.write(chunks.getvalue().decode("utf-8"))


class _JsonEscaping:
    """Writes UTF-8 JSON text with the characters of _JSON_UNSAFE as ``\\u`` escapes.

    Each write must hold whole characters (write_document writes whole strings).
    """

    _UNSAFE = re.compile(rb"\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]")

    def __init__(self, out: BinaryIO) -> None:
        self._out = out

    def write(self, data: bytes) -> int:
        self._out.write(
            self._UNSAFE.sub(lambda m: f"\\u{ord(m.group().decode()):04x}".encode(), data)
        )
        return len(data)

    def flush(self) -> None:
        self._out.flush()


@command("case list")
def _case_list(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        cases = notebook.list_cases(args.status)
        tail = notebook.audit_tail_at_unlock()
    if args.json:
        s.print_json([_case_json(c) for c in cases])
        return 0
    if not cases:
        s.print("No cases yet.")
    else:
        rows = [(c.ref, c.status, str(c.record_count), (c.last_event_at or "")[:10], c.title)
                for c in cases]  # fmt: skip
        _table(s, ("REF", "STATUS", "RECORDS", "LAST", "TITLE"), rows)
    if tail is not None:
        # Entries cut from the end of the log leave a whole chain: a practitioner who
        # remembers working later than this is the one to notice.
        s.print("")
        s.print(tail.describe() + " (before this command)")
    return 0


def _case_json(c: Any) -> dict[str, Any]:
    return {"ref": c.ref, "title": c.title, "status": c.status, "opened": c.opened,
            "closed": c.closed, "records": c.record_count}  # fmt: skip


@command("case show")
def _case_show(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        case = notebook.get_case(args.ref)
        people = notebook.list_people(args.ref)
        records = notebook.list_records(args.ref)
        actions = notebook.list_actions(args.ref)
    if args.json:
        s.print_json({
            **_case_json(case),
            "people": [{"key": p.key, "name": p.name, "role": p.role,
                        "preferred_name": p.preferred_name, "born": p.born, "gp": p.gp,
                        "other_names": list(p.other_names)}
                       for p in people],
            "records": [_summary_json(r) for r in records],
        })  # fmt: skip
        return 0
    s.print(f"{case.ref}  {case.title}")
    s.print(f"Status: {kinds.label(case.status)}   Opened: {case.opened or '-'}"
            + (f"   Closed: {case.closed}" if case.closed else ""))  # fmt: skip
    s.print("")
    s.print("People")
    _table(s, ("KEY", "ROLE", "NAME", "BORN"), [
        (p.key, kinds.label(p.role),
         p.name + (f" ({p.preferred_name})" if p.preferred_name else ""), p.born or "")
        for p in people
    ], indent="  ")  # fmt: skip
    s.print("")
    s.print("Records (newest first)")
    _table(s, ("ID", "WHEN", "STATUS", "TITLE"), [_record_row(r) for r in records], indent="  ")
    if actions:
        s.print("")
        s.print("Open actions")
        _table(s, ("DUE", "ACTION"), [(a.due or "-", _one_line(a.text)) for a in actions],
               indent="  ")  # fmt: skip
    if records:
        s.print("")
        s.print(TIMES_NOTE)
    return 0


def _summary_json(r: Any) -> dict[str, Any]:
    return {"id": r.id, "case": r.case_ref, "kind": r.kind, "title": r.title,
            "event_at": r.event_at, "written_at": r.written_at, "status": r.status,
            "late": r.late, "significant": r.significant, "imported_at": r.imported_at,
            "claimed_written_at": r.claimed_written_at}  # fmt: skip


def _record_row(r: Any) -> tuple[str, ...]:
    # An imported record's late mark is judged by the time its document claims.
    marks = ((" IMPORTED" if r.is_imported else "")
             + ((" LATE (claimed)" if r.is_imported else " LATE") if r.late else "")
             + (" *" if r.significant else ""))  # fmt: skip
    return (r.id, _when(r.event_at), r.status + marks, r.title)


def _chronology_notes(e: Any) -> str:
    if e.is_imported:
        return " (imported; late entry as claimed)" if e.late else " (imported)"
    return " (late entry)" if e.late else ""


@command("case add")
def _case_add(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        case = notebook.add_case(args.ref, args.title)
    s.print(case.ref)
    return 0


@command("case close")
def _case_close(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        case = notebook.update_case(args.ref, status="closed")
    s.print(f"Closed {case.ref} on {case.closed}.")
    return 0


@command("person add")
def _person_add(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        person = notebook.add_person(
            args.case, args.name, args.role, key=args.key,
            preferred_name=args.preferred_name, born=args.born, gp=args.gp,
            other_names=args.other_names,
        )  # fmt: skip
    s.print(person.key)
    return 0


@command("record add")
def _record_add(s: Session, args: argparse.Namespace) -> int:
    from notebook.formats.casebook_json import load_file, loads

    with s.open() as notebook:
        data = (
            loads(s.rest_of_stdin()) if args.json_file == "-" else load_file(Path(args.json_file))
        )
        if not isinstance(data, dict):
            raise InvalidInput("record", "expected a JSON object")
        if args.kind:
            data["kind"] = args.kind
        record = notebook.create_record(args.case, data)
    s.print(record.id)
    return 0


@command("record show")
def _record_show(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        record = notebook.get_record(args.id)
        document = notebook.record_document(args.id, include_attachment_data=False)
        names = {p.key: p.name for p in notebook.list_people(record.case_ref)}
    if args.json:
        s.print_json(document)
        return 0
    from notebook.textview import record_text

    s.out.write(terminal_text(record_text(record, names)))
    return 0


@command("record finalise")
def _record_finalise(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        record = notebook.finalise_record(args.id)
    s.print(f"Finalised {record.id} at {record.finalised_at}")
    s.print(f"Content hash (SHA-256): {record.content_hash}")
    return 0


@command("record addendum")
def _record_addendum(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        # An unknown id or a draft is reported before the text is asked for.
        if not notebook.get_record(args.id).is_final:
            raise InvalidInput("addendum", "addenda are added to final records; edit the draft")
        record = notebook.add_addendum(
            args.id, s.private_text(args.text, "addendum", "record addendum")
        )
    s.print(f"Added addendum {len(record.addenda)} to {record.id}.")
    return 0


@command("search")
def _search(s: Session, args: argparse.Namespace) -> int:
    from notebook.domain import SNIPPET_END, SNIPPET_START

    with s.open() as notebook:
        hits = notebook.search(args.query, case_ref=args.case, kind=args.kind, limit=args.limit)
    if args.json:
        s.print_json([
            {"id": h.record_id, "case": h.case_ref, "kind": h.kind, "title": h.title,
             "event_at": h.event_at, "status": h.status, "late": h.late,
             "imported": h.is_imported,
             "snippet": h.snippet.replace(SNIPPET_START, "").replace(SNIPPET_END, "")}
            for h in hits
        ])  # fmt: skip
        return 0
    if not hits:
        s.print("No records found.")
        return 0
    bold = s.out.isatty()
    for h in hits:
        late = ("  LATE (claimed)" if h.is_imported else "  LATE") if h.late else ""
        s.print(f"{h.record_id}  {h.case_ref}  {_when(h.event_at)}  {h.title}"
                + ("  IMPORTED" if h.is_imported else "") + late)  # fmt: skip
        # Each piece escaped, then the marks: the only escape sequences are ours.
        pieces = [
            [terminal_text(part) for part in piece.split(SNIPPET_END)]
            for piece in _one_line(h.snippet).split(SNIPPET_START)
        ]
        on, off = ("\x1b[1m", "\x1b[0m") if bold else ("", "")
        snippet = on.join(off.join(parts) for parts in pieces)
        s.out.write(f"    {snippet}{off}\n")  # bold ends even where the line was cut
    s.print(TIMES_NOTE)
    return 0


@command("chronology")
def _chronology(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        case = notebook.get_case(args.ref)
        entries = notebook.chronology(args.ref, significant_only=args.significant)
    if not entries:
        if args.significant and case.record_count:
            s.print(f"None of the {case.record_count} records in this case is marked significant.")
        else:
            s.print("No records in this case yet.")
        return 0
    _table(s, ("WHEN", "KIND", "TITLE", "ID"), [
        (_when(e.event_at), kinds.KIND_LABELS[e.kind],
         e.title + _chronology_notes(e) + (" *" if e.significant else ""),
         e.record_id)
        for e in entries
    ])  # fmt: skip
    s.print(TIMES_NOTE)
    return 0


@command("actions")
def _actions(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        actions = notebook.list_actions(args.case, overdue=args.overdue)
    if args.json:
        s.print_json([{"id": a.id, "case": a.case_ref, "record": a.record_id, "text": a.text,
                       "due": a.due, "done": a.done} for a in actions])  # fmt: skip
        return 0
    if not actions:
        s.print("No overdue actions." if args.overdue else "No open actions.")
        return 0
    from datetime import date

    today = date.today().isoformat()
    _table(s, ("DUE", "CASE", "ACTION"), [
        ((a.due or "-") + (" OVERDUE" if a.due and a.due < today else ""), a.case_ref or "",
         _one_line(a.text))
        for a in actions
    ])  # fmt: skip
    return 0


@command("reflect")
def _reflect(s: Session, args: argparse.Namespace) -> int:
    with s.open() as notebook:
        reflection = notebook.add_reflection(s.private_text(args.text, "reflection", "reflect"))
    s.print(f"Added to the reflective log at {reflection.written_at}.")
    return 0


@command("audit verify")
def _audit_verify(s: Session, args: argparse.Namespace) -> int:
    anchors = [Path(p) for p in args.against or []]
    for path in anchors:
        _anchor_kind(path)  # an unreadable or unknown file is a usage problem (exit 6)
    with s.open() as notebook:
        report = notebook.verify_audit()
        against = [(path, _check_anchor(notebook, path)) for path in anchors]
    s.print(f"Audit entries: {report.entries}; final records checked: {report.final_records};"
            f" addenda checked: {report.addenda}")  # fmt: skip
    s.print(f"Chain head: entry {report.head.seq}, {report.head.hash}")
    for path, problem in against:
        if problem is None:
            s.print(f"The notebook's audit log still holds the audit head of {path}.")
    problems = report.problems + [f"{path}: {p}" for path, p in against if p]
    if problems:
        raise VerificationFailed("Verification failed: " + "; ".join(problems[:5]))
    s.print("Audit log verified: no changes to history found.")
    return 0


def _anchor_kind(path: Path) -> str:
    """``summary`` (a PDF) or ``backup`` (a .casebook-backup archive).

    Raises:
        InvalidInput: the file cannot be read or is neither.
    """
    import tarfile

    try:
        with open(path, "rb") as handle:
            start = handle.read(5)
        if start == b"%PDF-":
            return "summary"
        if tarfile.is_tarfile(path):
            return "backup"
    except OSError as exc:
        raise InvalidInput(str(path), f"cannot read the file: {exc.strerror}") from None
    raise InvalidInput(str(path), "is neither a signed summary (PDF) nor a .casebook-backup")


def _check_anchor(notebook: Any, path: Path) -> str | None:
    if _anchor_kind(path) == "summary":
        from notebook.summary_commands import check_summary_against

        return check_summary_against(notebook, path)
    from notebook.backup import check_backup_against

    return check_backup_against(notebook, path)


@command("passphrase change")
def _passphrase_change(s: Session, args: argparse.Namespace) -> int:
    from notebook.service import Notebook

    old = s.secret("Current passphrase")
    notebook = Notebook.open(s.folder, old)
    try:
        new = s.new_passphrase()
        recovery_key = notebook.reencrypt(old, new) if args.rekey else None
        if recovery_key is None:
            notebook.change_passphrase(old, new)
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


@command("recovery-key new")
def _recovery_key_new(s: Session, args: argparse.Namespace) -> int:
    from notebook.service import Notebook

    passphrase = s.secret("Passphrase")
    with Notebook.open(s.folder, passphrase) as notebook:
        recovery_key = notebook.new_recovery_key(passphrase)
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


@command("passphrase recover")
def _passphrase_recover(s: Session, args: argparse.Namespace) -> int:
    from notebook.service import Notebook

    recovery_key = s.secret("Recovery key")
    notebook = Notebook.recover(s.folder, recovery_key, s.new_passphrase())
    notebook.close()
    s.print("A new passphrase is set. The recovery key is unchanged.")
    return 0


# -- output helpers ------------------------------------------------------------------------------


def _when(time: str) -> str:
    """A stored time as the CLI shows it: ``2026-03-04 10:00 +01:00`` (its own offset)."""
    from datetime import datetime

    try:
        value = datetime.fromisoformat(time)
    except ValueError:
        return time
    offset = value.strftime("%z")  # +0100
    return value.strftime("%Y-%m-%d %H:%M") + (f" {offset[:3]}:{offset[3:5]}" if offset else "")


def _one_line(text: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _table(
    s: Session, header: Sequence[str], rows: Sequence[Sequence[str]], indent: str = ""
) -> None:
    rows = [tuple(_one_line(str(cell)) for cell in row) for row in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(header)]  # fmt: skip
    for row in [tuple(header), *rows]:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        s.print(indent + "  ".join(cells).rstrip())


if __name__ == "__main__":  # pragma: no cover
    # Run through the imported module, so commands that extensions register on
    # `notebook.cli` are the ones this run sees.
    from notebook.cli import main as _main

    sys.exit(_main())
