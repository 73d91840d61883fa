"""iCalendar export of events: one event, or the feed of all upcoming events."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from voorop.council.models import Event


def build(events: Iterable[Event], *, base_url: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Voorop//Raad en samenleving//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{settings.VOOROP_MUNICIPALITY_NAME or 'Voorop'}: bijeenkomsten")
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"{event.uid}@voorop")
        entry.add("summary", f"{event.get_kind_display()}: {event.title}")
        entry.add("dtstart", event.starts_at)
        entry.add("dtend", event.ends_at)
        entry.add("dtstamp", timezone.now())
        entry.add("location", event.place)
        entry.add("description", event.description)
        if base_url:
            entry.add("url", base_url + event.get_absolute_url())
        calendar.add_component(entry)
    return calendar.to_ical()


def response(events: list[Event], *, filename: str, request: HttpRequest) -> HttpResponse:
    body = build(events, base_url=request.build_absolute_uri("/").rstrip("/"))
    result = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    result["Content-Disposition"] = f'attachment; filename="{filename}"'
    return result
