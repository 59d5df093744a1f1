"""Safe, position-keeping YAML: bytes of one unit file in, a small node tree out.

Why not `yaml.safe_load`: it loses every line number, silently keeps the last of two
equal keys, and decides types for us (`answer: no` becomes False). Here PyYAML only
*composes* (the safe resolver and composer, never a constructor, so no tag can build an
object), and we convert its nodes into `Scalar`/`Seq`/`Map`, which keep the text as
typed, the resolved tag and the 1-based position of every key and value. Readers in
`validate` then decide what each text means where it is used.

Limits (see docs/content-format.md) are checked while composing, before a hostile file
can cost memory or time: size before reading, then depth, node count and aliases,
counting what aliases would expand to (the "billion laughs" attack).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import yaml
from yaml.events import AliasEvent, CollectionStartEvent

from .files import NotRegularFile, cause, open_regular
from .problems import Pos, Problem, error

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 50
MAX_ALIASES = 100
MAX_NODES = 100_000

_STD = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "value"))
INVALID = "invalid"  # tag of a node already reported (a refused tag): readers skip it quietly


@dataclass(frozen=True)
class Scalar:
    text: str  # exactly as typed (after YAML's own folding and unescaping)
    tag: str  # short resolved tag: str, int, float, bool, null, timestamp, value, or INVALID
    pos: Pos
    quoted: bool = False  # written in quotes or as a | > block: surely text

    @property
    def is_null(self) -> bool:
        return self.tag == "null"


@dataclass(frozen=True)
class Seq:
    items: tuple["Node", ...]
    pos: Pos


@dataclass(frozen=True)
class Entry:
    key: str
    key_pos: Pos
    value: "Node"


@dataclass(frozen=True)
class Map:
    entries: tuple[Entry, ...]
    pos: Pos
    broken: bool = False  # a key was refused ('<<', a list as a key): fields may be missing
    _index: dict[str, Entry] = field(default_factory=dict, compare=False, repr=False)

    def get(self, key: str) -> Entry | None:
        return self._index.get(key)


Node = Union[Scalar, Seq, Map]


def visible(text: str, limit: int = 40) -> str:
    """Text for a message: control, format (invisible: U+200B, U+200C, bidi controls) and
    lone surrogate characters escaped, so two texts that look alike show how they differ;
    long text cut."""
    text = "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cf", "Cs") and ch not in "\n\t"
                   else ch for ch in text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe(node: Node) -> str:
    """What a value is, in words a teacher knows, for 'must be X, not Y' messages."""
    if isinstance(node, Seq):
        return "a list"
    if isinstance(node, Map):
        return "a group of fields"
    shown = visible(node.text)
    return {
        "null": "empty",
        "bool": f"true/false ({shown})",
        "int": f"a number ({shown})",
        "float": f"a decimal number ({shown})",
        "timestamp": f"a date ({shown})",
    }.get(node.tag, f"text ('{shown}')")


# --- reading the file -------------------------------------------------------------


def load_yaml(path: Path) -> tuple[Node | None, list[Problem]]:
    """Read one file and compose it; the node is None when any error was found."""
    name = str(path)
    start = Pos(name, 1, 1)
    try:
        with open_regular(path) as f:  # a FIFO or device is refused before it is read
            size = os.fstat(f.fileno()).st_size
            if size > MAX_BYTES:
                return None, [_too_large(name, size)]
            data = f.read(MAX_BYTES + 1)
    except NotRegularFile as exc:
        return None, [error(Pos(name), cause(exc))]
    except OSError as exc:
        return None, [error(Pos(name), f"cannot read the file: {cause(exc)}")]
    if len(data) > MAX_BYTES:  # it grew since stat
        return None, [_too_large(name, len(data))]
    text, problem = decode(data, name)
    if problem:
        return None, [problem]
    assert text is not None
    if not text.strip():
        return None, [error(start, "the file is empty",
                            "a unit needs at least a title and one section; "
                            "`studyguide new \"Title\"` writes a starter unit")]
    return parse_yaml(text, name)


def _too_large(name: str, size: int) -> Problem:
    return error(Pos(name, 1, 1),
                 f"the file is too large for a unit ({size / 1024 / 1024:.1f} MB; the limit is "
                 f"{MAX_BYTES // 1024 // 1024} MB)",
                 "split it into several units; images belong in their own files next to it")


def decode(data: bytes, name: str) -> tuple[str | None, Problem | None]:
    """UTF-8 (a BOM is fine) or a problem naming the first bad byte and its offset."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, error(Pos(name, 1, 1), "not UTF-8 text: the file starts with a UTF-16 byte-order mark",
                           "save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)")
    skip = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        return data[skip:].decode("utf-8"), None
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        line_start = data.rfind(b"\n", 0, offset) + 1
        line = data.count(b"\n", 0, offset) + 1
        col = len(data[line_start:offset].decode("utf-8", "replace")) + 1
        if line == 1:
            col -= 1 if skip else 0  # editors do not show the BOM
        return None, error(
            Pos(name, line, col),
            f"not UTF-8 text: byte 0x{data[offset]:02X} at byte offset {offset} cannot be read",
            "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8); "
            "it was probably written as Latin-1 or Windows-1252")


