"""The 往期 calendar: a month of days, those with a released paper linked, and the months before
and after that have one."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Max, Min, Q

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


@dataclass(frozen=True)
class Around:
    """Released issues' dates around a day: the first ever, the one before and after it, and
    the last before and first after its month."""

    first: datetime.date | None
    previous: datetime.date | None
    next: datetime.date | None
    before_month: datetime.date | None
    after_month: datetime.date | None


def month_bounds(day):
    first = day.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def dates_around(day):
    """The Around of `day`, in one query."""
    first, last = month_bounds(day)
    found = Issue.objects.released().aggregate(
        first=Min("date"),
        previous=Max("date", filter=Q(date__lt=day)),
        next=Min("date", filter=Q(date__gt=day)),
        before_month=Max("date", filter=Q(date__lt=first)),
        after_month=Min("date", filter=Q(date__gt=last)),
    )
    return Around(**found)


def month_calendar(shown, around):
    """The calendar of the month of `shown` (a date: the issue on screen), in one query."""
    first, last = month_bounds(shown)
    papers = set(Issue.objects.released().filter(date__range=(first, last)).values_list("date", flat=True))
    before, after = around.before_month, around.after_month
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
