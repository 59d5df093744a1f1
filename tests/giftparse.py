"""A strict GIFT reader for the tests, written from Moodle's format description.

No maintained GIFT parser is on the package index (pygiftparser's last release is from
2017), so the tests read our GIFT with this one. It is strict where Moodle is lenient:
an unescaped special character outside its role, a second answer block or an unknown
answer form is an error, so a GIFT that only Moodle's leniency would import fails here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

SPECIAL = "\\~=#{}:"


class GiftError(ValueError):
    pass


@dataclass
class Question:
    title: str
    text: str                   # before the answer block (and after it, for missing words)
    kind: str                   # multichoice, truefalse, essay, shortanswer, matching
    after: str = ""             # text after the answer block (missing-word questions)
    category: str | None = None
    choices: list[tuple[bool, str]] = field(default_factory=list)
    value: bool | None = None
    answers: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    feedback: str | None = None


def unescape(s: str) -> str:
    """Undo GIFT escapes; refuse a special character that is not escaped."""
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            if i + 1 >= len(s):
                raise GiftError(f"a backslash ends the text: {s!r}")
            nxt = s[i + 1]
            if nxt == "n":
                out.append("\n")
            elif nxt in SPECIAL:
                out.append(nxt)
            else:
                raise GiftError(f"unknown escape \\{nxt} in {s!r}")
            i += 2
            continue
        if c in SPECIAL:
            raise GiftError(f"unescaped {c!r} in {s!r}")
        out.append(c)
        i += 1
    return "".join(out)


def split_unescaped(s: str, seps: str) -> list[tuple[str, str]]:
    """(separator, piece) pairs: the text split at unescaped characters of `seps`."""
    parts: list[tuple[str, str]] = []
    sep, buf, i = "", [], 0
    while i < len(s):
        if s[i] == "\\":
            buf.append(s[i:i + 2])
            i += 2
            continue
        if s[i] in seps:
            parts.append((sep, "".join(buf)))
            sep, buf = s[i], []
        else:
            buf.append(s[i])
        i += 1
    parts.append((sep, "".join(buf)))
    return parts


def find_unescaped(s: str, ch: str, start: int = 0) -> int:
    i = start
    while i < len(s):
        if s[i] == "\\":
            i += 2
            continue
        if s[i] == ch:
            return i
        i += 1
    return -1


def html_text(s: str) -> str:
    """What an [html] text says, tags removed, paragraphs one space apart, white space
    collapsed (for comparing with the model's plain text)."""
    s = re.sub(r"</p>\s*<p>|<br\s*/?>", " ", s)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", s)).split())


def parse(source: str) -> list[Question]:
    questions: list[Question] = []
    category = None
    for block in re.split(r"\n[ \t]*\n", source):
        lines = [ln for ln in block.splitlines() if ln.strip() and not ln.lstrip().startswith("//")]
        if not lines:
            continue
        if lines[0].startswith("$CATEGORY:"):
            if len(lines) > 1:
                raise GiftError("a category line must stand alone")
            category = lines[0][len("$CATEGORY:"):].strip()
            continue
        q = _question(" ".join(lines))
        q.category = category
        questions.append(q)
    return questions


def _question(s: str) -> Question:
    title = ""
    if s.startswith("::"):
        end = find_unescaped(s, ":", 2)
        if end < 0 or s[end + 1: end + 2] != ":":
            raise GiftError(f"title not closed: {s!r}")
        title, s = unescape(s[2:end]), s[end + 2:]
    if not s.startswith("[html]"):
        raise GiftError(f"expected [html]: {s!r}")
    s = s[len("[html]"):]
    open_ = find_unescaped(s, "{")
    close = find_unescaped(s, "}", open_ + 1) if open_ >= 0 else -1
    if open_ < 0 or close < 0:
        raise GiftError(f"no answer block: {s!r}")
    if find_unescaped(s, "{", close + 1) >= 0:
        raise GiftError(f"two answer blocks: {s!r}")
    before, body, after = s[:open_], s[open_ + 1:close], s[close + 1:]
    q = Question(title, unescape(before).rstrip(), "", after=unescape(after))
    fb = _feedback_split(body)
    body, q.feedback = fb
    body = body.strip()
    if body in ("T", "TRUE", "F", "FALSE"):
        q.kind, q.value = "truefalse", body.startswith("T")
    elif body == "":
        q.kind = "essay"
    elif "->" in body:
        q.kind = "matching"
        for sep, piece in split_unescaped(body, "="):
            if sep == "" and piece.strip():
                raise GiftError(f"matching pair without =: {body!r}")
            if sep:
                left, arrow, right = piece.partition("->")
                if not arrow:
                    raise GiftError(f"matching pair without ->: {piece!r}")
                q.pairs.append((unescape(left.strip()), unescape(right.strip())))
    else:
        parts = split_unescaped(body, "=~")
        if parts[0][1].strip():
            raise GiftError(f"text before the first answer: {body!r}")
        answers = [(sep, piece.strip()) for sep, piece in parts[1:]]
        if any(sep == "~" for sep, _ in answers):
            q.kind = "multichoice"
            q.choices = [(sep == "=", unescape(p)) for sep, p in answers]
        else:
            q.kind = "shortanswer"
            q.answers = [unescape(p) for _, p in answers]
    return q


def _feedback_split(body: str) -> tuple[str, str | None]:
    i = 0
    while i < len(body):
        if body[i] == "\\":
            i += 2
            continue
        if body.startswith("####", i):
            return body[:i], unescape(body[i + 4:].strip())
        if body[i] == "#":
            raise GiftError(f"unescaped # (per-answer feedback is not used): {body!r}")
        i += 1
    return body, None
