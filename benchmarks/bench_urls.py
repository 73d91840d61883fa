"""URL configuration for bench_pages: the project's URLs plus a bare view as the baseline."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("__bare__/", bare), path("", include("voorop.urls"))]
