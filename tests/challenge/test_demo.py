"""The demo challenges, written through the services: every stage, deadlines that follow
from the dates in the story, and the two challenges in the council's green dossier."""

import importlib

import pytest

from voorop.challenge import selectors
from voorop.challenge.models import Challenge, Stage
from voorop.council.models import DossierStatus

pytestmark = pytest.mark.django_db


def _load(*apps: str) -> dict:
    context: dict = {}
    for app in ("core.areas", "accounts", *apps):
        importlib.import_module(f"voorop.{app}.demo").load(context)
    return context


def test_demo_challenges_in_every_stage_with_their_story():
    context = _load("challenge")
    stages = set(Challenge.objects.values_list("stage", flat=True))
    assert stages == {
        Stage.SUBMITTED,
        Stage.EXPLORATORY_TALK,
        Stage.ASSESSMENT,
        Stage.DECISION,
        Stage.RUNNING,
        Stage.REFUSED,
        Stage.COMPLETED,
    }
    work_list = selectors.challenges_work_list()
    assert work_list[0].overdue and work_list[0].stage == Stage.SUBMITTED
    incomplete = Challenge.objects.get(stage=Stage.EXPLORATORY_TALK)
    assert incomplete.complete_at is None and incomplete.missing_information
    for challenge in Challenge.objects.all():
        events = list(challenge.timeline.all())
        assert events[0].kind == "submitted"
        assert events[0].created_at == challenge.submitted_at
    running = context["challenges"]["heikant"]
    moments = [running.submitted_at, running.acknowledged_at, running.assessed_at]
    assert moments == sorted(moments) and running.decided_at > running.assessed_at
    assert running.supports.count() == 2 and running.scores.count() == 5

    green = context["dossiers"]["groen"]
    assert green.status == DossierStatus.OPEN and green.anchor_points.count() == 3
    assert set(selectors.challenges_in_dossier(green)) == {
        context["challenges"]["heikant"],
        context["challenges"]["oud_veen"],
    }
