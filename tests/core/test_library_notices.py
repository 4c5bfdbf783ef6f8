"""Signing and verifying print nothing on a practitioner's terminal."""

from __future__ import annotations

import os
import subprocess
import sys

_SIGN_AND_VERIFY = """
import summary_samples as samples
from casebook.signing import create_identity, sign_pdf, verify_pdf
from casebook.summary import render_summary_pdf

identity = create_identity("Łukasz Nowak", "Northfield Family Safeguarding Service")
signed = sign_pdf(render_summary_pdf(samples.summary()), identity, "Summary for supervision")
assert verify_pdf(signed).ok
"""


def test_signing_and_verifying_a_summary_print_no_library_notices() -> None:
    tests = os.path.dirname(__file__)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([tests, os.environ.get("PYTHONPATH", "")])}
    env.pop("PYTHONWARNINGS", None)
    done = subprocess.run(
        [sys.executable, "-W", "default", "-c", _SIGN_AND_VERIFY],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
