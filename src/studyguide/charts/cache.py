"""On-disk chart cache: one JSON file per distinct chart.

The file name is a sha256 over everything the drawing depends on, so a stale entry can
never be served; the file holds the final ops, so a hit needs neither the layout nor
matplotlib. Files are written like the PDFs (`writer.write_atomic`), so a build that is
interrupted (or two builds at once) never leaves half a file behind.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..dates import HistDate
from ..fonts import FontSet
from ..writer import write_atomic
from .style import STYLE_VERSION

if TYPE_CHECKING:
    from . import ChartRequest

FORMAT = 1


def _date(d: HistDate | None) -> list[Any] | None:
    return None if d is None else [d.year, d.month, d.day, d.approximate, d.display]


def cache_key(req: "ChartRequest", fonts: FontSet) -> str:
    payload = {
        "style": STYLE_VERSION,
        "fonts": fonts.fingerprint(),
        "width": float(req.width),
        "mode": req.mode,
        "max_height": float(req.max_height),
        "text_scale": float(req.text_scale),
        "events": [[_date(e.date), _date(e.end), e.label] for e in req.events],
        "eras": [[_date(e.start), _date(e.end), e.label] for e in req.eras],
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def path_for(cache_dir: Path, key: str) -> Path:
    return Path(cache_dir) / f"timeline-{key}.json"


def load(cache_dir: Path, key: str) -> dict[str, Any] | None:
    """The stored chart as a dict, or None (missing or unreadable entries are misses)."""
    try:
        data = json.loads(path_for(cache_dir, key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        return None
    chart = data.get("chart")
    return chart if isinstance(chart, dict) else None


def store(cache_dir: Path, key: str, chart: dict[str, Any]) -> Path:
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = path_for(cache_dir, key)
    text = json.dumps({"format": FORMAT, "key": key, "chart": chart}, ensure_ascii=False,
                      sort_keys=True, separators=(",", ":"))
    write_atomic(target, text.encode("utf-8"))
    return target
