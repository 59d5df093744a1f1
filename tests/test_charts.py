"""Timeline charts: layout invariants, the recorded display list, fallback and cache."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.charts import Chart, ChartRequest, cache, style, timeline_chart
from studyguide.charts.plan import Box, Plan
from studyguide.charts.metrics import TextMetrics
from studyguide.charts.render import build
from studyguide.dates import HistDate, parse_date
from studyguide.fonts import FontSet, load_fonts
from studyguide.model import Era, Event

FIXTURES = Path(__file__).parent / "fixtures" / "charts"
SRC = Path(__file__).resolve().parents[1] / "src"
EPS = 0.011  # coordinates are rounded to 0.01 pt


@pytest.fixture(scope="session")
def fonts() -> FontSet:
    return load_fonts()


def ev(date: object, label: str, end: object = None) -> Event:
    return Event(parse_date(date), label, parse_date(end) if end is not None else None)


def era(start: object, end: object, label: str) -> Era:
    return Era(label, parse_date(start), parse_date(end))


HAN = ChartRequest(
    events=(
        ev("221 BCE", "Qin unifies China"), ev("c. 213 BCE", "Burning of books"),
        ev("210 BCE", "Death of Qin Shi Huang"), ev("206 BCE", "Liu Bang founds the Han"),
        ev("138 BCE", "Zhang Qian sent west", "126 BCE"), ev("c. 100 BCE", "Silk Road trade flourishes"),
        ev("9", "Wang Mang seizes the throne", "23"), ev("c. 105", "Paper improved by Cai Lun"),
        ev("184", "Yellow Turban Rebellion"), ev("220", "End of the Han dynasty"),
    ),
    eras=(era("221 BCE", "206 BCE", "Qin"), era("206 BCE", "9", "Western Han"), era("9", "23", "Xin"),
          era("25", "220", "Eastern Han")),
    width=450.0,
)


def dense_request(mode: str = "labels") -> ChartRequest:
    data = yaml.safe_load((FIXTURES / "dense.yaml").read_text(encoding="utf-8"))
    return ChartRequest(tuple(ev(e["date"], e["label"]) for e in data["events"]), (), 450.0, mode)


# --- geometry helpers ---------------------------------------------------------------------


def path_box(op: dict) -> Box:
    xs = [v for seg in op["d"] for v in seg[1::2]]
    ys = [v for seg in op["d"] for v in seg[2::2]]
    hw = op["lw"] / 2 if op["stroke"] else 0.0
    return Box(op["tag"] or "", "path", min(xs) - hw, min(ys) - hw, max(xs) + hw, max(ys) + hw)


def text_box(op: dict, m: TextMetrics) -> Box:
    a, d = m.ascent(op["role"], op["size"]), m.descent(op["role"], op["size"])
    return Box(op["tag"] or "", "text", op["x"], op["y"] - d, op["x"] + op["w"], op["y"] + a)


def shrink(b: Box, by: float = 0.02) -> Box:
    return Box(b.tag, b.kind, b.x0 + by, b.y0 + by, b.x1 - by, b.y1 - by)


def owner(tag: str) -> str:
    return tag.split("/")[0]


def is_answer(op: dict) -> bool:
    return op["op"] == "text" and op["color"] == style.ANSWER


def answer_text(chart: Chart, tag: str) -> str:
    return " ".join(op["text"] for op in chart.ops if is_answer(op) and op["tag"] == tag)


def check_chart(req: ChartRequest, plan: Plan, chart: Chart, fonts: FontSet) -> None:
    """Every rule of the chart layout (docs/timelines.md) that can be checked on one chart."""
    m = TextMetrics(fonts)
    texts = [op for op in chart.ops if op["op"] == "text"]
    paths = [op for op in chart.ops if op["op"] == "path"]
    min_size = style.Dims(req.text_scale).MIN_TEXT

    # everything is inside the chart
    for op in paths:
        b = path_box(op)
        assert b.x0 >= -EPS and b.y0 >= -EPS and b.x1 <= chart.width + EPS and b.y1 <= chart.height + EPS, op
    for op in texts:
        b = text_box(op, m)
        assert b.x0 >= -EPS and b.y0 >= -EPS and b.x1 <= chart.width + EPS and b.y1 <= chart.height + EPS, op
        assert op["size"] >= min_size, op

    # the layout's label boxes never overlap each other, the axis or any marker
    labels = [b for b in plan.boxes if b.kind in ("label", "number", "span", "era")]
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not a.intersects(b), (a, b)
    markers = [path_box(op) for op in paths if op["tag"] and op["tag"].endswith("/marker")]
    axis = [path_box(op) for op in paths if op["tag"] == "axis"]
    assert len(axis) == 1
    bars = [path_box(op) for op in paths if op["tag"] and op["tag"].endswith("/bar")]
    for lb in labels:
        for mk in markers + axis:
            assert not shrink(lb).intersects(mk), (lb, mk)
        for bar in bars:
            if owner(bar.tag) != lb.tag:  # a bar may hold its own name
                assert not shrink(lb).intersects(bar), (lb, bar)

    # the recorded text is exactly the text the layout placed, inside its boxes
    assert len(texts) == len(plan.texts)
    for op, t in zip(sorted(texts, key=lambda o: (o["tag"], o["x"], o["y"], o["text"])),
                     sorted(plan.texts, key=lambda t: (t.tag, t.x, t.y, t.text))):
        assert (op["text"], op["role"], op["tag"]) == (t.text, t.role, t.tag)
        assert abs(op["x"] - t.x) <= EPS and abs(op["y"] - t.y) <= EPS and abs(op["w"] - t.w) <= EPS
    boxes = {b.tag: b for b in labels}
    for op in texts:
        if op["tag"] in boxes:
            tb, lb = text_box(op, m), boxes[op["tag"]]
            assert lb.x0 - EPS <= tb.x0 and tb.x1 <= lb.x1 + EPS, (op, lb)
            assert lb.y0 - EPS <= tb.y0 and tb.y1 <= lb.y1 + EPS, (op, lb)
    # ... and no two pieces of text overlap at all
    inks = [text_box(op, m) for op in texts]
    for i, a in enumerate(inks):
        for b in inks[i + 1:]:
            assert not shrink(a, 0.05).intersects(b), (a, b)

    # no event is dropped: each shows its label, or a number (or range) listed in the key
    shown_numbers: set[str] = set()
    for op in texts:
        t = op["text"].strip().strip("()")
        if "\u2013" in t and all(p.isdigit() for p in t.split("\u2013")):
            a, b = (int(p) for p in t.split("\u2013"))
            shown_numbers |= {str(n) for n in range(a, b + 1)}
        elif t.isdigit():
            shown_numbers.add(t)
    blanks = dict(chart.blanks)
    numbered = {k[2] or blanks[k[0]] for k in chart.key if k[0] in shown_numbers}
    for i, e in enumerate(req.events):
        tag = f"{'span' if e.end else 'point'}:{i}"
        own = " ".join(" ".join(op["text"] for op in texts if op["tag"] == tag).split())
        if req.mode == "labels" and " ".join(e.label.split()) in own:
            continue
        if req.mode != "labels" and own.startswith(("(", e.date.format() + " (")) and any(
                label == e.label and n in shown_numbers for n, label in chart.blanks):
            if req.mode == "answers":  # the label is written on its blank, whole
                assert answer_text(chart, tag) == " ".join(e.label.split()), (tag, e.label)
            continue
        assert e.label in numbered, (tag, e.label, own)
    for n, _date, label in chart.key:
        assert n in shown_numbers
        if req.mode == "blanks" and not label:
            assert n in blanks
        if req.mode != "blanks":
            assert label  # the key carries every label

    # answers: only in mode "answers", in the answer ink, each written on its blank line
    answers = [op for op in texts if op["color"] == style.ANSWER]
    lines = [op for op in paths if op["tag"] and op["tag"].endswith("/blank")]
    assert bool(answers) == (req.mode == "answers" and bool(lines))
    for op in answers:
        assert op["role"] == style.ROLE_ANSWER and op["size"] <= style.Dims(req.text_scale).LABEL_SIZE
        under = [ln for ln in lines if owner(ln["tag"]) == op["tag"] and abs(ln["d"][0][2] - (op["y"] - 1.0)) <= EPS]
        assert len(under) == 1, op
        x0, x1 = under[0]["d"][0][1], under[0]["d"][1][1]
        assert x0 - EPS <= op["x"] and op["x"] + op["w"] <= x1 + EPS, (op, x0, x1)


# --- fixed examples --------------------------------------------------------------------------


def test_unit_chart(fonts: FontSet) -> None:
    plan, chart = build(HAN, fonts)
    check_chart(HAN, plan, chart, fonts)
    assert chart.width == 450.0 and 0 < chart.height <= HAN.max_height
    assert chart.key == [] and chart.blanks == []
    ticks = [op["text"] for op in chart.ops if op["op"] == "text" and op["tag"] == "tick"]
    assert any(t.endswith(" BCE") for t in ticks) and any(t.endswith(" CE") for t in ticks)
    assert "0 CE" not in ticks and "0" not in ticks
    assert "Qin unifies China" in chart.alt and "221 BCE" in chart.alt


def check_answers_match_blanks(req: ChartRequest, fonts: FontSet) -> tuple[Chart, Chart]:
    """The teacher's chart is the student's, op for op, plus the answers in answer ink."""
    plan_b, blanks = build(replace(req, mode="blanks"), fonts)
    plan_a, answers = build(replace(req, mode="answers"), fonts)
    check_chart(replace(req, mode="blanks"), plan_b, blanks, fonts)
    check_chart(replace(req, mode="answers"), plan_a, answers, fonts)
    assert answers.height == blanks.height and answers.width == blanks.width
    assert [op for op in answers.ops if not is_answer(op)] == blanks.ops
    assert plan_a.boxes == plan_b.boxes and answers.blanks == blanks.blanks
    assert not any(is_answer(op) for op in blanks.ops)
    shown = set()
    for op in answers.ops:
        if is_answer(op):  # at the label size: the layout reserved room for every answer
            assert op["color"] == "#b1290f" and op["size"] == style.Dims(req.text_scale).LABEL_SIZE
            shown.add(op["tag"])
    # every blank carries its answer; numbered items have theirs in the key
    blank_tags = {op["tag"] for op in blanks.ops if op["op"] == "path" and (op["tag"] or "").endswith("/blank")}
    assert shown == {owner(t) for t in blank_tags}
    assert [(n, d) for n, d, _ in answers.key] == [(n, d) for n, d, _ in blanks.key]
    labels = {e.label for e in req.events} | {e.label for e in req.eras}
    for (_, _, lb), (_, _, la) in zip(blanks.key, answers.key):
        assert la in labels and lb in ("", la)
    return blanks, answers


def test_answers_are_the_blanks_plus_answer_ink(fonts: FontSet) -> None:
    from studyguide.layout.styles import ANSWER

    assert style.ANSWER == "#" + ANSWER.hexval()[2:].lower()  # the layout's answer ink, exactly
    dense = dense_request()
    for req in (HAN, dense, ChartRequest(dense.events, (), 450.0, max_height=200.0),
                ChartRequest(HAN.events, HAN.eras, 300.0, text_scale=1.6)):
        blanks, answers = check_answers_match_blanks(req, fonts)
        assert sorted(label for _, label in blanks.blanks) == sorted(e.label for e in req.events)
        shown = " ".join(op["text"] for op in blanks.ops if op["op"] == "text")
        for e in req.events:
            assert e.label not in shown  # the answers are not printed on the student's chart
        ink = " ".join(op["text"] for op in answers.ops if is_answer(op))
        key = {label for _, _, label in answers.key}
        for e in req.events:
            assert " ".join(e.label.split()) in ink or e.label in key
        if blanks.key:  # the fallback: the student's key is blank, the teacher's filled in
            assert any(label == "" for _, _, label in blanks.key)
            assert all(label for _, _, label in answers.key)
    # the answers are written at the label size (the layout reserved room for them)
    _, answers = build(replace(HAN, mode="answers"), fonts)
    assert {op["size"] for op in answers.ops if is_answer(op)} == {style.LABEL_SIZE}
    assert "Qin unifies China" in answers.alt


def test_an_answer_shrinks_to_its_blank_and_breaks_over_its_lines(fonts: FontSet) -> None:
    from studyguide.charts.draw import _draw_answer, _Pen
    from studyguide.charts.placement import Context

    m = TextMetrics(fonts)
    ctx = Context(replace(HAN, mode="answers"), m)
    label = "Treaty of Aigun and the Convention of Peking"
    full = m.width(label, style.ROLE_ANSWER, style.LABEL_SIZE)
    for blanks in ([(10.0, 60.0, 20.0)], [(10.0, 60.0, 20.0), (0.0, 200.0, 9.5)],
                   [(10.0, 10.0 + full / 2, 20.0), (0.0, full / 2 + 30, 9.5)]):
        pen = _Pen(Plan(450.0, 100.0, 0), m)
        _draw_answer(ctx, pen, label, blanks, "point:0")
        texts = pen.plan.texts
        assert " ".join(t.text for t in texts) == label
        assert len({t.size for t in texts}) == 1
        for t in texts:
            x0, x1, base = next(b for b in blanks if b[2] == t.y)
            assert t.color == style.ANSWER and t.role == style.ROLE_ANSWER
            assert x0 < t.x and t.x + t.w <= x1 + EPS
        if len(blanks) == 1:
            assert texts[0].size < style.LABEL_SIZE  # shrunk: never wider than the blank
        else:
            assert texts[0].size == style.LABEL_SIZE and texts[0].y == 20.0  # starts on the first line
    pen = _Pen(Plan(450.0, 100.0, 0), m)
    _draw_answer(ctx, pen, "秦始皇统一中国", [(0.0, 30.0, 20.0), (0.0, 60.0, 9.5)], "point:0")
    assert "".join(t.text for t in pen.plan.texts) == "秦始皇统一中国"


def test_large_print(fonts: FontSet) -> None:
    dense = dense_request()
    for base in (HAN, dense, ChartRequest(dense.events, (), 450.0, max_height=200.0)):
        for mode in ("labels", "blanks", "answers"):
            normal = replace(base, mode=mode)
            large = replace(normal, text_scale=1.6)
            plan_n, chart_n = build(normal, fonts)
            plan_l, chart_l = build(large, fonts)
            check_chart(large, plan_l, chart_l, fonts)
            sizes_n = [op["size"] for op in chart_n.ops if op["op"] == "text"]
            sizes_l = [op["size"] for op in chart_l.ops if op["op"] == "text"]
            assert min(sizes_l) >= 1.6 * min(sizes_n) - 1e-9 and min(sizes_l) >= 1.6 * 7.5
            assert chart_l.width == chart_n.width
            assert chart_l.height > chart_n.height or plan_l.level > plan_n.level
    # long era names on short eras near the right edge: all fly left, in a staircase
    eras = (era(1856, 1916, "Tsarist expansion"), era(1917, 1948, "Revolution and Soviet promises"),
            era(1949, 1988, "Alliance and split"), era(1989, 2026, "Partnership with limits"))
    for scale in (1.0, 1.6):
        req = ChartRequest(HAN.events[:1] + (ev(1858, "Treaty of Aigun"), ev(2001, "Treaty")), eras, 468.0,
                           text_scale=scale)
        plan, chart = build(req, fonts)
        check_chart(req, plan, chart, fonts)
        leaders = [path_box(op) for op in chart.ops if op["op"] == "path" and op["tag"].endswith("/leader")]
        assert len([b for b in leaders if b.tag.startswith("era:")]) >= 2  # names above the strip
        for lb in plan.boxes:
            for leader in leaders:
                if owner(leader.tag) != lb.tag:
                    assert not shrink(lb).intersects(leader), (leader, lb)
    _, big = build(replace(HAN, text_scale=1.6), fonts)
    assert {op["size"] for op in big.ops if op["op"] == "text" and op["tag"] == "tick"} == {12.0}
    _, b = build(ChartRequest(HAN.events, HAN.eras, 450.0, "blanks"), fonts)
    texts = [op["text"] for op in b.ops if op["op"] == "text"]
    assert "(1) " in texts and [n for n, _ in b.blanks] == [str(i) for i in range(1, len(HAN.events) + 1)]


def test_dense_fixture(fonts: FontSet) -> None:
    req = dense_request()
    assert len(req.events) == 40
    years = [e.date.year for e in req.events]
    assert max(years) - min(years) < 30
    plan, chart = build(req, fonts)
    check_chart(req, plan, chart, fonts)
    assert chart.height <= req.max_height


def test_dense_fixture_falls_back_to_a_key(fonts: FontSet) -> None:
    dense = dense_request()
    req = ChartRequest(dense.events, (), 450.0, max_height=200.0)
    plan, chart = build(req, fonts)
    check_chart(req, plan, chart, fonts)
    assert chart.height <= req.max_height
    assert len(chart.key) == 40
    assert sorted(k[2] for k in chart.key) == sorted(e.label for e in req.events)
    assert [k[0] for k in chart.key] == [str(i) for i in range(1, 41)]
    dates = [parse_date(k[1]) for k in chart.key]  # numbered in date order
    assert [d.axis_start() for d in dates] == sorted(d.axis_start() for d in dates)


def test_small_max_height_falls_back(fonts: FontSet) -> None:
    req = ChartRequest(HAN.events, HAN.eras, 450.0, max_height=80.0)
    plan, chart = build(req, fonts)
    check_chart(req, plan, chart, fonts)
    assert chart.key and plan.level >= 1


def test_an_era_name_wider_than_the_chart_is_numbered_in_its_box(fonts: FontSet) -> None:
    name = "river the rebellion of great Road Han " * 3
    events = tuple(ev(str(100 + i), f"e{i}") for i in range(120))  # three-digit numbers
    for scale in (1.0, 1.6):
        req = ChartRequest(events, (era(74, 366, name),), 300.0, "blanks", text_scale=scale)
        plan, chart = build(req, fonts)
        check_chart(req, plan, chart, fonts)  # the number fits the box reserved for it
        assert [k for k in chart.key if k[2] == name] == [("121", "74\u2013366", name)]


def test_long_gap_gets_an_axis_break(fonts: FontSet) -> None:
    req = ChartRequest((ev("221 BCE", "Qin unifies China"), ev("213 BCE", "Burning of books"),
                        ev("1842", "Treaty of Nanking"), ev("1860", "Convention of Peking")), (), 450.0)
    plan, chart = build(req, fonts)
    check_chart(req, plan, chart, fonts)
    assert any(op["tag"] == "break" for op in chart.ops)
    ticks = [op["text"] for op in chart.ops if op["op"] == "text" and op["tag"] == "tick"]
    assert any("BCE" in t for t in ticks) and any(t.endswith("CE") and "BCE" not in t for t in ticks)
    # no break when events are spread out
    _, even = build(ChartRequest(tuple(ev(str(y), f"Event {y}") for y in range(1800, 1900, 20)), (), 450.0), fonts)
    assert not any(op["tag"] == "break" for op in even.ops)


def test_plain_years_without_bce(fonts: FontSet) -> None:
    _, chart = build(ChartRequest((ev(1856, "A"), ev(1860, "B")), (), 400.0), fonts)
    ticks = [op["text"] for op in chart.ops if op["op"] == "text" and op["tag"] == "tick"]
    assert ticks and all(t.isdigit() for t in ticks)


def test_all_bce_ticks_say_bce(fonts: FontSet) -> None:
    _, chart = build(ChartRequest((ev("500 BCE", "A"), ev("300 BCE", "B")), (), 400.0), fonts)
    ticks = [op["text"] for op in chart.ops if op["op"] == "text" and op["tag"] == "tick"]
    assert ticks and all(t.endswith(" BCE") for t in ticks)


def test_month_precision_gets_month_ticks(fonts: FontSet) -> None:
    req = ChartRequest((ev("1969-03", "Apollo 9"), ev("1969-07-20", "Apollo 11 lands on the Moon"),
                        ev("1969-11-14", "Apollo 12")), (), 450.0)
    plan, chart = build(req, fonts)
    check_chart(req, plan, chart, fonts)
    ticks = [op["text"] for op in chart.ops if op["op"] == "text" and op["tag"] == "tick"]
    assert any(t[:3] in ("Mar", "Apr", "May", "Jun", "Jul") for t in ticks)
    assert any("1969" in t for t in ticks)


def test_approximate_dates_look_uncertain(fonts: FontSet) -> None:
    req = ChartRequest((ev("c. 1850", "Approximate"), ev("1860", "Exact"),
                        ev("c. 1800", "Fuzzy span", "c. 1840")), (), 450.0)
    _, chart = build(req, fonts)
    approx = [op for op in chart.ops if op["op"] == "path" and op["tag"] == "point:0/marker"]
    exact = [op for op in chart.ops if op["op"] == "path" and op["tag"] == "point:1/marker"]
    assert any(op["fill"] == "#ffffff" for op in approx)          # open marker
    assert len(approx) > len(exact)                                 # with whiskers
    assert any(op["dash"] for op in chart.ops if op["op"] == "path" and op["tag"] == "point:0/leader")
    span = [op for op in chart.ops if op["op"] == "path" and op["tag"] == "span:2/bar"]
    assert sum(1 for op in span if op["dash"]) >= 4                 # both ends dashed and hatched


def test_text_is_text_in_the_guides_fonts(fonts: FontSet) -> None:
    req = ChartRequest((ev("221 BCE", "秦始皇统一中国"), ev("1147", "Москва founded"),
                        ev("1900", "Costs $5 and 50% off_")), (), 450.0)
    plan, chart = build(req, fonts)
    check_chart(req, plan, chart, fonts)
    texts = [op["text"] for op in chart.ops if op["op"] == "text"]
    assert "秦始皇统一中国" in texts and "Москва founded" in texts
    assert any("$5" in t for t in texts)  # no mathtext
    assert {op["role"] for op in chart.ops if op["op"] == "text"} <= {"sans", "sans-bold"}


def test_deterministic_and_json(fonts: FontSet) -> None:
    a = timeline_chart(HAN, fonts, None)
    b = timeline_chart(HAN, fonts, None)
    assert json.dumps(a.to_dict()) == json.dumps(b.to_dict())
    assert Chart.from_dict(json.loads(json.dumps(a.to_dict()))) == a
    for op in a.ops:
        nums = [v for seg in op.get("d", []) for v in seg[1:]] + [op.get("x", 0), op.get("y", 0)]
        assert all(round(v, 2) == v for v in nums)


def test_draw_on_a_reportlab_canvas(fonts: FontSet, tmp_path: Path) -> None:
    from pypdf import PdfReader
    from reportlab.pdfgen.canvas import Canvas

    req = ChartRequest(HAN.events + (ev("1000", "秦 Москва"),), HAN.eras, 450.0)
    chart = timeline_chart(req, fonts, None)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(500, 300))
    chart.draw(c, 25, 50)
    c.save()
    page = PdfReader(io.BytesIO(buf.getvalue())).pages[0]
    text = page.extract_text()
    assert "Qin unifies China" in text and "Western Han" in text
    assert "/XObject" not in page["/Resources"]  # vector only: no images
    used = [str(f.get_object()["/BaseFont"]) for f in page["/Resources"]["/Font"].values()]
    assert any("NotoSans" in u for u in used)  # the guide's sans
    assert any("Fallback" in u or "wqy" in u.lower() or "Droid" in u for u in used), used


def test_bad_requests() -> None:
    with pytest.raises(ValueError):
        ChartRequest((), (), 400.0, mode="teacher")
    with pytest.raises(ValueError):
        ChartRequest((), (), 0.0)
    for scale in (0.0, -1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError):
            ChartRequest((), (), 400.0, text_scale=scale)


def test_only_eras_and_nothing(fonts: FontSet) -> None:
    req = ChartRequest((), (era("1644", "1912", "Qing dynasty"),), 400.0)
    plan, chart = build(req, fonts)
    check_chart(req, plan, chart, fonts)
    with pytest.raises(ValueError):
        build(ChartRequest((), (), 400.0), fonts)


# --- cache ----------------------------------------------------------------------------------


def test_cache_round_trip_and_key(fonts: FontSet, tmp_path: Path) -> None:
    first = timeline_chart(HAN, fonts, tmp_path)
    files = list(tmp_path.glob("timeline-*.json"))
    assert len(files) == 1 and not list(tmp_path.glob(".timeline-*"))
    assert timeline_chart(HAN, fonts, tmp_path) == first
    other = ChartRequest(HAN.events, HAN.eras, 451.0)
    assert cache.cache_key(other, fonts) != cache.cache_key(HAN, fonts)
    keys = {cache.cache_key(replace(HAN, mode=mode), fonts) for mode in ("labels", "blanks", "answers")}
    keys |= {cache.cache_key(replace(HAN, text_scale=1.6), fonts)}
    assert len(keys) == 4 and cache.cache_key(HAN, fonts) in keys
    changed = ChartRequest((ev("221 BCE", "Qin unifies all China"),) + HAN.events[1:], HAN.eras, 450.0)
    assert cache.cache_key(changed, fonts) != cache.cache_key(HAN, fonts)
    files[0].write_text("{not json", encoding="utf-8")  # a broken entry is a miss
    assert timeline_chart(HAN, fonts, tmp_path) == first


CACHED_BUILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from studyguide.charts import ChartRequest, timeline_chart
    from studyguide.dates import parse_date
    from studyguide.fonts import load_fonts
    from studyguide.model import Era, Event
    req = ChartRequest(
        (Event(parse_date("221 BCE"), "Qin unifies China"), Event(parse_date(1858), "Treaty of Aigun"),
         Event(parse_date("c. 1850"), "Taiping Rebellion", parse_date(1864))),
        (Era("Qing dynasty", parse_date(1644), parse_date(1912)),), 450.0)
    chart = timeline_chart(req, load_fonts(), Path(sys.argv[1]))
    print(len(chart.ops), chart.height, "matplotlib" in sys.modules)
""")


