"""arXiv abstract pages (``/abs/<id>``): ``parse_abs_page`` (there is no renderer).

Both markups arXiv has served parse into the same :class:`AbsPage`: XHTML 1.0 with an
``<?xml?>`` prolog (to early 2024) and HTML5 (after). The page's record block gives the
:class:`~arxivlisting.Paper` (title, authors with affiliations, abstract, comments,
subjects with the primary first, MSC/ACM classes, report number, journal reference,
related DOIs, submitter, proxy, every version with its date, size and withdrawn mark);
the page extras (the arXiv DataCite DOI, the withdrawn notice, the download links, the
``citation_*`` meta tags) are on the :class:`AbsPage`.

>>> from arxivlisting.formats.abspage import parse_abs_page
>>> page = parse_abs_page('''<!DOCTYPE html><html><head>
... <title>[2301.00001] A title</title>
... <meta name="citation_title" content="A title" />
... <meta name="citation_author" content="Lovelace, Ada" />
... </head><body><div id="abs">
... <h1 class="title mathjax"><span class="descriptor">Title:</span>A title</h1>
... <div class="authors"><span class="descriptor">Authors:</span><a
...   href="https://arxiv.org/search/cs?searchtype=author&amp;query=Lovelace,+A">Ada
...   Lovelace</a> (Analytical Engines, Ltd)</div>
... <blockquote class="abstract mathjax"><span class="descriptor">Abstract:</span>Text.
... </blockquote></div>
... <div class="submission-history">From: Ada Lovelace [<a href="/show-email/1/2301.00001">view
... email</a>]<br/><strong>[v1]</strong> Sun, 1 Jan 2023 10:00:00 UTC (1,329 KB)<br/></div>
... </body></html>''')
>>> p = page.paper
>>> str(p.id), p.title, [(a.name, a.affiliations) for a in p.authors]
('2301.00001v1', 'A title', [('Ada Lovelace', ('Analytical Engines, Ltd',))])
>>> [(v.number, v.size_kb) for v in p.versions], page.defects
([(1, 1329)], ())

Long author lists: arXiv shows 100 names and hides the rest in ``div#long-author-list``
behind an "et al. (N additional authors not shown)" link. The hidden names are read, so
the list is complete; a page that says more authors exist without holding them has
``authors_complete`` False and a ``truncated`` defect.

Cross-checks: the ``citation_*`` meta tags (title, authors, abstract, dates, id), the
``<title>``, ``og:url``, the "Cite as" ids and the dateline must agree with the record
block; a disagreement is an ``inconsistent`` defect. A page cut after its ``<head>`` is
read from those tags alone (``head_only``) with a ``truncated`` defect.

Links that arXiv writes as "this https URL" in abstracts and comments are read as the
URL they stand for, so both markups give the same text. Values are what the page shows:
the title and names with TeX accents already converted by arXiv, and the proxy as the
page names it ("[via CCSD proxy]" gives ``"CCSD"``, where the ``.abs`` file says
``ccsd hal-00139490``).
"""

from __future__ import annotations

import datetime as _dt
import re

import attrs
from lxml import etree

from .._diag import Diagnostics
from ..authors import AuthorLine
from ..errors import Defect, DefectKind, ParseError
from ..ids import ArxivId
from ..records import Author, Link, Paper, as_tuple
from ..text import normalize_space
from ._abspage_body import Body, authors_from, read_body
from ._abspage_html import load, raw_text
from ._hint import other_format_hint

__all__ = ["AbsPage", "looks_like", "parse_abs_page"]


