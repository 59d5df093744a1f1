"""What a chart's layout produces: shapes, text runs and boxes, in points.

Plain data, no matplotlib: render.py draws it; tests check its boxes against what was
recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Point = tuple[float, float]


@dataclass(frozen=True)
class Shape:
    """A path: 'poly' (closed), 'line' (open) or 'marker' (matplotlib marker at pts[0])."""

    kind: str
    pts: tuple[Point, ...]
    fill: str | None
    stroke: str | None
    lw: float
    tag: str
    z: int
    dash: tuple[float, ...] | None = None
    marker: str | None = None
    size: float = 0.0


@dataclass(frozen=True)
class TextItem:
    """One run of text in one role: x is where its ink starts, y its baseline."""

    x: float
    y: float
    w: float
    text: str
    role: str
    size: float
    color: str
    tag: str
    ha: str = "left"  # how the renderer anchors it ('left', 'center', 'right')
    z: int = 5


@dataclass(frozen=True)
class Box:
    tag: str
    kind: str  # 'label', 'number', 'era', 'span', 'tick', 'marker'
    x0: float
    y0: float
    x1: float
    y1: float

    def intersects(self, o: "Box") -> bool:
        return self.x0 < o.x1 and o.x0 < self.x1 and self.y0 < o.y1 and o.y0 < self.y1


@dataclass
class Plan:
    width: float
    height: float
    level: int
    shapes: list[Shape] = field(default_factory=list)
    texts: list[TextItem] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)    # space reserved for each label
    markers: list[Box] = field(default_factory=list)  # extent of each point marker
    axis: Box | None = None
    key: list[tuple[str, str, str]] = field(default_factory=list)
    blanks: list[tuple[str, str]] = field(default_factory=list)
    alt: str = ""
