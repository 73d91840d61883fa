"""``python -m voorop.engines.sortition select ...``"""

from .cli import main

raise SystemExit(main())
