"""A matplotlib renderer that records drawing primitives instead of rasterising.

matplotlib lays out and draws the figure (transforms, alignment, markers, dashes); this
renderer writes down what it is asked to draw as plain JSON-able ops, which Chart.draw
replays on a ReportLab canvas as vector paths and real, searchable text. Text is
measured here with the guide's own fonts (studyguide.fonts, with per-character
fallback), so the positions matplotlib computes are exact for what gets printed.
The figure is set up at 72 dpi, so one display unit is one PDF point.
"""

from __future__ import annotations

from typing import Any

from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.path import Path as MplPath

from . import style
from .metrics import TextMetrics

Op = dict[str, Any]


def _n(v: float) -> float:
    """Round to 0.01 pt (and turn -0.0 into 0.0) so output is stable."""
    return round(float(v), 2) + 0.0


def _hex(rgba: Any) -> str | None:
    if rgba is None or (len(rgba) > 3 and float(rgba[3]) == 0.0):
        return None
    return "#" + "".join(f"{round(float(c) * 255):02x}" for c in rgba[:3])


def role_of(prop: Any) -> str:
    """The guide's font role for matplotlib FontProperties (weight and slant only)."""
    weight = prop.get_weight()
    bold = weight in ("bold", "heavy", "extra bold", "black", "demibold", "semibold", "demi") or (
        isinstance(weight, (int, float)) and weight >= 600)
    italic = prop.get_style() in ("italic", "oblique")
    suffix = "-bolditalic" if bold and italic else "-bold" if bold else "-italic" if italic else ""
    return style.ROLE + suffix


class RecordingRenderer(RendererBase):
    """Collects paths and text runs in display coordinates (points, origin lower left)."""

    def __init__(self, width: float, height: float, metrics: TextMetrics):
        super().__init__()
        self.width, self.height, self.metrics = width, height, metrics
        self.ops: list[Op] = []
        self._groups: list[str | None] = []

    # --- what matplotlib asks about the device ---
    def flipy(self) -> bool:
        return False

    def get_canvas_width_height(self) -> tuple[float, float]:
        return self.width, self.height

    def points_to_pixels(self, points: Any) -> Any:
        return points

    def new_gc(self) -> GraphicsContextBase:
        return GraphicsContextBase()

    def option_image_nocomposite(self) -> bool:
        return True

    def open_group(self, s: str, gid: str | None = None) -> None:
        self._groups.append(gid)

    def close_group(self, s: str) -> None:
        if self._groups:
            self._groups.pop()

    def _tag(self) -> str | None:
        return next((g for g in reversed(self._groups) if g), None)

    # --- text measurement: the printed fonts' metrics ---
    def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> tuple[float, float, float]:
        role, size = role_of(prop), prop.get_size_in_points()
        a, d = self.metrics.ascent(role, size), self.metrics.descent(role, size)
        return self.metrics.width(s, role, size), a + d, d

    def _get_font_height_metrics(self, prop: Any) -> tuple[float, float, float]:
        # Used by matplotlib's Text layout for line heights; without it matplotlib would
        # open its own font files.
        role, size = role_of(prop), prop.get_size_in_points()
        return self.metrics.ascent(role, size), self.metrics.descent(role, size), 0.0

    # --- drawing ---
    def draw_path(self, gc: GraphicsContextBase, path: MplPath, transform: Any, rgbFace: Any = None) -> None:
        d: list[list[Any]] = []
        last = (0.0, 0.0)
        for verts, code in path.iter_segments(transform, simplify=False, curves=True):
            v = [float(c) for c in verts]
            if code == MplPath.MOVETO:
                d.append(["M", _n(v[0]), _n(v[1])])
            elif code == MplPath.LINETO:
                d.append(["L", _n(v[0]), _n(v[1])])
            elif code == MplPath.CURVE3:  # quadratic: raise to cubic
                (qx, qy), (x, y) = (v[0], v[1]), (v[2], v[3])
                c1 = (last[0] + 2 / 3 * (qx - last[0]), last[1] + 2 / 3 * (qy - last[1]))
                c2 = (x + 2 / 3 * (qx - x), y + 2 / 3 * (qy - y))
                d.append(["C", _n(c1[0]), _n(c1[1]), _n(c2[0]), _n(c2[1]), _n(x), _n(y)])
            elif code == MplPath.CURVE4:
                d.append(["C"] + [_n(c) for c in v[:6]])
            elif code == MplPath.CLOSEPOLY:
                d.append(["Z"])
                continue
            else:
                continue
            last = (v[-2], v[-1])
        if not d:
            return
        lw = float(gc.get_linewidth())
        stroke = _hex(gc.get_rgb()) if lw > 0 else None
        fill = _hex(rgbFace)
        if stroke is None and fill is None:
            return
        dashes: Any = gc.get_dashes()[1]  # a sequence of floats, or None for solid
        self.ops.append({
            "op": "path", "d": d, "fill": fill, "stroke": stroke,
            "lw": _n(lw) if stroke else 0.0,
            "dash": [_n(x) for x in dashes] if stroke and dashes is not None and len(dashes) else None,
            "cap": gc.get_capstyle(), "join": gc.get_joinstyle(), "tag": self._tag(),
        })

    def draw_text(self, gc: GraphicsContextBase, x: float, y: float, s: str, prop: Any, angle: float,
                  ismath: Any = False, mtext: Any = None) -> None:
        role, size = role_of(prop), float(prop.get_size_in_points())
        self.ops.append({
            "op": "text", "x": _n(x), "y": _n(y), "w": _n(self.metrics.width(s, role, size)),
            "size": _n(size), "role": role, "angle": _n(angle), "text": s, "anchor": "start",
            "color": _hex(gc.get_rgb()) or "#000000", "tag": self._tag(),
        })

    def draw_image(self, gc: Any, x: float, y: float, im: Any, transform: Any = None) -> None:
        raise TypeError("timeline charts are vector graphics only; no images")
