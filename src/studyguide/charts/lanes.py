"""Interval colouring: put bars in lanes so that no two in a lane overlap.

Each bar claims the horizontal extent of its band plus any label set beside it; bars
are taken in date order and each goes into the first lane where it fits, which uses as
few lanes as any order would for plain intervals and is deterministic.
"""

from __future__ import annotations

from typing import Sequence


def assign_lanes(extents: Sequence[tuple[float, float]], gap: float) -> list[int]:
    """Lane number of each extent (x0, x1), given in placement order."""
    lanes: list[list[tuple[float, float]]] = []
    out: list[int] = []
    for x0, x1 in extents:
        for i, taken in enumerate(lanes):
            if all(x1 + gap <= a or x0 >= b + gap for a, b in taken):
                taken.append((x0, x1))
                out.append(i)
                break
        else:
            lanes.append([(x0, x1)])
            out.append(len(lanes) - 1)
    return out
