"""Bilingual (Chinese/English) arXiv digests: ``parse_digest``, ``render_digest``, dialects.

>>> from arxivlisting import parse_digest, render_digest
>>> from arxivlisting.samples import sample_text
>>> text = sample_text("arxivdaily")
>>> digest = parse_digest(text)
>>> digest.dialect, len(digest.entries), digest.declared_count
('arxivdaily', 2, 2)
>>> e = digest.entries[0]
>>> str(e.id), e.score, e.announce.value, e.institutions[0].name_zh
('2611.01234', 92, 'new', '示例大学')
>>> render_digest(digest) == text
True

Input may be ``str`` or ``bytes``; bytes are decoded (BOM, UTF-8, UTF-16, GB18030) and
the choice is reported on ``Digest.encoding``. ``dialect=`` forces a dialect; otherwise
it is sniffed from the start of the text.
"""

from __future__ import annotations

import gzip
import importlib
import io
import os
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

import attrs

from ..._decode import decode_text, detect_stream_encoding
from ..._diag import Diagnostics
from ...errors import Defect, DefectKind, ParseError
from .institutions import DEFAULT_INSTITUTIONS
from .records import (
    CountLine,
    Digest,
    DigestEntry,
    DigestLayout,
    EntryLayout,
    Institution,
    Section,
    SubjectHeader,
    TopicHit,
)

__all__ = [
    "DIALECTS",
    "CountLine",
    "Digest",
    "DigestEntry",
    "DigestLayout",
    "DigestStream",
    "EntryLayout",
    "Institution",
    "Section",
    "SubjectHeader",
    "TopicHit",
    "iter_digest",
    "looks_like_digest",
    "parse_digest",
    "render_digest",
    "sniff_dialect",
]


@attrs.frozen
class _Dialect:
    name: str
    looks_like: Callable[[str], bool]
    parse: Callable[..., Digest]
    render: Callable[[Digest], str] | None


#: Registered dialects by name, in the order they are sniffed.
DIALECTS: dict[str, _Dialect] = {}


def _register(
    name: str,
    looks_like: Callable[[str], bool],
    parse: Callable[..., Digest],
    render: Callable[[Digest], str] | None,
) -> None:
    DIALECTS[name] = _Dialect(name, looks_like, parse, render)


# Dialect modules, in sniffing order. Each defines DIALECT, looks_like(head) -> bool,
# parse(text, diag, **options) -> Digest and render(digest) -> str (or render = None).
# Modules not present yet are skipped, so dialects can be added one file at a time.
_DIALECT_MODULES = (
    "arxivdaily",
    "wechat",
    "papers_cool",
    "dw",
    "jekyll",
    "procjx",
    "hugo_toml",
    "llm_report",
)


def _load_dialects() -> None:
    for module_name in _DIALECT_MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{module_name}":
                continue
            raise
        _register(module.DIALECT, module.looks_like, module.parse, getattr(module, "render", None))


_load_dialects()


def sniff_dialect(text: str) -> str | None:
    """The name of the dialect ``text`` looks like, or None.

    >>> sniff_dialect("arXivDaily arXiv每日学术速递 周一至周五更新\\n")
    'arxivdaily'
    """
    head = text[:20000]
    for dialect in DIALECTS.values():
        if dialect.looks_like(head):
            return dialect.name
    return None


def looks_like_digest(head: str) -> bool:
    """True when ``head`` (the start of a text) looks like any known digest dialect.

    >>> looks_like_digest("arXivDaily arXiv每日学术速递 周一至周五更新"), looks_like_digest("hi")
    (True, False)
    """
    return sniff_dialect(head) is not None


def parse_digest(
    data: str | bytes,
    *,
    dialect: str | None = None,
    strict: bool = False,
    institutions: Sequence[str] | None = None,
    languages: bool = True,
) -> Digest:
    """Parse digest text into a :class:`Digest`.

    ``institutions`` extends the lexicon of institution names that may be split off an
    affiliation line without a Chinese gloss. ``languages=False`` skips language tags.

    >>> parse_digest("no digest here")
    Traceback (most recent call last):
        ...
    arxivlisting.errors.ParseError: not a digest in any known dialect (known: ...) (line 1)
        'no digest here'
    """
    if isinstance(data, (bytes, bytearray, memoryview)):
        text, encoding, bom, lossy = decode_text(bytes(data))
    elif isinstance(data, str):
        text, encoding, lossy = data, None, False
        bom = text.startswith("\ufeff")
        if bom:
            text = text[1:]
    else:
        raise TypeError(f"parse_digest expects str or bytes, not {type(data).__name__}")
    diag = Diagnostics(strict, text)
    if lossy:
        diag.report(
            DefectKind.ENCODING,
            f"the bytes are not valid in any expected encoding; read as {encoding}",
            line=1,
        )
    name = dialect or sniff_dialect(text)
    if name is None:
        raise ParseError(
            "not a digest in any known dialect (known: " + ", ".join(DIALECTS) + ")",
            kind=DefectKind.SYNTAX,
            line=1,
            snippet=text.strip()[:80],
        )
    try:
        chosen = DIALECTS[name]
    except KeyError:
        raise ValueError(f"unknown dialect {name!r}; known: {', '.join(DIALECTS)}") from None
    kwargs: dict[str, Any] = {"languages": languages, "bom": bom, "encoding": encoding}
    if institutions is not None:
        kwargs["institutions"] = tuple(institutions) + DEFAULT_INSTITUTIONS
    return chosen.parse(text, diag, **kwargs)


