"""Private: the OAI-PMH records (re-exported by :mod:`arxivlisting.formats.oai`).

>>> token = ResumptionToken("", cursor=2000, complete_list_size=2358)
>>> token.is_final
True
"""

from __future__ import annotations

import datetime as _dt

import attrs

from ..errors import Defect, DefectKind, ParseError
from ..ids import ArxivId
from ..records import Paper, as_tuple, utc

__all__ = [
    "ARXIV_NS",
    "ARXIV_OLD_NS",
    "ARXIV_RAW_NS",
    "DC_NS",
    "ERROR_CODES",
    "OAI_DC_NS",
    "OAI_NS",
    "VERBS",
    "DublinCore",
    "OaiError",
    "OaiHeader",
    "OaiPmhError",
    "OaiRecord",
    "OaiRequest",
    "OaiResponse",
    "OaiSet",
    "ResumptionToken",
]

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
ARXIV_NS = "http://arxiv.org/OAI/arXiv/"
ARXIV_RAW_NS = "http://arxiv.org/OAI/arXivRaw/"
ARXIV_OLD_NS = "http://arxiv.org/OAI/arXivOld/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"

#: The six OAI-PMH verbs (the response element of the same name holds the results).
VERBS = frozenset(
    {"GetRecord", "Identify", "ListIdentifiers", "ListMetadataFormats", "ListRecords", "ListSets"}
)
#: The error codes OAI-PMH 2.0 defines (other codes are kept as given).
ERROR_CODES = frozenset(
    {
        "badArgument",
        "badResumptionToken",
        "badVerb",
        "cannotDisseminateFormat",
        "idDoesNotExist",
        "noMetadataFormats",
        "noRecordsMatch",
        "noSetHierarchy",
    }
)


@attrs.frozen
class OaiHeader:
    """A record header: the OAI identifier as given, its datestamp, sets, deleted status.

    ``identifier`` is kept exactly as the response wrote it (stripped), even when it is
    not a valid arXiv id (arXiv served ``oai:arXiv.org:0811.36489``); :attr:`arxiv_id`
    is the parsed id or None. ``datestamp`` is a UTC datetime: a day-granularity stamp
    (``2013-04-03``, what arXiv writes) is midnight UTC of that day.

    >>> h = OaiHeader("oai:arXiv.org:hep-th/9108002", set_specs=["physics:hep-th"])
    >>> h.arxiv_id, h.deleted
    (<ArxivId('hep-th/9108002')>, False)
    >>> OaiHeader("oai:arXiv.org:0811.36489").arxiv_id is None
    True
    """

    identifier: str
    datestamp: _dt.datetime | None = attrs.field(default=None, converter=utc)
    set_specs: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    deleted: bool = False

    @property
    def arxiv_id(self) -> ArxivId | None:
        """The arXiv id the identifier names, or None when it names none."""
        return ArxivId.try_parse(self.identifier)


@attrs.frozen
class DublinCore:
    """What an ``oai_dc`` record says that :class:`~arxivlisting.Paper` has no field for.

    ``dates`` are every ``dc:date`` in order (midnight UTC; the paper's ``published`` is
    the first and ``updated`` the last when there are several), ``types`` the
    ``dc:type`` values (arXiv writes ``text``), ``languages`` the ``dc:language`` values.

    >>> DublinCore(types=["text"]).languages
    ()
    """

    dates: tuple[_dt.datetime, ...] = attrs.field(default=(), converter=as_tuple)
    types: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    languages: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)


@attrs.frozen
class OaiRecord:
    """One ``<record>`` (or, in a ListIdentifiers response, one bare ``<header>``).

    ``metadata_format`` names the metadata it carried (``arXiv``, ``arXivRaw``,
    ``arXivOld``, ``oai_dc``, or the root element's name for a format this library does
    not read); it and ``paper`` are None for deleted records and identifier lists.
    ``authors_text`` is the one-string author line of ``arXivRaw``/``arXivOld`` as
    written (whitespace normalized), from which ``paper.authors`` is split. ``dc`` holds
    the Dublin Core facts a Paper has no field for.

    >>> OaiRecord(OaiHeader("oai:arXiv.org:2301.00001", deleted=True)).paper is None
    True
    """

    header: OaiHeader
    paper: Paper | None = None
    metadata_format: str | None = None
    authors_text: str | None = None
    dc: DublinCore | None = None


