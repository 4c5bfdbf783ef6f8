"""Fixtures shared by the whole suite.

At import, before any test (or the subprocesses tests start) runs:

* ``CASEBOOK_KDF_COST=test`` so notebooks are created with a cheap scrypt (tests only);
* HOME, the XDG folders and TMPDIR point into one temporary folder for this session, so
  nothing a test does reaches the developer's real notebooks, settings or temp dir.

Then:

* an autouse network guard fails any test that opens a non-AF_UNIX socket (and the
  ``cli`` fixture installs the same guard in its subprocesses);
* notebooks are built once per session (a template) and copied per test;
* ``cli`` runs the ``casebook`` command in a subprocess and returns (rc, stdout, stderr).
"""

from __future__ import annotations

import base64
import copy
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# -- environment: set at import so every subprocess inherits it -----------------------------

os.environ["CASEBOOK_KDF_COST"] = "test"
os.environ.pop("CASEBOOK_NOTEBOOK", None)

SESSION_ROOT = Path(tempfile.mkdtemp(prefix="casebook-tests-"))
for _name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
              "TMPDIR"):  # fmt: skip
    _folder = SESSION_ROOT / _name.lower()
    _folder.mkdir(mode=0o700)
    os.environ[_name] = str(_folder)
tempfile.tempdir = None  # re-read TMPDIR

PASSPHRASE = "correct horse battery staple"

# A `sitecustomize` for the CLI's subprocesses: the same network guard, as a hard error.
_GUARD_DIR = SESSION_ROOT / "guard"
_GUARD_DIR.mkdir()
(_GUARD_DIR / "sitecustomize.py").write_text(
    """
import socket as _socket

def _refuse(name, original):
    def guarded(self, *args, **kwargs):
        if getattr(self, "family", None) == _socket.AF_UNIX:
            return original(self, *args, **kwargs)
        raise RuntimeError(f"casebook test guard: network access attempted (socket.{name})")
    return guarded

for _n in ("connect", "connect_ex", "bind", "sendto"):
    setattr(_socket.socket, _n, _refuse(_n, getattr(_socket.socket, _n)))

def _no_create_connection(*args, **kwargs):
    raise RuntimeError("casebook test guard: network access attempted (create_connection)")

_socket.create_connection = _no_create_connection
""",
    encoding="utf-8",
)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(SESSION_ROOT, ignore_errors=True)


