"""The charts stage: which timeline charts a guide has, drawn (or fetched from cache) once.

Both editions and every layout pass share these charts. The chart package imports
matplotlib only when a chart is not cached.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import model as m
from .exercises import label_requests
from .layout.story import section_key
from .layout.styles import Styles

if TYPE_CHECKING:
    from .charts import Chart


def draw_charts(unit: m.Unit, styles: Styles, cache_dir: Path | None) -> dict[str, Chart]:
    from .charts import ChartRequest, timeline_chart

    fonts, width, scale = styles.fonts, styles.frame_width, styles.scale
    lang = unit.language
    charts: dict[str, Chart] = {}
    events = tuple(unit.all_events())
    if events or unit.eras:
        charts["unit"] = timeline_chart(ChartRequest(events, unit.eras, width, text_scale=scale, language=lang), fonts, cache_dir)
    for i, s in enumerate(unit.sections):
        if s.timeline:
            charts[section_key(i)] = timeline_chart(
                ChartRequest(s.timeline, (), width, text_scale=scale, language=lang), fonts, cache_dir)
    for q in label_requests(unit):  # the same chart with blanks (students) and answers (teachers)
        for mode in ("blanks", "answers"):
            charts[f"{q.chart_key}/{mode}"] = timeline_chart(
                ChartRequest(q.events, (), width, mode=mode, text_scale=scale, language=lang), fonts, cache_dir)
    return charts