class DigestStream(Iterator[DigestEntry]):
    """Entries of a (possibly huge) digest file, read incrementally.

    ``encoding`` and ``dialect`` are known once the stream is created; ``header`` (a
    :class:`Digest` without entries) once the first entry has been read; ``defects`` grow
    as the stream goes. Dialects without an incremental reader are parsed whole.
    """

    def __init__(
        self,
        source: str | os.PathLike[str] | IO[bytes],
        *,
        dialect: str | None,
        strict: bool,
        institutions: Sequence[str] | None,
        languages: bool,
    ) -> None:
        self._close: IO[bytes] | None = None
        if isinstance(source, (str, os.PathLike)):
            path = os.fspath(source)
            fh: IO[bytes] = (
                gzip.open(path, "rb")  # type: ignore[assignment]  # noqa: SIM115
                if path.endswith(".gz")
                else open(path, "rb")  # noqa: SIM115
            )
            self._close = fh
        else:
            fh = source
        head = fh.read(1 << 16)
        encoding, bom, lossy = detect_stream_encoding(head, complete=len(head) < 1 << 16)
        self.encoding = encoding
        self._diag = Diagnostics(strict, None)
        if lossy:
            self._diag.report(
                DefectKind.ENCODING,
                f"the bytes fit no expected encoding; read as {encoding}",
                line=1,
            )
        text_head = head.decode(encoding, "ignore")
        if bom:
            text_head = text_head.lstrip("\ufeff")
        name = dialect or sniff_dialect(text_head)
        if name is None:
            raise ParseError(
                "not a digest in any known dialect (known: " + ", ".join(DIALECTS) + ")",
                kind=DefectKind.SYNTAX,
                line=1,
                snippet=text_head.strip()[:80],
            )
        self.dialect = name
        self.header: Digest | None = None
        stream = io.TextIOWrapper(
            io.BufferedReader(_Prepend(head, fh)), encoding=encoding, errors="replace", newline=None
        )
        if bom:
            stream.read(1)
        lexicon = (
            tuple(institutions) + DEFAULT_INSTITUTIONS if institutions else DEFAULT_INSTITUTIONS
        )
        module = importlib.import_module(f"{__name__}.{name}")
        streamer = getattr(module, "iter_entries", None)
        if streamer is not None:
            self._headers: list[Digest] = []
            self._gen = streamer(
                stream, self._diag, institutions=lexicon, languages=languages, header=self._headers
            )
        else:
            digest = parse_digest(
                stream.read(),
                dialect=name,
                strict=strict,
                languages=languages,
                institutions=institutions,
            )
            self._diag.defects.extend(digest.defects)
            self.header = attrs.evolve(digest, entries=())
            self._headers = []
            self._gen = iter(digest.entries)

    @property
    def defects(self) -> list[Defect]:
        """Defects found so far."""
        return self._diag.defects

    def __next__(self) -> DigestEntry:
        try:
            entry: DigestEntry = next(self._gen)
        except StopIteration:
            if self._close is not None:
                self._close.close()
                self._close = None
            raise
        if self.header is None and self._headers:
            self.header = self._headers[0]
        return entry


class _Prepend(io.RawIOBase):
    """A binary stream that first replays ``head`` and then reads ``rest``."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def iter_digest(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    dialect: str | None = None,
    strict: bool = False,
    institutions: Sequence[str] | None = None,
    languages: bool = True,
) -> DigestStream:
    """Stream the entries of a digest file (a path, ``.gz`` too, or a binary file).

    Memory holds one entry at a time for dialects with an incremental reader
    (arXivDaily); others are parsed whole.

    >>> import io
    >>> from arxivlisting.samples import sample_bytes
    >>> stream = iter_digest(io.BytesIO(sample_bytes("arxivdaily")))
    >>> [str(e.id) for e in stream], stream.dialect, stream.header.declared_count
    (['2611.01234', '2406.05678'], 'arxivdaily', 2)
    """
    return DigestStream(
        source, dialect=dialect, strict=strict, institutions=institutions, languages=languages
    )


def render_digest(digest: Digest) -> str:
    """Write ``digest`` back as text in its dialect.

    >>> from arxivlisting import Paper, ArxivId
    >>> d = Digest("arxivdaily", entries=[DigestEntry(Paper(ArxivId.parse("2606.00001")))])
    >>> print(render_digest(d).splitlines()[0])
    2606.00001
    """
    chosen = DIALECTS.get(digest.dialect)
    if chosen is None or chosen.render is None:
        raise ValueError(f"no renderer for dialect {digest.dialect!r}")
    return chosen.render(digest)


def _register_with_sniff() -> None:
    from ...sniff import register_format  # noqa: PLC0415 - sniff must not import us first

    register_format(
        "digest",
        looks_like_digest,
        parse_digest,
        lambda digest: digest.entries,
    )


_register_with_sniff()
