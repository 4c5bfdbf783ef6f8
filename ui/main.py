"""``casebook-app``: parse arguments, run early checks, then import the app late.

Nothing here imports Qt or the core at module level, so ``--help`` and ``--version``
answer at once and a missing dependency gives a plain message instead of a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

# Taken as early as possible: the app reports launch-to-window time with --timing.
STARTED = time.perf_counter()

MIN_PYTHON = (3, 11)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line of ``casebook-app``."""
    parser = argparse.ArgumentParser(
        prog="casebook-app",
        description="Casebook: an offline, encrypted notebook for child-protection practitioners.",
    )
    parser.add_argument(
        "--notebook",
        metavar="PATH",
        type=Path,
        help="open this notebook folder (NAME.casebook) instead of the default one",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the first window, wait for the event loop to start, then quit with status 0",
    )
    parser.add_argument(
        "--timing",
        action="store_true",
        help="print the time from launch to the first window being shown",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser.parse_args(argv)


def early_checks() -> str | None:
    """Checks that need neither Qt nor the core; returns a problem in plain words, or None."""
    if sys.version_info < MIN_PYTHON:
        return "Casebook needs Python {}.{} or newer.".format(*MIN_PYTHON)
    try:
        import PySide6  # noqa: F401
    except ImportError:
        return "Casebook's window needs PySide6, which is not installed."
    return None


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``casebook-app`` gui-script."""
    from casebook.hardening import harden_process  # small, imports neither Qt nor the core

    hardening = harden_process()  # first: owner-only files, no core dump, not traceable
    if not hardening.ok:
        print(f"casebook-app: {hardening.warning()}", file=sys.stderr)
    args = parse_args(argv)
    if args.version:
        from casebook import __version__

        print(f"casebook-app {__version__}")
        return 0
    problem = early_checks()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from ui import app  # late: Qt and the core load only now

    return app.run(args, started=STARTED)


if __name__ == "__main__":
    sys.exit(main())
