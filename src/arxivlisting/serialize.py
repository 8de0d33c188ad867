"""Records to and from JSON-safe dicts, as exact inverses.

``to_dict`` turns any arxivlisting record into plain ``dict``/``list``/``str``/``int``/
``float``/``bool``/``None`` values: ids become their canonical string, datetimes ISO 8601
in UTC with a ``Z``, enums their value, tuples lists. ``from_dict(data, cls)`` rebuilds
the record, so ``from_dict(to_dict(r), type(r)) == r`` for every record. The one field
that may hold bytes, the raw line a Kaggle record was read from (``source``, not part of
equality), is written as UTF-8 text and read back as ``str``.

>>> import json
>>> from arxivlisting import Paper, ArxivId, to_dict, from_dict
>>> p = Paper(id=ArxivId.parse("hep-th/9108002v1"), title="0")
>>> d = to_dict(p)
>>> d["id"], d["title"], d["authors"]
('hep-th/9108002v1', '0', [])
>>> from_dict(json.loads(json.dumps(d)), Paper) == p
True
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from .ids import ArxivId

__all__ = ["from_dict", "to_dict"]

T = TypeVar("T")
_Codec = Callable[[Any], Any]


def to_dict(record: Any) -> dict[str, Any]:
    """Return ``record`` (any attrs record of this library) as a JSON-safe dict.

    >>> from arxivlisting import Author
    >>> to_dict(Author("Ada Lovelace", ["Analytical Society"]))["affiliations"]
    ['Analytical Society']
    """
    cls = type(record)
    if not attrs.has(cls):
        raise TypeError(f"to_dict expects an arxivlisting record, not {cls.__name__}")
    encode, _ = _record_codecs(cls)
    result: dict[str, Any] = encode(record)
    return result


def from_dict(data: Mapping[str, Any], cls: type[T]) -> T:
    """Rebuild a record of type ``cls`` from what :func:`to_dict` produced.

    Unknown keys are an error (they would otherwise be lost silently); missing keys take
    the field's default where it has one. A value of the wrong JSON type is a
    ``TypeError`` naming the field (a string is not a list of one, a number not a date);
    a value of the right type that does not parse (an invalid id, a naive datetime, an
    unknown defect kind) is a ``ValueError``.

    >>> from arxivlisting import Author
    >>> a = from_dict({"name": "Ada Lovelace", "affiliations": ["Analytical Society"]}, Author)
    >>> a.affiliations
    ('Analytical Society',)
    >>> from_dict({"name": "Ada Lovelace", "affiliations": "Analytical Society"}, Author)
    Traceback (most recent call last):
        ...
    TypeError: Author.affiliations: expected a list, got str 'Analytical Society'
    """
    if not attrs.has(cls):
        raise TypeError(f"from_dict expects an attrs record class, not {cls!r}")
    _, decode = _record_codecs(cls)
    result: T = decode(data)
    return result


def _format_datetime(value: _dt.datetime) -> str:
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _parse_datetime(text: str) -> _dt.datetime:
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    value = _dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"datetime {text!r} has no time zone")
    return value.astimezone(_dt.timezone.utc)


def _identity(value: Any) -> Any:
    return value


def _checked(value: Any, types_: type | tuple[type, ...]) -> Any:
    """``value`` when it is one of ``types_`` (JSON's types: bool is not a number here)."""
    if isinstance(value, types_) and (types_ is bool or not isinstance(value, bool)):
        return value
    names = types_.__name__ if isinstance(types_, type) else " or ".join(t.__name__ for t in types_)
    raise TypeError(f"expected {names}, got {type(value).__name__} {value!r:.60}")


def _sequence(value: Any) -> list[Any] | tuple[Any, ...]:
    if isinstance(value, (list, tuple)):
        return value
    raise TypeError(f"expected a list, got {type(value).__name__} {value!r:.60}")


def _one_of(value: Any, allowed: tuple[Any, ...]) -> Any:
    if value in allowed:
        return value
    raise ValueError(f"expected one of {list(allowed)!r}, got {value!r:.60}")


def _codecs_for(tp: Any) -> tuple[_Codec, _Codec]:
    """Encoder and decoder for one type annotation."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if set(args) == {str, bytes}:  # a raw source line, kept as read (Kaggle)
            return (
                lambda v: v.decode("utf-8", "surrogateescape") if isinstance(v, bytes) else v,
                lambda v: None if v is None else _checked(v, str),
            )
        if len(args) != 1:
            raise TypeError(f"unsupported union {tp!r}")
        enc, dec = _codecs_for(args[0])
        return (
            lambda v: None if v is None else enc(v),
            lambda v: None if v is None else dec(v),
        )
    if origin is tuple:
        items = typing.get_args(tp)
        if len(items) == 2 and items[1] is Ellipsis:
            enc, dec = _codecs_for(items[0])
            return (
                lambda v: [enc(x) for x in v],
                lambda v: tuple(dec(x) for x in _sequence(v)),
            )
        codecs = [_codecs_for(a) for a in items]
        return (
            lambda v: [c[0](x) for c, x in zip(codecs, v, strict=True)],
            lambda v: tuple(c[1](x) for c, x in zip(codecs, _sequence(v), strict=True)),
        )
    if origin is typing.Literal:
        allowed = typing.get_args(tp)
        return _identity, lambda v: _one_of(v, allowed)
    if tp is Any:
        return _identity, _identity
    if tp is type(None):
        return _identity, lambda v: _one_of(v, (None,))
    if tp is bool:
        return _identity, lambda v: _checked(v, bool)
    if tp is int:
        return _identity, lambda v: _checked(v, int)
    if tp is float:
        return _identity, lambda v: float(_checked(v, (int, float)))
    if tp is str:
        return _identity, lambda v: _checked(v, str)
    if tp is _dt.datetime:
        return _format_datetime, lambda v: _parse_datetime(_checked(v, str))
    if tp is _dt.date:
        return (lambda v: v.isoformat()), lambda v: _dt.date.fromisoformat(_checked(v, str))
    if tp is ArxivId:
        return str, lambda v: ArxivId.parse(_checked(v, str))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return (lambda v: v.value), tp
    if isinstance(tp, type) and attrs.has(tp):
        return (
            lambda v: _record_codecs(v.__class__)[0](v),
            lambda v: _record_codecs(tp)[1](v),  # noqa: PLW0108 (resolved lazily: records nest)
        )
    raise TypeError(f"no JSON mapping for type {tp!r}")


@functools.cache
def _record_codecs(cls: Any) -> tuple[_Codec, _Codec]:
    hints = typing.get_type_hints(cls)
    plan = []
    for field in attrs.fields(cls):
        enc, dec = _codecs_for(hints[field.name])
        plan.append((field.name, enc, dec, field.default is not attrs.NOTHING))
    names = {name for name, *_ in plan}

    def encode(record: Any) -> dict[str, Any]:
        return {name: enc(getattr(record, name)) for name, enc, _, _ in plan}

    def decode(data: Mapping[str, Any]) -> Any:
        if not isinstance(data, Mapping):
            raise TypeError(f"{cls.__name__}: expected a mapping, got {type(data).__name__}")
        unknown = set(data) - names
        if unknown:
            raise ValueError(f"{cls.__name__}: unknown keys {sorted(unknown)}")
        kwargs = {}
        for name, _, dec, has_default in plan:
            if name in data:
                try:
                    kwargs[name] = dec(data[name])
                except TypeError as exc:
                    raise TypeError(f"{cls.__name__}.{name}: {exc}") from exc
                except ValueError as exc:
                    raise ValueError(f"{cls.__name__}.{name}: {exc}") from exc
            elif not has_default:
                raise ValueError(f"{cls.__name__}: missing key {name!r}")
        return cls(**kwargs)

    return encode, decode
