"""Every ReportLab internal the layout relies on, in one place, each with the reason.

ReportLab offers no public way to do these; its version is pinned to a tested range in
pyproject.toml, and tests/test_reportlab_private.py fails loudly if any of these names
changes, so an upgrade breaks here and not somewhere on page 12.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from reportlab.platypus import Flowable, KeepTogether


def text_cursor(canv: Any) -> tuple[float, float]:
    """Where a paragraph's text has reached, inside an `<onDraw>` callback: ReportLab
    passes the callback only the canvas and keeps the cursor in `_curr_tx_info`."""
    info = canv._curr_tx_info
    return info["cur_x"], info["cur_y"]


@contextmanager
def text_cursor_set(canv: Any, x: float, y: float, leading: float) -> Iterator[None]:
    """Our own text drawing (shaped paragraphs) calling an `<onDraw>` callback as ReportLab
    does: with the cursor where `text_cursor` reads it, and removed afterwards."""
    canv._curr_tx_info = dict(cur_x=x, cur_y=y, leading=leading)
    try:
        yield
    finally:
        del canv._curr_tx_info


def doc_template(canv: Any) -> Any:
    """The document a flowable is being drawn into (BaseDocTemplate sets `_doctemplate`
    on its canvas), or None outside a document."""
    return getattr(canv, "_doctemplate", None)


def keep_together_measures(block: KeepTogether, width: float, height: float
                           ) -> tuple[float, float, list[Flowable]]:
    """(height of all of it, height of its first part, its flowables) of a KeepTogether
    wrapped to (width, height): its `_H`, `_H0` and `_content` after `wrap`."""
    if getattr(block, "_wrapInfo", None) != (width, height):
        block.wrap(width, height)
    return block._H, block._H0, block._content


def keep_together_content(block: KeepTogether) -> list[Flowable]:
    """The flowables a KeepTogether holds (its `_content`), the live list: a heading put
    in front of them travels with the group."""
    return block._content


def stacked_height(flowables: list[Flowable], width: float, canv: Any) -> float:
    """The height of `flowables` one under the other at `width`, with the space between
    them, as a KeepTogether measures its content (`_listWrapOn`)."""
    from reportlab.platypus.flowables import _listWrapOn

    return _listWrapOn(flowables, width, canv)[1]


def table_rows(table: Any) -> int:
    """How many rows a Table (or a part of one split at a page break) holds: `_nrows`."""
    return table._nrows


def attach(canv: Any, name: str, value: Any = None) -> Any:
    """Our own per-document state kept on the canvas (flowables and the canvas's save() see
    only the canvas): `name` set to `value` when given, else its value (created as {})."""
    attribute = f"_sg_{name}"
    if value is not None:
        setattr(canv, attribute, value)
        return value
    return canv.__dict__.setdefault(attribute, {})
