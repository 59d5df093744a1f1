"""Chart geometry: where every band, bar, marker, leader and label goes, in points.

Pure Python and deterministic (no matplotlib): the plan is what the chart *means*; the
renderer only turns it into drawing operations. From the top, a chart has

    era lanes     pale bands, names inside (or beside them, or numbered)
    span lanes    outlined bars, same rules
    label rows    point labels above the axis, on leaders
    axis band     a ruler with the tick labels inside; markers sit on its edges
    label rows    point labels below the axis

If the rows needed exceed `max_height`, point events become numbered markers with a
key, then spans too, then nearby point events share one leader labelled with a number
range ("12–15"); every event is always either labelled or in the key. The exercise
modes share one geometry: every label box is as wide as the widest of its label, its
blank and its answer written on the blank, so the student's "(3) ____" chart and the
teacher's answered chart have identical heights and positions ("labels" boxes are as
wide as the wider of label and blank). Text sizes and the rows, lanes and blanks that
hold text scale with the request's text_scale (style.Dims). draw.py turns the chosen
layout into a Plan (`draw.plan_chart`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from ..dates import HistDate
from ..labels import labels_for
from ..localdates import format_date, format_span
from . import style
from .axis import Scale, Tick, build_scale, make_ticks
from .labels import DOWN, UP, Flag, Placement, Segment, compose, pack_rows, width_of
from .lanes import assign_lanes
from .metrics import TextMetrics
from .style import Dims

if TYPE_CHECKING:
    from .chart import ChartRequest



@dataclass(frozen=True)
class Item:
    kind: str  # 'era', 'span', 'point'
    index: int
    start: HistDate
    end: HistDate | None
    label: str

    @property
    def tag(self) -> str:
        return f"{self.kind}:{self.index}"

    @property
    def t0(self) -> float:
        return self.start.axis_start()

    @property
    def t1(self) -> float:
        return (self.end or self.start).axis_end()

    def order(self) -> tuple:
        rank = {"era": 0, "span": 1, "point": 2}[self.kind]
        return (self.t0, rank, self.t1, self.label, self.index)


def items_of(req: "ChartRequest") -> list[Item]:
    """Everything to draw, in date order (ties: kind, end, label, input position)."""
    items = [Item("era", i, min(e.start, e.end), max(e.start, e.end), e.label) for i, e in enumerate(req.eras)]
    for i, ev in enumerate(req.events):
        if ev.end is None:
            items.append(Item("point", i, ev.date, None, ev.label))
        else:
            items.append(Item("span", i, min(ev.date, ev.end), max(ev.date, ev.end), ev.label))
    return sorted(items, key=Item.order)


def rnd(v: float) -> float:
    return round(v, 2) + 0.0


# --- bars (eras and spans) ---------------------------------------------------------------


@dataclass
class Bar:
    item: Item
    x0: float
    x1: float
    fade0: float        # width of the hatched (approximate) start, 0 if exact
    fade1: float
    where: str          # 'inside', 'right', 'left'
    text_w: float       # width reserved for the label (or number)
    numbered: bool
    lane: int = 0
    place: Placement | None = None  # eras named above the strip

    @property
    def extent(self) -> tuple[float, float]:
        if self.where == "right":
            return self.x0, self.x1 + style.INSIDE_PAD + self.text_w
        if self.where == "left":
            return self.x0 - style.INSIDE_PAD - self.text_w, self.x1
        return self.x0, self.x1

    @property
    def text_x(self) -> float:
        if self.place is not None:
            return self.place.x0
        if self.where == "right":
            return self.x1 + style.INSIDE_PAD
        if self.where == "left":
            return self.x0 - style.INSIDE_PAD - self.text_w
        s0, s1 = self.x0 + self.fade0, self.x1 - self.fade1
        if self.item.kind == "era":
            return (s0 + s1 - self.text_w) / 2
        return s0 + style.INSIDE_PAD


class Context:
    """What every level of an attempt shares: request, metrics, scale, numbering widths."""

    def __init__(self, req: "ChartRequest", m: TextMetrics):
        self.req, self.m = req, m
        self.d = d = Dims(req.text_scale)
        self.items = items_of(req)
        self.words = labels_for(req.language, dict(req.labels))  # the guide's words, dates and axis
        self.width = req.width
        self.blanks = req.mode in ("blanks", "answers")  # numbered blanks for the events
        self.answers = req.mode == "answers"              # ... with the labels written on them
        n = max(1, len(self.items))
        digits = len(str(n))
        self.num_w = max(m.width(c * digits, style.ROLE_BOLD, d.NUMBER_SIZE) for c in "0123456789")
        self.era_num_w = max(m.width(c * digits, style.ROLE_BOLD, d.ERA_SIZE) for c in "0123456789")
        self.range_w = max(m.width(f"{c * digits}\u2013{c * digits}", style.ROLE_BOLD, d.NUMBER_SIZE)
                           for c in "0123456789")
        self.paren_w = max(m.width(f"({c * digits})", style.ROLE, d.LABEL_SIZE) for c in "0123456789")
        self.space_w = m.width(" ", style.ROLE, d.LABEL_SIZE)
        self.wrap_w = min(max(0.32 * self.width, 90.0 * d.text_scale), 170.0 * d.text_scale)
        self.x_min, self.x_max = style.PAD, self.width - style.PAD
        events = [it for it in self.items if it.kind != "era"]
        content = [(it.t0, it.t1) for it in (events or self.items)]
        extent = (min(it.t0 for it in self.items), max(it.t1 for it in self.items))
        fine = any(it.start.month or (it.end and it.end.month) for it in self.items)
        self.scale: Scale = build_scale(content, extent, style.MARGIN_X, self.width - style.MARGIN_X,
                                        min_range=0.5 if fine else 4.0)
        self.ticks: list[Tick] = make_ticks(
            self.scale, lambda s: m.width(s, style.ROLE, d.TICK_SIZE), self.width, months=fine,
            words=self.words)
        self.one_year = self.scale.points_per_year

    def date_text(self, it: Item) -> str:
        """The item's date or span, as the guide prints dates."""
        return format_span(it.start, it.end, self.words)

    def date_of(self, d: HistDate) -> str:
        return format_date(d, self.words)

    def blank_w(self, prefix: str = "") -> float:
        """Width of '[prefix ](NN) ______'."""
        w = self.paren_w + self.space_w + self.d.BLANK_MIN
        if prefix:
            w += self.m.width(prefix + " ", style.ROLE_BOLD, self.d.LABEL_SIZE)
        return w

    def answer_w(self, pieces: Sequence[str], prefix: str = "") -> float:
        """Width a blank needs for its answer, `pieces[k]` written on blank line k at full
        size: the first line after '[prefix ](NN) ', the others across the whole box."""
        need = 0.0
        for k, piece in enumerate(pieces):
            if not piece:
                continue
            w = self.m.width(piece, style.ROLE_ANSWER, self.d.LABEL_SIZE) + 2 * style.ANSWER_INSET
            if k == 0:
                w += self.paren_w + self.space_w
                if prefix:
                    w += self.m.width(prefix + " ", style.ROLE_BOLD, self.d.LABEL_SIZE)
            need = max(need, w)
        return need


