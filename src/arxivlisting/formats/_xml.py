"""Private: safe XML parsing shared by the XML formats (Atom, RSS, OAI-PMH).

Safety: no DTD loading, no entity expansion, no network or file access, libxml2's
default size limits kept (``huge_tree`` off, so a pathological text node is refused
rather than read without bound). Documents that declare entities are refused under
strict and neutralized (entities left unexpanded, a ``unsafe`` defect recorded) under
lenient parsing. A document that is cut off is never returned as if it were whole: the
``truncated`` defect says so, or ``ParseError`` is raised under strict.
"""

from __future__ import annotations

import datetime as _dt
import re
import threading
from collections.abc import Callable, Iterator
from typing import IO, Any

from lxml import etree

from .._diag import Diagnostics, snippet_of
from ..errors import DefectKind, ParseError

__all__ = [
    "check_dtd",
    "element_text",
    "error_at_end",
    "is_cut_off",
    "last_line",
    "make_parser",
    "make_pull_parser",
    "mixed_text",
    "parse_document",
    "parse_rfc3339",
    "qname_local",
    "xml_snippet",
]


class _NoExternalResources(etree.Resolver):
    """Answer every request for an external resource (DTD, entity, XInclude) with nothing.

    A second line of defence: with the options of :func:`make_parser` libxml2 asks for no
    external resource at all, and should it ever ask, it gets an empty document instead
    of a local file or a URL.
    """

    def resolve(self, system_url: str | None, public_id: str | None, context: object, /) -> Any:
        return self.resolve_string("", context)


_NO_EXTERNAL = _NoExternalResources()

# ``collect_ids`` must stay True. With ``collect_ids=False`` lxml sets libxml2's
# ``XML_SKIP_IDS`` flag in ``loadsubset``, and libxml2 then treats ``loadsubset`` as set
# and reads the external DTD subset of a document (``<!DOCTYPE feed SYSTEM
# "file:///...">``) from disk; ``no_network`` only stops http. Entities declared in such
# a file were expanded inside attribute values, so a document could copy local file
# content into a parsed record.


def make_parser(
    *, recover: bool = False, encoding: str | None = None, drop_blank_text: bool = False
) -> etree.XMLParser:
    """A fresh lxml parser with every dangerous feature off.

    ``drop_blank_text`` drops whitespace-only text between elements (never inside a
    text element); it makes parsing faster for formats where that whitespace is layout.
    """
    parser: etree.XMLParser = etree.XMLParser(
        encoding=encoding,
        remove_blank_text=drop_blank_text,
        recover=recover,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=True,
    )
    parser.resolvers.add(_NO_EXTERNAL)
    return parser


def make_pull_parser(
    *, encoding: str | None = None, drop_blank_text: bool = False
) -> etree.XMLPullParser:
    """A fresh incremental (``feed``/``read_events``) parser with the same safety options.

    It reports ``start`` and ``end`` events and never recovers: a syntax error raises.
    """
    parser: etree.XMLPullParser = etree.XMLPullParser(
        events=("start", "end"),
        encoding=encoding,
        remove_blank_text=drop_blank_text,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=True,
    )
    parser.resolvers.add(_NO_EXTERNAL)
    return parser


# Parsers are reusable but not thread-safe: one set per thread.
_PARSERS = threading.local()


def _parser(recover: bool, utf8: bool, drop_blank_text: bool) -> etree.XMLParser:
    key = (recover, utf8, drop_blank_text)
    cache: dict[tuple[bool, bool, bool], etree.XMLParser] | None = getattr(_PARSERS, "cache", None)
    if cache is None:
        cache = _PARSERS.cache = {}
    parser = cache.get(key)
    if parser is None:
        parser = cache[key] = make_parser(
            recover=recover, encoding="utf-8" if utf8 else None, drop_blank_text=drop_blank_text
        )
    return parser


