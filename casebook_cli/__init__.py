"""``casebook``: the command line, a thin shell over :class:`casebook.service.Notebook`.

:mod:`casebook_cli.main` builds the parser from the command modules in
:mod:`casebook_cli.commands` and runs one command. Nothing in the core imports this package.
"""
