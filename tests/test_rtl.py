"""Right-to-left guides (Arabic and Hebrew units) read back from their PDFs.

What docs/languages.md promises for a `direction: rtl` catalogue: the guide's own words in
the unit's language, every heading and paragraph set flush right, question numbers hanging
on the right of their prompts, and the document's language in the catalog. Positions are
read with pdfplumber (geometry only: its text order for RTL runs is visual), words with
PDFium, which reads the /ActualText of shaped runs.
"""

from __future__ import annotations

import re

import pdfplumber
import pikepdf
import pypdfium2
import pytest

from studyguide.labels import labels_for

from conftest import FIXTURES, build
from pdfcheck import pdfium_page_texts

UNITS = [FIXTURES / "languages" / "silk-ar.yaml", FIXTURES / "languages" / "printing-he.yaml"]
ENGLISH = ["Contents", "Review questions", "Glossary", "Answer key", "Key terms", "True", "False", "Page"]


@pytest.fixture(scope="module", params=UNITS, ids=lambda p: p.stem)
def built(request, tmp_path_factory):
    return build(request.param, tmp_path_factory.mktemp(request.param.stem))


def test_the_catalogue_is_right_to_left():
    for tag in ("ar", "he"):
        assert labels_for(tag).rtl and labels_for(tag).language == tag


def test_the_guide_prints_its_own_words(built):
    words = labels_for(built.unit.language)
    pages = pdfium_page_texts(built.teacher)
    text = " ".join(" ".join(pages).split())
    for key in ("contents", "key_terms", "review_questions", "glossary", "answer_key", "answer_true"):
        assert words(key) in text, key
    assert words("page_of", page=2, total=len(pages)) in " ".join(pages[1].split())
    for english in ENGLISH:
        assert not re.search(rf"\b{english}\b", text), english


def _body_right(page) -> float:
    """The right edge of the text block (the footer aside)."""
    return max(w["x1"] for w in page.extract_words() if w["bottom"] < page.height - 60)


def _lines(page) -> list[list[dict]]:
    """The page's words in lines, top to bottom (the footer aside)."""
    lines: list[list[dict]] = []
    words = [w for w in page.extract_words(extra_attrs=["size"]) if w["bottom"] < page.height - 60]
    mid = lambda w: (w["top"] + w["bottom"]) / 2  # noqa: E731  (scripts differ in ascent)
    for w in sorted(words, key=mid):
        if lines and abs(mid(w) - mid(lines[-1][0])) < 0.6 * w["size"]:
            lines[-1].append(w)
        else:
            lines.append([w])
    return lines


def test_headings_and_paragraphs_are_flush_right(built):
    """Section 1's heading and the lines of its summary end at the right margin, and a
    shorter line of the summary leaves its space on the left."""
    with pdfplumber.open(str(built.student)) as pdf:
        for page in pdf.pages[1:]:
            lines = _lines(page)
            heads = [i for i, ln in enumerate(lines)
                     if any(re.fullmatch(r"\.?1\.?", w["text"]) for w in ln) and ln[0]["size"] > 14]
            if heads:
                break
        else:
            raise AssertionError("no heading of section 1")
        right = _body_right(page)
        heading, *rest = lines[heads[0]:]
        body = ln_size = rest[0][0]["size"]
        summary = [ln for ln in rest[:next(i for i, ln in enumerate(rest) if ln[0]["size"] > body)]]
        assert ln_size < heading[0]["size"] and len(summary) >= 2
        for ln in [heading, *summary]:
            assert abs(max(w["x1"] for w in ln) - right) < 1.5, [w["text"] for w in ln]
        # ragged on the left: a line with fewer letters than the longest starts further right
        # (by at least half their width), rather than being stretched to the left margin
        left = min(w["x0"] for ln in summary for w in ln)
        letters = [sum(len(w["text"]) for w in ln) for ln in summary]
        em = (right - left) / max(letters)  # the width of one letter, about
        shorter = [(ln, n) for ln, n in zip(summary, letters) if n < max(letters) - 10]
        for ln, n in shorter:
            assert min(w["x0"] for w in ln) > left + 0.5 * (max(letters) - n) * em, [w["text"] for w in ln]


