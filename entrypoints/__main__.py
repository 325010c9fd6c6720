"""``python -m trade_analyst.entrypoints`` runs the ``ta`` CLI."""

import sys

from trade_analyst.entrypoints.launcher import main

sys.exit(main())
