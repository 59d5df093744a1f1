"""Short entries (key dates, glossary terms) in two balanced columns that read down.

A two-column table cut by a page break would read out of order (the left column's tail
on the next page, after the right column). This flowable instead gives each page its own
balanced pair of columns: the entries that fit read down the left column, then down the
right, and the rest continue the same way on the next page.
"""

from __future__ import annotations

from typing import Callable, Sequence

from reportlab.platypus import Flowable, Table

Row = Sequence[object]  # the cells of one entry


class TwoColumns(Flowable):
    """`entries` (each a row of cells with `widths`) down two columns `gap` apart."""

    def __init__(self, entries: Sequence[Row], widths: list[float], gap: float, style: Callable[[], object],
                 rtl: bool = False):
        super().__init__()
        self.entries, self.widths, self.gap, self.style = entries, widths, gap, style
        self.rtl = rtl  # right to left: the first column on the right, each row's cells mirrored

    def _table(self, entries: list[Row]) -> Table:
        half = -(-len(entries) // 2)
        left, right = entries[:half], entries[half:]
        blank = [""] * len(self.widths)
        rows = [list(a) + [""] + list(b) for a, b in zip(left, list(right) + [blank] * (half - len(right)))]
        widths = list(self.widths) + [self.gap] + list(self.widths)
        if self.rtl:
            rows, widths = [row[::-1] for row in rows], widths[::-1]
        t = Table(rows, colWidths=widths, hAlign="RIGHT" if self.rtl else "LEFT")
        t.setStyle(self.style())
        return t

    def wrap(self, availWidth, availHeight):
        self._t = self._table(self.entries)
        self.width, self.height = self._t.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        lo, hi = 0, len(self.entries) - 1  # the most entries whose columns fit
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._table(self.entries[:mid]).wrap(availWidth, availHeight)[1] <= availHeight:
                lo = mid
            else:
                hi = mid - 1
        if lo < 4:  # fewer than two lines a column: the list starts on the next page
            return []
        return [TwoColumns(self.entries[:lo], self.widths, self.gap, self.style, self.rtl),
                TwoColumns(self.entries[lo:], self.widths, self.gap, self.style, self.rtl)]

    def draw(self):
        self._t.drawOn(self.canv, 0, 0)
