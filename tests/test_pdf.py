"""Real properties of real PDFs, built from the first unit and from a fixture unlike it."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from pypdf import PdfReader

from studyguide import model as m
from studyguide.layout.styles import SAFE_MARGIN
from studyguide.text import paragraphs, plain

from conftest import FIXTURES, build
from pdfcheck import all_text, answer_ink, contains, fonts_of, is_answer_ink, page_texts, squash, words

STANDARD_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


def answer_key_page(built) -> int:
    """1-based page on which the teacher's answer key starts (from the outline)."""
    reader = PdfReader(str(built.teacher))
    for item in reader.outline:
        if not isinstance(item, list) and item.title == "Answer key":
            return reader.get_destination_page_number(item) + 1
    raise AssertionError("no 'Answer key' bookmark in the teacher edition")


# --- content is all there --------------------------------------------------------------

def test_every_section_term_and_question_is_printed(guide):
    u: m.Unit = guide.unit
    for pdf in (guide.student, guide.teacher):
        for s in u.sections:
            assert contains(pdf, s.title), s.title
            for para in paragraphs(s.summary):
                assert contains(pdf, para), para[:60]
            for t in s.key_terms:
                assert contains(pdf, t.term) and contains(pdf, t.definition), t.term
        for q in u.all_questions():
            for piece in q.prompt.split(m.BLANK):
                assert contains(pdf, piece), q.prompt
            for choice in getattr(q, "choices", ()):
                assert contains(pdf, choice)
            for item in getattr(q, "items", ()):
                assert contains(pdf, item)
            for pair in getattr(q, "pairs", ()):
                assert contains(pdf, pair.left) and contains(pdf, pair.right)


def test_text_with_markup_characters_prints_as_typed(oddities):
    text = all_text(oddities.student)
    assert squash("Qin & Han: Empire <b>Unified</b>") in text
    assert squash("When x < y and y > z") in text
    assert squash("Tags like <i>this</i> print as typed") in text
    # **bold** markup is not printed as stars
    assert "**" not in text


def test_cjk_cyrillic_and_greek_extract_back(oddities):
    text = all_text(oddities.student)
    for s in ("秦始皇", "皇帝", "Русский текст и ελληνικά", "ローマ", "法家", "Ρώμη", "Русь"):
        assert squash(s) in text, s


# --- editions ----------------------------------------------------------------------------

def _answers(u: m.Unit, fill_in: bool = True) -> list[str]:
    kinds = (m.ShortAnswer, m.Essay, m.FillInBlank) if fill_in else (m.ShortAnswer, m.Essay)
    return [q.answer for q in u.all_questions() if isinstance(q, kinds)]


def _answer_ink(pdf) -> list[str]:
    """Text drawn in the teacher's answer colour, page by page."""
    with pdfplumber.open(str(pdf)) as doc:
        return ["".join(c["text"] for c in page.chars if is_answer_ink(c)) for page in doc.pages]


def test_student_edition_has_no_answers(guide):
    u = guide.unit
    text = all_text(guide.student)
    # sentences (short answers, essay guidance) appear nowhere; one-word fill-in answers may
    # well be key terms used in the summaries, so for those no answer ink may appear at all
    for a in _answers(u, fill_in=False):
        assert squash(plain(a)) not in text, a
    assert not "".join(_answer_ink(guide.student))
    for q in u.all_questions():
        if q.explanation:
            assert squash(plain(q.explanation)) not in text, q.explanation
    assert "Answerkey" not in text
    assert "TEACHEREDITION" not in text


def test_teacher_edition_has_every_answer_and_explanation(guide):
    u = guide.unit
    text = all_text(guide.teacher)
    assert "TEACHEREDITION" in text
    key = squash("".join(page_texts(guide.teacher)[answer_key_page(guide) - 1:]))
    for a in _answers(u):
        assert squash(plain(a)) in key, a
    ink = squash("".join(_answer_ink(guide.teacher)))
    for q in u.all_questions():
        if isinstance(q, m.FillInBlank):  # written over its blank
            assert squash(plain(q.answer)) in ink, q.answer
    for q in u.all_questions():
        if q.explanation:
            assert squash(plain(q.explanation)) in key, q.explanation


