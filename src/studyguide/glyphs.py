"""Refuse characters that no available font can print, before any layout.

ReportLab would silently print a box (or nothing); a teacher deserves the words, the
place they were typed and the fix instead: one problem per field and script, naming the
first word that cannot be printed ("no installed font prints Tamil (சோழர் in 'also')").
"""

from __future__ import annotations

import dataclasses

from . import model as m
from .fonts import FIX_HINT, FontSet, describe_char, load_fonts
from .problems import Problem, error
from .scripts import COMMON, script_of


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


def _word_with(text: str, ch: str) -> str:
    """The word (between spaces) in which `ch` first occurs."""
    return next((w for w in text.split() if ch in w), ch)


def _guide_words(unit: m.Unit):
    """The guide's own words in the unit's language, and the unit's replacements."""
    from .labels import unit_labels

    words = unit_labels(unit)
    for key, value in words.words.items():
        if key not in words.overrides:
            for text in (value.values() if isinstance(value, dict) else [value]):
                yield unit, "language", str(text)
    for _key, text in unit.labels:
        yield unit, "labels", text


def glyph_problems(unit: m.Unit, fonts: FontSet | None = None) -> list[Problem]:
    fonts = fonts or load_fonts()
    problems: list[Problem] = []
    for obj, name, text in [*_texts(unit), *_guide_words(unit)]:
        by_script: dict[str, list[str]] = {}
        for ch in fonts.missing(text):
            by_script.setdefault(script_of(ch), []).append(ch)
        for script, chars in by_script.items():
            word = _word_with(text, chars[0])
            if script == COMMON:
                what = ", ".join(describe_char(c) for c in chars[:3]) + (" ..." if len(chars) > 3 else "")
                message = f"no installed font prints {what} (in {word} in '{name}')"
            else:
                message = f"no installed font prints {script} ({word} in '{name}')"
            problems.append(error(obj.pos_of(name), message, FIX_HINT))
    return problems
