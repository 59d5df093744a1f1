"""Tagged PDF/UA-1: every guide a screen reader can follow, checked with independent tools.

page-validation (a PDF/UA-1 validator) checks conformance; pikepdf reads the structure
tree and pdfplumber the text of each marked-content sequence (tagcheck.py).
"""

from __future__ import annotations

from pathlib import Path

import page
import pikepdf
import pytest
from pikepdf import Name

from studyguide import model as m
from studyguide.build import BuildOptions, build_unit
from studyguide.scripts import language_of
from studyguide.text import paragraphs, plain

from conftest import CONTENT, FIXTURES
from pdfcheck import squash
from tagcheck import Node, marked_texts, reading_order, structure, text_of

ODD = FIXTURES / "pdf" / "oddities.yaml"
GREECE = FIXTURES / "units" / "ancient-greece.yaml"
MEIJI = FIXTURES / "units" / "meiji-japanese.yaml"


def _build(src: Path, out: Path, **kw) -> list[Path]:
    result = build_unit(src, BuildOptions(out_dir=out, **kw))
    assert not [p for p in result.problems if p.is_error], result.problems
    return [o.path for o in result.outputs]


@pytest.fixture(scope="module")
def variants(tmp_path_factory, first_unit, oddities) -> list[Path]:
    """Every kind of tagged output: editions, versions, large print, A4/Letter, duplex."""
    out = tmp_path_factory.mktemp("tagged")
    files = [first_unit.student, first_unit.teacher, oddities.student, oddities.teacher]
    files += _build(CONTENT, out / "first-a4", paper="a4", duplex=True, versions=2)
    files += _build(ODD, out / "odd-large", large_print=True, versions=2, duplex=True,
                    answers_at_end=True)
    files += _build(GREECE, out / "greece")
    files += _build(MEIJI, out / "meiji", paper="letter")
    return files


def failures(pdf: Path) -> list[str]:
    report = page.validate_pdf(str(pdf), profile=page.ValidationProfile.PDF_UA_1)
    return [f"{f.rule_id}: {f.message}" for f in report.failures]


def test_every_tagged_output_conforms_to_pdf_ua_1(variants):
    assert len(variants) == 4 + 4 + 4 + 2 + 2
    bad = {p.name: failures(p)[:5] for p in variants}
    assert not {k: v for k, v in bad.items() if v}


def test_the_validator_fails_an_untagged_guide(first_unit, tmp_path):
    """The check above can fail: strip the structure tree and the validator objects."""
    with pikepdf.open(first_unit.student) as pdf:
        del pdf.Root[Name.StructTreeRoot]
        pdf.save(tmp_path / "untagged.pdf")
    assert failures(tmp_path / "untagged.pdf")


# --- document level ----------------------------------------------------------------

def test_catalog_and_metadata_say_what_a_reader_needs(guide):
    for pdf, suffix in ((guide.student, ""), (guide.teacher, " (teacher edition)")):
        with pikepdf.open(pdf) as doc:
            cat = doc.Root
            assert cat.MarkInfo.Marked is True
            assert str(cat.Lang) == guide.unit.language
            assert cat.ViewerPreferences.DisplayDocTitle is True
            meta = doc.open_metadata()
            assert meta["dc:title"] == plain(guide.unit.title) + suffix
            assert meta["pdfuaid:part"] == "1"
            assert guide.unit.language in meta["dc:language"]
            for number, p in enumerate(doc.pages):
                assert int(p.obj.StructParents) == number
                if p.obj.get(Name.Annots):
                    assert p.obj.Tabs == Name.S


def test_every_link_annotation_is_in_a_link_element_with_contents(guide):
    for pdf in (guide.student, guide.teacher):
        with pikepdf.open(pdf) as doc:
            annots = [a for p in doc.pages for a in p.obj.get(Name.Annots, [])
                      if a.Subtype == Name.Link]
            assert annots
            for a in annots:
                assert str(a.get(Name.Contents, "")).strip()
                assert Name.StructParent in a
        links = structure(pdf).find("Link")
        assert sum(n.objrs for n in links) == len(annots)


# --- structure ---------------------------------------------------------------------

