"""Timeline charts for the study guide: request in, replayable vector display list out.

    chart = timeline_chart(ChartRequest(events, eras, width=frame_width), fonts, cache_dir)
    chart.draw(canvas, x, y)          # lower-left corner; height is chart.height

matplotlib draws the chart (object API only) into a recording renderer; the recorded
ops are replayed on the ReportLab canvas as paths and real text in the guide's fonts.
This module must not import matplotlib: a cache hit never loads it.
See docs/timelines.md.
"""

from __future__ import annotations

from pathlib import Path

from ..fonts import FontSet
from . import cache
from .chart import MODES, Chart, ChartKey, ChartRequest
from .style import STYLE_VERSION

__all__ = ["Chart", "ChartKey", "ChartRequest", "MODES", "STYLE_VERSION", "timeline_chart"]


def timeline_chart(req: ChartRequest, fonts: FontSet, cache_dir: Path | None) -> Chart:
    """The chart for `req`, from the cache when it holds one (without importing matplotlib)."""
    key = cache.cache_key(req, fonts)
    if cache_dir is not None:
        stored = cache.load(cache_dir, key)
        if stored is not None:
            try:
                return Chart.from_dict(stored)
            except (KeyError, TypeError, ValueError):
                pass  # an unreadable entry is a miss
    from .render import render_chart

    chart = render_chart(req, fonts)
    if cache_dir is not None:
        cache.store(cache_dir, key, chart.to_dict())
    return chart
