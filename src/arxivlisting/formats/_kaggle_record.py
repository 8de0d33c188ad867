"""Private: the record of :mod:`arxivlisting.formats.kaggle`."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import attrs

from .._build import slot_setters
from ..errors import Defect
from ..records import Paper, as_tuple

__all__ = ["KEYS", "KaggleRecord"]

#: The snapshot's fields, in the order every line writes them.
KEYS = (
    "id",
    "submitter",
    "authors",
    "title",
    "comments",
    "journal-ref",
    "doi",
    "report-no",
    "categories",
    "license",
    "abstract",
    "versions",
    "update_date",
    "authors_parsed",
)


def _parsed_tuple(value: Any) -> tuple[tuple[str, ...], ...]:
    if type(value) is tuple and (not value or type(value[0]) is tuple):
        return value  # the reader builds it this way already
    if isinstance(value, (str, bytes)):
        raise TypeError("authors_parsed is a sequence of name-part sequences, not a string")
    return tuple(tuple(item) for item in value)


@attrs.frozen
class KaggleRecord:
    """One line of the Kaggle ``arxiv-metadata-oai-snapshot.json``.

    ``paper`` holds what the line says about the paper (authors from the free-text
    ``authors`` with their affiliations as written, name parts from ``authors_parsed``;
    versions with their dates; the Kaggle line carries no sizes). ``update_date`` is the
    snapshot's own date for the record. ``authors_parsed`` is kept exactly
    (``(keyname, forenames, suffix, affiliation...)`` per author, affiliations as arXiv
    propagates them). ``extra`` holds keys the format does not define as
    ``(key, JSON text)``. ``source`` is the line the record was read from: the writer
    reuses its exact strings (wrapping, spacing) while they still say what the record
    says. ``source`` and ``defects`` are not part of equality.
    """

    paper: Paper
    update_date: _dt.date | None = None
    authors_parsed: tuple[tuple[str, ...], ...] = attrs.field(default=(), converter=_parsed_tuple)
    extra: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=as_tuple)
    source: str | bytes | None = attrs.field(default=None, eq=False, repr=False)
    defects: tuple[Defect, ...] = attrs.field(default=(), converter=as_tuple, eq=False)


_SET_PAPER, _SET_UPDATE, _SET_PARSED, _SET_EXTRA, _SET_SOURCE, _SET_DEFECTS = slot_setters(
    KaggleRecord
)


def new_kaggle_record(
    paper: Paper,
    update_date: _dt.date | None,
    authors_parsed: tuple[tuple[str, ...], ...],
    extra: tuple[tuple[str, str], ...],
    source: str | bytes | None,
    defects: tuple[Defect, ...],
) -> KaggleRecord:
    """A :class:`KaggleRecord` from trusted values (tuples), skipping the converters.

    The reader's hot loop builds one per line; see ``arxivlisting._build``.
    """
    self: KaggleRecord = object.__new__(KaggleRecord)
    _SET_PAPER(self, paper)
    _SET_UPDATE(self, update_date)
    _SET_PARSED(self, authors_parsed)
    _SET_EXTRA(self, extra)
    _SET_SOURCE(self, source)
    _SET_DEFECTS(self, defects)
    return self
