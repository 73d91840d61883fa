import factory

from voorop.core.areas.models import Area, AreaKind, Theme


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Dorp {n}")
    slug = factory.Sequence(lambda n: f"dorp-{n}")
    kind = AreaKind.KERN
    population = 2000


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"thema {n}")
    name_en = factory.Sequence(lambda n: f"theme {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
