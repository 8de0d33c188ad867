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

import importlib
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from ..._decode import decode_text
from ..._diag import Diagnostics
from ...errors import DefectKind, ParseError
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
    "EntryLayout",
    "Institution",
    "Section",
    "SubjectHeader",
    "TopicHit",
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
    """True when ``head`` (the start of a text) looks like any known digest dialect."""
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
    arxivlisting.errors.ParseError: not a digest in any known dialect (known: arxivdaily) (line 1)
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
        lambda head: not head.lstrip().startswith(("<", "{", "[")) and looks_like_digest(head),
        parse_digest,
        lambda digest: digest.entries,
    )


_register_with_sniff()
