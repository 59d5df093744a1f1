"""The floor: a plain ReportLab platypus script building the student guide of a unit.

    python bench/baseline.py UNIT.yaml OUT.pdf

Same fonts as studyguide (its vendored Noto Serif and Noto Sans, plus the CJK fallback), same text (title, contents, objectives, introduction, each section
with summary, key terms, a timeline drawing and questions with answer lines, glossary),
one build pass, nothing else: no validation, no page numbers in the contents, no cache.
The chart is a ReportLab Drawing of about the same number of shapes and labels as the
real one, built from the events: what a pre-rendered vector chart costs to place.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import yaml
from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (Flowable, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer,
                                Table)

CJK = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
WIDTH = LETTER[0] - 1.6 * inch


def register_fonts() -> bool:
    faces = Path(__file__).resolve().parent.parent / "src" / "studyguide" / "typefaces"
    for name, file in (("Serif", "NotoSerif-Regular"), ("Serif-Bold", "NotoSerif-Bold"),
                       ("Serif-Italic", "NotoSerif-Italic"), ("Serif-BoldItalic", "NotoSerif-BoldItalic"),
                       ("Sans", "NotoSans-Regular"), ("Sans-Bold", "NotoSans-Bold")):
        pdfmetrics.registerFont(TTFont(name, str(faces / f"{file}.ttf")))
    pdfmetrics.registerFontFamily("Serif", normal="Serif", bold="Serif-Bold",
                                  italic="Serif-Italic", boldItalic="Serif-BoldItalic")
    if os.path.exists(CJK):
        pdfmetrics.registerFont(TTFont("CJK", CJK))
        return True
    return False


HAS_CJK = False
S = {name: ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.35, spaceBefore=before,
                          spaceAfter=after, leftIndent=indent, textColor=colors.HexColor("#1a1a1a"))
     for name, font, size, before, after, indent in [
         ("title", "Sans-Bold", 24, 0, 12, 0), ("h1", "Sans-Bold", 16, 0, 8, 0),
         ("h2", "Sans-Bold", 12.5, 10, 4, 0), ("body", "Serif", 10.5, 0, 6, 0),
         ("term", "Serif", 10, 0, 4, 12), ("q", "Serif", 10.5, 8, 3, 0),
         ("choice", "Serif", 10, 0, 1, 22)]}


def md(text) -> str:
    """**bold**, *italic*, CJK runs in the fallback face, everything else escaped."""
    s = escape(str(text).strip())
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"\*(.+?)\*", r"<i>\1</i>", s)
    if HAS_CJK:
        s = re.sub(r"([\u2e80-\u9fff\uf900-\ufaff]+)", r'<font name="CJK">\1</font>', s)
    return s


def paras(text, style="body") -> list:
    return [Paragraph(md(p), S[style]) for p in str(text).split("\n\n") if p.strip()]


class Lines(Flowable):
    """Answer lines to write on."""

    def __init__(self, n: int):
        super().__init__()
        self.n = n

    def wrap(self, aw, ah):
        self.width = aw
        return aw, self.n * 22 + 4

    def draw(self):
        self.canv.setStrokeColor(colors.HexColor("#9a9a9a"))
        for i in range(self.n):
            self.canv.line(22, 4 + i * 22, self.width, 4 + i * 22)


def year(d) -> float:
    m = re.search(r"-?\d{1,4}", str(d))
    return float(m.group()) if m else 0.0


def chart(events: list, eras: list) -> Drawing:
    """A timeline of about the real chart's complexity: axis, ticks, eras, leaders, labels."""
    ys = [year(e["date"]) for e in events] + [year(e.get("end", e["date"])) for e in events]
    ys += [year(e["start"]) for e in eras] + [year(e["end"]) for e in eras]
    lo, hi = min(ys), max(ys) + 1
    x = lambda y: 6 + (y - lo) / (hi - lo) * (WIDTH - 12)  # noqa: E731
    rows = min(len(events), 8)
    h = 40 + rows * 10.5 + (16 if eras else 0)
    d = Drawing(WIDTH, h)
    axis_y = 14
    d.add(Rect(6, axis_y - 7, WIDTH - 12, 14, fillColor=colors.HexColor("#e6e6e6"), strokeWidth=0.5))
    for k in range(9):
        t = lo + k * (hi - lo) / 8
        d.add(Line(x(t), axis_y - 7, x(t), axis_y + 7, strokeWidth=0.5))
        d.add(String(x(t) + 2, axis_y - 3, str(int(t)), fontName="Sans", fontSize=7.5))
    for i, e in enumerate(eras):
        d.add(Rect(x(year(e["start"])), h - 14, x(year(e["end"])) - x(year(e["start"])), 11,
                   fillColor=colors.HexColor(("#b3dff5", "#f5d699", "#99d8c7", "#ebc9dc")[i % 4]), strokeWidth=0))
        d.add(String(x(year(e["start"])) + 3, h - 11, str(e["label"]), fontName="Sans-Bold", fontSize=8))
    for i, e in enumerate(events):
        x0, row = x(year(e["date"])), i % rows
        top = axis_y + 12 + row * 10.5
        if "end" in e:
            d.add(Rect(x0, axis_y + 8, max(2, x(year(e["end"])) - x0), 3, fillColor=colors.HexColor("#0072B2")))
        d.add(Line(x0, axis_y + 7, x0, top, strokeWidth=0.6, strokeColor=colors.HexColor("#7a7a7a")))
        d.add(Circle(x0, axis_y + 7, 2.5, fillColor=colors.black))
        d.add(String(x0 + 2.5, top, f"{int(year(e['date']))} {e['label']}", fontName="Sans", fontSize=8))
    return d


