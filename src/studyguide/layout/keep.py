"""Keeping things together without wasting the rest of a page.

ReportLab's KeepTogether moves a whole group to the next page whenever the group does not
fit, so a heading followed by a long table (a glossary, a list of key dates) leaves most
of a page empty. A reader only needs the heading to stay with the *opening* of what it
announces: the first lines of a paragraph (widow and orphan control guarantee two), the
first rows of a table.
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table
from reportlab.platypus.doctemplate import ActionFlowable, FrameBreak

from .reportlab_private import keep_together_content, keep_together_measures, stacked_height, table_rows

OPENING = 0.25  # share of a page a part's opening needs to start there
MIN_ROWS = 2  # a table split at a page break leaves at least this many rows before the break
SLACK = 0.4   # a group too tall for the rest of a page moves on only if less than this is left


class KeepOpening(KeepTogether):
    """Whole on one page when it fits; otherwise its last flowable starts here, split, if
    everything before it and a first piece of it fit; otherwise the group moves on.

    Also the document's class for `keepWithNext` (headings), so every heading follows
    this rule.
    """

    def split(self, aW, aH):
        total, _, content = keep_together_measures(self, aW, aH)
        if total > aH and len(content) > 1:
            *heads, last = content
            used = stacked_height(heads, aW, self.canv) + last.getSpaceBefore()
            if used < aH:
                parts = _split_leaving_rows(last, self.canv, aW, aH - used)
                # a nested group (a long question) may start here too, unless it asks to
                # move to the next page (its split then begins with a break)
                if len(parts) > 1 and not isinstance(parts[0], ActionFlowable) and not _orphan_row(parts[0]):
                    return heads + parts
        return super().split(aW, aH)


def _split_leaving_rows(last, canv, aW: float, room: float) -> list:
    """`last` split to fit `room`; a table keeps at least MIN_ROWS rows after the break too
    (one key date alone at the head of a page is a widow), moving rows over while it can."""
    parts = last.splitOn(canv, aW, room)
    moved = False
    while len(parts) > 1 and isinstance(last, Table) and table_rows(parts[-1]) < MIN_ROWS:
        room = parts[0].wrapOn(canv, aW, room)[1] - 0.5  # one row fewer before the break
        parts = last.splitOn(canv, aW, room)
        moved = True
    if moved and len(parts) > 1:  # the frame would fill the room left with a row again
        parts = [parts[0], FrameBreak(), *parts[1:]]
    return parts


def _orphan_row(first) -> bool:
    """The part of a table left before a page break would be a lone row (a "Key dates"
    list whose heading has one date under it)."""
    return isinstance(first, Table) and table_rows(first) < MIN_ROWS


class KeepOrFlow(KeepTogether):
    """Whole on one page when it fits where it is, or when moving it on leaves less than
    `SLACK` of the page empty; otherwise it starts where it is and flows on over the
    break (its headings still keep with what follows, paragraphs keep two lines on each
    side). A printed document is kept whole this way without leaving half a page blank."""

    def __init__(self, flowables, page: float):
        super().__init__(flowables)
        self.page = page  # the frame's height

    def split(self, aW, aH):
        total, _, content = keep_together_measures(self, aW, aH)
        if total > aH and aH > self.page * SLACK:
            return content[:]
        return super().split(aW, aH)


def join_headings(flowables: list) -> bool:
    """ReportLab keeps a heading (keepWithNext) with what follows only when that is not a
    group itself, so a heading over a question or a document could end a page alone.
    Here the headings at the front of `flowables` become the first members of such a group
    (which then decides, as a whole, where it starts and whether it splits); True if they did."""
    n = 0
    while n < len(flowables) and flowables[n].getKeepWithNext() and not isinstance(flowables[n], KeepTogether):
        n += 1
    if not n or n == len(flowables) or not isinstance(flowables[n], KeepTogether):
        return False
    heads, group = flowables[:n], flowables[n]
    for f in heads:
        f.__dict__["keepWithNext"] = 0  # kept by the group from now on
    keep_together_content(group)[:0] = heads
    del flowables[:n]
    return True


class PartOpening(CondPageBreak):
    """Where a part of the guide begins: on the current page, paper being what a class set
    of copies costs, unless its opening does not fit there. The opening is its heading and
    first lines, a quarter page (`height`), or the whole part when that is shorter: two
    sources need only their own room, not a quarter page.

    `part` holds the part's flowables (set once the story is complete)."""

    def __init__(self, height: float):
        super().__init__(height)
        self.part: list[Flowable] = []

    def needed(self, width: float, canv) -> float:
        total = 0.0
        for i, f in enumerate(self.part):
            if total >= self.height:
                break
            total += f.wrapOn(canv, width, 2 * self.height)[1] + f.getSpaceAfter()
            if i:
                total += f.getSpaceBefore()
        return min(total, self.height) if self.part else self.height

    def wrap(self, availWidth, availHeight):
        if availHeight < self.needed(availWidth, self.canv):
            return super().wrap(availWidth, -1)  # ReportLab's own way to end the frame here
        return 0, 0

    @staticmethod
    def collect(story: list[Flowable]) -> None:
        """Give every opening the flowables of its part: up to the next part or page break."""
        current: PartOpening | None = None
        for f in story:
            if isinstance(f, PartOpening):
                current = f
            elif isinstance(f, (CondPageBreak, ActionFlowable)):
                current = None
            elif current is not None:
                current.part.append(f)
