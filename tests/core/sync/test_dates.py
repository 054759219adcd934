"""Story dates read defensively (reader/core/sync/dates.py): impossible is "no date", never an
error; the future is clamped to the fetch time."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from reader.core.sync.dates import CLOCK_SKEW, INVALID, clamp, feed_moment, parse_date_text, text_moment

UTC = dt.UTC


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2020-12-15T13:00:00Z", dt.datetime(2020, 12, 15, 13, tzinfo=UTC)),
        ("2020-12-15T19:00:00.123+06:00", dt.datetime(2020, 12, 15, 13, tzinfo=UTC)),
        ("2020-12-15 13:00:00", dt.datetime(2020, 12, 15, 13, tzinfo=UTC)),  # WordPress date_gmt: UTC
        ("2020-12-15", dt.datetime(2020, 12, 15, tzinfo=UTC)),
        ("Tue, 15 Dec 2020 13:00:00 +0000", dt.datetime(2020, 12, 15, 13, tzinfo=UTC)),
        ("Tue, 15 Dec 2020 18:00:00 +0500", dt.datetime(2020, 12, 15, 13, tzinfo=UTC)),
        ("Tue, 15 Dec 2020 16:00:00 MSK", dt.datetime(2020, 12, 15, 13, tzinfo=UTC)),
        ("Tue, 15 Dec 2020 08:00:00 EST", dt.datetime(2020, 12, 15, 13, tzinfo=UTC)),
        ("15 December 2020 13:00 GMT", dt.datetime(2020, 12, 15, 13, tzinfo=UTC)),
        ("Tue, 15 Dec 20 13:00:00 GMT", dt.datetime(2020, 12, 15, 13, tzinfo=UTC)),
        ("Tue, 15 Dec 2020 13:00:00 +9999", dt.datetime(2020, 12, 15, 13, tzinfo=UTC)),  # no such offset: UTC
        ("2020-12-15T13:00:00+25:00", dt.datetime(2020, 12, 15, 13, tzinfo=UTC)),
        ("Tue, 15 Dec 2020 13:00:00 XYZT", dt.datetime(2020, 12, 15, 13, tzinfo=UTC)),  # unknown zone: UTC
        ("2016-12-31T23:59:60Z", dt.datetime(2016, 12, 31, 23, 59, 59, tzinfo=UTC)),
    ],
)
def test_dates_in_the_two_common_shapes(text: str, moment: dt.datetime) -> None:
    assert parse_date_text(text) == moment


@pytest.mark.parametrize(
    "text",
    [
        "0000-00-00T00:00:00Z", "0000-00-00 00:00:00", "Mon, 00 Jan 0000 00:00:00 +0000",
        "Sat, 01 Jan 0000 00:00:00 GMT", "2024-13-01T10:00:00Z", "2024-02-30", "Fri, 30 Feb 2024 10:00:00 GMT",
        "10000-01-01T00:00:00Z", "-0001-11-30T00:00:00Z", "9999-12-31T23:59:59-05:00",
        "Tue, 15 Dec 2020 25:61:00 GMT", "9" * 10_000,
    ],
)  # fmt: skip
def test_impossible_dates_are_invalid(text: str) -> None:
    assert parse_date_text(text) is INVALID
    assert text_moment(text) is None
    assert feed_moment(text, time.gmtime(0)) is None  # feedparser's guess is not taken either


def test_other_shapes_are_left_to_feedparser_and_range_checked() -> None:
    assert parse_date_text("вчера вечером") is None
    parsed = time.strptime("2020-12-15 13:00", "%Y-%m-%d %H:%M")
    assert feed_moment("20201215T130000", parsed) == dt.datetime(2020, 12, 15, 13, tzinfo=UTC)
    assert feed_moment(None, parsed) == dt.datetime(2020, 12, 15, 13, tzinfo=UTC)
    assert feed_moment(None, time.gmtime(0)) is None  # the epoch is a null, not a date
    year_minus_one = time.struct_time((-1, 11, 30, 0, 0, 0, 1, 334, 0))  # what feedparser made of 0000-00-00
    assert feed_moment(None, year_minus_one) is None
    assert feed_moment(None, None) is None


@pytest.mark.parametrize(
    "value", [1608037200, 1608037200.5, ["2020-12-15"], {"rendered": "x"}, None, True, ""]
)
def test_a_wordpress_date_of_another_type_is_no_date(value: object) -> None:
    assert text_moment(value) is None


def test_future_dates_are_clamped_to_the_fetch_time_beyond_the_clock_skew() -> None:
    now = dt.datetime(2026, 6, 1, 12, tzinfo=UTC)
    assert dt.timedelta(minutes=10) == CLOCK_SKEW
    assert clamp(now + dt.timedelta(minutes=9), now) == now + dt.timedelta(minutes=9)  # a server clock ahead
    assert clamp(now + dt.timedelta(minutes=11), now) == now
    assert clamp(dt.datetime(9999, 12, 31, tzinfo=UTC), now) == now
    assert clamp(now - dt.timedelta(days=3), now) == now - dt.timedelta(days=3)
    assert clamp(None, now) is None
