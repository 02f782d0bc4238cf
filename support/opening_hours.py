"""When a helpline is open: "Open now" or "Closed - opens at 9am Monday", in UK time.

Opening hours are weekly spans of wall-clock time: a weekday, an opening time and a closing
time. A closing time at or before the opening time runs into the next day, so 17:00-08:00 on
Monday is Monday 5pm to Tuesday 8am, and 00:00-00:00 is the whole day. The status is worked
out on the server, from UK wall-clock time, so the page needs no JavaScript and is right on the
days the clocks change.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.dates import WEEKDAYS
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

UK_TIME = ZoneInfo("Europe/London")
UTC = datetime.UTC
MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
MIDNIGHT = datetime.time(0)
# Spans are laid out over the days around "now": two days back catches a span that started
# before yesterday's midnight, and nine ahead always reaches the next opening of a weekly line.
DAYS_BEFORE, DAYS_AFTER = 2, 9


@dataclass(frozen=True)
class Span:
    weekday: int  # 0 is Monday, as in datetime.date.weekday()
    opens: datetime.time
    closes: datetime.time

    @property
    def runs_past_midnight(self):
        return self.closes <= self.opens


@dataclass(frozen=True)
class OpeningStatus:
    """`is_open` is None when the hours are not known. Times are aware datetimes in UK time."""

    is_open: bool | None
    closes_at: datetime.datetime | None = None
    opens_at: datetime.datetime | None = None


UNKNOWN = OpeningStatus(is_open=None)
ALWAYS_OPEN = OpeningStatus(is_open=True)


def _instant(day, time):
    """The real instant of a UK wall-clock time, in UTC.

    A time the clocks skip in March is read with the offset before the change (fold=0), so
    01:30 on that day is the instant the clocks show as 02:30; a time repeated in October is
    its first occurrence.
    """
    return datetime.datetime.combine(day, time, tzinfo=UK_TIME).astimezone(UTC)


def _intervals(spans, today):
    """The spans laid out as real [start, end) instants around `today`, merged where they touch."""
    intervals = []
    for offset in range(-DAYS_BEFORE, DAYS_AFTER + 1):
        day = today + datetime.timedelta(days=offset)
        for span in spans:
            if span.weekday != day.weekday():
                continue
            end_day = day + datetime.timedelta(days=1) if span.runs_past_midnight else day
            start, end = _instant(day, span.opens), _instant(end_day, span.closes)
            if end > start:
                intervals.append((start, end))
    intervals.sort()
    merged = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def opening_status(spans, now, *, always_open=False):
    """Whether a line with these weekly spans is open at the aware datetime `now`.

    When it is open, `closes_at` is when it next closes (None if it never does); when it is
    closed, `opens_at` is the next real moment it opens.
    """
    if always_open:
        return ALWAYS_OPEN
    if not spans:
        return UNKNOWN
    now = now.astimezone(UTC)
    today = now.astimezone(UK_TIME).date()
    intervals = _intervals(spans, today)
    week_later = _instant(today + datetime.timedelta(days=DAYS_AFTER), datetime.time(0))
    for start, end in intervals:
        if start <= now < end:
            if end >= week_later:
                # Open for a week without a break: the spans cover every hour of the week.
                return ALWAYS_OPEN
            return OpeningStatus(is_open=True, closes_at=end.astimezone(UK_TIME))
        if start > now:
            return OpeningStatus(is_open=False, opens_at=start.astimezone(UK_TIME))
    # Unreachable for a weekly line with any span, which opens within a week of now.
    raise AssertionError(f"No opening within {DAYS_AFTER} days for {spans!r}")


def format_time(time):
    """UK style: 9am, 8:30pm, midday, midnight."""
    if time.hour == 0 and time.minute == 0:
        return _("midnight")
    if time.hour == 12 and time.minute == 0:
        return _("midday")
    hour = time.hour % 12 or 12
    clock = f"{hour}:{time.minute:02d}" if time.minute else str(hour)
    if time.hour < 12:
        return _("%(time)sam") % {"time": clock}
    return _("%(time)spm") % {"time": clock}


def _day_name(moment, now):
    days = (moment.date() - now.astimezone(UK_TIME).date()).days
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    return str(WEEKDAYS[moment.weekday()])


def describe_status(status, now):
    """The words beside a helpline: "Open now", "Closed - opens at 9am Monday"."""
    if status.is_open is None:
        return _("Opening hours not known")
    if status.is_open:
        if status.closes_at is None:
            return _("Open now, 24 hours a day")
        return _("Open now - closes at %(time)s %(day)s") % {
            "time": format_time(status.closes_at.time()),
            "day": _day_name(status.closes_at, now),
        }
    return _("Closed - opens at %(time)s %(day)s") % {
        "time": format_time(status.opens_at.time()),
        "day": _day_name(status.opens_at, now),
    }


def _day_range(first, last):
    if first == last:
        return str(WEEKDAYS[first])
    if last == first + 1:
        return _("%(first)s and %(last)s") % {"first": WEEKDAYS[first], "last": WEEKDAYS[last]}
    return _("%(first)s to %(last)s") % {"first": WEEKDAYS[first], "last": WEEKDAYS[last]}


def _week_intervals(spans):
    """The spans as minutes of a wall-clock week (Monday 00:00 is 0), merged, wrapping Sunday
    night into Monday morning."""
    intervals = []
    for span in spans:
        start = span.weekday * MINUTES_PER_DAY + span.opens.hour * 60 + span.opens.minute
        end = span.weekday * MINUTES_PER_DAY + span.closes.hour * 60 + span.closes.minute
        if span.runs_past_midnight:
            end += MINUTES_PER_DAY
        intervals.append((start, end))
    intervals.sort()
    merged = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    # A span running from Sunday night into Monday joins the first span of the week.
    while len(merged) > 1 and merged[-1][1] >= merged[0][0] + MINUTES_PER_WEEK:
        first_start, first_end = merged.pop(0)
        last_start, last_end = merged[-1]
        merged[-1] = (last_start, max(last_end, first_end + MINUTES_PER_WEEK))
    return merged


def _clock(minute_of_week):
    minute = minute_of_week % MINUTES_PER_WEEK
    day, minute = divmod(minute, MINUTES_PER_DAY)
    return day, datetime.time(minute // 60, minute % 60)


def _hours_within_a_day(start, end):
    """The words for a span of up to a day, as hours of the day it starts on ("9am to 5pm",
    "5pm to 8am the next day", "24 hours"); None for a span too long to be written so."""
    opens, closes = _clock(start)[1], _clock(end)[1]
    length = end - start
    if length == MINUTES_PER_DAY and opens == MIDNIGHT:
        return _("24 hours")
    if length >= MINUTES_PER_DAY:
        return None
    text = {"opens": format_time(opens), "closes": format_time(closes)}
    if closes <= opens and closes != MIDNIGHT:
        return _("%(opens)s to %(closes)s the next day") % text
    return _("%(opens)s to %(closes)s") % text


def _span_across_days(start, end):
    """The words for a span longer than a day (a whole weekend), from its start to its end:
    "Saturday and Sunday: 24 hours", "Friday 5pm to Monday 8am"."""
    start_day, opens = _clock(start)
    end_day, closes = _clock(end)
    if opens == MIDNIGHT and closes == MIDNIGHT:
        last_day = (end_day - 1) % 7
        return _("%(days)s: 24 hours") % {"days": _day_range(start_day, last_day)}
    return _("%(start_day)s %(opens)s to %(end_day)s %(closes)s") % {
        "start_day": WEEKDAYS[start_day],
        "opens": format_time(opens),
        "end_day": WEEKDAYS[end_day],
        "closes": format_time(closes),
    }


def _runs_of_days(hours_by_day):
    """Days in a row with the same hours, as (first, last) weekdays, Monday first."""
    runs = []
    for day in sorted(hours_by_day):
        if runs and day == runs[-1][1] + 1 and hours_by_day[day] == hours_by_day[runs[-1][0]]:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _days_line(first, last, hours):
    """One group of days and its hours: "Monday to Thursday: 9am to 1pm and 2pm to 5pm"."""
    return _("%(days)s: %(hours)s") % {
        "days": _day_range(first, last),
        "hours": get_text_list(hours, _("and")),
    }


def describe_hours(spans, *, always_open=False):
    """Opening hours in plain words, one line per group of days.

    For example ["Monday to Thursday: 5pm to 8am the next day", "Friday 5pm to Monday 8am"].
    An empty list means the hours are not known.
    """
    if always_open:
        return [_("24 hours a day, every day")]
    intervals = _week_intervals(spans)
    if any(end - start >= MINUTES_PER_WEEK for start, end in intervals):
        return [_("24 hours a day, every day")]
    # Spans that end by the next day are grouped by the days they start on; longer ones
    # (a whole weekend) are written out from start to end.
    hours_by_day = {}
    long_spans = []
    for start, end in intervals:
        hours = _hours_within_a_day(start, end)
        if hours is None:
            long_spans.append((start, _span_across_days(start, end)))
        else:
            hours_by_day.setdefault(_clock(start)[0], []).append(hours)
    lines = [
        (first * MINUTES_PER_DAY, _days_line(first, last, hours_by_day[first]))
        for first, last in _runs_of_days(hours_by_day)
    ]
    # In the order of the week; a group of days comes before a long span starting with it.
    lines.extend(long_spans)
    return [text for _start, text in sorted(lines, key=lambda line: line[0])]
