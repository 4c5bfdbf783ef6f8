"""``python -m casebook_cli``: the same as the ``casebook`` command."""

import sys

from casebook_cli.main import main

sys.exit(main())
