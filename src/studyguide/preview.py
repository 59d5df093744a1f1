"""PNG previews of a built guide: one image per page and a contact sheet of them all.

A teacher can check a guide at a glance without a PDF viewer. pypdfium2 renders the
pages from Python with no system packages; Pillow writes the images.
"""

from __future__ import annotations

import io
import math
import os
import re
from pathlib import Path

from PIL import Image

from .writer import write_atomic

GAP = 12                    # pixels between (and around) pages on the contact sheet
BACKGROUND = (200, 200, 200)  # grey, so white pages stand out on the sheet
THUMB = 300                 # longest side of a page on the contact sheet, in pixels at most
MIN_DPI, MAX_DPI = 20, 600  # 600 dpi is print quality; a Letter page is then 5100x6600 pixels
MAX_PAGE_PIXELS = 60_000_000  # about 180 MB as RGB: one page is rendered at a time


class PreviewError(Exception):
    """The file cannot be previewed (not a PDF, empty, damaged): a message for the teacher."""


def check_pdf(pdf_path: Path) -> None:
    """Refuse what is not a complete PDF before handing it to the renderer."""
    from .files import cause, open_regular

    try:
        with open_regular(pdf_path) as f:
            size = os.fstat(f.fileno()).st_size
            head = f.read(1024)
            f.seek(max(0, size - 1024))
            tail = f.read(1024)
    except OSError as exc:
        raise PreviewError(f"cannot read it: {cause(exc)}") from exc
    if size == 0:
        raise PreviewError("is an empty file, not a PDF (build it again: make)")
    if not head.startswith(b"%PDF-"):
        raise PreviewError("is not a PDF file (it does not start with %PDF-)")
    if b"%%EOF" not in tail:
        raise PreviewError("is truncated: the PDF has no end (build it again: make)")


def preview(pdf_path: Path, out_dir: Path, dpi: int = 60) -> list[Path]:
    """Write NAME-p01.png, ... and NAME-sheet.png for `pdf_path` under `out_dir`.

    Returns the written paths, pages first and the contact sheet last. Pages are rendered,
    written and dropped one at a time (only a thumbnail is kept for the contact sheet), so
    memory does not grow with the page count. Page images left over from an earlier, longer
    version of the guide are removed, so the folder always shows the guide as it is now.
    Raises PreviewError for a file that is not a complete PDF.
    """
    import pypdfium2 as pdfium

    if not MIN_DPI <= dpi <= MAX_DPI:
        raise PreviewError(f"dpi {dpi} is outside {MIN_DPI} to {MAX_DPI}")
    check_pdf(pdf_path)
    name = pdf_path.stem
    try:
        doc = pdfium.PdfDocument(str(pdf_path))
    except pdfium.PdfiumError as exc:
        raise PreviewError(f"is damaged: the PDF cannot be opened ({exc})") from exc
    thumbs: list[Image.Image] = []
    written: list[Path] = []
    try:
        count = len(doc)
        digits = max(2, len(str(count)))
        for number in range(1, count + 1):
            page = doc[number - 1]
            try:
                w, h = page.get_size()
                if w * h * (dpi / 72) ** 2 > MAX_PAGE_PIXELS:
                    raise PreviewError(f"page {number} is too large to render at {dpi} dpi; "
                                       "choose a lower --dpi")
                image = page.render(scale=dpi / 72).to_pil().convert("RGB")
            finally:
                page.close()
            target = out_dir / f"{name}-p{number:0{digits}d}.png"
            write_atomic(target, _png(image))
            written.append(target)
            thumbs.append(_thumbnail(image))
            del image
    finally:
        doc.close()
    _remove_stale(out_dir, name, set(written))
    sheet = out_dir / f"{name}-sheet.png"
    write_atomic(sheet, _png(contact_sheet(thumbs)))
    written.append(sheet)
    return written


def _thumbnail(page: Image.Image) -> Image.Image:
    scale = min(1.0, THUMB / max(page.size))
    return page.resize((max(1, round(page.width * scale)), max(1, round(page.height * scale))),
                       Image.Resampling.LANCZOS)


def contact_sheet(pages: list[Image.Image]) -> Image.Image:
    """The pages as thumbnails in a grid with small gaps, about as wide as it is tall."""
    if not pages:
        return Image.new("RGB", (2 * GAP, 2 * GAP), BACKGROUND)
    first = pages[0]
    scale = min(1.0, THUMB / max(first.size))
    thumbs = [p.resize((max(1, round(p.width * scale)), max(1, round(p.height * scale))), Image.Resampling.LANCZOS)
              for p in pages]
    width = max(t.width for t in thumbs)
    cell_h = max(t.height for t in thumbs)
    cols = max(1, min(len(thumbs), math.ceil(math.sqrt(len(thumbs) * cell_h / width))))
    rows = math.ceil(len(thumbs) / cols)
    sheet = Image.new("RGB", (GAP + cols * (width + GAP), GAP + rows * (cell_h + GAP)), BACKGROUND)
    for i, thumb in enumerate(thumbs):
        row, col = divmod(i, cols)
        sheet.paste(thumb, (GAP + col * (width + GAP), GAP + row * (cell_h + GAP)))
    return sheet


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def _remove_stale(out_dir: Path, name: str, keep: set[Path]) -> None:
    pattern = re.compile(re.escape(name) + r"-p\d+\.png")
    for old in out_dir.glob(f"{name}-p*.png"):
        if pattern.fullmatch(old.name) and old not in keep:
            old.unlink()
