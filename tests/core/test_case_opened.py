"""A case opens on a chosen day (back-filling old work), in the core, the CLI and the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from casebook.errors import InvalidInput
from casebook.service import Notebook

PASSPHRASE = "correct horse battery staple"


def test_a_case_opens_on_the_day_given_and_a_bad_day_is_refused(empty_notebook: Notebook) -> None:
    assert empty_notebook.cases.add("OLD-1", "Back-filled", opened="2024-05-02").opened == (
        "2024-05-02"
    )
    with pytest.raises(InvalidInput, match="opened"):
        empty_notebook.cases.add("OLD-2", opened="2024-13-40")
    assert [c.ref for c in empty_notebook.cases.list()] == ["OLD-1"]


def test_casebook_case_add_takes_the_opening_day(cli: Any, empty_notebook_path: Path) -> None:
    base = ("--notebook", empty_notebook_path, "--passphrase-stdin")
    stdin = PASSPHRASE + "\n"
    rc, out, err = cli(*base, "case", "add", "Ł-1", "--opened", "2023-01-09", stdin=stdin)
    assert rc == 0, err
    rc, out, err = cli(*base, "case", "show", "Ł-1", stdin=stdin)
    assert rc == 0 and "Opened: 2023-01-09" in out
    rc, out, err = cli(*base, "case", "add", "Ł-2", "--opened", "yesterday", stdin=stdin)
    assert rc == 6 and "opened" in err
