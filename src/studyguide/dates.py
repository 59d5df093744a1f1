"""Historical dates: one model for charts, text and questions.

Teachers write dates the way history books do (``221 BCE``, ``c. 1850``, ``1969-03-02``),
so one parser reads them all and one formatter prints them, and charts place them on a
continuous axis. Python's ``datetime`` cannot hold BCE dates, so nothing here uses it for
arithmetic: the axis uses astronomical year numbering (1 BCE is year 0) and the proleptic
Gregorian calendar.

Spans are always printed with an en dash (U+2013) and no spaces: ``1856–1860``.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

MIN_YEAR = -100000
MAX_YEAR = 9999
DASH = "\u2013"  # en dash, between the two ends of every span

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
_MONTH_BY_NAME = {m.lower(): i for i, m in enumerate(MONTHS, 1)}
_MONTH_BY_NAME.update({m[:3].lower(): i for i, m in enumerate(MONTHS, 1)})
_MONTH_BY_NAME["sept"] = 9

HINT = (
    "write a year (1858, -221 or '221 BCE', 'AD 14', '14 CE'), a month ('1969-03' or\n"
    "'March 1969'), a day (1969-03-02 or '2 March 1969'); put 'c.' in front of an\n"
    "approximate date ('c. 1850', 'c. 300 BCE')"
)
YEAR_ZERO_HINT = "there is no year 0: 1 BCE is followed by 1 CE"


class DateError(ValueError):
    """A DATE value that cannot be read; message says what is wrong, hint how to fix it."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


def is_leap(astro_year: int) -> bool:
    """Proleptic Gregorian leap rule on an astronomical year (1 BCE = 0 is a leap year)."""
    return astro_year % 4 == 0 and (astro_year % 100 != 0 or astro_year % 400 == 0)


def month_length(astro_year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap(astro_year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _year_length(astro_year: int) -> int:
    return 366 if is_leap(astro_year) else 365


def to_astronomical(year: int) -> int:
    """Historical year (no 0, negative = BCE) to astronomical (1 BCE = 0, 2 BCE = -1)."""
    return year + 1 if year < 0 else year


@dataclass(frozen=True)
class HistDate:
    """A calendar date of year, month or day precision.

    `year` is the historical year: negative for BCE, never 0 (1 BCE is followed by 1 CE).
    Dates order chronologically by their position on the axis (a year sorts before its
    own months), then approximate after exact, then by `display`.
    """

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    display: str | None = None  # replaces the formatted text when set ("1960s")

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def is_bce(self) -> bool:
        return self.year < 0

    def _day_of_year(self, month: int, day: int) -> int:
        """0-based day of the year of (month, day)."""
        astro = to_astronomical(self.year)
        return sum(month_length(astro, m) for m in range(1, month)) + day - 1

    def axis_start(self) -> float:
        """Position of the date's first instant on a continuous fractional-year axis."""
        astro = to_astronomical(self.year)
        if not self.month:
            return float(astro)
        return astro + self._day_of_year(self.month, self.day or 1) / _year_length(astro)

    def axis_end(self) -> float:
        """Position of the date's last instant (end of the year/month/day it names)."""
        astro = to_astronomical(self.year)
        if not self.month:
            return float(astro + 1)
        if self.day:
            days = self._day_of_year(self.month, self.day) + 1
        else:
            days = self._day_of_year(self.month, 1) + month_length(astro, self.month)
        return astro + days / _year_length(astro)

    def axis_mid(self) -> float:
        """Middle of the period the date names: where a chart puts its marker."""
        return (self.axis_start() + self.axis_end()) / 2

    def sort_key(self) -> tuple[float, float, bool, str]:
        # Longer periods first at the same start: 1969 < January 1969 < 1 January 1969.
        return (self.axis_start(), -self.axis_end(), self.approximate, self.display or "")

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, HistDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, HistDate):
            return NotImplemented
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, HistDate):
            return NotImplemented
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, HistDate):
            return NotImplemented
        return self.sort_key() >= other.sort_key()

    def format(self) -> str:
        """'1858', 'March 1969', '2 March 1969', '221 BCE', 'c. 1850', or `display`."""
        if self.display:
            return self.display
        return _join(self._parts(year=True, era="BCE" if self.year < 0 else ""), self.approximate)

    def _parts(self, year: bool, era: str) -> list[str]:
        parts: list[str] = []
        if self.day:
            parts.append(str(self.day))
        if self.month:
            parts.append(MONTHS[self.month - 1])
        if year:
            parts.append(str(abs(self.year)))
        if era:
            parts.append(era)
        return parts


def _join(parts: list[str], approximate: bool) -> str:
    text = " ".join(parts)
    return f"c. {text}" if approximate else text


# --- parsing -------------------------------------------------------------------------

_APPROX = re.compile(r"^(?:circa\s+|ca\.\s*|c\.\s*|ca\s+|c\s+)", re.IGNORECASE)
_ISO = re.compile(r"^(-?)(\d{1,6})-(\d{1,2})(?:-(\d{1,2}))?$")
_ERA_AFTER = re.compile(r"^(.*?)\s*(?<![A-Za-z])(B\.?\s?C\.?\s?E\.?|B\.?\s?C\.?|C\.?\s?E\.?|A\.?\s?D\.?)$",
                        re.IGNORECASE)
_ERA_BEFORE = re.compile(r"^(A\.?\s?D\.?)\s*(\d+)$", re.IGNORECASE)
_WORDS = re.compile(
    r"^(?:(\d{1,2})\s+)?([A-Za-z]+)\.?,?\s+(?:(\d{1,2}),?\s+)?(-?\d+)$"
)  # '2 March 1969', 'March 1969', 'March 2, 1969'
_YEAR = re.compile(r"^([+-]?)(\d+)$")