def is_cut_off(raw: bytes, *, utf8: bool = False) -> bool:
    """True when ``raw`` is an unfinished document: its root element starts, every byte
    is well-formed so far, and only the end is missing (a download that stopped, a
    truncated dump).

    libxml2's message for a cut-off document depends on where the cut falls (inside a tag,
    an attribute value, a name, text...), so the message is not used: an incremental
    parser is fed all of ``raw``; the document is cut off when feeding raised nothing, the
    root never closed, and only closing the parser failed.
    """
    parser = make_pull_parser(encoding="utf-8" if utf8 else None)
    try:
        parser.feed(raw)
    except etree.XMLSyntaxError:
        return False  # a byte before the end is wrong
    depth = 0
    started = False
    for event, _el in parser.read_events():
        if event == "start":
            depth += 1
            started = True
        else:
            depth -= 1
            if depth == 0:
                return False  # the root closed: what is wrong comes after it
    if not started:
        return False  # no document at all, not a cut-off one
    try:
        parser.close()
    except etree.XMLSyntaxError as exc:
        return error_at_end(exc, last_line(raw))
    return False


def last_line(raw: bytes) -> int:
    """The 1-based number of the last line of ``raw`` that holds more than whitespace."""
    return raw.rstrip().count(b"\n") + 1


def error_at_end(exc: etree.XMLSyntaxError, last: int) -> bool:
    """True when an error raised on closing an incremental parser lies on the last line.

    libxml2's incremental parser waits for more input at a ``&`` with no ``;`` anywhere
    after it, so a stray ``&`` in the middle of a document only fails when the parser is
    closed, like a cut-off document does. The line tells them apart: the end of a cut-off
    document is always reported on its last line.
    """
    line = exc.position[0] if exc.position else 0
    return line >= last


def _to_bytes(data: str | bytes, diag: Diagnostics, what: str) -> tuple[bytes, bool]:
    """``data`` as bytes, and whether they are UTF-8 whatever the document declares."""
    if isinstance(data, str):
        try:
            # surrogateescape gives back the bytes of text decoded with that handler.
            return data.encode("utf-8", "surrogateescape"), True
        except UnicodeEncodeError as exc:
            line = data.count("\n", 0, exc.start) + 1
            column = exc.start - data.rfind("\n", 0, exc.start)
            message = "the text holds a lone surrogate, which is not a character"
            snippet = ascii(data[exc.start : exc.end])
            if diag.strict:
                raise ParseError(
                    message, kind=DefectKind.ENCODING, line=line, column=column, snippet=snippet
                ) from None
            diag.report(
                DefectKind.ENCODING,
                message + " (replaced by U+FFFD)",
                line=line,
                column=column,
                snippet=snippet,
            )
            return _LONE_SURROGATE.sub("\ufffd", data).encode("utf-8", "surrogateescape"), True
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data), False
    raise TypeError(f"expected str or bytes, not {type(data).__name__}")


# Surrogates that surrogateescape cannot turn back into a byte.
_LONE_SURROGATE = re.compile("[\ud800-\udc7f\udd00-\udfff]")


def parse_document(
    data: str | bytes,
    diag: Diagnostics,
    what: str,
    *,
    drop_blank_text: bool = False,
    check_root: Callable[[etree._Element], None] | None = None,
) -> etree._Element:
    """Parse ``data`` safely; return the root element.

    Raise :class:`ParseError` for input that holds no document at all. A document that is
    damaged after its start (cut off, a stray byte) is recovered as far as it goes under
    lenient parsing, with a ``truncated`` or ``syntax`` defect; under strict it raises.
    ``data`` that is neither str nor bytes raises TypeError. ``check_root`` may raise
    ParseError for a root element of the wrong kind before anything else is reported
    (an HTML error page is not a feed, whatever DTD it carries).
    """
    raw, utf8 = _to_bytes(data, diag, what)
    if not raw or raw.isspace():  # (isspace stops at the first other byte; strip copies)
        raise ParseError(f"empty input: not {what}", kind=DefectKind.SYNTAX, line=1, column=1)
    try:
        root = etree.fromstring(raw, _parser(False, utf8, drop_blank_text))
    except etree.XMLSyntaxError as exc:
        line, column = _position(exc)
        message = str(exc.msg) if exc.msg else str(exc)
        source_line = _line_of(raw, line)
        truncated = is_cut_off(raw, utf8=utf8)
        kind = DefectKind.TRUNCATED if truncated else DefectKind.SYNTAX
        text = f"the document is cut off: {message}" if truncated else f"malformed XML: {message}"
        if diag.strict:
            raise ParseError(
                text, kind=kind, line=line, column=column, source_line=source_line
            ) from None
        try:
            root = etree.fromstring(raw, _parser(True, utf8, drop_blank_text))
        except etree.XMLSyntaxError:
            root = None
        if root is None:
            raise ParseError(
                f"not {what}: {message}",
                kind=DefectKind.SYNTAX,
                line=line,
                column=column,
                source_line=source_line,
            ) from None
        diag.report(kind, text, line=line, column=column, snippet=snippet_of(source_line))
    if root is None:  # lxml returns None for a document it recovered to nothing
        raise ParseError(f"not {what}: no root element", kind=DefectKind.SYNTAX, line=1)
    if check_root is not None:
        check_root(root)
    check_dtd(root, diag)
    return root


