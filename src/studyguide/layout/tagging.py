"""Tagged PDF (PDF/UA-1): the guide's structure tree and the marked content that fills it.

How a flowable tags itself
--------------------------
1. The story builds the *logical* tree while it builds the flowables: ``tree.root`` is the
   Document element and ``elem.add("H1")`` makes a child. Reading order is the order of the
   ``add`` calls, never the order things happen to be drawn in (chart labels, answer ink
   and table rules drawn late cannot scramble it).
2. A drawing flowable is given the element it fills: classes that mix in `Tagged` take
   ``tag=elem``; the mixin wraps ``drawOn`` in ``tree.marked(canvas, elem)``, which writes
   ``/H1 <</MCID n>> BDC ... EMC`` through the public ``canvas.addLiteral`` and records the
   MCID in the element. A flowable split over two pages keeps its element: both parts add
   marked content to it, so a paragraph split across pages stays one element.
3. Everything drawn outside a marked sequence is an /Artifact: each page is opened as an
   artifact and tagged content interrupts it. Decoration drawn *inside* a tagged flowable
   (rules, answer lines, circles) goes in ``with tree.artifact(canvas): ...``; running
   headers/footers use ``artifact(canvas, pagination="Footer")``.
4. A link annotation made while an element is open becomes (part of) a Link element: the
   open element itself if its role is Link, otherwise a new Link child. Its /Contents
   comes from ``elem.link_text`` or the URL.
5. After ReportLab has saved, `finish` writes the tree into the file with pikepdf: the
   StructTreeRoot, ParentTree, /StructParents, OBJRs, /MarkInfo, /Lang, XMP (dc:title,
   dc:language, pdfuaid:part) and ToUnicode maps without U+0000/FFFE/FEFF.

Marked-content sequences are never nested: opening an element closes whatever is open
(artifact or another element) and closing it reopens that one with a fresh MCID. Elements
that end up with no content (a table cell left empty) are dropped when the tree is written.
"""

from __future__ import annotations

import io
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator, Union

from .textflow import Paragraph  # ReportLab's, or ours where text must be shaped

from .reportlab_private import doc_template

__all__ = ["Element", "StructureTree", "Tagged", "TaggedParagraph", "finish"]


@dataclass(frozen=True)
class MCR:
    """Marked content of an element: sequence `mcid` on page `page` (1-based)."""
    page: int
    mcid: int


@dataclass(frozen=True)
class OBJR:
    """A link annotation of an element: the `index`-th link made on `page` (1-based)."""
    page: int
    index: int
    contents: str


@dataclass(eq=False)
class Element:
    """One structure element. Create with ``parent.add(role, ...)``, never directly."""

    role: str
    tree: "StructureTree" = field(repr=False)
    alt: str | None = None           # /Alt: figures, charts
    actual_text: str | None = None   # /ActualText: what a reader says instead of the content
    lang: str | None = None          # /Lang, where it differs from the document's
    scope: str | None = None         # TH: "Row" or "Column"
    colspan: int | None = None       # a table cell spanning columns
    link_text: str | None = None     # /Contents of links made inside this element
    kids: list[Union["Element", MCR, OBJR]] = field(default_factory=list, repr=False)

    def add(self, role: str, **kw) -> "Element":
        child = Element(role, self.tree, **kw)
        self.kids.append(child)
        return child

    def element(self, i: int) -> "Element":
        """Kid `i`, an element the caller added (not a content reference)."""
        kid = self.kids[i]
        assert isinstance(kid, Element)
        return kid

    def text_kids(self) -> Iterator["Element"]:
        return (k for k in self.kids if isinstance(k, Element))


_ARTIFACT = "artifact"


