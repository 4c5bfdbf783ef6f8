"""One run of ``casebook``: the notebook folder, secrets, standard input, printing."""

from __future__ import annotations

import argparse
import getpass
import json
import re
import sys
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from casebook import paths
from casebook.errors import InvalidInput, UsageError
from casebook.textview import terminal_text

# What print_json escapes; json.dumps already escapes every control character.
JSON_UNSAFE = re.compile("[\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
PRIVATE_TEXT_HELP = (
    "the text itself (not recommended: it stays in your shell history and other "
    "programs can see it while casebook runs; prefer standard input)"
)


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
        from casebook.passphrase import check_new_passphrase

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
        from casebook.service import Notebook

        # No key file but a database: Notebook.open reports the key file as missing
        # (damaged, exit 4) rather than saying there is no notebook here.
        if not paths.is_notebook(self.folder) and not (self.folder / paths.DATABASE_FILE).exists():
            from casebook.errors import NotebookNotFound

            raise NotebookNotFound(self.folder)
        return Notebook.open(self.folder, self.secret("Passphrase"), progress=self._reindexing)

    @staticmethod
    def _reindexing(done: int, total: int) -> None:
        """Say once, on stderr, that an unlock after an upgrade is indexing every record."""
        if done == 0 and total > 0:
            print(f"Updating the search index for this version of Casebook (once): {total:,}"
                  " records; a large notebook takes a few minutes.", file=sys.stderr)  # fmt: skip

    def print(self, *parts: Any) -> None:
        """Print to stdout, control characters escaped (text may come from anyone)."""
        print(*(terminal_text(str(part)) for part in parts), file=self.out)

    def print_json(self, value: Any) -> None:
        """Print a JSON value, keeping every script's characters as they are.

        Bidirectional controls, line separators and lone surrogates are written as
        ``\\uXXXX`` escapes: the same JSON value, but a terminal cannot be tricked by it.
        """
        text = json.dumps(value, ensure_ascii=False, indent=2)
        self.out.write(JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


Handler = Callable[[Session, argparse.Namespace], int]
