"""Hostile inputs and conditions, one class of bug per test: huge and special files, links,
terminal escapes in names, invisible characters, environment variables, the chart cache."""

from __future__ import annotations

import json
import shutil
import os
import struct
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from studyguide.images import MAX_BYTES, image_problem
from studyguide.invisible import comparable, is_blank, printed
from studyguide.problems import Pos, error, shown
from studyguide.validate import load_unit

ROOT = Path(__file__).resolve().parent.parent
UNITS = ROOT / "tests" / "fixtures" / "units"


def cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "studyguide", *args], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=300)


def write_unit(path: Path, body: str) -> Path:
    path.write_text(body, encoding="utf-8")
    return path


def messages(path: Path) -> list[str]:
    return [p.format() for p in load_unit(path)[1]]


# --- images and special files ------------------------------------------------------------


def _jpeg_header() -> bytes:
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 100, 100, 1) + b"\x01\x11\x00"
    return b"\xff\xd8\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x00" * 9 + sof


def test_a_huge_sparse_image_is_refused_by_its_size_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.jpg"
    with open(path, "wb") as f:
        f.write(_jpeg_header())
        f.truncate(3 * 1024 ** 3)  # 3 GB, sparse: costs nothing on disk
    tracemalloc.start()
    problem = image_problem(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert problem == ("is too large (3072 MB; the limit is 50 MB per image)",
                       "save it smaller: a JPEG of a full page at 300 dpi needs under 10 MB")
    assert peak < 1024 * 1024


def test_a_jpeg_under_the_limit_is_walked_in_blocks_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "padded.jpg"
    scan = b"\xff\xda" + struct.pack(">H", 8) + b"\x01\x01\x00\x00\x3f\x00"
    with open(path, "wb") as f:
        f.write(_jpeg_header() + scan)
        f.truncate(MAX_BYTES - 10)  # zeros as 'image data', then no end marker
    tracemalloc.start()
    problem = image_problem(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert problem is not None and "the file ends before the image data is complete" in problem[0]
    assert peak < 8 * 1024 * 1024


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_device_as_an_image_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    (tmp_path / "images").mkdir()
    image = tmp_path / "images" / "map.png"
    if kind == "fifo":
        os.mkfifo(image)
        what = "a FIFO, a named pipe"
    else:
        image.symlink_to("/dev/zero")
        what = "a device"
    unit = write_unit(tmp_path / "u.yaml", "title: T\nsections:\n  - title: S\n    summary: x\n"
                      "    figures:\n      - {image: images/map.png, alt: A map, caption: C}\n")
    found = [m for m in messages(unit) if "map.png" in m]
    if kind == "device":  # a link to /dev leaves the unit's folder: refused before it is opened
        assert "outside the unit's folder" in found[0]
        return
    assert found == [f"{unit}:6:17: error: image 'images/map.png' in figure 1 of section 1 is not a "
                     f"regular file (it is {what})\n    give the name of a PNG or JPEG file"]


def test_a_fifo_among_the_fonts_does_not_hang_the_build(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    os.mkfifo(fonts / "evil.ttf")
    os.mkfifo(tmp_path / "direct.ttf")
    result = cli("build", str(UNITS / "minimal.yaml"), "-o", str(tmp_path / "o"), "-j1", "-q",
                 env={"STUDYGUIDE_FONTS": f"{fonts}:{tmp_path / 'direct.ttf'}"})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "o" / "minimal.pdf").exists()


def test_a_fifo_as_a_unit_and_in_a_unit_folder(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    result = cli("validate", str(tmp_path))
    assert result.stdout == f"{tmp_path}/pipe.yaml: error: not a regular file (it is a FIFO, a named pipe)\n"


# --- links --------------------------------------------------------------------------------


@pytest.mark.parametrize("url, scheme", [
    ("javascript:alert(1)", "'javascript:'"), ("file:///etc/passwd", "'file:'"),
    ("data:text/html,hi", "'data:'"), ("#sec-1", "none"), ("www.example.org", "none"),
])
def test_a_source_url_must_be_http_https_or_mailto(tmp_path: Path, url: str, scheme: str) -> None:
    unit = write_unit(tmp_path / "u.yaml", "title: T\nsections:\n  - title: S\n    summary: x\n"
                      f"sources:\n  - title: A book\n    url: {json.dumps(url)}\n")
    assert [m for m in messages(unit) if "'url'" in m] == [
        f"{unit}:7:10: error: 'url' in source 1 must be a web or mail address (http:, https: or mailto:), "
        f"not '{url}' (scheme: {scheme})\n"
        "    write the full address as a browser shows it, e.g. https://example.org/page; a book or an "
        "archive file has no url: name it in 'title' or 'note'"]


@pytest.mark.parametrize("url", ["https://example.org/a?b=1", "HTTP://EXAMPLE.ORG", "mailto:a@b.org"])
def test_web_and_mail_addresses_are_fine(tmp_path: Path, url: str) -> None:
    unit = write_unit(tmp_path / "u.yaml", "title: T\nsections:\n  - title: S\n    summary: x\n"
                      f"sources:\n  - title: A book\n    url: {json.dumps(url)}\n")
    assert not [m for m in messages(unit) if "'url'" in m]


# --- terminal safety ----------------------------------------------------------------------


def test_shown_escapes_control_and_bidi_characters() -> None:
    assert shown("a\x1b[2Jb\u202ec\r\x85d\u2028e") == "a\\x1b[2Jb\\u202ec\\x0d\\x85d\\u2028e"
    assert shown("瑷珲 Ελλάδα العربية") == "瑷珲 Ελλάδα العربية"


def test_problems_escape_paths_messages_and_hints() -> None:
    p = error(Pos("evil\x1b[2J.yaml", 1, 2), "bad \u202evalue", "fix\x1b]0;x\x07 it\nsecond line")
    assert p.format() == ("evil\\x1b[2J.yaml:1:2: error: bad \\u202evalue\n    fix\\x1b]0;x\\x07 it\n"
                          "    second line")


def test_a_unit_named_with_escape_sequences_prints_them_escaped(tmp_path: Path) -> None:
    name = "x\x1b[2J\x1b[31m\u202eevil.yaml"
    (tmp_path / name).write_text("title: T\n", encoding="utf-8")
    (tmp_path / "o").mkdir()
    for args in (["validate", "."], ["build", ".", "-o", "o", "-j1"]):
        result = cli(*args, cwd=tmp_path)
        out = result.stdout + result.stderr
        assert "\x1b" not in out and "\u202e" not in out
        assert "x\\x1b[2J\\x1b[31m\\u202eevil.yaml" in out


def test_an_ascii_terminal_gets_every_line_and_no_traceback(tmp_path: Path) -> None:
    src = tmp_path / "瑷珲条约.yaml"
    src.write_text((UNITS / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    for args in (["build", str(src), "-o", str(tmp_path / "o"), "-j1"], ["validate", str(src)]):
        result = cli(*args, env={"PYTHONIOENCODING": "ascii"})
        assert "Traceback" not in result.stderr
        assert "\\u7477\\u73f2" in result.stdout + result.stderr
    assert (tmp_path / "o" / "瑷珲条约.pdf").exists()


# --- invisible characters ------------------------------------------------------------------


def test_invisible_rules() -> None:
    assert printed("co\u00adop\u200beration") == "cooperation"
    assert printed("a\u200db") == "a\u200db"  # a joiner shapes scripts and emoji: kept
    for blank in ("\u200b", "\u2800", "\u3164", " \u200b\u2060 ", "\u00ad"):
        assert is_blank(blank), repr(blank)
    assert not is_blank("a\u200b")
    assert comparable("Pa\u200bris ") == comparable("paris") != comparable("Pariss")


def test_required_text_of_invisible_characters_is_empty(tmp_path: Path) -> None:
    unit = write_unit(tmp_path / "u.yaml", 'title: "\\u200b\\u2800"\nsections:\n  - title: "\\u3164"\n'
                      '    summary: x\n')
    assert messages(unit) == [f"{unit}:1:8: error: 'title' in the unit is empty",
                              f"{unit}:3:12: error: 'title' in section 1 (\"\u3164\") is empty"]


def test_choices_that_differ_only_by_invisible_characters_repeat(tmp_path: Path) -> None:
    unit = write_unit(tmp_path / "u.yaml", "title: T\nsections:\n  - title: S\n    summary: x\n"
                      "    questions:\n      - type: multiple_choice\n        prompt: Which?\n"
                      '        choices: [Paris, "Pa\\u200cris", Rome]\n        answer: Rome\n')
    assert messages(unit) == [
        f"{unit}:8:26: error: choice 2 of question 1 of section 1 repeats choice 1 ('Pa\\u200cris')\n"
        "    each choice must be different"]


def test_soft_hyphens_and_zero_width_spaces_never_reach_the_pdf(tmp_path: Path) -> None:
    import pdfplumber

    unit = write_unit(tmp_path / "u.yaml", (
        'title: "Co\\u00adoperation"\nsections:\n  - title: "Trea\\u00adties"\n'
        '    summary: "A zero\\u200bwidth space and a soft\\u00adhyphen."\n'
        "    timeline:\n"
        '      - {date: 1689, label: "Nerch\\u00adinsk"}\n      - {date: 1727, label: "Kyakh\\u00adta"}\n'
        "    questions:\n      - type: short_answer\n"
        '        prompt: "Why\\u200b did it hold?"\n        answer: "Trade\\u00adroutes."\n'))
    out = tmp_path / "o"
    assert cli("build", str(unit), "-o", str(out), "-j1", "-q").returncode == 0
    for pdf in ("u.pdf", "u-teacher.pdf"):
        with pdfplumber.open(out / pdf) as doc:
            text = "\n".join(page.extract_text() or "" for page in doc.pages)
        assert "\u00ad" not in text and "\u200b" not in text
        assert "Cooperation" in text and "Nerchinsk" in text and "softhyphen" in text
        assert "Co-operation" not in text and "Nerch-insk" not in text
    with pdfplumber.open(out / "u-teacher.pdf") as doc:
        assert "Traderoutes." in "".join(page.extract_text() or "" for page in doc.pages)


# --- environment -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "-5", "99999999999999", "1.5"])
def test_a_bad_source_date_epoch_names_the_variable(tmp_path: Path, value: str) -> None:
    result = cli("build", str(UNITS / "minimal.yaml"), "-o", str(tmp_path / "o"),
                 env={"SOURCE_DATE_EPOCH": value})
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        f"SOURCE_DATE_EPOCH: error: the environment variable SOURCE_DATE_EPOCH is '{value}', which is "
        "not a number of seconds from 1970 to 9999 (0 to 253402300799)",
        "    set it to a whole number such as 1767225600 (git log -1 --format=%ct), or unset it to date "
        "the PDFs now: unset SOURCE_DATE_EPOCH"]
    assert "bug in studyguide" not in result.stderr and not (tmp_path / "o").exists()


# --- chart cache -------------------------------------------------------------------------------


def test_damaged_or_edited_cache_entries_are_misses(tmp_path: Path) -> None:
    from studyguide.charts import cache

    chart = {"width": 10.0, "ops": [["text", "Nerchinsk"]]}
    path = cache.store(tmp_path, "k", chart)
    assert cache.load(tmp_path, "k") == chart
    entry = json.loads(path.read_text(encoding="utf-8"))
    assert entry["format"] == cache.FORMAT and len(entry["sha256"]) == 64
    edited = path.read_text(encoding="utf-8").replace("Nerchinsk", "FORGED")
    path.write_text(edited, encoding="utf-8")
    assert cache.load(tmp_path, "k") is None  # edited text never reaches a PDF
    for damage in (b"", b"{", b"\xff\xfe", b"[]", json.dumps({**entry, "format": 1}).encode()):
        path.write_bytes(damage)
        assert cache.load(tmp_path, "k") is None
    path.unlink()
    os.mkfifo(path)
    assert cache.load(tmp_path, "k") is None  # and no hang


def test_a_build_repairs_a_damaged_cache(tmp_path: Path) -> None:
    src = UNITS / "ancient-greece.yaml"
    out = tmp_path / "o"
    assert cli("build", str(src), "-o", str(out), "-j1", "-q").returncode == 0
    first = (out / "ancient-greece.pdf").read_bytes()
    assert list((out / ".cache").glob("*.json"))
    for entry in (out / ".cache").glob("*.json"):
        entry.write_text(entry.read_text(encoding="utf-8")[:100], encoding="utf-8")
    again = cli("build", str(src), "-o", str(out), "-j1", "-q")
    assert again.returncode == 0, again.stderr
    assert (out / "ancient-greece.pdf").read_bytes() == first
    assert all(json.loads(e.read_text(encoding="utf-8")) for e in (out / ".cache").glob("*.json"))


# --- preview -------------------------------------------------------------------------------------


@pytest.mark.parametrize("data, message", [
    (b"", "is an empty file, not a PDF (build it again: make)"),
    (b"PK\x03\x04 not a pdf", "is not a PDF file (it does not start with %PDF-)"),
    (b"%PDF-1.4\n1 0 obj <<>> endobj\n", "is truncated: the PDF has no end (build it again: make)"),
])
def test_preview_refuses_what_is_not_a_complete_pdf(tmp_path: Path, data: bytes, message: str) -> None:
    pdf = tmp_path / "g.pdf"
    pdf.write_bytes(data)
    result = cli("preview", str(pdf), "-o", str(tmp_path / "p"))
    assert (result.returncode, result.stderr) == (1, f"{pdf}: error: {message}\n")


@pytest.mark.parametrize("dpi", ["0", "19", "601", "1500", "x"])
def test_preview_dpi_is_limited(tmp_path: Path, dpi: str) -> None:
    result = cli("preview", "x.pdf", "--dpi", dpi)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--dpi: " in result.stderr


# --- markup: one rule -----------------------------------------------------------------------


def test_three_stars_are_bold_italic_and_never_lost() -> None:
    from studyguide.text import Run, parse_inline, plain

    assert parse_inline("***both*** then *i* **b**") == [
        Run("both", True, True), Run(" then ", False, False), Run("i", False, True), Run(" ", False, False),
        Run("b", True, False)]
    assert plain("a ***b*** c") == "a b c"
    assert plain("*** not markup") == "*** not markup"
    assert plain("2 * 3 * 4") == "2 * 3 * 4"


def test_bold_italic_reaches_the_pdf_and_plain_fields_print_as_typed(tmp_path: Path) -> None:
    import pdfplumber

    unit = write_unit(tmp_path / "u.yaml", (
        "title: T\nsections:\n  - title: S\n    summary: Plain ***both*** plain.\n"
        "    timeline:\n      - {date: 1858, label: \"**Aigun**\"}\n      - {date: 1860, label: Peking}\n"
        "    questions:\n      - type: short_answer\n        prompt: Why?\n        answer: Because.\n"))
    out = tmp_path / "o"
    result = cli("build", str(unit), "-o", str(out), "-j1", "-q")
    assert result.returncode == 0, result.stderr
    assert "prints as typed" in result.stderr  # the warning for the label
    with pdfplumber.open(out / "u.pdf") as doc:
        chars = [c for page in doc.pages for c in page.chars]
        text = "".join(page.extract_text() or "" for page in doc.pages)
    both = [c["fontname"] for c in chars if c["text"] in "both"]
    assert any("BoldItalic" in f for f in both), set(both)
    assert "***" not in text
    assert text.count("**Aigun**") >= 2  # the chart and the key-dates list print it alike


# --- YAML corner cases ---------------------------------------------------------------------------


def test_a_json_style_surrogate_pair_escape_is_one_character(tmp_path: Path) -> None:
    unit = write_unit(tmp_path / "u.yaml", 'title: "Peace \\ud83d\\udd4a\\ufe0f"\nsections:\n  - title: S\n'
                      '    summary: "Treaty \\U0001F4DC"\n')
    loaded, problems = load_unit(unit)
    assert loaded is not None, problems
    assert loaded.title == "Peace \U0001F54A\ufe0f"


# --- process -------------------------------------------------------------------------------------


def test_ctrl_c_during_a_parallel_build_prints_one_line_and_exits_130(tmp_path: Path) -> None:
    import signal
    import time

    units = 24  # far more than finish before the interrupt, on a fast machine too
    for i in range(units):
        (tmp_path / f"u{i}.yaml").write_text((UNITS / "ancient-greece.yaml").read_text(encoding="utf-8"),
                                             encoding="utf-8")
    shutil.copytree(UNITS / "images", tmp_path / "images")
    full = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    # as from a terminal: a shell's background job (`make test &`) starts with Ctrl-C ignored,
    # which its children inherit, and a program whose SIGINT is ignored is right to go on
    proc = subprocess.Popen([sys.executable, "-m", "studyguide", "build", str(tmp_path), "-o",
                             str(tmp_path / "o"), "-j", "2"], env=full, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 90
    while not list((tmp_path / "o").glob("*.pdf")) and time.monotonic() < deadline:  # work is under way
        time.sleep(0.05)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does: the whole process group
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err == "studyguide: interrupted\n"
    written = list((tmp_path / "o").glob("*.pdf"))
    assert len(written) < 2 * units  # it stopped
    for pdf in written:
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF")


def test_new_with_bytes_that_are_not_text_leaves_nothing(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable.encode(), b"-m", b"studyguide", b"new", b"Bad \xff title", b"-o",
                             b"out"], cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT / "src"),
                                                         "LC_ALL": "C.UTF-8"},
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "studyguide new: the title 'Bad \\udcff title' contains '\\udcff', which is not a character (the "
        "terminal sent bytes that are not text in its encoding)")
    assert list(tmp_path.iterdir()) == []


def test_new_into_a_file_names_the_right_cause(tmp_path: Path) -> None:
    (tmp_path / "FILE").write_text("x")
    result = cli("new", "Hello", "-o", "FILE", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, "FILE: error: not a folder; -o names the folder the new "
                                                     "unit goes in (the file is named after the title: hello.yaml)\n")
    assert (tmp_path / "FILE").read_text() == "x"
