"""parse_oai / iter_oai / render_oai: hand-written fixtures, every real response in
../shared/corpus/oai, cross-checks with other formats, and property tests (round trips,
"only ParseError" for arbitrary and mutated input, truncation anywhere).
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import json
import os
import random
import re
import tracemalloc
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from arxivlisting import ArxivId, Author, DefectKind, Paper, ParseError, Version, from_dict, to_dict
from arxivlisting import ids as ids_module
from arxivlisting.authors import parse_authors
from arxivlisting.formats.oai import (
    DublinCore,
    OaiError,
    OaiHeader,
    OaiPmhError,
    OaiRecord,
    OaiRequest,
    OaiResponse,
    OaiSet,
    ResumptionToken,
    iter_oai,
    looks_like,
    parse_oai,
    render_oai,
)
from arxivlisting.strategies.oai import oai_records, oai_responses
from conftest import CORPUS, corpus_files, needs_shared
from mutation import LINE_EDITS, drop_tag, mutate, rename_attribute, replace_byte, truncate

FIXTURES = Path(__file__).parent / "fixtures" / "oai"
UTC = dt.timezone.utc
OAI = 'xmlns="http://www.openarchives.org/OAI/2.0/"'
ARXIV = 'xmlns="http://arxiv.org/OAI/arXiv/"'
RAW = 'xmlns="http://arxiv.org/OAI/arXivRaw/"'
DC = (
    'xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
HEADER = (
    "<header><identifier>oai:arXiv.org:1501.00001</identifier>"
    "<datestamp>2015-01-17</datestamp></header>"
)
ARXIV_BODY = (
    "<id>1501.00001</id><created>2015-01-01</created><authors><author><keyname>Example"
    "</keyname><forenames>Ada</forenames></author></authors><title>T</title>"
    "<categories>cs.DL</categories><abstract>A.</abstract>"
)


def day(y: int, m: int, d: int) -> dt.datetime:
    return dt.datetime(y, m, d, tzinfo=UTC)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def kinds(response: OaiResponse) -> list[str]:
    return [d.kind.value for d in response.defects]


def envelope(*items: str, head: str = "", verb: str = "ListRecords") -> bytes:
    """A response with a responseDate, a request and ``items`` inside the verb element."""
    return (
        f"<OAI-PMH {OAI}><responseDate>2015-01-06T20:49:59Z</responseDate>"
        f'<request verb="{verb}">http://export.arxiv.org/oai2</request>{head}'
        f"<{verb}>{''.join(items)}</{verb}></OAI-PMH>"
    ).encode()


def arxiv_record(body: str = ARXIV_BODY, header: str = HEADER) -> str:
    return f"<record>{header}<metadata><arXiv {ARXIV}>{body}</arXiv></metadata></record>"


def raw_record(body: str) -> str:
    return f"<record>{HEADER}<metadata><arXivRaw {RAW}>{body}</arXivRaw></metadata></record>"


def dc_record(body: str) -> str:
    return f"<record>{HEADER}<metadata><oai_dc:dc {DC}>{body}</oai_dc:dc></metadata></record>"


# -- the hand-written fixtures, field by field ---------------------------------------


def test_arxiv_format_every_field() -> None:
    r = parse_oai(fixture("listrecords_arxiv.xml"))
    assert r.defects == ()
    assert (r.verb, r.response_date) == (
        "ListRecords",
        dt.datetime(2016, 1, 18, 10, 11, 12, tzinfo=UTC),
    )
    assert r.request == OaiRequest(
        "http://export.arxiv.org/oai2",
        verb="ListRecords",
        metadata_prefix="arXiv",
        set="physics:hep-th",
        from_date="2015-01-16",
        until="2015-01-18",
    )
    first, old, deleted = r.records
    assert first.header == OaiHeader(
        "oai:arXiv.org:1501.00001", day(2015, 1, 17), ("physics:hep-th", "math")
    )
    assert first.metadata_format == "arXiv"
    assert first.authors_text is None and first.dc is None
    paper = first.paper
    assert paper is not None
    assert paper.id == ArxivId.parse("1501.00001")
    assert paper.title == (
        "A Hand-Written Record Whose Title Is Long Enough to Be Wrapped by the Serializer"
    )
    # name composed as "Forenames Keyname Suffix", parts kept; a collaboration keyname alone
    assert paper.authors == (
        Author(
            "Ada B. Example",
            ("University of Examples", "Second Institute, Somewhere"),
            keyname="Example",
            forenames="Ada B.",
        ),
        Author("Zoë Müller Jr.", keyname="Müller", forenames="Zoë", suffix="Jr."),
        Author("The Example Collaboration", keyname="The Example Collaboration"),
    )
    assert paper.categories == ("hep-th", "math.MP", "math-ph")
    assert paper.primary_category == "hep-th"
    assert paper.comments == "12 pages, 3 figures; v2: references added"
    assert paper.proxy == "ccsd hal-00000001"
    assert paper.report_no == "EX-TH-15-001"
    assert (paper.msc_class, paper.acm_class) == ("81T13; 53C", "F.2.2")
    assert paper.journal_ref == "J. Example Stud. 7 (2015) 1-12; Erratum-ibid. 8 (2016) 3"
    assert paper.dois == ("10.1234/example.1", "10.1234/example.erratum")
    assert paper.license == "http://arxiv.org/licenses/nonexclusive-distrib/1.0/"
    assert paper.abstract == (
        "We write $\\alpha < \\beta$ in TeX, keep the ampersand & and wrap the text at about"
        " eighty columns, as arXiv does. A second paragraph starts with two spaces."
    )
    assert (paper.published, paper.updated) == (day(2014, 12, 31), day(2015, 1, 16))
    assert paper.versions == () and paper.links == () and paper.submitter is None
    assert old.paper is not None and str(old.paper.id) == "hep-th/9901001"
    assert old.paper.title == "0" and old.paper.updated is None
    assert deleted == OaiRecord(
        OaiHeader("oai:arXiv.org:1501.00002", day(2015, 1, 18), ("physics:hep-th",), True)
    )
    assert r.resumption_token == ResumptionToken(
        "1234567|4", 0, 5, dt.datetime(2016, 1, 18, 12, 11, 12, tzinfo=UTC)
    )
    assert not r.resumption_token.is_final
    assert r.papers == (paper, old.paper)


def test_arxivraw_versions_and_author_line() -> None:
    r = parse_oai(fixture("listrecords_arxivraw.xml"))
    assert r.defects == ()
    first, second = r.records
    paper = first.paper
    assert paper is not None and first.metadata_format == "arXivRaw"
    assert paper.submitter == "Ada Example"
    assert paper.versions == (
        Version(1, dt.datetime(2009, 1, 2, 21, 0, 1, tzinfo=UTC), 853, "D"),
        Version(2, dt.datetime(2009, 2, 10, 1, 50, 8, tzinfo=UTC), 849, "DS"),
        Version(3, dt.datetime(2009, 3, 11, 9, 7, 25, tzinfo=UTC), 0, "I", withdrawn=True),
    )
    # published is the v1 time, updated the time of the highest version
    assert paper.published == paper.versions[0].date
    assert paper.updated == paper.versions[2].date
    assert paper.latest_version == paper.versions[2]
    # the author line is kept whole (normalized) and split by arxivlisting.authors
    assert first.authors_text == (
        "Ada Example (1), C. Bal\\'azs (1 and 2), and B. Third ((1) University of Examples,"
        " (2) Institute of Tests)"
    )
    assert paper.authors == (
        Author("Ada Example", ("University of Examples",)),
        Author("C. Balázs", ("University of Examples", "Institute of Tests")),
        Author("B. Third"),
    )
    assert paper.authors == parse_authors(first.authors_text).authors
    assert paper.dois == ("10.1103/PhysRevC.76.024606", "10.1103/PhysRevC.76.039902")
    assert paper.abstract == 'An abstract with "quotes" and x_i <-- x_i + v.'
    assert second.paper is not None
    assert second.paper.versions == (Version(1, day(2009, 1, 3), 14, None),)
    assert second.paper.msc_class == "11G20"
    assert r.request is not None and r.request.resumption_token == "7654321|1001"


def test_oai_dc_every_element() -> None:
    r = parse_oai(fixture("getrecord_oai_dc.xml"))
    assert r.defects == ()
    (record,) = r.records
    paper = record.paper
    assert paper is not None and record.metadata_format == "oai_dc"
    assert paper.id == ArxivId.parse("1207.0001")  # from the header: DC has no id element
    assert paper.title == "A Dublin Core Record With Every Element"
    assert paper.authors == (
        Author("Ada B. Example", keyname="Example", forenames="Ada B."),
        Author("Stéphane Ayache", keyname="Ayache", forenames="Stéphane"),
        Author("The Example Collaboration", keyname="The Example Collaboration"),
    )
    # names back to codes (a pre-rename name too); MSC and the split ACM subjects
    assert paper.categories == ("stat.ML", "cs.LG", "hep-th")
    assert paper.primary_category is None
    assert (paper.msc_class, paper.acm_class) == ("05C80, 05C15", "F.2.2; I.2.8")
    assert paper.abstract == "The abstract, hard-wrapped and indented."
    assert paper.comments == "7 pages, Research report"
    assert paper.journal_ref == "Combinatorics, Probability and Computing 14 (2005) 439 - 465"
    assert paper.dois == ("10.1017/S0963548305006826",)
    assert (paper.published, paper.updated) == (day(2012, 7, 4), day(2013, 1, 2))
    assert record.dc == DublinCore((day(2012, 7, 4), day(2013, 1, 2)), ("text",), ("ru",))
    assert r.resumption_token is None  # GetRecord: no token element at all


def test_current_service_layout() -> None:
    """Indented output, comments without "Comment:", a suffix in dc:creator, ``expires``."""
    r = parse_oai(fixture("current_service_pretty.xml"))
    assert r.defects == ()
    paper = r.papers[0]
    assert paper.title == "Written the Way the Current Service Indents"
    assert paper.abstract == "An abstract with a trailing space."
    assert paper.comments == "Comments without the Comment: prefix"
    assert paper.authors == (Author("R. W. IV", keyname="W. IV", forenames="R."),)
    assert r.resumption_token == ResumptionToken(
        "abc123", expiration_date=dt.datetime(2025, 2, 3, 5, 5, 6, tzinfo=UTC)
    )


def test_list_identifiers_and_the_empty_token() -> None:
    r = parse_oai(fixture("listidentifiers.xml"))
    assert r.defects == ()
    assert r.verb == "ListIdentifiers"
    assert r.records == (
        OaiRecord(OaiHeader("oai:arXiv.org:2103.14379", day(2021, 3, 29), ("cs",))),
        OaiRecord(
            OaiHeader(
                "oai:arXiv.org:2103.14380",
                dt.datetime(2021, 3, 30, 1, 2, 3, tzinfo=UTC),
                deleted=True,
            )
        ),
    )
    assert r.papers == ()
    token = r.resumption_token
    assert token == ResumptionToken("", cursor=2000, complete_list_size=2002)
    assert token is not None and token.is_final


def test_list_sets() -> None:
    r = parse_oai(fixture("listsets.xml"))
    assert r.defects == ()
    assert r.sets == (
        OaiSet("cs", "Computer Science"),
        OaiSet("physics:hep-th", "High Energy Physics - Theory"),
    )


def test_bare_record_fragment() -> None:
    r = parse_oai(fixture("record_fragment.xml"))
    assert r.defects == ()
    assert not r.envelope and r.verb is None and r.request is None
    (record,) = r.records
    assert record.paper is not None
    assert record.paper.authors == (Author("C. Balázs", keyname="Balázs", forenames="C."),)
    assert record.paper.abstract == "Indented by three spaces."
    assert render_oai(r).startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<record>')


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.xml")))
def test_fixture_round_trip_and_stream(name: str) -> None:
    raw = fixture(name)
    r = parse_oai(raw)
    rendered = render_oai(r)
    again = parse_oai(rendered)
    assert again == r
    assert render_oai(again) == rendered
    stream = iter_oai(io.BytesIO(raw))
    assert tuple(stream) == r.records
    assert stream.complete
    assert stream.header() == attrs.evolve(r, records=())
    assert looks_like(raw.decode("utf-8"))


def test_str_and_bytes_give_the_same_response() -> None:
    raw = fixture("getrecord_oai_dc.xml")
    assert parse_oai(raw.decode("utf-8")) == parse_oai(raw)


@pytest.mark.parametrize("encoding", ["iso-8859-1", "utf-16", "windows-1252"])
def test_declared_encodings(encoding: str) -> None:
    raw = fixture("listrecords_arxiv.xml")
    text = raw.decode("utf-8").replace('encoding="UTF-8"', f'encoding="{encoding}"')
    data = text.encode(encoding, "xmlcharrefreplace")
    assert parse_oai(data) == parse_oai(raw)
    assert tuple(iter_oai(io.BytesIO(data))) == parse_oai(raw).records


def test_records_serialize_to_json_and_back() -> None:
    r = parse_oai(fixture("listrecords_arxivraw.xml"))
    data = json.loads(json.dumps(to_dict(r)))
    assert data["records"][0]["paper"]["versions"][0]["size_kb"] == 853
    assert from_dict(data, OaiResponse) == r


# -- OAI errors and empty results ------------------------------------------------------


def error_doc(code: str, message: str = "m") -> bytes:
    return (
        f"<OAI-PMH {OAI}><responseDate>2015-06-23T13:25:21Z</responseDate>"
        f'<request>http://export.arxiv.org/oai2</request><error code="{code}">{message}'
        "</error></OAI-PMH>"
    ).encode()


@pytest.mark.parametrize(
    "code",
    [
        "badArgument",
        "badResumptionToken",
        "badVerb",
        "cannotDisseminateFormat",
        "idDoesNotExist",
        "noMetadataFormats",
        "noSetHierarchy",
    ],
)
def test_error_response_is_typed_and_raises_under_strict(code: str) -> None:
    r = parse_oai(error_doc(code, "  Bad\n  thing  "))
    assert r.errors == (OaiError(code, "Bad thing"),)
    assert r.is_error and not r.no_records_match
    assert kinds(r) == ["api_error"]
    with pytest.raises(OaiPmhError) as info:
        parse_oai(error_doc(code), strict=True)
    assert isinstance(info.value, ParseError)
    assert info.value.oai_error == OaiError(code, "m")
    assert info.value.kind is DefectKind.API_ERROR
    with pytest.raises(OaiPmhError):
        list(iter_oai(io.BytesIO(error_doc(code)), strict=True))


def test_no_records_match_is_an_empty_result_not_a_failure() -> None:
    for strict in (False, True):
        r = parse_oai(error_doc("noRecordsMatch"), strict=strict)
        assert r.records == () and r.defects == ()
        assert r.no_records_match and not r.is_error
        stream = iter_oai(io.BytesIO(error_doc("noRecordsMatch")), strict=strict)
        assert list(stream) == [] and stream.defects == []


def test_unknown_error_code_is_kept_and_reported() -> None:
    r = parse_oai(error_doc("tooManyRequests"))
    assert r.errors == (OaiError("tooManyRequests", "m"),)
    assert kinds(r) == ["unknown_element", "api_error"]


# -- resumption tokens -----------------------------------------------------------------


def test_no_token_element_and_empty_token_differ() -> None:
    none = parse_oai(envelope(arxiv_record()))
    empty = parse_oai(envelope(arxiv_record(), "<resumptionToken/>"))
    assert none.resumption_token is None
    assert empty.resumption_token == ResumptionToken("")
    assert empty.resumption_token.is_final
    assert none.defects == () and empty.defects == ()
    stream = iter_oai(io.BytesIO(envelope(arxiv_record(), "<resumptionToken/>")))
    assert stream.resumption_token is None  # not read yet: it comes after the records
    list(stream)
    assert stream.resumption_token == ResumptionToken("")


@pytest.mark.parametrize(
    ("token", "problem"),
    [
        ('<resumptionToken cursor="0" completeListSize="2">1|3</resumptionToken>', None),
        ('<resumptionToken cursor="0" completeListSize="2"/>', None),
        ('<resumptionToken cursor="0" completeListSize="3"/>', "last page"),
        ('<resumptionToken cursor="0" completeListSize="1">1|2</resumptionToken>', "exceeds"),
        ('<resumptionToken cursor="0" completeListSize="9">1|1001</resumptionToken>', "resumes"),
        ('<resumptionToken cursor="7">abc</resumptionToken>', None),
    ],
)
def test_a_page_shorter_than_its_token_says_is_reported(token: str, problem: str | None) -> None:
    raw = envelope(arxiv_record(), arxiv_record(), token)
    r = parse_oai(raw)
    stream = iter_oai(io.BytesIO(raw))
    list(stream)
    if problem is None:
        assert r.defects == () and stream.defects == []
    else:
        assert kinds(r) == ["count_mismatch"] and problem in r.defects[0].message
        assert [d.kind.value for d in stream.defects] == ["count_mismatch"]


@pytest.mark.parametrize(
    ("attrs_text", "kind"),
    [
        ('cursor="x"', "bad_number"),
        (f'completeListSize="{"9" * 5000}"', "bad_number"),  # int() refuses 4,300+ digits
        ('expirationDate="soon"', "bad_date"),
        ('foo="1"', "unknown_element"),
    ],
)
def test_bad_token_attributes(attrs_text: str, kind: str) -> None:
    r = parse_oai(envelope(f"<resumptionToken {attrs_text}>t</resumptionToken>"))
    assert kinds(r) == [kind]
    assert r.resumption_token is not None and r.resumption_token.value == "t"


# -- defects: every path, with where it happened ----------------------------------------


def test_odd_identifier_is_kept_and_flagged() -> None:
    header = HEADER.replace("1501.00001", "0811.36489")
    body = ARXIV_BODY.replace("1501.00001", "0811.36489")
    r = parse_oai(envelope(arxiv_record(body, header)))
    (record,) = r.records
    assert record.header.identifier == "oai:arXiv.org:0811.36489"
    assert record.header.arxiv_id is None
    assert record.paper is not None and record.paper.id is None
    assert record.paper.title == "T"  # the rest of the record is read
    assert kinds(r) == ["bad_id", "bad_id"]
    assert [d.snippet for d in r.defects] == ["oai:arXiv.org:0811.36489", "0811.36489"]
    assert parse_oai(render_oai(r)) == r
    with pytest.raises(ParseError) as info:
        parse_oai(envelope(arxiv_record(body, header)), strict=True)
    assert info.value.kind is DefectKind.BAD_ID


def test_header_and_metadata_naming_different_papers() -> None:
    r = parse_oai(envelope(arxiv_record(ARXIV_BODY.replace("1501.00001", "1501.00009"))))
    assert kinds(r) == ["inconsistent"]
    assert r.defects[0].where == "record[1]"


@pytest.mark.parametrize(
    ("body", "kind", "snippet"),
    [
        (ARXIV_BODY.replace("<title>T</title>", ""), "missing_field", None),
        (ARXIV_BODY + "<title>U</title>", "duplicate_field", "U"),
        (ARXIV_BODY + "<foo>x</foo>", "unknown_element", "<foo>x</foo>"),
        (ARXIV_BODY.replace("2015-01-01", "2015-13-01"), "bad_date", "2015-13-01"),
        (ARXIV_BODY.replace("cs.DL", "cs.DL xx.YY"), "unknown_category", "xx.YY"),
        (ARXIV_BODY.replace("<keyname>Example</keyname>", ""), "missing_field", None),
        (
            ARXIV_BODY.replace("<title>T</title>", "<title>T<b>x</b></title>"),
            "unknown_element",
            "<b>x</b>",
        ),
    ],
)
def test_arxiv_defects(body: str, kind: str, snippet: str | None) -> None:
    r = parse_oai(envelope(arxiv_record(body)))
    assert kinds(r) == [kind]
    defect = r.defects[0]
    assert defect.line == 1 and defect.where is not None and defect.where.startswith("record[1]")
    if snippet is not None:
        assert defect.snippet == snippet
    assert len(r.records) == 1 and r.records[0].paper is not None
    with pytest.raises(ParseError) as info:
        parse_oai(envelope(arxiv_record(body)), strict=True)
    assert info.value.kind.value == kind


VERSION = (
    '<version version="v1"><date>Fri, 8 Feb 2013 21:00:01 GMT</date><size>853kb</size></version>'
)
RAW_BODY = (
    "<id>1501.00001</id><submitter>A</submitter>"
    + VERSION
    + "<title>T</title><authors>A. One and B. Two</authors><categories>cs.DL</categories>"
    "<abstract>A.</abstract>"
)


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (RAW_BODY.replace("</version>", '</version><version version="two"/>', 1), "bad_number"),
        (RAW_BODY.replace("853kb", "853 MB"), "bad_number"),
        (RAW_BODY.replace("Fri, 8 Feb 2013", "Fri, 31 Feb 2013"), "bad_date"),
        (RAW_BODY.replace("Fri, 8 Feb 2013 21:00:01 GMT", "1 Jan 0001 00:00:00 +0100"), "bad_date"),
        (RAW_BODY.replace("<size>853kb</size>", ""), "missing_field"),
        (RAW_BODY.replace("<submitter>A</submitter>", ""), "missing_field"),
        (RAW_BODY.replace("<authors>A. One and B. Two</authors>", ""), "missing_field"),
        (RAW_BODY + VERSION, "duplicate_field"),
        (RAW_BODY.replace("</version>", "<flag>x</flag></version>"), "unknown_element"),
        (RAW_BODY.replace("A. One and B. Two", "A. One (CERN"), "ambiguous"),
    ],
)
def test_arxivraw_defects(body: str, kind: str) -> None:
    r = parse_oai(envelope(raw_record(body)))
    assert kinds(r) == [kind]
    assert r.defects[0].where is not None and r.defects[0].where.startswith("record[1]")
    with pytest.raises(ParseError):
        parse_oai(envelope(raw_record(body)), strict=True)


def test_rfc2822_dates_in_other_spellings() -> None:
    for text, expected in [
        ("Fri, 08 Feb 2013 21:00:01 GMT", dt.datetime(2013, 2, 8, 21, 0, 1, tzinfo=UTC)),
        ("8 Feb 2013 16:00:01 -0500", dt.datetime(2013, 2, 8, 21, 0, 1, tzinfo=UTC)),
        ("Fri, 8 Feb 2013 21:00 UT", dt.datetime(2013, 2, 8, 21, 0, tzinfo=UTC)),
    ]:
        r = parse_oai(envelope(raw_record(RAW_BODY.replace("Fri, 8 Feb 2013 21:00:01 GMT", text))))
        assert r.defects == ()
        assert r.papers[0].versions[0].date == expected


DC_BODY = "<dc:creator>A, B</dc:creator><dc:title>T</dc:title><dc:date>2012-07-04</dc:date>"


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (DC_BODY.replace("<dc:creator>A, B</dc:creator>", ""), "missing_field"),
        (DC_BODY + "<dc:date>July</dc:date>", "bad_date"),
        (DC_BODY + "<dc:subject>Underwater Basket Weaving</dc:subject>", "unknown_category"),
        (
            DC_BODY + "<dc:identifier>http://arxiv.org/abs/1501.00002</dc:identifier>",
            "inconsistent",
        ),
        (DC_BODY + "<dc:identifier>https://arxiv.org/abs/nonsense</dc:identifier>", "bad_id"),
        (DC_BODY + "<dc:rights>CC-BY</dc:rights>", "unknown_element"),
        (DC_BODY + "<foo:bar xmlns:foo='urn:x'/>", "unknown_element"),
        (DC_BODY + "<dc:description>a</dc:description>" * 3, "duplicate_field"),
        (DC_BODY + "<dc:title>U</dc:title>", "duplicate_field"),
    ],
)
def test_oai_dc_defects(body: str, kind: str) -> None:
    r = parse_oai(envelope(dc_record(body)))
    assert kinds(r) == [kind]
    with pytest.raises(ParseError):
        parse_oai(envelope(dc_record(body)), strict=True)


@pytest.mark.parametrize(
    ("items", "kind"),
    [
        (arxiv_record().replace(HEADER, ""), "missing_field"),
        (arxiv_record().replace("<datestamp>2015-01-17", "<datestamp>17 Jan"), "bad_date"),
        (arxiv_record().replace("<header>", '<header status="gone">'), "unknown_element"),
        (arxiv_record().replace("<header>", '<header status="deleted">'), "inconsistent"),
        (f"<record>{HEADER}</record>", "missing_field"),
        (f"<record>{HEADER}<metadata><foo xmlns='x'/></metadata></record>", "unknown_element"),
        (f"<record>{HEADER}<about/></record>", "unknown_element"),
        ("<set><setSpec>cs</setSpec></set>", "unknown_element"),
    ],
)
def test_record_level_defects(items: str, kind: str) -> None:
    r = parse_oai(envelope(items))
    assert kinds(r)[:1] == [kind]


def test_a_record_in_a_format_this_library_does_not_read() -> None:
    r = parse_oai(envelope(f"<record>{HEADER}<metadata><marc xmlns='x'/></metadata></record>"))
    assert r.records[0].metadata_format == "marc" and r.records[0].paper is None
    with pytest.raises(ValueError, match="cannot be written"):
        render_oai(r)


DATE = "<responseDate>2015-01-06T20:49:59Z</responseDate>"


@pytest.mark.parametrize(
    ("inside", "kind"),
    [
        ("<request>x</request><ListRecords/>", "missing_field"),
        ("<responseDate>2015</responseDate><request>x</request><ListRecords/>", "bad_date"),
        (DATE + "<request>x</request>", "missing_field"),
        (DATE + '<request verb="GetRecord">x</request><ListRecords/>', "inconsistent"),
        (DATE + '<request bogus="1">x</request><ListRecords/>', "unknown_element"),
        (DATE + "<request>x</request><ListRecords/><Foo/>", "unknown_element"),
        (DATE + DATE + "<request>x</request><ListRecords/>", "duplicate_field"),
        (DATE + "<request>x</request><ListRecords/><ListRecords/>", "duplicate_field"),
    ],
)
def test_envelope_defects(inside: str, kind: str) -> None:
    doc = f"<OAI-PMH {OAI}>{inside}</OAI-PMH>"
    r = parse_oai(doc)
    assert kinds(r) == [kind]
    stream = iter_oai(io.BytesIO(doc.encode()))
    list(stream)
    assert [d.kind.value for d in stream.defects] == [kind]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   ",
        b"not xml",
        b"<html><body>503</body></html>",
        b"<feed xmlns='http://www.w3.org/2005/Atom'/>",
        b"<OAI-PMH xmlns='urn:other'/>",
        b"\xff\xfe\x00",
    ],
)
def test_not_an_oai_response_raises_parse_error(data: bytes) -> None:
    with pytest.raises(ParseError):
        parse_oai(data)
    with pytest.raises(ParseError):
        list(iter_oai(io.BytesIO(data)))


def test_wrong_argument_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        parse_oai(12)  # type: ignore[arg-type]


def test_document_with_entities_is_refused_under_strict() -> None:
    doc = b'<!DOCTYPE OAI-PMH [<!ENTITY x "boom">]>' + envelope(
        arxiv_record(ARXIV_BODY.replace("<title>T", "<title>&x;"))
    )
    assert "unsafe" in kinds(parse_oai(doc))
    with pytest.raises(ParseError) as info:
        parse_oai(doc, strict=True)
    assert info.value.kind is DefectKind.UNSAFE


# -- size limits, truncation, streaming memory ---------------------------------------------


def _template(record: OaiRecord) -> tuple[bytes, bytes, bytes]:
    rendered = render_oai(
        OaiResponse(
            records=[record],
            verb="ListRecords",
            response_date=day(2020, 1, 1),
            request=OaiRequest("http://export.arxiv.org/oai2", "ListRecords"),
        )
    )
    start = rendered.index(b"<record>")
    end = rendered.index(b"</record>") + len(b"</record>\n")
    return rendered[:start], rendered[start:end], rendered[end:]


SYNTHETIC = OaiRecord(
    OaiHeader("oai:arXiv.org:ID", day(2020, 1, 2), ("cs",)),
    Paper(
        id=ArxivId.parse("2001.00001"),
        title="A Synthetic Record for Streaming Tests",
        authors=(Author("Ada Example", ("University of Examples",), "Example", "Ada"),),
        abstract=" ".join(f"Sentence {i} about $\\gamma^{{-{i}}}$ and (1/{i})." for i in range(40)),
        categories=("cs.DL",),
        primary_category="cs.DL",
        published=day(2020, 1, 1),
    ),
    "arXiv",
)


def write_response(path: Path, records: int, cut_in_record: int | None = None) -> Path:
    head, body, tail = _template(SYNTHETIC)
    body = body.replace(b"2001.00001", b"ID")
    with open(path, "wb") as fh:
        fh.write(head)
        for i in range(records):
            year, number = divmod(i, 99_999)
            piece = body.replace(b"ID", f"{15 + year:02d}01.{number + 1:05d}".encode())
            if cut_in_record is not None and i + 1 == cut_in_record:
                fh.write(piece[: len(piece) // 2])
                return path
            fh.write(piece)
        fh.write(tail)
    return path


@pytest.fixture(scope="module")
def big_responses(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    base = tmp_path_factory.mktemp("oai")
    return {n: write_response(base / f"oai_{n}.xml", n) for n in (1_000, 10_000)}


def test_a_response_over_10_mb_is_read_whole(big_responses: dict[int, Path]) -> None:
    """Without huge_tree: libxml2 limits single nodes, not documents."""
    path = big_responses[10_000]
    assert path.stat().st_size > 10 * 1024 * 1024
    r = parse_oai(path.read_bytes())
    assert len(r.records) == 10_000 and r.defects == ()
    stream = iter_oai(path)
    assert sum(1 for _ in stream) == 10_000
    assert stream.complete and stream.defects == []


def _rss() -> int | None:
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _stream_memory(path: Path) -> tuple[int, int, int | None]:
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    rss_start = rss_max = _rss()
    count = 0
    for _record in iter_oai(path):
        count += 1
        if count % 250 == 0 and rss_max is not None:
            rss_max = max(rss_max, _rss() or 0)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return count, peak, None if rss_start is None or rss_max is None else rss_max - rss_start


def test_stream_memory_is_flat_in_the_number_of_records(
    big_responses: dict[int, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bounded id cache fills over the first thousands of records; bypass it here.
    monkeypatch.setattr(ids_module, "_parse_cached", ids_module._parse)
    small_count, small_peak, _ = _stream_memory(big_responses[1_000])
    big_count, big_peak, big_growth = _stream_memory(big_responses[10_000])
    assert (small_count, big_count) == (1_000, 10_000)
    assert big_peak / small_peak < 1.3, (small_peak, big_peak)
    if big_growth is not None:  # libxml2's memory, which tracemalloc does not see
        assert big_growth < big_responses[10_000].stat().st_size / 2, big_growth


def test_a_text_node_over_libxml2s_limit_is_never_returned_as_whole(tmp_path: Path) -> None:
    huge = ARXIV_BODY.replace("<abstract>A.", "<abstract>" + "x" * 10_500_000)
    doc = envelope(arxiv_record(huge), arxiv_record())
    r = parse_oai(doc)
    assert "syntax" in kinds(r) and "Resource limit" in r.defects[0].message
    with pytest.raises(ParseError):
        parse_oai(doc, strict=True)
    stream = iter_oai(io.BytesIO(doc))
    assert list(stream) == []
    assert not stream.complete
    assert [d.kind.value for d in stream.defects] == ["unsafe"]
    assert "huge_tree" in stream.defects[0].message


def test_a_cut_off_stream_yields_whole_records_then_reports(tmp_path: Path) -> None:
    path = write_response(tmp_path / "cut.xml", 50, cut_in_record=31)
    stream = iter_oai(path)
    assert sum(1 for _ in stream) == 30
    assert not stream.complete
    assert [d.kind.value for d in stream.defects] == ["truncated"]
    assert stream.defects[0].message.startswith("OAI-PMH stream stopped after 30 records")
    strict = iter_oai(path, strict=True)
    with pytest.raises(ParseError) as info:
        for _ in strict:
            pass
    assert info.value.kind is DefectKind.TRUNCATED
    r = parse_oai(path.read_bytes())
    assert kinds(r)[0] == "truncated"


def test_iter_oai_reads_gzip_and_text_files(tmp_path: Path) -> None:
    import gzip

    raw = fixture("listrecords_arxiv.xml")
    (tmp_path / "a.xml.gz").write_bytes(gzip.compress(raw))
    assert tuple(iter_oai(tmp_path / "a.xml.gz")) == parse_oai(raw).records
    assert tuple(iter_oai(io.StringIO(raw.decode()))) == parse_oai(raw).records  # type: ignore[arg-type]


def test_iter_oai_small_reads_give_the_same_result() -> None:
    class Trickle(io.RawIOBase):
        def __init__(self, data: bytes, size: int) -> None:
            self.data, self.size, self.pos = data, size, 0

        def readable(self) -> bool:
            return True

        def read(self, n: int = -1) -> bytes:
            chunk = self.data[self.pos : self.pos + self.size]
            self.pos += len(chunk)
            return chunk

    raw = fixture("listrecords_arxivraw.xml")
    for size in (1, 7, 64):
        assert tuple(iter_oai(Trickle(raw, size))) == parse_oai(raw).records  # type: ignore[arg-type]


# -- rendering ---------------------------------------------------------------------------


@given(oai_responses())
def test_round_trip_of_generated_responses(response: OaiResponse) -> None:
    rendered = render_oai(response)
    again = parse_oai(rendered)
    assert again == response
    assert set(kinds(again)) <= {
        "missing_field",
        "api_error",
        "count_mismatch",
        "ambiguous",
        "ambiguous_affiliation",
    }
    stream = iter_oai(io.BytesIO(rendered))
    assert tuple(stream) == response.records
    assert stream.header() == attrs.evolve(again, records=())


@settings(max_examples=50)
@given(oai_records("arXiv"))
def test_generated_arxiv_records_have_no_defects(record: OaiRecord) -> None:
    """Only a field the generator left out, or a name without letters, is reported."""
    paper = record.paper
    assert paper is not None
    complete = (
        None not in (paper.title, paper.abstract, paper.published, record.header.datestamp)
        and bool(paper.categories)
        and all(a.keyname for a in paper.authors)
    )
    # a name without a letter or digit (":" from a mis-split list) is pointed out
    odd_names = any(not any(c.isalnum() for c in a.name) for a in paper.authors)
    response = OaiResponse(
        records=[record], verb="GetRecord", response_date=day(2020, 1, 1), request=OaiRequest("x")
    )
    r = parse_oai(render_oai(response))
    assert r.records == (record,)
    allowed = (set() if complete else {"missing_field"}) | ({"ambiguous"} if odd_names else set())
    assert set(kinds(r)) <= allowed


def test_render_refuses_what_it_cannot_write() -> None:
    with pytest.raises(ValueError, match="XML compatible"):
        render_oai(
            OaiResponse(
                records=[attrs.evolve(SYNTHETIC, paper=Paper(id=None, title="\x07"))],
                verb="ListRecords",
            )
        )
    with pytest.raises(ValueError, match="verb element"):
        render_oai(OaiResponse(records=[SYNTHETIC]))
    with pytest.raises(ValueError, match="exactly one"):
        render_oai(OaiResponse(envelope=False))
    with pytest.raises(ValueError, match="no metadata"):
        render_oai(OaiResponse(records=[SYNTHETIC], verb="ListIdentifiers"))
    with pytest.raises(ValueError, match="ListSets"):
        render_oai(OaiResponse(sets=[OaiSet("cs")], verb="ListRecords"))


def test_render_converts_papers_from_other_sources() -> None:
    """Names without parts become keynames; raw author lines are written from the authors."""
    paper = Paper(
        id=ArxivId.parse("2301.00001v2"),
        title="T",
        authors=(Author("Ada Lovelace", ("Cambridge",)),),
        published=day(2023, 1, 1),
    )
    for fmt in ("arXiv", "arXivRaw", "oai_dc"):
        record = OaiRecord(OaiHeader("oai:arXiv.org:2301.00001"), paper, fmt)
        back = parse_oai(render_oai(OaiResponse(records=[record], verb="GetRecord"))).papers[0]
        assert back.title == "T" and back.id is not None
        # Dublin Core has no id element: the header's (unversioned) id is the paper's
        assert back.id == (ArxivId.parse("2301.00001") if fmt == "oai_dc" else paper.id)
        assert back.authors[0].name == "Ada Lovelace"


# -- robustness ------------------------------------------------------------------------


def check_contract(data: bytes) -> None:
    """Lenient: a response or ParseError; strict: the same; streams: the same."""
    for strict in (False, True):
        try:
            r = parse_oai(data, strict=strict)
        except ParseError:
            pass
        else:
            assert isinstance(r, OaiResponse)
        try:
            for record in iter_oai(io.BytesIO(data), strict=strict):
                assert isinstance(record, OaiRecord)
        except ParseError:
            pass


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_only_raise_parse_error(data: bytes) -> None:
    check_contract(data)
    check_contract(envelope(data.decode("latin-1")))


@settings(max_examples=200)
@given(st.text(max_size=200))
@example("\ud800")
def test_arbitrary_text_only_raises_parse_error(text: str) -> None:
    for data in (text, f"<OAI-PMH {OAI}>{text}</OAI-PMH>"):
        for strict in (False, True):
            try:
                assert isinstance(parse_oai(data, strict=strict), OaiResponse)
            except ParseError:
                pass
    check_contract(text.encode("utf-8", "replace"))


ELEMENTS = [
    "record",
    "header",
    "identifier",
    "datestamp",
    "setSpec",
    "metadata",
    "arXiv",
    "arXivRaw",
    "version",
    "date",
    "size",
    "author",
    "keyname",
    "authors",
    "id",
    "title",
    "categories",
    "resumptionToken",
    "error",
    "dc:creator",
    "dc:subject",
]
TEXTS = [
    "",
    "0",
    " x ",
    "oai:arXiv.org:1501.00001",
    "2015-01-17",
    "Fri, 8 Feb 2013 21:00:01 GMT",
    "853kb",
    "v1",
    "cs.DL",
    "&amp;",
    "1|2",
]


@st.composite
def element_soup(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(ELEMENTS))
    attributes = draw(
        st.lists(
            st.tuples(
                st.sampled_from(
                    ["version", "status", "cursor", "completeListSize", "code", "expirationDate"]
                ),
                st.sampled_from(TEXTS),
            ),
            max_size=2,
            unique_by=lambda a: a[0],
        )
    )
    attr_text = "".join(f' {k}="{v}"' for k, v in attributes)
    if tag.startswith("dc:"):
        attr_text += f" {DC}"
    children = draw(st.lists(element_soup(depth + 1), max_size=3)) if depth < 3 else []
    return f"<{tag}{attr_text}>{draw(st.sampled_from(TEXTS))}{''.join(children)}</{tag}>"


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(element_soup(), max_size=4))
def test_element_soup_only_raises_parse_error(children: list[str]) -> None:
    check_contract(envelope(*children))
    if children:
        check_contract(children[0].encode())


# -- every real response ---------------------------------------------------------------

#: Records each real file holds (counted by hand; the test counts ``<record>`` tags too).
RECORDS = {
    "oai_arXivRaw_GetRecord_1302.2146_arXivOAIHarvester.xml": 1,
    "oai_arXivRaw_ListRecords_2014-01-16_resumption_REXML-reserialized_scirate.xml": 1000,
    "oai_arXivRaw_ListRecords_resumptionToken_arXivOAIHarvester.xml": 6,
    "oai_arXiv_GetRecord_1305.0014_PRETTYPRINTED_inspire-next.xml": 1,
    "oai_arXiv_GetRecord_1401.2122_msc_hepcrawl.xml": 1,
    "oai_arXiv_GetRecord_1507.03011_REFORMATTED_invenio-oaiharvester.xml": 1,
    "oai_arXiv_GetRecord_1601.03238_hepcrawl.xml": 1,
    "oai_arXiv_GetRecord_1603.05976_collab_colon_author_hepcrawl.xml": 1,
    "oai_arXiv_GetRecord_1606.07538_hepcrawl.xml": 1,
    "oai_arXiv_GetRecord_physics_0112006_affiliations_PRETTYPRINTED_inspire-next.xml": 1,
    "oai_arXiv_ListRecords_cs_2015-01-16_invenio-oaiharvester.xml": 46,
    "oai_arXiv_ListRecords_hep-th_2017-12-14_hepcrawl.xml": 3,
    "oai_arXiv_ListRecords_physics_2015-01-16_invenio-oaiharvester.xml": 150,
    "oai_arXiv_record_fragment_0704.0001_2008_vmenkov-arxiv.xml": 1,
    "oai_dc_GetRecord_1207.1019_utf8_invenio-oaiharvester.xml": 1,
    "oai_dc_ListRecords_cs_2021-03_lastpage_emptyToken_arXiv-api-extraction.xml": 358,
    "oai_dc_record_0901_2443_adsabs-pyingest.xml": 1,
    "oai_dc_record_1711_04702_adsabs-pyingest.xml": 1,
    "oai_dc_record_1711_05739_adsabs-pyingest.xml": 1,
    "oai_dc_record_astro-ph_9501013_adsabs-pyingest.xml": 1,
    "oai_dc_record_cond-mat_9706061_adsabs-pyingest.xml": 1,
    "oai_dc_record_hep-th_0408048_adsabs-pyingest.xml": 1,
    "oai_dc_record_math_0306266_adsabs-pyingest.xml": 1,
    "oai_error_BadArgument_arXivOAIHarvester.xml": 0,
    "oai_error_BadResumptionToken_arXivOAIHarvester.xml": 0,
    "oai_error_BadVerb_arXivOAIHarvester.xml": 0,
    "oai_error_IdDoesNotExist_arXivOAIHarvester.xml": 0,
    "oai_error_NoRecordsMatch_arXivOAIHarvester.xml": 0,
    "oai_error_idDoesNotExist_1305.9999_inspire-next.xml": 0,
    "oai_error_idDoesNotExist_versioned_1305.0014v1_inspire-next.xml": 0,
    "oai_error_malformed_identifier_inspire-next.xml": 0,
    "oai_error_noRecordsMatch_hep-lat_invenio-oaiharvester.xml": 0,
}

#: Every defect a real file produces, as (kind, where, snippet start), and why.
EXPECTED_DEFECTS: dict[str, list[tuple[str, str | None, str]]] = {
    # arXiv itself served id 0811.36489 (a 5-digit serial number before 2015): kept on
    # the header, flagged twice (header and metadata <id>), Paper.id None.
    "oai_arXivRaw_ListRecords_2014-01-16_resumption_REXML-reserialized_scirate.xml": [
        ("bad_id", "record[1]", "oai:arXiv.org:0811.36489"),
        ("bad_id", "record[1]", "0811.36489"),
        # 0811.3821's author line ends with one ')' too many (the source's typo)
        ("ambiguous", "record[174]/authors", ")"),
        # 0811.3890 lists affiliation (15) SUPA, which no author refers to
        ("ambiguous_affiliation", "record[243]/authors", "(15) SUPA"),
    ],
    # the repository trimmed this first page to 6 records; its token resumes at 1001
    "oai_arXivRaw_ListRecords_resumptionToken_arXivOAIHarvester.xml": [
        ("count_mismatch", "OAI-PMH/resumptionToken", "726959|1001"),
    ],
    # arXiv split "Keck Array and BICEP2 Collaborations: P. Ade, ..." (and the
    # Super-Kamiokande equivalent) into authors, one of them with the keyname ":"
    "oai_arXiv_GetRecord_1603.05976_collab_colon_author_hepcrawl.xml": [
        ("ambiguous", "record[1]/author[3]", ":"),
    ],
    "oai_arXiv_GetRecord_1606.07538_hepcrawl.xml": [("ambiguous", "record[1]/author[2]", ":")],
    # error responses: the server's error is the defect (noRecordsMatch is none)
    **{
        name: [("api_error", "OAI-PMH", code)]
        for name, code in [
            ("oai_error_BadArgument_arXivOAIHarvester.xml", "badArgument"),
            ("oai_error_BadResumptionToken_arXivOAIHarvester.xml", "badResumptionToken"),
            ("oai_error_BadVerb_arXivOAIHarvester.xml", "badVerb"),
            ("oai_error_IdDoesNotExist_arXivOAIHarvester.xml", "idDoesNotExist"),
            ("oai_error_idDoesNotExist_1305.9999_inspire-next.xml", "idDoesNotExist"),
            ("oai_error_idDoesNotExist_versioned_1305.0014v1_inspire-next.xml", "idDoesNotExist"),
            ("oai_error_malformed_identifier_inspire-next.xml", "idDoesNotExist"),
        ]
    },
}


def oai_files() -> list[Path]:
    return corpus_files("oai", "*.xml")


@needs_shared
def test_the_corpus_is_the_one_described() -> None:
    assert sorted(p.name for p in oai_files()) == sorted(RECORDS)


@needs_shared
@pytest.mark.parametrize("path", oai_files(), ids=lambda p: p.name)
def test_every_real_file(path: Path) -> None:
    data = path.read_bytes()
    r = parse_oai(data)
    # counts: the table above, and the tags in the file counted independently
    assert len(r.records) == RECORDS[path.name] == len(re.findall(rb"<record[\s>]", data))
    assert len(r.papers) == len(r.records)  # no deleted records in the corpus
    if b"<arXiv " in data:
        assert sum(len(p.authors) for p in r.papers) == data.count(b"<author>")
        assert sum(1 for p in r.papers for a in p.authors for _ in a.affiliations) == data.count(
            b"<affiliation>"
        )
    if b"<oai_dc:dc" in data:
        assert sum(len(p.authors) for p in r.papers) == data.count(b"<dc:creator>")
    if b"<arXivRaw" in data:
        assert sum(len(p.versions) for p in r.papers) == len(
            re.findall(rb"<version version=", data)
        )
        assert all(rec.authors_text for rec in r.records)
    # defects: exactly the ones listed, with their reasons
    got = [(d.kind.value, d.where, d.snippet or "") for d in r.defects]
    expected = EXPECTED_DEFECTS.get(path.name, [])
    assert [(k, w) for k, w, _ in got] == [(k, w) for k, w, _ in expected]
    assert all(s.startswith(e) for (_, _, s), (_, _, e) in zip(got, expected, strict=True))
    assert all(d.line is not None for d in r.defects)
    # strict: clean files parse, the others raise ParseError of their first defect's kind
    if expected:
        with pytest.raises(ParseError) as info:
            parse_oai(data, strict=True)
        assert info.value.kind.value == expected[0][0]
    else:
        assert parse_oai(data, strict=True) == r
    # text input, streaming and the fixed point
    assert parse_oai(data.decode("utf-8")) == r
    stream = iter_oai(io.BytesIO(data))
    assert tuple(stream) == r.records and stream.complete
    assert stream.header() == attrs.evolve(r, records=())
    assert [d.kind for d in stream.defects] == [d.kind for d in r.defects]
    rendered = render_oai(r)
    again = parse_oai(rendered)
    assert again == r
    assert render_oai(again) == rendered
    assert looks_like(data[:8192].decode("utf-8"))


def real(name: str) -> bytes:
    return (CORPUS / "oai" / name).read_bytes()


SCIRATE = "oai_arXivRaw_ListRecords_2014-01-16_resumption_REXML-reserialized_scirate.xml"


@needs_shared
def test_corpus_facts() -> None:
    last = parse_oai(
        real("oai_dc_ListRecords_cs_2021-03_lastpage_emptyToken_arXiv-api-extraction.xml")
    )
    assert last.resumption_token == ResumptionToken("", 2000, 2358)
    assert last.resumption_token.is_final
    assert last.request is not None and last.request.resumption_token == "6965856|2001"
    mid = parse_oai(real(SCIRATE))
    assert mid.resumption_token == ResumptionToken("496549|96001", 95000, 907096)
    flags = {v.source_flags for p in mid.papers for v in p.versions}
    assert {"D", "DS", "I", "P", "S", "X", None} <= flags
    withdrawn = [v for p in mid.papers for v in p.versions if v.withdrawn]
    assert len(withdrawn) == real(SCIRATE).count(b"<source_type>I</source_type>") == 7
    assert all(v.size_kb == 0 and v.source_flags == "I" for v in withdrawn)
    (first, *_) = parse_oai(
        real("oai_arXivRaw_ListRecords_resumptionToken_arXivOAIHarvester.xml")
    ).papers
    assert first.journal_ref == "Phys.Rev.C76:024606,2007; Erratum-ibid.C76:039902,2007"
    assert first.dois == ("10.1103/PhysRevC.76.024606", "10.1103/PhysRevC.76.039902")
    # the repository wrote literal "\n" sequences; they are text (TeX could mean \nu)
    (reformatted,) = parse_oai(
        real("oai_arXiv_GetRecord_1507.03011_REFORMATTED_invenio-oaiharvester.xml")
    ).papers
    assert reformatted.title is not None and "Low Surface\\n Brightness" in reformatted.title
    physics = parse_oai(real("oai_arXiv_ListRecords_physics_2015-01-16_invenio-oaiharvester.xml"))
    with_suffix = [a for p in physics.papers for a in p.authors if a.suffix is not None]
    assert [(a.name, a.keyname, a.forenames, a.suffix) for a in with_suffix] == [
        ("Edésio M. Barboza Jr.", "Barboza", "Edésio M.", "Jr.")
    ]
    (empty,) = parse_oai(real("oai_error_noRecordsMatch_hep-lat_invenio-oaiharvester.xml")).errors
    assert empty == OaiError(
        "noRecordsMatch",
        "No records match the paramaters specified for this selective harvesting request.",
    )
    (malformed,) = parse_oai(real("oai_error_malformed_identifier_inspire-next.xml")).errors
    assert malformed.message == "Malformed identifier `oai:arXiv.org:is-malformed'"


@needs_shared
def test_arxivraw_version_counts_match_the_file() -> None:
    data = real(SCIRATE)
    papers = parse_oai(data).papers
    with_v2 = sum(1 for p in papers if any(v.number == 2 for v in p.versions))
    with_v3 = sum(1 for p in papers if any(v.number == 3 for v in p.versions))
    assert with_v2 == data.count(b"version='v2'") == 393
    assert with_v3 == data.count(b"version='v3'") == 120


# -- cross-checks with other formats on the same paper ------------------------------------


@needs_shared
def test_same_paper_in_arxiv_and_oai_dc_agrees() -> None:
    base = CORPUS / "oai"
    arxiv = {
        p.id: p
        for p in parse_oai(
            (base / "oai_arXiv_ListRecords_cs_2015-01-16_invenio-oaiharvester.xml").read_bytes()
        ).papers
    }
    (dc,) = parse_oai(
        (base / "oai_dc_GetRecord_1207.1019_utf8_invenio-oaiharvester.xml").read_bytes()
    ).papers
    full = arxiv[dc.id]
    assert dc.title == full.title
    assert dc.abstract == full.abstract
    assert dc.comments == full.comments
    assert dc.categories == full.categories == ("stat.ML", "cs.CV", "cs.LG", "cs.MM")
    assert [a.name for a in dc.authors] == [a.name for a in full.authors]
    assert [(a.keyname, a.forenames) for a in dc.authors] == [
        (a.keyname, a.forenames) for a in full.authors
    ]
    assert dc.published == full.published


@needs_shared
def test_papers_in_two_harvests_are_equal() -> None:
    base = CORPUS / "oai"
    cs = {
        p.id: p
        for p in parse_oai(
            (base / "oai_arXiv_ListRecords_cs_2015-01-16_invenio-oaiharvester.xml").read_bytes()
        ).papers
    }
    physics = {
        p.id: p
        for p in parse_oai(
            (
                base / "oai_arXiv_ListRecords_physics_2015-01-16_invenio-oaiharvester.xml"
            ).read_bytes()
        ).papers
    }
    both = set(cs) & set(physics)
    assert len(both) == 6
    for paper_id in both:
        assert cs[paper_id] == physics[paper_id]


@needs_shared
def test_oai_record_agrees_with_kaggle_and_the_abs_file() -> None:
    """0704.0001 as the 2008 OAI record, the Kaggle snapshot line and the internal .abs."""
    (oai,) = parse_oai(
        (CORPUS / "oai" / "oai_arXiv_record_fragment_0704.0001_2008_vmenkov-arxiv.xml").read_bytes()
    ).papers
    kaggle_file = next(iter(corpus_files("kaggle", "*.jsonl")))
    line = json.loads(kaggle_file.read_text(encoding="utf-8").splitlines()[0])
    assert line["id"] == str(oai.id)
    assert " ".join(line["title"].split()) == oai.title
    assert " ".join(line["abstract"].split()) == oai.abstract
    assert [(a[0], a[1]) for a in line["authors_parsed"]] == [
        (a.keyname, a.forenames) for a in oai.authors
    ]
    assert (line["doi"], line["journal-ref"], line["report-no"], line["comments"]) == (
        oai.doi,
        oai.journal_ref,
        oai.report_no,
        oai.comments,
    )
    from arxivlisting.formats._oai_text import parse_rfc2822

    created = [parse_rfc2822(v["created"]) for v in line["versions"]]
    assert oai.published is not None and oai.updated is not None
    assert (created[0].date(), created[-1].date()) == (oai.published.date(), oai.updated.date())
    abs_text = (CORPUS / "abs" / "internal_0704.0001_arxiv-browse.abs").read_text(encoding="utf-8")
    title = re.search(r"^Title: (.*(?:\n  .*)*)", abs_text, re.M)
    authors = re.search(r"^Authors: (.*(?:\n  .*)*)", abs_text, re.M)
    assert title is not None and authors is not None
    assert " ".join(title.group(1).split()) == oai.title
    # surnames agree (the OAI split writes "C. -P." where the .abs line has "C.-P.")
    assert [a.name.split()[-1] for a in parse_authors(authors.group(1)).authors] == [
        a.keyname for a in oai.authors
    ]


# -- mutations of real files ---------------------------------------------------------------


# lines deleted, repeated, swapped; an attribute renamed throughout; a cut; a stray byte;
# a tag gone
ATTRIBUTES = [
    "verb",
    "status",
    "version",
    "cursor",
    "completeListSize",
    "code",
    "xmlns",
    "metadataPrefix",
]
MUTATIONS = (*LINE_EDITS, rename_attribute(ATTRIBUTES), truncate(), replace_byte(), drop_tag())


@needs_shared
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1), st.integers(1, 3))
def test_mutated_corpus_files_only_raise_parse_error(seed: int, rounds: int) -> None:
    rnd = random.Random(seed)
    files = [p for p in oai_files() if p.stat().st_size < 20_000]
    check_contract(mutate(rnd.choice(files).read_bytes(), rnd, MUTATIONS, rounds))


@needs_shared
@pytest.mark.parametrize("path", oai_files(), ids=lambda p: p.name)
def test_truncations_of_corpus_files_are_reported_as_truncated(path: Path) -> None:
    """Cut anywhere after the root element starts, a real response is ``truncated``
    (lenient) or raises ParseError of that kind (strict), and the stream yields the
    complete records before the cut, then says it stopped."""
    data = path.read_bytes()
    whole = parse_oai(data).records
    start = re.search(rb"<(?:OAI-PMH|record)[^>]*>", data)
    assert start is not None
    end = data.rindex(b"</")
    cuts = 10 if len(data) > 100_000 else 30
    step = max(1, (end - start.end()) // cuts)
    for cut in range(start.end(), end, step):
        piece = data[:cut]
        r = parse_oai(piece)
        assert kinds(r)[:1] == ["truncated"], cut
        with pytest.raises(ParseError) as info:
            parse_oai(piece, strict=True)
        assert info.value.kind is DefectKind.TRUNCATED
        stream = iter_oai(io.BytesIO(piece))
        streamed = tuple(stream)
        assert streamed == whole[: len(streamed)]
        assert not stream.complete
        assert [d.kind.value for d in stream.defects][-1:] == ["truncated"]


# -- sniffing ---------------------------------------------------------------------------


@needs_shared
def test_looks_like_is_false_for_other_formats() -> None:
    for kind in ("api", "rss", "abs", "listing", "kaggle"):
        for path in corpus_files(kind):
            head = path.read_bytes()[:8192].decode("utf-8", "replace")
            assert not looks_like(head), path.name
