"""Dataclass records to JSON values, and their JSON Schema from the same type hints.

One walk over `dataclasses.fields` serves both, so a field added to a record appears in
the JSON and in the schema at once (`make schema` writes the schema; a test fails when the
committed copy is stale).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any, Literal, Union

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://studyguide.invalid/schema/export.schema.json"


def to_data(value: Any) -> Any:
    """A record as plain JSON values; None fields are left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(v) for f in dataclasses.fields(value)
                if (v := getattr(value, f.name)) is not None}
    if isinstance(value, (tuple, list)):
        return [to_data(v) for v in value]
    return value


def dumps(record: Any) -> bytes:
    """Stable, readable UTF-8 JSON (sorted only by field order, so diffs stay small)."""
    return (json.dumps(to_data(record), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _optional(tp: Any) -> tuple[Any, bool]:
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return (rest[0] if len(rest) == 1 else Union[tuple(rest)]), True
    return tp, False


def _schema_of(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if origin is Literal:
        values = list(typing.get_args(tp))
        return {"const": values[0]} if len(values) == 1 else {"enum": values}
    if origin in (tuple, list):
        return {"type": "array", "items": _schema_of(typing.get_args(tp)[0], defs)}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        _define(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise TypeError(f"no JSON Schema for {tp!r}")


def _define(cls: type, defs: dict[str, Any]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # reserve the name: records may refer to each other
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    required: list[str] = []
    for f in dataclasses.fields(cls):
        tp, optional = _optional(hints[f.name])
        prop = {"description": f.metadata["doc"], **_schema_of(tp, defs)}
        props[f.name] = prop
        if not optional:
            required.append(f.name)
    body: dict[str, Any] = {"type": "object"}
    if cls.__doc__ and not cls.__doc__.startswith(f"{cls.__name__}("):
        body["description"] = " ".join(cls.__doc__.split())
    body.update(properties=props, required=required, additionalProperties=False)
    defs[cls.__name__] = body


def json_schema(root: type) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    _define(root, defs)
    top = defs.pop(root.__name__)
    return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, "title": root.__name__, **top,
            "$defs": dict(sorted(defs.items()))}


def schema_text(root: type) -> str:
    return json.dumps(json_schema(root), ensure_ascii=False, indent=2) + "\n"