def _bar_label(ctx: Context, bar: Bar, w: float) -> str | None:
    """Inside the bar if it fits; spans then try beside it, eras go above the strip."""
    s0, s1 = bar.x0 + bar.fade0, bar.x1 - bar.fade1
    if w + 2 * style.INSIDE_PAD <= s1 - s0:
        return "inside"
    if bar.item.kind == "era":
        return "above" if w <= ctx.x_max - ctx.x_min - style.FLAG_GAP else None
    if bar.x1 + style.INSIDE_PAD + w <= ctx.x_max:
        return "right"
    if bar.x0 - style.INSIDE_PAD - w >= ctx.x_min:
        return "left"
    return None


def _bars(ctx: Context, kind: str, numbered: bool) -> list[Bar]:
    bars: list[Bar] = []
    for it in ctx.items:
        if it.kind != kind:
            continue
        x0, x1 = ctx.scale.x(it.t0), ctx.scale.x(it.t1)
        if x1 - x0 < 2.0:
            mid = (x0 + x1) / 2
            x0, x1 = mid - 1.0, mid + 1.0
        fade = min(style.FADE_W, 0.3 * (x1 - x0)) if kind == "span" else 0.0
        f0 = fade if it.start.approximate else 0.0
        f1 = fade if it.end and it.end.approximate else 0.0
        bar = Bar(it, x0, x1, f0, f1, "inside", 0.0, numbered)
        if kind == "era":
            w = ctx.m.width(it.label, style.ROLE_BOLD, ctx.d.ERA_SIZE)
        else:
            w = max(ctx.m.width(it.label, style.ROLE, ctx.d.LABEL_SIZE), ctx.blank_w())
            if ctx.blanks:  # room to write the answer on the blank
                w = max(w, ctx.answer_w([it.label]))
        where = None if numbered else _bar_label(ctx, bar, w)
        if where is None:
            bar.numbered, w = True, ctx.era_num_w if kind == "era" else ctx.num_w  # drawn at their size
            where = _bar_label(ctx, bar, w) or "inside"
        bar.where, bar.text_w = where, w
        bars.append(bar)
    # Eras that merely share their boundary year may share a lane (the later on top).
    tolerance = min(ctx.one_year, 8.0) + 0.5 if kind == "era" else -2.0
    for bar, lane in zip(bars, assign_lanes([b.extent for b in bars], -tolerance)):
        bar.lane = lane
    if kind == "era":
        _place_era_names(ctx, [b for b in bars if b.where == "above"])
    return bars


