"""Private: writing OAI-PMH responses in arXiv's layout (see ``render_oai``).

>>> from arxivlisting.formats._oai_model import OaiHeader, OaiRecord, OaiResponse
>>> xml = render(OaiResponse(records=[OaiRecord(OaiHeader("oai:arXiv.org:2301.00001",
...     deleted=True))], verb="ListRecords"))
>>> b'<header status="deleted">' in xml
True
"""

from __future__ import annotations

from lxml import etree

from ..authors import render_authors
from ..records import Author, Paper, Version
from ._oai_model import (
    ARXIV_NS,
    ARXIV_OLD_NS,
    ARXIV_RAW_NS,
    DC_NS,
    OAI_DC_NS,
    OAI_NS,
    OaiRecord,
    OaiRequest,
    OaiResponse,
    ResumptionToken,
)
from ._oai_text import category_name, format_datestamp, format_rfc2822

__all__ = ["render"]

XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_XSI = "{" + XSI_NS + "}"
_SCHEMAS = {
    "OAI-PMH": (OAI_NS, "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"),
    "arXiv": (ARXIV_NS, "http://arxiv.org/OAI/arXiv.xsd"),
    "arXivRaw": (ARXIV_RAW_NS, "http://arxiv.org/OAI/arXivRaw.xsd"),
    "arXivOld": (ARXIV_OLD_NS, "http://arxiv.org/OAI/arXivOld.xsd"),
    "oai_dc": (OAI_DC_NS, "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"),
}
_REQUEST_ATTRS = (
    ("verb", "verb"),
    ("identifier", "identifier"),
    ("metadataPrefix", "metadata_prefix"),
    ("set", "set"),
    ("from", "from_date"),
    ("until", "until"),
    ("resumptionToken", "resumption_token"),
)
_OAI_PREFIX = "oai:arXiv.org:"


def _sub(
    parent: etree._Element, tag: str, text: str | None = None, tail: str = "\n"
) -> etree._Element:
    el = etree.SubElement(parent, tag)
    if text is not None:
        el.text = text
    el.tail = tail
    return el


def render(response: OaiResponse) -> bytes:
    """``response`` as a UTF-8 OAI-PMH document (or a bare ``<record>`` fragment)."""
    if not response.envelope:
        if len(response.records) != 1:
            raise ValueError("a response without envelope holds exactly one record")
        root = _record(None, response.records[0], "")
        root.tail = None
        return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root) + b"\n"
    o = "{" + OAI_NS + "}"
    root = etree.Element(o + "OAI-PMH", nsmap={None: OAI_NS, "xsi": XSI_NS})
    root.set(_XSI + "schemaLocation", " ".join(_SCHEMAS["OAI-PMH"]))
    root.text = "\n"
    if response.response_date is not None:
        _sub(root, o + "responseDate", format_datestamp(response.response_date, seconds=True))
    if response.request is not None:
        _request(root, response.request, o)
    for err in response.errors:
        _sub(root, o + "error", err.message).set("code", err.code)
    verb = response.verb
    if verb is None:
        if response.records or response.sets or response.resumption_token is not None:
            raise ValueError("records, sets and a resumption token need a verb element")
    else:
        holder = _sub(root, o + verb)
        holder.text = "\n"
        if response.sets and verb != "ListSets":
            raise ValueError("sets belong to a ListSets response")
        for record in response.records:
            if verb == "ListIdentifiers":
                if record.paper is not None:
                    raise ValueError("ListIdentifiers records carry no metadata")
                _header(holder, record, o)
            else:
                _record(holder, record, o)
        for s in response.sets:
            el = _sub(holder, o + "set")
            el.text = "\n"
            _sub(el, o + "setSpec", s.spec)
            if s.name is not None:
                _sub(el, o + "setName", s.name)
        if response.resumption_token is not None:
            _token(holder, response.resumption_token, o)
    body: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def _request(root: etree._Element, request: OaiRequest, o: str) -> None:
    el = _sub(root, o + "request", request.url)
    for attr, field in _REQUEST_ATTRS:
        value = getattr(request, field)
        if value is not None:
            el.set(attr, value)


