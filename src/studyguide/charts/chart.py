"""The values the charts stage trades in: what is asked (ChartRequest), what comes back
(Chart, a display list replayable without matplotlib) and which chart of a guide is which
(ChartKey). No matplotlib and no layout here: every other chart module and the page layout
import these.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

from ..model import Era, Event

Mode = Literal["labels", "blanks", "answers"]
MODES: tuple[Mode, ...] = ("labels", "blanks", "answers")


@dataclass(frozen=True)
class ChartRequest:
    events: tuple[Event, ...]      # from studyguide.model
    eras: tuple[Era, ...]
    width: float                   # points (1/72 in): the text frame width
    mode: Mode = "labels"          # "labels", "blanks" (numbered blanks in place of labels) or
                                   # "answers" (the blanks with the labels written on them)
    max_height: float = 400.0      # points; beyond this, numbered markers with a key
    text_scale: float = 1.0        # every text size times this (large print: 1.6)
    language: str = "en"           # dates, months and era words on the axis (studyguide.labels)
    labels: tuple[tuple[str, str], ...] = ()  # the unit's own words over its language's (Unit.labels)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"chart mode must be one of {MODES}, not {self.mode!r}")
        if not self.width > 0:
            raise ValueError(f"chart width must be positive, not {self.width!r}")
        if not (isinstance(self.text_scale, (int, float)) and math.isfinite(self.text_scale)
                and self.text_scale > 0):
            raise ValueError(f"chart text_scale must be a positive number, not {self.text_scale!r}")


@dataclass
class Chart:
    """A display list, JSON-serialisable, replayable without matplotlib.

    ops: {"op": "path", "d": [["M", x, y], ["L", x, y], ["C", x1, y1, x2, y2, x, y], ["Z"]],
          "fill": "#rrggbb"|None, "stroke": "#rrggbb"|None, "lw", "dash": [on, off, ...]|None,
          "cap", "join", "tag"}
         {"op": "text", "x", "y" (baseline start), "w", "size", "role", "angle", "text",
          "anchor": "start", "color", "tag"}
    in points, origin at the chart's lower-left corner. `tag` names what an op belongs to
    ("point:3", "span:0", "era:1", "axis", "tick", "break").
    key: (number, date text, label) for items drawn as numbers; in mode "blanks" the label
    of an event is "" (the student writes it). blanks: (number, label) in modes "blanks"
    and "answers". Mode "answers" has the ops of mode "blanks" plus, for each blank, its
    label as text ops in the answer ink (style.ANSWER), and its key carries the labels.
    """

    width: float
    height: float
    ops: list
    key: list[tuple[str, str, str]] = field(default_factory=list)
    blanks: list[tuple[str, str]] = field(default_factory=list)
    alt: str = ""

    def draw(self, canvas: Any, x: float, y: float) -> None:
        """Replay on a ReportLab canvas with (x, y) the lower-left corner."""
        from .replay import replay

        replay(self.ops, canvas, x, y)

    def to_dict(self) -> dict[str, Any]:
        return {"width": self.width, "height": self.height, "ops": self.ops,
                "key": [list(k) for k in self.key], "blanks": [list(b) for b in self.blanks],
                "alt": self.alt}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Chart":
        return cls(float(d["width"]), float(d["height"]), list(d["ops"]),
                   [tuple(k) for k in d["key"]], [tuple(b) for b in d["blanks"]], str(d["alt"]))


@dataclass(frozen=True)
class ChartKey:
    """Which of a guide's charts: the unit timeline (no section), a section's timeline, or the
    chart of a label exercise, in one of its modes."""

    section: int | None = None     # index of the section whose timeline it is
    exercise: str | None = None    # a label exercise's LabelTimeline.chart_key
    mode: Mode = "labels"


Charts = Mapping[ChartKey, Chart]  # every chart of a guide, drawn once for both editions and the exports
