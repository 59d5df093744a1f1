"""Characters that print nothing, and the rules for them (one place for every text field).

- `printed`: the text as it is printed. A soft hyphen (U+00AD) and the zero-width spaces
  and joiners that only hint at line breaks are removed, so none of them can show as a
  hyphen, a gap or a box in any font, chart label, answer or footer. Joiners that change
  how letters connect (ZWJ, ZWNJ), variation selectors and bidi marks are kept: scripts
  and emoji need them.
- `is_blank`: a text made only of white space and Unicode's default-ignorable characters
  (plus blanks that fonts draw as nothing: U+2800, the Hangul fillers) says nothing; a
  required field holding only those is empty.
- `comparable`: the key under which two texts that look the same are the same (choices,
  ordering items).
"""

from __future__ import annotations

import re
import unicodedata

# Removed from every printed text: they carry no letters, only break hints.
DROPPED = "\u00ad\u200b\u2060\ufeff\u180e\u2061\u2062\u2063\u2064"
_DROP = re.compile(f"[{DROPPED}]")

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), and blanks that
# look like nothing in print.
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff\u2800]")


def printed(text: str) -> str:
    """The text with the characters that must print nothing removed."""
    return _DROP.sub("", text) if _DROP.search(text) else text


def is_blank(text: str) -> bool:
    """True when nothing would be seen: only white space and invisible characters."""
    return not _IGNORABLE.sub("", text).strip()


def comparable(text: str) -> str:
    """Equal for texts a reader cannot tell apart: NFC, case, spacing and invisible
    characters do not count."""
    return " ".join(unicodedata.normalize("NFC", _IGNORABLE.sub("", text)).casefold().split())
