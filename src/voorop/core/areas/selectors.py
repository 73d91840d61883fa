from __future__ import annotations

from django.db.models import QuerySet

from voorop.core.areas.models import Area

# The version (voorop.core.cache.version) of the areas and themes: pages kept in the shared
# cache that offer them (the public desk form) put it in their key; the back office renews it
# on every change (voorop.core.areas.services.areas_changed).
AREAS_AND_THEMES = "core.areas_and_themes"


def area_tree() -> list[tuple[Area, int]]:
    """All areas in display order with their depth, in one query."""
    areas = list(Area.objects.all())
    children: dict[int | None, list[Area]] = {}
    for area in areas:
        children.setdefault(area.parent_id, []).append(area)
    ordered: list[tuple[Area, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for area in sorted(children.get(parent_id, []), key=lambda a: a.name):
            ordered.append((area, depth))
            walk(area.pk, depth + 1)

    walk(None, 0)
    return ordered


def area_with_descendants(area: Area) -> QuerySet[Area]:
    """The area and everything below it (kern → wijken → buurten)."""
    ids, frontier = {area.pk}, [area.pk]
    while frontier:
        frontier = list(Area.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.update(frontier)
    return Area.objects.filter(pk__in=ids)
