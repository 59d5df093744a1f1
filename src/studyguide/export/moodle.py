"""`--format moodle`: Moodle XML (Question bank > Import > Moodle XML format).

A category per section (and one for the unit review), in printed order. Each section with
a timeline chart or figures opens with a description item that shows them (base64 files,
with alt text). Types: multichoice, truefalse, matching, ordering (core since Moodle 4.4),
fill in the blank as a cloze (multianswer) question, short answers and essays as essays:
the model answer goes in `graderinfo`, which only graders see. Label-the-timeline becomes
a matching question under its chart: each numbered blank with its event.
Explanations are the general feedback; points the default mark.
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from typing import Sequence

from .. import model as m
from ..charts.chart import ChartKey
from ..points import points_of
from . import Job, Result
from .gift import name as question_name, one_line
from .markup import as_typed_html, escape_html, html, text
from .media import Media, label_chart, section_media
from .printed import number_questions

CLOZE_SPECIAL = '\\}#~/"'


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = value
    return el


def _sub(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def image_html(media: Media) -> str:
    img = f'<img src="@@PLUGINFILE@@/{escape_html(media.name)}" alt="{escape_html(media.alt)}">'
    if media.caption:
        return f"<figure>{img}<figcaption>{html(media.caption)}</figcaption></figure>"
    return f"<p>{img}</p>"


def _files(el: ET.Element, media: Sequence[Media]) -> None:
    for f in media:
        ET.SubElement(el, "file", {"name": f.name, "path": "/", "encoding": "base64"}).text = \
            base64.b64encode(f.data).decode("ascii")


def _question(quiz: ET.Element, qtype: str, title: str, prompt_html: str, q: m.Question | None,
              media: Sequence[Media] = ()) -> ET.Element:
    el = ET.SubElement(quiz, "question", {"type": qtype})
    _text(el, "name", title, None)
    qt = _text(el, "questiontext", prompt_html + "".join(image_html(f) for f in media))
    _files(qt, media)
    _text(el, "generalfeedback", html(q.explanation) if q is not None and q.explanation else "")
    points = 0 if q is None else points_of(q)
    _sub(el, "defaultgrade", str(points))
    _sub(el, "penalty", "0")
    _sub(el, "hidden", "0")
    return el


def _answer(el: ET.Element, fraction: str, value: str, fmt: str = "html") -> None:
    a = ET.SubElement(el, "answer", {"fraction": fraction, "format": fmt})
    _sub(a, "text", value)
    _text(a, "feedback", "")


def cloze_answer(value: str) -> str:
    """A cloze answer: Moodle reads \\ } # ~ / " as syntax unless escaped with a backslash."""
    return "".join("\\" + c if c in CLOZE_SPECIAL else c for c in value)


def no_gaps(value_html: str) -> str:
    """HTML in a cloze question: braces as character references so no text reads as a gap."""
    return value_html.replace("{", "&#123;").replace("}", "&#125;")


def cloze_text(value: str) -> str:
    """The teacher's text around a cloze gap."""
    return no_gaps(html(value))


def question(quiz: ET.Element, job: Job, q: m.Question, number: int) -> None:
    title = question_name(q, number)
    source = job.sources.before(q)  # the document a question is about comes with it
    prompt = source + html(q.prompt)
    if isinstance(q, m.MultipleChoice):
        el = _question(quiz, "multichoice", title, prompt, q)
        _sub(el, "single", "true")
        _sub(el, "shuffleanswers", "false")  # the printed order: the guide and the quiz agree
        _sub(el, "answernumbering", "ABCD")
        for i, c in enumerate(q.choices):
            _answer(el, "100" if i == q.answer else "0", html(c))
    elif isinstance(q, m.TrueFalse):
        el = _question(quiz, "truefalse", title, prompt, q)
        _answer(el, "100" if q.answer else "0", "true", "moodle_auto_format")
        _answer(el, "0" if q.answer else "100", "false", "moodle_auto_format")
    elif isinstance(q, (m.ShortAnswer, m.Essay)):
        el = _question(quiz, "essay", title, prompt, q)
        _sub(el, "responseformat", "editor")
        _sub(el, "responserequired", "1")
        _sub(el, "responsefieldlines", str(max(5, q.lines)))
        _sub(el, "attachments", "0")
        _text(el, "graderinfo", html(q.answer))  # teacher-only: shown to graders, never to students
        _text(el, "responsetemplate", "")
    elif isinstance(q, m.FillInBlank):
        before, _, after = q.prompt.partition(m.BLANK)
        gap = f"{{1:SHORTANSWER:={cloze_answer(text(q.answer))}}}"
        sp = " " if before[-1:].isspace() else "", " " if after[:1].isspace() else ""
        cloze = cloze_text(before) + sp[0] + gap + sp[1] + cloze_text(after)
        _question(quiz, "cloze", title, no_gaps(source) + cloze, q)
    elif isinstance(q, m.Matching):
        el = _question(quiz, "matching", title, prompt, q)
        _sub(el, "shuffleanswers", "true")
        for p in q.pairs:
            sub = _text(el, "subquestion", html(p.left))
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = one_line(p.right)
    elif isinstance(q, m.Ordering):
        el = _question(quiz, "ordering", title, prompt, q)
        for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0"),
                           ("gradingtype", "ABSOLUTE_POSITION"), ("showgrading", "SHOW"),
                           ("numberingstyle", "none")):
            _sub(el, tag, value)
        for i, item in enumerate(q.items, 1):  # in the correct order; Moodle shuffles them
            _answer(el, str(i), html(item))
    elif isinstance(q, m.LabelTimeline):
        chart = label_chart(job, q)
        el = _question(quiz, "matching", title, prompt, q, [chart])
        _sub(el, "shuffleanswers", "true")
        for num, label in job.charts[ChartKey(exercise=q.chart_key, mode="blanks")].blanks:
            sub = _text(el, "subquestion", escape_html(f"({num})"))
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = one_line(label)
    else:  # a new question type must be mapped here before it can be exported
        raise TypeError(f"no Moodle mapping for {type(q).__name__}")


def category(quiz: ET.Element, *names: str) -> None:
    el = ET.SubElement(quiz, "question", {"type": "category"})
    path = "/".join(one_line(n).replace("/", "//") for n in names)
    _text(el, "category", f"$course$/top/{path}", None)
    _text(el, "info", "")


def export(job: Job) -> Result:
    unit = job.unit
    quiz = ET.Element("quiz")
    current = object()
    count = 0
    for number, section, q in number_questions(unit):
        if section != current:
            current = section
            if section is None:
                category(quiz, unit.title, job.sources.words("unit_review"))
            else:
                s = unit.sections[section - 1]
                category(quiz, unit.title, f"{section}. {s.title}")
                media = section_media(job, section - 1, s)
                if media:
                    _question(quiz, "description", one_line(s.title), f"<p>{as_typed_html(s.title)}</p>",
                              None, media)
        question(quiz, job, q, number)
        count += 1
    ET.indent(quiz)
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8",
                                                                    xml_declaration=False) + b"\n"
    return Result(data, f"{count} questions")
