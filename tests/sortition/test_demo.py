"""The demo municipality has a published assembly and one still taking registrations."""

import pytest

from voorop.sortition.models import Assembly

pytestmark = pytest.mark.django_db


def test_demo_assemblies(client, demo):
    energie = Assembly.objects.get(title="Burgerberaad Energie en Warmte Lindewaard")
    assert energie.stage == "panel"
    # Registration closed before the seed was fixed and the chances were computed.
    assert energie.seed_fixed_at > energie.registration_closed_at
    assert energie.report.data["registration"]["closed_at"]
    assert energie.respondents.filter(status="selected").count() == 30
    assert energie.respondents.filter(status="reserve").count() == 6
    assert energie.selections.get().algorithm == "leximin"
    assert energie.report.pool_size == energie.respondents.count()
    assert energie.respondents.filter(user__isnull=False).count() == 1
    groen = Assembly.objects.get(title="Burgerberaad Groen en Spelen Heikant")
    assert groen.stage == "registration" and groen.respondents.count() == 20
    assert groen.registration_closed_at is None  # still taking registrations
    assert client.get(f"/loting/{energie.pk}/verslag/").status_code == 200