def test_editions_have_the_same_pages_up_to_the_answer_key(guide):
    student, teacher = words(guide.student), words(guide.teacher, answer_ink())
    key_page = answer_key_page(guide)
    assert key_page == len(student) + 1
    with pdfplumber.open(str(guide.student)) as doc:
        footer_top = float(doc.pages[0].height) - 1.0 * 72 + 4  # below the text frame
    for i in range(2, len(student)):  # page 3 on; the cover and contents differ by design
        # every student word is at the same place in the teacher edition (footers aside:
        # their page totals differ)
        s_words = {w for w in student[i] if w[2] < footer_top}
        t_words = {w for w in teacher[i] if w[2] < footer_top}
        missing = s_words - t_words
        assert not missing, f"page {i + 1}: {sorted(missing)[:5]}"
        assert s_words, f"page {i + 1} is empty"


def test_teacher_answers_sit_in_the_students_answer_space(first_unit):
    """A short answer's text is drawn on the page where the student writes it."""
    u = first_unit.unit
    sa = next(q for q in u.all_questions() if isinstance(q, m.ShortAnswer))
    student, teacher = page_texts(first_unit.student), page_texts(first_unit.teacher)
    page = next(i for i, t in enumerate(student) if squash(sa.prompt) in squash(t))
    assert squash(plain(sa.answer))[:30] in squash(teacher[page])


# --- fonts ---------------------------------------------------------------------------------

def test_every_font_is_embedded_subset_and_not_standard_14(guide):
    for pdf in (guide.student, guide.teacher):
        fonts = fonts_of(pdf)
        assert fonts
        for name, info in fonts.items():
            assert info["embedded"], f"{name} is not embedded"
            assert not any(s in name for s in STANDARD_14), f"standard font {name}"
            assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not a subset"
        raw = pdf.read_bytes()
        assert b"/Helvetica" not in raw


# --- navigation -----------------------------------------------------------------------------

def _outline(pdf) -> dict[str, int]:
    reader = PdfReader(str(pdf))
    out = {}

    def walk(items):
        for it in items:
            if isinstance(it, list):
                walk(it)
            else:
                out[it.title] = reader.get_destination_page_number(it) + 1
    walk(reader.outline)
    return out


def _contents_numbers(pdf) -> dict[str, int]:
    """Title -> page number as printed on the contents page."""
    with pdfplumber.open(str(pdf)) as doc:
        text = doc.pages[1].extract_text()
    found = {}
    for line in text.splitlines():
        mt = re.match(r"(.+?)\s+(\d+)$", line.strip())
        if mt:
            found[squash(mt.group(1))] = int(mt.group(2))
    return found


def test_outline_lists_every_section_on_its_page(guide):
    u = guide.unit
    for pdf in (guide.student, guide.teacher):
        outline = _outline(pdf)
        printed = _contents_numbers(pdf)
        texts = page_texts(pdf)
        for i, s in enumerate(u.sections):
            title = f"{i + 1}. {plain(s.title)}"
            assert title in outline, title
            page = outline[title]
            assert squash(plain(s.title)) in squash(texts[page - 1])
            assert printed[squash(title)] == page
        for fixed in ("Contents", "Glossary"):
            assert fixed in outline
    assert "Answer key" in _outline(guide.teacher)
    assert "Answer key" not in _outline(guide.student)


