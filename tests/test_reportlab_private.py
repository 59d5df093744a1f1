"""The ReportLab internals in layout/reportlab_private.py still mean what the layout needs.

If ReportLab renames or changes one of them, this fails here, naming it, instead of a
guide silently losing its fill-in answers, page numbers or page breaks."""

from __future__ import annotations

import io

import reportlab
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from studyguide.layout.reportlab_private import (
    attach, doc_template, keep_together_content, keep_together_measures, stacked_height, table_rows, text_cursor,
    text_cursor_set,
)


def test_reportlab_is_in_the_tested_range() -> None:
    major, minor = (int(p) for p in reportlab.Version.split(".")[:2])
    assert (major, minor) == (5, 1), \
        f"ReportLab {reportlab.Version}: check layout/reportlab_private.py, then widen the pin"


def test_text_cursor_and_doc_template_inside_a_document() -> None:
    seen: dict[str, object] = {}

    def on_draw(canv, kind, label):  # an <onDraw> callback, as the fill-in blanks use
        seen["cursor"] = text_cursor(canv)

    class Probe(Flowable):
        def wrap(self, aW, aH):
            return 10, 10

        def draw(self):
            seen["doc"] = doc_template(self.canv)

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, leftMargin=72, bottomMargin=72)
    style = ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=12)
    word = 'xxxxxxxxxx<onDraw name="probe" label="x"/>'
    doc.build([Probe(), Paragraph(word, style)], onFirstPage=lambda c, d: c.setNamedCB("probe", on_draw))
    assert seen["doc"] is doc
    x, y = seen["cursor"]  # just after the ten x's, in the paragraph's own coordinates
    assert x == stringWidth("x" * 10, "Helvetica", 10)
    assert 0 <= y <= 12, y  # on the baseline of its only line


def test_text_cursor_set_is_read_back_and_removed() -> None:
    class Canvas:
        pass

    canv = Canvas()
    with text_cursor_set(canv, 12.5, 3.0, 14):
        assert text_cursor(canv) == (12.5, 3.0)
    assert not hasattr(canv, "_curr_tx_info")  # ReportLab's own paragraphs set it afresh


def test_keep_together_measures() -> None:
    parts = [Spacer(100, 30), Spacer(100, 50)]
    block = KeepTogether(parts)
    block.canv = None  # as when a frame measures it: Spacers never touch the canvas
    total, first, content = keep_together_measures(block, 400, 500)
    assert (total, first) == (80, 30) and content == parts


def test_attach_keeps_state_on_the_canvas() -> None:
    class Canvas:
        pass

    canv = Canvas()
    assert attach(canv, "refs") == {} and attach(canv, "refs") is attach(canv, "refs")
    found = {"sec-1": 3}
    assert attach(canv, "found", found) is found and attach(canv, "found") is found


def test_keep_together_content_is_the_live_list() -> None:
    parts = [Spacer(100, 30)]
    block = KeepTogether(parts)
    head = Spacer(100, 10)
    keep_together_content(block)[:0] = [head]  # a heading joins the group
    block.canv = None
    assert keep_together_measures(block, 400, 500)[0] == 40


def test_stacked_height_and_table_rows() -> None:
    assert stacked_height([Spacer(100, 30), Spacer(100, 50)], 400, None) == 80
    table = Table([["a"], ["b"], ["c"]], rowHeights=[20] * 3)
    table.wrap(200, 1000)
    first, rest = table.split(200, 45)
    assert (table_rows(table), table_rows(first), table_rows(rest)) == (3, 2, 1)
