"""Private: the ``oai_dc`` (Dublin Core) metadata format -> Paper.

How each element is read:

* ``dc:creator`` ``Last, First`` -> an Author with ``keyname``/``forenames`` split at the
  first comma and the display name ``First Last`` (no comma: the whole text is the
  keyname and the name).
* ``dc:subject`` full category names (``Computer Science - Machine Learning``) -> codes
  via :mod:`arxivlisting.taxonomy` (and names arXiv used before a rename); a subject
  whose every term is an MSC class -> ``msc_class``, an ACM class -> ``acm_class``
  (several are joined with ``; ``); anything else is kept in ``categories`` as given and
  reported. Dublin Core does not say which category is primary: ``primary_category``
  is None and the order is the source's.
* ``dc:description``: a description starting ``Comment:`` is the comments; the first
  other one is the abstract, and a second other one is the comments (arXiv's current
  service writes the comments without the prefix).
* ``dc:date``: all kept on ``OaiRecord.dc.dates``; ``published`` is the first and
  ``updated`` the last when there are several (midnight UTC: the source gives dates).
* ``dc:identifier``: the abs URL (checked against the header), ``doi:`` ones -> ``dois``,
  any other -> ``journal_ref``.
* ``dc:type``, ``dc:language`` -> ``OaiRecord.dc``.

>>> from lxml import etree
>>> from arxivlisting._diag import Diagnostics
>>> el = etree.fromstring(
...     '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"'
...     ' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Ayache, Stéphane'
...     '</dc:creator><dc:subject>Statistics - Machine Learning</dc:subject>'
...     '<dc:subject>68T05</dc:subject></oai_dc:dc>')
>>> paper, dc = build_dc(el, None, Diagnostics(False), "record[1]")
>>> paper.authors[0].name, paper.categories, paper.msc_class
('Stéphane Ayache', ('stat.ML',), '68T05')
"""

from __future__ import annotations

import datetime as _dt
import re

from lxml import etree

from .._diag import Diagnostics
from ..errors import DefectKind
from ..ids import ArxivId
from ..records import Author, Paper
from ..text import normalize_space
from ._oai_common import duplicate, local_name, text_of, unknown
from ._oai_model import DublinCore
from ._oai_text import code_of_name, compose_name, parse_datestamp, split_creator, terms_kind

__all__ = ["build_dc"]

_COMMENT = re.compile(r"\s*Comment:\s?", re.ASCII)
_ABS_URL = re.compile(r"\s*https?://(?:www\.|export\.)?arxiv\.org/abs/", re.ASCII | re.IGNORECASE)
_DOI_PREFIX = re.compile(r"\s*doi:\s*", re.ASCII | re.IGNORECASE)


