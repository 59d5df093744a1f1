"""`--format gift`: Moodle's GIFT text, one question per paragraph, a category per section.

Texts are `[html]` (markup as <strong>/<em>, other characters HTML-escaped) and then every
GIFT special character (`~ = # { } :` and the backslash) is escaped with a backslash, so
nothing a teacher types can open an answer block. Fill-in answers are plain text, because
Moodle compares them with what a student types. GIFT has no ordering questions, no images
and no scores: ordering and label-the-timeline questions are left out (the summary line
says so), points are not carried. Short answers and essays become essays (graded by hand):
their model answers are for the teacher and GIFT has no field only graders see. A
fill-in answer containing '->' is left out too: Moodle would read a matching question.
"""

from __future__ import annotations

from .. import model as m
from . import Job, Result
from .markup import html, text
from .printed import number_questions

SPECIAL = "\\~=#{}:"
MATCH_ARROW = "->"  # in an answer block, Moodle reads a matching question; no escape exists


def escape(value: str) -> str:
    """GIFT-escape text: a backslash before each special character, newlines as \\n."""
    out = "".join("\\" + c if c in SPECIAL else c for c in value)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def h(value: str) -> str:
    return escape(html(value))


def one_line(value: str) -> str:
    return " ".join(text(value).split())


def category(*names: str) -> str:
    """A $CATEGORY line. Moodle reads it as it stands (no escapes): '/' separates levels,
    so a slash in a name is doubled."""
    return "$CATEGORY: $course$/top/" + "/".join(one_line(n).replace("/", "//") for n in names)


def name(q: m.Question, number: int) -> str:
    """The question's name in Moodle's question bank: its number and the start of its prompt."""
    prompt = one_line(q.prompt)
    return f"{number}. {prompt[:40]}" + ("…" if len(prompt) > 40 else "")


def feedback(q: m.Question) -> str:
    return f" ####{h(q.explanation)}" if q.explanation else ""


def question(q: m.Question, number: int, source_html: str = "") -> str | None:
    """The GIFT of one question, or None for a type GIFT cannot carry; `source_html` (the
    document the question is about) goes before its text."""
    head = f"::{escape(name(q, number))}::[html]" + escape(source_html)
    if isinstance(q, m.MultipleChoice):
        answers = " ".join(("=" if i == q.answer else "~") + h(c) for i, c in enumerate(q.choices))
        return f"{head}{h(q.prompt)} {{{answers}{feedback(q)}}}"
    if isinstance(q, m.TrueFalse):
        return f"{head}{h(q.prompt)} {{{'TRUE' if q.answer else 'FALSE'}{feedback(q)}}}"
    if isinstance(q, (m.ShortAnswer, m.Essay)):
        return f"{head}{h(q.prompt)} {{{feedback(q)}}}"
    if isinstance(q, m.FillInBlank):
        if MATCH_ARROW in text(q.answer):  # Moodle would import it as a matching question
            return None
        before, _, after = q.prompt.partition(m.BLANK)
        gap = " " if before[-1:].isspace() else "", " " if after[:1].isspace() else ""
        return f"{head}{h(before)}{gap[0]}{{={escape(text(q.answer))}{feedback(q)}}}{gap[1]}{h(after)}"
    if isinstance(q, m.Matching):
        pairs = " ".join(f"={h(p.left)} -> {escape(text(p.right))}" for p in q.pairs)
        return f"{head}{h(q.prompt)} {{{pairs}{feedback(q)}}}"
    return None  # ordering and label-the-timeline


def left_out_why(q: m.Question) -> str:
    if isinstance(q, m.FillInBlank):
        return f"fill in the blank: its answer has '{MATCH_ARROW}', which GIFT reads as matching"
    return q.kind.replace("_", " ")


def export(job: Job) -> Result:
    unit = job.unit
    lines = [f"// {one_line(unit.title)}: questions exported by studyguide", ""]
    left_out: list[str] = []
    current = object()
    count = 0
    for number, section, q in number_questions(unit):
        body = question(q, number, job.sources.before(q))
        if body is None:
            left_out.append(f"{number} ({left_out_why(q)})")
            continue
        if section != current:
            current = section
            part = f"{section}. {unit.sections[section - 1].title}" if section else job.sources.words("unit_review")
            lines += [category(unit.title, part), ""]
        lines += [body, ""]
        count += 1
    notes = (f"left out, GIFT cannot carry: {', '.join(left_out)}",) if left_out else ()
    return Result("\n".join(lines).encode("utf-8"), f"{count} questions", notes)
