"""Private: small HTML helpers for the listing parser (loading, decoding, text, links)."""

from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

from .._decode import decode_text
from .._diag import Diagnostics, snippet_of
from ..errors import DefectKind, ParseError
from ..text import normalize_space

__all__ = [
    "absolute_url",
    "decode_html",
    "element_snippet",
    "list_href",
    "load_page",
    "norm_text",
    "text_of",
]

_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.ASCII)
_LIST_RE = re.compile(r"^(?:https?://[^/?#]*)?/list/([^/?#]*)/([^/?#]+)", re.ASCII)


def load_page(data: str | bytes, diag: Diagnostics, what: str) -> etree._Element:
    """The root of the HTML document ``data``; ParseError when there is none.

    UTF-8 bytes go to libxml2 as they are; anything else is decoded first (see
    :func:`decode_html`), with the defects that decoding reports.
    """
    root = _parse_utf8(data) if isinstance(data, bytes) else None
    if root is None:
        text = decode_html(data, diag)
        if not text.strip():
            raise ParseError(f"empty input: not {what}", kind=DefectKind.SYNTAX, line=1)
        try:
            root = lxml.html.document_fromstring(text, parser=_parser())
        except (etree.ParserError, ValueError) as exc:
            raise ParseError(f"not {what}: {exc}", kind=DefectKind.SYNTAX, line=1) from None
    return root


def _parser(encoding: str | None = None) -> lxml.html.HTMLParser:
    # A parser per call (about 10 us): its error log then belongs to this parse alone,
    # whichever threads share the module.
    parser = lxml.html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, encoding=encoding
    )
    # Plain elements: lxml.html's own element classes cost a lookup per element proxy.
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup())
    return parser


def _parse_utf8(raw: bytes) -> etree._Element | None:
    """The page parsed straight from its bytes, when they are UTF-8 and say nothing else.

    Decoding to ``str`` first costs twice: the decode, and libxml2 converting the wide
    string back (about 2.5 ms of a 30 ms page). None sends the page the general way: a
    BOM, another declared charset, bytes that are not UTF-8 (libxml2 reports them), or
    no document at all.
    """
    if not raw or raw.isspace() or _declares_other_charset(raw):
        return None
    parser = _parser("utf-8")
    try:
        root = lxml.html.document_fromstring(raw, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    if any(e.type == etree.ErrorTypes.ERR_INVALID_ENCODING for e in parser.error_log):
        return None
    return root


def decode_html(data: str | bytes, diag: Diagnostics) -> str:
    """The page as text: a declared charset wins, then UTF-8, then the usual fallbacks.

    The XML declaration some XHTML pages start with is dropped (lxml refuses one in a
    ``str``).
    """
    if isinstance(data, str):
        text = data
    elif isinstance(data, (bytes, bytearray, memoryview)):
        text = _decode_bytes(bytes(data), diag)
    else:
        raise TypeError(f"expected str or bytes, not {type(data).__name__}")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "<?xml" in text[:200]:
        text = _XML_DECL_RE.sub("", text, count=1)
    return text


_BOMS = (codecs.BOM_UTF8, b"\xff\xfe", b"\xfe\xff")


def _declared_codec(raw: bytes) -> tuple[bool, str | None]:
    """Whether ``raw`` declares a charset in its first 4 KB, and its codec (None when
    Python knows no such codec)."""
    m = _CHARSET_RE.search(raw, 0, 4096)
    if m is None:
        return False, None
    try:
        return True, codecs.lookup((m.group(1) or m.group(2)).decode("ascii")).name
    except LookupError:
        return True, None


def _declares_other_charset(raw: bytes) -> bool:
    """True when ``raw`` starts with a BOM or declares a charset other than UTF-8."""
    if raw.startswith(_BOMS):
        return True
    declared, codec = _declared_codec(raw)
    return declared and codec != "utf-8"


def _decode_bytes(raw: bytes, diag: Diagnostics) -> str:
    if raw.isascii():
        return raw.decode("ascii")
    _, name = _declared_codec(raw)
    if name is not None and not raw.startswith(_BOMS):
        try:
            return raw.decode(name)
        except UnicodeDecodeError as exc:
            _bad_bytes(raw, exc, diag, name)
            return raw.decode(name, "replace")
    text, encoding, _bom, lossy = decode_text(raw, fallback="")
    if lossy:
        diag.report(
            DefectKind.ENCODING,
            f"the page is not valid UTF-8 and declares no charset; read as {encoding}",
            line=1,
        )
    return text


def _bad_bytes(raw: bytes, exc: UnicodeDecodeError, diag: Diagnostics, name: str) -> None:
    line = raw.count(b"\n", 0, exc.start) + 1
    message = f"bytes that are not {name}, the declared charset (replaced by U+FFFD)"
    if diag.strict:
        raise ParseError(
            message, kind=DefectKind.ENCODING, line=line, snippet=repr(raw[exc.start : exc.end])
        )
    diag.report(DefectKind.ENCODING, message, line=line, snippet=repr(raw[exc.start : exc.end]))


def text_of(el: etree._Element) -> str:
    """All text inside ``el`` (not its tail), fast for plain lxml elements."""
    if len(el) == 0:
        return el.text or ""
    text: str = etree.tostring(el, method="text", encoding="unicode", with_tail=False)
    return text


def norm_text(el: etree._Element) -> str:
    """The normalized text content of ``el``."""
    return normalize_space(text_of(el))


def element_snippet(el: etree._Element) -> str | None:
    """A short snippet of ``el``'s markup for a defect."""
    try:
        return snippet_of(etree.tostring(el, encoding="unicode", with_tail=False))
    except (ValueError, TypeError):  # pragma: no cover - lxml refuses odd nodes
        return None


def list_href(href: str) -> tuple[str, str] | None:
    """``(context, subcontext)`` of a ``/list/<context>/<subcontext>`` link, or None."""
    m = _LIST_RE.match(href.strip())
    if m is None:
        return None
    return m.group(1), m.group(2)


def absolute_url(href: str) -> str:
    """``/pdf/x`` -> ``https://arxiv.org/pdf/x``; absolute URLs are kept."""
    href = href.strip()
    if href.startswith("//"):
        return "https:" + href
    if href.startswith("/"):
        return "https://arxiv.org" + href
    return href
