"""What the open data API returns: pydantic schemas (django-ninja), property names in
lowerCamelCase (NL GOV API Design Rules), dates as ``date`` and moments as ``date-time``
with a time zone."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import ConfigDict, Field
from pydantic.alias_generators import to_camel


class Out(Schema):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)


class PageInfo(Out):
    count: int = Field(description="How many items match, on all pages together.")
    page: int
    page_size: int
    pages: int


class InitiativeOut(Out):
    id: int
    title: str
    summary: str
    status: str
    ladder_step: str
    ownership_type: str
    is_experiment: bool
    experiment_mode: str
    support_count: int
    created_at: datetime
    areas: list[int]
    themes: list[str]
    url: str


class InitiativePage(PageInfo):
    items: list[InitiativeOut]


class MeasurementOut(Out):
    key: str
    name: str
    formula: str
    unit: str
    value: float | None
    numerator: float | None
    denominator: float | None
    breakdown: dict[str, float]


class DeskStatisticsOut(Out):
    period: str
    area: int | None
    indicators: list[MeasurementOut]


class RoundResultOut(Out):
    rule: str
    ballot_count: int
    total_cost: int
    selected: list[Any]
    computed_at: datetime | None


class BudgetRoundOut(Out):
    id: int
    title: str
    kind: str
    area: int | None
    budget: int
    proposals_from: datetime
    voting_from: datetime
    voting_until: datetime
    result: RoundResultOut | None


class BudgetRoundPage(PageInfo):
    items: list[BudgetRoundOut]


class PabulibOut(Out):
    file_name: str
    content: str = Field(
        description="The round in the pabulib format: projects and the anonymous ballots."
    )


class AssemblyReportOut(Out):
    id: int
    title: str
    panel_size: int
    starts_on: date
    algorithm: str
    engine_version: str
    seed: str
    pool_size: int
    invitation_count: int
    published_at: datetime
    composition: dict[str, Any]


class AssemblyPage(PageInfo):
    items: list[AssemblyReportOut]


class IndicatorOut(Out):
    key: str
    name: str
    description: str
    formula: str
    unit: str


class SnapshotOut(Out):
    id: int
    programme: str
    period: str
    kind: str
    taken_at: datetime | None


class SnapshotPage(PageInfo):
    items: list[SnapshotOut]


class SnapshotValueOut(Out):
    indicator: str
    name: str
    formula: str
    unit: str
    area: int | None
    area_name: str
    value: float | None
    text: str
    numerator: float | None
    denominator: float | None
    breakdown: dict[str, Any]
    source: str


class SnapshotDetailOut(SnapshotOut):
    values: list[SnapshotValueOut]


class EventOut(Out):
    id: int
    kind: str
    title: str
    description: str
    place: str
    starts_at: datetime
    ends_at: datetime
    area: int | None
    harvest: str


class EventPage(PageInfo):
    items: list[EventOut]


class ReflectionOut(Out):
    society_involved: str
    ladder_step: str


class DecisionOut(Out):
    id: int
    title: str
    decided_on: date
    summary: str
    published_at: datetime | None
    reflection: ReflectionOut | None


class DecisionPage(PageInfo):
    items: list[DecisionOut]


class OpinionMapOut(Out):
    id: int
    title: str
    intro: str
    panel: str = Field(description="The citizens' panel the map belongs to.")
    statement_count: int = Field(description="Statements shown on the map.")
    participant_count: int
    created_at: datetime
    computed_at: datetime | None = Field(description="When the groups were last computed.")
    url: str
    participants_votes: str = Field(description="Pol.is's participants-votes.csv of the map.")
    comments: str = Field(description="Pol.is's comments.csv of the map.")


class OpinionMapPage(PageInfo):
    items: list[OpinionMapOut]


class ProblemOut(Schema):
    """An error (RFC 9457)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
