"""The .apkg opened by Anki itself (the `anki` package): imported into an empty collection,
read back, and imported again after a revision, which must update notes, not add copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from studyguide.cli import main
from studyguide.export.markup import html
from studyguide.validate import load_unit

from conftest import FIXTURES

anki_collection = pytest.importorskip("anki.collection")
from anki import import_export_pb2 as ie  # noqa: E402

EVERY = FIXTURES / "export" / "every-type.yaml"


def export_deck(src: Path, out: Path, epoch: str, monkeypatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert main(["export", "--format", "anki", "-o", str(out), str(src)]) == 0
    return out / f"{src.stem}.apkg"


def import_into(col, apkg: Path):
    options = ie.ImportAnkiPackageOptions(
        update_notes=ie.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER, with_scheduling=False)
    return col.import_anki_package(anki_collection.ImportAnkiPackageRequest(package_path=str(apkg),
                                                                            options=options))


@pytest.fixture
def col(tmp_path):
    c = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    yield c
    c.close()


def notes(col) -> dict[str, list[str]]:
    return {n.guid: n.fields for n in (col.get_note(i) for i in col.find_notes(""))}


def test_deck_imports_with_every_term_and_two_cards_each(col, tmp_path, monkeypatch):
    unit, _ = load_unit(EVERY)
    apkg = export_deck(EVERY, tmp_path / "out", "1700000000", monkeypatch)
    log = import_into(col, apkg).log
    terms = unit.all_terms()
    assert len(log.new) == len(terms) and col.note_count() == len(terms)
    assert col.card_count() == 2 * len(terms)
    fields = sorted(notes(col).values())
    assert fields == sorted([html(t.term), html(t.definition), "; ".join(html(a) for a in t.also),
                             html(f"{unit.sections.index(s) + 1}. {s.title}")] for s, t in terms)
    names = [d.name for d in col.decks.all_names_and_ids()]
    assert f"{unit.course}::{unit.title}" in names
    note = col.get_note(col.find_notes("caravanserai")[0])
    assert "every-type" in note.tags and any(t.startswith("every-type::1_") for t in note.tags)
    assert "<strong>trade route</strong>" in note["Definition"]


def test_a_revised_deck_updates_notes_instead_of_adding_copies(col, tmp_path, monkeypatch):
    import_into(col, export_deck(EVERY, tmp_path / "v1", "1700000000", monkeypatch))
    before = notes(col)
    revised = tmp_path / "src" / "every-type.yaml"
    revised.parent.mkdir()
    shutil.copy(FIXTURES / "export" / "wall.png", revised.parent)
    source = EVERY.read_text("utf-8")
    assert "Seasonal winds:" in source
    first_term = '      - {term: "丝绸之路"'
    assert first_term in source
    revised.write_text(source.replace("Seasonal winds:", "REVISED seasonal winds:").replace(
        first_term, '      - {term: "Dhow", definition: "A sailing ship of the Indian Ocean."}\n' + first_term),
        "utf-8")
    log = import_into(col, export_deck(revised, tmp_path / "v2", "1700086400", monkeypatch)).log
    after = notes(col)
    assert len(log.updated) >= 1 and len(log.new) == 1
    assert set(after) == set(before) | {g for g in after if after[g][0] == "Dhow"}
    assert col.note_count() == len(before) + 1
    monsoon = next(f for f in after.values() if f[0] == "monsoon")
    assert monsoon[1].startswith("REVISED seasonal winds:")


def test_the_same_unit_gives_the_same_deck_bytes(tmp_path, monkeypatch):
    a = export_deck(EVERY, tmp_path / "a", "1700000000", monkeypatch).read_bytes()
    b = export_deck(EVERY, tmp_path / "b", "1700000000", monkeypatch).read_bytes()
    assert a == b
