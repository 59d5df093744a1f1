"""Dates: every accepted form, the errors, the axis and the printed text."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide.dates import (
    DASH, MAX_YEAR, MIN_YEAR, DateError, HistDate, format_span, month_length,
    parse_date, to_astronomical,
)


@pytest.mark.parametrize("value, expected", [
    (1858, HistDate(1858)),
    (-221, HistDate(-221)),
    ("1858", HistDate(1858)),
    ("-221", HistDate(-221)),
    ("221 BCE", HistDate(-221)),
    ("221 BC", HistDate(-221)),
    ("44 BC", HistDate(-44)),
    ("44 B.C.", HistDate(-44)),
    ("44 b.c.e.", HistDate(-44)),
    ("221BCE", HistDate(-221)),
    ("AD 14", HistDate(14)),
    ("A.D. 14", HistDate(14)),
    ("14 AD", HistDate(14)),
    ("14 CE", HistDate(14)),
    ("1969-03", HistDate(1969, 3)),
    ("1969-03-02", HistDate(1969, 3, 2)),
    ("-0221-03", HistDate(-221, 3)),
    (datetime.date(1969, 3, 2), HistDate(1969, 3, 2)),
    (datetime.datetime(1969, 3, 2, 10, 30), HistDate(1969, 3, 2)),
    ("March 1969", HistDate(1969, 3)),
    ("2 March 1969", HistDate(1969, 3, 2)),
    ("March 2, 1969", HistDate(1969, 3, 2)),
    ("2 Mar 1969", HistDate(1969, 3, 2)),
    ("March 221 BCE", HistDate(-221, 3)),
    ("c. 1850", HistDate(1850, approximate=True)),
    ("c.1850", HistDate(1850, approximate=True)),
    ("ca. 1850", HistDate(1850, approximate=True)),
    ("circa 1850", HistDate(1850, approximate=True)),
    ("Circa 1850", HistDate(1850, approximate=True)),
    ("c. 300 BCE", HistDate(-300, approximate=True)),
    ("c. 1969-03", HistDate(1969, 3, approximate=True)),
    ("  1858 ", HistDate(1858)),
    (-100000, HistDate(-100000)),
    (9999, HistDate(9999)),
])
def test_parses_every_form(value: object, expected: HistDate) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", [0, "0", "0 BCE", "0 CE", "0000-03", "c. 0"])
def test_year_zero_is_rejected_with_a_hint(value: object) -> None:
    with pytest.raises(DateError) as info:
        parse_date(value)
    assert "year 0" in info.value.message
    assert info.value.hint and "1 BCE is followed by 1 CE" in info.value.hint


@pytest.mark.parametrize("value, words", [
    (True, "yes/no"),
    (False, "yes/no"),
    (1858.0, "decimal"),
    (1.5, "decimal"),
    ("", "empty"),
    ("   ", "empty"),
    ("garbage", "not a date"),
    ("1969-02-30", "day 30"),
    ("1900-02-29", "day 29"),
    ("1969-04-31", "day 31"),
    ("1969-13", "month 13"),
    ("1969-00", "month 0"),
    ("Smarch 1969", "not a month"),
    ("-44 BCE", "minus sign"),
    ("c.", "no date"),
    (10000, "out of range"),
    (-100001, "out of range"),
    (None, "not NoneType"),
    ([1858], "not list"),
    ({"year": 1858}, "not dict"),
])
def test_invalid_values_say_what_is_wrong(value: object, words: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(value)
    assert words in info.value.message
    assert info.value.hint


def test_leap_days() -> None:
    assert parse_date("2000-02-29") == HistDate(2000, 2, 29)
    assert parse_date("1968-02-29") == HistDate(1968, 2, 29)
    # 1 BCE is astronomical year 0: a leap year in the proleptic Gregorian calendar
    assert parse_date("-0001-02-29") == HistDate(-1, 2, 29)
    with pytest.raises(DateError):
        parse_date("-0002-02-29")


@pytest.mark.parametrize("text", [
    "9" * 4301, "-" + "9" * 4301, "9" * 5000 + " BCE", "c. " + "9" * 5000, "March " + "9" * 5000,
    "AD " + "9" * 5000, "1234567",
])
def test_huge_years_are_a_date_error(text: str) -> None:
    # int() refuses strings over 4,300 digits with a plain ValueError: that must not leak
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert "out of range" in info.value.message and info.value.hint
    assert len(info.value.message) < 200


def test_leading_zeros_do_not_count() -> None:
    assert parse_date("0" * 5000 + "1858") == HistDate(1858)
    with pytest.raises(DateError, match="year 0"):
        parse_date("0" * 5000)


def test_date_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_date("nonsense")


# --- the axis ----------------------------------------------------------------------


def test_axis_is_continuous_across_year_zero() -> None:
    bce1, ce1 = HistDate(-1), HistDate(1)
    assert bce1.axis_start() == 0.0
    assert bce1.axis_end() == 1.0 == ce1.axis_start()
    assert HistDate(-2).axis_end() == bce1.axis_start() == 0.0
    assert HistDate(1858).axis_start() == 1858.0
    assert HistDate(1858).axis_end() == 1859.0
    assert HistDate(-221).axis_start() == -220.0


def test_months_and_days_are_fractions_of_their_year() -> None:
    jan, dec = HistDate(1969, 1), HistDate(1969, 12)
    assert jan.axis_start() == 1969.0
    assert dec.axis_end() == 1970.0
    assert HistDate(1969, 3).axis_end() == HistDate(1969, 4).axis_start()
    assert HistDate(1969, 2, 28).axis_end() == HistDate(1969, 3, 1).axis_start()
    assert HistDate(1969, 12, 31).axis_end() == 1970.0
    assert HistDate(-1, 12, 31).axis_end() == HistDate(1, 1, 1).axis_start() == 1.0


def test_bce_ordering() -> None:
    dates = [HistDate(14), HistDate(-1), HistDate(-221), HistDate(1), HistDate(-44, 3), HistDate(-44)]
    assert sorted(dates) == [HistDate(-221), HistDate(-44), HistDate(-44, 3), HistDate(-1), HistDate(1), HistDate(14)]
    assert HistDate(-300) < HistDate(-299) < HistDate(-1) < HistDate(1)
    assert HistDate(1969) < HistDate(1969, 1) < HistDate(1969, 1, 2)


@given(st.integers(MIN_YEAR, MAX_YEAR - 1).filter(lambda y: y not in (0, -1)))
def test_consecutive_years_are_adjacent(year: int) -> None:
    nxt = 1 if year == -1 else year + 1
    assert HistDate(year).axis_end() == HistDate(nxt).axis_start()


# --- formatting --------------------------------------------------------------------


@pytest.mark.parametrize("date, text", [
    (HistDate(1858), "1858"),
    (HistDate(1969, 3), "March 1969"),
    (HistDate(1969, 3, 2), "2 March 1969"),
    (HistDate(-221), "221 BCE"),
    (HistDate(-221, 3), "March 221 BCE"),
    (HistDate(1850, approximate=True), "c. 1850"),
    (HistDate(-300, approximate=True), "c. 300 BCE"),
    (HistDate(1960, display="1960s"), "1960s"),
])
def test_format(date: HistDate, text: str) -> None:
    assert date.format() == text


def test_display_is_set_with_replace() -> None:
    d = dataclasses.replace(parse_date(1960), display="the 1960s")
    assert d.format() == "the 1960s"
    assert d.axis_start() == 1960.0


@pytest.mark.parametrize("start, end, text", [
    ("1856", "1860", f"1856{DASH}1860"),
    ("1969-03", "1969-06", f"March{DASH}June 1969"),
    ("1969-03", "1970-06", f"March 1969{DASH}June 1970"),
    ("1969-03-02", "1969-03-05", f"2{DASH}5 March 1969"),
    ("1969-03-02", "1969-06-05", f"2 March{DASH}5 June 1969"),
    ("221 BCE", "206 BCE", f"221{DASH}206 BCE"),
    ("50 BCE", "14 CE", f"50 BCE{DASH}14 CE"),
    ("March 44 BCE", "June 44 BCE", f"March{DASH}June 44 BCE"),
    ("c. 1850", "1870", f"c. 1850{DASH}1870"),
    ("c. 1850", "c. 1870", f"c. 1850{DASH}c. 1870"),
    ("1850", "c. 1870", f"1850{DASH}c. 1870"),
    ("1858", "1858", "1858"),
])
def test_format_span(start: str, end: str, text: str) -> None:
    assert format_span(parse_date(start), parse_date(end)) == text


def test_format_span_without_end_and_with_display() -> None:
    assert format_span(HistDate(1858), None) == "1858"
    assert format_span(HistDate(1960, display="1960s"), HistDate(1975)) == f"1960s{DASH}1975"


# --- round trip --------------------------------------------------------------------


@st.composite
def hist_dates(draw: st.DrawFn) -> HistDate:
    year = draw(st.integers(MIN_YEAR, MAX_YEAR).filter(bool))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    month = day = None
    if precision != "year":
        month = draw(st.integers(1, 12))
    if precision == "day":
        assert month is not None
        day = draw(st.integers(1, month_length(to_astronomical(year), month)))
    return HistDate(year, month, day, draw(st.booleans()))


@settings(max_examples=300)
@given(hist_dates())
def test_format_parse_round_trip(date: HistDate) -> None:
    assert parse_date(date.format()) == date
    assert date.axis_start() < date.axis_end()


@settings(max_examples=200)
@given(hist_dates())
def test_iso_strings_round_trip(date: HistDate) -> None:
    if date.month is None or date.approximate:
        return
    sign = "-" if date.year < 0 else ""
    text = f"{sign}{abs(date.year):04d}-{date.month:02d}" + (f"-{date.day:02d}" if date.day else "")
    assert parse_date(text) == date
