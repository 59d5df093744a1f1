"""How a model class declares its YAML form: `field(metadata=content(...))` per field.

The model dataclasses are the single declaration of the content format. A field's type
annotation and default say what it holds; `content(doc, ...)` adds what a teacher reads
about it and the constraints the annotation cannot say (a number's range, a list item's
noun). From that, `obj_of(cls)` derives the `Obj` table that `validate` reads YAML with
and `schema` renders as JSON Schema and as the field tables of docs/content-format.md.

Fields without `content` metadata (`pos`, `where`, a unit's `path`) are not written in YAML.
A class may list `extra_fields` (YAML-only fields its check folds into other attributes,
such as an event's `display`) and `field_order` (the order teachers see, when it differs
from the constructor's).
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import MISSING, dataclass
from pathlib import Path
from typing import Any, Callable, Literal, Union

from .dates import HistDate


@dataclass(frozen=True)
class Text:
    """Text as typed; `markup` says whether **bold** and *italic* mean anything in it."""

    markup: bool = True
    pattern: str | None = None


@dataclass(frozen=True)
class Int:
    minimum: int
    maximum: int


@dataclass(frozen=True)
class Bool:
    pass


@dataclass(frozen=True)
class Date:
    pass


@dataclass(frozen=True)
class ImagePath:
    pass


@dataclass(frozen=True)
class Choice:
    values: tuple[str, ...]


@dataclass(frozen=True)
class ListOf:
    item: "Spec"
    noun: str  # what one item is called in messages: "choice", "key term"
    min_items: int = 0


@dataclass(frozen=True)
class QuestionRef:
    """One of the question objects, chosen by `type`."""


@dataclass(frozen=True)
class Field:
    name: str
    spec: "Spec"
    doc: str
    required: bool = False
    default: object = None


@dataclass(frozen=True)
class Obj:
    name: str  # its name under $defs: key_term, or a question's kind
    noun: str  # what it is called in messages
    doc: str
    fields: tuple[Field, ...]
    # the model class it builds; None: a table of named plain texts, kept as sorted
    # (name, text) pairs (a unit's labels)
    cls: type | None = dataclasses.field(default=None, compare=False, repr=False)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def spec_of(self, name: str) -> Spec:
        f = self.field(name)
        assert f is not None, f"{self.name} has no field {name}"
        return f.spec

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]


Spec = Union[Text, Int, Bool, Date, ImagePath, Choice, ListOf, Obj, QuestionRef]

TEXT = Text()
PLAIN = Text(markup=False)
_META = "studyguide"  # the metadata key of a content field


@dataclass(frozen=True)
class _Meta:
    doc: str
    plain: bool = False
    pattern: str | None = None
    range: tuple[int, int] | None = None
    choices: tuple[str, ...] | None = None
    noun: str | None = None
    min_items: int = 0
    spec: Spec | Callable[[], Spec] | None = None


def content(doc: str, *, plain: bool = False, pattern: str | None = None, range: tuple[int, int] | None = None,
            choices: tuple[str, ...] | None = None, noun: str | None = None, min_items: int = 0,
            spec: Spec | Callable[[], Spec] | None = None) -> dict[str, Any]:
    """The metadata of a content field, `field(default=..., metadata=content(doc, ...))`:
    `doc` for teachers (schema, docs, 'add ...' hints), plus constraints.

    plain: text without markup; pattern: a regular expression text must match;
    range: (min, max) of a whole number; choices: the texts a `str` may be;
    noun, min_items: what one item of a list is called in messages, and how many are needed;
    spec: how YAML writes it, when that differs from the attribute (a choice's letter, an index),
    or a function returning that, called when the format is first needed.
    """
    return {_META: _Meta(doc, plain, pattern, range, choices, noun, min_items, spec)}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def kind_of(cls: type) -> str | None:
    """The `type` a question class is written with in YAML (its `kind` default)."""
    f = getattr(cls, "__dataclass_fields__", {}).get("kind")
    return f.default if f is not None and isinstance(f.default, str) and f.default else None


def _spec(tp: Any, meta: _Meta, where: str) -> Spec:
    if callable(meta.spec):
        return meta.spec()
    if meta.spec is not None:
        return meta.spec
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType) and len(args) == 1:
        return _spec(args[0], meta, where)
    if tp is str:
        if meta.choices:
            return Choice(meta.choices)
        return Text(markup=not meta.plain, pattern=meta.pattern)
    if tp is bool:
        return Bool()
    if tp is int:
        assert meta.range, f"{where}: a whole number needs range=(min, max)"
        return Int(*meta.range)
    if tp is HistDate:
        return Date()
    if tp is Path:
        return ImagePath()
    if origin is Literal:
        return Choice(tuple(typing.get_args(tp)))
    if origin is tuple:
        assert meta.noun, f"{where}: a list needs noun= (what one item is called in messages)"
        item_meta = dataclasses.replace(meta, noun=None, min_items=0)
        return ListOf(_spec(typing.get_args(tp)[0], item_meta, where), meta.noun, meta.min_items)
    if origin in (Union, types.UnionType) and all(kind_of(a) for a in args):
        return QuestionRef()
    if dataclasses.is_dataclass(tp):
        return obj_of(tp)  # type: ignore[arg-type]
    raise TypeError(f"{where}: no YAML form for {tp!r}; give content(spec=...)")


_OBJS: dict[type, Obj] = {}


def obj_of(cls: type) -> Obj:
    """The YAML form of a model class: its content fields, in the order teachers see them.
    One object per class, so `obj is obj_of(Section)` works."""
    if cls not in _OBJS:
        _OBJS[cls] = _derive(cls)
    return _OBJS[cls]


def _derive(cls: type) -> Obj:
    hints = typing.get_type_hints(cls)
    own: list[Field] = []
    later: list[Field] = []  # keyword-only fields (a question's points) come after its own
    for f in dataclasses.fields(cls):
        meta = f.metadata.get(_META)
        if meta is None:
            continue
        required = f.default is MISSING and f.default_factory is MISSING
        default = None if required or f.default in ((), None) else f.default
        field = Field(f.name, _spec(hints[f.name], meta, f"{cls.__name__}.{f.name}"), meta.doc, required, default)
        (later if f.kw_only else own).append(field)
    fields = own + later + list(getattr(cls, "extra_fields", ()))
    kind = kind_of(cls)
    if kind:
        fields.insert(0, Field("type", Choice((kind,)), "the question type", required=True))
    order = getattr(cls, "field_order", None)
    if order is not None:
        by_name = {f.name: f for f in fields}
        assert sorted(order) == sorted(by_name), \
            f"{cls.__name__}.field_order must name each content field once: {sorted(by_name)}"
        fields = [by_name[name] for name in order]
    doc = cls.__doc__ or ""
    assert doc and not doc.startswith(cls.__name__ + "("), f"{cls.__name__} needs a docstring (its schema description)"
    noun = getattr(cls, "noun", None) or _snake(cls.__name__).replace("_", " ")
    return Obj(kind or _snake(cls.__name__), noun, " ".join(doc.split()), tuple(fields), cls)
