"""The unit as printed: numbers, orders and answer letters taken from the layout itself.

Nothing here decides an order. Each guide's unit comes from `build.printed_units` (what the
build lays out), the order of matching and ordering rows from `shuffle.shown_order` with the
layout's own seed, numbers from the order of `Unit.all_questions` that the guide prints; so
when the layout's shuffling changes, every export follows.
"""

from __future__ import annotations

from .. import model as m
from ..build import BuildOptions, output_name, printed_units
from ..charts.chart import ChartKey, Charts
from ..dates import HistDate
from ..layout.documents import document_numbers
from ..layout.questions import letter, word_bank
from ..points import points_of, tally
from ..shuffle import layout_seed, shown_order
from . import records as r


def number_questions(unit: m.Unit) -> list[tuple[int, int | None, m.Question]]:
    """(number as printed, section number or None for the unit review, question), in the
    order the guide prints them (a document's questions right after the document)."""
    out: list[tuple[int, int | None, m.Question]] = []
    for i, s in enumerate(unit.sections):
        out += [(0, i + 1, q) for q in s.printed_questions()]
    out += [(0, None, q) for q in unit.questions]
    return [(n, sec, q) for n, (_, sec, q) in enumerate(out, 1)]


def question(unit: m.Unit, q: m.Question, number: int, section: int | None, seed: str,
             teacher: bool, charts: Charts) -> r.Question:
    """One question as one guide prints it; answers and explanations only for the teacher."""
    kw: dict = {}
    ans: dict = {}
    if isinstance(q, m.MultipleChoice):
        kw["choices"] = tuple(r.Labelled(letter(i), c) for i, c in enumerate(q.choices))
        ans = {"letter": letter(q.answer), "index": q.answer}
    elif isinstance(q, m.TrueFalse):
        ans = {"value": q.answer}
    elif isinstance(q, (m.ShortAnswer, m.Essay)):
        kw["lines"] = q.lines
        ans = {"text": q.answer}
    elif isinstance(q, m.FillInBlank):
        ans = {"text": q.answer}
    elif isinstance(q, m.Matching):
        order = shown_order(q, seed)
        kw["left"] = tuple(r.Labelled(str(i + 1), p.left) for i, p in enumerate(q.pairs))
        kw["right"] = tuple(r.Labelled(letter(k), q.pairs[i].right) for k, i in enumerate(order))
        ans = {"matches": tuple(r.Match(str(i + 1), letter(order.index(i))) for i in range(len(q.pairs)))}
    elif isinstance(q, m.Ordering):
        order = shown_order(q, seed)
        kw["items"] = tuple(q.items[i] for i in order)
        ans = {"ranks": tuple(i + 1 for i in order)}
    elif isinstance(q, m.LabelTimeline):
        kw["word_bank"] = tuple(word_bank(q))
        chart = charts.get(ChartKey(exercise=q.chart_key, mode="blanks"))
        if chart is not None:
            ans = {"blanks": tuple(r.Labelled(str(num), label) for num, label in chart.blanks)}
    else:  # a new question type must be mapped here before it can be exported
        raise TypeError(f"no export mapping for {type(q).__name__}")
    title = unit.sections[section - 1].title if section else None
    return r.Question(number=number, type=q.kind, prompt=q.prompt, section=section, section_title=title,
                      points=points_of(q), **kw, document=q.document,
                      answer=r.Answer(**ans) if teacher and ans else None,
                      explanation=q.explanation if teacher else None)


def guide(unit: m.Unit, variant: m.Unit, edition: str, version: str | None,
          charts: Charts) -> r.Guide:
    seed = layout_seed(unit.slug, version)
    qs = tuple(question(variant, q, n, sec, seed, edition == "teacher", charts)
               for n, sec, q in number_questions(variant))
    return r.Guide(edition=edition, version=version,  # type: ignore[arg-type]
                   file=output_name(unit.slug, edition, None, version), points=tally(variant).points,
                   questions=qs)


def date(d: HistDate) -> r.Date:
    return r.Date(text=d.format(), year=d.year, month=d.month, day=d.day, approximate=d.approximate)


def export(unit: m.Unit, editions: tuple[str, ...] = ("student", "teacher"), versions: int = 0,
           charts: Charts | None = None) -> r.Export:
    """The unit (with its generated exercises) as every asked-for guide prints it."""
    charts = charts or {}
    guides = tuple(guide(unit, variant, ed, v, charts)
                   for v, variant in printed_units(unit, BuildOptions(versions=versions))
                   for ed in editions)
    terms = tuple(r.Term(term=t.term, definition=t.definition, also=t.also, section=i + 1,
                         section_title=s.title)
                  for i, s in enumerate(unit.sections) for t in s.key_terms)
    events = tuple(r.TimelineEvent(date=date(e.date), end=date(e.end) if e.end else None, label=e.label,
                                   detail=e.detail, section=i + 1)
                   for i, s in enumerate(unit.sections) for e in s.timeline)
    numbers = document_numbers(unit)
    teacher = "teacher" in editions
    documents = tuple(r.Document(id=d.id, number=numbers[d.id], section=i + 1, title=d.title,
                                 author=d.author, date=date(d.date), source=d.source, text=d.text,
                                 translation_note=d.translation_note, notes=d.notes if teacher else None)
                      for i, s in enumerate(unit.sections) for d in s.documents)
    info = r.UnitInfo(slug=unit.slug, title=unit.title, subtitle=unit.subtitle, course=unit.course,
                      language=unit.language, sections=tuple(s.title for s in unit.sections))
    return r.Export(format=r.FORMAT_NAME, format_version=r.FORMAT_VERSION, unit=info, guides=guides,
                    key_terms=terms, events=events, documents=documents)