def _place_era_names(ctx: Context, bars: list[Bar]) -> None:
    """Names of narrow eras fly on short leaders in rows above the era strip."""
    flags = [Flag(min(max((b.x0 + b.x1) / 2, ctx.x_min), ctx.x_max), b.text_w, 1) for b in bars]
    # Names near the right edge fly left; a right- and a left-flying name can cover each
    # other's leaders, which no order of rows resolves on one side: then all fly left.
    placed = (pack_rows(flags, ctx.x_min, ctx.x_max, None, sides=(UP,))
              or pack_rows(flags, ctx.x_min, ctx.x_max, None, sides=(UP,), left=True)
              or pack_rows(flags, ctx.x_min, ctx.x_max, None, strict=False, sides=(UP,)))
    assert placed is not None
    for b, pl in zip(bars, placed):
        b.place = pl


def era_rows(bars: Sequence[Bar]) -> int:
    return max((b.place.outer + 1 for b in bars if b.place is not None), default=0)


def lane_count(bars: Sequence[Bar]) -> int:
    return max((b.lane + 1 for b in bars), default=0)


# --- points ------------------------------------------------------------------------------


@dataclass
class PointLabel:
    """The label of one point event, or the shared number range of a group of them."""

    members: list[Item]
    x: float
    lines: list[list[Segment]]  # the label as laid out (empty when numbered)
    w: float
    numbered: bool
    place: Placement | None = None

    @property
    def item(self) -> Item:
        return self.members[0]


def label_pieces(lines: Sequence[Sequence[Segment]]) -> list[str]:
    """The label's own text on each line of a composed point label (the date left out)."""
    return ["".join(t for t, role in line if role == style.ROLE) for line in lines]


def _points(ctx: Context, numbered: bool, group: float) -> list[PointLabel]:
    out: list[PointLabel] = []
    first_x = 0.0  # marker position of the current group's first member
    for it in ctx.items:
        if it.kind != "point":
            continue
        x = ctx.scale.x((it.t0 + it.t1) / 2)
        if numbered and group > 0 and out and x - first_x <= group:
            out[-1].members.append(it)
            out[-1].x = (first_x + x) / 2  # the leader stands in the middle of the group
            continue
        first_x = x
        if numbered:
            out.append(PointLabel([it], x, [], ctx.range_w if group > 0 else ctx.num_w, True))
            continue
        date = ctx.date_of(it.start)
        lines = compose(date, it.label, ctx.m, ctx.d.LABEL_SIZE, ctx.wrap_w)
        w = max(width_of(lines, ctx.m, ctx.d.LABEL_SIZE), ctx.blank_w(date))
        if ctx.blanks:  # room to write the answer on the blanks, broken as the label is
            w = max(w, ctx.answer_w(label_pieces(lines), date))
        out.append(PointLabel([it], x, lines, w, False))
    return out


