"""Hypothesis strategies for OAI-PMH records (:mod:`arxivlisting.formats.oai`).

>>> from hypothesis import given, settings
>>> from arxivlisting.formats.oai import parse_oai, render_oai
>>> from arxivlisting.strategies.oai import oai_responses
>>> @settings(max_examples=10)
... @given(oai_responses())
... def test_round_trip(response):
...     assert parse_oai(render_oai(response)) == response
>>> test_round_trip()

Domain: what each metadata format carries, in the form the parser gives it back.

* Text is normalized (see :mod:`arxivlisting.strategies`); datetimes are UTC with whole
  seconds. Dates the formats write as days (``created``/``updated``, ``dc:date``) are
  midnight UTC; datestamps are midnight or carry a time.
* ``arXiv`` papers: an unversioned id (the header names the same id), categories from
  the taxonomy with ``primary_category`` the first of them, authors with a keyname whose
  ``name`` is ``Forenames Keyname Suffix``; no versions, submitter or links.
* ``arXivRaw`` papers: versions v1..vN with sizes and source types (withdrawn exactly
  when the source type holds ``I`` or the size is 0 kb),
  ``published``/``updated`` the v1 and latest version times, and an author line
  (``authors_text``) whose split is ``paper.authors``.
* ``oai_dc`` papers: the header's id, authors with a keyname without commas (forenames
  optional, no suffix or affiliations), categories that are taxonomy codes (no primary),
  MSC/ACM classes that classify as such, an abstract that does not start ``Comment:``, a
  journal reference that is neither an abs URL nor a ``doi:``; the dates on
  ``OaiRecord.dc`` give ``published`` (first) and ``updated`` (last of several).
* Responses hold records of any of those formats (and deleted ones) under ListRecords
  or GetRecord, header-only records under ListIdentifiers, sets under ListSets, or only
  errors; a response without envelope is one record.
"""

from __future__ import annotations

import datetime as _dt

from hypothesis import strategies as st

from .. import taxonomy
from ..formats._oai_meta import authors_of_line
from ..formats._oai_model import (
    ERROR_CODES,
    DublinCore,
    OaiError,
    OaiHeader,
    OaiRecord,
    OaiRequest,
    OaiResponse,
    OaiSet,
    ResumptionToken,
)
from ..formats._oai_text import compose_name
from ..ids import ArxivId
from ..records import Author, Paper, Version
from ..text import normalize_space
from . import arxiv_ids, datetimes, dois, normalized_text
from .author_lines import author_lines, written_author_lines

__all__ = [
    "oai_errors",
    "oai_headers",
    "oai_records",
    "oai_responses",
    "resumption_tokens",
]

_FORMATS = ("arXiv", "arXivRaw", "oai_dc")
_SET_SPECS = ("cs", "math", "physics:hep-th", "physics:astro-ph", "q-bio", "stat", "econ")
_LICENSES = (
    "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
    "http://creativecommons.org/licenses/by/4.0/",
)
_MSC = ("05C80", "05C80, 05C15", "68T07 (Primary) 68T05 (Secondary)", "37K05 37K10 53D10")
_ACM = ("F.2.2", "I.2.7; H.3.3", "I.2.0")


def _days() -> st.SearchStrategy[_dt.datetime]:
    return datetimes().map(lambda d: d.replace(hour=0, minute=0, second=0))


def oai_headers(paper_id: ArxivId | None = None) -> st.SearchStrategy[OaiHeader]:
    """Record headers (for ``paper_id`` when given, else any unversioned id)."""
    ids = st.just(paper_id) if paper_id is not None else arxiv_ids(versioned=False)
    return st.builds(
        OaiHeader,
        identifier=ids.map(lambda x: f"oai:arXiv.org:{x}"),
        datestamp=st.none() | _days() | datetimes(),
        set_specs=st.lists(st.sampled_from(_SET_SPECS), max_size=3).map(tuple),
        deleted=st.just(False),
    )


