"""Demo data of the platform itself: the fictional municipality of Lindewaard.

`voorop demo` calls the `demo.load(context)` function of every Voorop app that has one, in
INSTALLED_APPS order; each app adds its own data and may read what earlier apps put in the
shared context (areas, themes, users).
"""
