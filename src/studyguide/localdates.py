"""Dates in the unit's language: CLDR month names and orders (via Babel).

English keeps `dates.HistDate.format` (history-book style, "2 March 1969", "221 BCE").
Other languages take the CLDR long date pattern of their locale ("2 de marzo de 1969",
"1969年3月2日", "2 марта 1969 г.") and the month-year pattern ("marzo de 1969"), with
the era and "circa" words from the language's message catalogue. datetime cannot hold
BCE years, so the patterns are filled in here token by token rather than by Babel's
date formatter; spans within one CE year use CLDR's interval formats ("2–5 mars 1969").
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache

from .dates import DASH, HistDate, format_span as _english_span
from .labels import DEFAULT, Labels


@lru_cache(maxsize=None)
def _locale(name: str):
    from babel import Locale

    return Locale.parse(name)


def _fill(pattern, d: HistDate, loc) -> str:
    """A CLDR pattern (parsed by Babel) with day, month and year of `d`."""
    values: dict[str, str] = {}
    for token in _tokens(pattern):
        ch, n = token[0], len(token)
        if ch == "d":
            values[token] = str(d.day).zfill(n)
        elif ch in "ML":
            ctx = "stand-alone" if ch == "L" else "format"
            assert d.month
            if n >= 3:
                values[token] = loc.months[ctx]["wide" if n >= 4 else "abbreviated"][d.month]
            else:
                values[token] = str(d.month).zfill(n)
        elif ch in "yY":
            values[token] = str(abs(d.year))
        else:
            values[token] = ""
    return pattern.format % values


def _tokens(pattern) -> list[str]:
    import re

    return re.findall(r"%\((\w+)\)s", pattern.format)


def _core(d: HistDate, loc) -> str:
    if not d.month:
        return str(abs(d.year))
    if d.day:
        return _fill(loc.date_formats["long"], d, loc)
    from babel.dates import parse_pattern

    return _fill(parse_pattern(str(loc.datetime_skeletons["yMMMM"].pattern)), d, loc)


def _era(text: str, year: int, words: Labels, crossing: bool) -> str:
    if year < 0:
        return words("bce", date=text)
    return words("ce", date=text) if crossing else text


def _circa(text: str, approximate: bool, words: Labels) -> str:
    return words("circa", date=text) if approximate else text


def format_date(d: HistDate, words: Labels) -> str:
    """One date in the guide's language (`display` texts print as written)."""
    if words.language == DEFAULT and not words.overrides:
        return d.format()
    if d.display:
        return d.display
    loc = _locale(words.dates_locale)
    return _circa(_era(_core(d, loc), d.year, words, False), d.approximate, words)


def format_span(start: HistDate, end: HistDate | None, words: Labels) -> str:
    """A span in the guide's language: '1856–1860', '221–206 a. C.', '2–5 mars 1969'."""
    if words.language == DEFAULT and not words.overrides:
        return _english_span(start, end)
    if end is None or start == end:
        return format_date(start, words)
    if start.display or end.display:
        a, b = format_date(start, words), format_date(end, words)
        return a if a == b else f"{a}{DASH}{b}"
    loc = _locale(words.dates_locale)
    crossing = (start.year < 0) != (end.year < 0)
    same_precision = bool(start.month) == bool(end.month) and bool(start.day) == bool(end.day)
    if (not crossing and same_precision and start.month and start.year == end.year and start.year > 0
            and not (start.approximate or end.approximate)):
        from babel.dates import format_interval

        first = _dt.date(start.year, start.month, start.day or 1)
        last = _dt.date(end.year, end.month or 1, end.day or 1)
        return format_interval(first, last, "yMMMMd" if start.day else "yMMMM", locale=loc)
    if not crossing and not start.month and not end.month:  # '221–206 BCE': the era once
        left = _circa(str(abs(start.year)), start.approximate, words)
        right = _circa(str(abs(end.year)), end.approximate, words)
        return _era(f"{left}{DASH}{right}", end.year, words, False)
    a = _circa(_era(_core(start, loc), start.year, words, crossing), start.approximate, words)
    b = _circa(_era(_core(end, loc), end.year, words, crossing), end.approximate, words)
    return f"{a}{DASH}{b}"


def month_abbr(month: int, words: Labels) -> str:
    """A month on a chart's time axis: 'Mar', 'mars', 'мар.', '3月'."""
    if words.language == DEFAULT:
        from .dates import MONTHS

        return MONTHS[month - 1][:3]
    return _locale(words.dates_locale).months["stand-alone"]["abbreviated"][month]


def year_label(year: int, crossing: bool, words: Labels) -> str:
    """An axis year: '200 BCE', '100 CE' when the axis crosses year 0, '1858' otherwise."""
    return _era(str(abs(year)), year, words, crossing)
