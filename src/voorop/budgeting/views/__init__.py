"""Views of budget rounds, one module per stage of the process (see `urls.py`):
`rounds`, `proposals`, `residents` and `letters` (who may vote), `ballots` (voting),
`results` and `what_if`. `common` holds what they share. Views only parse input, call a
service or selector and render.
"""