def parts_of(unit: m.Unit, teacher: bool) -> list[str]:
    """The H1 headings in order: title, contents, introduction, timeline, sections, ..."""
    out = [unit.title, "Contents"]
    if unit.objectives or unit.introduction:
        out.append("Objectives and introduction")
    if unit.all_events() or unit.eras:
        out.append("Unit timeline")
    out += [f"{i + 1}. {s.title}" for i, s in enumerate(unit.sections)]
    if unit.questions:
        out.append("Unit review")
    if unit.all_terms():
        out.append("Glossary")
    if unit.sources:
        out.append("Sources")
    if teacher:
        out.append("Answer key")
        if unit.all_questions():
            out.append("Answer grid")
    return out


def test_one_h1_per_part_and_h2_below(guide):
    for pdf, teacher in ((guide.student, False), (guide.teacher, True)):
        texts = marked_texts(pdf)
        h1 = [squash(text_of(n, texts)) for n in structure(pdf).find("H1")]
        assert h1 == [squash(plain(t)) for t in parts_of(guide.unit, teacher)]
        levels = [int(r[1]) for r, _ in reading_order(pdf) if r in ("H1", "H2", "H3", "H4", "H5", "H6")]
        assert levels[0] == 1  # the title comes first
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels  # no level is skipped


def chart_count(unit: m.Unit) -> int:
    from studyguide.exercises import with_timeline_exercises

    unit = with_timeline_exercises(unit)
    count = 1 if (unit.all_events() or unit.eras) else 0
    count += sum(1 for s in unit.sections if s.timeline)
    return count + sum(1 for q in unit.all_questions() if q.kind == "label_timeline")


def test_every_chart_and_image_is_a_figure_with_alt_text(guide):
    images = sum(len(s.figures) for s in guide.unit.sections)
    for pdf in (guide.student, guide.teacher):
        figures = structure(pdf).find("Figure")
        assert len(figures) == chart_count(guide.unit) + images
        assert all(f.alt and f.alt.strip() for f in figures)
        assert all(f.mcrs for f in figures)  # the drawing is the figure's content


def test_chart_alt_text_lists_the_events_from_the_model(first_unit):
    u = first_unit.unit
    alt = structure(first_unit.student).find("Figure")[0].alt
    assert alt.startswith("Timeline, ")
    for e in u.all_events():
        assert squash(plain(e.label)) in squash(alt)  # as printed: curly quotes, en dashes


def test_choices_and_ordering_items_are_lists_with_one_item_each(guide):
    from studyguide.exercises import with_timeline_exercises

    questions = list(with_timeline_exercises(guide.unit).all_questions())
    for pdf in (guide.student, guide.teacher):
        divs = [d for d in structure(pdf).find("Div")]
        assert len(divs) == len(questions)
        for q, div in zip(questions, divs):
            lists = div.find("L")
            want = {"multiple_choice": len(getattr(q, "choices", ())), "true_false": 2,
                    "ordering": len(getattr(q, "items", ()))}.get(q.kind)
            if want is None:
                assert not lists, q.kind
                continue
            (lst,) = lists
            items = lst.find("LI")
            assert len(items) == want
            assert all(i.find("LBody") for i in items)


def test_key_dates_are_tables_with_row_headers(guide):
    u = guide.unit
    lists = (1 if u.all_events() else 0) + sum(1 for s in u.sections if s.timeline)
    root = structure(guide.student)
    tables = [t for sect in root.kids if isinstance(sect, Node)
              for t in sect.kids if isinstance(t, Node) and t.role == "Table"]
    assert len(tables) == lists
    for t in tables:
        for row in t.find("TR"):
            cells = [k for k in row.kids if isinstance(k, Node)]
            assert [c.role for c in cells].count("TH") == 1
            assert all(c.scope == "Row" for c in cells if c.role == "TH")


def test_matching_is_a_table(oddities):
    q = next(q for q in oddities.unit.all_questions() if q.kind == "matching")
    div = next(d for d in structure(oddities.student).find("Div") if d.find("Table"))
    (table,) = div.find("Table")
    assert len(table.find("TR")) == len(q.pairs)


# --- reading order -----------------------------------------------------------------

def logical_text(unit: m.Unit) -> list[str]:
    """The guide's text in its logical order: title, objectives, introduction, each
    section's summary, terms and questions, the unit review, glossary, sources."""
    from studyguide.exercises import with_timeline_exercises
    from studyguide.collation import sort_key_for

    unit = with_timeline_exercises(unit)
    out = [unit.title, *unit.objectives, *paragraphs(unit.introduction or "")]
    for s in unit.sections:
        out.append(s.title)
        out += paragraphs(s.summary)
        for t in s.key_terms:
            out += [t.term, t.definition]
        for q in s.questions:
            out.append(q.prompt.split(m.BLANK)[0])
    out += [q.prompt.split(m.BLANK)[0] for q in unit.questions]
    sort_key = sort_key_for(unit.language)
    for t in sorted((t for _, t in unit.all_terms()), key=lambda t: sort_key(t.term)):
        out += [t.term, t.definition]
    out += [s.title for s in unit.sources]
    return [squash(plain(x)) for x in out if x and squash(plain(x))]


