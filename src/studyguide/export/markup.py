"""The teacher's markup (`**bold**`, `*italic*`) in the export targets' own markup.

Every other character is text: it is escaped for the target, never interpreted.
"""

from __future__ import annotations

from ..text import paragraphs, parse_inline, plain


def escape_html(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def as_typed_html(text: str) -> str:
    """HTML of a plain field (section titles, other names): it prints exactly as typed, so
    stars stay stars, as in the guide."""
    return escape_html(" ".join(text.split()))


def html(text: str) -> str:
    """HTML for QTI and Moodle: <strong>/<em> for the markup, paragraphs as <p>."""
    paras = [_runs_html(p) for p in paragraphs(text)] or [""]
    if len(paras) == 1:
        return paras[0]
    return "".join(f"<p>{p}</p>" for p in paras)


def block_html(text: str) -> str:
    """Every paragraph as <p>, even one: for text inside a block (a quote, a description)."""
    return "".join(f"<p>{_runs_html(p)}</p>" for p in paragraphs(text))


def _runs_html(text: str) -> str:
    out = []
    for run in parse_inline(text):
        s = escape_html(run.text)
        if run.italic:
            s = f"<em>{s}</em>"
        if run.bold:
            s = f"<strong>{s}</strong>"
        out.append(s)
    return "".join(out)


def text(value: str) -> str:
    """Plain text for formats without markup (CSV, answers matched as typed): what a reader sees,
    paragraphs joined by a blank line."""
    return "\n\n".join(plain(p) for p in paragraphs(value))