_LINE_BREAKS = {"\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR", "\x85": "NEXT LINE"}


def _line_break_problems(text: str, name: str) -> list[Problem]:
    """YAML ends a line at U+2028, U+2029 and U+0085, editors do not: every position after
    one would be wrong, and the text would be cut in two. Each is reported where an editor
    shows it."""
    problems = []
    for i, ch in enumerate(text):
        if ch in _LINE_BREAKS:
            line = text.count("\n", 0, i) + 1
            col = i - (text.rfind("\n", 0, i) + 1) + 1
            problems.append(error(Pos(name, line, col),
                                  f"the invisible character U+{ord(ch):04X} ({_LINE_BREAKS[ch]}) is not allowed: "
                                  "YAML reads it as the end of a line",
                                  "delete it, or put a space in its place (it often comes from copying text "
                                  "out of a PDF or a word processor)"))
    return problems


def parse_yaml(text: str, name: str) -> tuple[Node | None, list[Problem]]:
    """Compose `text` with the safe loader, enforce the limits, convert to our nodes."""
    text = text.removeprefix("\ufeff")
    breaks = _line_break_problems(text, name)
    if breaks:
        return None, breaks
    root = _compose_fast(text)  # a well-formed file: libyaml's parser (ten times faster)
    loader: _Composer | None = None
    try:
        if root is None:  # anything else, and the exact messages: PyYAML's own
            loader = _Composer(text)
            root = loader.get_single_node()
    except _LimitError as exc:
        return None, [error(_pos(name, exc.mark), exc.message, exc.hint)]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, name)]
    except yaml.reader.ReaderError as exc:
        return None, [_reader_problem(exc, text, name)]
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        return None, [error(Pos(name, 1, 1), "the file has no content (only comments)",
                            "a unit needs at least a title and one section")]
    converter = _Converter(name)
    node = converter.convert(root)
    problems = converter.problems
    if not isinstance(node, Map):
        if not problems:
            problems.append(error(node.pos, "the top level of a unit must be fields (title:, sections:, ...), "
                                            f"not {describe(node)}",
                                  "start the file with 'title: ...' at the beginning of a line"))
        return None, problems
    # Refused tags and duplicate keys leave a usable tree: the caller goes on to find more.
    return node, problems


def _pos(name: str, mark: yaml.Mark | None) -> Pos:
    if mark is None:
        return Pos(name, 1, 1)
    return Pos(name, mark.line + 1, mark.column + 1)


# --- composing within limits ----------------------------------------------------


class _LimitError(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str, hint: str):
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


