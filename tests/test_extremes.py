"""Layout extremes: each is a valid unit and gives valid PDFs with nothing outside the
margins; never an error, a LayoutError, a hang or a traceback.

Each extreme is a small unit written by a function here (some are too big to keep as files).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pdfplumber
import pytest
import yaml

from studyguide.build import BuildOptions, build_unit
from studyguide.layout.styles import SAFE_MARGIN

from pdfcheck import all_text, squash


def unit(**over) -> dict:
    base = {
        "title": "Extreme unit",
        "sections": [{
            "title": "Only section",
            "summary": "A short summary.",
            "questions": [{"type": "true_false", "prompt": "Is this short?", "answer": True}],
        }],
    }
    base.update(over)
    return base


def section(**over) -> dict:
    s = {"title": "Section", "summary": "Summary text."}
    s.update(over)
    return s


def png(path: Path, w: int, h: int) -> None:
    """A valid grey PNG of any size, written without Pillow (fast even when huge)."""
    row = b"\x00" + b"\x80" * w
    raw = zlib.compress(row * h, 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


WORD = "x" * 300
URL = "https://example.org/" + "/".join(f"segment{i:03d}" for i in range(60))[:480]
LONG_TERM = " ".join(["Extraordinarily long key term"] * 20)[:600]

EXTREMES = {
    "long-word": lambda d: unit(introduction=f"Before {WORD} after."),
    "long-url": lambda d: unit(sources=[{"title": "A page", "url": URL}], introduction=URL),
    "5000-word-summary": lambda d: unit(sections=[section(summary=" ".join(
        f"word{i}" + ("." if i % 17 == 0 else "") + ("\n\n" if i % 300 == 0 else "") for i in range(5000)))]),
    "300-questions": lambda d: unit(sections=[section(questions=[
        {"type": "short_answer", "prompt": f"Question number {i}?", "answer": f"Answer {i}", "lines": 1}
        for i in range(300)])]),
    "600-char-term": lambda d: unit(sections=[section(key_terms=[
        {"term": LONG_TERM, "definition": "Defined at length."}],
        questions=[{"type": "short_answer", "prompt": f"What is {LONG_TERM}?", "answer": "It is long."}])]),
    "40-pair-matching": lambda d: unit(sections=[section(questions=[{
        "type": "matching", "prompt": "Match them all.",
        "pairs": [{"left": f"Left item {i}", "right": f"Right item {i} with some more words"}
                  for i in range(40)]}])]),
    "200-line-essay": lambda d: unit(sections=[section(questions=[{
        "type": "essay", "prompt": "Write at great length.", "answer": "Guidance. " * 50, "lines": 200}])]),
    "empty-looking": lambda d: {"title": " . ", "sections": [{"title": "-", "summary": "."}]},
    "tall-image": lambda d: (png(d / "tall.png", 100, 10000),
                             unit(sections=[section(figures=[{"image": "tall.png", "alt": "tall",
                                                              "caption": "Very tall."}])]))[1],
    "1000-events": lambda d: unit(sections=[section(timeline=[
        {"date": 1000 + (i * 7) % 900, "label": f"Event {i}"} for i in range(1000)])]),
}


def _margins_ok(pdf: Path) -> None:
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            w, h = float(page.width), float(page.height)
            for c in page.chars:
                assert SAFE_MARGIN - 0.5 <= c["x0"] and c["x1"] <= w - SAFE_MARGIN + 0.5, (page.page_number, c["text"])
                assert SAFE_MARGIN - 0.5 <= c["top"] and c["bottom"] <= h - SAFE_MARGIN + 0.5, \
                    (page.page_number, c["text"])


@pytest.mark.parametrize("name", sorted(EXTREMES))
def test_extreme_unit_builds(tmp_path, name):
    src = tmp_path / f"{name}.yaml"
    data = EXTREMES[name](tmp_path)
    src.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build_unit(src, BuildOptions(out_dir=tmp_path / "out"))
    errors = [p.format() for p in result.problems if p.is_error]
    assert not errors, errors  # each extreme is valid content: refusing it is a bug
    assert len(result.outputs) == 2
    for out in result.outputs:
        _margins_ok(out.path)
    student = result.outputs[0].path
    if name == "300-questions":
        assert squash("Question number 299?") in all_text(student)
    if name == "long-word":
        assert WORD in all_text(student)


def test_a_photo_with_more_pixels_than_print_needs_is_resampled(tmp_path):
    from PIL import Image as PILImage
    from pypdf import PdfReader

    PILImage.new("RGB", (6000, 4000), (200, 180, 150)).save(tmp_path / "photo.jpg", quality=85)
    src = tmp_path / "photo.yaml"
    src.write_text(yaml.safe_dump(unit(sections=[section(figures=[{"image": "photo.jpg", "alt": "a photo"}])])),
                   encoding="utf-8")
    result = build_unit(src, BuildOptions(out_dir=tmp_path / "out"))
    assert not [p for p in result.problems if p.is_error]
    student = tmp_path / "out" / "photo.pdf"
    widths = [int(x.get_object()["/Width"]) for page in PdfReader(str(student)).pages
              for x in (page["/Resources"].get("/XObject") or {}).values()
              if x.get_object().get("/Subtype") == "/Image"]
    placed_in = 504 / 72  # the frame width: the photo is placed that wide
    assert widths and max(widths) <= placed_in * 300 + 1
