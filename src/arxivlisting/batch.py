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
from .sniff import paper_of, papers_of, parse, sniff

__all__ = [
    "STREAM_THRESHOLD",
    "FileResult",
    "RecordStream",
    "SourcedPaper",
    "expand_paths",
    "iter_papers",
    "iter_results",
]


@attrs.frozen
class FileResult:
    """The outcome for one input file: its records, defects, or the error that stopped it."""

    source: str
    format: str | None
    records: tuple[Any, ...] = attrs.field(converter=as_tuple)
    defects: tuple[Defect, ...] = attrs.field(converter=as_tuple)
    error: str | None = None
    #: How the bytes were decoded, where the format decodes text itself (digests, .abs).
    encoding: str | None = None

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

    >>> list(expand_paths(["-", "/no/such/*.xml"]))
    ['-', '/no/such/*.xml']
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


#: Files at least this big are streamed (one record in memory) when their format can be.
STREAM_THRESHOLD = 32 * 1024 * 1024


class RecordStream(Iterator[Any]):
    """The records of one file, read lazily: streamed for big files of a streamable
    format (digests, API responses, OAI-PMH, the Kaggle snapshot), parsed whole otherwise.

    ``format``, ``encoding`` and (for digests) ``dialect`` are known at once;
    ``defects`` are complete once the stream is exhausted. Opening raises what parsing
    the file raises.
    """

    def __init__(
        self,
        path: str,
        *,
        format: str = "auto",
        strict: bool = False,
        dialect: str | None = None,
        threshold: int = STREAM_THRESHOLD,
    ) -> None:
        self.source = path
        self._defects: list[Defect] = []
        self._stream: Any = None
        name = "digest" if dialect and format == "auto" else format
        size = -1 if path == "-" else os.path.getsize(path)
        if size >= threshold:
            head = _peek(path)
            fmt = sniff(head) if name == "auto" else name
            opened = _open_stream(path, fmt, strict, dialect)
            if opened is not None:
                self.format = fmt
                self._stream = opened
                self.encoding = getattr(opened, "encoding", None)
                self.dialect: str | None = getattr(opened, "dialect", None)
                self._records: Iterator[Any] = iter(opened)
                return
        options = {"dialect": dialect} if dialect else {}
        result = parse(read_source(path), format=name, strict=strict, **options)
        self.format = result.format
        self.encoding = getattr(result.document, "encoding", None)
        self.dialect = getattr(result.document, "dialect", None)
        self._defects = list(result.defects)
        self._records = iter(result.records)

    @property
    def defects(self) -> list[Defect]:
        """The file's defects (all of them once the stream is exhausted)."""
        if self._stream is not None:
            return list(self._stream.defects)
        return self._defects

    def __next__(self) -> Any:
        return next(self._records)


def _peek(path: str) -> bytes:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as fh:
        head: bytes = fh.read(65536)
    return head


def _open_stream(path: str, fmt: str, strict: bool, dialect: str | None) -> Any:
    from .formats.atom import iter_atom  # noqa: PLC0415 - only for big files
    from .formats.digest import iter_digest  # noqa: PLC0415
    from .formats.kaggle import iter_kaggle  # noqa: PLC0415
    from .formats.oai import iter_oai  # noqa: PLC0415

    if fmt == "digest":
        return iter_digest(path, dialect=dialect, strict=strict)
    if fmt == "atom":
        return iter_atom(path, strict=strict)
    if fmt == "oai":
        return iter_oai(path, strict=strict)
    if fmt == "kaggle":
        return iter_kaggle(path, strict=strict)
    return None


def iter_results(
    paths: Iterable[str],
    *,
    format: str = "auto",
    strict: bool = False,
    dialect: str | None = None,
) -> Iterator[FileResult]:
    """Parse each file named by ``paths``; one :class:`FileResult` per file, lazily.

    >>> [r.error for r in iter_results(["/no/such/file.xml"])]
    ["FileNotFoundError: [Errno 2] No such file or directory: '/no/such/file.xml'"]
    """
    for path in expand_paths(paths):
        try:
            stream = RecordStream(path, format=format, strict=strict, dialect=dialect)
            records = tuple(stream)
        except Exception as exc:
            # Whatever goes wrong with one file (ParseError, OSError, a corrupt .gz that
            # raises zlib.error, or a bug) is that file's result; the run goes on.
            yield FileResult(path, None, (), (), error=f"{type(exc).__name__}: {exc}")
            continue
        yield FileResult(path, stream.format, records, stream.defects, encoding=stream.encoding)


def iter_papers(
    paths: Iterable[str],
    *,
    format: str = "auto",
    strict: bool = False,
    dialect: str | None = None,
) -> Iterator[SourcedPaper]:
    """Every paper of every file, with its source and position, lazily; big files are
    streamed. Files that fail are skipped (use :func:`iter_results` to see why).

    >>> list(iter_papers([]))
    []
    """
    for path in expand_paths(paths):
        try:
            stream = RecordStream(path, format=format, strict=strict, dialect=dialect)
            for position, record in enumerate(stream, 1):
                paper = paper_of(record)
                if paper is not None:
                    yield SourcedPaper(path, position, stream.format, paper, record)
        except Exception:
            continue
