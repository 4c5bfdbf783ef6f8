"""Casebook's desktop app (PySide6): a thin shell over :class:`notebook.service.Notebook`.

Start-up is split so the unlock window appears fast: :mod:`ui.main` parses arguments
and runs early checks without Qt, then imports :mod:`ui.app` late.
"""
