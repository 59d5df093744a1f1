"""`make pages`: how well each output uses its paper, read back from the real PDFs.

    python bench/pages.py [--out bench/PAGES.md] [--label AFTER]

Builds the first unit (Letter, Letter teacher, A4 duplex, large print, the booklet's
half-letter pages) and two generated units (one section; four sections) into a temporary
folder, then reads every page with pdfplumber and reports per output:

- pages;
- under 40%: pages whose body is less than 40% filled, not counting the cover, the last
  page, and the page before a part that opens a new page (answer key, answer grid);
- mean fill: the body frame's height down to its lowest drawn object, averaged over pages;
- answer-only: pages whose body holds answer lines but not one line of text;
- tails: pages (not the last) whose body is under 15% filled and has no heading: the tail
  of a list, table or paragraph pushed onto a page of its own;
- line chars: the median length, in characters, of full lines of body-size text (lines
  whose paragraph continues on the next line: prose, prompts, definitions).

Measured on the PDFs, never by the layout code's own numbers, so a report cannot agree with
the layout by construction.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

FIRST = ROOT / "content" / "china-russia-relations.yaml"
UNDER = 0.40
TAIL = 0.15


@dataclasses.dataclass
class Case:
    name: str
    unit: Path
    paper: str | None = None
    duplex: bool = False
    large: bool = False
    booklet: bool = False
    teacher: bool = False


@dataclasses.dataclass
class Row:
    case: str
    pages: int
    under: int
    under_pages: list[int]
    mean_fill: float
    answer_only: list[int]
    tails: list[int]
    line_chars: float | None


def render(case: Case, cache: Path) -> tuple[bytes, float, float, float]:
    """The PDF of one case, its body font size, and the frame's top and bottom margins."""
    from studyguide.build import LARGE_PRINT_SCALE
    from studyguide.charts.stage import draw_charts
    from studyguide.exercises import with_timeline_exercises
    from studyguide.fonts import load_fonts
    from studyguide.layout.document import render_editions
    from studyguide.layout.styles import BOOKLET_PAGE, Styles
    from studyguide.validate import load_unit

    unit, problems = load_unit(case.unit)
    assert unit is not None, [p.format() for p in problems]
    unit = with_timeline_exercises(unit)
    paper = case.paper or unit.paper
    if case.booklet:
        paper = BOOKLET_PAGE[paper]
    st = Styles(load_fonts(), paper=paper, duplex=case.duplex,
                scale=LARGE_PRINT_SCALE if case.large else 1.0)
    charts = draw_charts(unit, st.fonts, st.frame_width, st.scale, cache, st.chart_height)
    edition = "teacher" if case.teacher else "student"
    r = render_editions(unit, st, charts, (edition,))[edition]
    return r.pdf, st.body.fontSize, st.margin_top, st.margin_bottom


