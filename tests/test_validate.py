"""validate: every bad-input class gives exactly the expected lines, and valid units model right.

Each fixture under tests/fixtures/bad/ is a small unit with one kind of mistake; the table
pairs it with the exact output of `studyguide validate` (path:line:col: severity: message,
then the indented hint). `{f}` stands for the fixture's path as given on the command line.
"""

from __future__ import annotations

import dataclasses
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from studyguide.authoring import run_validate
from studyguide.dates import HistDate
from studyguide.model import BLANK, Figure, FillInBlank, MultipleChoice, ShortAnswer, TrueFalse
from studyguide.problems import Pos
from studyguide.images import image_problem
from studyguide.validate import load_unit

ROOT = Path(__file__).resolve().parent.parent
BAD = Path("tests/fixtures/bad")
UNITS = ROOT / "tests" / "fixtures" / "units"

EXPECTED: list[tuple[str, list[str]]] = [
    ("alias-bomb.yaml", [
        '{f}:6:47: error: the file has more than 100,000 values (counting what aliases repeat)',
        '    a unit this large cannot be printed; split it, and write values out instead of repeating them with aliases',
    ]),
    ("alias-cycle.yaml", [
        "{f}:3:5: error: alias '*loop' refers to a value that contains it",
        '    an alias cannot repeat the list or fields it is written inside',
    ]),
    ("alias-many.yaml", [
        "{f}:103:5: error: too many aliases (more than 100 '*' references)",
        '    write the values out; a unit never needs this many aliases',
    ]),
    ("bad-dates.yaml", [
        "{f}:6:15: error: 'date' in timeline event 1 of section 1 is not a valid date: '1969-13' has month 13: months go from 1 to 12",
        "    write a year (1858, -221 or '221 BCE', 'AD 14', '14 CE'), a month ('1969-03' or",
        "    'March 1969'), a day (1969-03-02 or '2 March 1969'); put 'c.' in front of an",
        "    approximate date ('c. 1850', 'c. 300 BCE')",
        "{f}:8:15: error: 'date' in timeline event 2 of section 1 is not a valid date: 0 is not a date: there is no year 0",
        '    there is no year 0: 1 BCE is followed by 1 CE',
        "{f}:10:15: error: 'date' in timeline event 3 of section 1 is not a valid date: 'c. 1850s' is not a date",
        "    write a year (1858, -221 or '221 BCE', 'AD 14', '14 CE'), a month ('1969-03' or",
        "    'March 1969'), a day (1969-03-02 or '2 March 1969'); put 'c.' in front of an",
        "    approximate date ('c. 1850', 'c. 300 BCE')",
        "{f}:12:15: error: 'date' in timeline event 4 of section 1 is not a valid date: '1969-02-30' has day 30, but February 1969 has 28 days",
        "    write a year (1858, -221 or '221 BCE', 'AD 14', '14 CE'), a month ('1969-03' or",
        "    'March 1969'), a day (1969-03-02 or '2 March 1969'); put 'c.' in front of an",
        "    approximate date ('c. 1850', 'c. 300 BCE')",
    ]),
    ("bad-exercises.yaml", [
        "{f}:2:22: error: timeline exercise 1 must be 'ordering' or 'label', not 'order'",
        "    did you mean 'ordering'?",
    ]),
    ("bad-paper-language.yaml", [
        "{f}:2:8: error: 'paper' in the unit must be 'letter' or 'a4', not 'A4'",
        "    did you mean 'a4'?",
        "{f}:3:11: error: 'language' in the unit must be a language tag such as en or zh-Hans, not 'English'",
        "    did you mean 'en'?",
    ]),
    ("bom.yaml", [
        '{f}:4:5: error: unknown field \'summry\' in section 1 ("One")',
        "    did you mean 'summary'?",
    ]),
    ("control-character.yaml", [
        '{f}:3:15: error: the invisible character U+0000 is not allowed in a YAML file',
        '    delete it (it often comes from copying text out of a PDF or a word processor)',
    ]),
    ("custom-tag.yaml", [
        "{f}:2:11: error: tag '!shout' is not allowed",
        "    a unit holds only text, numbers, true/false, dates, lists and fields; remove the tag (to write text starting with '!', put it in quotes)",
    ]),
    ("deep-nesting.yaml", [
        '{f}:2:62: error: the file is nested more than 50 levels deep',
        '    a unit needs fewer than ten levels; check the indentation',
    ]),
    ("duplicate-key-term.yaml", [
        "{f}:15:15: error: key term 'treaty of aigun' is already defined at line 6",
        "    define each term once; put other names or spellings under 'also'",
    ]),
    ("duplicate-key.yaml", [
        "{f}:3:1: error: duplicate field 'subtitle' (already given at line 2)",
        '    YAML would silently keep only the last one; remove or rename one of them',
    ]),
    ("empty-required.yaml", [
        "{f}:1:8: error: 'title' in the unit is empty",
        '{f}:4:13: error: \'summary\' in section 1 ("One") is empty',
    ]),
    ("empty.yaml", [
        '{f}:1:1: error: the file is empty',
        '    a unit needs at least a title and one section; `studyguide new "Title"` writes a starter unit',
    ]),
    ("fill-in-blanks.yaml", [
        "{f}:7:17: error: the prompt of question 1 of section 1 has no blank; a fill-in question has exactly one ('___')",
        "    write three underscores where the answer goes, e.g. 'Vladivostok was founded in ___.'",
        "{f}:10:17: error: the prompt of question 2 of section 1 has 2 blanks; a fill-in question has exactly one ('___')",
        "    write three underscores where the answer goes, e.g. 'Vladivostok was founded in ___.'",
    ]),
    ("image-missing.yaml", [
        "{f}:10:16: error: image 'images\\ok.png' in figure 1 of section 1 does not exist",
        "    write / between folder names: 'images/ok.png'",
        "{f}:12:16: error: image 'images/okay.png' in figure 2 of section 1 does not exist",
        "    looked for tests/fixtures/bad/images/okay.png; did you mean 'ok.png'?",
    ]),
    ("image-not-an-image.yaml", [
        "{f}:6:16: error: image 'images/not-an-image.jpg' in figure 1 of section 1 is not a PNG or JPEG image",
        "    its content is not an image of either kind (a file's name does not make its format); open it and save it again as PNG or JPEG",
        "{f}:8:16: error: image 'images/drawing.gif' in figure 2 of section 1 is a GIF image; only PNG and JPEG images can be printed",
        '    convert it to PNG (drawings, maps) or JPEG (photos)',
        "{f}:10:16: error: image 'images' in figure 3 of section 1 is a folder, not an image file",
    ]),
    ("image-outside.yaml", [
        "{f}:6:16: error: image '/etc/passwd' in figure 1 of section 1 is an absolute path",
        "    give the path relative to the unit's file, e.g. images/map.png, and keep the image in the unit's folder",
        "{f}:8:16: error: image '../units/images/aegean.png' in figure 2 of section 1 is outside the unit's folder",
        "    it is a path leading outside tests/fixtures/bad; copy the image into the unit's folder (or a subfolder) and give its path from there",
        "{f}:10:16: error: image 'https://example.com/map.png' in figure 3 of section 1 is a web address",
        "    images are never downloaded: save the file in the unit's folder and give its name",
    ]),
    ("image-truncated.yaml", [
        "{f}:6:16: error: image 'images/truncated.png' in figure 1 of section 1 is damaged or incomplete (the file ends before the image data is complete)",
        '    export or download the image again',
    ]),
    ("matching-pairs.yaml", [
        "{f}:9:11: error: 'pairs' in question 1 of section 1 needs at least two pairs, not 1",
        "{f}:15:20: error: pair 3 of question 2 of section 1 repeats the left side of pair 1 ('aigun')",
        '    each side of a matching question must be different',
        "{f}:15:34: error: pair 3 of question 2 of section 1 repeats the right side of pair 2 ('1860')",
        '    each side of a matching question must be different',
    ]),
    ("mc-answer-not-a-choice.yaml", [
        "{f}:9:17: error: answer 'Peking' is not one of the choices of question 1 of section 1",
        '    give the exact text of one of the choices, or its letter (A to C)',
        "{f}:13:17: error: answer 'Peking Beijing' is not one of the choices of question 2 of section 1",
        "    did you mean 'Peking (Beijing)'?",
    ]),
    ("mc-duplicate-choices.yaml", [
        "{f}:11:13: error: choice 3 of question 1 of section 1 repeats choice 1 ('aigun')",
        '    each choice must be different',
    ]),
    ("mc-letter-beyond.yaml", [
        "{f}:9:17: error: answer 'E' is beyond the choices of question 1 of section 1 (A to D)",
        '    the letters of its 4 choices are A to D',
    ]),
    ("mc-one-choice.yaml", [
        "{f}:8:18: error: 'choices' in question 1 of section 1 needs at least two choices, not 1",
    ]),
    ("merge-key.yaml", [
        "{f}:10:5: error: merge keys ('<<') are not supported",
        '    write the fields out in full',
    ]),
    ("missing-required.yaml", [
        '{f}:3:5: error: missing required field \'summary\' in section 1 ("One")',
        "    add 'summary:', the reading; paragraphs separated by a blank line",
        "{f}:8:5: error: missing required field 'title' in section 2",
        "    add 'title:', the heading of the section",
    ]),
    ("missing-sections.yaml", [
        "{f}:1:1: error: missing required field 'sections' in the unit",
        "    add 'sections:', the sections of the unit, at least one",
    ]),
    ("not-utf8.yaml", [
        '{f}:1:11: error: not UTF-8 text: byte 0xE9 at byte offset 10 cannot be read',
        '    save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8); it was probably written as Latin-1 or Windows-1252',
    ]),
    ("only-comments.yaml", [
        '{f}:1:1: error: the file has no content (only comments)',
        '    a unit needs at least a title and one section',
    ]),
    ("ordering-items.yaml", [
        "{f}:8:16: error: 'items' in question 1 of section 1 needs at least two items, not 1",
        "{f}:11:32: error: item 3 of question 2 of section 1 repeats item 1 ('Aigun')",
        '    each item must be different',
    ]),
    ("python-tag.yaml", [
        "{f}:2:11: error: tag '!!python/object/apply:os.system' is not allowed",
        "    a unit holds only text, numbers, true/false, dates, lists and fields; remove the tag (to write text starting with '!', put it in quotes)",
    ]),
    ("span-end-before-start.yaml", [
        "{f}:5:10: error: 'end' (250 BCE) is before 'start' (221 BCE) in era 1",
        '    swap them, or correct the one that is wrong',
        "{f}:11:14: error: 'end' (1858) is before 'date' (1860) in timeline event 1 of section 1",
        '    swap them, or correct the one that is wrong',
    ]),
    ("syntax-bad-indent.yaml", [
        "{f}:5:4: error: this line's indentation does not match the lines above it (the block began at line 3)",
        "    fields of one item must start in the same column, and so must the '- ' of one list; indent with spaces only",
    ]),
    ("syntax-colon.yaml", [
        "{f}:1:14: error: unexpected ':' (a colon followed by a space)",
        '    if the text contains \': \', put the whole value in quotes, e.g. title: "Russia: an empire"; otherwise check this line\'s indentation',
    ]),
    ("syntax-missing-colon.yaml", [
        "{f}:2:1: error: expected 'name: value' on this line",
        "    a field needs a colon and a space after its name; a list item needs '- ' (a dash and a space); or this line is indented differently from its neighbours",
    ]),
    ("syntax-star.yaml", [
        "{f}:4:21: error: a value cannot start with '*' or '&' unless it is in quotes",
        '    YAML reads *name as an alias: put the whole value in quotes, e.g. summary: "*Italic* words first"',
    ]),
    ("syntax-tab.yaml", [
        '{f}:4:1: error: a tab character: YAML indentation must use spaces',
        '    replace the tab with spaces (most editors can insert spaces when Tab is pressed)',
    ]),
    ("syntax-text-after-quote.yaml", [
        '{f}:1:21: error: text after a closing quote',
        '    put the whole value inside the quotes',
    ]),
    ("syntax-two-documents.yaml", [
        "{f}:2:1: error: a second YAML document ('---') in the file",
        "    a unit file holds one document: remove the second '---' line or split the file",
    ]),
    ("syntax-unclosed-bracket.yaml", [
        "{f}:6:1: error: the '[' opened at line 5, column 25 is not closed properly",
        "    close it with ']' and separate items with ', '; put items that contain ':' or ',' in quotes",
    ]),
    ("syntax-unclosed-quote.yaml", [
        '{f}:1:8: error: this quote is never closed',
        '    add the closing quote at the end of the text; to put a " inside "...", write \\" (or use single quotes around the text)',
    ]),
    ("three-errors.yaml", [
        '{f}:4:5: error: unknown field \'summry\' in section 1 ("One")',
        "    did you mean 'summary'?",
        "{f}:9:17: error: answer 'Kyakhta' is not one of the choices of question 1 of section 1",
        '    give the exact text of one of the choices, or its letter (A to B)',
        "{f}:13:16: error: 'lines' in question 2 of section 1 must be from 1 to 300, not -1",
        '    about 28 lines fill a page; longer answer space continues on the next page',
    ]),
    ("top-level-list.yaml", [
        '{f}:1:1: error: the top level of a unit must be fields (title:, sections:, ...), not a list',
        "    start the file with 'title: ...' at the beginning of a line",
    ]),
    ("top-level-text.yaml", [
        "{f}:1:1: error: the top level of a unit must be fields (title:, sections:, ...), not text ('Just some text')",
        "    start the file with 'title: ...' at the beginning of a line",
    ]),
    ("unknown-field-other-type.yaml", [
        "{f}:9:9: error: unknown field 'choices' in question 1 of section 1",
        "    'choices' belongs to multiple_choice questions; this one is short_answer",
    ]),
    ("unknown-field.yaml", [
        '{f}:11:5: error: unknown field \'key_term\' in section 2 ("Unequal Beginnings")',
        "    did you mean 'key_terms'?",
        '{f}:14:5: error: unknown field \'colour\' in section 2 ("Unequal Beginnings")',
        '    the fields of a section are: title, summary, key_terms, timeline, figures, documents, questions, timeline_exercises',
    ]),
    ("unknown-question-type.yaml", [
        "{f}:6:15: error: unknown question type 'multiple-choice' in question 1 of section 1",
        "    did you mean 'multiple_choice'?",
        "{f}:10:15: error: unknown question type 'mcq' in question 2 of section 1",
        "    did you mean 'multiple_choice'?",
        "{f}:12:15: error: unknown question type 'riddle' in question 3 of section 1",
        '    the types are: multiple_choice, true_false, short_answer, essay, fill_in_blank, matching, ordering',
        "{f}:14:9: error: question 4 of section 1 has no 'type'",
        '    add type: one of multiple_choice, true_false, short_answer, essay, fill_in_blank, matching, ordering',
    ]),
    ("utf16.yaml", [
        '{f}:1:1: error: not UTF-8 text: the file starts with a UTF-16 byte-order mark',
        '    save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)',
    ]),
    ("warn-long-summary.yaml", [
        '{f}:4:14: warning: the summary of section 1 ("Long") is very long (1,520 words)',
        '    more than 1,500 words is hard to study from; consider splitting the section',
    ]),
    ("figure-no-alt.yaml", [
        "{f}:6:9: error: missing required field 'alt' in figure 1 of section 1",
        "    add 'alt:', a short description of the image for readers who cannot see it (required: a tagged "
        "PDF reads it aloud in the image's place)",
    ]),
    ("warn-no-questions.yaml", [
        '{f}:3:5: warning: section 1 ("Quiet") has no questions',
        "    add a few review questions under 'questions:'",
    ]),
    ("warn-unused-term.yaml", [
        "{f}:6:15: warning: key term 'Triple Intervention' is not used by any question",
        "    ask about it in a question: its name (or one of its 'also' names) in a prompt, choice, pair, item or answer",
    ]),
    ("wrong-bool.yaml", [
        "{f}:2:12: error: 'key_dates' in the unit must be true or false, not text ('sometimes')",
        '    write true or false',
        "{f}:9:17: error: 'answer' in question 1 of section 1 must be true or false, not text ('maybe')",
        '    write true or false',
        "{f}:12:17: error: 'answer' in question 2 of section 1 must be true or false, not text ('true')",
        '    remove the quotes',
    ]),
    ("wrong-number.yaml", [
        "{f}:9:16: error: 'lines' in question 1 of section 1 must be a whole number, not text ('five')",
        "{f}:13:16: error: 'lines' in question 2 of section 1 must be a whole number, not text ('20')",
        '    remove the quotes',
        "{f}:17:16: error: 'lines' in question 3 of section 1 must be from 1 to 300, not 301",
        '    about 28 lines fill a page; longer answer space continues on the next page',
        "{f}:21:16: error: 'lines' in question 4 of section 1 must be from 1 to 300, not 0",
        '    about 28 lines fill a page; longer answer space continues on the next page',
        "{f}:22:17: error: 'points' in question 4 of section 1 must be a whole number, not a decimal number (2.5)",
    ]),
    ("wrong-type-nested.yaml", [
        "{f}:2:13: error: 'objectives' in the unit must be a list, not text ('Learn things.')",
        "    write it as a list: one item per line, each starting with '- ' (or [a, b] on one line)",
        "{f}:7:9: error: key term 1 of section 1 must be fields (term:, definition: ...), not text ('Aigun')",
        "    write each field on its own line as 'name: value'",
        '{f}:8:15: error: \'timeline\' in section 1 ("One") must be a list, not a number (1858)',
        "    write it as a list: one item per line, each starting with '- ' (or [a, b] on one line)",
    ]),
    ("wrong-type.yaml", [
        "{f}:1:8: error: 'title' in the unit must be text, not a list",
        "    write it as one text; for several paragraphs use '|' and indent the lines below it",
        "{f}:3:3: error: 'sections' in the unit must be a list, not a group of fields",
        "    a list has one item per line, each starting with '- '",
    ]),
    ('alias-error.yaml', [
        "{f}:13:5: error: key term 'Treaty of Aigun' is already defined at line 7",
        "    define each term once; put other names or spellings under 'also'",
    ]),
    ('invisible-required.yaml', [
        "{f}:1:8: error: 'title' in the unit is empty",
        '{f}:4:14: error: \'summary\' in section 1 ("Choices") is empty',
        "{f}:8:25: error: choice 2 of question 1 of section 1 repeats choice 1 ('A\\u200cmur')",
        '    each choice must be different',
    ]),
    ('markup-in-plain.yaml', [
        '{f}:3:12: warning: \'title\' in section 1 ("The **Amur** border") prints as typed: ** and * are not markup here',
        '    remove the stars; bold and italic work in summaries, definitions, prompts and answers, not in titles, labels and citations',
        "{f}:7:16: warning: 'label' in timeline event 1 of section 1 prints as typed: ** and * are not markup here",
        '    remove the stars; bold and italic work in summaries, definitions, prompts and answers, not in titles, labels and citations',
        '{f}:13:16: warning: other name 1 of key term 1 of section 1 prints as typed: ** and * are not markup here',
        '    remove the stars; bold and italic work in summaries, definitions, prompts and answers, not in titles, labels and citations',
        "{f}:19:12: warning: 'title' in source 1 prints as typed: ** and * are not markup here",
        '    remove the stars; bold and italic work in summaries, definitions, prompts and answers, not in titles, labels and citations',
        "{f}:20:10: error: 'url' in source 1 must be a web or mail address (http:, https: or mailto:), not 'javascript:alert(1)' (scheme: 'javascript:')",
        "    write the full address as a browser shows it, e.g. https://example.org/page; a book or an archive file has no url: name it in 'title' or 'note'",
    ]),
    ('yaml-bool-maybe.yaml', [
        "{f}:8:17: error: 'maybe' is not a valid !!bool value",
        '    write true or false, without the tag',
        "{f}:12:16: error: 'many' is not a valid !!int value",
        '    remove the tag, or correct the value',
    ]),
    ('yaml-line-separator.yaml', [
        '{f}:1:17: error: the invisible character U+2028 (LINE SEPARATOR) is not allowed: YAML reads it as the end of a line',
        '    delete it, or put a space in its place (it often comes from copying text out of a PDF or a word processor)',
        '{f}:4:29: error: the invisible character U+0085 (NEXT LINE) is not allowed: YAML reads it as the end of a line',
        '    delete it, or put a space in its place (it often comes from copying text out of a PDF or a word processor)',
    ]),
]


