"""Open now / opens at, worked out in UK time: property tests over any instant, including the
days the clocks change, and examples a visitor would read on the help page."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from support.opening_hours import (
    UK_TIME,
    Span,
    describe_hours,
    describe_status,
    opening_status,
)

UTC = datetime.UTC
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
# In 2026 the clocks go forward at 01:00 GMT on 29 March and back at 01:00 GMT on 25 October.
MARCH_CHANGE = datetime.date(2026, 3, 29)
OCTOBER_CHANGE = datetime.date(2026, 10, 25)


def uk(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=UK_TIME)


def span(weekday, opens, closes):
    return Span(weekday, datetime.time.fromisoformat(opens), datetime.time.fromisoformat(closes))


# Any instant from 2025 to 2028, with extra weight on the two clock-change days.
ordinary_instants = st.datetimes(
    min_value=datetime.datetime(2025, 1, 1), max_value=datetime.datetime(2028, 12, 31)
).map(lambda moment: moment.replace(tzinfo=UTC))
clock_change_instants = st.sampled_from([MARCH_CHANGE, OCTOBER_CHANGE]).flatmap(
    lambda day: st.integers(min_value=-36 * 60, max_value=36 * 60).map(
        lambda minutes: (
            datetime.datetime.combine(day, datetime.time(1), tzinfo=UTC)
            + datetime.timedelta(minutes=minutes)
        )
    )
)
instants = st.one_of(ordinary_instants, clock_change_instants)

quarter_hours = st.builds(
    datetime.time, st.integers(min_value=0, max_value=23), st.sampled_from([0, 15, 30, 45])
)
# Times away from 01:00-02:00, which happens twice or not at all on a clock-change day.
unambiguous_times = quarter_hours.filter(lambda time: time.hour != 1)
any_spans = st.lists(
    st.builds(Span, st.integers(min_value=0, max_value=6), quarter_hours, quarter_hours),
    min_size=1,
    max_size=6,
)
unambiguous_spans = st.lists(
    st.builds(Span, st.integers(min_value=0, max_value=6), unambiguous_times, unambiguous_times),
    min_size=1,
    max_size=6,
)


def open_by_the_clock(spans, moment):
    """The definition a person reads off a timetable: the UK clock's day and time fall in a
    span, either on its own day or, for a span past midnight, in the early hours after it."""
    local = moment.astimezone(UK_TIME)
    weekday, time = local.weekday(), local.time().replace(tzinfo=None)
    for s in spans:
        if not s.runs_past_midnight:
            if weekday == s.weekday and s.opens <= time < s.closes:
                return True
        elif (weekday == s.weekday and time >= s.opens) or (
            weekday == (s.weekday + 1) % 7 and time < s.closes
        ):
            return True
    return False


@settings(max_examples=150, deadline=None)
@given(now=instants)
def test_a_24_hour_line_is_always_open(now):
    status = opening_status([], now, always_open=True)

    assert status.is_open is True
    assert status.closes_at is None
    assert describe_status(status, now) == "Open now, 24 hours a day"


@settings(max_examples=200, deadline=None)
@given(spans=unambiguous_spans, now=instants)
def test_open_now_agrees_with_the_uk_clock(spans, now):
    assert opening_status(spans, now).is_open == open_by_the_clock(spans, now)


@settings(max_examples=200, deadline=None)
@given(spans=any_spans, now=instants, fraction=st.floats(min_value=0, max_value=1))
def test_opens_at_is_always_the_next_real_opening(spans, now, fraction):
    status = opening_status(spans, now)
    if status.is_open:
        return
    opens_at = status.opens_at.astimezone(UTC)
    one_minute = datetime.timedelta(minutes=1)

    # In the future, within a week, and open from that moment but not a minute before.
    assert now < opens_at <= now + datetime.timedelta(days=7, hours=1)
    assert opening_status(spans, opens_at).is_open
    assert not opening_status(spans, opens_at - one_minute).is_open
    # Closed all the way until then, so no earlier opening was skipped.
    between = now + (opens_at - now) * fraction
    if between < opens_at:
        assert not opening_status(spans, between).is_open
    # A time the clocks really show: it survives a round trip through UK wall-clock time.
    local = status.opens_at.astimezone(UK_TIME)
    wall = local.replace(tzinfo=None)
    assert wall.replace(tzinfo=UK_TIME, fold=local.fold).astimezone(UTC) == opens_at


@settings(max_examples=200, deadline=None)
@given(spans=any_spans, now=instants)
def test_closes_at_is_when_the_line_stops_answering(spans, now):
    status = opening_status(spans, now)
    if not status.is_open or status.closes_at is None:
        return
    closes_at = status.closes_at.astimezone(UTC)

    assert closes_at > now
    assert opening_status(spans, closes_at - datetime.timedelta(minutes=1)).is_open
    assert not opening_status(spans, closes_at).is_open


@settings(max_examples=100, deadline=None)
@given(
    weekday=st.integers(min_value=0, max_value=6),
    opens=unambiguous_times,
    closes=unambiguous_times,
    now=instants,
)
def test_same_day_and_overnight_spans(weekday, opens, closes, now):
    spans = [Span(weekday, opens, closes)]
    local = now.astimezone(UK_TIME)
    time = local.time().replace(tzinfo=None)
    is_open = opening_status(spans, now).is_open

    if closes > opens:  # same day
        assert is_open == (local.weekday() == weekday and opens <= time < closes)
    else:  # overnight, into the next morning
        assert is_open == (
            (local.weekday() == weekday and time >= opens)
            or (local.weekday() == (weekday + 1) % 7 and time < closes)
        )


def test_a_line_with_no_hours_is_not_known():
    now = uk(2026, 6, 1, 12)
    status = opening_status([], now)

    assert status.is_open is None
    assert describe_status(status, now) == "Opening hours not known"


def test_closed_on_saturday_names_monday_morning():
    weekdays_nine_to_five = [span(day, "09:00", "17:00") for day in (MON, TUE, WED, THU, FRI)]
    saturday = uk(2026, 6, 6, 11)

    status = opening_status(weekdays_nine_to_five, saturday)

    assert describe_status(status, saturday) == "Closed - opens at 9am Monday"
    assert status.opens_at == uk(2026, 6, 8, 9)


def test_today_and_tomorrow_are_named_as_such():
    weekdays = [span(day, "09:30", "16:00") for day in (MON, TUE, WED, THU, FRI)]
    monday_early = uk(2026, 6, 8, 7)
    monday_evening = uk(2026, 6, 8, 19)
    monday_lunch = uk(2026, 6, 8, 12, 30)

    assert describe_status(opening_status(weekdays, monday_early), monday_early) == (
        "Closed - opens at 9:30am today"
    )
    assert describe_status(opening_status(weekdays, monday_evening), monday_evening) == (
        "Closed - opens at 9:30am tomorrow"
    )
    assert describe_status(opening_status(weekdays, monday_lunch), monday_lunch) == (
        "Open now - closes at 4pm today"
    )


# Wiltshire's out-of-hours line: 5pm to 8am on weekdays, and all weekend.
WILTSHIRE = [span(day, "17:00", "08:00") for day in (MON, TUE, WED, THU, FRI)] + [
    span(SAT, "08:00", "08:00"),
    span(SUN, "08:00", "08:00"),
]


def test_overnight_line_is_open_after_midnight_and_closes_at_8am():
    tuesday_3am = uk(2026, 6, 9, 3)
    tuesday_noon = uk(2026, 6, 9, 12)

    assert describe_status(opening_status(WILTSHIRE, tuesday_3am), tuesday_3am) == (
        "Open now - closes at 8am today"
    )
    assert describe_status(opening_status(WILTSHIRE, tuesday_noon), tuesday_noon) == (
        "Closed - opens at 5pm today"
    )


def test_weekend_line_runs_from_friday_evening_to_monday_morning():
    saturday_noon = uk(2026, 6, 13, 12)

    status = opening_status(WILTSHIRE, saturday_noon)

    assert status.closes_at == uk(2026, 6, 15, 8)
    assert describe_status(status, saturday_noon) == "Open now - closes at 8am Monday"


def test_overnight_span_across_the_october_change_lasts_an_extra_hour():
    # Saturday 5pm BST to Sunday 8am GMT is 16 real hours, not 15.
    saturday_night = [span(SAT, "17:00", "08:00")]
    sunday_7_30_gmt = uk(2026, 10, 25, 7, 30)
    sunday_8_gmt = uk(2026, 10, 25, 8)

    assert opening_status(saturday_night, sunday_7_30_gmt).is_open
    assert not opening_status(saturday_night, sunday_8_gmt).is_open
    friday = uk(2026, 10, 23, 12)
    opens_at = opening_status(saturday_night, friday).opens_at
    assert opens_at == uk(2026, 10, 24, 17)
    assert opens_at.utcoffset() == datetime.timedelta(hours=1)


def test_march_change_day_opening_is_given_in_summer_time():
    sunday_morning = [span(SUN, "09:00", "17:00")]
    before_the_change = datetime.datetime(2026, 3, 29, 0, 30, tzinfo=UTC)

    status = opening_status(sunday_morning, before_the_change)

    assert status.opens_at.astimezone(UTC) == datetime.datetime(2026, 3, 29, 8, 0, tzinfo=UTC)
    assert describe_status(status, before_the_change) == "Closed - opens at 9am today"


def test_hours_in_plain_words():
    galop = [span(day, "10:00", "20:30") for day in (MON, TUE, WED, THU)] + [
        span(FRI, "10:00", "16:30")
    ]
    stalking = [span(day, "09:30", "16:00") for day in (MON, TUE, THU, FRI)] + [
        span(WED, "13:00", "16:00")
    ]

    assert describe_hours(galop) == ["Monday to Thursday: 10am to 8:30pm", "Friday: 10am to 4:30pm"]
    assert describe_hours(stalking) == [
        "Monday and Tuesday: 9:30am to 4pm",
        "Wednesday: 1pm to 4pm",
        "Thursday and Friday: 9:30am to 4pm",
    ]
    assert describe_hours(WILTSHIRE) == [
        "Monday to Thursday: 5pm to 8am the next day",
        "Friday 5pm to Monday 8am",
    ]
    assert describe_hours([span(SAT, "00:00", "00:00"), span(SUN, "00:00", "00:00")]) == [
        "Saturday and Sunday: 24 hours"
    ]
    assert describe_hours([span(day, "00:00", "00:00") for day in range(7)]) == [
        "24 hours a day, every day"
    ]
    assert describe_hours([span(MON, "12:00", "00:00")]) == ["Monday: midday to midnight"]
    assert describe_hours([]) == []