def test_question_numbers_hang_on_the_right(built):
    unit = built.unit
    count = len(unit.all_questions())
    found = set()
    with pdfplumber.open(str(built.student)) as pdf:
        for page in pdf.pages:
            right = _body_right(page)
            for ln in _lines(page):
                last = max(ln, key=lambda w: w["x1"])
                m = re.fullmatch(r"\.?(\d+)\.?", last["text"])
                if m and abs(last["x1"] - right) < 1.5 and len(ln) > 1:
                    found.add(int(m[1]))
    assert set(range(1, count + 1)) <= found


def test_the_document_language_is_the_units(built):
    with pikepdf.open(built.teacher) as pdf:
        assert str(pdf.Root.Lang) == built.unit.language


def test_links_in_right_to_left_paragraphs_keep_their_target_and_order(built):
    """A source's URL in a right-to-left guide is a tagged link over the URL as drawn, and
    its trailing slash stays at its end (a bidi embedding keeps the URL left to right)."""
    urls = [s.url for s in built.unit.sources if s.url]
    if not urls:
        pytest.skip("no source with a URL in this unit")
    with pikepdf.open(built.student) as pdf:
        found = [(n, a) for n, page in enumerate(pdf.pages) for a in page.obj.get("/Annots", [])
                 if a.get("/A") is not None and str(a.A.get("/URI", "")) in urls]
        assert len(found) == len(urls) and all("/StructParent" in a for _, a in found)
    doc = pypdfium2.PdfDocument(str(built.student))  # PDFium reads the runs' /ActualText
    try:
        for n, annot in found:
            url = str(annot.A.URI)
            x0, y0, x1, y1 = (float(v) for v in annot.Rect)
            inside = " ".join(doc[n].get_textpage().get_text_bounded(x0, y0, x1, y1).split())
            latin = re.match(r"[\x00-\x7f]*", url)[0]
            if latin == url:
                assert inside == url
            else:  # extractors reorder a right-to-left path inside a URL each their own way;
                with pdfplumber.open(str(built.student)) as pdf:  # its Latin part reads in order
                    page = pdf.pages[n]
                    line = page.crop((0, page.height - y1, page.width, page.height - y0))
                    drawn = line.crop((x0, page.height - y1, x1, page.height - y0)).extract_text()
                    chars = [c for c in line.chars if c["text"].strip() and x0 - 1 <= c["x0"] and c["x1"] <= x1 + 1]
                assert latin in drawn, drawn
                # ... and its right-to-left path stands right of "wiki/", inside the link, as
                # a browser's address bar shows it (one embedding for the whole URL)
                prefix = sorted((c for c in chars if c["text"].isascii()), key=lambda c: c["x0"])[:len(latin)]
                assert "".join(c["text"] for c in prefix) == latin
                other = [c for c in chars if not c["text"].isascii()]
                assert other and all(c["x0"] >= prefix[-1]["x1"] - 0.5 for c in other), prefix[-1]
    finally:
        doc.close()


def test_chart_labels_read_right_to_left(built):
    """On a chart of a right-to-left guide, an event's date (bold, its first run) stands at
    the right of its label, with a space between them; the axis still runs in time order."""
    from studyguide.charts.chart import ChartKey
    from studyguide.charts.stage import draw_charts
    from studyguide.fonts import load_fonts

    chart = draw_charts(built.unit, load_fonts(), 400.0, 1.0, None)[ChartKey(section=0)]
    texts = [op for op in chart.ops if op["op"] == "text" and op["tag"].startswith("point:")]
    lines: dict[tuple[str, float], list[dict]] = {}
    for op in texts:
        lines.setdefault((op["tag"], op["y"]), []).append(op)
    pairs = 0
    for ops in lines.values():
        bold = [op for op in ops if "bold" in op["role"]]
        plain_ops = [op for op in ops if "bold" not in op["role"]]
        if bold and plain_ops:
            pairs += 1
            assert min(op["x"] for op in bold) > max(op["x"] + op["w"] for op in plain_ops), ops
    assert pairs


