"""The site's URLs plus two views that fail, for tests/test_pages_errors.py."""

from django.urls import path

from tests.test_pages_errors import broken, suspicious
from voorop.urls import handler400, handler403, handler404, handler500, urlpatterns

urlpatterns = [
    *urlpatterns,
    path("verdacht/", suspicious),
    path("kapot/", broken),
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
