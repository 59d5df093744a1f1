"""Turn a chosen layout into the plan: every band, bar, leader, marker and text run.

Geometry decisions live in placement.py; this module only draws them: vertical structure,
colours and patterns, numbering, the key, the answers written on the blanks (mode
"answers") and the text alternative.
"""

from __future__ import annotations

import math
from itertools import combinations_with_replacement
from typing import TYPE_CHECKING, Sequence

from ..localdates import format_span
from . import style
from .labels import UP, width_of
from .metrics import TextMetrics
from .placement import Attempt, Bar, Context, Item, PointLabel, choose_layout, lane_count, rnd, side_block
from .plan import Box, Plan, Point, Shape, TextItem
from .style import Dims

if TYPE_CHECKING:
    from .chart import ChartRequest

ERA_COLOURS = ("#56B4E9", "#E69F00", "#009E73", "#CC79A7")
SPAN_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")


class _Pen:
    """Collects the plan's shapes, texts and boxes with rounded coordinates."""

    def __init__(self, plan: Plan, m: TextMetrics):
        self.plan, self.m = plan, m

    def poly(self, pts: Sequence[Point], fill: str | None, stroke: str | None, lw: float,
             tag: str, z: int, dash: tuple[float, ...] | None = None) -> None:
        self.plan.shapes.append(Shape("poly", tuple((rnd(x), rnd(y)) for x, y in pts), fill, stroke, lw, tag, z, dash))

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: str | None, stroke: str | None,
             lw: float, tag: str, z: int, dash: tuple[float, ...] | None = None) -> None:
        self.poly([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], fill, stroke, lw, tag, z, dash)

    def line(self, pts: Sequence[Point], stroke: str, lw: float, tag: str, z: int,
             dash: tuple[float, ...] | None = None) -> None:
        self.plan.shapes.append(Shape("line", tuple((rnd(x), rnd(y)) for x, y in pts), None, stroke, lw, tag, z, dash))

    def marker(self, x: float, y: float, shape: str, size: float, fill: str | None, stroke: str,
               lw: float, tag: str, z: int) -> None:
        self.plan.shapes.append(Shape("marker", ((rnd(x), rnd(y)),), fill, stroke, lw, tag, z, None, shape, size))

    def text(self, x: float, y: float, text: str, role: str, size: float, tag: str,
             ha: str = "left", color: str = style.TEXT) -> float:
        """Set `text` with its ink starting at x (ha says how the renderer anchors it)."""
        w = self.m.width(text, role, size)
        self.plan.texts.append(TextItem(rnd(x), rnd(y), rnd(w), text, role, size, color, tag, ha))
        return w

    def box(self, tag: str, kind: str, x0: float, y0: float, x1: float, y1: float) -> None:
        self.plan.boxes.append(Box(tag, kind, rnd(x0), rnd(y0), rnd(x1), rnd(y1)))


def _baseline(ctx: Context, y0: float, h: float, role: str, size: float) -> float:
    a, d = ctx.m.ascent(role, size), ctx.m.descent(role, size)
    return y0 + (h - a - d) / 2 + d


def plan_chart(req: "ChartRequest", m: TextMetrics) -> Plan:
    """The chart's plan: its layout (placement.choose_layout), drawn."""
    return draw_plan(*choose_layout(req, m))


def draw_plan(ctx: Context, att: Attempt) -> Plan:
    W, d = ctx.width, ctx.d
    plan = Plan(W, rnd(att.height), att.level)
    pen = _Pen(plan, ctx.m)
    numbers = _numbering(ctx, att)

    # vertical structure, bottom up
    axis_y0 = style.PAD + side_block(d, att.rows_down)
    axis_y1 = axis_y0 + d.AXIS_H
    spans_y0 = axis_y1 + side_block(d, att.rows_up) + (style.STRIP_GAP if lane_count(att.spans) else 0.0)
    eras_y0 = spans_y0 + lane_count(att.spans) * d.LANE_H + (style.STRIP_GAP if lane_count(att.eras) else 0.0)
    top = eras_y0 + lane_count(att.eras) * d.LANE_H  # top of the era lanes; names above

    _draw_bars(ctx, pen, att.eras, top, numbers)
    _draw_era_leaders(d, pen, att.eras, top)
    spans_top = spans_y0 + lane_count(att.spans) * d.LANE_H
    _draw_bars(ctx, pen, att.spans, spans_top, numbers)
    _draw_axis(ctx, pen, axis_y0, axis_y1, att.eras, top)
    _draw_points(ctx, pen, att.points, axis_y0, axis_y1, numbers)

    numbered = att.numbered()
    by_number = sorted((int(numbers[it.tag]), it) for it in ctx.items if it.tag in numbered)
    student = ctx.blanks and not ctx.answers  # the student writes the events' labels
    plan.key = [(str(n), ctx.date_text(it), "" if student and it.kind != "era" else it.label) for n, it in by_number]
    if ctx.blanks:
        plan.blanks = sorted(((numbers[it.tag], it.label) for it in ctx.items if it.kind != "era"),
                             key=lambda b: int(b[0]))
    plan.alt = _alt(ctx, att, numbers)
    return plan


