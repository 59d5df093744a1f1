"""Plan -> matplotlib artists -> recorded ops: the only module that touches matplotlib.

The figure is built with matplotlib's object API (never pyplot, so no global state and
no GUI backend) at 72 dpi with data coordinates equal to points, then drawn into the
RecordingRenderer. matplotlib is imported inside the functions: a cache hit never pays
for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..fonts import FontSet
from .chart import Chart
from .draw import plan_chart
from .plan import Plan
from .metrics import TextMetrics

if TYPE_CHECKING:
    from .chart import ChartRequest

# Settings that would otherwise come from a user's matplotlibrc and change the output.
RC: dict[Any, Any] = {
    "lines.scale_dashes": False,
    "text.usetex": False,
    "path.simplify": False,
    "path.sketch": None,
    "path.effects": [],
    "lines.dash_capstyle": "butt",
    "lines.solid_capstyle": "butt",
    "lines.dash_joinstyle": "miter",
    "lines.solid_joinstyle": "miter",
    "patch.antialiased": True,
    "axes.unicode_minus": False,
}


def record(plan: Plan, metrics: TextMetrics) -> list[dict[str, Any]]:
    """Draw `plan` with matplotlib into a RecordingRenderer; return the recorded ops."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Polygon
    from matplotlib.text import Text
    from matplotlib.transforms import IdentityTransform

    from .recorder import RecordingRenderer

    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(plan.width / 72, plan.height / 72), dpi=72)
        fig.patch.set_visible(False)
        # Artists go straight onto the figure in display coordinates, which at 72 dpi
        # are points: no Axes, so no autoscaling, clipping or per-artist transform chains.
        points = IdentityTransform()
        common: dict[str, Any] = {"transform": points, "clip_on": False}
        for s in plan.shapes:
            dash: Any = (0, s.dash) if s.dash else "solid"
            if s.kind == "poly":
                fig.add_artist(Polygon(
                    s.pts, closed=True, facecolor=s.fill or "none", edgecolor=s.stroke or "none",
                    linewidth=s.lw, linestyle=dash, joinstyle="miter", zorder=s.z, gid=s.tag, **common))
            elif s.kind == "line":
                xs, ys = zip(*s.pts)
                fig.add_artist(Line2D(
                    xs, ys, color=s.stroke, linewidth=s.lw, linestyle=dash, zorder=s.z, gid=s.tag,
                    solid_capstyle="butt", dash_capstyle="butt", **common))
            else:
                (x, y), = s.pts
                fig.add_artist(Line2D(
                    [x], [y], linestyle="none", marker=s.marker, markersize=s.size,
                    markerfacecolor=s.fill or "none", markeredgecolor=s.stroke, markeredgewidth=s.lw,
                    zorder=s.z, gid=s.tag, **common))
        for t in plan.texts:
            anchor = t.x + {"left": 0.0, "center": t.w / 2, "right": t.w}[t.ha]
            fig.add_artist(Text(
                anchor, t.y, t.text, color=t.color, fontsize=t.size, fontfamily="DejaVu Sans",
                fontweight="bold" if "bold" in t.role else "normal",
                fontstyle="italic" if "italic" in t.role else "normal",
                ha=t.ha, va="baseline", parse_math=False, usetex=False, zorder=t.z, gid=t.tag, **common))
        renderer = RecordingRenderer(plan.width, plan.height, metrics)
        fig.draw(renderer)
    return renderer.ops


def build(req: "ChartRequest", fonts: FontSet) -> tuple[Plan, Chart]:
    """Lay out and draw a chart (no cache); the plan comes along for checking."""
    metrics = TextMetrics(fonts)
    plan = plan_chart(req, metrics)
    ops = record(plan, metrics)
    return plan, Chart(plan.width, plan.height, ops, list(plan.key), list(plan.blanks), plan.alt)


def render_chart(req: "ChartRequest", fonts: FontSet) -> Chart:
    """Lay out and draw a chart (no cache)."""
    return build(req, fonts)[1]