@attrs.frozen
class AbsPage:
    """One abstract page: the :class:`~arxivlisting.Paper` and what only the page says.

    ``paper.id`` is versioned with the version the page shows (also ``version``);
    ``requested_id`` is the id in the page title, as requested. ``arxiv_doi`` is the
    DataCite DOI arXiv issues (``10.48550/arXiv.<id>``), kept apart from the related
    DOIs in ``paper.dois``. ``withdrawn_notice`` is the page's withdrawn banner.
    ``not_shown`` is N from "et al. (N additional authors not shown)";
    ``authors_complete`` is False when the page names fewer authors than it says exist.
    ``citation`` holds every ``citation_*`` meta tag as ``(name, content)`` in order;
    ``downloads`` the full-text links; ``extra_rows`` metadata rows with unknown labels.
    ``markup`` is ``"xhtml"`` or ``"html5"``. ``defects`` are not part of equality.
    """

    paper: Paper
    requested_id: ArxivId | None = None
    version: int | None = None
    arxiv_doi: str | None = None
    withdrawn_notice: str | None = None
    not_shown: int | None = None
    authors_complete: bool = True
    author_line: AuthorLine | None = None
    subheader: str | None = None
    downloads: tuple[Link, ...] = attrs.field(default=(), converter=as_tuple)
    citation: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=as_tuple)
    extra_rows: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=as_tuple)
    markup: str = "html5"
    head_only: bool = False
    defects: tuple[Defect, ...] = attrs.field(default=(), converter=as_tuple, eq=False)


_TITLE_ID_RE = re.compile(r"^\s*\[([^\]\s]+)\]\s*(.*)$", re.DOTALL)
_SNIFF_TITLE_RE = re.compile(r"<title>\s*\[[^\]<>\s]+\]", re.IGNORECASE)
_DATELINE_RE = re.compile(r"Submitted on (\d{1,2} \w{3} \d{4})")
_THIS_VERSION_RE = re.compile(r"this version,\s*v(\d+)")
#: arXiv wrote only the first 100 citation_author tags until 2021-10.
_META_AUTHOR_CAP = 100


def looks_like(head: str) -> bool:
    """True when ``head`` (the first kilobytes) is an arXiv abstract page.

    >>> looks_like('<!DOCTYPE html><html><head><title>[2301.00001] T</title>')
    True
    >>> looks_like("<html><head><title>Astrophysics</title>")
    False
    >>> looks_like("interactions:\\n- response: '<html><title>[2301.00001] T</title>'")
    False
    """
    start = head.lstrip("\ufeff \t\r\n")[:1]
    return (
        start == "<"
        and "<html" in head.lower()
        and (
            bool(_SNIFF_TITLE_RE.search(head)) or "citation_arxiv_id" in head or 'id="abs"' in head
        )
    )


def _meta(root: etree._Element) -> tuple[list[tuple[str, str]], dict[str, str], str | None]:
    citation: list[tuple[str, str]] = []
    props: dict[str, str] = {}
    for m in root.iter("meta"):
        name = m.get("name") or ""
        content = m.get("content")
        if content is None:
            continue
        if name.startswith("citation_"):
            citation.append((name, content))
        prop = m.get("property") or name
        if prop.startswith(("og:", "twitter:")):
            props.setdefault(prop, content)
    title_el = root.find(".//title")
    title = raw_text(title_el) if title_el is not None else None
    return citation, props, title


