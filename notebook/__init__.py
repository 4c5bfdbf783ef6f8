"""Casebook core: the encrypted notebook, its records, audit log, import and export.

Nothing in this package imports Qt; the GUI (`ui/`) and the CLI are thin shells over
`notebook.service.Notebook`.
"""

__version__ = "0.1.0"
