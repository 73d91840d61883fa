"""Root URL configuration. Each domain app brings its own ``urls.py``."""

from django.urls import include, path

from voorop.core.admin_site import admin_site

urlpatterns = [
    path("", include("voorop.core.urls")),
    path("loket/", include("voorop.loket.urls")),
    path("initiatieven/", include("voorop.initiatives.urls")),
    path("ho-stop/", include("voorop.hostop.urls")),
    path("uitdaagrecht/", include("voorop.challenge.urls")),
    path("raad/", include("voorop.council.urls")),
    path("begroting/", include("voorop.budgeting.urls")),
    path("loting/", include("voorop.sortition.urls")),
    path("burgerpanel/", include("voorop.panel.urls")),
    path("begrotingsgesprek/", include("voorop.savings.urls")),
    path("resultaten/", include("voorop.monitoring.urls")),
    path("samen/", include("voorop.community.urls")),
    path("pitchbattle/", include("voorop.battles.urls")),
    path("api/v1/", include(("voorop.api.urls", "ninja"), namespace="api")),
    path("account/", include("voorop.accounts.urls")),
    path("account/", include("allauth.urls")),
    path("beheer/", admin_site.urls),
]

# No /media/: uploaded files are served only by the views that check permission
# (voorop.core.files.serve_file), in the demo as in production.

# Dutch (or English) error pages in the site's layout; see voorop.core.views.
handler400 = "voorop.core.views.bad_request"
handler403 = "voorop.core.views.permission_denied"
handler404 = "voorop.core.views.page_not_found"
handler500 = "voorop.core.views.server_error"
