"""Images for the formats that carry media (Moodle XML, QTI): timeline charts and figures.

A chart is the very display list the guide prints, replayed on a one-page PDF canvas and
rendered to PNG with pdfium (the previews' renderer), so the image matches the printed
chart, fonts and all. Every image keeps its alt text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from .. import model as m
from ..charts.chart import ChartKey
from ..text import plain
from . import Job

SCALE = 2.0  # pixels per point: 144 dpi, sharp on screens without huge files
MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}


@dataclass(frozen=True)
class Media:
    name: str          # file name inside the export
    data: bytes
    alt: str
    caption: str | None = None  # teacher's text, markup allowed

    @property
    def mime(self) -> str:
        return MIME.get("." + self.name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def chart_png(chart) -> bytes:
    import pypdfium2 as pdfium
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(chart.width, chart.height), invariant=1)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(0, 0, chart.width, chart.height, stroke=0, fill=1)
    chart.draw(canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    doc = pdfium.PdfDocument(buf.getvalue())
    try:
        image = doc[0].render(scale=SCALE).to_pil().convert("RGB")
    finally:
        doc.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def section_media(job: Job, index: int, section: m.Section) -> list[Media]:
    """The section's timeline chart and figures, as the guide shows them."""
    out: list[Media] = []
    chart = job.charts.get(ChartKey(section=index)) if section.timeline else None
    if chart is not None:
        out.append(Media(f"timeline-{index + 1}.png", chart_png(chart), chart.alt or plain(section.title)))
    for fi, fig in enumerate(section.figures):
        suffix = fig.image.suffix.lower()
        data = fig.image.read_bytes()
        if suffix not in MIME:  # a format browsers may not show: convert it
            from PIL import Image

            buf = io.BytesIO()
            with Image.open(io.BytesIO(data)) as im:
                im.convert("RGB").save(buf, format="PNG")
            data, suffix = buf.getvalue(), ".png"
        caption = f"Figure {index + 1}.{fi + 1}." + (f" {fig.caption}" if fig.caption else "")
        out.append(Media(f"figure-{index + 1}-{fi + 1}{suffix}", data,
                         plain(fig.alt or fig.caption or ""), caption))
    return out


def label_chart(job: Job, q: m.LabelTimeline) -> Media:
    """The chart of a label-the-timeline question, with numbered blanks."""
    chart = job.charts[ChartKey(exercise=q.chart_key, mode="blanks")]
    return Media(f"{q.chart_key}.png", chart_png(chart), chart.alt or "A timeline with numbered blanks.")