class _Dc:
    """The Dublin Core fields of one record, filled in one pass over the children."""

    __slots__ = (
        "abstract",
        "acm",
        "authors",
        "categories",
        "comments",
        "dates",
        "diag",
        "dois",
        "journal_ref",
        "languages",
        "msc",
        "title",
        "types",
        "url_id",
        "where",
    )

    def __init__(self, diag: Diagnostics, where: str) -> None:
        self.diag = diag
        self.where = where
        self.title: str | None = None
        self.authors: list[Author] = []
        self.categories: list[str] = []
        self.msc: list[str] = []
        self.acm: list[str] = []
        self.abstract: str | None = None
        self.comments: str | None = None
        self.dates: list[_dt.datetime] = []
        self.types: list[str] = []
        self.languages: list[str] = []
        self.dois: list[str] = []
        self.journal_ref: str | None = None
        self.url_id: tuple[ArxivId | None, etree._Element] | None = None

    def take(self, el: etree._Element) -> None:
        name = local_name(el.tag)
        if name == "#node":
            return
        if not isinstance(el.tag, str) or not el.tag.startswith("{http://purl.org/dc/"):
            unknown(el, "oai_dc:dc", self.diag, self.where)
            return
        text = text_of(el, self.diag, self.where)
        if name == "title":
            if self.title is None:
                self.title = normalize_space(text)
            else:
                duplicate(el, self.diag, self.where)
        elif name == "creator":
            keyname, forenames = split_creator(normalize_space(text))
            name_ = compose_name(keyname, forenames, None)
            self.authors.append(Author(name_, keyname=keyname, forenames=forenames))
        elif name == "subject":
            self._subject(normalize_space(text), el)
        elif name == "description":
            self._description(text, el)
        elif name == "date":
            self._date(text, el)
        elif name == "type":
            self.types.append(normalize_space(text))
        elif name == "language":
            self.languages.append(normalize_space(text))
        elif name == "identifier":
            self._identifier(text, el)
        else:
            unknown(el, "oai_dc:dc", self.diag, self.where)

    def _subject(self, text: str, el: etree._Element) -> None:
        code = code_of_name(text)
        if code is not None:
            self.categories.append(code)
            return
        kind = terms_kind(text)
        if kind == "msc":
            self.msc.append(text)
        elif kind == "acm":
            self.acm.append(text)
        else:
            self.categories.append(text)
            self.diag.report(
                DefectKind.UNKNOWN_CATEGORY,
                "dc:subject is not an arXiv category name or an MSC/ACM class (kept as given)",
                line=el.sourceline,
                snippet=text,
                where=self.where,
            )

    def _description(self, text: str, el: etree._Element) -> None:
        m = _COMMENT.match(text)
        if m is not None:
            self._comments(normalize_space(text[m.end() :]), el)
        elif self.abstract is None:
            self.abstract = normalize_space(text)
        else:
            self._comments(normalize_space(text), el)

    def _comments(self, text: str, el: etree._Element) -> None:
        if self.comments is None:
            self.comments = text
        else:
            duplicate(el, self.diag, self.where)

    def _date(self, text: str, el: etree._Element) -> None:
        try:
            self.dates.append(parse_datestamp(text))
        except ValueError:
            self.diag.report(
                DefectKind.BAD_DATE,
                "dc:date is not a date (YYYY-MM-DD)",
                line=el.sourceline,
                snippet=text,
                where=self.where,
            )

    def _identifier(self, text: str, el: etree._Element) -> None:
        m = _ABS_URL.match(text)
        if m is not None:
            if self.url_id is not None:
                duplicate(el, self.diag, self.where)
                return
            self.url_id = (ArxivId.try_parse(text.strip()), el)
            if self.url_id[0] is None:
                self.diag.report(
                    DefectKind.BAD_ID,
                    "dc:identifier is an abs URL without a valid arXiv id",
                    line=el.sourceline,
                    snippet=text.strip(),
                    where=self.where,
                )
            return
        m = _DOI_PREFIX.match(text)
        if m is not None:
            self.dois.extend(text[m.end() :].split())
        elif self.journal_ref is None:
            self.journal_ref = normalize_space(text)
        else:
            duplicate(el, self.diag, self.where)


def build_dc(
    meta: etree._Element, header_id: ArxivId | None, diag: Diagnostics, where: str
) -> tuple[Paper, DublinCore]:
    """An ``<oai_dc:dc>`` element -> (Paper, the facts a Paper has no field for).

    ``header_id`` is the record header's arXiv id: Dublin Core carries no id element,
    so the paper takes the header's, and an abs URL in ``dc:identifier`` must agree.
    """
    dc = _Dc(diag, where)
    for child in meta:
        dc.take(child)
    for what, missing in (
        ("dc:title", dc.title is None),
        ("dc:creator", not dc.authors),
        ("dc:date", not dc.dates),
    ):
        if missing:
            diag.report(
                DefectKind.MISSING_FIELD,
                f"<oai_dc:dc> without <{what}>",
                line=meta.sourceline,
                where=where,
            )
    paper_id = header_id
    if dc.url_id is not None:
        url_id, el = dc.url_id
        if header_id is None:
            paper_id = url_id
        elif url_id is not None and url_id != header_id:
            diag.report(
                DefectKind.INCONSISTENT,
                f"dc:identifier names {url_id}, the header {header_id}",
                line=el.sourceline,
                snippet=str(url_id),
                where=where,
            )
    paper = Paper(
        id=paper_id,
        title=dc.title,
        authors=tuple(dc.authors),
        abstract=dc.abstract,
        comments=dc.comments,
        journal_ref=dc.journal_ref,
        dois=tuple(dc.dois),
        categories=tuple(dc.categories),
        msc_class="; ".join(dc.msc) if dc.msc else None,
        acm_class="; ".join(dc.acm) if dc.acm else None,
        published=dc.dates[0] if dc.dates else None,
        updated=dc.dates[-1] if len(dc.dates) > 1 else None,
    )
    return paper, DublinCore(
        dates=tuple(dc.dates), types=tuple(dc.types), languages=tuple(dc.languages)
    )