# -- network guard --------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail the test if anything opens a network socket (AF_UNIX is allowed)."""
    attempts: list[str] = []

    def refuse(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def guarded(self: socket.socket, *args: Any, **kwargs: Any) -> Any:
            if self.family == socket.AF_UNIX:
                return original(self, *args, **kwargs)
            attempts.append(f"socket.{name}{args!r}")
            raise OSError(f"network access attempted in a test: socket.{name}{args!r}")

        return guarded

    for name in ("connect", "connect_ex", "bind", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(name, getattr(socket.socket, name)))

    def no_create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
        attempts.append(f"socket.create_connection({address!r})")
        raise OSError(f"network access attempted in a test: create_connection({address!r})")

    monkeypatch.setattr(socket, "create_connection", no_create_connection)
    yield attempts
    if attempts:
        pytest.fail("the test tried to use the network: " + "; ".join(attempts))


# -- helpers exposed as fixtures ------------------------------------------------------------


def hash_files(*folders: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folders`` (recursively), keyed by path."""
    hashes = {}
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                hashes[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


@pytest.fixture
def folder_hashes() -> Callable[..., dict[str, str]]:
    """``folder_hashes(folder, ...)``: SHA-256 of every file under the folders."""
    return hash_files


@pytest.fixture
def passphrase() -> str:
    """The passphrase of every notebook the fixtures make."""
    return PASSPHRASE


def _png_bytes() -> bytes:
    # Not a real image; the notebook stores attachments as opaque bytes.
    return b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def sample_document() -> dict[str, Any]:
    """A small casebook/1 caseload touching every kind, status and field type."""
    drawing = base64.b64encode(_png_bytes()).decode("ascii")
    return {
        "format": "casebook/1",
        "cases": [
            {
                "ref": "C-1042",
                "title": "Family A",
                "status": "open",
                "opened": "2026-03-02",
                "closed": None,
                "people": [
                    {
                        "key": "p1",
                        "name": "Jane Smith",
                        "preferred_name": "Jane",
                        "role": "partner",
                        "born": "1988-04-12",
                    },
                    {
                        "key": "p2",
                        "name": "Mark Smith",
                        "role": "subject",
                        "gp": "Dr Patel, Oak Surgery, 0121 000 0000",
                    },
                    {"key": "p3", "name": "Lily Smith", "role": "child", "born": "2016-09-30"},
                ],
                "records": [
                    {
                        "id": "rec-child-final",
                        "kind": "child_work",
                        "event_at": "2026-03-04T10:00:00+00:00",
                        "written_at": "2026-03-04T11:30:00+00:00",
                        "location": "home_visit",
                        "duration_minutes": 50,
                        "people": ["p3", "p1"],
                        "status": "final",
                        "tags": ["three houses"],
                        "fields": {
                            "child": "p3",
                            "activity": "three_houses",
                            "childs_words": ["I miss my dad but I don't want him to be sad"],
                            "worries": "Bedtimes are hard.",
                            "good_things": "School friends, the dog.",
                            "wishes": "To go to the seaside.",
                            "understanding": "Knows dad has to live somewhere else for now.",
                            "disclosure": None,
                            "observations": "Relaxed, drew for most of the session.",
                            "actions": [
                                {"text": "Speak to mum about bedtime routine", "due": "2026-03-11"}
                            ],
                        },
                        "attachments": [
                            {
                                "name": "three-houses.png",
                                "media_type": "image/png",
                                "data_base64": drawing,
                            }
                        ],
                        "addenda": [
                            {
                                "written_at": "2026-03-05T09:00:00+00:00",
                                "text": "Correction: the session lasted 55 minutes.",
                            }
                        ],
                    },
                    {
                        "id": "rec-session-draft",
                        "kind": "session",
                        "event_at": "2026-03-06T14:00:00+00:00",
                        "written_at": "2026-03-06T16:00:00+00:00",
                        "location": "office",
                        "duration_minutes": 60,
                        "people": ["p2"],
                        "status": "draft",
                        "tags": ["assessment"],
                        "fields": {
                            "session_type": "assessment",
                            "purpose": "Initial assessment.",
                            "narrative": "Mark attended on time and talked about his week.",
                            "presentation": "Tired, low mood.",
                            "risk_to_self": "low",
                            "risk_indicators": ["denial", "minimisation"],
                            "strengths": "Keeps appointments.",
                            "safeguarding": "",
                            "next_session": "2026-03-13",
                            "actions": [{"text": "Send GP letter", "due": "2026-03-08"}],
                        },
                    },
                    {
                        "id": "rec-partner-late",
                        "kind": "partner_support",
                        "event_at": "2026-03-07T09:00:00+00:00",
                        "written_at": "2026-03-09T17:00:00+00:00",
                        "location": "phone",
                        "people": ["p1"],
                        "status": "final",
                        "fields": {
                            "partner": "p1",
                            "contact_type": "phone",
                            "feelings_stage": "anger",
                            "feelings": "Angry with the police and with Mark.",
                            "information_given": "How the court process works.",
                            "actions": [{"text": "Send support group leaflet", "due": None}],
                        },
                    },
                ],
            },
            {
                "ref": "C-2001",
                "title": "Family B",
                "status": "open",
                "opened": "2026-01-10",
                "people": [
                    {"key": "k1", "name": "Nguyễn Thị Hoa", "role": "partner"},
                    {"key": "k2", "name": "Łukasz Kowalski", "role": "subject"},
                    {"key": "k3", "name": "Ольга Петрова", "role": "professional"},
                ],
                "records": [
                    {
                        "id": "rec-b-session",
                        "kind": "session",
                        "event_at": "2026-02-01T10:00:00+01:00",
                        "written_at": "2026-02-01T12:00:00+01:00",
                        "people": ["k2", "k3"],
                        "status": "final",
                        "tags": ["review"],
                        "fields": {
                            "session_type": "review",
                            "narrative": "Review of the safety plan with the probation officer.",
                        },
                    }
                ],
            },
        ],
        "reflections": [
            {"written_at": "2026-03-04T20:00:00+00:00", "text": "A hard day; talk it over."}
        ],
    }


@pytest.fixture
def make_document() -> Callable[[], dict[str, Any]]:
    """``make_document()``: a fresh copy of the sample casebook/1 document."""
    return lambda: copy.deepcopy(sample_document())


# -- notebooks: built once per session, copied per test ---------------------------------------


@dataclass(frozen=True)
class Template:
    """A notebook folder built once per session; copy it, never use it directly."""

    folder: Path
    recovery_key: str


def _build_template(folder: Path, document: Mapping[str, Any] | None) -> Template:
    from casebook.domain import Practitioner
    from casebook.service import Notebook

    notebook, recovery_key = Notebook.create(
        folder, PASSPHRASE, Practitioner("Sam Tester", "Practitioner", "Test Service")
    )
    try:
        if document is not None:
            notebook.interchange.import_document(document)
    finally:
        notebook.close()
    return Template(folder, recovery_key)


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """A notebook with only its practitioner."""
    return _build_template(tmp_path_factory.mktemp("templates") / "empty.casebook", None)


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """A notebook holding :func:`sample_document`."""
    return _build_template(
        tmp_path_factory.mktemp("templates") / "sample.casebook", sample_document()
    )


def copy_notebook(template: Template, destination: Path) -> Path:
    """Copy a template notebook folder (without its lock state) to ``destination``."""
    shutil.copytree(template.folder, destination)
    return destination


@pytest.fixture
def empty_notebook_path(empty_template: Template, tmp_path: Path) -> Path:
    """A fresh copy of the empty notebook (closed)."""
    return copy_notebook(empty_template, tmp_path / "empty.casebook")


@pytest.fixture
def notebook_path(sample_template: Template, tmp_path: Path) -> Path:
    """A fresh copy of the sample notebook (closed)."""
    return copy_notebook(sample_template, tmp_path / "sample.casebook")


@pytest.fixture
def recovery_key(sample_template: Template) -> str:
    """The recovery key of the sample notebook (and of every copy of it)."""
    return sample_template.recovery_key


@pytest.fixture
def notebook(notebook_path: Path) -> Iterator[Any]:
    """The sample notebook, unlocked in this process; closed after the test."""
    from casebook.service import Notebook

    nb = Notebook.open(notebook_path, PASSPHRASE)
    yield nb
    nb.close()


@pytest.fixture
def empty_notebook(empty_notebook_path: Path) -> Iterator[Any]:
    """The empty notebook, unlocked in this process; closed after the test."""
    from casebook.service import Notebook

    nb = Notebook.open(empty_notebook_path, PASSPHRASE)
    yield nb
    nb.close()


# -- the command line ---------------------------------------------------------------------------


def _cli_command() -> list[str]:
    script = Path(sys.executable).with_name("casebook")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "casebook_cli"]


class Cli:
    """Runs ``casebook`` in a subprocess; calls return ``(rc, stdout, stderr)``."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.command = _cli_command()

    def env(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        """The subprocess environment: this session's, plus the network guard."""
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(_GUARD_DIR), env.get("PYTHONPATH", "")) if p
        )
        env.pop("CASEBOOK_NOTEBOOK", None)
        env.update(extra or {})
        return env

    def __call__(
        self,
        *args: str | os.PathLike[str],
        stdin: str | bytes = "",
        env: Mapping[str, str] | None = None,
        timeout: float = 60,
        preexec_fn: Callable[[], None] | None = None,
    ) -> tuple[int, str, str]:
        """``casebook ARGS`` with ``stdin``."""
        result = subprocess.run(
            [*self.command, *map(str, args)],
            input=stdin.encode("utf-8") if isinstance(stdin, str) else stdin,
            capture_output=True,
            cwd=self.cwd,
            env=self.env(env),
            timeout=timeout,
            preexec_fn=preexec_fn,
            check=False,
        )
        return (
            result.returncode,
            result.stdout.decode("utf-8", "replace"),
            result.stderr.decode("utf-8", "replace"),
        )

    def nb(
        self,
        folder: Path,
        *args: str | os.PathLike[str],
        passphrase: str = PASSPHRASE,
        stdin: str = "",
        **kwargs: Any,
    ) -> tuple[int, str, str]:
        """``casebook --notebook FOLDER --passphrase-stdin ARGS``, passphrase then ``stdin``."""
        return self(
            "--notebook", folder, "--passphrase-stdin", *args,
            stdin=f"{passphrase}\n{stdin}", **kwargs,
        )  # fmt: skip


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """Run the ``casebook`` command line in a subprocess (see :class:`Cli`)."""
    work = tmp_path / "cli-cwd"
    work.mkdir(exist_ok=True)
    return Cli(work)