def test_contents_entries_link_to_their_pages(guide):
    """Each contents entry (its title and its page number) links to the page it names, which
    is the page its bookmark points at and holds the part it names; every section has one."""
    reader = PdfReader(str(guide.student))
    outline = {squash(title): page for title, page in _outline(guide.student).items()}
    page_index = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    texts = page_texts(guide.student)
    titles: list[str] = []
    numbers = 0
    with pdfplumber.open(str(guide.student)) as doc:
        contents = doc.pages[1]
        for annot in reader.pages[1].get("/Annots") or []:
            link = annot.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            x0, y0, x1, y1 = (float(v) for v in link["/Rect"])
            shown = (contents.crop((x0, contents.height - y1, x1, contents.height - y0)).extract_text() or "").strip()
            target = page_index[link["/Dest"][0].idnum]
            if shown.isdigit():
                assert int(shown) == target + 1, (shown, target + 1)
                numbers += 1
            else:
                assert outline[squash(shown)] == target + 1, (shown, target + 1)
                title = re.sub(r"^\d+\.\s+", "", shown)
                assert title and squash(title) in squash(texts[target]), (shown, target + 1)
                titles.append(squash(title))
    assert numbers == len(titles)
    for s in guide.unit.sections:
        assert any(squash(plain(s.title)).startswith(t) for t in titles), s.title


def test_glossary_is_alphabetical_ignoring_case_and_accents(oddities):
    text = "".join(page_texts(oddities.student))
    page = text[text.rindex("Glossary"):]  # the glossary itself, not its contents line
    order = [page.find(w) for w in ("abdication", "Éminence grise", "Legalism", "Silk Road")]
    assert all(i >= 0 for i in order) and order == sorted(order), order


def test_footer_reads_page_x_of_y(guide):
    for pdf in (guide.student, guide.teacher):
        texts = page_texts(pdf)
        n = len(texts)
        assert f"Page 1 of {n}" not in texts[0]
        for i, t in enumerate(texts[1:], 2):
            assert f"Page {i} of {n}" in t, (pdf.name, i)


# --- print quality ----------------------------------------------------------------------------

@pytest.mark.parametrize("paper,size", [("letter", (612, 792)), ("a4", (595.28, 841.89))])
def test_paper_sizes(tmp_path, paper, size):
    built = build(FIXTURES / "pdf" / "oddities.yaml", tmp_path, paper=paper)
    for pdf in (built.student, built.teacher):
        for page in PdfReader(str(pdf)).pages:
            assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(size, abs=0.01)


def test_nothing_is_drawn_outside_the_margins(guide):
    for pdf in (guide.student, guide.teacher):
        with pdfplumber.open(str(pdf)) as doc:
            for page in doc.pages:
                w, h = float(page.width), float(page.height)
                for obj in page.chars + page.rects + page.lines + page.curves + page.images:
                    assert obj["x0"] >= SAFE_MARGIN - 0.5 and obj["x1"] <= w - SAFE_MARGIN + 0.5, \
                        (pdf.name, page.page_number, obj.get("text"), obj["x0"], obj["x1"])
                    assert obj["top"] >= SAFE_MARGIN - 0.5 and obj["bottom"] <= h - SAFE_MARGIN + 0.5, \
                        (pdf.name, page.page_number, obj.get("text"), obj["top"], obj["bottom"])


def test_body_text_is_at_least_10pt_and_no_text_is_tiny(first_unit):
    with pdfplumber.open(str(first_unit.student)) as doc:
        sizes = [round(c["size"], 1) for p in doc.pages for c in p.chars]
    assert min(sizes) >= 7.5
    # the most common size (running text) is body text
    body = max(set(sizes), key=sizes.count)
    assert body >= 10


def test_builds_are_byte_identical(tmp_path):
    a = build(FIXTURES / "pdf" / "oddities.yaml", tmp_path / "a")
    b = build(FIXTURES / "pdf" / "oddities.yaml", tmp_path / "b")
    assert a.student.read_bytes() == b.student.read_bytes()
    assert a.teacher.read_bytes() == b.teacher.read_bytes()


def test_metadata(first_unit):
    reader = PdfReader(str(first_unit.student))
    info = reader.metadata
    u = first_unit.unit
    assert info.title == plain(u.title)
    assert info.author == u.author
    assert info.subject == plain(u.subtitle or u.course or "")
    keywords = info.get("/Keywords", "")
    for _, t in u.all_terms():
        assert plain(t.term) in keywords
    root = reader.trailer["/Root"]
    assert root.get("/Lang") == u.language
    assert root.get("/PageMode") == "/UseOutlines"
    assert root["/ViewerPreferences"].get("/DisplayDocTitle")


