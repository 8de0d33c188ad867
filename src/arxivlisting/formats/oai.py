"""OAI-PMH responses from ``export.arxiv.org/oai2``: ``parse_oai``, ``iter_oai``, ``render_oai``.

Verbs ``ListRecords``, ``GetRecord``, ``ListIdentifiers`` and ``ListSets``; metadata
formats ``arXiv``, ``arXivRaw`` (and its version-less ancestor ``arXivOld``) and
``oai_dc``; a single ``<record>`` without the envelope parses too. Every record becomes
an :class:`OaiRecord`: the header as given, and a :class:`~arxivlisting.Paper`.

>>> from arxivlisting.formats.oai import parse_oai, render_oai
>>> xml = b'''<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
... <responseDate>2015-01-06T20:48:16Z</responseDate>
... <request verb="ListRecords" metadataPrefix="arXiv">http://export.arxiv.org/oai2</request>
... <ListRecords><record><header><identifier>oai:arXiv.org:1401.2122</identifier>
... <datestamp>2018-01-25</datestamp><setSpec>math</setSpec></header><metadata>
... <arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>1401.2122</id><created>2014-01-09</created>
... <authors><author><keyname>Sergyeyev</keyname><forenames>A.</forenames></author></authors>
... <title>New integrable systems</title><categories>math.AP hep-th</categories>
... <abstract>  We introduce...</abstract></arXiv></metadata></record>
... <resumptionToken cursor="0" completeListSize="1"></resumptionToken></ListRecords></OAI-PMH>'''
>>> response = parse_oai(xml)
>>> paper = response.papers[0]
>>> str(paper.id), paper.authors[0].name, paper.categories, paper.published.date()
('1401.2122', 'A. Sergyeyev', ('math.AP', 'hep-th'), datetime.date(2014, 1, 9))
>>> response.resumption_token.is_final, response.defects
(True, ())
>>> parse_oai(render_oai(response)) == response
True

Choices, documented here once:

* **Names.** ``arXiv`` splits authors into ``<keyname>``, ``<forenames>``, ``<suffix>``;
  the record keeps the parts and composes ``Author.name`` as ``Forenames Keyname
  Suffix``. Dublin Core ``Last, First`` is split at the first comma the same way.
  ``arXivRaw`` has one free-text author line: it is kept on ``OaiRecord.authors_text``
  and split by :func:`arxivlisting.authors.parse_authors`.
* **Dates.** OAI dates are days: ``created``/``updated`` (``arXiv``), ``dc:date`` and
  day-granularity datestamps become midnight UTC. ``arXivRaw`` version dates are full
  times (RFC 2822); there ``published`` is the v1 time and ``updated`` the time of the
  highest version.
* **Categories.** ``<categories>`` is space separated with the primary first; Dublin Core
  gives full names that are mapped back to codes (see ``_oai_dc``), without a primary.
* **Identifiers.** ``OaiHeader.identifier`` is kept as given; an identifier that is no
  valid arXiv id (arXiv served ``oai:arXiv.org:0811.36489``) gives ``Paper.id`` None and
  a ``bad_id`` defect, never an exception.
* **Resumption tokens.** ``OaiResponse.resumption_token`` is None when the response has
  no token element (a complete list), and a token with ``value == ""`` for the *empty*
  token that ends a harvest (``is_final``). A page holding fewer records than its token
  accounts for (cursor, completeListSize, arXiv's ``<n>|<offset>`` tokens) gets a
  ``count_mismatch`` defect.
* **Errors.** ``<error>`` elements become :class:`OaiError` on ``errors``; under strict the
  first raises :class:`OaiPmhError` (a ``ParseError``). ``noRecordsMatch`` is an empty
  result, not a failure: it is kept on ``errors`` but is no defect and never raises
  (``is_error`` is False, ``no_records_match`` True).
* **Size limits (``huge_tree``).** libxml2's safety limits stay on: ``huge_tree`` only
  lifts *per-node* limits (a text node over 10 MB, nesting deeper than 256, names over
  50,000 characters); a document of any total size parses without it. No arXiv response
  comes near those limits (abstracts are about 2 kB; a 1000-record page is a few MB), so
  turning them off would only open the door to hostile input. A response that does hit a
  limit is never returned as if whole: ``parse_oai`` reports the libxml2 error as a
  ``syntax`` defect (``ParseError`` under strict), and ``iter_oai`` stops with an
  ``unsafe`` defect. A cut-off response gives a ``truncated`` defect (``ParseError``
  under strict); ``iter_oai`` then yields only the records that were complete.
"""

from __future__ import annotations

import gzip
import os
import re
from collections.abc import Iterator
from typing import IO

