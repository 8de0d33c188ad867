"""Private: what the three jekyll file kinds share (shape token, escapes, values, layout).

The arxiv-daily generator (shiyibihua/arxiv-daily, forked as hdShang/arxiv-daily)
writes three kinds of file, all read into a :class:`Digest` of dialect ``jekyll``: the
day's index page, one page per paper and the JSON source data. The kind is recorded as
a *shape* token at the head of ``DigestLayout.preamble_order`` (none for the index page,
the default), so the renderer writes the same kind back.
"""

from __future__ import annotations

import ast
import datetime as _dt
import json
import re
from collections.abc import Callable
from typing import Any

import attrs

from ..._diag import Diagnostics
from ...errors import DefectKind
from ...ids import ArxivId
from ._common import entry_exact_layout
from .records import Digest, DigestEntry

__all__ = [
    "INDEX",
    "JSON",
    "PAPER",
    "WHOLE_TEXT",
    "as_list",
    "as_number",
    "dumps",
    "entry_exact_layout",
    "extra_value",
    "extra_values",
    "html_attr",
    "js_single",
    "keep_whole_text",
    "midnight",
    "parse_date",
    "read_id",
    "read_yaml_scalar",
    "shape_of",
    "shape_token",
    "whole_text",
    "yaml_title",
]

INDEX = "index"
PAPER = "paper"
JSON = "json"
_PREFIX = "jekyll:"
#: ``DigestLayout.verbatim`` key of a document whose text departs from the generator's
#: template in a way the line layout cannot say (kept whole: ``(WHOLE_TEXT, text)``).
WHOLE_TEXT = -1


def shape_of(digest: Digest) -> str:
    """The file kind a digest of this dialect is written as."""
    order = digest.layout.preamble_order
    if order and order[0].startswith(_PREFIX):
        return order[0][len(_PREFIX) :]
    return INDEX


def shape_token(shape: str) -> tuple[str, ...]:
    """The ``preamble_order`` head that records ``shape`` (empty for the index page)."""
    return () if shape == INDEX else (_PREFIX + shape,)


def whole_text(digest: Digest) -> str | None:
    """The exact text kept for a document the template cannot reproduce, if any."""
    for index, text in digest.layout.verbatim:
        if index == WHOLE_TEXT:
            return text
    return None


def keep_whole_text(
    digest: Digest, text: str, render: Callable[[Digest], str], diag: Diagnostics
) -> Digest:
    """``digest``, keeping ``text`` whole when rendering the records would not give it."""
    if render(digest) == text:
        return digest
    diag.report(
        DefectKind.INCONSISTENT,
        "the file departs from the generator's template; its exact text is kept whole",
        line=1,
    )
    layout = attrs.evolve(digest.layout, verbatim=((WHOLE_TEXT, text),))
    return attrs.evolve(digest, layout=layout)


def extra_value(entry: DigestEntry, name: str) -> str | None:
    """The first ``extra_fields`` value called ``name``."""
    for key, value in entry.extra_fields:
        if key == name:
            return value
    return None


def extra_values(entry: DigestEntry, name: str) -> list[str]:
    """Every ``extra_fields`` value called ``name``, in order."""
    return [value for key, value in entry.extra_fields if key == name]


# -- values ---------------------------------------------------------------------------

_ID_RE = re.compile(r"(?:arXiv:)?\s*(\S+)")


def read_id(text: str) -> ArxivId | None:
    """An arXiv id (version kept) from text like ``2512.19995v1`` or ``arXiv: 2512.19995v1``."""
    m = _ID_RE.fullmatch(text.strip())
    return ArxivId.try_parse(m.group(1)) if m else None


def parse_date(text: str) -> _dt.date | None:
    """A ``YYYY-MM-DD`` date, or None."""
    try:
        return _dt.date.fromisoformat(text.strip()) if len(text.strip()) == 10 else None
    except ValueError:
        return None


def midnight(day: _dt.date) -> _dt.datetime:
    """A date as the records hold it: 00:00 UTC of that day (the source gives no time)."""
    return _dt.datetime(day.year, day.month, day.day, tzinfo=_dt.timezone.utc)


def as_list(value: Any) -> tuple[list[Any] | None, bool]:
    """A list-valued field: the list, and whether it came as a Python-repr string.

    The generator sometimes stores lists as their Python repr (``"['cs.CV']"``); those
    are read with :func:`ast.literal_eval` (never ``eval``). Anything else that is not a
    list gives ``None``.
    """
    if isinstance(value, list):
        return value, False
    if isinstance(value, str) and value.strip().startswith("["):
        try:
            parsed = ast.literal_eval(value.strip())
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return None, True
        if isinstance(parsed, list):
            return parsed, True
    return None, isinstance(value, str)


def as_number(value: Any) -> float | None:
    """A number stored as a number or as its text (``"18.0"``), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def dumps(value: Any) -> str:
    """Compact JSON text of a value (raw UTF-8), as ``extra_fields`` keeps structured data."""
    return json.dumps(value, ensure_ascii=False)


# -- escapes --------------------------------------------------------------------------

_YAML_SPECIAL = re.compile(r"""[:#'"\[\]{}&*!|>%@`]|^[-?\s]|\s$""")


def yaml_title(title: str) -> str:
    """The front matter's ``title:`` value: double-quoted when YAML needs it."""
    if _YAML_SPECIAL.search(title):
        return '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return title


def read_yaml_scalar(text: str) -> str:
    """A one-line YAML scalar as a string (quotes removed, escapes undone)."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return re.sub(r'\\(["\\])', r"\1", text[1:-1])
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    return text


def js_single(text: str) -> str:
    """``text`` inside a single-quoted JavaScript string (the paper page's ``onclick``)."""
    return text.replace("\\", "\\\\").replace("'", "\\'")


_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})


def html_attr(text: str) -> str:
    """``text`` escaped for an HTML attribute as the index page does (``'`` as ``&#39;``)."""
    return text.translate(_ATTR_ESCAPES)