def _numbering(ctx: Context, att: Attempt) -> dict[str, str]:
    """Numbers for the items that show one (numbered, or blanked): point events first,
    then spans, then eras, each in date order, so a group of nearby points has a
    contiguous range ("12–15") in both modes."""
    numbered = att.numbered()
    out: dict[str, str] = {}
    for kind in ("point", "span", "era"):
        for it in ctx.items:
            if it.kind == kind and (it.tag in numbered or (ctx.blanks and kind != "era")):
                out[it.tag] = str(len(out) + 1)
    return out


def _draw_bars(ctx: Context, pen: _Pen, bars: Sequence[Bar], top: float, numbers: dict[str, str]) -> None:
    d = ctx.d
    for i, b in enumerate(bars):
        it = b.item
        y0 = top - (b.lane + 1) * d.LANE_H + (d.LANE_H - d.BAR_H) / 2
        y1 = y0 + d.BAR_H
        era = it.kind == "era"
        z = 1 if era else 2
        if era:
            colour = ERA_COLOURS[i % len(ERA_COLOURS)]
            pen.rect(b.x0, y0, b.x1, y1, style.tint(colour, style.ERA_TINT), "#ffffff", 0.75, it.tag + "/bar", z)
        else:
            colour = SPAN_COLOURS[i % len(SPAN_COLOURS)]
            _draw_span_bar(pen, b, y0, y1, colour)
        role = style.ROLE_BOLD if era or b.numbered else style.ROLE
        size = d.ERA_SIZE if era else (d.NUMBER_SIZE if b.numbered else d.LABEL_SIZE)
        if b.place is not None:
            base = _baseline(ctx, _name_row_y0(d, top, b.place.row), d.ROW_H, role, size)
        else:
            base = _baseline(ctx, y0, d.BAR_H, role, size)
        asc, desc = ctx.m.ascent(role, size), ctx.m.descent(role, size)
        x = b.text_x
        pen.box(it.tag, "number" if b.numbered else ("era" if era else "span"),
                x, base - desc, x + b.text_w, base + asc)
        if b.numbered:
            pen.text(x, base, numbers[it.tag], role, size, it.tag)
        elif ctx.blanks and not era:
            start = _draw_blank(ctx, pen, x, base, x + b.text_w, numbers[it.tag], "", it.tag)
            if ctx.answers:
                _draw_answer(ctx, pen, it.label, [(start, x + b.text_w, base)], it.tag)
        else:
            pen.text(x, base, it.label, role, size, it.tag)


def _name_row_y0(d: Dims, lanes_top: float, row: int) -> float:
    return lanes_top + style.ERA_LEADER + row * d.ROW_H


def _draw_era_leaders(d: Dims, pen: _Pen, eras: Sequence[Bar], top: float) -> None:
    for b in eras:
        if b.place is None:
            continue
        band_top = top - b.lane * d.LANE_H - (d.LANE_H - d.BAR_H) / 2
        box = next(x for x in pen.plan.boxes if x.tag == b.item.tag)
        far = box.y0 if b.place.over else box.y1
        pen.line([(b.place.leader, band_top), (b.place.leader, far)], style.LEADER, style.LEADER_W,
                 b.item.tag + "/leader", 3)


