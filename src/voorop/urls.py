"""Root URL configuration. Each domain app brings its own ``urls.py``."""

from django.conf import settings
from django.conf.urls.static import static
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
    path("account/", include("voorop.accounts.urls")),
    path("account/", include("allauth.urls")),
    path("beheer/", admin_site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Dutch (or English) error pages in the site's layout; see voorop.core.views.
handler400 = "voorop.core.views.bad_request"
handler403 = "voorop.core.views.permission_denied"
handler404 = "voorop.core.views.page_not_found"
handler500 = "voorop.core.views.server_error"
