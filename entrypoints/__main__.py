"""``python -m entrypoints`` runs the ``ta`` CLI."""

import sys

from entrypoints.cli import main

sys.exit(main())
