"""Frozen entry point of ``casebook`` (the command line), used by packaging/casebook.spec."""

import sys

from notebook.cli import main

sys.exit(main())