def test_cache_hit_does_not_import_matplotlib(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", ""))

    def run() -> list[str]:
        out = subprocess.run([sys.executable, "-c", CACHED_BUILD, str(tmp_path)], env=env,
                             capture_output=True, text=True, check=True)
        return out.stdout.split()

    miss = run()
    assert miss[2] == "True"  # drawing needs matplotlib
    hit = run()
    assert hit[:2] == miss[:2] and hit[2] == "False"


def test_same_ops_in_any_process(tmp_path: Path) -> None:
    code = CACHED_BUILD.replace("print(len(chart.ops), chart.height, \"matplotlib\" in sys.modules)",
                                "import hashlib, json; "
                                "print(hashlib.sha256(json.dumps(chart.to_dict()).encode()).hexdigest())")
    digests = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed,
                   PYTHONPATH=str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        out = subprocess.run([sys.executable, "-c", code, str(tmp_path / seed)], env=env,
                             capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1 and len(digests.pop()) == 64


def test_package_import_does_not_import_matplotlib() -> None:
    code = "import sys, studyguide.charts; print('matplotlib' in sys.modules)"
    env = dict(os.environ, PYTHONPATH=str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_no_pyplot_anywhere() -> None:
    for f in (SRC / "studyguide" / "charts").glob("*.py"):
        text = f.read_text(encoding="utf-8")
        assert "matplotlib.pyplot" not in text and "import pyplot" not in text, f


# --- properties over random event sets --------------------------------------------------------

WORDS = ("treaty", "war", "of", "the", "rebellion", "founded", "Han", "Qin", "emperor", "trade",
         "great", "wall", "first", "Silk", "Road", "river", "council", "Москва", "秦朝", "reform")


@st.composite
def requests(draw: st.DrawFn) -> ChartRequest:
    length = draw(st.integers(3, 3000))
    if draw(st.booleans()):  # with BCE: the range starts before year 1
        lo = draw(st.integers(-3500, -1))
    else:
        lo = draw(st.integers(1, 2020))
    hi = lo + length

    def year() -> int:
        y = draw(st.integers(lo, hi))
        return y if y != 0 else 1

    def label() -> str:
        return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=7)))

    events = []
    for _ in range(draw(st.integers(1, 200))):
        start = HistDate(year(), approximate=draw(st.booleans()))
        end = None
        if draw(st.integers(0, 4)) == 0:
            y2 = min(max(start.year + draw(st.integers(0, max(1, length // 4))), start.year), hi)
            end = HistDate(y2 if y2 != 0 else 1, approximate=draw(st.booleans()))
            if end < start:
                end = start
        events.append(Event(start, label(), end))
    eras = []
    for _ in range(draw(st.integers(0, 4))):
        a, b = sorted((year(), year()))
        eras.append(Era(label(), HistDate(a), HistDate(b)))
    width = draw(st.sampled_from([300.0, 450.0, 520.0]))
    return ChartRequest(tuple(events), tuple(eras), width, draw(st.sampled_from(["labels", "blanks", "answers"])),
                        text_scale=draw(st.sampled_from([1.0, 1.0, 1.6])))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(requests())
def test_random_charts_keep_every_invariant(req: ChartRequest) -> None:
    fonts = load_fonts()
    plan, chart = build(req, fonts)
    check_chart(req, plan, chart, fonts)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(requests())
def test_random_answers_are_the_blanks_plus_answer_ink(req: ChartRequest) -> None:
    check_answers_match_blanks(req, load_fonts())


def test_a_units_own_words_reach_its_charts(fonts: FontSet, tmp_path: Path) -> None:
    """`labels:` overrides print on the chart and in its alternative text, as in the guide,
    and a changed word is a different chart in the cache."""
    from studyguide.charts.chart import ChartKey
    from studyguide.charts.stage import draw_charts
    from studyguide.validate import load_unit

    src = tmp_path / "words.yaml"
    body = ("title: Words\n{labels}sections:\n  - title: Rome\n    summary: Text.\n    timeline:\n"
            "      - {{date: 44 BCE, label: Caesar killed}}\n      - {{date: 27 BCE, label: Augustus}}\n")
    texts = {}
    for name, labels in (("plain", ""), ("own", 'labels: {bce: "{date} B.C.", timeline: "Line of time"}\n')):
        src.write_text(body.format(labels=labels), encoding="utf-8")
        unit, problems = load_unit(src)
        assert unit is not None, problems
        chart = draw_charts(unit, fonts, 400.0, 1.0, tmp_path / "cache")[ChartKey(section=0)]
        texts[name] = (" ".join(op["text"] for op in chart.ops if op["op"] == "text"), chart.alt)
    drawn, alt = texts["own"]
    assert "B.C." in drawn and "BCE" not in drawn
    assert alt.startswith("Line of time") and "B.C." in alt
    assert "BCE" in texts["plain"][0] and texts["plain"][1].startswith("Timeline")
    assert len(list((tmp_path / "cache").glob("*.json"))) == 2  # one chart each: unit = section


@pytest.mark.parametrize("paper", ["letter", "half-letter"])
def test_every_chart_leaves_room_on_its_page_for_its_heading_and_key_dates(fonts, tmp_path, paper):
    """A chart of the first unit (34 dense events) is at most 60% of the text frame, on a
    booklet's half page too, where an 80% chart left the page before it 30% full."""
    from studyguide.charts.stage import draw_charts
    from studyguide.layout.styles import Styles
    from studyguide.validate import load_unit

    unit, problems = load_unit(Path(__file__).parent.parent / "content" / "china-russia-relations.yaml")
    assert unit is not None, problems
    st = Styles(fonts, paper=paper)
    charts = draw_charts(unit, fonts, st.frame_width, st.scale, tmp_path / "cache", st.chart_height)
    assert len(charts) >= 7
    assert max(c.height for c in charts.values()) <= st.chart_height <= 0.6 * st.frame_height + 0.1
