"""PNG previews of a real guide: files exist, are images of the pages, and are not blank."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader

from studyguide.preview import GAP, THUMB, preview


@pytest.fixture(scope="module")
def previews(first_unit, tmp_path_factory):
    out = tmp_path_factory.mktemp("preview")
    return first_unit.student, out, preview(first_unit.student, out)


def test_one_png_per_page_and_a_contact_sheet(previews):
    pdf, out, written = previews
    reader = PdfReader(str(pdf))
    name = pdf.stem
    pages = [out / f"{name}-p{i:02d}.png" for i in range(1, len(reader.pages) + 1)]
    assert written == pages + [out / f"{name}-sheet.png"]
    assert all(p.is_file() for p in written)


def test_pages_have_the_page_aspect_ratio_and_are_not_blank(previews):
    pdf, out, written = previews
    reader = PdfReader(str(pdf))
    for path, page in zip(written, reader.pages):
        with Image.open(path) as im:
            assert im.format == "PNG"
            want = float(page.mediabox.width) / float(page.mediabox.height)
            assert im.width / im.height == pytest.approx(want, rel=0.01)
            assert im.width == pytest.approx(float(page.mediabox.width) * 60 / 72, abs=1)
            lo, hi = im.convert("L").getextrema()
            assert lo < 128 and hi > 240, path  # dark ink on white paper


def test_contact_sheet_shows_every_page_in_order(previews):
    pdf, out, written = previews
    pages = written[:-1]
    with Image.open(written[-1]) as sheet:
        sheet = sheet.convert("L")
        with Image.open(pages[0]) as first:
            scale = min(1.0, THUMB / max(first.size))
            w, h = round(first.width * scale), round(first.height * scale)
        cols = (sheet.width - GAP) // (w + GAP)
        rows = (sheet.height - GAP) // (h + GAP)
        assert (rows - 1) * cols < len(pages) <= rows * cols
        assert sheet.getpixel((GAP // 2, GAP // 2)) < 230  # grey around the pages
        for i, path in enumerate(pages):
            row, col = divmod(i, cols)
            x, y = GAP + col * (w + GAP), GAP + row * (h + GAP)
            tile = sheet.crop((x, y, x + w, y + h))
            with Image.open(path) as page:
                small = page.convert("L").resize((w, h), Image.LANCZOS)
            diff = ImageChops.difference(tile, small)
            assert ImageStat.Stat(diff).mean[0] < 1, path  # the tile is that page


def test_stale_pages_of_a_longer_earlier_guide_are_removed(previews, tmp_path):
    pdf, _, _ = previews
    stale = tmp_path / f"{pdf.stem}-p99.png"
    stale.write_bytes(b"old")
    other = tmp_path / "other-p01.png"
    other.write_bytes(b"keep")
    preview(pdf, tmp_path, dpi=20)
    assert not stale.exists() and other.exists()