def _fill_in_answers_sit_on_their_blanks(teacher_pdf, unit) -> None:
    """Every fill-in answer is written in answer ink over a blank (centred on it, just above
    its line); the same words elsewhere in answer ink (an essay's guidance) do not count."""
    answers = {plain(q.answer).replace(" ", "") for q in unit.all_questions() if isinstance(q, m.FillInBlank)}
    placed = set()
    with pdfplumber.open(str(teacher_pdf)) as doc:
        for page in doc.pages:
            ink_chars = [c for c in page.chars if is_answer_ink(c)]
            inked = "".join(c["text"] for c in ink_chars)
            blanks = [w for w in page.filter(lambda o: o.get("object_type") != "char" or not is_answer_ink(o))
                      .extract_words() if set(w["text"].rstrip(".,;:!?)")) == {"_"}]
            for a in answers:
                at = inked.find(a)
                while at >= 0:
                    first, last = ink_chars[at], ink_chars[at + len(a) - 1]
                    cx = (first["x0"] + last["x1"]) / 2
                    if any(b["x0"] - 1 <= cx <= b["x1"] + 1 and 0 <= b["bottom"] - first["bottom"] <= 12
                           for b in blanks):
                        placed.add(a)
                    at = inked.find(a, at + 1)
    assert placed == answers, sorted(answers - placed)


def test_fill_in_answers_are_written_on_their_blanks(first_unit):
    _fill_in_answers_sit_on_their_blanks(first_unit.teacher, first_unit.unit)


def test_fill_in_answers_are_written_on_their_blanks_in_large_print(tmp_path):
    from conftest import CONTENT
    from studyguide.build import BuildOptions, build_unit

    result = build_unit(CONTENT, BuildOptions(out_dir=tmp_path, large_print=True))
    teacher = next(o.path for o in result.outputs if o.path.name.endswith("-large-teacher.pdf"))
    from studyguide.validate import load_unit
    unit, _ = load_unit(CONTENT)
    _fill_in_answers_sit_on_their_blanks(teacher, unit)


def test_glossary_gives_the_page_where_each_term_is_introduced(guide):
    u = guide.unit
    with pdfplumber.open(str(guide.student)) as doc:
        texts = [p.extract_text() or "" for p in doc.pages]
    start = _outline(guide.student)["Glossary"] - 1
    lines = [line for t in texts[start:] for line in t.splitlines()]
    for _, term in u.all_terms():
        # the row's first line: the term, then its page number at the right
        line = next(li for li in lines if squash(li).startswith(squash(plain(term.term))[:20])
                    and re.search(r"\s(\d+)$", li.strip()))
        page = int(re.search(r"(\d+)$", line.strip()).group(1))
        intro = squash(texts[page - 1])
        assert squash(plain(term.term)) in intro and squash(plain(term.definition))[:25] in intro, \
            (term.term, page)


def test_key_date_labels_keep_their_words_whole(guide):
    """A key-dates list in two columns never cuts a word of a label ("Good-Neighborlin" /
    "ess"): its dates wrap first, or the list keeps one column."""
    import pdfplumber

    long_words = {w.strip(",.;:()\u201c\u201d\"'") for e in guide.unit.all_events()
                  for w in plain(e.label).split() if len(w) >= 11}
    with pdfplumber.open(guide.student) as pdf:
        printed = {w["text"].replace("\u2019", "'").strip(",.;:()\u201c\u201d\"'")  # typographic apostrophes
                   for p in pdf.pages for w in p.extract_words()}
    cut = {(word, p) for word in long_words for p in printed
           if 4 <= len(p) < len(word) and word.startswith(p) and p[-1].isalpha() and word[len(p)].isalpha()}
    assert not cut, cut
