"""Private: the record block of an abs page (``div#abs``, submission history, links).

Everything is found by id and class and, for the metadata table, by the row label:
report number and journal reference share the cell class ``jref``.
"""

from __future__ import annotations

import datetime as _dt
import re

from lxml import etree

from .. import taxonomy
from .._diag import Diagnostics
from ..authors import AuthorLine, parse_authors
from ..errors import DefectKind
from ..ids import ArxivId
from ..records import Author, Link, Version
from ..text import normalize_space
from ._absdates import parse_rfc2822
from ._abspage_html import absolute, classes, raw_text, text_of

__all__ = ["Body", "authors_from", "read_body"]

_LABELS = {
    "comments": "comments",
    "subjects": "subjects",
    "msc classes": "msc",
    "msc class": "msc",
    "acm classes": "acm",
    "acm class": "acm",
    "report number": "report_no",
    "report-no": "report_no",
    "journal reference": "journal_ref",
    "journal-ref": "journal_ref",
    "related doi": "doi",
    "doi": "doi",
    "cite as": "cite",
}
# Rows with an empty label are told apart by their cell class.
_CELL_CLASSES = {"arxividv": "cite_version", "arxivdoi": "arxiv_doi"}
_SUBJECT_RE = re.compile(r"\(([^()]+)\)\s*$")
_ID_IN_TEXT_RE = re.compile(r"arXiv:(\S+?)(?:\s|$|\])")
_VERSION_RE = re.compile(r"\[v([0-9]{1,6})\]")
_SIZE_RE = re.compile(r"\(\s*([0-9][0-9,]*)\s*([KMG]?B)\s*\)", re.IGNORECASE)
_NOT_SHOWN_RE = re.compile(r"\(\s*([0-9][0-9,]*)\s+additional\s+authors?\s+not\s+shown", re.I)
_WITHDRAWN_TEXT_RE = re.compile(r"\(\s*withdrawn\s*\)", re.IGNORECASE)
_PROXY_RE = re.compile(r"\[via\s+(.*?)\s+(?:as\s+)?proxy\]", re.IGNORECASE | re.DOTALL)
_FROM_RE = re.compile(r"From:\s*(.*?)\s*(?:\[|$)", re.DOTALL)
_DOI_PREFIX_RE = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


class Body:
    """What ``div#abs`` and the columns next to it say (None for what is absent)."""

    def __init__(self) -> None:
        self.title: str | None = None
        self.author_line: AuthorLine | None = None
        self.author_links: list[str] = []
        self.not_shown: int | None = None
        self.hidden_authors = 0
        self.abstract: str | None = None
        self.fields: dict[str, str] = {}
        self.categories: list[str] = []
        self.primary: str | None = None
        self.dois: list[str] = []
        self.arxiv_doi: str | None = None
        self.cite_ids: list[tuple[ArxivId, int | None]] = []  # (id, source line)
        self.submitter: str | None = None
        self.proxy: str | None = None
        self.versions: list[Version] = []
        self.shown_version: int | None = None
        self.dateline: str | None = None
        self.banner: str | None = None
        self.license: str | None = None
        self.downloads: list[Link] = []
        self.subheader: str | None = None
        self.extra_rows: list[tuple[str, str]] = []


def _report(
    diag: Diagnostics,
    kind: DefectKind,
    message: str,
    el: etree._Element | None,
    snippet: str | None = None,
    where: str = "abs",
) -> None:
    diag.report(
        kind, message, line=el.sourceline if el is not None else None, snippet=snippet, where=where
    )


def read_body(root: etree._Element, diag: Diagnostics) -> Body | None:
    """Read the record block, or None when the page has none (a head-only page)."""
    abs_div = _first(root, "//div[@id='abs']")
    if abs_div is None:
        return None
    body = Body()
    banner = _first(abs_div, ".//span[contains(concat(' ', @class, ' '), ' error ')]")
    if banner is not None:
        body.banner = text_of(banner)
    dateline = _first(abs_div, ".//div[contains(concat(' ', @class, ' '), ' dateline ')]")
    if dateline is not None:
        body.dateline = text_of(dateline)
    h1 = _first(abs_div, ".//h1[contains(concat(' ', @class, ' '), ' title ')]")
    if h1 is not None:
        body.title = text_of(h1)
    else:
        _report(diag, DefectKind.MISSING_FIELD, "no title (h1.title)", abs_div)
    authors = _first(abs_div, ".//div[contains(concat(' ', @class, ' '), ' authors ')]")
    if authors is not None:
        _authors(authors, body, diag)
    else:
        _report(diag, DefectKind.MISSING_FIELD, "no author list (div.authors)", abs_div)
    quote = _first(abs_div, ".//blockquote[contains(concat(' ', @class, ' '), ' abstract ')]")
    if quote is not None:
        body.abstract = text_of(quote)
    else:
        _report(diag, DefectKind.MISSING_FIELD, "no abstract (blockquote.abstract)", abs_div)
    for row in abs_div.xpath(".//div[contains(concat(' ', @class, ' '), ' metatable ')]//tr"):
        _row(row, body, diag)
    sub = _first(root, "//div[contains(concat(' ', @class, ' '), ' subheader ')]")
    if sub is not None:
        body.subheader = text_of(sub)
    history = _first(root, "//div[contains(concat(' ', @class, ' '), ' submission-history ')]")
    if history is not None:
        _history(history, body, diag)
    else:
        _report(diag, DefectKind.MISSING_FIELD, "no submission history", abs_div)
    _extra_services(root, body)
    return body


