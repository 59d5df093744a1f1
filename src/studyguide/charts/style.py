"""Every size and colour of a timeline chart, in one place.

Sizes are PDF points at print size. Colours are Okabe-Ito (distinguishable with the
common colour-vision deficiencies); each kind of mark also differs in shape or pattern
(era bands are pale and borderless, spans are outlined bars, points are round markers),
so a grayscale print stays readable. Bump STYLE_VERSION whenever anything here or in the
layout changes what is drawn: it is part of every chart cache key.
"""

from __future__ import annotations

from .. import print_style

STYLE_VERSION = "timeline-4"

# text (all at least MIN_TEXT at print size, times ChartRequest.text_scale)
ROLE = "sans"
ROLE_BOLD = "sans-bold"
MIN_TEXT = 7.5
LABEL_SIZE = 8.0
TICK_SIZE = 7.5
ERA_SIZE = 8.0
NUMBER_SIZE = 7.5
TEXT = "#1a1a1a"
TICK_TEXT = "#333333"

# vertical rhythm
PAD = 2.0              # around the whole chart
ROW_H = 11.5           # one line of label text: the sans face's ascent + descent at LABEL_SIZE and some air
LANE_H = 13.0          # one lane of era bands or span bars
BAR_H = 11.0           # a band or bar inside its lane
STRIP_GAP = 4.0        # between the era strip, the span lanes and the label rows
AXIS_H = 14.0          # the axis band (a ruler with the tick labels inside)
LEADER_MIN = 7.0       # between the axis band and the first label row
ERA_LEADER = 4.0       # between the era bands and the row of era names above them

# horizontal rhythm
MARGIN_X = 6.0         # left and right of the axis
FLAG_GAP = 2.5         # between a leader and its label
BOX_GAP = 4.0          # between two labels in one row
INSIDE_PAD = 3.0       # text inside a band or bar
BREAK_W = 12.0         # width of an axis break
TICK_GAP = 5.0         # between a tick label and the next tick
TICK_DX = 2.0          # from a tick line to its label
BLANK_MIN = 40.0       # shortest blank line to write on

# the teacher's answers, written on the blanks (mode "answers")
ANSWER = print_style.ANSWER  # the same ink as the answers on the page
ROLE_ANSWER = "sans-italic"
ANSWER_INSET = 1.0     # from each end of a blank line to the answer written on it

# marks
AXIS_FILL = "#e6e6e6"
AXIS_EDGE = "#8c8c8c"
LEADER = "#7a7a7a"
LEADER_W = 0.6
MARKER_D = 5.0         # point marker diameter
WHISKER = 5.5          # half-width of the whiskers of an approximate point
FADE_W = 9.0           # hatched end of a bar whose end is approximate
HATCH_STEP = 2.2

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
ERA_TINT = 0.65        # eras: mixed this much with white
SPAN_TINT = 0.55       # spans: lighter fill, full-colour outline
POINT = "#1a1a1a"


class Dims:
    """The sizes that grow with the text: the type itself and what holds a line of it
    (label rows, bar lanes, the axis band, blank lines). Large print multiplies them by
    `text_scale`; gaps, marks and line widths stay as they are."""

    def __init__(self, text_scale: float = 1.0):
        def k(v: float) -> float:
            return round(v * text_scale, 2) + 0.0

        self.text_scale = text_scale
        self.LABEL_SIZE, self.TICK_SIZE = k(LABEL_SIZE), k(TICK_SIZE)
        self.ERA_SIZE, self.NUMBER_SIZE = k(ERA_SIZE), k(NUMBER_SIZE)
        self.MIN_TEXT = k(MIN_TEXT)
        self.ROW_H, self.LANE_H, self.BAR_H, self.AXIS_H = k(ROW_H), k(LANE_H), k(BAR_H), k(AXIS_H)
        self.BLANK_MIN = k(BLANK_MIN)


def tint(hex_colour: str, amount: float) -> str:
    """Mix a colour with white (amount 1 = white); rounded so output is deterministic."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def shade(hex_colour: str, amount: float) -> str:
    """Mix a colour with black, for outlines that stay dark in grayscale."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * (1 - amount)):02x}" for c in (r, g, b))
