"""`--format anki`: an Anki deck (.apkg) of the key terms, two cards per term.

genanki writes Anki's collection format (pinned: it changes rarely, and the ids below do
not depend on its defaults). Every id is derived, never drawn from the clock: the note
type's from a constant, the deck's from the unit, each note's GUID and id from the unit
and the plain term. Importing a revised unit therefore updates its notes instead of adding
copies. Anki updates a note only when the incoming one is newer, so notes are stamped with
SOURCE_DATE_EPOCH when set (make sets it to the unit's last commit), else the unit file's
modification time. The zip is written with fixed dates: the same unit gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import sqlite3
import tempfile
import zipfile

from .. import model as m
from ..text import plain
from . import Job, Result
from .markup import as_typed_html, html

MODEL_NAME = "studyguide key term"
FIELDS = ("Term", "Definition", "Also", "Section")
CSS = """.card { font-family: "DejaVu Sans", "Noto Sans", sans-serif; font-size: 22px; text-align: center;
  color: #222; background: #fff; }
.also { font-size: 16px; font-style: italic; color: #555; margin-top: 6px; }
.section { font-size: 13px; color: #777; margin-top: 18px; }
"""
FRONT_TERM = '<div dir="auto">{{Term}}</div>{{#Also}}<div class="also" dir="auto">{{Also}}</div>{{/Also}}'
FRONT_DEFINITION = '<div dir="auto">{{Definition}}</div>'
TEMPLATES = (
    {"name": "Term \u2192 definition", "qfmt": FRONT_TERM,
     "afmt": '{{FrontSide}}<hr id="answer"><div dir="auto">{{Definition}}</div>'
             '<div class="section" dir="auto">{{Section}}</div>'},
    {"name": "Definition \u2192 term", "qfmt": FRONT_DEFINITION,
     "afmt": '{{FrontSide}}<hr id="answer">' + FRONT_TERM + '<div class="section" dir="auto">{{Section}}</div>'},
)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


ID_LOW, ID_SPAN = 10**12, 5 * 10**11  # Anki's ids are creation times in ms: 2001-09 to 2017-07


def stable_id(*parts: str) -> int:
    """An id derived from `parts` only, in the past as Anki's ids are (Anki replaces ids
    from the future on import)."""
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8")).digest()
    return ID_LOW + int.from_bytes(digest[:8], "big") % ID_SPAN


def guid(slug: str, term: str) -> str:
    """The note's GUID: the unit and the term as read (case and markup do not count)."""
    return hashlib.sha256(f"{slug}\x00{plain(term).casefold()}".encode("utf-8")).hexdigest()[:20]


def tag(text: str) -> str:
    """An Anki tag: no spaces (they separate tags), '::' kept out of names (it nests tags)."""
    return re.sub(r"\s+", "_", plain(text).strip()).replace("::", ":") or "_"


def deck_name(unit: m.Unit) -> str:
    """Course::Title: Anki nests decks at '::', so a title's own '::' is flattened."""
    names = [n for n in (unit.course, unit.title) if n]
    return "::".join(" ".join(plain(n).replace("::", ":").split()) for n in names)


def timestamp(unit: m.Unit) -> int:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return int(epoch)
    try:
        return int(unit.path.stat().st_mtime)
    except OSError:
        return 0


def export(job: Job) -> Result:
    import genanki

    unit = job.unit
    model = genanki.Model(stable_id(MODEL_NAME), MODEL_NAME, fields=[{"name": f} for f in FIELDS],
                          templates=list(TEMPLATES), css=CSS)
    deck = genanki.Deck(stable_id("deck", unit.slug), deck_name(unit))
    terms = unit.all_terms()
    ids: dict[str, int] = {}
    for index, (section, t) in enumerate(terms):
        number = unit.sections.index(section) + 1
        fields = [html(t.term), html(t.definition), "; ".join(as_typed_html(a) for a in t.also),
                  as_typed_html(f"{number}. {section.title}")]
        g = guid(unit.slug, t.term)
        ids[g] = stable_id("note", unit.slug, plain(t.term).casefold())
        deck.add_note(genanki.Note(model=model, fields=fields, guid=g, sort_field=plain(t.term),
                                   tags=[tag(unit.slug), f"{tag(unit.slug)}::{number}_{tag(section.title)}"],
                                   due=index))
    data = _apkg(genanki.Package(deck), timestamp(unit), ids)
    return Result(data, f"{len(terms)} terms, {len(terms) * len(TEMPLATES)} cards")


def _apkg(package, stamp: int, note_ids: dict[str, int]) -> bytes:
    """The package's collection written with derived note and card ids, zipped with fixed dates."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "collection.anki2")
        conn = sqlite3.connect(path)
        try:
            cursor = conn.cursor()
            package.write_to_db(cursor, stamp, iter(range(1, 1 << 40)))
            for g, nid in note_ids.items():  # the counter's ids replaced by ids of the term
                (old,) = cursor.execute("SELECT id FROM notes WHERE guid = ?", (g,)).fetchone()
                cursor.execute("UPDATE notes SET id = ? WHERE id = ?", (nid, old))
                cursor.execute("UPDATE cards SET nid = ?, id = ? + ord WHERE nid = ?", (nid, nid, old))
            conn.commit()
            cursor.execute("VACUUM")
        finally:
            conn.close()
        with open(path, "rb") as f:
            db = f.read()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in (("collection.anki2", db), ("media", b"{}")):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, content)
    return buf.getvalue()