def _first(el: etree._Element, path: str) -> etree._Element | None:
    found = el.xpath(path)
    return found[0] if found else None


def _authors(div: etree._Element, body: Body, diag: Diagnostics) -> None:
    toggle = div.xpath(".//a[@id='toggle']")
    long_list = div.xpath(".//div[@id='long-author-list']")
    skip = list(toggle)
    for a in toggle:
        m = _NOT_SHOWN_RE.search(raw_text(a))
        if m is not None:
            body.not_shown = int(m.group(1).replace(",", ""))
    links = [
        a for a in div.iter("a") if a not in skip and "searchtype=author" in (a.get("href") or "")
    ]
    if not links:
        links = [a for a in div.iter("a") if a not in skip]
    body.author_links = [normalize_space(raw_text(a)) for a in links]
    if long_list:
        body.hidden_authors = sum(
            1 for a in long_list[0].iter("a") if "searchtype=author" in (a.get("href") or "")
        )
    text = _author_text(div, skip, long_list[0] if long_list else None)
    body.author_line = parse_authors(text)
    for d in body.author_line.defects:
        _report(diag, d.kind, d.message, div, d.snippet, "abs/authors")


def _author_text(
    div: etree._Element, skip: list[etree._Element], long_list: etree._Element | None
) -> str:
    """The author line as the page spells it, with the hidden long list in its place.

    Line breaks of the page's layout are folded (they are not part of the line); the
    hidden names are joined to the shown ones with ", " unless a separator is there.
    """
    if long_list is None:
        return text_of(div, skip, urls=False)
    shown = text_of(div, [*skip, long_list], urls=False)
    hidden = text_of(long_list, urls=False)
    if not hidden:
        return shown
    if hidden.startswith((",", ";")):
        return shown + hidden
    if shown.endswith((",", ";")):
        return f"{shown} {hidden}"
    return f"{shown}, {hidden}"


def _row(row: etree._Element, body: Body, diag: Diagnostics) -> None:
    cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
    if len(cells) < 2:
        return
    label_cell, value_cell = cells[0], cells[-1]
    label = normalize_space(raw_text(label_cell)).rstrip(":").strip().lower()
    value_classes = classes(value_cell)
    key = _LABELS.get(label)
    if key is None and not label:
        key = next((_CELL_CLASSES[c] for c in value_classes if c in _CELL_CLASSES), None)
    if key is None:
        body.extra_rows.append((label, text_of(value_cell)))
        _report(
            diag,
            DefectKind.UNKNOWN_ELEMENT,
            f"metadata row {label!r} is not known",
            row,
            text_of(value_cell),
        )
        return
    if key == "subjects":
        _subjects(value_cell, body, diag)
    elif key == "doi":
        body.dois.extend(_dois(value_cell))
    elif key == "arxiv_doi":
        link = _first(value_cell, ".//a")
        value = (link.get("href") if link is not None else None) or text_of(value_cell)
        body.arxiv_doi = _DOI_PREFIX_RE.sub("", value.strip())
    elif key in ("cite", "cite_version"):
        for m in _ID_IN_TEXT_RE.finditer(text_of(value_cell)):
            found = ArxivId.try_parse(m.group(1))
            if found is not None:
                body.cite_ids.append((found, value_cell.sourceline))
    elif key in body.fields:
        _report(
            diag,
            DefectKind.DUPLICATE_FIELD,
            f"second {label!r} row; the first is kept",
            row,
            text_of(value_cell),
        )
    else:
        body.fields[key] = text_of(value_cell)


def _subjects(cell: etree._Element, body: Body, diag: Diagnostics) -> None:
    primary = _first(cell, ".//span[contains(concat(' ', @class, ' '), ' primary-subject ')]")
    if primary is not None:
        m = _SUBJECT_RE.search(text_of(primary))
        if m is not None:
            body.primary = m.group(1).strip()
    for raw_piece in text_of(cell).split(";"):
        piece = raw_piece.strip()
        if not piece:
            continue
        m = _SUBJECT_RE.search(piece)
        if m is None:
            _report(diag, DefectKind.AMBIGUOUS, "subject without its (code)", cell, piece)
            continue
        code = m.group(1).strip()
        if not taxonomy.is_known(code):
            _report(
                diag, DefectKind.UNKNOWN_CATEGORY, "unknown category (kept as given)", cell, code
            )
        body.categories.append(code)
    if body.primary is not None and body.primary in body.categories:
        body.categories.remove(body.primary)
        body.categories.insert(0, body.primary)
    elif body.categories:
        _report(diag, DefectKind.MISSING_FIELD, "no primary subject", cell, text_of(cell))