def _draw_span_bar(pen: _Pen, b: Bar, y0: float, y1: float, colour: str) -> None:
    """Outlined bar; an approximate end is hatched and its outline dashed."""
    tag, edge = b.item.tag + "/bar", style.shade(colour, 0.2)
    s0, s1 = b.x0 + b.fade0, b.x1 - b.fade1
    pen.rect(s0, y0, s1, y1, style.tint(colour, style.SPAN_TINT), None, 0.0, tag, 2)
    dash = (1.5, 1.2)
    for f0, f1, faded in ((b.x0, s0, b.fade0 > 0), (s1, b.x1, b.fade1 > 0)):
        if not faded:
            continue
        pen.rect(f0, y0, f1, y1, style.tint(colour, 0.85), None, 0.0, tag, 2)
        for seg in _hatch(f0, y0, f1, y1):
            pen.line(seg, edge, 0.5, tag, 3)
        pen.line([(f0, y0), (f1, y0)], edge, 0.8, tag, 4, dash)
        pen.line([(f0, y1), (f1, y1)], edge, 0.8, tag, 4, dash)
    pen.line([(s0, y0), (s1, y0)], edge, 0.8, tag, 4)
    pen.line([(s0, y1), (s1, y1)], edge, 0.8, tag, 4)
    if not b.fade0:
        pen.line([(b.x0, y0), (b.x0, y1)], edge, 0.8, tag, 4)
    if not b.fade1:
        pen.line([(b.x1, y0), (b.x1, y1)], edge, 0.8, tag, 4)


def _hatch(x0: float, y0: float, x1: float, y1: float) -> list[list[Point]]:
    """45-degree hatch segments clipped to a rectangle."""
    h, segs = y1 - y0, []
    c = x0 - h + style.HATCH_STEP / 2
    while c < x1:
        a = (max(x0, c), y0 + max(x0, c) - c)
        b = (min(x1, c + h), y0 + min(x1, c + h) - c)
        if b[0] - a[0] > 0.3:
            segs.append([a, b])
        c += style.HATCH_STEP
    return segs


def _draw_blank(ctx: Context, pen: _Pen, x: float, base: float, x1: float, number: str,
                date: str, tag: str) -> float:
    """'[date] (n) ______': the blank runs to the end of the reserved box; returns where
    the blank line starts."""
    if date:
        x += pen.text(x, base, date + " ", style.ROLE_BOLD, ctx.d.LABEL_SIZE, tag)
    x += pen.text(x, base, f"({number}) ", style.ROLE, ctx.d.LABEL_SIZE, tag)
    pen.line([(x, base - 1.0), (x1, base - 1.0)], style.TEXT, 0.6, tag + "/blank", 5)
    return x


def _splits(text: str, n: int) -> list[list[str]]:
    """Every way to write `text` on n lines in order (lines may stay empty): broken at
    spaces, or between any two characters of text written without spaces."""
    if n <= 1:
        return [[text]]
    words, joiner = (text.split(" "), " ") if " " in text else (list(text), "")
    out = []
    for cuts in combinations_with_replacement(range(len(words) + 1), n - 1):
        bounds = (0,) + cuts + (len(words),)
        out.append([joiner.join(words[a:b]) for a, b in zip(bounds, bounds[1:])])
    return out


def _draw_answer(ctx: Context, pen: _Pen, label: str, blanks: Sequence[tuple[float, float, float]],
                 tag: str) -> None:
    """Write `label` in the answer ink on blank lines given as (x0, x1, baseline).

    Of all ways to break it over the lines, the one that fits at the largest size (the
    label size at most; the layout reserved room for that, so it only shrinks if it has
    to), then the one that fills the first lines most, as a hand would write it. The
    text never runs past a blank line's ends.
    """
    label = " ".join(label.split())
    if not label:
        return
    full, role = ctx.d.LABEL_SIZE, style.ROLE_ANSWER
    rooms = [x1 - x0 - 2 * style.ANSWER_INSET for x0, x1, _ in blanks]
    best: tuple[tuple, list[str]] | None = None
    for pieces in _splits(label, len(blanks)):
        size = full
        for piece, room in zip(pieces, rooms):
            w = ctx.m.width(piece, role, full) if piece else 0.0
            if w > room:
                size = min(size, full * max(room, 0.0) / w)
        size = math.floor(size * 100 + 1e-6) / 100  # round down: never wider than its line
        rank = (size, bool(pieces[0]), [len(p) for p in pieces])
        if best is None or rank > best[0]:
            best = (rank, pieces)
    assert best is not None
    size, pieces = best[0][0], best[1]
    if size <= 0:
        return
    for piece, (x0, _, base) in zip(pieces, blanks):
        if piece:
            pen.text(x0 + style.ANSWER_INSET, base, piece, role, size, tag, color=style.ANSWER)