def _token(parent: etree._Element, token: ResumptionToken, o: str) -> None:
    el = _sub(parent, o + "resumptionToken", token.value or None)
    if token.cursor is not None:
        el.set("cursor", str(token.cursor))
    if token.complete_list_size is not None:
        el.set("completeListSize", str(token.complete_list_size))
    if token.expiration_date is not None:
        el.set("expirationDate", format_datestamp(token.expiration_date, seconds=True))


def _header(parent: etree._Element | None, record: OaiRecord, o: str) -> etree._Element:
    h = record.header
    el = etree.Element(o + "header") if parent is None else _sub(parent, o + "header")
    el.tail = "\n"
    if h.deleted:
        el.set("status", "deleted")
    el.text = "\n "
    _sub(el, o + "identifier", h.identifier, "\n ")
    if h.datestamp is not None:
        _sub(el, o + "datestamp", format_datestamp(h.datestamp), "\n ")
    for spec in h.set_specs:
        _sub(el, o + "setSpec", spec, "\n ")
    el[-1].tail = "\n"
    return el


def _record(parent: etree._Element | None, record: OaiRecord, o: str) -> etree._Element:
    el = etree.Element(o + "record") if parent is None else _sub(parent, o + "record")
    el.text = "\n"
    el.append(_header(None, record, o))
    fmt = record.metadata_format
    paper = record.paper
    if paper is None:
        if fmt is not None:
            raise ValueError(f"a {fmt} record without a paper cannot be written")
        return el
    meta = _sub(el, o + "metadata")
    meta.text = "\n "
    if fmt == "arXiv":
        _arxiv(meta, record, paper)
    elif fmt in ("arXivRaw", "arXivOld"):
        _raw(meta, record, paper, fmt)
    elif fmt == "oai_dc":
        _dc(meta, record, paper)
    else:
        raise ValueError(f"cannot write metadata format {fmt!r}")
    return el


def _format_root(meta: etree._Element, fmt: str) -> tuple[etree._Element, str]:
    ns, schema = _SCHEMAS[fmt]
    tag = "{" + ns + "}" + ("dc" if fmt == "oai_dc" else fmt)
    nsmap: dict[str | None, str] = (
        {"oai_dc": ns, "dc": DC_NS, "xsi": XSI_NS} if fmt == "oai_dc" else {None: ns, "xsi": XSI_NS}
    )
    root = etree.SubElement(meta, tag, nsmap=nsmap)
    root.set(_XSI + "schemaLocation", f"{ns} {schema}")
    root.text = "\n "
    root.tail = "\n"
    return root, "{" + (DC_NS if fmt == "oai_dc" else ns) + "}"


def _id_text(record: OaiRecord, paper: Paper) -> str:
    if paper.id is not None:
        return str(paper.id)
    ident = record.header.identifier
    return ident[len(_OAI_PREFIX) :] if ident.startswith(_OAI_PREFIX) else ident


def _fields(root: etree._Element, x: str, paper: Paper, names: tuple[str, ...]) -> None:
    values = {
        "title": paper.title,
        "categories": " ".join(paper.categories) if paper.categories else None,
        "comments": paper.comments,
        "proxy": paper.proxy,
        "report-no": paper.report_no,
        "msc-class": paper.msc_class,
        "acm-class": paper.acm_class,
        "journal-ref": paper.journal_ref,
        "doi": " ".join(paper.dois) if paper.dois else None,
        "license": paper.license,
        "abstract": paper.abstract,
    }
    for name in names:
        value = values[name]
        if value is not None:
            _sub(root, x + name, value, "")


_TAIL = (
    "comments",
    "proxy",
    "report-no",
    "msc-class",
    "acm-class",
    "journal-ref",
    "doi",
    "license",
    "abstract",
)