def _position(exc: etree.XMLSyntaxError) -> tuple[int | None, int | None]:
    """1-based (line, column) of a libxml2 error, None where libxml2 does not know it."""
    line, column = exc.position if exc.position else (0, 0)
    return (line or None, column or None)


def check_dtd(root: etree._Element, diag: Diagnostics) -> None:
    """Report (or, under strict, refuse) a DTD and the entities it declares."""
    docinfo = root.getroottree().docinfo
    dtd = docinfo.internalDTD
    if dtd is None:
        return
    entities = [e.name for e in dtd.iterentities()]
    if entities:
        if diag.strict:
            raise ParseError(
                "document declares entities (refused: entity expansion is unsafe)",
                kind=DefectKind.UNSAFE,
                line=1,
                snippet=", ".join(str(e) for e in entities[:10]),
            )
        diag.report(
            DefectKind.UNSAFE,
            "document declares entities; they were left unexpanded",
            line=1,
            snippet=", ".join(str(e) for e in entities[:10]),
        )
    else:
        diag.report(DefectKind.UNSAFE, "document carries a DTD; it was ignored", line=1)


def _line_of(raw: bytes, line: int | None) -> str | None:
    if line is None:
        return None
    lines = raw.split(b"\n")
    if 1 <= line <= len(lines):
        return lines[line - 1].decode("utf-8", "replace")
    return None


_XMLNS_DECLARATION = re.compile(r'\s+xmlns(?::[\w.-]+)?="[^"]*"')


def xml_snippet(el: etree._Element) -> str:
    """``el`` as XML for a defect, without the namespace declarations lxml repeats on it."""
    text = etree.tostring(el, encoding="unicode", with_tail=False)
    end = text.find(">")
    return _XMLNS_DECLARATION.sub("", text[:end]) + text[end:]


def mixed_text(
    el: etree._Element, diag: Diagnostics, where: str, name: Callable[[Any], str]
) -> str:
    """The whole text of an element that should hold text only. Each child element is
    reported (``unknown_element``, named by ``name``) and only its text kept; unexpanded
    entities are not, :func:`check_dtd` reports those."""
    if len(el) == 0:
        return el.text or ""
    for child in el:
        if not isinstance(child, etree._Entity):
            diag.report(
                DefectKind.UNKNOWN_ELEMENT,
                f"markup <{name(child.tag)}> inside <{name(el.tag)}>; only its text is kept",
                line=child.sourceline,
                snippet=xml_snippet(child),
                where=where,
            )
    return element_text(el)


def element_text(el: etree._Element) -> str:
    """All text inside ``el`` (its own text when it has no children, the common case)."""
    if len(el) == 0:
        return el.text or ""
    return "".join(_iter_text(el))


def _iter_text(el: etree._Element) -> list[str]:
    parts: list[str] = []
    if el.text:
        parts.append(el.text)
    for child in el:
        if isinstance(child, etree._Entity):
            parts.append(child.text or "")  # an unexpanded entity stays visible: "&name;"
        else:
            parts.extend(_iter_text(child))
        if child.tail:
            parts.append(child.tail)
    return parts


