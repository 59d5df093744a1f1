"""Alphabetical order of the teacher's terms (glossary, word banks) for the unit's language.

Other languages sort by the Unicode Collation Algorithm (pyuca, the DUCET table of the
Unicode version it ships): accents and case are secondary differences, letters of every
script have their alphabet's order (Cyrillic ё after е, Greek, Arabic, Hebrew, Devanagari)
and scripts follow each other in one consistent order. pyuca has no per-language
tailoring: Spanish ñ sorts as n with a tilde, Swedish å as a with a ring; ICU would
tailor, but no ICU binding with a collator installs from a wheel. English keeps the
plain case- and accent-folded order, which DUCET's first level gives for Latin text,
without loading the 1.9 MB table (pyuca parses it in about a second). In every
language, punctuation and symbols before a term's first letter do not count.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Callable

from .labels import DEFAULT
from .text import plain


def _letters_first(term: str) -> str:
    """The term as a reader looks it up: leading quotes, brackets, dashes and other
    punctuation or symbols ignored ("'No-limits' statement" files under N)."""
    text = plain(term)
    i = 0
    while i < len(text) and (text[i].isspace() or unicodedata.category(text[i])[0] in "PS"):
        i += 1
    return text[i:] or text


def _folded(term: str) -> tuple:
    base = "".join(c for c in unicodedata.normalize("NFKD", _letters_first(term)) if not unicodedata.combining(c))
    return (base.casefold(), term)


@lru_cache(maxsize=1)
def _collator():
    import pyuca

    return pyuca.Collator()


def _uca(term: str) -> tuple:
    return (_collator().sort_key(_letters_first(term)), term)


def sort_key_for(language: str) -> Callable[[str], tuple]:
    """A key function ordering terms alphabetically for `language`; the raw term breaks ties."""
    return _folded if language == DEFAULT else _uca