# --- assembling an attempt ---------------------------------------------------------------

# Each level: (points numbered, spans numbered, grouping distance in points). Groups of
# nearby point events share one leader labelled with a number range ("12–15").
PLANS: tuple[tuple[bool, bool, float], ...] = (
    (False, False, 0.0), (True, False, 0.0), (True, True, 0.0),
) + tuple((True, True, g) for g in (6.0, 12.0, 24.0, 48.0, 96.0, 192.0, 1e9))


@dataclass
class Attempt:
    level: int
    eras: list[Bar]
    spans: list[Bar]
    points: list[PointLabel]
    rows_up: int
    rows_down: int
    height: float

    def numbered(self) -> set[str]:
        tags = {b.item.tag for b in self.eras + self.spans if b.numbered}
        return tags | {it.tag for p in self.points if p.numbered for it in p.members}


def block_height(d: Dims, lanes: int, name_rows: int = 0) -> float:
    names = style.ERA_LEADER + name_rows * d.ROW_H if name_rows else 0.0
    return lanes * d.LANE_H + names + (style.STRIP_GAP if lanes else 0.0)


def side_block(d: Dims, rows: int) -> float:
    return style.LEADER_MIN + rows * d.ROW_H if rows else style.LEADER_MIN


def _attempt(ctx: Context, level: int) -> Attempt | None:
    """Lay out one level; None if its point labels need more rows than max_height allows."""
    points_numbered, spans_numbered, group = PLANS[level]
    last = level == len(PLANS) - 1
    eras = _bars(ctx, "era", numbered=False)
    spans = _bars(ctx, "span", numbered=spans_numbered)
    points = _points(ctx, points_numbered, group)
    d = ctx.d
    fixed = (2 * style.PAD + block_height(d, lane_count(eras), era_rows(eras))
             + block_height(d, lane_count(spans)) + d.AXIS_H)
    max_rows = math.floor((ctx.req.max_height - fixed - 2 * style.LEADER_MIN) / d.ROW_H + 1e-9)
    flags = [Flag(p.x, p.w, len(p.lines) or 1) for p in points]
    placed: list[Placement] | None = []
    if flags:
        area = sum((f.w + style.BOX_GAP) * f.lines for f in flags)
        if not last and (max_rows < 1 or area > max_rows * (ctx.x_max - ctx.x_min)):
            return None  # cannot fit: skip the search
        placed = pack_rows(flags, ctx.x_min, ctx.x_max, None if last else max_rows)
        if placed is None:
            if not last:
                return None
            placed = pack_rows(flags, ctx.x_min, ctx.x_max, None, strict=False)
    assert placed is not None
    for p, pl in zip(points, placed):
        p.place = pl
    up = max((pl.outer + 1 for pl in placed if pl.side == UP), default=0)
    down = max((pl.outer + 1 for pl in placed if pl.side == DOWN), default=0)
    height = fixed + side_block(d, up) + side_block(d, down)
    return Attempt(level, eras, spans, points, up, down, height)


def choose_layout(req: "ChartRequest", m: TextMetrics) -> tuple[Context, Attempt]:
    """The chart's layout: full labels if they fit in max_height, else numbers with a key.

    Levels, in order: every label; point events numbered; spans numbered too; then
    nearby point events grouped under one number range, wider and wider groups. The
    last level always fits unless the eras and spans alone are taller than max_height.
    """
    if not req.events and not req.eras:
        raise ValueError("a timeline chart needs at least one event or era")
    ctx = Context(req, m)
    chosen: Attempt | None = None
    for level in range(len(PLANS)):
        att = _attempt(ctx, level)
        if att is None:
            continue
        chosen = att
        if att.height <= req.max_height + 1e-6:
            break
    assert chosen is not None
    return ctx, chosen
