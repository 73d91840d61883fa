from django.conf import settings
from django.http import HttpRequest

from voorop.core import navigation


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "municipality_name": settings.VOOROP_MUNICIPALITY_NAME,
        "main_navigation": navigation.items_for(request, "main"),
        "staff_navigation": navigation.items_for(request, "staff"),
    }
