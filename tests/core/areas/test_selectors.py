import pytest

from tests.core.areas.factories import AreaFactory, ThemeFactory
from voorop.core.areas.selectors import area_tree, area_with_descendants

pytestmark = pytest.mark.django_db


def test_area_tree_orders_by_hierarchy_with_depth(django_assert_num_queries):
    town = AreaFactory(name="Stad")
    north = AreaFactory(name="Noord", parent=town, kind="wijk")
    AreaFactory(name="Buurt 1", parent=north, kind="buurt")
    AreaFactory(name="Akkerdorp")
    with django_assert_num_queries(1):
        tree = [(area.name, depth) for area, depth in area_tree()]
    assert tree == [("Akkerdorp", 0), ("Stad", 0), ("Noord", 1), ("Buurt 1", 2)]


def test_descendants_include_the_area_itself():
    town = AreaFactory()
    district = AreaFactory(parent=town)
    street = AreaFactory(parent=district)
    AreaFactory()
    assert set(area_with_descendants(town)) == {town, district, street}


def test_theme_label_follows_language():
    from django.utils import translation

    theme = ThemeFactory(name="groen", name_en="green spaces")
    assert theme.label == "groen"
    with translation.override("en"):
        assert theme.label == "green spaces"