def parse_abs_page(data: str | bytes, *, strict: bool = False) -> AbsPage:
    """Parse one abs page (either markup) into an :class:`AbsPage`.

    Lenient by default (defects on ``page.defects``); ``strict=True`` raises
    :class:`~arxivlisting.errors.ParseError` at the first defect. A page that is not an
    arXiv abstract page at all raises ``ParseError`` either way. There is no renderer:
    an abs page is read, never written.

    >>> parse_abs_page("<html><body><p>Hello</p></body></html>")
    Traceback (most recent call last):
        ...
    arxivlisting.errors.ParseError: not an arXiv abstract page: no record block, no citation tags
    """
    diag = Diagnostics(strict, data)
    root, markup = load(data, diag)
    citation, props, page_title = _meta(root)
    body = read_body(root, diag)
    if body is None and not citation:
        raise ParseError(
            "not an arXiv abstract page: no record block, no citation tags"
            + other_format_hint(data, "abspage")
        )
    requested = None
    if page_title is not None:
        m = _TITLE_ID_RE.match(page_title)
        if m is not None:
            requested = ArxivId.try_parse(m.group(1))
    if body is None:
        diag.report(
            DefectKind.TRUNCATED,
            "the page has no record block (only its head); read from the citation meta tags",
            where="abs",
        )
        paper = _paper_from_meta(citation, props, requested)
        return AbsPage(
            paper,
            requested_id=requested,
            version=paper.id.version if paper.id else None,
            citation=citation,
            markup=markup,
            head_only=True,
            # Before 2021-10 arXiv wrote at most 100 citation_author tags.
            authors_complete=len(paper.authors) != _META_AUTHOR_CAP,
            defects=tuple(diag.defects),
        )
    abs_div = root.xpath("//div[@id='abs']")[0]
    paper, version = _paper(body, citation, props, requested, diag, abs_div)
    complete = True
    if body.not_shown is not None and body.hidden_authors != body.not_shown:
        if body.hidden_authors == 0:
            complete = False
            diag.report(
                DefectKind.TRUNCATED,
                f"{body.not_shown} more authors are not on the page",
                where="abs/authors",
            )
        else:
            diag.report(
                DefectKind.COUNT_MISMATCH,
                f"the page says {body.not_shown} hidden authors and holds {body.hidden_authors}",
                where="abs/authors",
            )
    _cross_check(paper, body, citation, props, page_title, version, diag)
    return AbsPage(
        paper,
        requested_id=requested,
        version=version,
        arxiv_doi=body.arxiv_doi,
        withdrawn_notice=body.banner,
        not_shown=body.not_shown,
        authors_complete=complete,
        author_line=body.author_line,
        subheader=body.subheader,
        downloads=tuple(body.downloads),
        citation=tuple(citation),
        extra_rows=tuple(body.extra_rows),
        markup=markup,
        defects=tuple(diag.defects),
    )


def _base_id(
    body: Body | None,
    citation: list[tuple[str, str]],
    props: dict[str, str],
    requested: ArxivId | None,
) -> ArxivId | None:
    """The paper's id: the record block's "Cite as" first, then og:url, the meta tag,
    and the id in the title (the others are cross-checked against it)."""
    if body is not None and body.cite_ids:
        return body.cite_ids[0][0].unversioned
    og = ArxivId.try_parse(props.get("og:url", ""))
    if og is not None:
        return og.unversioned
    for name, content in citation:
        if name == "citation_arxiv_id":
            found = ArxivId.try_parse(content)
            if found is not None:
                return found.unversioned
    return requested.unversioned if requested is not None else None


def _paper(
    body: Body,
    citation: list[tuple[str, str]],
    props: dict[str, str],
    requested: ArxivId | None,
    diag: Diagnostics,
    abs_div: etree._Element,
) -> tuple[Paper, int | None]:
    base = _base_id(body, citation, props, requested)
    version = body.shown_version
    if version is None:
        og = ArxivId.try_parse(props.get("og:url", ""))
        version = og.version if og is not None else None
    versions = tuple(body.versions)
    shown = next((v for v in versions if v.number == version), versions[-1] if versions else None)
    pdf = tuple(link for link in body.downloads if link.title == "pdf")[:1]
    paper = Paper(
        id=base.with_version(version) if base is not None and version is not None else base,
        title=body.title,
        authors=authors_from(body, diag, abs_div),
        abstract=body.abstract,
        comments=body.fields.get("comments"),
        journal_ref=body.fields.get("journal_ref"),
        dois=tuple(body.dois),
        report_no=body.fields.get("report_no"),
        categories=tuple(body.categories),
        primary_category=body.primary,
        msc_class=body.fields.get("msc"),
        acm_class=body.fields.get("acm"),
        license=body.license,
        published=versions[0].date if versions else None,
        updated=shown.date if shown is not None else None,
        versions=versions,
        links=pdf,
        submitter=body.submitter,
        proxy=body.proxy,
    )
    return paper, version


def _paper_from_meta(
    citation: list[tuple[str, str]], props: dict[str, str], requested: ArxivId | None
) -> Paper:
    values: dict[str, str] = {}
    authors = []
    for name, content in citation:
        if name == "citation_author":
            last, _, first = content.partition(",")
            last, first = normalize_space(last), normalize_space(first)
            authors.append(Author(f"{first} {last}".strip(), keyname=last, forenames=first or None))
        else:
            values.setdefault(name, content)
    base = _base_id(None, citation, props, requested)
    og = ArxivId.try_parse(props.get("og:url", ""))
    version = og.version if og is not None else None
    pdf = values.get("citation_pdf_url")
    return Paper(
        id=base.with_version(version) if base is not None and version else base,
        title=normalize_space(values["citation_title"]) if "citation_title" in values else None,
        authors=tuple(authors),
        abstract=normalize_space(values["citation_abstract"])
        if "citation_abstract" in values
        else None,
        dois=tuple(values["citation_doi"].split()) if "citation_doi" in values else (),
        links=(Link(pdf, "related", "application/pdf", "pdf"),) if pdf else (),
    )


