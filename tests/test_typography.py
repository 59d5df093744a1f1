"""Book typography on real PDFs: quotes and dashes, hanging indents, points column."""

from __future__ import annotations

import re

import pdfplumber

from pdfcheck import body_texts
from studyguide.typeset import smarten


def test_no_typewriter_quotes_or_hyphenated_ranges_are_printed(first_unit):
    """The first unit is typed with straight quotes and 1689-1860 ranges; none print."""
    text = "".join(body_texts(first_unit.student))
    assert '"' not in text and "'" not in text
    assert "\u201c" in text and "\u2019" in text  # they became curly ones
    assert not re.search(r"(?<![\d-])\d{3,4}-\d{2,4}(?![\d-])", text)
    # a quote that starts a word opens, in bold too (the unit has **"century of humiliation"**)
    assert not re.findall(r"(?:^|\s)[\u201d\u2019]\w", text, re.M)


def test_smarten_pairs_quotes_and_keeps_dates():
    assert smarten('"no limits" and China\'s') == "\u201cno limits\u201d and China\u2019s"
    assert smarten('a **"bold"** *\'word\'*') == "a **\u201cbold\u201d** *\u2018word\u2019*"
    assert smarten("1689-1860, 2022-02-04 - then") == "1689\u20131860, 2022-02-04 \u2013 then"


def _question_lines(pdf):
    """(page, number word, [x0 of each line's first word]) of every question that wraps."""
    found = []
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            ws = page.extract_words(extra_attrs=["fontname", "size"])
            for i, w in enumerate(ws):
                if re.fullmatch(r"\d+\.", w["text"]) and "Sans-Bold" in w["fontname"] and w["size"] < 11:
                    first = ws[i + 1]
                    following = [v for v in ws[i + 2:] if v["top"] > first["top"] + 2]
                    if following and following[0]["top"] - first["top"] < first["size"] * 1.8 \
                            and "Serif" in following[0]["fontname"]:
                        found.append((page.page_number, w, first["x0"], following[0]["x0"]))
    return found


def test_wrapped_prompt_lines_share_one_hanging_indent(first_unit):
    found = _question_lines(first_unit.student)
    assert len(found) >= 5
    starts = {round(first, 1) for _, _, first, _ in found}
    assert len(starts) == 1, starts  # one indent whatever the number's width (1. and 35.)
    for page, num, first, second in found:
        assert abs(first - second) < 0.6, (page, num["text"], first, second)


def test_points_sit_flush_right_in_the_question_face(first_unit):
    with pdfplumber.open(str(first_unit.student)) as doc:
        rights = set()
        for page in doc.pages[1:]:  # the cover states the guide's total in its own place
            ws = page.extract_words(extra_attrs=["fontname"])
            for a, b in zip(ws, ws[1:]):
                if re.fullmatch(r"\d+", a["text"]) and b["text"] in ("point", "points") \
                        and abs(a["top"] - b["top"]) < 1:
                    rights.add(round(b["x1"]))
                    assert "Serif" in b["fontname"] and "Serif" in a["fontname"]  # the text face
    assert rights and max(rights) - min(rights) <= 1, rights


def test_glossary_order_ignores_leading_punctuation():
    from studyguide.collation import sort_key_for

    terms = ["Zhenbao", "\u201cNo-limits\u201d statement", "[Amur] River", "'Century of humiliation'", "Beijing",
             "\u2013 dash first", "\u00abR\u00e9volution\u00bb"]
    for language in ("en", "fr"):
        ordered = sorted(terms, key=sort_key_for(language))
        assert ordered == ["[Amur] River", "Beijing", "'Century of humiliation'", "\u2013 dash first",
                           "\u201cNo-limits\u201d statement", "\u00abR\u00e9volution\u00bb", "Zhenbao"], language
