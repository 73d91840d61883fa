"""The project's URLs plus two bare Django views: the baselines of the load-test pages."""

from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path
from django.views.decorators.http import require_POST


def bare(request):
    return HttpResponse("ok")


@require_POST
def bare_write(request):
    """The least a form post can do (run.py --bare-write): checked by the CSRF middleware,
    one row written (a value in a new session: the session middleware looks up the new key,
    then INSERTs it in a transaction) and a redirect, as our forms answer."""
    request.session["bare"] = 1
    return HttpResponseRedirect("/__bare__/")


urlpatterns = [
    path("__bare__/", bare),
    path("__bare__/write/", bare_write),
    path("", include("voorop.urls")),
]