def measure(case: Case, cache: Path, keep: Path | None = None) -> Row:
    import io
    import json

    saved = keep / (case.name.replace(",", "").replace(" ", "-") + ".pdf") if keep else None
    if saved and saved.exists():
        pdf = saved.read_bytes()
        body_size, top_m, bottom_m = json.loads(saved.with_suffix(".json").read_text())
    else:
        pdf, body_size, top_m, bottom_m = render(case, cache)
        if saved:
            saved.write_bytes(pdf)
            saved.with_suffix(".json").write_text(json.dumps([body_size, top_m, bottom_m]))
    fills: list[float] = []
    under: list[int] = []
    answer_only: list[int] = []
    tails: list[int] = []
    lines: list[int] = []
    fresh = _fresh_part_pages(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        n = len(doc.pages)
        for i, page in enumerate(doc.pages, 1):
            h = float(page.height)
            frame_top, frame_bottom = top_m, h - bottom_m
            body_limit = h - bottom_m + 1  # the footer lives below the frame
            objs = [o for o in page.chars + page.lines + page.rects + page.curves + page.images
                    if o["top"] < body_limit and o["bottom"] > 2]
            low = max((o["bottom"] for o in objs), default=frame_top)
            fill = max(0.0, min(1.0, (low - frame_top) / (frame_bottom - frame_top)))
            fills.append(fill)
            text = "".join(c["text"] for c in page.chars if c["top"] < body_limit).strip()
            exempt = i == 1 or i == n or i + 1 in fresh
            if fill < UNDER and not exempt and text:
                under.append(i)
            rules = [o for o in page.lines if o["top"] < body_limit and abs(o["top"] - o["bottom"]) < 0.5
                     and o["x1"] - o["x0"] > page.width * 0.3]
            body_chars = [c for c in page.chars if c["top"] < body_limit and c["text"].strip()]
            if rules and len(body_chars) == 0:
                answer_only.append(i)
            heading = any(c["size"] >= body_size * 1.2 for c in body_chars)
            if 0 < fill < TAIL and i != n and i != 1 and not heading and not exempt:
                tails.append(i)
            body = []
            for line in page.extract_text_lines(return_chars=True):
                chars = [c for c in line["chars"] if abs(c["size"] - body_size) < 0.05
                         and "Bold" not in c["fontname"] and c["top"] < body_limit]
                if chars and len(chars) >= len(line["chars"]) * 0.8:
                    body.append(line)
            # a full line is one that wrapped: the next line of its paragraph starts at the
            # same x one line space below (last lines of paragraphs are short by nature)
            for a in body:
                if any(abs(b["x0"] - a["x0"]) < 0.6 and 0 < b["top"] - a["top"] < body_size * 1.5
                       for b in body):
                    lines.append(len(a["text"]))
    return Row(case.name, n, len(under), under, statistics.fmean(fills), answer_only, tails,
               statistics.median(lines) if lines else None)


FRESH_PARTS = ("Answer key", "Answer grid", "Check your answers")  # each opens a new page


def _fresh_part_pages(pdf: bytes) -> set[int]:
    """Pages where a part that must open a new page starts (from the PDF's outline)."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return {reader.get_destination_page_number(it) + 1 for it in reader.outline
            if not isinstance(it, list) and it.title in FRESH_PARTS}


def cases(tmp: Path) -> list[Case]:
    import gen

    import yaml

    def unit(sections: int, seed: int, name: str) -> Path:
        data = gen.unit(sections, seed)
        # an ordering of the sections needs two of them
        data["questions"] = [q for q in data["questions"] if len(q.get("items", "xx")) >= 2]
        path = tmp / name
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        return path

    one = unit(1, 3, "one-section.yaml")
    four = unit(4, 5, "four-sections.yaml")
    return [
        Case("first unit, Letter", FIRST, "letter"),
        Case("first unit, Letter, teacher", FIRST, "letter", teacher=True),
        Case("first unit, A4 duplex", FIRST, "a4", duplex=True),
        Case("first unit, A4 duplex, teacher", FIRST, "a4", duplex=True, teacher=True),
        Case("first unit, large print", FIRST, "letter", large=True),
        Case("first unit, booklet pages", FIRST, "letter", booklet=True),
        Case("one-section unit, Letter", one, "letter"),
        Case("four-section unit, A4", four, "a4"),
        Case("four-section unit, large print", four, "letter", large=True),
    ]


def table(rows: list[Row]) -> str:
    def pages(xs: list[int]) -> str:
        return f"{len(xs)}" + (f" ({', '.join(map(str, xs[:8]))}{', …' if len(xs) > 8 else ''})" if xs else "")

    out = ["| output | pages | under 40% (pages) | mean fill | answer-only | tails | median line chars |",
           "|---|---:|---|---:|---|---|---:|"]
    for r in rows:
        chars = f"{r.line_chars:.0f}" if r.line_chars is not None else "–"
        out.append(f"| {r.case} | {r.pages} | {pages(r.under_pages)} | {r.mean_fill:.0%} | "
                   f"{pages(r.answer_only)} | {pages(r.tails)} | {chars} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, help="also write the table to this Markdown file")
    p.add_argument("--label", default="", help="a title for the table (e.g. BEFORE, AFTER)")
    p.add_argument("--keep", type=Path, help="keep the PDFs here; measure kept ones again without building")
    a = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        if a.keep:
            a.keep.mkdir(parents=True, exist_ok=True)
        rows = [measure(c, tmp / "cache", a.keep) for c in cases(tmp)]
    text = (f"### {a.label}\n\n" if a.label else "") + table(rows) + "\n"
    print(text)
    if a.out:
        a.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
