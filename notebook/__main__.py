"""``python -m notebook``: the same as the ``casebook`` command."""

import sys

from notebook.cli import main

sys.exit(main())
