"""The open data API, read-only, under /api/v1 (decision 0022): django-ninja, which writes
the OpenAPI 3 description from the code. Every app is reached through its selectors; what
residents may not see on the site (drafts, personal data, unpublished decisions) is not
here either."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, ValidationError

from voorop.api import http, opinions
from voorop.api.paging import ID, PAGE, PAGE_SIZE, Problem
from voorop.api.paging import page as _page
from voorop.api.schemas import (
    AssemblyPage,
    BudgetRoundPage,
    DecisionPage,
    DeskStatisticsOut,
    EventPage,
    IndicatorOut,
    InitiativeOut,
    InitiativePage,
    PabulibOut,
    SnapshotDetailOut,
    SnapshotPage,
)
from voorop.budgeting import selectors as budgeting
from voorop.core import cache, indicators
from voorop.core.areas.models import Area, Theme
from voorop.core.indicators import Period
from voorop.council import selectors as council
from voorop.initiatives import selectors as initiatives
from voorop.monitoring import selectors as monitoring
from voorop.sortition import selectors as sortition

DESCRIPTION = """Open data of the participation platform Voorop: public initiatives, desk
statistics (no personal data), budget rounds with their results and anonymous ballots
(pabulib), published reports of citizens' assemblies, the programme's indicators and
half-yearly snapshots, council events and decisions, opinion maps in Pol.is's open-data format
(CSV).

