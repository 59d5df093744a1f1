"""Is this file an image we can print? Decided from its bytes, without decoding pixels.

PNG chunks and JPEG segments are walked to catch truncated or mislabelled files early,
with a clear message, instead of a crash deep inside layout. Only regular files are opened
(a FIFO would hang the build), the file size is checked before anything is read (MAX_BYTES),
and the walk reads chunk and segment headers, never the pixel data, so a huge file with a
valid header costs nothing.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import Any

from .files import NotRegularFile, cause, open_regular

MAX_BYTES = 50 * 1024 * 1024  # a full-page photo at 300 dpi is under 10 MB as JPEG

_PNG = b"\x89PNG\r\n\x1a\n"
_OTHER_FORMATS = (
    (b"GIF8", "a GIF image"), (b"RIFF", "a WebP image or another RIFF file"), (b"%PDF", "a PDF document"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"), (b"BM", "a BMP image"),
    (b"<svg", "an SVG drawing"), (b"<?xml", "an XML or SVG file"), (b"PK\x03\x04", "a ZIP or Office file"),
)


def image_problem(path: Path) -> tuple[str, str] | None:
    """Why this file cannot be printed as an image (message, hint), or None.

    The format comes from the file's first bytes, never its name. The header and the
    chunk/segment structure are walked without decoding pixels, so a truncated file is
    caught here and a 20000x20000 image costs nothing.
    """
    try:
        with open_regular(path) as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_BYTES:
                return (f"is too large ({size / 1024 / 1024:.0f} MB; the limit is "
                        f"{MAX_BYTES // 1024 // 1024} MB per image)",
                        "save it smaller: a JPEG of a full page at 300 dpi needs under 10 MB")
            head = f.read(16)
            if not head:
                return "is an empty file", "export or download the image again"
            if head.startswith(_PNG):
                detail = _png_damage(f)
            elif head.startswith(b"\xff\xd8\xff"):
                detail = _jpeg_damage(f)
            else:
                what = next((w for magic, w in _OTHER_FORMATS if head.lstrip().startswith(magic)), None)
                if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
                    what = "a HEIC photo"
                if what:
                    return (f"is {what}; only PNG and JPEG images can be printed",
                            "convert it to PNG (drawings, maps) or JPEG (photos)")
                return ("is not a PNG or JPEG image",
                        "its content is not an image of either kind (a file's name does not make its "
                        "format); open it and save it again as PNG or JPEG")
    except NotRegularFile as exc:
        return f"is {cause(exc)}", "give the name of a PNG or JPEG file"
    except OSError as exc:
        return f"cannot be read: {cause(exc)}", "check the file's permissions"
    if detail:
        return f"is damaged or incomplete ({detail})", "export or download the image again"
    dims = image_size(path)
    if dims and dims[0] * dims[1] > MAX_PIXELS:
        w, h = dims
        return (f"is {w}x{h} pixels ({w * h / 1e6:.0f} megapixels); the limit is "
                f"{MAX_PIXELS / 1e6:.0f} megapixels",
                "scale it down: a full page at 300 dpi needs no more than about 2500x3300 pixels")
    return None


MAX_PIXELS = 100_000_000  # decoding more would take gigabytes; print never needs it


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in pixels from the header alone (nothing is decoded)."""
    from PIL import Image

    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # reading a header is safe; decoding is what the limit is for
    try:
        with Image.open(path) as im:
            return im.size
    except Exception:  # an unreadable header was already reported as damage
        return None
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def _png_damage(f: Any) -> str | None:
    """Walk the chunks: IHDR first with a real size, IDAT present, IEND reached in the file."""
    size = os.fstat(f.fileno()).st_size
    offset = len(_PNG)
    seen_idat = False
    first = True
    while True:
        f.seek(offset)
        header = f.read(8)
        if len(header) < 8:
            return "the file ends before the image data is complete"
        length, kind = struct.unpack(">I4s", header)
        if first:
            if kind != b"IHDR" or length != 13:
                return "no PNG header"
            width, height = struct.unpack(">II", f.read(8))
            if width == 0 or height == 0:
                return f"its size is {width}x{height} pixels"
            first = False
        offset += 12 + length
        if offset > size:
            return "the file ends before the image data is complete"
        if kind == b"IDAT":
            seen_idat = True
        if kind == b"IEND":
            return None if seen_idat else "no image data"


def _jpeg_damage(f: Any) -> str | None:
    """Walk the segments to the first scan, then require an end-of-image marker after it.

    Segment headers are read one at a time (seeking over their bodies); after the scan
    header the rest is searched in blocks for the end marker, never held whole.
    """
    size = os.fstat(f.fileno()).st_size
    i, dims = 2, None
    while i < size:
        f.seek(i)
        byte = f.read(1)
        if byte != b"\xff":
            return "a broken segment"
        while byte == b"\xff":  # fill bytes
            byte = f.read(1)
            i += 1
        if not byte:
            break
        marker = byte[0]
        i += 1
        if marker in (0x01, *range(0xD0, 0xD8)):
            continue
        if marker == 0xD9:
            return "the image ends before its data"
        head = f.read(7)
        if len(head) < 2:
            break
        (length,) = struct.unpack(">H", head[:2])
        if length < 2 or i + length > size:
            break
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            if length >= 7 and len(head) == 7:
                height, width = struct.unpack(">HH", head[3:7])
                dims = (width, height)
        if marker == 0xDA:
            if dims is None or 0 in dims:
                return "no image size before the image data"
            return None if _find(f, b"\xff\xd9", i + length) else "the file ends before the image data is complete"
        i += length
    return "the file ends before the image data is complete"


def _find(f: Any, needle: bytes, start: int, block: int = 1 << 20) -> bool:
    """Is `needle` in the file from `start` on? Read in blocks that overlap by one byte."""
    f.seek(start)
    tail = b""
    while True:
        chunk = f.read(block)
        if not chunk:
            return False
        if needle in tail + chunk:
            return True
        tail = chunk[-(len(needle) - 1):]


# --- resampling for print --------------------------------------------------------------------


PRINT_DPI = 300


def print_ready(path: Path, width_pt: float, height_pt: float):
    """The image as placed: the file itself, or a copy resampled to 300 dpi at its printed
    size when it has far more pixels than print can use (a phone photo shrunk to a third of a
    page): smaller PDFs, same print. Returns a path or an in-memory file for ReportLab."""
    import io

    from PIL import Image

    size = image_size(path)
    want = (round(width_pt / 72 * PRINT_DPI), round(height_pt / 72 * PRINT_DPI))
    if not size or size[0] <= want[0] * 1.5:
        return str(path)
    with Image.open(path) as im:
        fmt = im.format
        rgb = im.convert("RGB") if fmt == "JPEG" else im
        small = rgb.resize(want, Image.Resampling.LANCZOS)
        buf = io.BytesIO()
        if fmt == "JPEG":
            small.save(buf, "JPEG", quality=90, optimize=True)
        else:
            small.save(buf, "PNG", optimize=True)
    buf.seek(0)
    return buf
