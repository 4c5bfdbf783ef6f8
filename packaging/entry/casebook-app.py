"""Frozen entry point of ``casebook-app`` (the window), used by packaging/casebook.spec."""

import sys

from ui.main import main

sys.exit(main())