def _ymd(value: _dt.datetime) -> str:
    return f"{value:%Y/%m/%d}"


def _name_key(name: str) -> tuple[str, ...]:
    return tuple(sorted(re.findall(r"\w+", name.lower())))


def _cross_check(
    paper: Paper,
    body: Body,
    citation: list[tuple[str, str]],
    props: dict[str, str],
    page_title: str | None,
    version: int | None,
    diag: Diagnostics,
) -> None:
    def disagree(what: str, page: object, other: object) -> None:
        diag.report(
            DefectKind.INCONSISTENT,
            f"{what} disagrees with the page",
            snippet=f"{other!r} vs {page!r}",
            where="abs/meta",
        )

    meta_authors = [c for n, c in citation if n == "citation_author"]
    values = dict(reversed(citation))
    if "citation_title" in values and normalize_space(values["citation_title"]) != paper.title:
        disagree("citation_title", paper.title, values["citation_title"])
    if meta_authors:
        keys = [_name_key(a.name) for a in paper.authors]
        meta_keys = [_name_key(a) for a in meta_authors]
        capped = len(meta_keys) == _META_AUTHOR_CAP and keys[:_META_AUTHOR_CAP] == meta_keys
        if keys != meta_keys and not capped:
            disagree("citation_author", len(paper.authors), len(meta_authors))
    abstract = values.get("citation_abstract")
    if abstract is not None and normalize_space(abstract) != paper.abstract:
        disagree("citation_abstract", paper.abstract, abstract)
    dates = [v.date for v in paper.versions if v.date is not None]
    if "citation_date" in values and dates and _ymd(dates[0]) != values["citation_date"].strip():
        disagree("citation_date", dates[0].date(), values["citation_date"])
    shown = next((v.date for v in paper.versions if v.number == version), None)
    online = values.get("citation_online_date")
    if online is not None and shown is not None and _ymd(shown) != online.strip():
        disagree("citation_online_date", shown.date(), online)
    if "citation_doi" in values and tuple(values["citation_doi"].split()) != paper.dois:
        disagree("citation_doi", paper.dois, values["citation_doi"])
    base = paper.id.unversioned if paper.id is not None else None
    ids = [(ArxivId.try_parse(values.get("citation_arxiv_id", "")), "citation_arxiv_id")]
    ids.append((ArxivId.try_parse(props.get("og:url", "")), "og:url"))
    ids.extend((found, "Cite as") for found, _ in body.cite_ids)
    if page_title is not None:
        m = _TITLE_ID_RE.match(page_title)
        if m is not None:
            ids.append((ArxivId.try_parse(m.group(1)), "<title>"))
    for found, what in ids:
        if found is None or base is None:
            continue
        if found.unversioned != base:
            disagree(what, str(base), str(found))
        elif found.version is not None and what in ("og:url",) and found.version != version:
            disagree(what, version, found.version)
    if body.dateline:
        m = _DATELINE_RE.search(body.dateline)
        if m is not None and dates and f"{dates[0].day} {dates[0]:%b %Y}" != m.group(1):
            disagree("the dateline", dates[0].date(), m.group(1))
        t = _THIS_VERSION_RE.search(body.dateline)
        if t is not None and version is not None and int(t.group(1)) != version:
            disagree("the dateline's version", version, int(t.group(1)))
    numbers = [v.number for v in paper.versions]
    if numbers != list(range(1, len(numbers) + 1)):
        diag.report(
            DefectKind.INCONSISTENT,
            "versions are not numbered 1..N",
            snippet=str(numbers),
            where="abs/history",
        )
    if not paper.versions:
        diag.report(DefectKind.MISSING_FIELD, "no version history", where="abs/history")