def _dois(cell: etree._Element) -> list[str]:
    out: list[str] = []
    for a in cell.iter("a"):
        value = a.get("data-doi") or _DOI_PREFIX_RE.sub("", (a.get("href") or "").strip())
        if not value.startswith("10."):
            value = _DOI_PREFIX_RE.sub("", normalize_space(raw_text(a)))
        if value:
            out.append(value)
    if not out:
        out = [_DOI_PREFIX_RE.sub("", w) for w in text_of(cell).split()]
    return out


def _history(div: etree._Element, body: Body, diag: Diagnostics) -> None:
    text = text_of(div)
    m = _FROM_RE.search(text)
    if m is not None:
        name = m.group(1).split("[via")[0].strip()
        body.submitter = name or None
    p = _PROXY_RE.search(text)
    if p is not None:
        body.proxy = normalize_space(p.group(1))
    for strong in div.iter("strong"):
        m = _VERSION_RE.search(raw_text(strong))
        if m is None:
            continue
        number = int(m.group(1))
        if number < 1:
            _report(diag, DefectKind.BAD_NUMBER, "version number 0", strong, text_of(strong))
            continue
        if not strong.xpath(".//a"):
            if body.shown_version is not None:
                _report(
                    diag,
                    DefectKind.INCONSISTENT,
                    "two versions are marked as shown",
                    strong,
                    text_of(strong),
                )
            body.shown_version = number
        line, withdrawn = _version_text(strong)
        body.versions.append(_version(number, line, withdrawn, strong, diag))


def _version_text(strong: etree._Element) -> tuple[str, bool]:
    """The text after ``[vK]`` up to the next ``<br>``, and whether it says withdrawn."""
    parts = [strong.tail or ""]
    withdrawn = False
    for sib in strong.itersiblings():
        if not isinstance(sib.tag, str):
            parts.append(sib.tail or "")
            continue
        if sib.tag in ("br", "strong"):
            break
        content = raw_text(sib)
        if "withdrawn" in content.lower():
            withdrawn = True
        else:
            parts.append(content)
        parts.append(sib.tail or "")
    text = normalize_space("".join(parts))
    m = _WITHDRAWN_TEXT_RE.search(text)
    if m is not None:  # "(withdrawn)" written as plain text rather than in <em>
        withdrawn = True
        text = normalize_space(text[: m.start()] + text[m.end() :])
    return text, withdrawn


def _version(
    number: int, text: str, withdrawn: bool, el: etree._Element, diag: Diagnostics
) -> Version:
    size: int | None = None
    m = _SIZE_RE.search(text)
    date_text = text
    if m is not None:
        digits = int(m.group(1).replace(",", ""))
        unit = m.group(2).upper()
        size = digits // 1000 if unit == "B" else digits * {"KB": 1, "MB": 1000}.get(unit, 10**6)
        date_text = text[: m.start()].strip()
    else:
        _report(diag, DefectKind.MISSING_FIELD, f"version {number} without a size", el, text)
    date: _dt.datetime | None
    date, problem = parse_rfc2822(date_text)
    if problem is not None:
        _report(
            diag,
            DefectKind.BAD_DATE if date is None else DefectKind.INCONSISTENT,
            f"version {number}: {problem}",
            el,
            date_text,
        )
    return Version(number=number, date=date, size_kb=size, withdrawn=withdrawn)


def _extra_services(root: etree._Element, body: Body) -> None:
    full = _first(root, "//div[contains(concat(' ', @class, ' '), ' full-text ')]")
    if full is not None:
        for a in full.xpath(".//ul//a[@href]"):
            label = normalize_space(raw_text(a))
            href = absolute(a.get("href") or "")
            if "pdf" in label.lower():
                body.downloads.append(Link(href, "related", "application/pdf", "pdf"))
            else:
                body.downloads.append(Link(href, "related", None, label.lower() or None))
    lic = _first(root, "//div[contains(concat(' ', @class, ' '), ' abs-license ')]//a[@href]")
    if lic is not None:
        body.license = lic.get("href")


def authors_from(body: Body, diag: Diagnostics, where: etree._Element) -> tuple[Author, ...]:
    """The authors the record block names: the parsed line, checked against the links."""
    line = body.author_line
    if line is None:
        return ()
    parsed = [a.name for a in line.authors]
    links = body.author_links
    collab = set(line.collaborations)
    without_collab = [n for i, n in enumerate(parsed) if i not in collab]
    if not links or links in (parsed, without_collab):
        return line.authors
    _report(
        diag,
        DefectKind.INCONSISTENT,
        "the author links and the author text disagree; the link names are kept",
        where,
        f"{len(links)} links, {len(parsed)} names",
    )
    return tuple(Author(name) for name in links)
