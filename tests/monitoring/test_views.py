"""Monitoring's pages: the public dashboard with charts and tables, the archive, a snapshot
with its downloads, the comparison, lessons, and the staff pages."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory, user_with_role
from tests.core.areas.factories import AreaFactory
from tests.initiatives.factories import InitiativeFactory
from tests.monitoring.factories import ManualIndicatorFactory, ProgrammeFactory, SnapshotFactory
from voorop.core.indicators import Unit
from voorop.monitoring.models import Lesson, ManualValue, Programme, Snapshot, SnapshotValue

pytestmark = pytest.mark.django_db


def value(snapshot, key="initiatives.from_society", value=3.0, area=None, **kwargs):
    return SnapshotValue.objects.create(
        snapshot=snapshot,
        indicator_key=key,
        name=kwargs.pop("name", "Initiatieven uit de samenleving"),
        description="Hoeveel initiatieven begonnen.",
        formula="aantal openbare initiatieven",
        unit=kwargs.pop("unit", Unit.COUNT),
        area=area,
        area_name=area.name if area else "hele gemeente",
        value=value,
        **kwargs,
    )


@pytest.fixture
def archive():
    programme = ProgrammeFactory(
        name="Samenleving Voorop", indicator_keys=["initiatives.from_society"]
    )
    first = SnapshotFactory(programme=programme, period_key="2025-H1")
    second = SnapshotFactory(programme=programme, period_key="2025-H2")
    value(first, value=3)
    value(second, value=7)
    value(second, value=2, area=AreaFactory(name="Heikant"))
    return programme, first, second


def test_the_public_dashboard_shows_a_chart_and_the_same_numbers_in_a_table(client, archive):
    response = client.get(reverse("monitoring:dashboard"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and 'role="img"' in page
    assert "Initiatieven uit de samenleving" in page
    assert "<td>3</td>" in page and "<td>7</td>" in page
    assert "Eerste helft van 2025" in page


def test_the_dashboard_per_area(client, archive):
    heikant = SnapshotValue.objects.get(area_name="Heikant").area
    page = client.get(reverse("monitoring:dashboard"), {"area": heikant.pk}).content.decode()
    assert "<td>2</td>" in page and "<td>7</td>" not in page


def test_a_programme_that_is_not_public_is_hidden_from_residents(client, archive):
    programme, _first, second = archive
    Programme.objects.filter(pk=programme.pk).update(is_public=False)
    assert client.get(reverse("monitoring:snapshot", args=[second.pk])).status_code in (302, 403)
    client.force_login(user_with_role("raadslid"))
    assert client.get(reverse("monitoring:snapshot", args=[second.pk])).status_code == 200


def test_the_archive_and_a_snapshot_with_its_downloads(client, archive):
    _programme, first, second = archive
    page = client.get(reverse("monitoring:archive")).content.decode()
    assert second.get_absolute_url() in page and first.get_absolute_url() in page
    page = client.get(second.get_absolute_url()).content.decode()
    assert "Heikant" in page
    csv_response = client.get(reverse("monitoring:snapshot_csv", args=[second.pk]))
    text = csv_response.content.decode("utf-8-sig")
    assert "Heikant" in text and "2025-H2" in text
    ods = client.get(reverse("monitoring:snapshot_ods", args=[second.pk]))
    with zipfile.ZipFile(io.BytesIO(ods.content)) as sheet:
        assert sheet.namelist()[0] == "mimetype"
        assert "Heikant" in sheet.read("content.xml").decode()


@pytest.mark.slow
def test_the_half_year_report_is_a_pdf(client, archive):
    response = client.get(reverse("monitoring:snapshot_pdf", args=[archive[2].pk]))
    assert response.content.startswith(b"%PDF")


def test_a_queued_snapshot_is_not_in_the_archive(client, archive):
    waiting = SnapshotFactory(programme=archive[0], period_key="2026-H1", status="queued")
    assert client.get(reverse("monitoring:snapshot", args=[waiting.pk])).status_code == 404


def test_two_snapshots_compared(client, archive):
    _programme, first, second = archive
    page = client.get(reverse("monitoring:compare"), {"a": second.pk, "b": first.pk}).content
    page = page.decode()
    assert "<td>3</td><td>7</td><td>4</td>" in page


def test_lessons_are_public_and_searchable(client):
    experiment = InitiativeFactory(running=True, is_experiment=True, title="Groen in Heikant")
    Lesson.objects.create(
        initiative=experiment,
        period_key="2025-H2",
        worked="Korte lijnen",
        did_not_work="",
        differently="",
    )
    Lesson.objects.create(
        initiative=experiment,
        period_key="2025-H2",
        worked="Subsidie op tijd",
        did_not_work="",
        differently="",
    )
    page = client.get(reverse("monitoring:lessons"), {"q": "lijnen"}).content.decode()
    assert "Korte lijnen" in page and "Subsidie op tijd" not in page
    page = client.get(reverse("monitoring:experiment", args=[experiment.pk])).content.decode()
    assert "Korte lijnen" in page and "Subsidie op tijd" in page
    draft = InitiativeFactory(is_experiment=True)
    assert client.get(reverse("monitoring:experiment", args=[draft.pk])).status_code == 404


def test_staff_pages_need_a_staff_role(client):
    url = reverse("monitoring:staff")
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(user_with_role("procesbegeleider"))
    assert client.get(url).status_code == 200
    assert client.get(reverse("monitoring:programme_create")).status_code == 403


def test_a_beheerder_enters_a_value_and_keeps_what_was_typed_on_an_error(client):
    indicator = ManualIndicatorFactory(unit=Unit.SHARE)
    client.force_login(user_with_role("beheerder"))
    url = reverse("monitoring:manual_value_enter")
    data = {"indicator": indicator.pk, "period_key": "2025-H2", "value": "150", "source": "enquête"}
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "0 tot 100" in page and 'value="enquête"' in page
    data["value"] = "45"
    assert client.post(url, data).status_code == 302
    assert ManualValue.objects.get().value == Decimal("0.45")


def test_a_beheerder_takes_a_snapshot_on_request(client, django_capture_on_commit_callbacks):
    programme = ProgrammeFactory()
    client.force_login(user_with_role("beheerder"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("monitoring:snapshot_request", args=[programme.pk]), {"period_key": "2025-H2"}
        )
    assert response.status_code == 302
    assert Snapshot.objects.get().status == "done"
