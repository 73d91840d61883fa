from django.conf import settings
from django.http import HttpRequest

from voorop.core import navigation, page_cache


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "municipality_name": settings.VOOROP_MUNICIPALITY_NAME,
        "main_navigation": navigation.items_for(request, "main"),
        "staff_navigation": navigation.items_for(request, "staff"),
        # A page rendered for the shared cache holds a placeholder, never a visitor's token.
        **page_cache.csrf_token_for_template(request),
    }
