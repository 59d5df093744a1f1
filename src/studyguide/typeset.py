"""Typewriter text made typographic: curly quotes and apostrophes, en dashes.

Teachers type `"`, `'` and `-` on a keyboard; a printed book uses “ ” ‘ ’ and the en dash
for number ranges (1689–1860) and spaced dashes ( – ). Applied to every text the guide
prints from the unit, except where the exact characters matter: a fill-in answer (it must
match what a student writes) and URLs.
"""

from __future__ import annotations

import re

_OPENS_AFTER = " \t\n([{\u2013\u2014/-\u00a0"  # a quote after these opens; elsewhere it closes
_RANGE = re.compile(r"(?<![\d\-\u2013/:.])(\d{1,4})-(\d{1,4})(?![\d\-/:]|\.\d)")
_SPACED = re.compile(r"(?<=\S) -{1,2} (?=\S)")


def smarten(text: str) -> str:
    text = _SPACED.sub(" \u2013 ", text)
    text = _RANGE.sub("\\1\u2013\\2", text)
    if '"' not in text and "'" not in text:
        return text
    out = []
    for i, ch in enumerate(text):
        if ch in "\"'":
            before = text[:i].rstrip("*")  # emphasis marks (**"quoted"**) print nothing
            opens = not before or before[-1] in _OPENS_AFTER or before[-1] in "\u201c\u2018"
            if ch == '"':
                ch = "\u201c" if opens else "\u201d"
            else:
                # an apostrophe inside or after a word (don't, the 1990s' ) closes
                ch = "\u2018" if opens and not _elision(text, i) else "\u2019"
        out.append(ch)
    return "".join(out)


def _elision(text: str, i: int) -> bool:
    """'90s, 'tis: an apostrophe at a word's start standing for left-out letters."""
    return bool(re.match(r"'(\d0s|tis|twas|em)\b", text[i:]))
