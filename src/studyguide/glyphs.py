"""Refuse characters that no available font can print, before any layout.

ReportLab would silently print a box (or nothing); a teacher deserves the character, the
place it was typed and the fix instead.
"""

from __future__ import annotations

import dataclasses

from . import model as m
from .fonts import FIX_HINT, FontSet, describe_char, load_fonts
from .problems import Problem, error


def _texts(obj: m.Located):
    """(field name, text) for every string field of a model object, recursing into children."""
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, str):
            yield obj, f.name, value
        elif isinstance(value, tuple):
            for item in value:
                if isinstance(item, str):
                    yield obj, f.name, item
                elif isinstance(item, m.Located):
                    yield from _texts(item)
        elif isinstance(value, m.Located):
            yield from _texts(value)
        elif f.name in ("date", "end", "start") and getattr(value, "display", None):
            yield obj, f.name, value.display


def glyph_problems(unit: m.Unit, fonts: FontSet | None = None) -> list[Problem]:
    fonts = fonts or load_fonts()
    problems: list[Problem] = []
    for obj, name, text in _texts(unit):
        for ch in fonts.missing(text):
            problems.append(error(obj.pos_of(name), f"no available font can print {describe_char(ch)} "
                                  f"in '{name}'", FIX_HINT))
    return problems