def _arxiv(meta: etree._Element, record: OaiRecord, paper: Paper) -> None:
    root, x = _format_root(meta, "arXiv")
    _sub(root, x + "id", _id_text(record, paper), "")
    if paper.published is not None:
        _sub(root, x + "created", format_datestamp(paper.published, day_only=True), "")
    if paper.updated is not None:
        _sub(root, x + "updated", format_datestamp(paper.updated, day_only=True), "")
    authors = _sub(root, x + "authors", None, "")
    for author in paper.authors:
        _author(authors, x, author)
    _fields(root, x, paper, ("title", "categories", *_TAIL))
    root[-1].tail = "\n"


def _author(parent: etree._Element, x: str, author: Author) -> None:
    el = _sub(parent, x + "author", None, "")
    if author.keyname is None and author.forenames is None and author.suffix is None:
        _sub(el, x + "keyname", author.name, "")  # a name from a source that does not split
    for part in ("keyname", "forenames", "suffix"):
        value = getattr(author, part)
        if value is not None:
            _sub(el, x + part, value, "")
    for aff in author.affiliations:
        _sub(el, x + "affiliation", aff, "")


def _raw(meta: etree._Element, record: OaiRecord, paper: Paper, fmt: str) -> None:
    root, x = _format_root(meta, fmt)
    _sub(root, x + "id", _id_text(record, paper), "")
    if fmt == "arXivRaw":
        if paper.submitter is not None:
            _sub(root, x + "submitter", paper.submitter, "")
        for version in paper.versions:
            _version(root, x, version)
    _fields(root, x, paper, ("title",))
    line = record.authors_text
    if line is None and paper.authors:
        try:
            line = render_authors(paper.authors)
        except ValueError:  # a name that would read back differently: names only
            line = ", ".join(a.name for a in paper.authors)
    if line is not None:
        _sub(root, x + "authors", line, "")
    _fields(root, x, paper, ("categories", *_TAIL))
    root[-1].tail = "\n"


def _version(root: etree._Element, x: str, version: Version) -> None:
    el = _sub(root, x + "version", None, "")
    el.set("version", f"v{version.number}")
    if version.date is not None:
        _sub(el, x + "date", format_rfc2822(version.date), "")
    if version.size_kb is not None:
        _sub(el, x + "size", f"{version.size_kb}kb", "")
    if version.source_flags is not None:
        _sub(el, x + "source_type", version.source_flags, "")


def _dc(meta: etree._Element, record: OaiRecord, paper: Paper) -> None:
    root, d = _format_root(meta, "oai_dc")

    def add(name: str, text: str) -> None:
        _sub(root, d + name, text, "\n ")

    if paper.title is not None:
        add("title", paper.title)
    for author in paper.authors:
        keyname = author.keyname if author.keyname is not None else author.name
        add("creator", f"{keyname}, {author.forenames}" if author.forenames else keyname)
    for code in paper.categories:
        add("subject", category_name(code))
    for classes in (paper.msc_class, paper.acm_class):
        if classes is not None:
            add("subject", classes)
    if paper.abstract is not None:
        add("description", paper.abstract)
    if paper.comments is not None:
        add("description", "Comment: " + paper.comments)
    dc = record.dc
    if dc is not None:
        dates, types, languages = dc.dates, dc.types, dc.languages
    else:
        dates = tuple(d for d in (paper.published, paper.updated) if d is not None)
        types, languages = ("text",), ()
    for date in dates:
        add("date", format_datestamp(date, day_only=True))
    for kind in types:
        add("type", kind)
    add("identifier", f"http://arxiv.org/abs/{_id_text(record, paper)}")
    if paper.journal_ref is not None:
        add("identifier", paper.journal_ref)
    if paper.dois:
        add("identifier", "doi:" + " ".join(paper.dois))
    for language in languages:
        add("language", language)
    root[-1].tail = "\n"