from lxml import etree

from .._diag import Diagnostics
from ..errors import Defect, DefectKind, ParseError
from ._oai_common import local_name
from ._oai_model import (
    OAI_NS,
    DublinCore,
    OaiError,
    OaiHeader,
    OaiPmhError,
    OaiRecord,
    OaiRequest,
    OaiResponse,
    OaiSet,
    ResumptionToken,
)
from ._oai_render import render
from ._oai_walk import Envelope, build_record
from ._xml import PullFeed, check_dtd, free_element, parse_document

__all__ = [
    "DublinCore",
    "OaiError",
    "OaiHeader",
    "OaiPmhError",
    "OaiRecord",
    "OaiRequest",
    "OaiResponse",
    "OaiSet",
    "OaiStream",
    "ResumptionToken",
    "iter_oai",
    "looks_like",
    "parse_oai",
    "render_oai",
]

_ROOTS = ("OAI-PMH", "record")


def _check_root(root: etree._Element) -> None:
    tag = root.tag
    name = local_name(tag)
    namespace = tag[1 : tag.index("}")] if isinstance(tag, str) and tag[:1] == "{" else ""
    if name not in _ROOTS or namespace not in ("", OAI_NS):
        raise ParseError(
            f"not an OAI-PMH response: the root element is <{name}>, not <OAI-PMH> or <record>",
            kind=DefectKind.SYNTAX,
            line=root.sourceline,
        )


def parse_oai(data: str | bytes, *, strict: bool = False) -> OaiResponse:
    """Parse one OAI-PMH response (or one bare ``<record>``) into an :class:`OaiResponse`.

    Lenient by default (defects on ``response.defects``); ``strict=True`` raises
    :class:`~arxivlisting.errors.ParseError` at the first defect, and
    :class:`OaiPmhError` for an OAI error other than ``noRecordsMatch``.

    >>> r = parse_oai('<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
    ...     '<responseDate>2015-06-23T13:28:30Z</responseDate><request>http://x</request>'
    ...     '<error code="noRecordsMatch">none</error></OAI-PMH>')
    >>> r.records, r.no_records_match, r.is_error, r.defects
    ((), True, False, ())
    """
    diag = Diagnostics(strict, data)
    root = parse_document(
        data, diag, "an OAI-PMH response", drop_blank_text=True, check_root=_check_root
    )
    env = Envelope(diag)
    records: list[OaiRecord] = []
    envelope = local_name(root.tag) == "OAI-PMH"
    if not envelope:
        env.count = 1
        records.append(build_record(root, 1, diag))
    else:
        for child in root:
            if env.start_verb(child):
                for item in child:
                    record = env.take_result(item)
                    if record is not None:
                        records.append(record)
            else:
                env.take_top(child)
    env.finish(envelope, root.sourceline)
    return env.response(tuple(records), envelope)


# -- streaming -----------------------------------------------------------------------

_LIMIT_HINTS = ("resource limit", "excessive depth", "xml_parse_huge", "huge")