def question(n: int, q: dict) -> Flowable:
    out = [Paragraph(f"<b>{n}.</b> " + md(q["prompt"]).replace("___", "_" * 20), S["q"])]
    kind = q["type"]
    if kind == "multiple_choice":
        out += [Paragraph(f"<b>{chr(65 + i)}</b>  " + md(c), S["choice"]) for i, c in enumerate(q["choices"])]
    elif kind == "true_false":
        out.append(Paragraph("<b>True</b>      <b>False</b>", S["choice"]))
    elif kind in ("short_answer", "essay"):
        out.append(Lines(q.get("lines", 3 if kind == "short_answer" else 12)))
    elif kind == "matching":
        rows = [[Paragraph(f"___ {i + 1}. " + md(p["left"]), S["choice"]),
                 Paragraph(f"<b>{chr(65 + i)}.</b> " + md(p["right"]), S["choice"])]
                for i, p in enumerate(reversed(q["pairs"]))]
        out.append(Table(rows, colWidths=[WIDTH / 2] * 2))
    elif kind == "ordering":
        out += [Paragraph("___ " + md(item), S["choice"]) for item in reversed(q["items"])]
    return KeepTogether(out)


def story(u: dict) -> list:
    out: list = [Spacer(1, 1.3 * inch), Paragraph(md(u["title"]), S["title"])]
    out += [Paragraph(md(u[k]), S["h2"]) for k in ("subtitle", "course", "audience") if u.get(k)]
    out += [PageBreak(), Paragraph("Contents", S["h1"])]
    out += [Paragraph(f"{i + 1}. " + md(s["title"]), S["body"]) for i, s in enumerate(u["sections"])]
    out += [PageBreak(), Paragraph("Objectives and introduction", S["h1"])]
    out += [Paragraph("\u2022 " + md(o), S["term"]) for o in u.get("objectives", [])]
    out += paras(u.get("introduction", ""))
    events = [e for s in u["sections"] for e in s.get("timeline", [])]
    if events:
        out += [PageBreak(), Paragraph("Unit timeline", S["h1"]), chart(events, u.get("eras", []))]
    n = 1
    for i, s in enumerate(u["sections"]):
        out += [PageBreak(), Paragraph(f"{i + 1}. " + md(s["title"]), S["h1"])] + paras(s["summary"])
        if s.get("key_terms"):
            out.append(Paragraph("Key terms", S["h2"]))
            out += [Paragraph(f"<b>{md(t['term'])}</b> \u2013 " + md(t["definition"]), S["term"])
                    for t in s["key_terms"]]
        if s.get("timeline"):
            out += [Paragraph("Timeline", S["h2"]), chart(s["timeline"], [])]
        if s.get("questions"):
            out.append(Paragraph("Review questions", S["h2"]))
            for q in s["questions"]:
                out.append(question(n, q))
                n += 1
    if u.get("questions"):
        out += [PageBreak(), Paragraph("Unit review", S["h1"])]
        for q in u["questions"]:
            out.append(question(n, q))
            n += 1
    terms = sorted((t for s in u["sections"] for t in s.get("key_terms", [])), key=lambda t: str(t["term"]).lower())
    if terms:
        out += [PageBreak(), Paragraph("Glossary", S["h1"])]
        out += [Paragraph(f"<b>{md(t['term'])}</b> \u2013 " + md(t["definition"]), S["term"]) for t in terms]
    return out


def footer(canv, doc) -> None:
    if doc.page > 1:
        canv.setFont("Sans", 9)
        canv.drawRightString(LETTER[0] - 0.8 * inch, 0.6 * inch + 4, f"Page {doc.page}")


def main(argv: list[str]) -> int:
    global HAS_CJK
    src, out = argv
    HAS_CJK = register_fonts()
    u = yaml.safe_load(Path(src).read_text(encoding="utf-8"))
    doc = SimpleDocTemplate(out, pagesize=LETTER, leftMargin=0.8 * inch, rightMargin=0.8 * inch,
                            topMargin=0.75 * inch, bottomMargin=1.0 * inch, title=str(u["title"]),
                            invariant=1)
    doc.build(story(u), onFirstPage=footer, onLaterPages=footer)  # one pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
