"""The guide in the unit's language: message catalogues, dates, plural forms, glossary order.

Guides are built from fixtures in Spanish and French and read back with pdfplumber; the
words come from the catalogues themselves, so a missing lookup (an English literal left
in the layout) shows up as an English word in a Spanish guide.
"""

from __future__ import annotations

import re
import string
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
import yaml

from studyguide import labels
from studyguide.dates import parse_date
from studyguide.labels import labels_for
from studyguide.localdates import format_date, format_span

from conftest import FIXTURES, build
from pdfcheck import squash

LANG = FIXTURES / "languages"
SHIPPED = ("ar", "de", "en", "es", "fr", "he", "it", "ja", "pt", "ru", "zh-Hans")


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_required_language_ships_a_catalogue():
    assert set(SHIPPED) <= set(labels.available())


@pytest.mark.parametrize("tag", SHIPPED)
def test_catalogue_has_every_word_with_the_same_placeholders(tag):
    en = yaml.safe_load((Path(labels.__file__).parent / "locales" / "en.yaml").read_text("utf-8"))["words"]
    cat = yaml.safe_load((Path(labels.__file__).parent / "locales" / f"{tag}.yaml").read_text("utf-8"))
    words = cat["words"]
    assert set(words) == set(en), set(words) ^ set(en)
    for key, value in en.items():
        if isinstance(value, dict):
            assert isinstance(words[key], dict) and "other" in words[key], key
            continue
        assert _fields(str(words[key])) == _fields(value), (tag, key, words[key])
    assert cat["dates"] and cat["direction"] in ("ltr", "rtl")


@pytest.mark.parametrize("tag,expected", [("es", "es"), ("pt-BR", "pt"), ("zh", "zh-Hans"), ("zh-CN", "zh-Hans"),
                                          ("ZH-hans", "zh-Hans"), ("zh-Hant", None), ("tlh", None), ("en-GB", "en")])
def test_language_tags_resolve_to_a_catalogue(tag, expected):
    assert labels.resolve(tag) == expected


def test_unknown_language_prints_english():
    words = labels_for("tlh")
    assert words.language == "en" and words("review_questions") == "Review questions"


def test_plural_forms_follow_cldr():
    ru = labels_for("ru")
    assert [ru.plural("points", n) for n in (1, 3, 5, 21)] == ["1 балл", "3 балла", "5 баллов", "21 балл"]
    assert labels_for("en").plural("points", 1) == "1 point"
    assert labels_for("ar").plural("points", 2) == "درجتان"
    assert [labels_for("he").plural("points", n) for n in (1, 2, 5)] == ["נקודה אחת", "שתי נקודות", "5 נקודות"]


def test_overrides_replace_single_words():
    words = labels_for("es", {"review_questions": "Compruébalo"})
    assert words("review_questions") == "Compruébalo" and words("glossary") == "Glosario"


@pytest.mark.parametrize("lang,day,month,bce,span", [
    ("en", "2 March 1969", "March 1969", "c. 221 BCE", "2–5 March 1969"),
    ("es", "2 de marzo de 1969", "marzo de 1969", "c. 221 a. C.", "2–5 de marzo de 1969"),
    ("fr", "2 mars 1969", "mars 1969", "v. 221 av. J.-C.", "2–5 mars 1969"),
    ("de", "2. März 1969", "März 1969", "um 221 v. Chr.", "2.–5. März 1969"),
    ("ru", "2 марта 1969\u202fг.", "март 1969\u202fг.", "ок. 221 до н. э.", None),
    ("zh-Hans", "1969年3月2日", "1969年3月", "约公元前221", None),
    ("ja", "1969年3月2日", "1969年3月", "紀元前221頃", None),
    ("he", "2 במרץ 1969", "מרץ 1969", "בערך 221 לפנה״ס", "2–5 במרץ 1969"),
])
def test_dates_in_the_guide_language(lang, day, month, bce, span):
    words = labels_for(lang)
    assert format_date(parse_date("1969-03-02"), words) == day
    assert format_date(parse_date("1969-03"), words) == month
    assert format_date(parse_date("c. 221 BCE"), words) == bce
    if span:
        assert format_span(parse_date("1969-03-02"), parse_date("1969-03-05"), words) == span


def test_bce_spans_name_the_era_once_and_crossing_spans_twice():
    es = labels_for("es")
    assert format_span(parse_date("221 BCE"), parse_date("206 BCE"), es) == "221–206 a. C."
    assert format_span(parse_date("50 BCE"), parse_date("14"), es) == "50 a. C.–14 d. C."


