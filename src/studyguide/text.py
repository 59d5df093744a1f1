"""The teacher's text markup, and its translation into ReportLab paragraph markup.

Only `**bold**`, `*italic*` and `***both***` mean anything; every other character prints
as typed (`&`, `<b>`, `x < y` included). A `*` that opens nothing prints as a star. Fields
declared plain (schema `PLAIN`: chart labels, headings, citations) print every character as
typed; the validator warns when one of them holds markup (`markup_in`).
Each run is then cut along the font chain (see `fonts.FontSet.runs`) and every piece is
named explicitly with `<font face=...>`, so no ReportLab font-family lookup is involved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # validate uses the markup rules without loading fonts
    from .fonts import FontSet


def escape(text: str) -> str:
    """XML-escape for ReportLab's paragraph markup (xml.sax.saxutils pulls in urllib and
    http.client: 9 ms of start-up for three replacements)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


def _closer(text: str, start: int, delim: str) -> int:
    """Index of the delimiter closing one opened at `start`, or -1.

    Like Markdown: the opener is followed by a non-space, the closer preceded by one, and a
    single `*` never closes on one half of a `**`.
    """
    n = len(delim)
    i = start + n
    while True:
        j = text.find(delim, i)
        if j < 0:
            return -1
        if j > start + n and not text[j - 1].isspace():
            if n >= 2 or (text[j - 1] != "*" and text[j + 1: j + 2] != "*"):
                return j
        i = j + 1


def parse_inline(text: str, bold: bool = False, italic: bool = False) -> list[Run]:
    """Split text into runs of bold/italic/plain text."""
    runs: list[Run] = []
    plain: list[str] = []
    i = 0
    while i < len(text):
        if text[i] != "*":  # plain text up to the next star, in one piece
            j = text.find("*", i)
            j = len(text) if j < 0 else j
            plain.append(text[i:j])
            i = j
            continue
        if text.startswith("***", i) and text[i + 3: i + 4] not in ("", "*") and not text[i + 3].isspace():
            j = _closer(text, i, "***")
            if j > 0:
                if plain:
                    runs.append(Run("".join(plain), bold, italic))
                    plain = []
                runs += parse_inline(text[i + 3: j], True, True)
                i = j + 3
                continue
        delim = "**" if text.startswith("**", i) else "*"
        after = text[i + len(delim): i + len(delim) + 1]
        if after and not after.isspace() and after != "*":
            j = _closer(text, i, delim)
            if j > 0:
                if plain:
                    runs.append(Run("".join(plain), bold, italic))
                    plain = []
                inner = text[i + len(delim): j]
                if delim == "**":
                    runs += parse_inline(inner, True, italic)
                else:
                    runs += parse_inline(inner, bold, True)
                i = j + len(delim)
                continue
        plain.append(delim)
        i += len(delim)
    if plain:
        runs.append(Run("".join(plain), bold, italic))
    return _merge(runs)


def _merge(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for r in runs:
        if out and (out[-1].bold, out[-1].italic) == (r.bold, r.italic):
            out[-1] = Run(out[-1].text + r.text, r.bold, r.italic)
        elif r.text:
            out.append(r)
    return out


def markup_in(text: str) -> bool:
    """Would `text` print differently with markup on (does it hold **bold** or *italic*)?"""
    return any(r.bold or r.italic for r in parse_inline(text))


def plain(text: str) -> str:
    """The text without markup: what a reader sees (for metadata, sorting, alt text)."""
    return "".join(r.text for r in parse_inline(text))


def paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by a blank line; single newlines are spaces."""
    parts = re.split(r"\n[ \t]*\n", text.strip())
    return [" ".join(p.split()) for p in parts if p.strip()]


def role_for(family: str, bold: bool, italic: bool) -> str:
    """Font-chain role for a family ('serif'/'sans') and a style."""
    style = ("bold" if bold else "") + ("italic" if italic else "")
    return f"{family}-{style}" if style else family


def to_markup(text: str, fonts: FontSet, family: str = "serif", bold: bool = False,
              italic: bool = False, markup: bool = True) -> str:
    """ReportLab paragraph markup for the teacher's text, fonts named run by run.

    markup=False prints `*` literally (titles and labels where emphasis makes no sense).
    """
    runs = parse_inline(text, bold, italic) if markup else [Run(text, bold, italic)]
    out: list[str] = []
    for run in runs:
        role = role_for(family, run.bold, run.italic)
        for face, chunk in fonts.runs(run.text, role):
            out.append(f'<font face="{face}">{escape(chunk)}</font>')
    return "".join(out)