def _fail(what: str, hint: str = HINT) -> DateError:
    return DateError(what, hint)


def _check(year: int, month: int | None, day: int | None, approximate: bool, raw: object) -> HistDate:
    if year == 0:
        raise _fail(f"{raw!r} is not a date: there is no year 0", YEAR_ZERO_HINT)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _fail(f"the year in {raw!r} is out of range: years go from "
                    f"{-MIN_YEAR} BCE to {MAX_YEAR} CE")
    if month is not None and not 1 <= month <= 12:
        raise _fail(f"{raw!r} has month {month}: months go from 1 to 12")
    if day is not None:
        assert month is not None
        last = month_length(to_astronomical(year), month)
        if not 1 <= day <= last:
            raise _fail(f"{raw!r} has day {day}, but {MONTHS[month - 1]} "
                        f"{abs(year)}{' BCE' if year < 0 else ''} has {last} days")
    return HistDate(year, month, day, approximate)


def _parse_text(text: str, raw: object) -> HistDate:
    approximate = False
    m = _APPROX.match(text)
    if m:
        approximate = True
        text = text[m.end():].strip()
        if not text:
            raise _fail(f"{raw!r} says 'about' but gives no date")

    m = _ISO.match(text)
    if m:
        sign, y, mo, d = m.groups()
        year = -int(y) if sign else int(y)
        return _check(year, int(mo), int(d) if d else None, approximate, raw)

    era = ""
    m = _ERA_BEFORE.match(text)
    if m:
        era, text = "CE", m.group(2)
    else:
        m = _ERA_AFTER.match(text)
        if m and m.group(1):
            text = m.group(1).strip()
            era = "BCE" if m.group(2).upper().startswith("B") else "CE"

    day = month = None
    m = _WORDS.match(text)
    if m:
        d1, name, d2, ytext = m.groups()
        month = _MONTH_BY_NAME.get(name.lower())
        if month is None:
            raise _fail(f"{raw!r}: '{name}' is not a month name")
        if d1 and d2:
            raise _fail(f"{raw!r} gives two days")
        dtext = d1 or d2
        day = int(dtext) if dtext else None
        text = ytext

    m = _YEAR.match(text)
    if not m:
        raise _fail(f"{raw!r} is not a date")
    sign, digits = m.groups()
    significant = digits.lstrip("0")
    if len(significant) > len(str(-MIN_YEAR)):
        # Out of range for sure; and int() refuses strings over 4,300 digits with a plain
        # ValueError, so never convert one this long.
        shown = repr(raw) if len(repr(raw)) <= 40 else f"{repr(raw)[:24]}\u2026 ({len(significant)} digits)"
        raise _fail(f"the year in {shown} is out of range: years go from "
                    f"{-MIN_YEAR} BCE to {MAX_YEAR} CE")
    year = int(significant or "0")
    if year == 0:
        raise _fail(f"{raw!r} is not a date: there is no year 0", YEAR_ZERO_HINT)
    if sign == "-":
        if era:
            raise _fail(f"{raw!r} has both a minus sign and an era: use one of them")
        year = -year
    elif era == "BCE":
        year = -year
    return _check(year, month, day, approximate, raw)


def parse_date(value: object) -> HistDate:
    """Read a DATE as YAML gives it (int, str, datetime.date); raise DateError."""
    if isinstance(value, bool):
        raise _fail(f"{value!r} is a yes/no value, not a date")
    if isinstance(value, int):
        return _check(value, None, None, False, value)
    if isinstance(value, _dt.date):  # also datetime.datetime: the time of day is dropped
        return _check(value.year, value.month, value.day, False, value.isoformat())
    if isinstance(value, float):
        raise _fail(f"{value!r} is a decimal number, not a date: write whole years")
    if isinstance(value, str):
        text = " ".join(value.split())
        if not text:
            raise _fail("the date is empty")
        return _parse_text(text, value)
    raise _fail(f"a date must be a year, a text or a calendar date, not {type(value).__name__}")


# --- spans ---------------------------------------------------------------------------


def format_span(start: HistDate, end: HistDate | None) -> str:
    """'1856–1860', 'March–June 1969', '221–206 BCE', '50 BCE–14 CE'; start alone if no end.

    Shared trailing parts are written once ('2–5 March 1969'); the era is printed on both
    ends only when the span crosses from BCE to CE. Each approximate end carries its own
    'c.' ('c. 1850–1870' has an approximate start only).
    """
    if end is None:
        return start.format()
    if start.display or end.display:
        a, b = start.format(), end.format()
        return a if a == b else f"{a}{DASH}{b}"
    if (start.year, start.month, start.day, start.approximate) == (end.year, end.month, end.day, end.approximate):
        return start.format()
    crossing = (start.year < 0) != (end.year < 0)
    era_a = "BCE" if start.year < 0 else ("CE" if crossing else "")
    era_b = "BCE" if end.year < 0 else ("CE" if crossing else "")
    right = end._parts(year=True, era=era_b)
    if crossing:
        left = start._parts(year=True, era=era_a)
    elif start.year == end.year and start.month and end.month:
        if start.month == end.month and start.day and end.day:
            left = [str(start.day)]
        else:
            left = start._parts(year=False, era="")
    else:
        left = start._parts(year=True, era="")
    return f"{_join(left, start.approximate)}{DASH}{_join(right, end.approximate)}"
