"""The core never imports Qt: the CLI and the notebook run without PySide6 loaded."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
import casebook, casebook.service, casebook_cli.main
from casebook_cli.main import build_parser
build_parser()
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))))
"""


def test_core_and_cli_import_no_qt():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_running_a_cli_command_loads_no_qt(cli, notebook_path):
    script = (
        "import sys, io\n"
        "from casebook_cli.main import main\n"
        "sys.stdin = io.StringIO(sys.argv[2] + '\\n')\n"
        "rc = main(['--notebook', sys.argv[1], '--passphrase-stdin', 'case', 'list'])\n"
        "assert rc == 0, rc\n"
        "print('PySide6' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(notebook_path), "correct horse battery staple"],
        capture_output=True, text=True, timeout=60, check=False, env=cli.env(),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "False"
