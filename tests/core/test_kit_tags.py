"""`{% load kit %}`: phase badge, phase timeline and phase_allows ask the registered kind."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone

from voorop.core import phases
from voorop.core.phases import CurrentPhase, DatedProcess, Phase, StagedProcess, UnknownAction

OPEN = Phase("open", "Open", actions={"sign"}, whose_move="Inwoners")
SIGNED = Phase("signed", "Getekend", final=True, tone="done")
WITHDRAWN = Phase("withdrawn", "Ingetrokken", final=True, tone="danger", side=True)
PETITION = phases.register(
    StagedProcess(
        key="test_kit_petition",
        label="Petitie",
        phases=[OPEN, SIGNED, WITHDRAWN],
        actions={"sign"},
        transitions={OPEN: [SIGNED, WITHDRAWN]},
        paused_field="paused",
    )
)
SOON = Phase("soon", "Binnenkort", tone="warning")
ASKING = Phase("asking", "Vragen", actions={"answer"}, starts="opens_at")
CLOSED = Phase("closed", "Gesloten", starts="closes_at", final=True, tone="done")
SURVEY = phases.register(
    DatedProcess(
        key="test_kit_survey",
        label="Peiling",
        phases=[SOON, ASKING, CLOSED],
        actions={"answer"},
    )
)


class Petition:
    phase = CurrentPhase(PETITION)

    def __init__(self, stage: str = "open", paused: bool = False) -> None:
        self.stage, self.paused = stage, paused


class Survey:
    phase = CurrentPhase(SURVEY)

    def __init__(self, opens_at, closes_at) -> None:
        self.opens_at, self.closes_at = opens_at, closes_at


def render(text: str, **context) -> str:
    return " ".join(Template("{% load kit %}" + text).render(Context(context)).split())


def test_the_badge_shows_the_phase_in_its_tone_and_a_pause():
    assert render("{% phase_badge p %}", p=Petition()) == '<span class="status">Open</span>'
    assert render("{% phase_badge p %}", p=Petition("signed")) == (
        '<span class="status status--done">Getekend</span>'
    )
    assert render("{% phase_badge p %}", p=Petition(paused=True)) == (
        '<span class="status status--warning">Open (gepauzeerd)</span>'
    )


def test_phase_allows_asks_the_kind_and_respects_the_pause():
    text = "{% if p|phase_allows:'sign' %}ja{% else %}nee{% endif %}"
    assert render(text, p=Petition()) == "ja"
    assert render(text, p=Petition(paused=True)) == "nee"
    assert render(text, p=Petition("signed")) == "nee"
    assert render(text, p=None) == "nee"
    with pytest.raises(UnknownAction):
        render("{% if p|phase_allows:'sgin' %}{% endif %}", p=Petition())


def test_the_model_attribute_gives_the_phase_to_templates():
    text = "{% if p.phase.allows.sign %}teken{% endif %} {{ p.phase.whose_move }}"
    assert render(text, p=Petition()) == "teken Inwoners"


def test_the_timeline_lists_dated_phases_with_dates_and_marks_the_current_one():
    now = timezone.now()
    survey = Survey(opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=6))
    html = render("{% phase_timeline s %}", s=survey)
    assert html.count("<li") == 2  # "coming soon" is before the first date, not listed
    assert 'class="phase--current" aria-current="step"' in html
    assert "Vragen</span> vanaf" in html and "tot" in html and "(nu)" in html
    staged = render("{% phase_timeline p %}", p=Petition("withdrawn"))
    assert staged.count("<li") == 1 and "Ingetrokken" in staged
    done = render("{% phase_timeline p %}", p=Petition("signed"))
    assert "phase--done" in done and "(klaar)" in done and "vanaf" not in done