def _draw_axis(ctx: Context, pen: _Pen, y0: float, y1: float, eras: Sequence[Bar], top: float) -> None:
    W, d = ctx.width, ctx.d
    pen.rect(style.PAD, y0, W - style.PAD, y1, style.AXIS_FILL, style.AXIS_EDGE, 0.6, "axis", 1)
    pen.plan.axis = Box("axis", "axis", style.PAD, rnd(y0), W - style.PAD, rnd(y1))
    base = _baseline(ctx, y0, d.AXIS_H, style.ROLE, d.TICK_SIZE)
    for t in ctx.ticks:
        if t.line:
            pen.line([(t.x, y0), (t.x, y1)], style.AXIS_EDGE, 0.6, "tick", 2)
            x = t.x + style.TICK_DX
        else:
            x = t.x - ctx.m.width(t.label, style.ROLE, d.TICK_SIZE) / 2
        pen.text(x, base, t.label, style.ROLE, d.TICK_SIZE, "tick", "left", style.TICK_TEXT)
    for brk in ctx.scale.breaks:
        bands = [(y0 - 1.0, y1 + 1.0)]
        for b in eras:
            if b.x0 < brk.p0 and b.x1 > brk.p1:
                ey0 = top - (b.lane + 1) * d.LANE_H + (d.LANE_H - d.BAR_H) / 2
                bands.append((ey0 - 0.5, ey0 + d.BAR_H + 0.5))
        for by0, by1 in bands:
            a0, a1 = brk.p0 + 2.5, brk.p1 - 2.5
            pen.poly([(a0 - 1.5, by0), (a1 - 1.5, by0), (a1 + 1.5, by1), (a0 + 1.5, by1)],
                     "#ffffff", None, 0.0, "break", 6)
            pen.line([(a0 - 1.5, by0), (a0 + 1.5, by1)], style.AXIS_EDGE, 0.8, "break", 7)
            pen.line([(a1 - 1.5, by0), (a1 + 1.5, by1)], style.AXIS_EDGE, 0.8, "break", 7)


def _draw_marker(ctx: Context, pen: _Pen, it: Item, x: float, edge_y: float) -> None:
    """A filled dot on the axis edge; an approximate date is an open dot with whiskers."""
    r, tag = style.MARKER_D / 2, it.tag + "/marker"
    if it.start.approximate:
        pen.line([(x - style.WHISKER, edge_y), (x + style.WHISKER, edge_y)], style.POINT, 0.8, tag, 4)
        for wx in (x - style.WHISKER, x + style.WHISKER):
            pen.line([(wx, edge_y - 1.5), (wx, edge_y + 1.5)], style.POINT, 0.8, tag, 4)
        pen.marker(x, edge_y, "o", style.MARKER_D, "#ffffff", style.POINT, 0.9, tag, 5)
        half = style.WHISKER + 0.4
    else:
        pen.marker(x, edge_y, "o", style.MARKER_D, style.POINT, style.POINT, 0.5, tag, 5)
        half = r + 0.25
    pen.plan.markers.append(Box(it.tag, "marker", rnd(x - half), rnd(edge_y - r - 0.5),
                                rnd(x + half), rnd(edge_y + r + 0.5)))