class StructureTree:
    """The structure of one PDF being drawn; owned by the document template.

    The document calls `page_begin` when a page starts and `page_end` before it is shown,
    and reports link annotations with `link`; flowables use `marked` and `artifact`.
    """

    def __init__(self, lang: str | None = None):
        self.lang = lang
        self.root = Element("Document", self)
        self._next_mcid: dict[int, int] = {}
        self._links: dict[int, int] = {}
        self._stack: list[Element | tuple[str, str | None]] = []  # open contexts, innermost last
        self._open: Element | tuple[str, str | None] | None = None  # what the stream has open now
        self._page: int | None = None
        self._registered: list[Element] = []

    def register(self, elem: Element) -> str:
        """A key that finds `elem` again from code that only has the canvas (onDraw callbacks)."""
        self._registered.append(elem)
        return str(len(self._registered) - 1)

    def registered(self, key: str) -> Element:
        return self._registered[int(key)]

    # -- the document's hooks --------------------------------------------------------
    def page_begin(self, canv) -> None:
        self._page = canv.getPageNumber()
        self._stack = [(_ARTIFACT, None)]
        self._switch(canv, self._stack[-1])

    def page_end(self, canv) -> None:
        self._switch(canv, None)
        self._stack = []
        self._page = None

    def link(self, canv, url: str | None = None) -> None:
        """A link annotation was just added to the current page: put it in a Link element."""
        page = canv.getPageNumber()
        index = self._links.get(page, 0)
        self._links[page] = index + 1
        holder = next((e for e in reversed(self._stack) if isinstance(e, Element)), self.root)
        link = holder if holder.role == "Link" else holder.add("Link")
        contents = holder.link_text or link.link_text or url or "Link within this document"
        link.kids.append(OBJR(page, index, contents))

    # -- the flowables' tools --------------------------------------------------------
    @contextmanager
    def marked(self, canv, elem: Element) -> Iterator[None]:
        """Draw the body's content as marked content of `elem`."""
        self._stack.append(elem)
        self._switch(canv, elem)
        try:
            yield
        finally:
            self._stack.pop()
            self._switch(canv, self._stack[-1] if self._stack else None)

    @contextmanager
    def artifact(self, canv, pagination: str | None = None) -> Iterator[None]:
        """Draw the body's content as an artifact (pagination: "Header"/"Footer"/None)."""
        ctx = (_ARTIFACT, pagination)
        self._stack.append(ctx)
        self._switch(canv, ctx)
        try:
            yield
        finally:
            self._stack.pop()
            self._switch(canv, self._stack[-1] if self._stack else None)

    # -- the content stream ----------------------------------------------------------
    def _switch(self, canv, target) -> None:
        if self._open is not None:
            canv.addLiteral("EMC")
        self._open = target
        if target is None:
            return
        if isinstance(target, Element):
            page = canv.getPageNumber()
            mcid = self._next_mcid.get(page, 0)
            self._next_mcid[page] = mcid + 1
            target.kids.append(MCR(page, mcid))
            canv.addLiteral(f"/{target.role} <</MCID {mcid}>> BDC")
        elif target[1]:
            canv.addLiteral(f"/Artifact <</Type /Pagination /Subtype /{target[1]}>> BDC")
        else:
            canv.addLiteral("/Artifact BMC")


class Tagged:
    """Mixin for a flowable that draws the content of one structure element.

    ``class TaggedParagraph(Tagged, Paragraph)``; construct with ``tag=elem``. Without a
    tag the flowable draws as before (and its content ends up an artifact).
    """

    tag: Element | None = None

    def __init__(self, *args, tag: Element | None = None, **kw):
        super().__init__(*args, **kw)
        self.tag = tag
        if tag is not None and hasattr(self, "read_in"):  # paragraphs: spans in other languages
            self.read_in(tag.lang or tag.tree.lang)

    def drawOn(self, canvas, x, y, _sW=0):
        if self.tag is None:
            return super().drawOn(canvas, x, y, _sW)
        with self.tag.tree.marked(canvas, self.tag):
            return super().drawOn(canvas, x, y, _sW)

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for part in parts:  # a split paragraph stays one element
            part.tag = self.tag
        return parts


class TaggedParagraph(Tagged, Paragraph):
    """A paragraph that is the content of one element (P, H1, LBody, TD, ...)."""


def structure_of(canv) -> StructureTree | None:
    """The structure tree of the document being drawn on `canv`, if it has one."""
    return getattr(doc_template(canv), "structure", None)


