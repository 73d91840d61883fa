"""``python -m voorop.engines.budgeting compute FILE.pb ...``."""

import sys

from .cli import main

sys.exit(main())