def _opt(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.none() | strategy


def _common(draw: st.DrawFn) -> dict[str, object]:
    cats = draw(st.lists(st.sampled_from(sorted(taxonomy.CATEGORIES)), max_size=4))
    return {
        "title": draw(_opt(normalized_text())),
        "abstract": draw(_opt(normalized_text(1, 30))),
        "comments": draw(_opt(normalized_text(1, 8))),
        "journal_ref": draw(_opt(normalized_text(1, 6))),
        "dois": tuple(draw(st.lists(dois(), max_size=3))),
        "categories": tuple(cats),
        "msc_class": draw(st.none() | st.sampled_from(_MSC)),
        "acm_class": draw(st.none() | st.sampled_from(_ACM)),
    }


@st.composite
def _split_author(draw: st.DrawFn, *, affiliations: bool) -> Author:
    keyname = draw(normalized_text(1, 2).filter(lambda s: "," not in s))
    forenames = draw(_opt(normalized_text(1, 3)))
    suffix = draw(st.none() | st.sampled_from(["Jr.", "III", "IV"])) if affiliations else None
    affs = draw(st.lists(normalized_text(1, 5), max_size=2)) if affiliations else []
    return Author(compose_name(keyname, forenames, suffix), affs, keyname, forenames, suffix)


@st.composite
def _arxiv_record(draw: st.DrawFn, header: OaiHeader, paper_id: ArxivId) -> OaiRecord:
    fields = _common(draw)
    cats = fields["categories"]
    assert isinstance(cats, tuple)
    published = draw(st.none() | _days())
    paper = Paper(
        id=paper_id,
        authors=tuple(draw(st.lists(_split_author(affiliations=True), max_size=4))),
        primary_category=cats[0] if cats else None,
        report_no=draw(_opt(normalized_text(1, 3))),
        license=draw(st.none() | st.sampled_from(_LICENSES)),
        proxy=draw(_opt(normalized_text(1, 2))),
        published=published,
        updated=draw(st.none() | _days()),
        **fields,  # type: ignore[arg-type]
    )
    return OaiRecord(header, paper, "arXiv")


@st.composite
def _raw_versions(draw: st.DrawFn) -> tuple[Version, ...]:
    n = draw(st.integers(1, 5))
    dates = sorted(draw(st.lists(datetimes(), min_size=n, max_size=n, unique=True)))
    out = []
    for i, date in enumerate(dates, 1):
        size = draw(st.none() | st.integers(0, 99999))
        flags = draw(st.none() | st.sampled_from(["D", "DS", "I", "P", "S", "X"]))
        out.append(Version(i, date, size, flags, bool(flags and "I" in flags) or size == 0))
    return tuple(out)


@st.composite
def _raw_record(draw: st.DrawFn, header: OaiHeader, paper_id: ArxivId) -> OaiRecord:
    fields = _common(draw)
    cats = fields["categories"]
    assert isinstance(cats, tuple)
    versions = draw(_raw_versions())
    lines = written_author_lines().map(lambda p: p[0]) | author_lines().filter(_xml_text)
    line = normalize_space(draw(lines))
    authors, _ = authors_of_line(line)
    paper = Paper(
        id=paper_id,
        authors=authors,
        primary_category=cats[0] if cats else None,
        submitter=draw(_opt(normalized_text(1, 3))),
        versions=versions,
        published=versions[0].date,
        updated=versions[-1].date,
        report_no=draw(_opt(normalized_text(1, 3))),
        license=draw(st.none() | st.sampled_from(_LICENSES)),
        **fields,  # type: ignore[arg-type]
    )
    return OaiRecord(header, paper, "arXivRaw", authors_text=line)


def _xml_text(text: str) -> bool:
    """True when XML 1.0 can carry every character of ``text``."""
    return all(
        c in "\t\n\r" or " " <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c >= "\U00010000"
        for c in text
    )


def _not_prefixed(text: str) -> bool:
    lowered = text.lower()
    return not lowered.startswith(("comment:", "doi:", "http://arxiv.org/abs/"))


@st.composite
def _dc_record(draw: st.DrawFn, header: OaiHeader, paper_id: ArxivId) -> OaiRecord:
    fields = _common(draw)
    fields["abstract"] = draw(_opt(normalized_text(1, 30).filter(_not_prefixed)))
    fields["journal_ref"] = draw(_opt(normalized_text(1, 6).filter(_not_prefixed)))
    dates = tuple(draw(st.lists(_days(), max_size=3)))
    dc = DublinCore(
        dates=dates,
        types=tuple(draw(st.lists(st.just("text"), max_size=1))),
        languages=tuple(draw(st.lists(st.sampled_from(["ru", "en", "de"]), max_size=1))),
    )
    paper = Paper(
        id=paper_id,
        authors=tuple(draw(st.lists(_split_author(affiliations=False), max_size=4))),
        published=dates[0] if dates else None,
        updated=dates[-1] if len(dates) > 1 else None,
        **fields,  # type: ignore[arg-type]
    )
    return OaiRecord(header, paper, "oai_dc", dc=dc)


@st.composite
def oai_records(draw: st.DrawFn, metadata_format: str | None = None) -> OaiRecord:
    """A record in ``metadata_format`` (``arXiv``, ``arXivRaw``, ``oai_dc``; None: any,
    deleted records included)."""
    paper_id = draw(arxiv_ids(versioned=False))
    header = draw(oai_headers(paper_id))
    fmt = metadata_format or draw(st.sampled_from((*_FORMATS, "deleted")))
    if fmt == "deleted":
        return OaiRecord(OaiHeader(header.identifier, header.datestamp, header.set_specs, True))
    build = {"arXiv": _arxiv_record, "arXivRaw": _raw_record, "oai_dc": _dc_record}[fmt]
    record: OaiRecord = draw(build(header, paper_id))
    return record


def resumption_tokens() -> st.SearchStrategy[ResumptionToken]:
    """Tokens, the empty one that ends a harvest included."""
    return st.builds(
        ResumptionToken,
        value=st.just("") | st.from_regex(r"[0-9]{4,7}\|[0-9]{1,6}", fullmatch=True),
        cursor=st.none() | st.integers(0, 100000),
        complete_list_size=st.none() | st.integers(0, 100000),
        expiration_date=st.none() | datetimes(),
    )


def oai_errors() -> st.SearchStrategy[OaiError]:
    """OAI-PMH errors with the codes the protocol defines."""
    return st.builds(
        OaiError, code=st.sampled_from(sorted(ERROR_CODES)), message=normalized_text(1, 10)
    )


def _requests(verb: str | None) -> st.SearchStrategy[OaiRequest]:
    return st.builds(
        OaiRequest,
        url=st.just("http://export.arxiv.org/oai2"),
        verb=st.just(verb),
        metadata_prefix=st.none() | st.sampled_from(_FORMATS),
        set=st.none() | st.sampled_from(_SET_SPECS),
        from_date=st.none() | st.just("2015-01-16"),
        resumption_token=st.none() | st.just("496549|95001"),
    )


@st.composite
def oai_responses(draw: st.DrawFn, max_records: int = 4) -> OaiResponse:
    """Whole responses of every shape (see the module docstring)."""
    shape = draw(
        st.sampled_from(
            ["ListRecords", "GetRecord", "ListIdentifiers", "ListSets", "error", "bare"]
        )
    )
    if shape == "bare":
        return OaiResponse(records=(draw(oai_records()),), envelope=False)
    verb = None if shape == "error" else shape
    records: tuple[OaiRecord, ...] = ()
    sets: tuple[OaiSet, ...] = ()
    token = None
    if shape in ("ListRecords", "GetRecord"):
        size = 1 if shape == "GetRecord" else max_records
        records = tuple(draw(st.lists(oai_records(), min_size=1, max_size=size)))
    elif shape == "ListIdentifiers":
        records = tuple(OaiRecord(h) for h in draw(st.lists(oai_headers(), max_size=max_records)))
    elif shape == "ListSets":
        sets = tuple(
            draw(
                st.lists(
                    st.builds(OaiSet, st.sampled_from(_SET_SPECS), _opt(normalized_text(1, 4))),
                    max_size=3,
                )
            )
        )
    if shape in ("ListRecords", "ListIdentifiers", "ListSets"):
        token = draw(st.none() | resumption_tokens())
    return OaiResponse(
        records=records,
        verb=verb,
        response_date=draw(st.none() | datetimes()),
        request=draw(st.none() | _requests(verb)),
        resumption_token=token,
        errors=tuple(draw(st.lists(oai_errors(), min_size=shape == "error", max_size=1))),
        sets=sets,
    )
