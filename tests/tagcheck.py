"""Reading a tagged PDF back the way assistive technology does, with independent tools.

pikepdf walks the structure tree; pdfplumber tells which marked-content sequence (page,
MCID) each character belongs to. Together they give the text in the tree's order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pikepdf
from pikepdf import Name

BLOCKS = {"H1", "H2", "H3", "H4", "P", "LBody", "Lbl", "TH", "TD", "Caption", "Link", "Figure", "Span"}


@dataclass
class Node:
    role: str
    alt: str | None = None
    actual: str | None = None
    lang: str | None = None
    scope: str | None = None
    mcrs: list[tuple[int, int]] = field(default_factory=list)   # (page index, MCID), in order
    kids: list = field(default_factory=list)                    # Node | (page, mcid) | "objr"
    objrs: int = 0

    def walk(self):
        yield self
        for k in self.kids:
            if isinstance(k, Node):
                yield from k.walk()

    def find(self, role: str) -> list["Node"]:
        return [n for n in self.walk() if n.role == role]


def _str(d, key) -> str | None:
    v = d.get(key)
    return None if v is None else str(v)


@lru_cache(maxsize=None)
def structure(path: Path) -> Node:
    with pikepdf.open(path) as pdf:
        pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        root = pdf.Root.StructTreeRoot

        def read(elem, page) -> Node:
            attrs = elem.get(Name.A)
            node = Node(str(elem.S)[1:], _str(elem, Name.Alt), _str(elem, Name.ActualText),
                        _str(elem, Name.Lang),
                        str(attrs.Scope)[1:] if attrs is not None and Name.Scope in attrs else None)
            if Name.Pg in elem:
                page = pages[elem.Pg.objgen]
            kids = elem.get(Name.K)
            if kids is None:
                return node
            if not isinstance(kids, pikepdf.Array):
                kids = [kids]
            for k in kids:
                if isinstance(k, int):
                    node.kids.append((page, int(k)))
                    node.mcrs.append((page, int(k)))
                elif k.get(Name.Type) == Name.MCR:
                    ref = (pages[k.Pg.objgen] if Name.Pg in k else page, int(k.MCID))
                    node.kids.append(ref)
                    node.mcrs.append(ref)
                elif k.get(Name.Type) == Name.OBJR:
                    node.kids.append("objr")
                    node.objrs += 1
                else:
                    node.kids.append(read(k, page))
            return node

        top = root.K
        top = top[0] if isinstance(top, pikepdf.Array) else top
        return read(top, None)


@lru_cache(maxsize=None)
def marked_texts(path: Path) -> dict[tuple[int, int | None], str]:
    """(page index, MCID) -> the text drawn in that sequence; MCID None: artifacts."""
    out: dict[tuple[int, int | None], str] = defaultdict(str)
    with pdfplumber.open(path) as pdf:
        for i, page in enumerate(pdf.pages):
            for ch in page.chars:
                out[(i, ch.get("mcid"))] += ch["text"]
    return dict(out)


def text_of(node: Node, texts) -> str:
    """What a screen reader says for `node`: /ActualText, a figure's /Alt, or its content."""
    if node.actual is not None:
        return node.actual
    if node.role == "Figure":
        return node.alt or ""
    parts = []
    for k in node.kids:
        if isinstance(k, Node):
            parts.append(text_of(k, texts))
        elif isinstance(k, tuple):
            parts.append(texts.get(k, ""))
    return "".join(parts)


def reading_order(path: Path) -> list[tuple[str, str]]:
    """(role, text) of each block-level element in the order of the structure tree."""
    texts = marked_texts(path)
    out: list[tuple[str, str]] = []

    def visit(node: Node) -> None:
        if node.role in BLOCKS:
            out.append((node.role, text_of(node, texts)))
            return
        for k in node.kids:
            if isinstance(k, Node):
                visit(k)

    visit(structure(path))
    return out