Read-only. Lists are paginated (`page`, `pageSize`) and filtered by `area` (an area id,
including the areas below it), `theme` (a theme's slug) and `period` (a half-year such as
`2026-H1`). Every answer carries an `ETag`; send it back in `If-None-Match` to get `304 Not
Modified`. Errors are `application/problem+json` (RFC 9457). At most
1000 requests per hour per client."""


class OpenDataAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params=None):  # type: ignore[override]
        from voorop.api.openapi import adr_schema

        return adr_schema(super().get_openapi_schema(path_prefix="", path_params=path_params))


api = OpenDataAPI(
    title="Voorop open data",
    version=http.API_VERSION,
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)

ANONYMOUS = AnonymousUser()

api.add_router("", opinions.router)


@api.exception_handler(Problem)
def _problem(request: HttpRequest, exc: Problem):
    return http.problem(request, exc.status, exc.title, exc.detail)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError):
    fields = [".".join(str(p) for p in error.get("loc", [])[1:]) for error in exc.errors]
    return http.problem(
        request,
        400,
        "Invalid input",
        "Check the query parameters: " + ", ".join(f for f in fields if f) + ".",
        invalidParams=[
            {"name": ".".join(str(p) for p in e.get("loc", [])[1:]), "reason": e.get("msg", "")}
            for e in exc.errors
        ],
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404):
    return http.problem(request, 404, "Not found", "There is nothing at this address.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError):
    return http.problem(request, exc.status_code, "Error", str(exc))


# ------------------------------------------------------------------------ filters, pages


def _area(area: int | None) -> Area | None:
    if area is None:
        return None
    found = Area.objects.filter(pk=area).first()
    if found is None:
        raise Problem(400, "Invalid input", f"There is no area with id {area}.")
    return found


def _theme(theme: str | None) -> Theme | None:
    if not theme:
        return None
    found = Theme.objects.filter(slug=theme).first()
    if found is None:
        raise Problem(400, "Invalid input", f"There is no theme {theme!r}.")
    return found


def _period(period: str | None) -> Period | None:
    if not period:
        return None
    try:
        return Period.from_key(period)
    except ValueError as error:
        raise Problem(400, "Invalid input", "A period is a half-year such as 2026-H1.") from error


AREA = Query(None, ge=1, le=2_147_483_647, description="An area id; areas below it count too.")
# A slug's own characters: anything else (a NUL byte, which PostgreSQL refuses in a text
# value and answered 500, found by the fuzz test) is a 400 before any query.
THEME = Query(None, max_length=100, pattern=r"^[-a-zA-Z0-9_]+$", description="A theme's slug.")
PERIOD = Query(
    None, pattern=r"^\d{4}-H[12]$", description="A half-year from 1900 on, such as 2026-H1."
)


# ------------------------------------------------------------------------ initiatives


def _initiative(item: Any) -> dict[str, Any]:
    return {
        "id": item.pk,
        "title": item.title,
        "summary": item.summary,
        "status": item.status,
        "ladderStep": item.ladder_step,
        "ownershipType": item.ownership_type,
        "isExperiment": item.is_experiment,
        "experimentMode": item.experiment_mode,
        "supportCount": item.support_count,
        "createdAt": item.created_at,
        "areas": [a.pk for a in item.areas.all()],
        "themes": [t.slug for t in item.themes.all()],
        "url": item.get_absolute_url(),
    }


@api.get("/initiatives", response=InitiativePage, by_alias=True, tags=["initiatives"])
def list_initiatives(
    request: HttpRequest,
    area: int | None = AREA,
    theme: str | None = THEME,
    period: str | None = PERIOD,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
):
    """Public initiatives, newest first."""
    items = initiatives.initiatives_for_gallery(area=_area(area), theme=_theme(theme))
    if chosen := _period(period):
        start, end = chosen.datetime_range()
        items = items.filter(created_at__gte=start, created_at__lt=end)
    return _page(items, page, page_size, _initiative)


@api.get(
    "/initiatives/{initiative_id}", response=InitiativeOut, by_alias=True, tags=["initiatives"]
)
def get_initiative(request: HttpRequest, initiative_id: int = ID):
    """One public initiative."""
    item = initiatives.initiatives_for_gallery().filter(pk=initiative_id).first()
    if item is None:
        raise Http404
    return _initiative(item)


# ------------------------------------------------------------------------ desk statistics


@api.get("/desk-statistics", response=DeskStatisticsOut, by_alias=True, tags=["desk"])
def desk_statistics(request: HttpRequest, area: int | None = AREA, period: str | None = PERIOD):
    """The desk's indicators for a half-year (default: the current one) and an area:
    counts and shares only, no personal data. Computed at most every ten minutes."""
    chosen = _period(period) or Period.current()
    place = _area(area)
    return cache.remember(
        "api.desk_statistics",
        chosen.key,
        place.pk if place else 0,
        get_language(),  # the indicators' names and formulas are in the reader's language
        compute=lambda: {
            "period": chosen.key,
            "area": place.pk if place else None,
            "indicators": [
                {**indicator.definition(), **indicator.measure(chosen, place).as_dict()}
                for indicator in indicators.all_indicators()
                if indicator.app_label == "loket"
            ],
        },
        timeout=600,
    )


# ------------------------------------------------------------------------ budget rounds


def _round(item: Any) -> dict[str, Any]:
    result = budgeting.latest_result(item)
    done = result is not None and result.is_done and item.voting_closed
    return {
        "id": item.pk,
        "title": item.title,
        "kind": item.kind,
        "area": item.area_id,
        "budget": int(item.budget),
        "proposalsFrom": item.proposals_from,
        "votingFrom": item.voting_from,
        "votingUntil": item.voting_until,
        "result": {
            "rule": result.rule,
            "ballotCount": result.ballot_count,
            "totalCost": result.total_cost,
            "selected": result.selected,
            "computedAt": result.computed_at,
        }
        if done
        else None,
    }


@api.get("/budget-rounds", response=BudgetRoundPage, by_alias=True, tags=["budget rounds"])
def list_budget_rounds(
    request: HttpRequest,
    area: int | None = AREA,
    period: str | None = PERIOD,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
):
    """Budget rounds with their results once voting closed, newest first."""
    items = budgeting.rounds_list().order_by("-voting_until", "-pk")
    if place := _area(area):
        items = items.filter(area_id__in=indicators.area_ids(place))
    if chosen := _period(period):
        start, end = chosen.datetime_range()
        items = items.filter(voting_until__gte=start, voting_until__lt=end)
    return _page(items, page, page_size, _round)


@api.get(
    "/budget-rounds/{round_id}/pabulib", response=PabulibOut, by_alias=True, tags=["budget rounds"]
)
def budget_round_pabulib(request: HttpRequest, round_id: int = ID):
    """The round's projects and anonymous ballots in the pabulib format, once its result is
    published, so that anyone can recompute it."""
    item = budgeting.rounds_list().filter(pk=round_id).first()
    if item is None:
        raise Http404
    result = budgeting.latest_result(item)
    if result is None or not result.is_done or not item.voting_closed or not result.pb_text:
        raise Http404
    return {"fileName": budgeting.pb_filename(item), "content": result.pb_text}


# ------------------------------------------------------------------------ assemblies


def _assembly(item: Any) -> dict[str, Any]:
    report = item.report
    return {
        "id": item.pk,
        "title": item.title,
        "panelSize": item.panel_size,
        "startsOn": item.starts_on,
        "algorithm": report.algorithm,
        "engineVersion": report.engine_version,
        "seed": report.seed,
        "poolSize": report.pool_size,
        "invitationCount": report.invitation_count,
        "publishedAt": report.published_at,
        "composition": report.data,
    }


@api.get("/assemblies", response=AssemblyPage, by_alias=True, tags=["assemblies"])
def list_assemblies(request: HttpRequest, page: int = PAGE, page_size: int = PAGE_SIZE):
    """Citizens' assemblies whose draw was published: aggregates only."""
    return _page(sortition.assemblies_with_report(), page, page_size, _assembly)


