"""Monitoring's writes: manual indicators and values, programmes of ten, snapshots that
keep values and definitions as they were, experiments' indicators and learning log."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from tests.accounts.factories import UserFactory, user_with_role
from tests.core.areas.factories import AreaFactory
from tests.initiatives.factories import InitiativeFactory, owner_of
from tests.monitoring.factories import ManualIndicatorFactory, ProgrammeFactory
from voorop.core import jobs
from voorop.core.areas.models import AreaKind
from voorop.core.indicators import Period, Unit
from voorop.core.models import AuditEntry
from voorop.initiatives.models import Initiative
from voorop.monitoring import services
from voorop.monitoring.models import Snapshot, SnapshotKind, SnapshotValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder():
    return user_with_role("beheerder")


def started(month: int, year: int = 2025, **kwargs) -> Initiative:
    initiative = InitiativeFactory(running=True, **kwargs)
    Initiative.objects.filter(pk=initiative.pk).update(
        created_at=timezone.make_aware(datetime(year, month, 10))
    )
    return initiative


def test_a_beheerder_defines_a_manual_indicator_and_staff_enter_values(beheerder):
    indicator = services.manual_indicator_create(
        actor=beheerder,
        slug="kostenbesparing",
        name="Kostenbesparing",
        description="Wat het experiment bespaarde.",
        formula="Opgave van de afdeling Financiën.",
        unit=Unit.EUROS,
    )
    assert indicator.key == "manual.kostenbesparing"
    facilitator = user_with_role("procesbegeleider")
    value = services.manual_value_enter(
        actor=facilitator,
        indicator=indicator,
        period_key="2025-H1",
        area=None,
        value=Decimal("12500"),
        text="",
        source="Financiën, jaarrekening",
    )
    assert value.entered_by == facilitator
    # Entering again for the same half-year and area corrects the value.
    services.manual_value_enter(
        actor=facilitator,
        indicator=indicator,
        period_key="2025-H1",
        area=None,
        value=Decimal("13000"),
        text="",
        source="Financiën, herzien",
    )
    assert indicator.values.get().value == Decimal("13000")
    assert AuditEntry.objects.filter(action="monitoring.manual_value_entered").count() == 2


def test_values_need_a_source_a_number_and_a_real_half_year(beheerder):
    share = ManualIndicatorFactory(unit=Unit.SHARE)
    base = {"actor": beheerder, "indicator": share, "area": None, "text": ""}
    with pytest.raises(ValidationError) as error:
        services.manual_value_enter(**base, period_key="2025-H1", value=Decimal(5), source=" ")
    assert "source" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.manual_value_enter(**base, period_key="2025-H1", value=Decimal(120), source="x")
    assert "value" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.manual_value_enter(**base, period_key="2025-H3", value=Decimal(5), source="x")
    assert "period_key" in error.value.error_dict
    stored = services.manual_value_enter(
        **base, period_key="2025-H1", value=Decimal(40), source="enquête"
    )
    assert stored.value == Decimal("0.4")


def test_only_staff_who_hold_figures_may_enter_values():
    indicator = ManualIndicatorFactory()
    with pytest.raises(PermissionDenied):
        services.manual_value_enter(
            actor=UserFactory(),
            indicator=indicator,
            period_key="2025-H1",
            area=None,
            value=None,
            text="x",
            source="y",
        )


def test_a_programme_has_at_most_ten_known_indicators(beheerder):
    manual = ManualIndicatorFactory()
    programme = services.programme_create(
        actor=beheerder,
        name="Samenleving Voorop",
        indicator_keys=["initiatives.from_society", manual.key, "initiatives.from_society"],
    )
    assert programme.indicator_keys == ["initiatives.from_society", manual.key]
    with pytest.raises(ValidationError):
        services.programme_set_indicators(
            actor=beheerder, programme=programme, keys=["panel.no_such_indicator"]
        )
    eleven = [f"manual.{ManualIndicatorFactory().slug}" for _ in range(11)]
    with pytest.raises(ValidationError):
        services.programme_set_indicators(actor=beheerder, programme=programme, keys=eleven)
    with pytest.raises(PermissionDenied):
        services.programme_create(actor=user_with_role("procesbegeleider"), name="X")


def test_a_snapshot_records_values_per_area_with_the_definitions_as_they_were(
    beheerder, django_capture_on_commit_callbacks
):
    municipality = AreaFactory(kind=AreaKind.MUNICIPALITY, name="Lindewaard")
    village = AreaFactory(parent=municipality, name="Heikant")
    started(2, areas=[village])
    started(3)
    manual = ManualIndicatorFactory(name="Wat merkte de samenleving")
    services.manual_value_enter(
        actor=beheerder,
        indicator=manual,
        period_key="2025-H1",
        area=village,
        value=None,
        text="Meer ruimte voor de dorpsraad.",
        source="Dorpsavond 12 mei",
    )
    programme = ProgrammeFactory(indicator_keys=["initiatives.from_society", manual.key])
    with django_capture_on_commit_callbacks(execute=True):
        snapshot = services.snapshot_request(
            actor=beheerder, programme=programme, period_key="2025-H1"
        )
    snapshot.refresh_from_db()
    assert snapshot.status == jobs.JobStatus.DONE
    assert snapshot.kind == SnapshotKind.ON_DEMAND
    counted = {
        v.area_name: v.value
        for v in snapshot.values.filter(indicator_key="initiatives.from_society")
    }
    assert counted == {"hele gemeente": 2, "Heikant": 1}
    text = snapshot.values.get(indicator_key=manual.key, area=village)
    assert text.text == "Meer ruimte voor de dorpsraad."
    assert text.source.startswith("Dorpsavond 12 mei")
    assert text.name == "Wat merkte de samenleving"

    # A changed definition never changes the old snapshot; a later snapshot has the new one.
    services.manual_indicator_update(
        actor=beheerder, indicator=manual, name="Andere naam", description="d", formula="f"
    )
    assert snapshot.values.get(indicator_key=manual.key, area=village).name == (
        "Wat merkte de samenleving"
    )
    recorded = snapshot.values.first()
    recorded.value = 99
    with pytest.raises(ValueError):
        recorded.save()


def test_a_snapshot_of_a_future_half_year_is_refused(beheerder):
    programme = ProgrammeFactory()
    future = Period.current().next().key
    with pytest.raises(ValidationError):
        services.snapshot_request(actor=beheerder, programme=programme, period_key=future)


def test_the_half_yearly_snapshot_is_taken_once_per_programme(django_capture_on_commit_callbacks):
    programme = ProgrammeFactory()
    ProgrammeFactory(indicator_keys=[])  # nothing to measure
    with django_capture_on_commit_callbacks(execute=True):
        assert services.snapshots_due() == 1
    assert services.snapshots_due() == 0
    snapshot = Snapshot.objects.get()
    assert snapshot.programme == programme
    assert snapshot.kind == SnapshotKind.SCHEDULED
    assert snapshot.period_key == Period.current().previous().key
    assert snapshot.status == jobs.JobStatus.DONE
    assert SnapshotValue.objects.filter(snapshot=snapshot).exists()


def test_an_experiment_keeps_its_own_indicators_and_learning_log():
    owner = UserFactory()
    initiative = InitiativeFactory(running=True, is_experiment=True, owner=owner)
    indicator = services.experiment_indicator_add(
        actor=owner, initiative=initiative, name="Vrijwilligers", how_measured="Telling"
    )
    services.experiment_value_enter(
        actor=owner,
        indicator=indicator,
        period_key="2025-H2",
        value=Decimal(14),
        text="",
        source="ledenlijst",
    )
    lesson = services.lesson_add(
        actor=owner,
        initiative=initiative,
        period_key="2025-H2",
        worked="Korte lijnen met de wijkmanager.",
        did_not_work="",
        differently="Eerder de buren betrekken.",
    )
    assert lesson.author == owner
    with pytest.raises(ValidationError):
        services.lesson_add(
            actor=owner,
            initiative=initiative,
            period_key="2025-H2",
            worked=" ",
            did_not_work="",
            differently="",
        )
    with pytest.raises(PermissionDenied):
        services.lesson_add(
            actor=UserFactory(),
            initiative=initiative,
            period_key="2025-H2",
            worked="x",
            did_not_work="",
            differently="",
        )
    not_an_experiment = InitiativeFactory(running=True)
    with pytest.raises(ValidationError):
        services.lesson_add(
            actor=owner_of(not_an_experiment),
            initiative=not_an_experiment,
            period_key="2025-H2",
            worked="x",
            did_not_work="",
            differently="",
        )


def test_a_computed_indicator_is_recorded_in_every_language_and_read_in_the_readers(
    beheerder, django_capture_on_commit_callbacks
):
    AreaFactory(kind=AreaKind.MUNICIPALITY, name="Lindewaard")
    programme = ProgrammeFactory(indicator_keys=["initiatives.from_society"])
    with django_capture_on_commit_callbacks(execute=True):
        snapshot = services.snapshot_request(
            actor=beheerder, programme=programme, period_key="2025-H1"
        )
    recorded = snapshot.values.get(indicator_key="initiatives.from_society", area=None)
    with translation.override("nl"):
        dutch = recorded.shown_name
    with translation.override("en"):
        english = recorded.shown_name
        assert recorded.shown_formula == recorded.translations["en"]["formula"]
    assert english == "Initiatives from society"
    assert dutch != english
    assert set(recorded.translations) == {"nl", "en"}
