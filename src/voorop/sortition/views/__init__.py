"""Views of citizens' assemblies, one module per stage of the process (as `services`):
`assemblies`, `invitations`, `registration`, `quotas`, `selection`, `panel`, `publication`
and `privacy`. The URLconf (`sortition/urls.py`) names each view by its module."""
