from datetime import date

import pytest

from voorop.core.workdays import (
    add_working_days,
    easter_sunday,
    is_working_day,
    public_holidays,
    working_days_between,
)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter(year, easter):
    assert easter_sunday(year) == easter


def test_dutch_public_holidays_2026():
    assert public_holidays(2026) == {
        date(2026, 1, 1),
        date(2026, 4, 6),
        date(2026, 4, 27),
        date(2026, 5, 5),
        date(2026, 5, 14),
        date(2026, 5, 25),
        date(2026, 12, 25),
        date(2026, 12, 26),
    }


def test_kings_day_moves_to_saturday_when_on_sunday():
    assert date(2025, 4, 26) in public_holidays(2025)  # 27 April 2025 was a Sunday
    assert date(2025, 4, 27) not in public_holidays(2025)


def test_five_working_days_skip_weekend_and_christmas():
    # Tuesday 22 December 2026: 23, 24 (Wed, Thu), 28, 29, 30 (25/26 holidays, 26-27 weekend).
    assert add_working_days(date(2026, 12, 22), 5) == date(2026, 12, 30)
    assert working_days_between(date(2026, 12, 22), date(2026, 12, 30)) == 5
    assert not is_working_day(date(2026, 12, 26)) and is_working_day(date(2026, 12, 24))


def test_zero_days_and_reverse_ranges():
    assert add_working_days(date(2026, 11, 24), 0) == date(2026, 11, 24)
    assert working_days_between(date(2026, 11, 30), date(2026, 11, 24)) == 0