def qname_local(tag: object) -> str:
    """``{ns}local`` -> ``local`` (comments and entities have non-string tags)."""
    if not isinstance(tag, str):
        return "#node"
    return tag.rpartition("}")[2]


_RFC3339_RE = re.compile(
    r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?"
    r"(?:([Zz])|([+-])([0-9]{2}):?([0-9]{2}))\s*",
    re.ASCII,
)
_UTC = _dt.timezone.utc


def parse_rfc3339(text: str) -> _dt.datetime:
    """Parse an Atom timestamp to an aware UTC datetime; ValueError when it is not one.

    >>> parse_rfc3339("2016-10-09T00:00:00-04:00").isoformat()
    '2016-10-09T04:00:00+00:00'
    >>> parse_rfc3339("9999-12-31T23:59:59-01:00")
    Traceback (most recent call last):
        ...
    ValueError: '9999-12-31T23:59:59-01:00' is outside the years 1..9999 in UTC
    """
    m = _RFC3339_RE.fullmatch(text)
    if m is None:
        raise ValueError(f"not an RFC 3339 timestamp: {text!r}")
    y, mo, d, h, mi, s, frac, z, sign, oh, om = m.groups()
    micro = int((frac[1:] + "000000")[:6]) if frac else 0
    if z is not None:
        return _dt.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), micro, _UTC)
    offset = _dt.timedelta(hours=int(oh), minutes=int(om))
    if sign == "-":
        offset = -offset
    value = _dt.datetime(
        int(y), int(mo), int(d), int(h), int(mi), int(s), micro, _dt.timezone(offset)
    )
    try:
        return value.astimezone(_UTC)
    except OverflowError:  # 9999-12-31T23:59:59-01:00 is in year 10000 in UTC
        raise ValueError(f"{text!r} is outside the years 1..9999 in UTC") from None


#: Bytes read per step by the streaming readers.
CHUNK = 1 << 16


def _text_chunk(chunk: str) -> bytes:
    try:
        return chunk.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate: invalid UTF-8, reported by the parser
        return chunk.encode("utf-8", "surrogatepass")


class PullFeed:
    """Feeds a file (binary, or text mode: then read as UTF-8) to a safe pull parser in
    chunks; iterating gives one batch of ``(event, element)`` pairs per chunk.

    Iteration ends after the last chunk, or after the first syntax error (events before
    it are still delivered); ``failure`` then holds the error. :meth:`cut_off` says
    whether that error is the end of a truncated document.
    """

    def __init__(self, fh: IO[bytes] | IO[str], *, drop_blank_text: bool = True) -> None:
        self._fh = fh
        self._drop = drop_blank_text
        self.closing = False
        self.failure: etree.XMLSyntaxError | None = None
        self._lines = 1  # lines read so far
        self._last = 1  # the last line that held more than whitespace

    def __iter__(self) -> Iterator[Iterator[tuple[str, etree._Element]]]:
        parser: etree.XMLPullParser | None = None
        while True:
            chunk: bytes | str = self._fh.read(CHUNK)
            if parser is None:
                # A text-mode file gives str: that is UTF-8 once encoded, whatever it declares.
                parser = make_pull_parser(
                    encoding="utf-8" if isinstance(chunk, str) else None,
                    drop_blank_text=self._drop,
                )
            if isinstance(chunk, str):
                chunk = _text_chunk(chunk)
            if chunk.strip():
                self._last = self._lines + chunk.rstrip().count(b"\n")
            self._lines += chunk.count(b"\n")
            try:
                if chunk:
                    parser.feed(chunk)
                else:
                    self.closing = True
                    parser.close()
            except etree.XMLSyntaxError as exc:
                self.failure = exc
            yield parser.read_events()
            if self.failure is not None or self.closing:
                return

    def cut_off(self, depth: int) -> bool:
        """True when the syntax error is the document ending early (still ``depth`` deep)."""
        return (
            self.failure is not None
            and self.closing
            and depth > 0
            and error_at_end(self.failure, self._last)
        )


def free_element(el: etree._Element) -> None:
    """Drop a finished element and every earlier sibling from the tree (flat memory)."""
    el.clear()
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]
