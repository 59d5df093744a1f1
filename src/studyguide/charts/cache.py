"""On-disk chart cache: one JSON file per distinct chart.

The file name is a sha256 over everything the drawing depends on, so a stale entry can
never be served; the file holds the final ops, so a hit needs neither the layout nor
matplotlib. Files are written like the PDFs (`writer.write_atomic`), so a build that is
interrupted (or two builds at once) never leaves half a file behind.

Whatever is on disk is checked before it is used: an entry carries the format version and
a sha256 of its chart, so a damaged or hand-edited entry is a miss (drawn again and
overwritten), never a crash and never text that reaches a PDF. Reading never fails a
build; a cache folder that cannot be written is an error naming it (CacheError).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from ..dates import HistDate
from ..fonts import FontSet
from ..files import cause, hint, open_regular
from ..writer import WriteFailed, write_atomic
from .style import STYLE_VERSION

if TYPE_CHECKING:
    from .chart import ChartRequest

FORMAT = 2
MAX_ENTRY_BYTES = 16 * 1024 * 1024  # a chart's ops are a few hundred KiB at most


class CacheError(Exception):
    """The chart cache cannot be written (permissions, a file where the folder should be)."""

    def __init__(self, path: Path, exc: BaseException):
        self.path = path
        self.hint = hint(exc) or f"delete {path.parent} (it is rebuilt) or fix its permissions"
        super().__init__(f"cannot write the chart cache {path}: {cause(exc)}")


def _checksum(chart: dict[str, Any]) -> str:
    text = json.dumps(chart, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _date(d: HistDate | None) -> list[Any] | None:
    return None if d is None else [d.year, d.month, d.day, d.approximate, d.display]


_FINGERPRINTS: WeakKeyDictionary[FontSet, str] = WeakKeyDictionary()


def _fingerprint(fonts: FontSet) -> str:
    """`fonts.fingerprint()` once per font set: it names every file of every chain (some
    5,000 paths), and a unit asks for it once per chart."""
    if fonts not in _FINGERPRINTS:
        _FINGERPRINTS[fonts] = fonts.fingerprint()
    return _FINGERPRINTS[fonts]


def cache_key(req: "ChartRequest", fonts: FontSet) -> str:
    payload = {
        "style": STYLE_VERSION,
        "fonts": _fingerprint(fonts),
        "width": float(req.width),
        "mode": req.mode,
        "max_height": float(req.max_height),
        "text_scale": float(req.text_scale),
        "language": req.language,
        "labels": [list(pair) for pair in req.labels],
        "events": [[_date(e.date), _date(e.end), e.label] for e in req.events],
        "eras": [[_date(e.start), _date(e.end), e.label] for e in req.eras],
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def path_for(cache_dir: Path, key: str) -> Path:
    return Path(cache_dir) / f"timeline-{key}.json"


def load(cache_dir: Path, key: str) -> dict[str, Any] | None:
    """The stored chart as a dict, or None: missing, unreadable, damaged or edited entries
    (wrong format version, key or checksum) are misses."""
    try:
        with open_regular(path_for(cache_dir, key)) as f:
            raw = f.read(MAX_ENTRY_BYTES + 1)
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return None
    if len(raw) > MAX_ENTRY_BYTES or not isinstance(data, dict):
        return None
    if data.get("format") != FORMAT or data.get("key") != key:
        return None
    chart = data.get("chart")
    if not isinstance(chart, dict) or data.get("sha256") != _checksum(chart):
        return None
    return chart


def store(cache_dir: Path, key: str, chart: dict[str, Any]) -> Path:
    cache_dir = Path(cache_dir)
    target = path_for(cache_dir, key)
    text = json.dumps({"format": FORMAT, "key": key, "sha256": _checksum(chart), "chart": chart},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text.encode("utf-8"))
    except WriteFailed as exc:
        raise CacheError(target, exc.exc) from exc
    except OSError as exc:
        raise CacheError(target, exc) from exc
    return target