@pytest.fixture(scope="module")
def spanish(tmp_path_factory):
    return build(LANG / "comuneros-es.yaml", tmp_path_factory.mktemp("es"))


@pytest.fixture(scope="module")
def french(tmp_path_factory):
    return build(LANG / "fronde-fr.yaml", tmp_path_factory.mktemp("fr"))


def _text(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as doc:
        return [p.extract_text() or "" for p in doc.pages]


# English words of the layout that must not appear in a guide in another language
ENGLISH = ["Contents", "Key terms", "Review questions", "Glossary", "Answer key", r"Page \d+ of",
           "True", "False", "Name", "Class", "TEACHER EDITION", "Objectives", "Key dates", r"\d+ points?",
           "Word bank", "teacher edition", "multiple choice", "Timeline"]


@pytest.mark.parametrize("which", ["spanish", "french"])
def test_guide_prints_its_own_words_in_the_unit_language(which, request):
    built = request.getfixturevalue(which)
    words = labels_for(built.unit.language)
    student, teacher = _text(built.student), _text(built.teacher)
    everything = squash("\n".join(teacher))
    for key in ("contents", "key_terms", "review_questions", "glossary", "answer_key", "answer_true",
                "answer_false", "teacher_edition", "key_dates"):
        assert squash(words(key)) in everything, key
    assert squash(words("name")) in squash(student[0])
    total = len(teacher)
    assert squash(words("page_of", page=2, total=total)) in squash(teacher[1])
    for english in ENGLISH:
        assert not re.search(rf"\b{english}\b", "\n".join(teacher)), english
    with pdfplumber.open(built.teacher) as doc:
        assert doc.metadata["Title"] == words("teacher_edition_title", title=built.unit.title)


def test_spanish_dates_plural_and_glossary_order(spanish):
    teacher = "\n".join(_text(spanish.teacher))
    assert "30 de mayo de 1520" in teacher and "23 de abril de 1521" in teacher
    assert "2 puntos" in teacher.replace("\u00a0", " ")
    pages = "\n".join(_text(spanish.teacher))
    glossary = pages[pages.index("\nGlosario\n"):]  # the heading, wherever the glossary starts
    starts = {t: re.search(rf"(?m)^{t} ", glossary) for t in ("Ávila", "comunero", "Junta Santa", "ñandú")}
    assert all(starts.values()), starts
    assert sorted(starts, key=lambda t: starts[t].start()) == ["Ávila", "comunero", "Junta Santa", "ñandú"]


def test_unknown_language_warns_and_builds_in_english(tmp_path):
    src = tmp_path / "klingon.yaml"
    text = (FIXTURES / "units" / "minimal.yaml").read_text("utf-8")
    text = re.sub(r"(?m)^language:.*\n", "", text)
    src.write_text("language: tlh\n" + text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "studyguide", "build", "-o", str(tmp_path / "out"), str(src)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert re.search(r"klingon\.yaml:1:\d+: warning: no message catalogue for language 'tlh'", out.stderr), out.stderr
    pages = _text(tmp_path / "out" / "klingon.pdf")
    assert "Contents" in pages[1]


def test_a_unit_replaces_single_words_and_bad_placeholders_are_refused(tmp_path):
    base = (FIXTURES / "units" / "minimal.yaml").read_text("utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(base + "labels:\n  contents: What is inside\n  page_of: \"p. {page}/{total}\"\n", encoding="utf-8")
    built = build(good, tmp_path / "out")
    pages = _text(built.student)
    assert "What is inside" in pages[1] and "p. 2/" in pages[1] and "Contents" not in pages[1]
    bad = tmp_path / "bad.yaml"
    bad.write_text(base + "labels:\n  page_of: \"p. {pages}\"\n", encoding="utf-8")
    typo = tmp_path / "typo.yaml"
    typo.write_text(base + "labels:\n  contnets: Inside\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "studyguide", "validate", str(bad), str(typo)],
                         capture_output=True, text=True)
    assert out.returncode == 1
    assert f"{bad}:6:12: error: 'page_of' in labels has {{pages}}, which the guide cannot fill in" in out.stdout
    assert "the placeholders of 'page_of' are: {page}, {total}" in out.stdout
    assert f"{typo}:6:3: error: unknown field 'contnets'" in out.stdout and "did you mean 'contents'?" in out.stdout