class _Alias:
    """An alias as it appears in the file: the node it repeats and where `*name` is written,
    so a problem inside the repeated value is reported at the alias that repeats it."""

    def __init__(self, target: yaml.Node, mark: yaml.Mark):
        self.target, self.start_mark = target, mark
        self.tag = target.tag


class _Limits(yaml.composer.Composer):
    """The composer, counting depth, aliases and expanded nodes as it goes.

    Each node's expanded size is known when it is finished, so an alias adds the size of
    what it would expand to without expanding anything.
    """

    def _start_counting(self) -> None:
        self._depth = 0
        self._aliases = 0
        self._count = 0
        self._size: dict[int, int] = {}
        self._open_anchors: list[str] = []

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _LimitError(event.start_mark, f"too many aliases (more than {MAX_ALIASES} '*' references)",
                                  "write the values out; a unit never needs this many aliases")
            if event.anchor in self._open_anchors:
                raise _LimitError(event.start_mark, f"alias '*{event.anchor}' refers to a value that contains it",
                                  "an alias cannot repeat the list or fields it is written inside")
            node = super().compose_node(parent, index)
            size = self._size.get(id(node), 1)
            self._add(size, event.start_mark)
            alias = _Alias(node, event.start_mark)
            self._size[id(alias)] = size
            return alias
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _LimitError(event.start_mark, f"the file is nested more than {MAX_DEPTH} levels deep",
                              "a unit needs fewer than ten levels; check the indentation")
        self._add(1, event.start_mark)
        anchor = event.anchor if isinstance(event, CollectionStartEvent) else None
        if anchor:
            self._open_anchors.append(anchor)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
            if anchor:
                self._open_anchors.pop()
        if isinstance(node, yaml.SequenceNode):
            self._size[id(node)] = 1 + sum(self._size.get(id(c), 1) for c in node.value)
        elif isinstance(node, yaml.MappingNode):
            self._size[id(node)] = 1 + sum(self._size.get(id(k), 1) + self._size.get(id(v), 1)
                                           for k, v in node.value)
        return node

    def _add(self, n: int, mark: yaml.Mark | None) -> None:
        self._count += n
        if self._count > MAX_NODES:
            raise _LimitError(mark, f"the file has more than {MAX_NODES:,} values (counting what aliases repeat)",
                              "a unit this large cannot be printed; split it, and write values out "
                              "instead of repeating them with aliases")


class _Composer(_Limits, yaml.SafeLoader):
    """SafeLoader (PyYAML's pure-Python reader, scanner and parser) with the limits: its
    error marks carry the text our messages quote."""

    def __init__(self, text: str):
        yaml.SafeLoader.__init__(self, text)
        self._start_counting()


def _compose_fast(text: str) -> yaml.Node | None:
    """The file's node tree from libyaml's parser when PyYAML has it (the same events, scanned
    in C), or None on any problem at all, including a limit: the caller then composes the
    file again with `_Composer`, so what is reported never depends on the parser. Files with
    tabs or empty plain values go to `_Composer` directly (libyaml lets tabs pass and places
    empty values elsewhere); libyaml also reads a few flow constructs PyYAML refuses ('[9?]')."""
    if not getattr(yaml, "__with_libyaml__", False) or "\t" in text:  # libyaml lets tabs pass
        return None

    class Fast(_Limits, yaml.CSafeLoader):  # our composer over libyaml's parser events
        def __init__(self, text: str):
            yaml.CSafeLoader.__init__(self, text)
            yaml.composer.Composer.__init__(self)
            self._start_counting()

        def compose_scalar_node(self, anchor):
            node = super().compose_scalar_node(anchor)
            node.style = node.style or None  # libyaml says '' for a plain scalar, PyYAML None
            if node.style is None and not node.value:
                raise ValueError("an empty value: libyaml places it elsewhere than PyYAML")
            return node

    loader = Fast(text)
    try:
        return loader.get_single_node()
    except Exception:
        return None
    finally:
        loader.dispose()


