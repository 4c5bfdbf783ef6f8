"""One module per group of ``casebook`` commands.

Each exposes ``add_parsers(sub)``, which adds its sub-commands to the top-level
sub-parsers, and ``HANDLERS``, the handler of each command by name (``"case list"``).
:data:`casebook_cli.main.COMMAND_MODULES` lists them in the order ``--help`` shows them.
"""
