"""The 往期 calendar: a month of days, those with a released paper linked, and the months before
and after that have one."""

import calendar
import datetime
from dataclasses import dataclass

from ..links import issue_url
from ..models import Issue

WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class Day:
    date: datetime.date | None  # None: a blank before the first or after the last of the month
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class MonthCalendar:
    month: datetime.date  # its first day
    weeks: list
    previous_url: str
    next_url: str
    weekdays: str = WEEKDAYS


def month_calendar(shown):
    """The calendar of the month of `shown` (a date: the issue on screen), in three queries."""
    first = shown.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    released = Issue.objects.released()
    papers = set(released.filter(date__range=(first, last)).values_list("date", flat=True))
    before = released.filter(date__lt=first).order_by("-date").values_list("date", flat=True).first()
    after = released.filter(date__gt=last).order_by("date").values_list("date", flat=True).first()
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append(
            [
                Day(day, issue_url(day) if day in papers else "", day == shown)
                if day.month == first.month
                else Day(None)
                for day in week
            ]
        )
    return MonthCalendar(
        first,
        weeks,
        issue_url(before) + "#calendar" if before else "",
        issue_url(after) + "#calendar" if after else "",
    )


def nearest_issue(day):
    """The released issue nearest to `day` (the earlier one when two are as near), or None."""
    released = Issue.objects.released()
    before = released.filter(date__lte=day).order_by("-date").first()
    after = released.filter(date__gt=day).order_by("date").first()
    if before is None or (after is not None and (after.date - day) < (day - before.date)):
        return after
    return before
