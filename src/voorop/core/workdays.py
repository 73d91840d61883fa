"""Working days in the Netherlands: deadlines such as "a first response within 5 working days".

Weekends and the national public holidays do not count: New Year's Day, Easter Monday, King's
Day (27 April; 26 April when the 27th is a Sunday), Liberation Day (5 May, every year, so a
deadline is never shortened by it), Ascension Day, Whit Monday, Christmas Day and Boxing Day.
Good Friday is not a general day off and counts as a working day.
Plain Python, no Django: the engines and the web app share it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache


def easter_sunday(year: int) -> date:
    """Gregorian Easter (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    easter = easter_sunday(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day = date(year, 4, 26)
    return frozenset(
        {
            date(year, 1, 1),
            easter + timedelta(days=1),
            kings_day,
            date(year, 5, 5),
            easter + timedelta(days=39),
            easter + timedelta(days=50),
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(start: date | datetime, days: int) -> date:
    """The date `days` working days after `start` (start itself does not count)."""
    current = start.date() if isinstance(start, datetime) else start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date | datetime, end: date | datetime) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    first = start.date() if isinstance(start, datetime) else start
    last = end.date() if isinstance(end, datetime) else end
    count, current = 0, first
    while current < last:
        current += timedelta(days=1)
        count += is_working_day(current)
    return count
