"""``python -m voorop.engines.opinions ...``: the same as ``voorop opinions ...``."""

from .cli import main

raise SystemExit(main())
