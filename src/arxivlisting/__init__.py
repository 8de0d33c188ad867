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
from .batch import FileResult, SourcedPaper, iter_papers, iter_results
from .errors import ArxivApiError, Defect, DefectKind, InvalidArxivId, ParseError
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
from .ids import ArxivId
from .lang import detect_language
from .records import Author, Link, Paper, Version
from .serialize import from_dict, to_dict
from .sniff import Parsed, parse, sniff
from .text import normalize_space

__all__ = [
    "AnnounceType",
    "ApiError",
    "ArxivApiError",
    "ArxivId",
    "AtomStream",
    "Author",
    "Defect",
    "DefectKind",
    "Digest",
    "DigestEntry",
    "Feed",
    "FileResult",
    "Institution",
    "InvalidArxivId",
    "Link",
    "Paper",
    "ParseError",
    "Parsed",
    "Section",
    "SourcedPaper",
    "TopicHit",
    "Version",
    "__version__",
    "detect_language",
    "from_dict",
    "iter_atom",
    "iter_digest",
    "iter_papers",
    "iter_results",
    "normalize_space",
    "parse",
    "parse_atom",
    "parse_digest",
    "render_atom",
    "render_digest",
    "sniff",
    "taxonomy",
    "to_dict",
]
