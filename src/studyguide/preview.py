"""PNG previews of a built guide: one image per page and a contact sheet of them all.

A teacher can check a guide at a glance without a PDF viewer. pypdfium2 renders the
pages from Python with no system packages; Pillow writes the images.
"""

from __future__ import annotations

import io
import math
import re
from pathlib import Path

from PIL import Image

from .writer import write_atomic

GAP = 12                    # pixels between (and around) pages on the contact sheet
BACKGROUND = (200, 200, 200)  # grey, so white pages stand out on the sheet
THUMB = 300                 # longest side of a page on the contact sheet, in pixels at most


def preview(pdf_path: Path, out_dir: Path, dpi: int = 60) -> list[Path]:
    """Write NAME-p01.png, ... and NAME-sheet.png for `pdf_path` under `out_dir`.

    Returns the written paths, pages first and the contact sheet last. Page images left
    over from an earlier, longer version of the guide are removed, so the folder always
    shows the guide as it is now.
    """
    import pypdfium2 as pdfium

    name = pdf_path.stem
    pages: list[Image.Image] = []
    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        for page in doc:
            bitmap = page.render(scale=dpi / 72)
            pages.append(bitmap.to_pil().convert("RGB"))
            page.close()
    finally:
        doc.close()
    digits = max(2, len(str(len(pages))))
    written: list[Path] = []
    for number, image in enumerate(pages, 1):
        target = out_dir / f"{name}-p{number:0{digits}d}.png"
        write_atomic(target, _png(image))
        written.append(target)
    _remove_stale(out_dir, name, set(written))
    sheet = out_dir / f"{name}-sheet.png"
    write_atomic(sheet, _png(contact_sheet(pages)))
    written.append(sheet)
    return written


def contact_sheet(pages: list[Image.Image]) -> Image.Image:
    """The pages as thumbnails in a grid with small gaps, about as wide as it is tall."""
    if not pages:
        return Image.new("RGB", (2 * GAP, 2 * GAP), BACKGROUND)
    first = pages[0]
    scale = min(1.0, THUMB / max(first.size))
    thumbs = [p.resize((max(1, round(p.width * scale)), max(1, round(p.height * scale))), Image.LANCZOS)
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
