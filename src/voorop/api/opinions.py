"""Opinion maps in Pol.is's open-data format (decision 0022): the maps residents find on the
panel's page, each with the two files Pol.is publishes for a conversation. What is public,
and the files themselves, come from the panel's selectors (the organisers' export is the same
code, with every statement); statements waiting for a check or not shown are not in them, and
participants are numbers."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router

from voorop.api import paging
from voorop.api.paging import ID, PAGE, PAGE_SIZE
from voorop.api.schemas import OpinionMapPage
from voorop.panel import selectors as panel

router = Router(tags=["opinion maps"])

CSV = "text/csv; charset=utf-8"
PREFIX = "/api/v1"


def _csv_operation(summary: str) -> dict[str, Any]:
    return {
        "responses": {
            "200": {
                "description": summary,
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    }


def _opinion_map(item: Any) -> dict[str, Any]:
    base = f"{PREFIX}/opinion-maps/{item.pk}"
    return {
        "id": item.pk,
        "title": item.title,
        "intro": item.intro,
        "panel": item.panel.title,
        "statementCount": item.shown_count,
        "participantCount": item.participant_count,
        "createdAt": item.created_at,
        "computedAt": item.computed_at,
        "url": item.get_absolute_url(),
        "participantsVotes": f"{base}/participants-votes",
        "comments": f"{base}/comments",
    }


def _public_map(map_id: int) -> Any:
    found = panel.maps_public().filter(pk=map_id).first()
    if found is None:
        raise Http404
    return found


def _file(map_id: int, name: str) -> HttpResponse:
    found = _public_map(map_id)
    files = panel.polis_open_data(found)
    response = HttpResponse(files[name], content_type=CSV)
    response["Content-Disposition"] = f'inline; filename="map-{found.pk}-{name}"'
    return response


@router.get("/opinion-maps", response=OpinionMapPage, by_alias=True)
def list_opinion_maps(
    request: HttpRequest, page: int = PAGE, page_size: int = PAGE_SIZE
) -> dict[str, Any]:
    """Opinion maps residents can take part in, newest first, with links to their files in
    Pol.is's open-data format."""
    return paging.page(panel.maps_public(), page, page_size, _opinion_map)


@router.get(
    "/opinion-maps/{map_id}/participants-votes",
    openapi_extra=_csv_operation("participants-votes.csv as Pol.is publishes it."),
)
def opinion_map_participants_votes(request: HttpRequest, map_id: int = ID) -> HttpResponse:
    """Pol.is's participants-votes.csv: one row per participant (an anonymous number, in the
    order they first voted) with their group and their vote per shown statement: 1 agree,
    -1 disagree, 0 pass, empty not seen."""
    return _file(map_id, panel.PARTICIPANTS_VOTES)


@router.get(
    "/opinion-maps/{map_id}/comments",
    openapi_extra=_csv_operation("comments.csv as Pol.is publishes it."),
)
def opinion_map_comments(request: HttpRequest, map_id: int = ID) -> HttpResponse:
    """Pol.is's comments.csv: the shown statements with their agrees, disagrees and
    group-informed consensus."""
    return _file(map_id, panel.COMMENTS)