def registered(canv, key: str) -> Element | None:
    """The element registered under `key` in the tree of the document on `canv`."""
    tree = structure_of(canv)
    if tree is None or not key:
        return None
    return tree.registered(key)


def decoration(canv, tag: Element | None):
    """Context for decoration inside a (possibly untagged) flowable: an artifact if tagged."""
    if tag is None:
        return _nothing()
    return tag.tree.artifact(canv)


def marked(canv, tag: Element | None):
    """Context for one part of a flowable's drawing that is the content of `tag` (if any)."""
    if tag is None:
        return _nothing()
    return tag.tree.marked(canv, tag)


@contextmanager
def _nothing() -> Iterator[None]:
    yield


# --- writing the tree into the saved file --------------------------------------------

def finish(pdf: bytes, tree: StructureTree, title: str, lang: str, note: str | None = None) -> bytes:
    """The saved PDF with its structure tree and the PDF/UA document-level entries.

    pikepdf (qpdf) edits the finished file: ReportLab's object model has no structure tree,
    and writing one through its private classes would tie us to its internals. The output
    is byte-identical for the same input (the file ID is computed from the content).
    """
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        pages = doc.pages
        root_obj = doc.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        per_page: dict[int, dict[int, object]] = {}
        annots: list[tuple[Any, object]] = []
        links = _link_annotations(pages)

        def build(elem: Element, parent) -> object | None:
            d = doc.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + elem.role), P=parent))
            kids = Array()
            for kid in elem.kids:
                if isinstance(kid, Element):
                    child = build(kid, d)
                    if child is not None:
                        kids.append(child)
                elif isinstance(kid, MCR):
                    page = pages[kid.page - 1].obj
                    kids.append(Dictionary(Type=Name.MCR, Pg=page, MCID=kid.mcid))
                    per_page.setdefault(kid.page, {})[kid.mcid] = d
                else:
                    page = pages[kid.page - 1].obj
                    annot = links[kid.page][kid.index]
                    annot.Contents = String(kid.contents)
                    annots.append((annot, d))
                    kids.append(Dictionary(Type=Name.OBJR, Pg=page, Obj=annot))
            if not len(kids):
                return None
            d.K = kids
            if elem.alt is not None:
                d.Alt = String(elem.alt)
            if elem.actual_text is not None:
                d.ActualText = String(elem.actual_text)
            if elem.lang:
                d.Lang = String(elem.lang)
            if elem.scope or elem.colspan:
                d.A = Dictionary(O=Name.Table)
                if elem.scope:
                    d.A.Scope = Name("/" + elem.scope)
                if elem.colspan:
                    d.A.ColSpan = elem.colspan
            return d

        top = build(tree.root, root_obj)
        root_obj.K = Array([top] if top is not None else [])
        nums = Array()
        for number, page in enumerate(pages):
            page.obj.StructParents = number
            mcids = per_page.get(number + 1, {})
            nums.append(number)
            nums.append(doc.make_indirect(Array([mcids[i] for i in range(len(mcids))])))
            if links.get(number + 1):
                page.obj.Tabs = Name.S
        for key, (annot, elem) in enumerate(annots, len(pages)):
            annot.StructParent = key
            nums.append(key)
            nums.append(elem)
        root_obj.ParentTree = doc.make_indirect(Dictionary(Nums=nums))
        root_obj.ParentTreeNextKey = len(pages) + len(annots)
        _catalog(doc, root_obj, title, lang, note)
        _clean_to_unicode(doc)
        out = io.BytesIO()
        doc.save(out, deterministic_id=True)
    return out.getvalue()


