"""PyInstaller hook for Casebook's own ``notebook`` package.

pyinstaller-hooks-contrib ships a ``hook-notebook.py`` for *Jupyter* Notebook, which
imports jupyter_core and fails on our package of the same name. A hook in the spec's
``hookspath`` takes precedence, so this empty one replaces it: Casebook's ``notebook``
needs nothing beyond what the spec lists (its submodules and resources/).
"""
