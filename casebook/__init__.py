"""Casebook core: the encrypted notebook, its records, audit log, import and export.

Nothing in this package imports Qt, the GUI (`ui/`) or the CLI (`casebook_cli/`); both
are thin shells over `casebook.service.Notebook` (and `casebook.summary.export`).
"""

__version__ = "0.1.0"