def test_every_bad_fixture_is_in_the_table() -> None:
    assert sorted(name for name, _ in EXPECTED) == sorted(p.name for p in (ROOT / BAD).glob("*.yaml"))


@pytest.mark.parametrize("name, lines", EXPECTED, ids=[name for name, _ in EXPECTED])
def test_bad_fixture_prints_exactly(name: str, lines: list[str], monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    path = str(BAD / name)
    status = run_validate([path])
    out = capsys.readouterr().out
    assert out.splitlines() == [line.replace("{f}", path) for line in lines]
    has_error = any(": error: " in line for line in lines)
    assert status == (1 if has_error else 0)


def test_the_cli_prints_every_fixture_in_one_run() -> None:
    """`studyguide validate tests/fixtures/bad` prints the whole table, file by file."""
    result = subprocess.run([sys.executable, "-m", "studyguide", "validate", str(BAD)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    expected = [line.replace("{f}", str(BAD / name)) for name, lines in sorted(EXPECTED) for line in lines]
    assert result.stdout.splitlines() == expected
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_three_different_errors_print_three_problems() -> None:
    unit, problems = load_unit(ROOT / BAD / "three-errors.yaml")
    assert unit is None
    assert len(problems) == 3 and all(p.is_error for p in problems)


def test_issue_example_message() -> None:
    _, problems = load_unit(ROOT / BAD / "unknown-field.yaml")
    first = problems[0]
    assert first.message == "unknown field 'key_term' in section 2 (\"Unequal Beginnings\")"
    assert first.hint == "did you mean 'key_terms'?"
    assert (first.pos.line, first.pos.col) == (11, 5)


# --- valid units ---------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(UNITS.glob("*.yaml")), ids=lambda p: p.name)
def test_valid_fixture_units_load_without_errors(path: Path) -> None:
    unit, problems = load_unit(path)
    assert unit is not None, [p.format() for p in problems]
    assert not [p for p in problems if p.is_error]


def test_only_the_minimal_unit_has_a_warning() -> None:
    for path in sorted(UNITS.glob("*.yaml")):
        _, problems = load_unit(path)
        expected = ["section 1 (\"The Only Section\") has no questions"] if path.name == "minimal.yaml" else []
        assert [p.message for p in problems] == expected, path.name


def test_implicit_typing_traps_read_as_typed() -> None:
    unit, _ = load_unit(UNITS / "typing-traps.yaml")
    assert unit is not None
    assert (unit.title, unit.subtitle, unit.course, unit.edition) == ("1984", "2001-09-11", "yes", "1.10")
    section = unit.sections[0]
    assert section.title == "no"
    short, choice, blank, true_false = section.questions
    assert isinstance(short, ShortAnswer) and short.answer == "no"
    assert isinstance(choice, MultipleChoice) and choice.choices == ("yes", "no", "1984") and choice.answer == 2
    assert isinstance(blank, FillInBlank) and blank.answer == "1858-05-28"
    assert isinstance(true_false, TrueFalse) and true_false.answer is True


def test_bce_unit_models_dates_figures_and_additions() -> None:
    unit, _ = load_unit(UNITS / "ancient-greece.yaml")
    assert unit is not None
    assert unit.paper == "a4" and unit.timeline_exercises == ("ordering", "label") and unit.key_dates
    first, second = unit.sections
    assert first.timeline[0].date == HistDate(-499) and first.timeline[0].end == HistDate(-493)
    assert first.timeline[2].date.display == "around 500 BCE"
    assert second.timeline[1].date == HistDate(-480, 8)
    assert unit.eras[1].start == HistDate(-492)
    assert [t.also for t in first.key_terms] == [("σατράπης",), ("πόλις", "poleis")]
    figure = first.figures[0]
    assert isinstance(figure, Figure)
    assert figure.image == UNITS / "images" / "aegean.png" and figure.image.is_absolute()
    assert second.figures[0].image.name == "harbour.jpg"
    assert unit.sources[0].date == HistDate(-430, approximate=True)
    assert unit.questions[0].lines == 15  # type: ignore[union-attr]


def test_japanese_unit() -> None:
    unit, _ = load_unit(UNITS / "meiji-japanese.yaml")
    assert unit is not None
    assert unit.language == "ja" and unit.key_dates is False
    assert unit.sections[0].timeline[0].date == HistDate(1867, 11, 9)
    q = unit.sections[0].questions[0]
    assert isinstance(q, MultipleChoice) and q.answer == 0
    assert unit.sources[0].date == HistDate(2001, 4)


def test_positions_are_kept_for_every_field() -> None:
    unit, _ = load_unit(UNITS / "ancient-greece.yaml")
    assert unit is not None
    path = str(UNITS / "ancient-greece.yaml")
    assert unit.pos_of("title") == Pos(path, 2, 8)
    section = unit.sections[0]
    assert section.pos == Pos(path, 28, 5)
    mc = section.questions[0]
    assert mc.pos_of("answer") == Pos(path, 60, 17)
    assert mc.where["choices[1]"] == Pos(path, 59, 29)
    assert section.key_terms[1].pos_of("also[0]") == Pos(path, 40, 16)


def test_path_is_kept_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    unit, _ = load_unit(Path("tests/fixtures/units/minimal.yaml"))
    assert unit is not None
    assert unit.path == Path("tests/fixtures/units/minimal.yaml")
    assert unit.pos.path == "tests/fixtures/units/minimal.yaml"


def test_real_content_loads() -> None:
    for path in sorted((ROOT / "content").glob("*.yaml")):
        unit, problems = load_unit(path)
        assert unit is not None, [p.format() for p in problems]


# --- small cases built on the fly ---------------------------------------------------------

BASE = """title: T
sections:
  - title: S
    summary: Text.
    questions:
{questions}
"""


def _load(tmp_path: Path, text: str, name: str = "unit.yaml") -> tuple[object, list[str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    unit, problems = load_unit(path)
    return unit, [p.format().replace(str(path), "U") for p in problems]


@pytest.mark.parametrize("answer, index", [("B", 1), ("b", 1), ("(b)", 1), ("B)", 1), ("Nerchinsk", 1),
                                           ("  nerchinsk ", 1), ("A", 0), ("1858", 2)])
def test_multiple_choice_answer_forms(tmp_path: Path, answer: str, index: int) -> None:
    q = f"""      - type: multiple_choice
        prompt: Which?
        choices: [Aigun, Nerchinsk, 1858]
        answer: "{answer}\""""
    unit, problems = _load(tmp_path, BASE.format(questions=q))
    assert problems == []
    assert unit.sections[0].questions[0].answer == index  # type: ignore[attr-defined]


def test_fill_in_blank_is_stored_as_one_blank(tmp_path: Path) -> None:
    q = """      - type: fill_in_blank
        prompt: Vladivostok was founded in ______.
        answer: 1860"""
    unit, problems = _load(tmp_path, BASE.format(questions=q))
    assert problems == []
    q0 = unit.sections[0].questions[0]  # type: ignore[attr-defined]
    assert q0.prompt == f"Vladivostok was founded in {BLANK}." and q0.answer == "1860"


def test_defaults(tmp_path: Path) -> None:
    q = """      - type: short_answer
        prompt: Why?
        answer: Because.
      - type: essay
        prompt: Why?
        answer: Because."""
    unit, problems = _load(tmp_path, BASE.format(questions=q))
    assert problems == []
    assert unit.language == "en" and unit.paper == "letter" and unit.key_dates is True  # type: ignore[attr-defined]
    assert [q.lines for q in unit.sections[0].questions] == [3, 12]  # type: ignore[attr-defined]


def test_empty_optional_fields_count_as_absent(tmp_path: Path) -> None:
    text = "title: T\nsubtitle:\ncourse: ~\nobjectives:\nsections:\n  - title: S\n    summary: Text.\n    questions: []\n"
    unit, problems = _load(tmp_path, text)
    assert unit is not None
    assert unit.subtitle is None and unit.course is None and unit.objectives == ()  # type: ignore[attr-defined]
    assert problems == ['U:6:5: warning: section 1 ("S") has no questions\n    add a few review questions under \'questions:\'']


def test_empty_list_item_is_an_error(tmp_path: Path) -> None:
    text = "title: T\nobjectives:\n  - Learn.\n  -\nsections:\n  - title: S\n    summary: Text.\n"
    _, problems = _load(tmp_path, text)
    assert problems[0] == "U:4:4: error: objective 2 is empty\n    write something after the '- ', or delete the line"


def test_review_questions_are_named_so(tmp_path: Path) -> None:
    text = BASE.format(questions="      - {type: true_false, prompt: P, answer: true}") + \
        "questions:\n  - {type: ordering, prompt: P, items: [a]}\n"
    _, problems = _load(tmp_path, text)
    assert problems == ["U:8:40: error: 'items' in review question 1 needs at least two items, not 1"]


def test_a_span_may_end_in_the_year_it_starts(tmp_path: Path) -> None:
    text = "title: T\nsections:\n  - title: S\n    summary: Text.\n    timeline:\n" \
           "      - {date: 1969-03-02, end: 1969, label: L}\n      - {date: 1858, end: 1858, label: M}\n"
    unit, problems = _load(tmp_path, text)
    assert unit is not None, problems


def test_duplicate_key_reported_and_rest_still_checked(tmp_path: Path) -> None:
    text = "title: T\ntitle: U\nsections:\n  - title: S\n    summry: x\n"
    _, problems = _load(tmp_path, text)
    assert [p.splitlines()[0] for p in problems] == [
        "U:2:1: error: duplicate field 'title' (already given at line 1)",
        "U:5:5: error: unknown field 'summry' in section 1 (\"S\")",
    ]


def test_key_term_used_through_its_other_name(tmp_path: Path) -> None:
    text = """title: T
sections:
  - title: S
    summary: Text.
    key_terms:
      - {term: Treaty of Aigun, definition: D, also: [瑷珲条约]}
    questions:
      - {type: short_answer, prompt: 什么是瑷珲条约？, answer: A treaty.}
"""
    unit, problems = _load(tmp_path, text)
    assert unit is not None and problems == []


# --- images ---------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png(width: int, height: int) -> bytes:
    """A real (decodable) 1-bit grey PNG of any size, compressed row by row."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    z = zlib.compressobj(9)
    data = b"".join(z.compress(row) for _ in range(height)) + z.flush()
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + _chunk(b"IDAT", data) + _chunk(b"IEND", b""))


FIGURE = """title: T
sections:
  - title: S
    summary: Text.
    questions: [{{type: true_false, prompt: P, answer: true}}]
    figures:
      - image: {image}
        alt: A.
"""


def test_a_huge_image_is_refused_with_its_size_and_the_fix(tmp_path: Path) -> None:
    (tmp_path / "huge.png").write_bytes(_png(20000, 20000))
    unit, problems = _load(tmp_path, FIGURE.format(image="huge.png"))
    assert unit is None
    assert problems == [
        "U:7:16: error: image 'huge.png' in figure 1 of section 1 is 20000x20000 pixels (400 megapixels); "
        "the limit is 100 megapixels\n"
        "    scale it down: a full page at 300 dpi needs no more than about 2500x3300 pixels"]


def test_a_large_image_within_the_limit_is_fine(tmp_path: Path) -> None:
    (tmp_path / "big.png").write_bytes(_png(9000, 9000))
    unit, problems = _load(tmp_path, FIGURE.format(image="big.png"))
    assert problems == [] and unit is not None


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(_png(2, 2))
    unit_dir = tmp_path / "unit"
    unit_dir.mkdir()
    (unit_dir / "map.png").symlink_to(outside)
    (unit_dir / "inside.png").write_bytes(_png(2, 2))
    (unit_dir / "alias.png").symlink_to(unit_dir / "inside.png")
    _, problems = _load(unit_dir, FIGURE.format(image="map.png"))
    assert problems[0].startswith("U:7:16: error: image 'map.png' in figure 1 of section 1 is outside the unit's folder")
    assert "a link to a file outside" in problems[0]
    unit, problems = _load(unit_dir, FIGURE.format(image="alias.png"))
    assert problems == [] and unit.sections[0].figures[0].image == (unit_dir / "inside.png").resolve()  # type: ignore[attr-defined]


def test_a_symlink_loop_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "a.png").symlink_to(tmp_path / "b.png")
    (tmp_path / "b.png").symlink_to(tmp_path / "a.png")
    _, problems = _load(tmp_path, FIGURE.format(image="a.png"))
    assert len(problems) == 1 and ": error: image 'a.png'" in problems[0]


def _jpeg() -> bytes:
    return bytes((ROOT / "tests/fixtures/units/images/harbour.jpg").read_bytes())


@pytest.mark.parametrize("data, words", [
    (b"", "is an empty file"),
    (_png(4, 4)[:-12], "damaged or incomplete (the file ends before the image data is complete)"),
    (_png(4, 4)[:33] + _chunk(b"IEND", b""), "damaged or incomplete (no image data)"),
    (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", 0, 5, 8, 2, 0, 0, 0)), "its size is 0x5 pixels"),
    (_jpeg()[:300], "damaged or incomplete"),
    (_jpeg()[:-2], "damaged or incomplete"),
    (b"\xff\xd8\xff\xd9", "damaged or incomplete"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "is a WebP image"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "is an SVG drawing"),
    (b"%PDF-1.4\n", "is a PDF document"),
    (b"\x00\x00\x00\x18ftypheic", "is a HEIC photo"),
])
def test_image_problems(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(data)
    problem = image_problem(path)
    assert problem is not None and words in problem[0]


def test_good_images_pass() -> None:
    assert image_problem(UNITS / "images" / "aegean.png") is None
    assert image_problem(UNITS / "images" / "harbour.jpg") is None


def test_jpeg_with_trailing_data_passes(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(_jpeg() + b"\x00" * 64)
    assert image_problem(path) is None


def test_figure_is_frozen_and_replaceable() -> None:
    unit, _ = load_unit(UNITS / "ancient-greece.yaml")
    assert unit is not None
    figure = unit.sections[0].figures[0]
    assert dataclasses.replace(figure, caption="x").image == figure.image


@pytest.mark.parametrize("field, value, message", [
    ("lines", "1" * 5000, "'lines' in question 1 of section 1 must be from 1 to 300, not 11111111111111111..."),
    ("points", "-" + "9" * 30, "'points' in question 1 of section 1 must be from 0 to 1000, not -9999999999999999..."),
])
def test_enormous_numbers_are_errors_not_crashes(tmp_path: Path, field: str, value: str, message: str) -> None:
    q = f"      - {{type: short_answer, prompt: P, answer: A, {field}: {value}}}"
    _, problems = _load(tmp_path, BASE.format(questions=q))
    assert problems[0].splitlines()[0].endswith(message)


@pytest.mark.parametrize("value", ["1" * 5000, "'c. " + "1" * 5000 + "'", "9" * 20])
def test_enormous_dates_are_errors_not_crashes(tmp_path: Path, value: str) -> None:
    text = f"title: T\nsections:\n  - title: S\n    summary: x\n    timeline:\n      - {{date: {value}, label: L}}\n"
    unit, problems = _load(tmp_path, text)
    assert unit is None and problems[0].startswith("U:6:16: error: 'date' in timeline event 1 of section 1 is not a valid date")


def test_a_fill_in_answer_counts_as_asking_about_a_term(tmp_path: Path) -> None:
    unit = tmp_path / "u.yaml"
    unit.write_text(
        "title: T\nsections:\n  - title: S\n    summary: x\n"
        "    key_terms:\n      - {term: Lev Karakhan, definition: A Soviet diplomat.}\n"
        "      - {term: Unasked, definition: Never asked about.}\n"
        "    questions:\n"
        "      - {type: fill_in_blank, prompt: \"The official was Lev ___.\", answer: Karakhan}\n",
        encoding="utf-8")
    _, problems = load_unit(unit)
    assert [p.message for p in problems] == ["key term 'Unasked' is not used by any question"]