def print_only(pdf: bytes, lang: str, note: str) -> bytes:
    """An untagged print product (booklet, flashcards): its metadata says it is print-only
    and names the tagged guide to read instead (XMP dc:description and the info Subject)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        with doc.open_metadata(set_pikepdf_as_editor=False) as meta:
            _load_docinfo(meta, doc)
            meta["dc:description"] = note
            meta["dc:language"] = [lang]
        doc.docinfo[pikepdf.Name.Subject] = note
        out = io.BytesIO()
        doc.save(out, deterministic_id=True)
    return out.getvalue()


def _link_annotations(pages) -> dict[int, list]:
    from pikepdf import Name

    found = {}
    for number, page in enumerate(pages, 1):
        found[number] = [a for a in page.obj.get(Name.Annots, []) if a.get(Name.Subtype) == Name.Link]
    return found


def _catalog(doc, struct_root, title: str, lang: str, note: str | None) -> None:
    from pikepdf import Dictionary, Name, String

    cat = doc.Root
    cat.StructTreeRoot = struct_root
    cat.MarkInfo = Dictionary(Marked=True)
    cat.Lang = String(lang)
    prefs = cat.get(Name.ViewerPreferences, Dictionary())
    prefs.DisplayDocTitle = True
    cat.ViewerPreferences = prefs
    with doc.open_metadata(set_pikepdf_as_editor=False) as meta:
        _load_docinfo(meta, doc)
        meta["dc:title"] = title
        meta["dc:language"] = [lang]
        meta["pdfuaid:part"] = "1"
        if note:
            meta["dc:description"] = note


def _load_docinfo(meta, doc) -> None:
    """XMP from the info dictionary (ReportLab's /Trapped has no XMP twin: not a problem)."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*has no XMP equivalent")
        meta.load_from_docinfo(doc.docinfo)


_BAD_TARGET = re.compile(rb"<(0000|FFFE|FEFF|fffe|feff)>")


def _clean_to_unicode(doc) -> None:
    """ToUnicode maps must not map codes to U+0000, U+FFFE or U+FEFF (PDF/UA-1 7.21.7).

    ReportLab's subsets reserve codes 0-31 and map them to U+0000; no text uses them, so
    those entries are dropped rather than invented.
    """
    from pikepdf import Name

    seen = set()
    for font in _fonts(doc):
        cmap = font.get(Name.ToUnicode)
        if cmap is None or cmap.objgen in seen:
            continue
        seen.add(cmap.objgen)
        data = cmap.read_bytes()
        if not _BAD_TARGET.search(data):
            continue
        cmap.write(_drop_bad_mappings(data))


def _fonts(doc):
    from pikepdf import Name

    for page in doc.pages:
        yield from _fonts_in(page.obj.get(Name.Resources), set())


def _fonts_in(resources, seen):
    from pikepdf import Name

    if resources is None:
        return
    for font in resources.get(Name.Font, {}).values():
        yield font
        for sub in font.get(Name.DescendantFonts, []):
            yield sub
    for xobj in resources.get(Name.XObject, {}).values():
        if xobj.objgen in seen or xobj.get(Name.Subtype) != Name.Form:
            continue
        seen.add(xobj.objgen)
        yield from _fonts_in(xobj.get(Name.Resources), seen)


_BFCHAR = re.compile(rb"(\d+) beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"(\d+) beginbfrange(.*?)endbfrange", re.S)
_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def _drop_bad_mappings(data: bytes) -> bytes:
    bad = {b"0000", b"FFFE", b"FEFF"}

    def chars(m: re.Match) -> bytes:
        pairs = [p for p in _PAIR.findall(m.group(2)) if p[1].upper() not in bad]
        body = b"".join(b"<%s> <%s>\n" % p for p in pairs)
        return b"%d beginbfchar\n%sendbfchar" % (len(pairs), body)

    def ranges(m: re.Match) -> bytes:
        kept = []
        for lo, hi, dst in _RANGE.findall(m.group(2)):
            if dst.upper() in bad:
                lo = b"%0*X" % (len(lo), int(lo, 16) + 1)  # the range's first code is the bad one
                dst = b"%0*X" % (len(dst), int(dst, 16) + 1)
                if int(lo, 16) > int(hi, 16):
                    continue
            kept.append((lo, hi, dst))
        body = b"".join(b"<%s> <%s> <%s>\n" % r for r in kept)
        return b"%d beginbfrange\n%sendbfrange" % (len(kept), body)

    return _BFRANGE.sub(ranges, _BFCHAR.sub(chars, data))
