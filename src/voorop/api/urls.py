"""/api/v1: the open data API; every view wrapped by voorop.api.http.api_view."""

from voorop.api.api import api
from voorop.api.http import api_view

patterns, app_name, namespace = api.urls
for pattern in patterns:
    pattern.callback = api_view(pattern.callback)  # type: ignore[union-attr]

urlpatterns = patterns