def test_the_footer_is_mirrored(built):
    """The page number on the left, the unit's title on the right (one-sided printing)."""
    with pdfplumber.open(str(built.student)) as pdf:
        page = pdf.pages[1]
        foot = [w for w in page.extract_words() if w["top"] > page.height - 60]
    number = [w for w in foot if w["text"] == "2"]
    assert number and max(w["x1"] for w in number) < page.width / 2
    assert max(w["x1"] for w in foot) > page.width * 0.8  # the title, at the right margin


def test_key_dates_stand_right_of_their_events(built):
    """In a key-dates list of a right-to-left guide the date, the row's header, comes first:
    on the right. A span's date (1520–1523) prints only in these lists."""
    with pdfplumber.open(str(built.student)) as pdf:
        spans = [(w, p.width) for p in pdf.pages for w in p.extract_words()
                 if re.fullmatch(r"\d{3,4}[\u2013-]\d{3,4}", w["text"])]
    if not spans:
        pytest.skip("no key date that is a span in this unit")
    assert all(w["x0"] > width / 2 for w, width in spans), spans


def test_answer_lines_and_page_numbers_are_mirrored(built):
    """Answer lines keep the question's indent on the right (where its number hangs) and
    reach the left margin; the teacher's answer is written from the right; the contents'
    and the glossary's page numbers stand in a column on the left."""
    with pdfplumber.open(str(built.student)) as pdf:
        rules = [(page.page_number, _body_right(page), ln) for page in pdf.pages for ln in _answer_lines(page)]
    assert rules, "no answer lines"
    margin = min(ln["x0"] for _, _, ln in rules)
    for n, right, ln in rules:
        assert right - ln["x1"] > 15 and ln["x0"] < margin + 1, (n, ln["x0"], ln["x1"], right)  # indent: right
    outline = {it.title: n for n, it in _outline_entries(built.teacher)}
    with pdfplumber.open(str(built.teacher)) as pdf:
        n, _, ln = rules[0]
        page = pdf.pages[n - 1]
        ink = [w for w in page.extract_words() if abs(ln["top"] - w["bottom"]) < 8 and w["top"] < ln["top"]]
        assert ink and abs(max(w["x1"] for w in ink) - (ln["x1"] - 6)) < 2  # written from the right
        for title in (labels_for(built.unit.language)("contents"), labels_for(built.unit.language)("glossary")):
            page = pdf.pages[outline[title]]
            links = page.annots  # a page number is a link to its page, as is a contents entry
            numbers = [w for w in page.extract_words() if re.fullmatch(r"\d+", w["text"])
                       and any(a["x0"] - 1 <= w["x0"] and w["x1"] <= a["x1"] + 1
                               and a["top"] - 1 <= w["top"] and w["bottom"] <= a["bottom"] + 1 for a in links)]
            assert numbers and all(w["x1"] < page.width / 3 for w in numbers), (title, numbers[:3])


def _answer_lines(page) -> list[dict]:
    """Rules to write on: two or more of the same extent, with no text between them."""
    rules = sorted((ln for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 0.5
                    and ln["x1"] - ln["x0"] > page.width * 0.3), key=lambda ln: ln["top"])
    found = []
    for a, b in zip(rules, rules[1:]):
        same = abs(a["x0"] - b["x0"]) < 0.5 and abs(a["x1"] - b["x1"]) < 0.5
        if same and not any(a["top"] < c["top"] < b["top"] for c in page.chars):
            found += [ln for ln in (a, b) if ln not in found]
    return found


def _outline_entries(pdf):
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    return [(reader.get_destination_page_number(it), it) for it in reader.outline if not isinstance(it, list)]
