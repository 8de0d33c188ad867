"""arxivlisting: typed, immutable paper records from every public form of arXiv metadata.

>>> import arxivlisting
>>> from arxivlisting.samples import sample_bytes
>>> feed = arxivlisting.parse_atom(sample_bytes("atom"))
>>> [a.name for a in feed.papers[0].authors]
['Ada Example', 'Zoë Müller-Sample']
"""

from __future__ import annotations

from . import taxonomy
from ._version import __version__
from .announce import AnnounceType
from .authors import AuthorLine, parse_authors, propagate_affiliations, render_authors
from .batch import FileResult, SourcedPaper, iter_papers, iter_results
from .client import (
    ArxivClientError,
    ArxivHTTPError,
    AsyncClient,
    Client,
    IdLookup,
    Query,
    RateGate,
    RateLimited,
    ResponseCache,
    ResultWindowExceeded,
    RetryPolicy,
)
from .errors import ArxivApiError, Defect, DefectKind, InvalidArxivId, ParseError
from .formats.absfile import AbsRecord, parse_abs, render_abs
from .formats.abspage import AbsPage, parse_abs_page
from .formats.atom import ApiError, AtomStream, Feed, iter_atom, parse_atom, render_atom
from .formats.digest import (
    Digest,
    DigestEntry,
    Institution,
    Section,
    TopicHit,
    iter_digest,
    parse_digest,
    render_digest,
)
from .formats.kaggle import (
    KaggleFile,
    KaggleRecord,
    iter_kaggle,
    parse_kaggle,
    parse_kaggle_line,
    render_kaggle_line,
    write_kaggle,
)
from .formats.listing import Listing, ListingItem, ListingSection, parse_listing, render_listing
from .formats.mailing import Mailing, MailingEntry, parse_mailing, render_mailing
from .formats.oai import (
    OaiError,
    OaiPmhError,
    OaiRecord,
    OaiResponse,
    OaiStream,
    ResumptionToken,
    iter_oai,
    parse_oai,
    render_oai,
)
from .formats.rss import RssFeed, RssItem, parse_rss, render_rss
from .ids import ArxivId
from .lang import detect_language
from .records import Author, Link, Paper, Version
from .serialize import from_dict, to_dict
from .sniff import Parsed, paper_of, parse, sniff
from .text import normalize_space

__all__ = [
    "AbsPage",
    "AbsRecord",
    "AnnounceType",
    "ApiError",
    "ArxivApiError",
    "ArxivClientError",
    "ArxivHTTPError",
    "ArxivId",
    "AsyncClient",
    "AtomStream",
    "Author",
    "AuthorLine",
    "Client",
    "Defect",
    "DefectKind",
    "Digest",
    "DigestEntry",
    "Feed",
    "FileResult",
    "IdLookup",
    "Institution",
    "InvalidArxivId",
    "KaggleFile",
    "KaggleRecord",
    "Link",
    "Listing",
    "ListingItem",
    "ListingSection",
    "Mailing",
    "MailingEntry",
    "OaiError",
    "OaiPmhError",
    "OaiRecord",
    "OaiResponse",
    "OaiStream",
    "Paper",
    "ParseError",
    "Parsed",
    "Query",
    "RateGate",
    "RateLimited",
    "ResponseCache",
    "ResultWindowExceeded",
    "ResumptionToken",
    "RetryPolicy",
    "RssFeed",
    "RssItem",
    "Section",
    "SourcedPaper",
    "TopicHit",
    "Version",
    "__version__",
    "detect_language",
    "from_dict",
    "iter_atom",
    "iter_digest",
    "iter_kaggle",
    "iter_oai",
    "iter_papers",
    "iter_results",
    "normalize_space",
    "paper_of",
    "parse",
    "parse_abs",
    "parse_abs_page",
    "parse_atom",
    "parse_authors",
    "parse_digest",
    "parse_kaggle",
    "parse_kaggle_line",
    "parse_listing",
    "parse_mailing",
    "parse_oai",
    "parse_rss",
    "propagate_affiliations",
    "render_abs",
    "render_atom",
    "render_authors",
    "render_digest",
    "render_kaggle_line",
    "render_listing",
    "render_mailing",
    "render_oai",
    "render_rss",
    "sniff",
    "taxonomy",
    "to_dict",
    "write_kaggle",
]