class OaiStream(Iterator[OaiRecord]):
    """The records of a (possibly huge) OAI-PMH response, read incrementally.

    Memory stays flat in the number of records: each ``<record>`` is built and then
    freed. Response-level facts fill in as they are read; the resumption token comes
    after the records, so read :attr:`resumption_token` once the stream is exhausted.
    :attr:`complete` is True only when the document ended properly. :meth:`header`
    gives everything but the records as an :class:`OaiResponse`.
    """

    def __init__(self, source: str | os.PathLike[str] | IO[bytes], *, strict: bool) -> None:
        self._diag = Diagnostics(strict, None)
        self._env = Envelope(self._diag)
        self._source = source
        self._envelope = True
        self.complete = False
        self._gen = self._run()

    @property
    def defects(self) -> list[Defect]:
        """Defects found so far."""
        return self._diag.defects

    @property
    def resumption_token(self) -> ResumptionToken | None:
        """The resumption token, once read (None: no token element, or not read yet)."""
        return self._env.token

    @property
    def errors(self) -> list[OaiError]:
        """OAI errors read so far."""
        return self._env.errors

    @property
    def verb(self) -> str | None:
        """The verb element's name, once its start has been read."""
        return self._env.verb

    def header(self) -> OaiResponse:
        """Response-level facts read so far, as an :class:`OaiResponse` without records."""
        return self._env.response((), self._envelope)

    def __next__(self) -> OaiRecord:
        return next(self._gen)

    def _run(self) -> Iterator[OaiRecord]:
        source = self._source
        if isinstance(source, (str, os.PathLike)):
            path = os.fspath(source)
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rb") as fh:
                yield from self._events(fh)  # type: ignore[arg-type]
        else:
            yield from self._events(source)

    def _events(self, fh: IO[bytes]) -> Iterator[OaiRecord]:
        env = self._env
        root: etree._Element | None = None
        verb_el: etree._Element | None = None
        depth = 0
        feed = PullFeed(fh)
        for events in feed:
            for event, el in events:
                if event == "start":
                    depth += 1
                    if depth == 1:
                        root = el
                        _check_root(el)
                        check_dtd(el, self._diag)
                        self._envelope = local_name(el.tag) == "OAI-PMH"
                    elif depth == 2 and self._envelope and env.start_verb(el):
                        verb_el = el
                    continue
                depth -= 1
                if depth == 0:
                    if not self._envelope:
                        env.count = 1
                        record = build_record(el, 1, self._diag)
                        self.complete = True
                        yield record
                    else:
                        env.finish(True, el.sourceline)
                        self.complete = True
                elif depth == 1 and self._envelope:
                    if el is not verb_el:
                        env.take_top(el)
                    free_element(el)
                elif depth == 2 and verb_el is not None and el.getparent() is verb_el:
                    record_or_none = env.take_result(el)
                    free_element(el)
                    if record_or_none is not None:
                        yield record_or_none
        if feed.failure is not None:
            self.complete = False
            self._stopped(feed.failure, root, feed.cut_off(depth))

    def _stopped(
        self, exc: etree.XMLSyntaxError, root: etree._Element | None, cut_off: bool
    ) -> None:
        line, column = exc.position if exc.position else (0, 0)
        message = str(exc.msg) if exc.msg else str(exc)
        if root is None:
            raise ParseError(
                f"not an OAI-PMH response: {message}",
                kind=DefectKind.SYNTAX,
                line=line or None,
                column=column or None,
            ) from None
        kind = DefectKind.TRUNCATED if cut_off else DefectKind.SYNTAX
        if any(hint in message.lower() for hint in _LIMIT_HINTS):
            kind = DefectKind.UNSAFE
            message += " (libxml2's size limits are kept on purpose: huge_tree is off)"
        self._diag.report(
            kind,
            f"OAI-PMH stream stopped after {self._env.count} records: {message}",
            line=line or None,
            column=column or None,
        )


def iter_oai(source: str | os.PathLike[str] | IO[bytes], *, strict: bool = False) -> OaiStream:
    """Stream the records of an OAI-PMH response from a path (``.gz`` too) or binary file.

    >>> import io
    >>> stream = iter_oai(io.BytesIO(b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
    ...     b'<responseDate>2024-01-30T08:21:02Z</responseDate><request>http://x</request>'
    ...     b'<ListIdentifiers><header><identifier>oai:arXiv.org:2103.14379</identifier>'
    ...     b'<datestamp>2021-03-29</datestamp></header><resumptionToken cursor="0"'
    ...     b' completeListSize="1"/></ListIdentifiers></OAI-PMH>'))
    >>> [r.header.identifier for r in stream], stream.resumption_token.is_final, stream.complete
    (['oai:arXiv.org:2103.14379'], True, True)
    """
    return OaiStream(source, strict=strict)


def render_oai(response: OaiResponse) -> bytes:
    """Write ``response`` as a UTF-8 OAI-PMH document in arXiv's layout.

    Records are written in their ``metadata_format`` (``arXiv``, ``arXivRaw``,
    ``arXivOld``, ``oai_dc``); a response with ``envelope=False`` is written as the bare
    ``<record>`` it came from. Defects are not written. Text XML cannot carry raises
    ValueError, as do records, sets or a token without a verb element to hold them.

    >>> r = OaiResponse(verb="ListRecords", resumption_token=ResumptionToken(""))
    >>> b"<resumptionToken/>" in render_oai(r)
    True
    """
    return render(response)


_OAI_RE = re.compile(
    r"<(?:[A-Za-z_][\w.-]*:)?OAI-PMH\b[^>]*http://www\.openarchives\.org/OAI/2\.0/"
    r"|<record\b[^>]*>\s*<header\b(?:[^>]*)>\s*<identifier>\s*oai:",
    re.S,
)


def looks_like(head: str) -> bool:
    """True when the first kilobytes of a document look like an OAI-PMH response or record.

    >>> looks_like('<?xml version="1.0"?>\\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">')
    True
    >>> looks_like("<record>\\n<header>\\n <identifier>oai:arXiv.org:0704.0001</identifier>")
    True
    >>> looks_like('<feed xmlns="http://www.w3.org/2005/Atom">')
    False
    """
    return head.lstrip().startswith("<") and _OAI_RE.search(head) is not None
