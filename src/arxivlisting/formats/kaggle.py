"""The Kaggle ``arxiv-metadata-oai-snapshot.json``: ``iter_kaggle``, ``parse_kaggle_line``,
``write_kaggle`` and ``render_kaggle_line``.

The snapshot is JSON lines, one object per paper with 14 keys in a fixed order: ``id``,
``submitter``, ``authors`` (the free-text line), ``title``, ``comments``,
``journal-ref``, ``doi`` (several DOIs separated by spaces), ``report-no``,
``categories`` (space separated, primary first), ``license`` (often null),
``abstract``, ``versions`` (``[{"version": "v1", "created": "<RFC 2822 date>"}]``),
``update_date`` (``YYYY-MM-DD``) and ``authors_parsed``
(``[[keyname, forenames, suffix, affiliation...]]``).

>>> from arxivlisting.formats.kaggle import parse_kaggle_line, render_kaggle_line
>>> line = ('{"id":"0704.0002","submitter":"Louis Theran","authors":"Ileana Streinu and '
...         'Louis Theran","title":"Sparsity-certifying Graph Decompositions","comments":null,'
...         '"journal-ref":null,"doi":null,"report-no":null,"categories":"math.CO cs.CG",'
...         '"license":null,"abstract":"  We describe a new algorithm.\\\\n","versions":'
...         '[{"version":"v1","created":"Sat, 31 Mar 2007 02:26:18 GMT"}],"update_date":'
...         '"2008-12-13","authors_parsed":[["Streinu","Ileana",""],["Theran","Louis",""]]}')
>>> record = parse_kaggle_line(line)
>>> p = record.paper
>>> str(p.id), [(a.name, a.keyname) for a in p.authors], p.categories
('0704.0002', [('Ileana Streinu', 'Streinu'), ('Louis Theran', 'Theran')], ('math.CO', 'cs.CG'))
>>> render_kaggle_line(record) == line
True

Authors: the free-text ``authors`` is read by :mod:`arxivlisting.authors` (names,
affiliations as written); ``authors_parsed`` gives each author's key name, forenames
and suffix. The two must agree (same people, same names up to spacing and dots, and
every affiliation arXiv gives must be one the line gives, after propagation); where
they do not, the record has an ``inconsistent`` defect.

Writing: :func:`write_kaggle` writes records (or bare papers) in the same 14-key shape
with the snapshot's ``json.dumps`` settings, so a line read and written back is the
same line, and other tools that read the snapshot read ours.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

import attrs

from .._diag import Diagnostics
from ..errors import Defect, DefectKind, ParseError
from ..records import Paper, as_tuple
from ._kaggle_read import read_object
from ._kaggle_record import KEYS, KaggleRecord
from ._kaggle_write import line_of

__all__ = [
    "KEYS",
    "KaggleFile",
    "KaggleRecord",
    "KaggleStream",
    "iter_kaggle",
    "looks_like",
    "parse_kaggle",
    "parse_kaggle_line",
    "render_kaggle_line",
    "write_kaggle",
]

_SNIFF_RE = re.compile(r'\s*\{\s*"id"\s*:\s*"[^"]*"\s*,\s*"submitter"\s*:')


def looks_like(head: str) -> bool:
    """True when ``head`` (the first kilobytes) starts a snapshot line.

    >>> looks_like('{"id":"0704.0001","submitter":"Pavel Nadolsky","authors":"C. Bal')
    True
    >>> looks_like('{"id": 1}')
    False
    """
    return bool(_SNIFF_RE.match(head.lstrip("\ufeff")))


def _load(text: str | bytes, line: int | None, diag: Diagnostics, last: bool) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        end = text.rstrip()[-1:]
        cut = last and end not in (b"}", "}")
        kind = DefectKind.TRUNCATED if cut else DefectKind.SYNTAX
        snippet = text[:200] if isinstance(text, str) else text[:200].decode("utf-8", "replace")
        message = (
            f"not a JSON object line: {exc}" if not cut else f"the last line is cut off: {exc}"
        )
        diag.report(kind, message, line=line, snippet=snippet, where="kaggle")
        return None


def parse_kaggle_line(
    line: str | bytes, *, strict: bool = False, line_number: int | None = None
) -> KaggleRecord:
    """Parse one snapshot line into a :class:`KaggleRecord`.

    Lenient by default (defects on ``record.defects``); ``strict=True`` raises
    :class:`~arxivlisting.errors.ParseError` at the first defect. A line that is not a
    JSON object raises ``ParseError`` either way. ``line_number`` is used in defects.

    >>> parse_kaggle_line('[1, 2]')
    Traceback (most recent call last):
        ...
    arxivlisting.errors.ParseError: a snapshot line is a JSON object, not list [kaggle]
    """
    if not isinstance(line, (str, bytes, bytearray)):
        raise TypeError(f"parse_kaggle_line expects str or bytes, not {type(line).__name__}")
    diag = Diagnostics(strict, None)
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise ParseError(f"not a JSON line: {exc}", line=line_number, where="kaggle") from None
    if type(obj) is not dict:
        raise ParseError(
            f"a snapshot line is a JSON object, not {type(obj).__name__}",
            line=line_number,
            where="kaggle",
        )
    return read_object(obj, line, diag, line_number)


class KaggleStream(Iterator[KaggleRecord]):
    """Records of a snapshot file, read line by line in constant memory.

    Blank lines are skipped. A line that is not a JSON object is skipped with a
    ``syntax`` defect (``truncated`` for a cut-off last line); under ``strict=True`` it
    raises. ``defects`` collects the defects of every line (the first
    ``max_defects``; ``defect_count`` counts them all); ``lines`` counts lines read.
    """

    def __init__(
        self, source: str | os.PathLike[str] | IO[bytes], *, strict: bool, max_defects: int
    ) -> None:
        self._source = source
        self._strict = strict
        self._max = max_defects
        self.defects: list[Defect] = []
        self.defect_count = 0
        self.lines = 0
        self._gen = self._run()

    def __next__(self) -> KaggleRecord:
        return next(self._gen)

    def _keep(self, defects: Iterable[Defect]) -> None:
        for d in defects:
            self.defect_count += 1
            if len(self.defects) < self._max:
                self.defects.append(d)

    def _run(self) -> Iterator[KaggleRecord]:
        source = self._source
        if isinstance(source, (str, os.PathLike)):
            path = os.fspath(source)
            with open(path, "rb") as raw:
                magic = raw.peek(2)[:2] if isinstance(raw, io.BufferedReader) else b""
            opener: Any = gzip.open if magic == b"\x1f\x8b" else open
            with opener(path, "rb") as fh:
                yield from self._lines(fh)
        else:
            yield from self._lines(source)

    def _lines(self, fh: IO[bytes]) -> Iterator[KaggleRecord]:
        strict = self._strict
        one = self._one
        number = 0
        pending: bytes | str | None = None
        for chunk in fh:
            number += 1
            if pending is not None:
                record = one(pending, number - 1, strict, False)
                if record is not None:
                    yield record
            pending = chunk
        if pending is not None:
            record = one(pending, number, strict, True)
            if record is not None:
                yield record
        self.lines = number

    def _one(self, text: bytes | str, number: int, strict: bool, last: bool) -> KaggleRecord | None:
        diag = Diagnostics(strict, None)
        try:
            obj = json.loads(text)
        except (ValueError, RecursionError):
            if not text.strip():
                return None  # a blank line
            _load(text, number, diag, last)
            self._keep(diag.defects)
            return None
        if type(obj) is not dict:
            diag.report(
                DefectKind.SYNTAX,
                f"a JSON {type(obj).__name__}, not an object",
                line=number,
                where="kaggle",
            )
            self._keep(diag.defects)
            return None
        record = read_object(obj, text, diag, number)
        if record.defects:
            self._keep(record.defects)
        return record


def iter_kaggle(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    strict: bool = False,
    max_defects: int = 10000,
) -> KaggleStream:
    """Stream the records of a snapshot file: a path (plain or gzip, told by its first
    bytes) or a binary file object. Memory stays flat whatever the file's size.

    >>> import io
    >>> data = b'{"id":"0704.0001","versions":[]}\\n\\nnot json\\n{"id":"0704.0002"}\\n'
    >>> stream = iter_kaggle(io.BytesIO(data))
    >>> [str(r.paper.id) for r in stream], sorted({d.kind.value for d in stream.defects})
    (['0704.0001', '0704.0002'], ['missing_field', 'syntax'])
    """
    return KaggleStream(source, strict=strict, max_defects=max_defects)


@attrs.frozen
class KaggleFile:
    """A whole snapshot file (or part of one) parsed at once: its records and defects."""

    records: tuple[KaggleRecord, ...] = attrs.field(default=(), converter=as_tuple)
    defects: tuple[Defect, ...] = attrs.field(default=(), converter=as_tuple, eq=False)

    @property
    def papers(self) -> tuple[Paper, ...]:
        """The paper of every record."""
        return tuple(r.paper for r in self.records)


def parse_kaggle(data: str | bytes, *, strict: bool = False) -> KaggleFile:
    """Parse snapshot lines held in memory (use :func:`iter_kaggle` for files).

    >>> line = '{"id":"0704.0001","submitter":"A","authors":"A. Author","title":"T",'
    >>> line += '"comments":null,"journal-ref":null,"doi":null,"report-no":null,'
    >>> line += '"categories":"hep-ph","license":null,"abstract":"  An abstract.",'
    >>> line += '"versions":[{"version":"v1","created":"Mon, 2 Apr 2007 19:18:42 GMT"}],'
    >>> line += '"update_date":"2008-11-13","authors_parsed":[["Author","A.",""]]}'
    >>> f = parse_kaggle(line)
    >>> str(f.records[0].paper.id), f.records[0].paper.title
    ('0704.0001', 'T')
    """
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else bytes(data)
    stream = iter_kaggle(io.BytesIO(raw), strict=strict)
    records = tuple(stream)
    return KaggleFile(records, tuple(stream.defects))


def render_kaggle_line(item: KaggleRecord | Paper) -> str:
    """One snapshot line (without the newline) for a record or a bare paper.

    >>> from arxivlisting import Paper, ArxivId
    >>> render_kaggle_line(Paper(ArxivId.parse("2301.00001"), title="T"))[:46]
    '{"id":"2301.00001","submitter":null,"authors":'
    """
    return line_of(item)


def write_kaggle(
    items: Iterable[KaggleRecord | Paper], file: str | os.PathLike[str] | IO[Any]
) -> int:
    """Write records or papers as snapshot lines to a path (``.gz`` compresses) or a file
    object (text or binary); return how many lines were written.

    >>> import io
    >>> out = io.StringIO()
    >>> from arxivlisting import Paper, ArxivId
    >>> write_kaggle([Paper(ArxivId.parse("2301.00001"), title="T")], out)
    1
    >>> parse_kaggle_line(out.getvalue()).paper.title
    'T'
    """
    if isinstance(file, (str, os.PathLike)):
        path = os.fspath(file)
        opener: Any = gzip.open if path.endswith(".gz") else open
        with opener(path, "wt", encoding="utf-8", newline="\n") as fh:
            return _write(items, fh)
    return _write(items, file)


def _write(items: Iterable[KaggleRecord | Paper], fh: IO[Any]) -> int:
    binary = isinstance(fh, (io.RawIOBase, io.BufferedIOBase)) or "b" in getattr(fh, "mode", "")
    count = 0
    for item in items:
        line = line_of(item) + "\n"
        fh.write(line.encode("ascii") if binary else line)
        count += 1
    return count
