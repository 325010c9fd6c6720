"""``python -m trade_analyst.testing``: check the domain's laws on this installation."""

import sys

from trade_analyst.testing.runner import main

sys.exit(main())
