"""Content in content/ is written in our own words: no unit may share a run of RUN words
with the source article it draws on. Facts carry over; sentences do not.

Both texts are lower-cased and split into words (letters, digits and apostrophes; any other
character separates words, so "China-Russia" is two words). A shared run is allowed only
when it lies wholly inside one phrase of ALLOWED: titles and proper names that must be
quoted exactly.

The article itself is not kept in the repository (it is not ours): FINGERPRINT holds a hash
of each of its runs, so the check also runs on a clean clone. Regenerate it from the
article, and list every shared run, with

    .venv/bin/python tests/test_content_original.py [--fingerprint]
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "content" / "china-russia-relations.yaml"
FINGERPRINT = Path(__file__).resolve().parent / "fixtures" / "article-runs.txt"
RUN = 8

# phrase -> why it may be copied word for word
ALLOWED: dict[str, str] = {
    "What the History of China-Russia Relations May Tell Us About Their Future":
        "the article's title, cited in `sources`",
}

_WORD = re.compile(r"[\w'’]+")


def words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def texts(node: object) -> list[str]:
    """Every string value of a YAML document (field names are not prose)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [t for v in node.values() for t in texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in texts(v)]
    return []


def digest(run: tuple[str, ...]) -> str:
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:16]


def runs(ws: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(ws[i:i + n]) for i in range(len(ws) - n + 1)}


def _allowed(run: tuple[str, ...]) -> bool:
    for phrase in ALLOWED:
        p = words(phrase)
        if any(tuple(p[i:i + len(run)]) == run for i in range(len(p) - len(run) + 1)):
            return True
    return False


def shared_runs(unit_text: list[str], article: str | set[str], n: int = RUN) -> list[str]:
    """The runs of `n` words that a text of the unit shares with the article (its text or
    its fingerprint), leaving out the allowed ones."""
    source = article if isinstance(article, set) else {digest(r) for r in runs(words(article), n)}
    found: list[str] = []
    for text in unit_text:
        for run in sorted(runs(words(text), n)):
            if digest(run) in source and not _allowed(run):
                found.append(" ".join(run))
    return found


def seeds_dir() -> Path | None:
    """The folder of source articles: $STUDYGUIDE_SEEDS, or a `shared/seeds` folder beside
    the repository or one of its parents (where the team keeps it)."""
    if os.environ.get("STUDYGUIDE_SEEDS"):
        return Path(os.environ["STUDYGUIDE_SEEDS"])
    for parent in ROOT.parents:
        if (parent / "shared" / "seeds").is_dir():
            return parent / "shared" / "seeds"
    return None


def article_text() -> str:
    seeds = seeds_dir()
    files = sorted(seeds.glob("*.txt")) if seeds else []
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def fingerprint(article: str) -> list[str]:
    return sorted({digest(r) for r in runs(words(article))})


def unit_texts() -> list[str]:
    raw = UNIT.read_text(encoding="utf-8")
    comments = [line for line in raw.splitlines() if line.lstrip().startswith("#")]
    return texts(yaml.safe_load(raw)) + comments  # comments are prose too


# --- the checker itself ---------------------------------------------------------------


def test_a_copied_sentence_is_found():
    article = "Armed clashes along the Ussuri River in 1969 between two socialist states."
    unit = ["Some armed clashes along the Ussuri River in 1969 were small."]
    assert shared_runs(unit, article) == ["armed clashes along the ussuri river in 1969"]


def test_case_punctuation_and_line_breaks_do_not_hide_a_copy():
    article = "the enemy of my enemy does not necessarily need to be my friend"
    unit = ["The Enemy, of my ENEMY\ndoes not necessarily!"]
    assert shared_runs(unit, article) == ["the enemy of my enemy does not necessarily"]


def test_seven_shared_words_pass_and_runs_do_not_cross_fields():
    article = "one two three four five six seven eight"
    assert shared_runs(["one two three four five six seven"], article) == []
    assert shared_runs(["one two three four", "five six seven eight"], article) == []


def test_the_allow_list_covers_only_its_phrase():
    title = "What the History of China-Russia Relations May Tell Us About Their Future"
    assert shared_runs([f"See {title}."], title) == []
    article = "the history of china-russia relations may tell us about their future and more"
    # the first run lies inside the title, the second reaches past it
    assert shared_runs(["Russia relations may tell us about their future and"], article) == [
        "relations may tell us about their future and"]


# --- the unit ----------------------------------------------------------------------------


def test_the_first_unit_shares_no_run_of_eight_words_with_its_article():
    source = set(FINGERPRINT.read_text(encoding="utf-8").split())
    assert len(source) > 1000  # the whole article, not an empty file
    copied = shared_runs(unit_texts(), source)
    assert not copied, "rewrite in our own words:\n  " + "\n  ".join(copied)


def test_the_fingerprint_is_that_of_the_article():
    article = article_text()
    if not article:
        pytest.skip("the source article is not here (set STUDYGUIDE_SEEDS)")
    assert FINGERPRINT.read_text(encoding="utf-8").split() == fingerprint(article), (
        "regenerate: .venv/bin/python tests/test_content_original.py --fingerprint")


if __name__ == "__main__":
    if "--fingerprint" in sys.argv:
        FINGERPRINT.write_text("\n".join(fingerprint(article_text())) + "\n", encoding="utf-8")
    found = shared_runs(unit_texts(), article_text() or set(FINGERPRINT.read_text().split()))
    print("\n".join(found) or f"no run of {RUN} words shared with the article")
    sys.exit(1 if found else 0)
