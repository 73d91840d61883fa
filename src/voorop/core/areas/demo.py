"""Lindewaard: a fictional municipality of one town with districts and a ring of villages."""

from __future__ import annotations

from django.utils.text import slugify

from voorop.core.areas.models import Area, AreaKind, Theme
from voorop.core.areas.services import areas_changed

# (name, kind, parent name, residents)
AREAS = [
    ("Gemeente Lindewaard", AreaKind.MUNICIPALITY, None, 43_650),
    ("Lindewaard", AreaKind.KERN, "Gemeente Lindewaard", 24_800),
    ("Centrum", AreaKind.WIJK, "Lindewaard", 5_200),
    ("Lindewaard-Noord", AreaKind.WIJK, "Lindewaard", 7_400),
    ("De Beemden", AreaKind.WIJK, "Lindewaard", 6_900),
    ("Oosterpark", AreaKind.WIJK, "Lindewaard", 5_300),
    ("Molenbuurt", AreaKind.BUURT, "Lindewaard-Noord", 2_100),
    ("Heikant", AreaKind.KERN, "Gemeente Lindewaard", 3_900),
    ("Oud-Veen", AreaKind.KERN, "Gemeente Lindewaard", 2_650),
    ("Bosschenhoek", AreaKind.KERN, "Gemeente Lindewaard", 1_850),
    ("Meerdijk", AreaKind.KERN, "Gemeente Lindewaard", 3_300),
    ("Elst aan de Aa", AreaKind.KERN, "Gemeente Lindewaard", 1_400),
    ("Kruisven", AreaKind.KERN, "Gemeente Lindewaard", 2_200),
    ("Hoogeind", AreaKind.KERN, "Gemeente Lindewaard", 950),
    ("Vlierden", AreaKind.KERN, "Gemeente Lindewaard", 1_600),
    ("Hedel-Buiten", AreaKind.KERN, "Gemeente Lindewaard", 1_000),
]

THEMES = [
    ("wonen", "housing", "Betaalbaar wonen, woningen voor starters en ouderen."),
    ("zorg", "care", "Zorg en welzijn dichtbij: zorgcoöperaties, burenhulp, mantelzorg."),
    ("duurzaamheid", "sustainability", "Energie, klimaat, afval en de energiecoöperatie."),
    ("groen", "green spaces", "Parken, bermen, bomen en groenonderhoud."),
    ("veiligheid", "safety", "Veilig wonen en verkeer, buurtpreventie."),
    ("cultuur", "culture", "Dorpshuizen, evenementen, muziek en erfgoed."),
    ("sport", "sport", "Sportvelden, bewegen en verenigingen."),
    ("mobiliteit", "mobility", "Fiets, bus, wensbus en parkeren."),
]


def load(context: dict) -> None:
    by_name: dict[str, Area] = {}
    for name, kind, parent, residents in AREAS:
        by_name[name] = Area.objects.create(
            name=name,
            slug=slugify(name),
            kind=kind,
            parent=by_name.get(parent) if parent else None,
            population=residents,
        )
    context["areas"] = by_name
    context["themes"] = {
        slug: Theme.objects.create(name=slug, name_en=english, slug=slug, description=text)
        for slug, english, text in THEMES
    }
    # A desk form kept from before a `demo --reset` must not offer the old areas.
    areas_changed()