# --- converting PyYAML nodes ------------------------------------------------------------

_CHECKED_TAGS = ("bool", "int", "float", "null", "timestamp")
_RESOLVER = yaml.resolver.Resolver()


def _implicit_tag(text: str) -> str:
    """The tag YAML would give `text` written plainly (what an explicit tag must agree with)."""
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))


def _join_surrogates(text: str) -> str:
    """JSON-style escapes of a character beyond U+FFFF ("\\ud83d\\ude00", valid YAML 1.2)
    arrive as two surrogates: join each pair into the one character it stands for. A lone
    surrogate stays, and the reader reports it."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return re.sub("[\ud800-\udbff][\udc00-\udfff]",
                  lambda m: m.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le"), text)


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_STD):] if tag.startswith(_STD) else tag


class _Converter:
    """PyYAML nodes to ours: refuse foreign tags and duplicate keys, keep positions."""

    def __init__(self, name: str):
        self.name = name
        self.problems: list[Problem] = []
        self._memo: dict[tuple[int, Pos | None], Node] = {}
        self._at: Pos | None = None  # inside an alias: every position is the alias's

    def pos(self, node: yaml.Node) -> Pos:
        return self._at or _pos(self.name, node.start_mark)

    def convert(self, node: yaml.Node | _Alias) -> Node:
        if isinstance(node, _Alias):
            outer = self._at
            self._at = outer or _pos(self.name, node.start_mark)
            try:
                return self.convert(node.target)
            finally:
                self._at = outer
        key = (id(node), self._at)
        done = self._memo.get(key)
        if done is not None:  # the same alias again: share, do not copy
            return done
        result = self._convert(node)
        self._memo[key] = result
        return result

    def _convert(self, node: yaml.Node) -> Node:
        pos = self.pos(node)
        if node.tag not in ALLOWED_TAGS:
            self.problems.append(error(
                pos, f"tag '{_show_tag(node.tag)}' is not allowed",
                "a unit holds only text, numbers, true/false, dates, lists and fields; "
                "remove the tag (to write text starting with '!', put it in quotes)"))
            return Scalar("", INVALID, pos)
        if isinstance(node, yaml.ScalarNode):
            tag = node.tag[len(_STD):]
            text = _join_surrogates(node.value)
            if tag in _CHECKED_TAGS and _implicit_tag(text) != node.tag:
                self.problems.append(error(
                    pos, f"'{visible(text)}' is not a valid !!{tag} value",
                    {"bool": "write true or false, without the tag",
                     "null": "leave the value out, without the tag"}.get(tag, "remove the tag, or correct the value")))
                return Scalar("", INVALID, pos)
            return Scalar(text, tag, pos, quoted=node.style is not None)
        if isinstance(node, yaml.SequenceNode):
            return Seq(tuple(self.convert(item) for item in node.value), pos)
        assert isinstance(node, yaml.MappingNode)
        entries: list[Entry] = []
        index: dict[str, Entry] = {}
        broken = False
        for key_node, value_node in node.value:
            key_node = key_node.target if isinstance(key_node, _Alias) else key_node
            key_pos = self.pos(key_node)
            if key_node.tag == _STD + "merge":
                self.problems.append(error(key_pos, "merge keys ('<<') are not supported",
                                           "write the fields out in full"))
                broken = True
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in ALLOWED_TAGS:
                self.problems.append(error(key_pos, "a field name must be a plain word",
                                           "write 'name: value', with the name as plain text"))
                broken = True
                continue
            key = key_node.value
            value = self.convert(value_node)
            first = index.get(key)
            if first is not None:
                self.problems.append(error(
                    key_pos, f"duplicate field '{visible(key)}' (already given at line {first.key_pos.line})",
                    "YAML would silently keep only the last one; remove or rename one of them"))
                continue
            entry = Entry(key, key_pos, value)
            index[key] = entry
            entries.append(entry)
        return Map(tuple(entries), pos, broken, index)


# --- syntax errors in plain words -----------------------------------------------------------


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    """Translate PyYAML's message for the usual mistakes; keep its position."""
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    ctx_mark = exc.context_mark
    at = _pos(name, mark)
    line_text = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    before = line_text[: mark.column] if mark else ""

    if "'\\t'" in problem:
        return error(at, "a tab character: YAML indentation must use spaces",
                     "replace the tab with spaces (most editors can insert spaces when Tab is pressed)")
    if "quoted scalar" in context and "end of stream" in problem and ctx_mark:
        return error(_pos(name, ctx_mark), "this quote is never closed",
                     "add the closing quote at the end of the text; to put a \" inside \"...\", "
                     "write \\\" (or use single quotes around the text)")
    if "unknown escape character" in problem:
        return error(at, f"unknown escape {problem.split('character ')[-1].strip()} inside \"double quotes\"",
                     "write \\\\ for a backslash, or put the text in 'single quotes', where \\ is plain")
    if "mapping values are not allowed" in problem:
        return error(at, "unexpected ':' (a colon followed by a space)",
                     "if the text contains ': ', put the whole value in quotes, e.g. "
                     "title: \"Russia: an empire\"; otherwise check this line's indentation")
    if "simple key" in context and "expected ':'" in problem and ctx_mark:
        return error(_pos(name, ctx_mark), "expected 'name: value' on this line",
                     "a field needs a colon and a space after its name; a list item needs '- ' "
                     "(a dash and a space); or this line is indented differently from its neighbours")
    if "alias" in context or "undefined alias" in problem or "anchor" in context:
        return error(at, "a value cannot start with '*' or '&' unless it is in quotes",
                     "YAML reads *name as an alias: put the whole value in quotes, e.g. "
                     "summary: \"*Italic* words first\"")
    found = re.search(r"found character '(.)' that cannot start any token", problem)
    if found:
        return error(at, f"a value cannot start with '{found.group(1)}' unless it is in quotes",
                     f"put the whole value in quotes, e.g. \"{found.group(1)}...\"")
    if "single document" in context:
        return error(at, "a second YAML document ('---') in the file",
                     "a unit file holds one document: remove the second '---' line or split the file")
    flow = re.search(r"expected ',' or '([\]}])'", problem)
    if flow and ctx_mark:
        opener = "[" if flow.group(1) == "]" else "{"
        return error(at, f"the '{opener}' opened at line {ctx_mark.line + 1}, column {ctx_mark.column + 1} "
                         f"is not closed properly",
                     f"close it with '{flow.group(1)}' and separate items with ', '; "
                     "put items that contain ':' or ',' in quotes")
    if "expected <block end>" in problem:
        if "<scalar>" in problem and before.rstrip().endswith(('"', "'")):
            return error(at, "text after a closing quote",
                         "put the whole value inside the quotes")
        begun = f" (the block began at line {ctx_mark.line + 1})" if ctx_mark else ""
        return error(at, f"this line's indentation does not match the lines above it{begun}",
                     "fields of one item must start in the same column, and so must the '- ' of "
                     "one list; indent with spaces only")
    if "did not find expected" in problem or "expected <document start>" in problem:
        return error(at, f"YAML syntax error: {problem}",
                     "check the indentation of this line and the one before it")
    detail = f" ({context} at line {ctx_mark.line + 1})" if context and ctx_mark else ""
    return error(at, f"YAML syntax error: {problem}{detail}",
                 "the usual causes: indentation, an unclosed quote, or ': ' inside text that is "
                 "not in quotes")


def _reader_problem(exc: yaml.reader.ReaderError, text: str, name: str) -> Problem:
    """A character YAML does not allow anywhere (NUL, most control characters)."""
    index = max(0, min(exc.position, len(text)))
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    return error(Pos(name, line, col), f"the invisible character U+{char:04X} is not allowed in a YAML file",
                 "delete it (it often comes from copying text out of a PDF or a word processor)")
