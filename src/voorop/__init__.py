"""Voorop: a participation platform for Dutch municipalities (samenleving voorop)."""

__version__ = "0.1.0"
