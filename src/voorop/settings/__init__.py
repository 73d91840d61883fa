"""Settings modules: ``base`` (safe defaults), ``dev``, ``test`` and ``production``.

Every environment variable Voorop reads is declared in :mod:`voorop.settings.env`.
"""
