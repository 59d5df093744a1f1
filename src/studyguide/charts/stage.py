"""The charts stage: which timeline charts a guide has, drawn (or fetched from cache) once.

Both editions share these charts. This module imports matplotlib only when a chart is not
cached, and knows nothing of the page layout: it is given the text width and scale.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .. import model as m
from ..exercises import label_requests
from ..fonts import FontSet
from ..typeset import smarten
from .chart import Chart, ChartKey, ChartRequest, Mode


def draw_charts(unit: m.Unit, fonts: FontSet, width: float, text_scale: float,
                cache_dir: Path | None, max_height: float | None = None) -> dict[ChartKey, Chart]:
    """Every chart the guide shows, `width` points wide and at most `max_height` tall (else
    the request's default): the unit timeline, each section's, and each label exercise's
    in its "blanks" and "answers" modes."""
    tall = {"max_height": max_height} if max_height else {}
    from . import timeline_chart

    def request(events, eras=(), mode: Mode = "labels") -> ChartRequest:
        """The guide's words on every chart: its language, and the unit's own `labels`; the
        events' and eras' labels as printed (curly quotes, en dashes)."""
        return ChartRequest(_typeset(events), _typeset(eras), width, mode=mode, text_scale=text_scale,
                            language=unit.language, labels=unit.labels, **tall)

    charts: dict[ChartKey, Chart] = {}
    events = tuple(unit.all_events())
    if events or unit.eras:
        charts[ChartKey()] = timeline_chart(request(events, unit.eras), fonts, cache_dir)
    for i, s in enumerate(unit.sections):
        if s.timeline:
            charts[ChartKey(section=i)] = timeline_chart(request(s.timeline), fonts, cache_dir)
    modes: tuple[Mode, ...] = ("blanks", "answers")  # students write on blanks, teachers read answers
    for q in label_requests(unit):
        for mode in modes:
            charts[ChartKey(exercise=q.chart_key, mode=mode)] = timeline_chart(request(q.events, mode=mode),
                                                                               fonts, cache_dir)
    return charts


def _typeset(items) -> tuple:
    """Events or eras with their labels as printed (curly quotes, en dashes)."""
    return tuple(dataclasses.replace(it, label=smarten(it.label)) for it in items)