@attrs.frozen
class ResumptionToken:
    """The ``<resumptionToken>`` of a list response.

    ``value`` is ``""`` for the **empty token** that ends a harvest (the last page);
    a response without any token element has ``OaiResponse.resumption_token`` None
    (a complete list in one response). ``expiration_date`` also reads the ``expires``
    attribute some arXiv servers write instead of ``expirationDate``.

    >>> ResumptionToken("726959|1001", cursor=0, complete_list_size=58011).is_final
    False
    """

    value: str
    cursor: int | None = None
    complete_list_size: int | None = None
    expiration_date: _dt.datetime | None = attrs.field(default=None, converter=utc)

    @property
    def is_final(self) -> bool:
        """True for the empty token: there is no further page to ask for."""
        return self.value == ""


@attrs.frozen
class OaiError:
    """An OAI-PMH ``<error>``: its ``code`` (``badArgument``, ``idDoesNotExist``...) and
    message (whitespace normalized).

    >>> OaiError("noRecordsMatch", "No records match").is_empty_result
    True
    """

    code: str
    message: str

    @property
    def is_empty_result(self) -> bool:
        """True for ``noRecordsMatch``: an empty result, not a failure."""
        return self.code == "noRecordsMatch"


@attrs.frozen
class OaiRequest:
    """The ``<request>`` element: the base URL and the arguments echoed back, as given.

    arXiv writes no arguments when the request was refused with ``badVerb`` or
    ``badArgument``. ``from_date`` is the ``from`` argument.

    >>> OaiRequest("http://export.arxiv.org/oai2", verb="ListRecords").set is None
    True
    """

    url: str | None = None
    verb: str | None = None
    identifier: str | None = None
    metadata_prefix: str | None = None
    set: str | None = None
    from_date: str | None = None
    until: str | None = None
    resumption_token: str | None = None


@attrs.frozen
class OaiSet:
    """One set of a ListSets response (``physics:hep-th``, ``Physics - High Energy...``).

    >>> OaiSet("cs", "Computer Science").spec
    'cs'
    """

    spec: str
    name: str | None = None


@attrs.frozen
class OaiResponse:
    """One OAI-PMH response (or one bare ``<record>`` fragment, ``envelope=False``).

    ``verb`` is the name of the result element (``ListRecords``, ``GetRecord``...), None
    when there is none (an error response, a fragment). ``records`` are the records in
    order (for ListIdentifiers: header-only records). ``resumption_token`` is None when
    the response has no token element, and a token whose ``value`` is ``""`` for the
    empty token that ends a harvest. ``errors`` are the OAI errors; ``noRecordsMatch``
    is an empty result, not a failure (:attr:`is_error` is False for it).
    ``defects`` describe the source bytes and are not part of equality.

    >>> r = OaiResponse(errors=[OaiError("noRecordsMatch", "none")])
    >>> r.is_error, r.no_records_match, r.papers
    (False, True, ())
    """

    records: tuple[OaiRecord, ...] = attrs.field(default=(), converter=as_tuple)
    verb: str | None = None
    response_date: _dt.datetime | None = attrs.field(default=None, converter=utc)
    request: OaiRequest | None = None
    resumption_token: ResumptionToken | None = None
    errors: tuple[OaiError, ...] = attrs.field(default=(), converter=as_tuple)
    sets: tuple[OaiSet, ...] = attrs.field(default=(), converter=as_tuple)
    envelope: bool = True
    defects: tuple[Defect, ...] = attrs.field(default=(), converter=as_tuple, eq=False)

    @property
    def papers(self) -> tuple[Paper, ...]:
        """The papers of the records that carry metadata, in order."""
        return tuple(r.paper for r in self.records if r.paper is not None)

    @property
    def is_error(self) -> bool:
        """True when the server reported an error other than ``noRecordsMatch``."""
        return any(not e.is_empty_result for e in self.errors)

    @property
    def no_records_match(self) -> bool:
        """True when the server said ``noRecordsMatch`` (an empty result)."""
        return any(e.is_empty_result for e in self.errors)


class OaiPmhError(ParseError):
    """The server answered with an OAI-PMH error (raised under ``strict=True``).

    The structured error is on ``.oai_error``; lenient parsing puts it on
    ``OaiResponse.errors``. ``noRecordsMatch`` never raises: it is an empty result.
    """

    def __init__(self, message: str, oai_error: OaiError, *, line: int | None = None) -> None:
        super().__init__(message, kind=DefectKind.API_ERROR, line=line, snippet=oai_error.code)
        self.oai_error = oai_error
