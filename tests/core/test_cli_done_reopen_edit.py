"""``casebook actions done ID [--undo]``, ``case reopen REF`` and ``person edit KEY``: the
core calls the app makes (issue 17 item 9)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from casebook.service import Notebook


def _open(path: Path) -> Notebook:
    return Notebook.open(path, "correct horse battery staple")  # tests/conftest.py


def _action_id(cli: Any, path: Path, text: str) -> int:
    rc, out, err = cli.nb(path, "actions", "--json")
    assert rc == 0, err
    return next(a["id"] for a in json.loads(out) if a["text"] == text)


def test_actions_done_ticks_an_action_off_and_undo_opens_it_again(
    cli: Any, notebook_path: Path
) -> None:
    action = _action_id(cli, notebook_path, "Send GP letter")
    rc, out, err = cli.nb(notebook_path, "actions")
    assert rc == 0 and out.splitlines()[0].split() == ["DUE", "CASE", "ACTION", "ID"], err
    rc, out, err = cli.nb(notebook_path, "actions", "done", str(action))
    assert (rc, out.strip()) == (0, f"Action {action} is done."), err
    nb = _open(notebook_path)
    try:
        assert [a.done for a in nb.actions.list(include_done=True) if a.id == action] == [True]
        actions = nb.database.query(
            "SELECT action, object FROM audit_log WHERE action LIKE 'action.%' ORDER BY seq"
        )
        assert actions[-1] == ("action.done", f"action:{action}")
    finally:
        nb.close()
    rc, out, err = cli.nb(notebook_path, "actions", "done", str(action), "--undo")
    assert (rc, out.strip()) == (0, f"Action {action} is open again."), err
    assert _action_id(cli, notebook_path, "Send GP letter") == action


def test_actions_done_on_a_final_record_is_allowed(cli: Any, notebook_path: Path) -> None:
    action = _action_id(cli, notebook_path, "Speak to mum about bedtime routine")
    rc, _, err = cli.nb(notebook_path, "actions", "done", str(action))
    assert rc == 0, err


def _state(path: Path) -> tuple[Any, ...]:
    """What the commands could change: actions, people, and the audit log's own entries
    (other than the unlocks every command writes)."""
    nb = _open(path)
    try:
        return (
            nb.actions.list(include_done=True),
            nb.people.list("C-1042"),
            nb.database.query(
                "SELECT seq, action FROM audit_log WHERE action <> 'notebook.unlock'"
            ),
        )
    finally:
        nb.close()


def test_actions_done_with_an_unknown_id_says_so_and_changes_nothing(
    cli: Any, notebook_path: Path
) -> None:
    before = _state(notebook_path)
    rc, _, err = cli.nb(notebook_path, "actions", "done", "9999")
    assert rc == 6 and "there is no action 9999" in err
    rc, _, err = cli.nb(notebook_path, "actions", "done", "seven")
    assert rc == 2 and "invalid int value" in err
    assert _state(notebook_path) == before


def test_case_reopen_keeps_the_reason_with_the_time_as_the_app_does(
    cli: Any, notebook_path: Path
) -> None:
    rc, out, err = cli.nb(notebook_path, "case", "close", "C-2001", "--reason", "Work ended")
    assert rc == 0 and out.startswith("Closed C-2001 on "), err
    rc, out, err = cli.nb(notebook_path, "case", "reopen", "C-2001", "--reason", "Ольга rang")
    assert (rc, out.strip()) == (0, "Reopened C-2001."), err
    nb = _open(notebook_path)
    try:
        assert nb.cases.get("C-2001").status == "open" and nb.cases.get("C-2001").closed is None
        changes = nb.cases.status_changes("C-2001")
        assert [(c.status, c.reason) for c in changes] == [
            ("closed", "Work ended"),
            ("open", "Ольга rang"),
        ]
    finally:
        nb.close()


def test_reopening_an_open_case_says_it_is_open_already(cli: Any, notebook_path: Path) -> None:
    rc, _, err = cli.nb(notebook_path, "case", "reopen", "C-1042")
    assert rc == 6 and "the case is already open" in err


def test_person_edit_changes_only_the_details_given(cli: Any, notebook_path: Path) -> None:
    rc, out, err = cli.nb(
        notebook_path, "person", "edit", "p2", "--case", "C-1042", "--name", "Łukasz Nguyễn",
        "--other-name", "Luke", "--other-name", "محمد",
    )  # fmt: skip
    assert (rc, out.strip()) == (0, "Updated p2: Łukasz Nguyễn (Person of concern)."), err
    nb = _open(notebook_path)
    try:
        person = next(p for p in nb.people.list("C-1042") if p.key == "p2")
        assert person.name == "Łukasz Nguyễn" and person.role == "subject"
        assert person.other_names == ("Luke", "محمد")
        assert person.gp == "Dr Patel, Oak Surgery, 0121 000 0000"  # left as it was
    finally:
        nb.close()
    rc, _, err = cli.nb(
        notebook_path, "person", "edit", "p2", "--case", "C-1042", "--gp", "", "--no-other-names"
    )
    assert rc == 0, err
    nb = _open(notebook_path)
    try:
        person = next(p for p in nb.people.list("C-1042") if p.key == "p2")
        assert (person.gp, person.other_names, person.name) == ("", (), "Łukasz Nguyễn")
    finally:
        nb.close()


def test_person_edit_refuses_bad_input_and_changes_nothing(cli: Any, notebook_path: Path) -> None:
    before = _state(notebook_path)
    rc, _, err = cli.nb(notebook_path, "person", "edit", "p3", "--case", "C-1042",
                        "--born", "2999-01-01")  # fmt: skip
    assert rc == 6 and "cannot be in the future" in err
    rc, _, err = cli.nb(notebook_path, "person", "edit", "p9", "--case", "C-1042", "--name", "X")
    assert rc == 6 and "no person 'p9'" in err
    rc, _, err = cli.nb(notebook_path, "person", "edit", "p3", "--case", "C-1042", "--role", "cat")
    assert rc == 2
    assert _state(notebook_path) == before
