"""The shared model building blocks: LadderStep, Located, TimelineEntry and EngineRun."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone

from tests.core.kit_models import define_model, linked_model, temporary_model
from voorop.core.base import (
    EngineRun,
    LadderStep,
    Located,
    TimelineEntry,
    area_field,
    canonical_digest,
    field_alias,
    theme_field,
)

# --- the participation ladder --------------------------------------------------------------------


def test_the_ladder_has_the_five_steps_of_seed_003_lowest_first():
    assert LadderStep.values == [
        "informeren",
        "raadplegen",
        "adviseren",
        "coproduceren",
        "meebeslissen",
    ]
    assert [str(step.label) for step in LadderStep] == [
        "Informeren",
        "Raadplegen",
        "Adviseren",
        "Coproduceren",
        "Meebeslissen",
    ]
    assert [step.rank for step in LadderStep] == [1, 2, 3, 4, 5]
    assert [step.deepens for step in LadderStep] == [False, False, False, True, True]
    assert str(LadderStep.CODECIDE.description).startswith("Inwoners hebben de leiding")
    assert all(str(step.description) for step in LadderStep)


def test_both_apps_store_the_values_of_the_one_ladder():
    """Initiatives and council reflections already store these values: adopting the one
    LadderStep needs no data migration (decision 0012)."""
    from voorop.council.models import Reflection
    from voorop.initiatives.models import Initiative

    for field in (
        Initiative._meta.get_field("ladder_step"),
        Reflection._meta.get_field("ladder_step"),
    ):
        assert [value for value, _label in field.choices] == LadderStep.values, field


# --- area and theme ------------------------------------------------------------------------------


def test_located_gives_an_optional_area_and_theme_that_survive_their_deletion():
    model = define_model("Spot", {}, bases=(Located,))
    for name, target in (("area", "areas.Area"), ("theme", "areas.Theme")):
        field = model._meta.get_field(name)
        assert field.null and field.blank
        assert field.remote_field.on_delete is models.SET_NULL
        assert field.remote_field.related_name == "+"
        assert field.remote_field.model == target


@pytest.mark.django_db
def test_located_names_its_area_or_the_whole_municipality():
    from tests.core.areas.factories import AreaFactory

    with linked_model("LinkedSpot", {}, bases=(Located,)) as model:
        assert model().area_label == "hele gemeente"
        assert model(area=AreaFactory(name="Heikant")).area_label == "Heikant"


def test_area_and_theme_fields_can_be_taken_one_at_a_time_with_other_options():
    field = area_field(on_delete=models.PROTECT, help_text="Leeg: de hele gemeente.")
    assert field.remote_field.on_delete is models.PROTECT and field.null
    assert theme_field(null=False, blank=False).null is False


# --- timelines -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_timeline_entry_has_a_title_per_kind_and_names_its_actor():
    from tests.accounts.factories import UserFactory

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Ingediend"
        NOTE = "note", "Notitie"

    fields = {
        "kind": models.CharField(max_length=30, choices=Kind.choices),
        "TITLES": {"note": "Een notitie van de gemeente"},
    }
    with linked_model("Step", fields, bases=(TimelineEntry,)) as model:
        assert model._meta.ordering == ["created_at", "id"]
        entry = model(kind="submitted")
        assert entry.title == "Ingediend"
        assert model(kind="note").title == "Een notitie van de gemeente"
        assert entry.actor_label == ""
        user = UserFactory()
        entry.actor = user
        assert entry.actor_label == user.public_name
        assert timezone.now() - entry.created_at < timedelta(seconds=5)
        assert str(entry).endswith(" submitted")


def test_a_kind_without_choices_or_title_shows_itself():
    with linked_model("Plain", {"actor": None}, bases=(TimelineEntry,)) as model:
        entry = model(kind="custom")
        assert entry.title == "custom" and entry.actor_label == ""


@pytest.mark.django_db(transaction=True)
def test_timeline_entries_in_reading_order_public_ones_for_residents():
    # Without an actor column: a subclass may drop the actor (it only shows a role).
    fields = {"actor": None, "role": models.CharField(max_length=30, blank=True)}
    with temporary_model("Entry", fields, bases=(TimelineEntry,)) as model:
        later = datetime(2026, 3, 2, tzinfo=UTC)
        model.objects.create(kind="b", created_at=later, text="Tweede")
        model.objects.create(kind="a", created_at=later.replace(day=1), text="Eerste")
        model.objects.create(kind="n", created_at=later, public=False, text="Intern")
        assert [e.text for e in model.objects.for_timeline()] == ["Eerste", "Tweede", "Intern"]
        assert [e.text for e in model.objects.public().for_timeline()] == ["Eerste", "Tweede"]
        html = render_to_string(
            "core/partials/timeline.html", {"events": model.objects.public().for_timeline()}
        )
        assert html.index("Eerste") < html.index("Tweede") and "Intern" not in html


# --- engine runs ---------------------------------------------------------------------------------


def test_the_canonical_digest_does_not_depend_on_order_spacing_or_number_types():
    data = {"selected": ["3", "1"], "total": Decimal("1500.50"), "share": Fraction(1, 3)}
    same = {"share": Fraction(1, 3), "total": Decimal("1500.50"), "selected": ["3", "1"]}
    assert canonical_digest(data) == canonical_digest(same)
    # A fixed value: the digest is published, so its recipe may never change. It is the
    # SHA-256 of '{"a":"é","b":[1,2]}' in UTF-8.
    assert canonical_digest({"b": [1, 2], "a": "é"}) == (
        "9cfb1f938a87f2b8f3b8cc429c7a09116d54f048322742d4c23d4767b85f85da"
    )
    assert canonical_digest({"n": Fraction(4, 1)}) == canonical_digest({"n": 4})
    assert canonical_digest({"s": {"b", "a"}}) == canonical_digest({"s": ["a", "b"]})
    assert canonical_digest({"d": datetime(2026, 1, 1, tzinfo=UTC)}) == canonical_digest(
        {"d": "2026-01-01T00:00:00+00:00"}
    )
    with pytest.raises(TypeError):
        canonical_digest({"x": object()})


def test_an_engine_run_records_what_anyone_needs_to_recompute_it():
    model = define_model("Run", {}, bases=(EngineRun,))
    run = model()
    assert not run.is_computed and not run.output_matches({"selected": []})
    moment = datetime(2026, 3, 1, tzinfo=UTC)
    run.record_run(
        engine="budgeting:mes",
        version="1.2.0",
        seed="abc123",
        input_digest="f" * 64,
        output={"selected": ["1", "3"]},
        at=moment,
    )
    assert run.is_computed and run.computed_at == moment
    assert run.output_matches({"selected": ["1", "3"]})
    assert not run.output_matches({"selected": ["1"]})
    assert run.reproducibility == {
        "engine": "budgeting:mes",
        "engine_version": "1.2.0",
        "seed": "abc123",
        "input_digest": "f" * 64,
        "output_digest": canonical_digest({"selected": ["1", "3"]}),
    }


@pytest.mark.django_db(transaction=True)
def test_an_engine_run_is_stored_and_read_back():
    fields = {"ballots_digest": field_alias("input_digest")}
    with temporary_model("StoredRun", fields, bases=(EngineRun,)) as model:
        model.objects.create(ballots_digest="b" * 64)
        assert model.objects.get(input_digest="b" * 64).ballots_digest == "b" * 64
        model.objects.all().delete()
        run = model()
        run.record_run(
            engine="sortition:leximin",
            version="1.2.0",
            seed="x" * 200,
            input_digest="a" * 64,
            output={"panels": [["P1", "P2"]], "probabilities": [1.0]},
        )
        run.save()
        stored = model.objects.get()
        assert stored.reproducibility == run.reproducibility
        assert stored.output_matches({"probabilities": [1.0], "panels": [["P1", "P2"]]})