def _draw_points(ctx: Context, pen: _Pen, points: Sequence[PointLabel], axis_y0: float, axis_y1: float,
                 numbers: dict[str, str]) -> None:
    r, d = style.MARKER_D / 2, ctx.d
    for p in points:
        pl = p.place
        assert pl is not None
        it = p.item
        up = pl.side == UP
        edge_y = axis_y1 if up else axis_y0

        def row_y0(row: int, up: bool = up) -> float:
            """Bottom of label row `row` (0 next to the axis) on this side."""
            if up:
                return axis_y1 + style.LEADER_MIN + row * d.ROW_H
            return axis_y0 - style.LEADER_MIN - (row + 1) * d.ROW_H

        # visual line k (0 = top) sits in row outer-k above the axis, row+k below it
        line_rows = [pl.outer - k if up else pl.row + k for k in range(pl.lines)]
        role = style.ROLE_BOLD if p.numbered else style.ROLE
        size = d.NUMBER_SIZE if p.numbered else d.LABEL_SIZE
        asc, desc = ctx.m.ascent(role, size), ctx.m.descent(role, size)
        bases = [_baseline(ctx, row_y0(rw), d.ROW_H, role, size) for rw in line_rows]
        box_y0, box_y1 = bases[-1] - desc, bases[0] + asc
        pen.box(it.tag, "number" if p.numbered else "label", pl.x0, box_y0, pl.x1, box_y1)

        # markers; a group gets a bracket over its markers, and the leader starts there
        xs = [ctx.scale.x((m.t0 + m.t1) / 2) for m in p.members]
        for m, x in zip(p.members, xs):
            _draw_marker(ctx, pen, m, x, edge_y)
        near = edge_y + (r if up else -r)
        if len(p.members) > 1:
            near = edge_y + (r + 1.5 if up else -r - 1.5)
            tip = near + (-1.5 if up else 1.5)
            pen.line([(xs[0], tip), (xs[0], near), (xs[-1], near), (xs[-1], tip)],
                     style.LEADER, 0.8, it.tag + "/leader", 3)
        far = (box_y0 if up else box_y1) if pl.over else (box_y1 if up else box_y0)
        approx = all(m.start.approximate for m in p.members)
        pen.line([(p.x, near), (p.x, far)], style.LEADER, style.LEADER_W, it.tag + "/leader", 3,
                 (2.0, 1.5) if approx else None)

        if p.numbered:
            first, last = numbers[p.members[0].tag], numbers[p.members[-1].tag]
            text = first if first == last else f"{first}\u2013{last}"
            w = ctx.m.width(text, role, size)
            x = pl.x0 if pl.right or pl.over else pl.x1 - w
            pen.text(x, bases[0], text, role, size, it.tag, "right" if x > pl.x0 else "left")
        elif ctx.blanks:
            start = _draw_blank(ctx, pen, pl.x0, bases[0], pl.x1, numbers[it.tag], ctx.date_of(it.start), it.tag)
            for base in bases[1:]:
                pen.line([(pl.x0, base - 1.0), (pl.x1, base - 1.0)], style.TEXT, 0.6, it.tag + "/blank", 5)
            if ctx.answers:
                lines = [(start, pl.x1, bases[0])] + [(pl.x0, pl.x1, base) for base in bases[1:]]
                _draw_answer(ctx, pen, it.label, lines, it.tag)
        else:
            for line, base in zip(p.lines, bases):
                lw = width_of([line], ctx.m, size)
                x = pl.x0 if pl.right or pl.over else pl.x1 - lw
                ha = "right" if x > pl.x0 else "left"
                if not ctx.words.rtl:
                    for text, seg_role in line:
                        x += pen.text(x, base, text, seg_role, size, it.tag, ha)
                    continue
                # right to left, a line's first run (the date) stands at its right end, the
                # space after it on its left (a run alone cannot tell which side its space is on)
                for text, seg_role in reversed(line):
                    if text.endswith(" "):
                        x += ctx.m.width(" ", seg_role, size)
                    x += pen.text(x, base, text.rstrip(" "), seg_role, size, it.tag, ha)


def _alt(ctx: Context, att: Attempt, numbers: dict[str, str]) -> str:
    """A text alternative: the range, then every era, span and event in date order."""
    items, words = ctx.items, ctx.words
    lo = min(items, key=lambda it: it.t0).start
    hi = max(items, key=lambda it: it.t1)
    parts = []
    for it in items:
        if ctx.blanks and it.kind != "era":
            answer = words("chart_answer", label=it.label) if ctx.answers else words("chart_blank")
            parts.append(f"({numbers[it.tag]}) {ctx.date_text(it)}: {answer}")
        else:
            kind = words({"era": "chart_era", "span": "chart_period", "point": "chart_event"}[it.kind])
            parts.append(f"{kind} {ctx.date_text(it)}: {it.label}")
    head = words("chart_exercise_answers" if ctx.answers else "chart_exercise" if ctx.blanks else "timeline")
    return f"{head}, {format_span(lo, hi.end or hi.start, words)}. " + "; ".join(parts) + "."
