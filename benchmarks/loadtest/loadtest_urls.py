"""The project's URLs plus a bare Django view: the baseline of every load-test page."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("__bare__/", bare), path("", include("voorop.urls"))]
