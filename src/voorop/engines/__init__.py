"""Django-free algorithms: budget allocation rules, sortition, statistics.

Nothing in this package may import Django (a test enforces it). Plain data in, plain data
out, randomness passed in as a seeded generator, so the web app and the command line give
the same answers and anyone can recompute a published outcome.
"""
