"""Parse many files lazily: paths, directories (recursive), globs, ``-`` for stdin, ``.gz``.

>>> import pathlib, tempfile
>>> from arxivlisting.samples import sample_bytes
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> _ = (tmp / "page.xml").write_bytes(sample_bytes("atom"))
>>> [(r.format, len(r.papers)) for r in iter_results([str(tmp)])]
[('atom', 3)]
>>> [str(item.paper.id) for item in iter_papers([str(tmp)])][:1]
['2401.01234v2']

A file that cannot be parsed does not stop the run: its :class:`FileResult` carries the
error and the next file is read.
"""

from __future__ import annotations

import glob
import gzip
import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from .errors import Defect
from .records import Paper, as_tuple
from .sniff import paper_of, papers_of, parse

__all__ = ["FileResult", "SourcedPaper", "expand_paths", "iter_papers", "iter_results"]


@attrs.frozen
class FileResult:
    """The outcome for one input file: its records, defects, or the error that stopped it."""

    source: str
    format: str | None
    records: tuple[Any, ...] = attrs.field(converter=as_tuple)
    defects: tuple[Defect, ...] = attrs.field(converter=as_tuple)
    error: str | None = None

    @property
    def papers(self) -> tuple[Paper, ...]:
        """The :class:`Paper` of every record."""
        return papers_of(self.records)

    @property
    def failed(self) -> bool:
        """True when the file could not be parsed at all."""
        return self.error is not None


@attrs.frozen
class SourcedPaper:
    """One paper with the file it came from, its 1-based position there, and the
    format's own record for it (a ``DigestEntry``, ``ListingItem``... or the Paper)."""

    source: str
    position: int
    format: str
    paper: Paper
    record: Any = attrs.field(eq=False, default=None)


_SKIP_DIRS = {".git", "__pycache__", ".hg", ".svn"}


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named by ``paths``: directories are walked (sorted), globs expanded.

    ``-`` stands for standard input and is passed through.
    """
    for path in paths:
        if path == "-":
            yield path
        elif os.path.isdir(path):
            for top, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
                for name in sorted(files):
                    yield os.path.join(top, name)
        elif not os.path.exists(path) and glob.has_magic(path):
            matches = sorted(glob.glob(path, recursive=True))
            yield from expand_paths(matches) if matches else iter([path])
        else:
            yield path


def read_source(path: str) -> bytes:
    """The bytes of ``path`` (``-`` reads stdin; ``.gz`` is decompressed)."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as fh:
            data = fh.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def iter_results(
    paths: Iterable[str], *, format: str = "auto", strict: bool = False
) -> Iterator[FileResult]:
    """Parse each file named by ``paths``; one :class:`FileResult` per file, lazily.

    >>> [r.error for r in iter_results(["/no/such/file.xml"])]
    ["FileNotFoundError: [Errno 2] No such file or directory: '/no/such/file.xml'"]
    """
    for path in expand_paths(paths):
        try:
            data = read_source(path)
            result = parse(data, format=format, strict=strict)
        except Exception as exc:
            # Whatever goes wrong with one file (ParseError, OSError, a corrupt .gz that
            # raises zlib.error, or a bug) is that file's result; the run goes on.
            yield FileResult(path, None, (), (), error=f"{type(exc).__name__}: {exc}")
            continue
        yield FileResult(path, result.format, result.records, result.defects)


def iter_papers(
    paths: Iterable[str], *, format: str = "auto", strict: bool = False
) -> Iterator[SourcedPaper]:
    """Every record of every file, with its source and position, lazily.

    >>> list(iter_papers([]))
    []
    """
    for result in iter_results(paths, format=format, strict=strict):
        fmt = result.format or "?"
        for position, record in enumerate(result.records, 1):
            paper = paper_of(record)
            if paper is not None:
                yield SourcedPaper(result.source, position, fmt, paper, record)