# ------------------------------------------------------------------------ monitoring


@api.get("/indicators", response=list[IndicatorOut], by_alias=True, tags=["monitoring"])
def list_indicators(request: HttpRequest):
    """Every indicator: computed by an instrument, or entered by hand."""
    return [monitoring.definition_of(key) for key, _label in monitoring.indicator_choices()]


def _snapshot(item: Any) -> dict[str, Any]:
    return {
        "id": item.pk,
        "programme": item.programme.name,
        "period": item.period_key,
        "kind": item.kind,
        "takenAt": item.finished_at,
    }


@api.get("/snapshots", response=SnapshotPage, by_alias=True, tags=["monitoring"])
def list_snapshots(
    request: HttpRequest, period: str | None = PERIOD, page: int = PAGE, page_size: int = PAGE_SIZE
):
    """The snapshot archive (public programmes), newest half-year first."""
    items = monitoring.snapshots_archive(ANONYMOUS)
    if chosen := _period(period):
        items = items.filter(period_key=chosen.key)
    return _page(items, page, page_size, _snapshot)


@api.get("/snapshots/{snapshot_id}", response=SnapshotDetailOut, by_alias=True, tags=["monitoring"])
def get_snapshot(request: HttpRequest, snapshot_id: int = ID):
    """One snapshot with every value and the definitions as they were."""
    item = monitoring.snapshots_archive(ANONYMOUS).filter(pk=snapshot_id).first()
    if item is None:
        raise Http404
    values = [
        {
            "indicator": v.indicator_key,
            "name": v.name,
            "formula": v.formula,
            "unit": v.unit,
            "area": v.area_id,
            "areaName": v.area_name,
            "value": v.value,
            "text": v.text,
            "numerator": v.numerator,
            "denominator": v.denominator,
            "breakdown": v.breakdown,
            "source": v.source,
        }
        for v in item.values.all()
    ]
    return {**_snapshot(item), "values": values}


# ------------------------------------------------------------------------ council


def _event(item: Any) -> dict[str, Any]:
    return {
        "id": item.pk,
        "kind": item.kind,
        "title": item.title,
        "description": item.description,
        "place": item.place,
        "startsAt": item.starts_at,
        "endsAt": item.ends_at,
        "area": item.area_id,
        "harvest": item.harvest,
    }


@api.get("/events", response=EventPage, by_alias=True, tags=["council"])
def list_events(
    request: HttpRequest,
    area: int | None = AREA,
    period: str | None = PERIOD,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
):
    """Meetings between council and society, newest first, with their harvest."""
    items = council.events_public()
    if place := _area(area):
        items = items.filter(area_id__in=indicators.area_ids(place))
    if chosen := _period(period):
        start, end = chosen.datetime_range()
        items = items.filter(starts_at__gte=start, starts_at__lt=end)
    return _page(items, page, page_size, _event)


def _decision(item: Any) -> dict[str, Any]:
    reflection = getattr(item, "reflection", None)
    return {
        "id": item.pk,
        "title": item.title,
        "decidedOn": item.decided_on,
        "summary": item.summary,
        "publishedAt": item.published_at,
        "reflection": {
            "societyInvolved": reflection.society_involved,
            "ladderStep": reflection.ladder_step,
        }
        if reflection is not None
        else None,
    }


@api.get("/council-decisions", response=DecisionPage, by_alias=True, tags=["council"])
def list_council_decisions(
    request: HttpRequest,
    area: int | None = AREA,
    period: str | None = PERIOD,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
):
    """Published council decisions with the mirroring councillor's reflection."""
    items = council.decisions_visible_to(ANONYMOUS).order_by("-decided_on", "-pk")
    if place := _area(area):
        items = items.filter(dossier__area_id__in=indicators.area_ids(place))
    if chosen := _period(period):
        items = items.filter(decided_on__gte=chosen.start, decided_on__lt=chosen.end)
    return _page(items, page, page_size, _decision)