def test_reading_order_is_the_logical_order(guide):
    for pdf in (guide.student, guide.teacher):
        text = squash("".join(t for _, t in reading_order(pdf)))
        at = 0
        for piece in logical_text(guide.unit):
            found = text.find(piece, at)
            assert found >= 0, f"{piece[:60]!r} missing or out of order in {pdf.name}"
            at = found + len(piece)


def test_questions_are_read_in_number_order_with_answers_after_them(oddities):
    texts = marked_texts(oddities.teacher)
    divs = structure(oddities.teacher).find("Div")
    numbers = [int(text_of(d.find("P")[0], texts).split(".")[0]) for d in divs]
    assert numbers == list(range(1, len(divs) + 1))
    for marker, prompt in (("ANSWER-AXLES", "axle"), ("SiFILL", "chief minister"),
                           ("ESSAY-GUIDE", "success")):
        div = next(d for d in divs if prompt in text_of(d, texts))
        pieces = [text_of(k, texts) for k in div.kids if isinstance(k, Node)]
        assert prompt in pieces[0] and marker not in pieces[0]
        assert any(marker in p for p in pieces[1:])


def test_only_pagination_and_notices_are_left_untagged(guide):
    """Text outside the structure tree: the footer and list bullets (the L/LI structure
    already says "list"); a blank duplex page carries nothing."""
    footer_words = squash(plain(guide.unit.title)) + "PageofVersionTeacheredition0123456789…•·"
    for pdf in (guide.student, guide.teacher):
        for (pg, mcid), text in marked_texts(pdf).items():
            if mcid is None:
                assert set(squash(text)) <= set(footer_words), (pg, text[:80])


def test_student_edition_has_no_answer_text_tagged_or_not(oddities):
    root = structure(oddities.student)
    said = " ".join(filter(None, (n.alt or n.actual or "" for n in root.walk())))
    said += "".join(marked_texts(oddities.student).values())
    for marker in ("ANSWER-AXLES", "SiFILL", "ESSAY-GUIDE", "EXPLAIN", "circled"):
        assert marker not in said


def test_answer_space_is_announced(oddities):
    order = reading_order(oddities.student)
    assert ("P", "Answer space, 2 lines.") in order
    assert ("P", "Answer space, 4 lines.") in order


def test_text_in_another_script_has_its_language(oddities):
    langs = {n.lang for n in structure(oddities.student).walk() if n.lang}
    assert {"zh", "el"} <= langs
    assert language_of("Σῆρες", "en") == "el" and language_of("大历史观", "en") == "zh"
    assert language_of("Русь", "en") is None  # Cyrillic names many languages
    assert language_of("ローマ", "en") == "ja" and language_of("秦朝", "zh") is None


def test_a_paragraph_split_across_pages_stays_one_element(tmp_path):
    long = " ".join(f"Sentence {i} of a summary far longer than one page." for i in range(400))
    src = tmp_path / "long.yaml"
    src.write_text(f"title: A Long Summary\nsections:\n  - title: Only\n    summary: {long}\n",
                   encoding="utf-8")
    student = next(p for p in _build(src, tmp_path / "out", editions=("student",)))
    split = [n for n in structure(student).find("P") if len({pg for pg, _ in n.mcrs}) > 1]
    assert len(split) == 1
    assert squash(text_of(split[0], marked_texts(student))) == squash(long)
    assert not failures(student)


def test_booklets_and_flashcards_say_they_are_print_only(tmp_path):
    files = _build(ODD, tmp_path, booklet=True, flashcards=True, editions=("student",))
    for pdf in files:
        with pikepdf.open(pdf) as doc:
            note = str(doc.open_metadata().get("dc:description", ""))
            if pdf.name == "oddities.pdf":
                assert Name.StructTreeRoot in doc.Root and "Print-only" not in note
                continue
            assert note.startswith("Print-only") and "oddities.pdf" in note, pdf.name
            assert str(doc.docinfo.Subject) == note
