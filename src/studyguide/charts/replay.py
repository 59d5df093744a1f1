"""Replay recorded chart ops on a ReportLab canvas (no matplotlib needed).

Paths become canvas paths; text is drawn run by run along the font chain of its role
(studyguide.fonts), so labels in Chinese or Cyrillic print with a fallback face and stay
real, searchable text.
"""

from __future__ import annotations

from typing import Any, Iterable

from ..fonts import FontSet, load_fonts
from ..shaping import draw_pieces, needs_shaping, pieces


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


_CAP = {"butt": 0, "round": 1, "projecting": 2}
_JOIN = {"miter": 0, "round": 1, "bevel": 2}


def replay(ops: Iterable[dict[str, Any]], canvas: Any, x: float, y: float, fonts: FontSet | None = None) -> None:
    fonts = fonts or load_fonts()
    canvas.saveState()
    canvas.translate(x, y)
    for op in ops:
        if op["op"] == "path":
            _path(canvas, op)
        elif op["op"] == "text":
            _text(canvas, op, fonts)
    canvas.restoreState()


def _path(canvas: Any, op: dict[str, Any]) -> None:
    p = canvas.beginPath()
    for seg in op["d"]:
        kind = seg[0]
        if kind == "M":
            p.moveTo(seg[1], seg[2])
        elif kind == "L":
            p.lineTo(seg[1], seg[2])
        elif kind == "C":
            p.curveTo(*seg[1:7])
        elif kind == "Z":
            p.close()
    canvas.saveState()
    if op.get("fill"):
        canvas.setFillColorRGB(*_rgb(op["fill"]))
    if op.get("stroke"):
        canvas.setStrokeColorRGB(*_rgb(op["stroke"]))
        canvas.setLineWidth(op["lw"])
        canvas.setLineCap(_CAP.get(op.get("cap") or "butt", 0))
        canvas.setLineJoin(_JOIN.get(op.get("join") or "miter", 0))
        canvas.setDash(op["dash"] or [], 0)
    canvas.drawPath(p, stroke=1 if op.get("stroke") else 0, fill=1 if op.get("fill") else 0)
    canvas.restoreState()


def _text(canvas: Any, op: dict[str, Any], fonts: FontSet) -> None:
    canvas.saveState()
    canvas.setFillColorRGB(*_rgb(op.get("color") or "#000000"))
    canvas.translate(op["x"], op["y"])
    if op.get("angle"):
        canvas.rotate(op["angle"])
    size = op["size"]
    anchor = op.get("anchor", "start")
    cx = 0.0
    if anchor in ("end", "middle"):
        w = fonts.string_width(op["text"], op["role"], size)
        cx = -w if anchor == "end" else -w / 2
    if needs_shaping(op["text"]):  # joined, reordered letters, and their logical text
        draw_pieces(canvas, cx, 0, pieces(fonts.runs(op["text"], op["role"])), size)
        canvas.restoreState()
        return
    for name, run in fonts.runs(op["text"], op["role"]):
        canvas.setFont(name, size)
        canvas.drawString(cx, 0, run)
        cx += canvas.stringWidth(run, name, size)
    canvas.restoreState()
