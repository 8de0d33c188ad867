"""Private: the OAI-PMH envelope, read one finished element at a time.

:class:`Envelope` receives the direct children of ``<OAI-PMH>`` and of the verb element
(``<ListRecords>``...) as they complete, from a whole tree (``parse_oai``) or from an
incremental parser that frees each element after use (``iter_oai``): both share every
rule and every defect.

>>> from lxml import etree
>>> from arxivlisting._diag import Diagnostics
>>> env = Envelope(Diagnostics(False))
>>> token = etree.fromstring('<resumptionToken cursor="2000" completeListSize="2358"/>')
>>> env.take_result(token)
>>> env.token
ResumptionToken(value='', cursor=2000, complete_list_size=2358, expiration_date=None)
"""

from __future__ import annotations

import datetime as _dt
import re

from lxml import etree

from .._diag import Diagnostics
from ..errors import DefectKind
from ..records import Paper
from ..text import normalize_space
from ._oai_common import duplicate, local_name, text_of, unknown
from ._oai_dc import build_dc
from ._oai_meta import build_arxiv, build_raw
from ._oai_model import (
    ERROR_CODES,
    VERBS,
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
from ._oai_text import parse_datestamp
from ._xml import xml_snippet

__all__ = ["Envelope", "build_record", "error_defect"]

_REQUEST_ARGS = {
    "verb": "verb",
    "identifier": "identifier",
    "metadataPrefix": "metadata_prefix",
    "set": "set",
    "from": "from_date",
    "until": "until",
    "resumptionToken": "resumption_token",
}
_TOKEN_ATTRS = ("cursor", "completeListSize", "expirationDate", "expires")
_FORMATS = {"arXiv": "arXiv", "arXivRaw": "arXivRaw", "arXivOld": "arXivOld", "dc": "oai_dc"}
# arXiv's classic resumption tokens are "<harvest>|<1-based offset of the next record>".
_ARXIV_TOKEN = re.compile(r"[0-9]+\|([0-9]{1,12})", re.ASCII)


def _where(index: int) -> str:
    return f"record[{index}]"


def build_record(el: etree._Element, index: int, diag: Diagnostics) -> OaiRecord:
    """A ``<record>`` (or a bare ``<header>`` of ListIdentifiers) -> OaiRecord."""
    where = _where(index)
    if local_name(el.tag) == "header":
        return OaiRecord(_header(el, diag, where))
    header_el: etree._Element | None = None
    metadata: list[etree._Element] = []
    for child in el:
        name = local_name(child.tag)
        if name == "header":
            if header_el is None:
                header_el = child
            else:
                duplicate(child, diag, where)
        elif name == "metadata":
            metadata.append(child)
        elif name != "#node":
            unknown(child, "record", diag, where)
    if header_el is None:
        diag.report(
            DefectKind.MISSING_FIELD, "<record> without <header>", line=el.sourceline, where=where
        )
        header = OaiHeader("")
    else:
        header = _header(header_el, diag, where)
    if len(metadata) > 1:
        duplicate(metadata[1], diag, where)
    if not metadata:
        if not header.deleted:
            diag.report(
                DefectKind.MISSING_FIELD,
                "<record> without <metadata> (and not deleted)",
                line=el.sourceline,
                where=where,
            )
        return OaiRecord(header)
    if header.deleted:
        diag.report(
            DefectKind.INCONSISTENT,
            "a deleted record carries <metadata>",
            line=metadata[0].sourceline,
            where=where,
        )
    return _with_metadata(header, metadata[0], diag, where)


def _with_metadata(
    header: OaiHeader, metadata: etree._Element, diag: Diagnostics, where: str
) -> OaiRecord:
    roots = [c for c in metadata if isinstance(c.tag, str)]
    if not roots:
        diag.report(
            DefectKind.MISSING_FIELD, "empty <metadata>", line=metadata.sourceline, where=where
        )
        return OaiRecord(header)
    for extra in roots[1:]:
        unknown(extra, "metadata", diag, where)
    root = roots[0]
    fmt = _FORMATS.get(local_name(root.tag))
    paper: Paper | None = None
    line: str | None = None
    dc: DublinCore | None = None
    if fmt == "arXiv":
        paper = build_arxiv(root, diag, where)
    elif fmt in ("arXivRaw", "arXivOld"):
        paper, line = build_raw(root, diag, where)
    elif fmt == "oai_dc":
        paper, dc = build_dc(root, header.arxiv_id, diag, where)
    else:
        diag.report(
            DefectKind.UNKNOWN_ELEMENT,
            f"metadata format <{local_name(root.tag)}> is not read; the record has no paper",
            line=root.sourceline,
            snippet=xml_snippet(root)[:300],
            where=where,
        )
        return OaiRecord(header, metadata_format=local_name(root.tag))
    header_id = header.arxiv_id
    if (
        fmt != "oai_dc"
        and paper.id is not None
        and header_id is not None
        and paper.id.unversioned != header_id.unversioned
    ):
        diag.report(
            DefectKind.INCONSISTENT,
            f"the metadata is for {paper.id}, the header for {header_id}",
            line=root.sourceline,
            snippet=str(paper.id),
            where=where,
        )
    return OaiRecord(header, paper, fmt, line, dc)


def _header(el: etree._Element, diag: Diagnostics, where: str) -> OaiHeader:
    identifier: str | None = None
    datestamp: _dt.datetime | None = None
    seen_date = False
    sets: list[str] = []
    for child in el:
        name = local_name(child.tag)
        if name == "identifier":
            if identifier is None:
                identifier = text_of(child, diag, where).strip()
            else:
                duplicate(child, diag, where)
        elif name == "datestamp":
            if seen_date:
                duplicate(child, diag, where)
                continue
            seen_date = True
            text = text_of(child, diag, where)
            try:
                datestamp = parse_datestamp(text)
            except ValueError:
                diag.report(
                    DefectKind.BAD_DATE,
                    "<datestamp> is not an OAI date",
                    line=child.sourceline,
                    snippet=text,
                    where=where,
                )
        elif name == "setSpec":
            sets.append(text_of(child, diag, where).strip())
        elif name != "#node":
            unknown(child, "header", diag, where)
    status = el.get("status")
    if status not in (None, "deleted"):
        diag.report(
            DefectKind.UNKNOWN_ELEMENT,
            "header status is not 'deleted'; the record is read as present",
            line=el.sourceline,
            snippet=status,
            where=where,
        )
    for name, missing in (("identifier", identifier is None), ("datestamp", not seen_date)):
        if missing:
            diag.report(
                DefectKind.MISSING_FIELD,
                f"<header> without <{name}>",
                line=el.sourceline,
                where=where,
            )
    header = OaiHeader(identifier or "", datestamp, tuple(sets), status == "deleted")
    if identifier is not None and header.arxiv_id is None:
        diag.report(
            DefectKind.BAD_ID,
            "the OAI identifier names no valid arXiv id (kept as given on header.identifier)",
            line=el.sourceline,
            snippet=identifier,
            where=where,
        )
    return header


def error_defect(err: OaiError, line: int | None, diag: Diagnostics) -> None:
    """Record (or, under strict, raise) an OAI error; ``noRecordsMatch`` is no defect."""
    if err.is_empty_result:
        return
    if diag.strict:
        raise OaiPmhError(f"OAI-PMH error {err.code}: {err.message}", err, line=line)
    diag.report(
        DefectKind.API_ERROR,
        f"the OAI-PMH server answered with an error: {err.message}",
        line=line,
        snippet=err.code,
        where="OAI-PMH",
    )


class Envelope:
    """Response-level facts, filled in as elements complete."""

    def __init__(self, diag: Diagnostics) -> None:
        self.diag = diag
        self.response_date: _dt.datetime | None = None
        self.request: OaiRequest | None = None
        self.verb: str | None = None
        self.token: ResumptionToken | None = None
        self.token_line: int | None = None
        self.errors: list[OaiError] = []
        self.sets: list[OaiSet] = []
        self.count = 0  # records (and bare headers) seen
        self._seen: set[str] = set()

    def start_verb(self, el: etree._Element) -> bool:
        """A child of ``<OAI-PMH>`` starts; True when it is the verb element."""
        name = local_name(el.tag)
        if name not in VERBS:
            return False
        if self.verb is not None:
            self.diag.report(
                DefectKind.DUPLICATE_FIELD,
                f"second verb element <{name}>; its content is read too",
                line=el.sourceline,
                where="OAI-PMH",
            )
        else:
            self.verb = name
        return True

    def take_top(self, el: etree._Element) -> None:
        """A finished direct child of ``<OAI-PMH>`` other than the verb element."""
        name = local_name(el.tag)
        diag = self.diag
        if name == "error":
            code = el.get("code") or ""
            err = OaiError(code, normalize_space(text_of(el, diag, "OAI-PMH")))
            if code not in ERROR_CODES:
                diag.report(
                    DefectKind.UNKNOWN_ELEMENT,
                    "error code is not one OAI-PMH defines (kept as given)",
                    line=el.sourceline,
                    snippet=code,
                    where="OAI-PMH",
                )
            self.errors.append(err)
            error_defect(err, el.sourceline, diag)
            return
        if name not in ("responseDate", "request"):
            if name != "#node":
                unknown(el, "OAI-PMH", diag, "OAI-PMH")
            return
        if name in self._seen:
            duplicate(el, diag, "OAI-PMH")
            return
        self._seen.add(name)
        text = text_of(el, diag, "OAI-PMH")
        if name == "responseDate":
            try:
                self.response_date = parse_datestamp(text)
            except ValueError:
                diag.report(
                    DefectKind.BAD_DATE,
                    "<responseDate> is not a UTC time",
                    line=el.sourceline,
                    snippet=text,
                    where="OAI-PMH",
                )
        else:
            self.request = self._request(el, text.strip() or None)

    def _request(self, el: etree._Element, url: str | None) -> OaiRequest:
        args: dict[str, str] = {}
        for key, value in el.attrib.items():
            field = _REQUEST_ARGS.get(str(key))
            if field is None:
                self.diag.report(
                    DefectKind.UNKNOWN_ELEMENT,
                    f"unknown request argument {key}",
                    line=el.sourceline,
                    snippet=f"{key}={value}",
                    where="OAI-PMH/request",
                )
            else:
                args[field] = str(value)
        return OaiRequest(url, **args)

    def take_result(self, el: etree._Element) -> OaiRecord | None:
        """A finished child of the verb element: a record is returned, the rest kept."""
        name = local_name(el.tag)
        if name == "record" or (name == "header" and self.verb == "ListIdentifiers"):
            self.count += 1
            return build_record(el, self.count, self.diag)
        if name == "resumptionToken":
            if self.token is not None:
                duplicate(el, self.diag, "OAI-PMH")
            else:
                self.token = self._token(el)
                self.token_line = el.sourceline
        elif name == "set" and self.verb == "ListSets":
            self.sets.append(self._set(el))
        elif name != "#node":
            unknown(el, self.verb or "OAI-PMH", self.diag, "OAI-PMH")
        return None

    def _token(self, el: etree._Element) -> ResumptionToken:
        diag = self.diag
        numbers: dict[str, int | None] = {"cursor": None, "completeListSize": None}
        expires: _dt.datetime | None = None
        for raw_key, raw_value in el.attrib.items():
            key, value = str(raw_key), str(raw_value).strip()
            if key in numbers:
                if value.isascii() and value.isdigit() and len(value) <= 18:
                    numbers[key] = int(value)
                else:
                    diag.report(
                        DefectKind.BAD_NUMBER,
                        f"resumptionToken {key} is not a whole number",
                        line=el.sourceline,
                        snippet=value,
                        where="OAI-PMH/resumptionToken",
                    )
            elif key in _TOKEN_ATTRS:
                try:
                    expires = parse_datestamp(value)
                except ValueError:
                    diag.report(
                        DefectKind.BAD_DATE,
                        f"resumptionToken {key} is not a UTC time",
                        line=el.sourceline,
                        snippet=value,
                        where="OAI-PMH/resumptionToken",
                    )
            else:
                diag.report(
                    DefectKind.UNKNOWN_ELEMENT,
                    f"unknown resumptionToken attribute {key}",
                    line=el.sourceline,
                    snippet=f"{key}={value}",
                    where="OAI-PMH/resumptionToken",
                )
        value = text_of(el, diag, "OAI-PMH/resumptionToken").strip()
        return ResumptionToken(value, numbers["cursor"], numbers["completeListSize"], expires)

    def _set(self, el: etree._Element) -> OaiSet:
        spec: str | None = None
        name: str | None = None
        for child in el:
            tag = local_name(child.tag)
            if tag == "setSpec" and spec is None:
                spec = text_of(child, self.diag, "OAI-PMH/set").strip()
            elif tag == "setName" and name is None:
                name = normalize_space(text_of(child, self.diag, "OAI-PMH/set"))
            elif tag != "#node":
                unknown(child, "set", self.diag, "OAI-PMH/set")
        if spec is None:
            self.diag.report(
                DefectKind.MISSING_FIELD, "<set> without <setSpec>", line=el.sourceline
            )
        return OaiSet(spec or "", name)

    def finish(self, envelope: bool, line: int | None) -> None:
        """Checks that need the whole response: required parts, counts, verbs."""
        diag = self.diag
        if not envelope:
            return
        for name, value in (("responseDate", self.response_date), ("request", self.request)):
            if value is None and name not in self._seen:
                diag.report(DefectKind.MISSING_FIELD, f"<OAI-PMH> without <{name}>", line=line)
        if self.verb is None and not self.errors:
            diag.report(
                DefectKind.MISSING_FIELD,
                "<OAI-PMH> holds neither a verb element nor an error",
                line=line,
            )
        asked = self.request.verb if self.request is not None else None
        if asked is not None and self.verb is not None and asked != self.verb:
            diag.report(
                DefectKind.INCONSISTENT,
                f"the request says {asked}, the response holds <{self.verb}>",
                line=line,
                snippet=self.verb,
            )
        self._check_counts()

    def _check_counts(self) -> None:
        """A page that holds fewer records than its token says is a truncated page."""
        token = self.token
        if token is None or token.cursor is None:
            return
        n = self.count
        end = token.cursor + n
        problem: str | None = None
        size = token.complete_list_size
        if size is not None and end > size:
            problem = f"cursor {token.cursor} + {n} records exceeds completeListSize {size}"
        elif size is not None and token.is_final and end != size:
            problem = (
                f"the last page (empty token) ends at record {end}, but completeListSize is {size}"
            )
        else:
            m = _ARXIV_TOKEN.fullmatch(token.value)
            if m is not None and int(m.group(1)) - 1 != end:
                problem = (
                    f"the token resumes at record {m.group(1)}, but cursor {token.cursor}"
                    f" + {n} records ends at {end} (a page cut short?)"
                )
        if problem is not None:
            self.diag.report(
                DefectKind.COUNT_MISMATCH,
                problem,
                line=self.token_line,
                snippet=token.value,
                where="OAI-PMH/resumptionToken",
            )

    def response(self, records: tuple[OaiRecord, ...], envelope: bool) -> OaiResponse:
        return OaiResponse(
            records=records,
            verb=self.verb,
            response_date=self.response_date,
            request=self.request,
            resumption_token=self.token,
            errors=tuple(self.errors),
            sets=tuple(self.sets),
            envelope=envelope,
            defects=tuple(self.diag.defects),
        )
