"""Frozen entry point of ``casebook`` (the command line), used by packaging/casebook.spec."""

import sys

from casebook_cli.main import main

sys.exit(main())
