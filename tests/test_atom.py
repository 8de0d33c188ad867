"""parse_atom / iter_atom / render_atom on small hand-written documents.

Every element the API writes, every defect path, the strict/lenient contract, and
property tests: the render round trip, and "never anything but a Feed or ParseError"
for arbitrary input and for mutated real responses.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from arxivlisting import (
    ApiError,
    ArxivApiError,
    ArxivId,
    Author,
    DefectKind,
    Feed,
    Link,
    Paper,
    ParseError,
    iter_atom,
    parse_atom,
    render_atom,
)
from arxivlisting.formats import _atom_entry as atom_module
from arxivlisting.formats._xml import parse_rfc3339
from arxivlisting.strategies import atom_feeds
from conftest import api_files, needs_shared
from mutation import LINE_EDITS, mutate, on_a_line, rename_attribute, replace_byte, truncate

FIXTURES = Path(__file__).parent / "fixtures" / "atom"
NS = (
    'xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom" '
    'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"'
)
UTC = dt.timezone.utc
PARTS = {
    "id": "<id>http://arxiv.org/abs/2301.00001v1</id>",
    "title": "<title>A title</title>",
    "updated": "<updated>2023-01-02T03:04:05Z</updated>",
    "published": "<published>2023-01-01T00:00:00Z</published>",
    "summary": "<summary>An abstract.</summary>",
    "author": "<author><name>Ada Example</name></author>",
}


def entry(*extra: str, drop: tuple[str, ...] = (), **replace: str) -> str:
    """A complete entry; ``drop`` removes parts, keywords replace them, ``extra`` adds."""
    parts = {**PARTS, **replace}
    return (
        "<entry>"
        + "".join(v for k, v in parts.items() if k not in drop)
        + "".join(extra)
        + ("</entry>")
    )


def doc(*entries: str, head: str = "") -> bytes:
    return f"<feed {NS}>{head}{''.join(entries)}</feed>".encode()


def kinds(feed: Feed) -> list[str]:
    return [d.kind.value for d in feed.defects]


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# -- every element ---------------------------------------------------------------------


def test_a_complete_minimal_entry_has_no_defects() -> None:
    feed = parse_atom(doc(entry()))
    assert feed.defects == ()
    (paper,) = feed.papers
    assert paper == Paper(
        id=ArxivId.parse("2301.00001v1"),
        title="A title",
        authors=(Author("Ada Example"),),
        abstract="An abstract.",
        published=dt.datetime(2023, 1, 1, tzinfo=UTC),
        updated=dt.datetime(2023, 1, 2, 3, 4, 5, tzinfo=UTC),
    )


def test_classic_fixture_every_field() -> None:
    feed = parse_atom(fixture("classic_one_entry.xml"))
    assert feed.defects == ()
    assert feed.title == "ArXiv Query: search_query=&id_list=1111.0001&start=0&max_results=10"
    assert feed.id == "http://arxiv.org/api/SGFuZFdyaXR0ZW5GaXh0dXJlMDAx"
    assert feed.updated == dt.datetime(2016, 10, 9, 4, 0, tzinfo=UTC)
    assert feed.link is not None and feed.link.startswith("http://arxiv.org/api/query?")
    assert (feed.total_results, feed.start_index, feed.items_per_page) == (1, 0, 10)
    (paper,) = feed.papers
    assert str(paper.id) == "1111.0001v2"
    # hard-wrapped text is normalized: wrapped title, indented abstract, double spaces
    assert paper.title == (
        "A Hand-Written Classic Entry Whose Title Is Long Enough to Be Wrapped by"
        " the Old API Serializer"
    )
    assert paper.abstract is not None
    assert paper.abstract.startswith("The classic API wrapped abstracts at about eighty columns,")
    assert paper.abstract.endswith("$\\alpha < \\beta$ stays as TeX and the ampersand & survives.")
    assert "\n" not in paper.abstract and "  " not in paper.abstract
    assert paper.authors == (
        Author("Ada Example", ("University of Examples",)),
        Author("Zoë Müller"),
    )
    assert paper.comments == "12 pages, 3 figures; accepted"
    assert paper.journal_ref == "J. Example Stud. 7 (2012) 1-12"
    assert paper.dois == ("10.1234/example.1", "10.5678/example.2")
    assert paper.doi == "10.1234/example.1"
    # the primary category (written with a scheme) is moved to the front
    assert paper.primary_category == "math.CO"
    assert paper.categories == ("math.CO", "cs.DM", "05C80, 05C15", "G.2.2")
    assert paper.arxiv_categories == ("math.CO", "cs.DM", "05C80, 05C15")
    assert paper.links == (
        Link("http://dx.doi.org/10.1234/example.1", "related", None, "doi"),
        Link("http://arxiv.org/abs/1111.0001v2", "alternate", "text/html", None),
        Link("http://arxiv.org/pdf/1111.0001v2", "related", "application/pdf", "pdf"),
    )
    assert paper.published == dt.datetime(2011, 11, 1, 20, 0, 1, tzinfo=UTC)
    assert paper.updated == dt.datetime(2012, 3, 4, 5, 6, 7, tzinfo=UTC)


def test_current_fixture_every_field() -> None:
    feed = parse_atom(fixture("current_two_entries.xml"))
    assert feed.defects == ()
    assert (feed.total_results, feed.start_index, feed.items_per_page) == (1234, 0, 2)
    assert feed.link == (
        "https://arxiv.org/api/query?search_query=all:example&start=0&max_results=2&id_list="
    )
    first, second = feed.papers
    assert first.title == "0"  # a title, not a missing value
    assert first.authors == (
        Author("Lin Example", ("First Institute", "Second Laboratory")),
        Author("Lin Example"),  # duplicate names are real and kept
    )
    assert first.categories == ("cs.CL", "cs.AI")
    assert first.comments is None and first.journal_ref is None and first.dois == ()
    assert str(second.id) == "cond-mat/0601001v3"
    assert second.dois == ("10.1000/first.doi", "10.1000/second.doi")
    assert [link.title for link in second.links] == [None, "pdf", "doi", "doi"]
    assert second.comments == "5 pages"
    assert second.journal_ref == "Phys. Example B 1 (2007) 2"


def test_title_zero_and_empty_title_are_titles() -> None:
    feed = parse_atom(doc(entry(title="<title>0</title>"), entry(title="<title/>")))
    assert [p.title for p in feed.papers] == ["0", ""]
    assert feed.defects == ()
    assert parse_atom(render_atom(feed)) == feed


def test_primary_category_moved_to_front_and_added_when_absent() -> None:
    cats = '<category term="cs.AI"/><category term="cs.CL"/>'
    moved = parse_atom(doc(entry(cats, '<arxiv:primary_category term="cs.CL"/>')))
    assert moved.papers[0].categories == ("cs.CL", "cs.AI")
    added = parse_atom(doc(entry(cats, '<arxiv:primary_category term="cs.LG"/>')))
    assert added.papers[0].categories == ("cs.LG", "cs.AI", "cs.CL")
    none = parse_atom(doc(entry(cats)))
    assert none.papers[0].categories == ("cs.AI", "cs.CL")
    assert none.papers[0].primary_category is None
    only = parse_atom(doc(entry('<arxiv:primary_category term="cs.LG"/>')))
    assert only.papers[0].categories == ()
    assert only.papers[0].primary_category == "cs.LG"


def test_primary_category_with_and_without_scheme() -> None:
    scheme = 'scheme="http://arxiv.org/schemas/atom"'
    a = parse_atom(doc(entry(f'<arxiv:primary_category term="hep-th" {scheme}/>')))
    b = parse_atom(doc(entry('<arxiv:primary_category term="hep-th"/>')))
    assert a == b
    assert a.papers[0].primary_category == "hep-th"


@pytest.mark.parametrize(
    ("xml", "dois"),
    [
        ("<arxiv:doi>10.1/a</arxiv:doi>", ("10.1/a",)),
        ("<arxiv:doi>10.1/a 10.2/b</arxiv:doi>", ("10.1/a", "10.2/b")),
        ("<arxiv:doi>10.1/a</arxiv:doi><arxiv:doi>10.2/b</arxiv:doi>", ("10.1/a", "10.2/b")),
        ("<arxiv:doi>\n  10.1/a\n  10.2/b\n</arxiv:doi>", ("10.1/a", "10.2/b")),
        ("<arxiv:doi/>", ()),
    ],
)
def test_multiple_dois(xml: str, dois: tuple[str, ...]) -> None:
    feed = parse_atom(doc(entry(xml)))
    assert feed.papers[0].dois == dois
    assert feed.defects == ()


def test_free_text_msc_and_acm_terms_are_categories_without_defects() -> None:
    terms = ["53C", "05C80, 05C15", "Primary 11F70; Secondary 22E50", "F.2.2; G.2.2", "68T05"]
    cats = "".join(f'<category term="{t}"/>' for t in terms)
    feed = parse_atom(doc(entry(cats)))
    assert feed.papers[0].categories == tuple(terms)
    assert feed.defects == ()


def test_links_keep_every_attribute_and_order() -> None:
    links = (
        '<link href="https://a" rel="alternate" type="text/html"/>'
        '<link title="pdf" href="https://b" rel="related" type="application/pdf"/>'
        '<link href="https://c"/>'
    )
    feed = parse_atom(doc(entry(links)))
    assert feed.papers[0].links == (
        Link("https://a", "alternate", "text/html"),
        Link("https://b", "related", "application/pdf", "pdf"),
        Link("https://c"),
    )


def test_feed_link_prefers_rel_self() -> None:
    head = '<link href="https://first"/><link href="https://self" rel="self"/><link href="x"/>'
    assert parse_atom(doc(head=head)).link == "https://self"
    assert parse_atom(doc(head='<link href="https://only"/>')).link == "https://only"


def test_times_with_offsets_and_fractions_become_utc() -> None:
    feed = parse_atom(
        doc(
            entry(
                updated="<updated>2016-10-09T00:00:00-04:00</updated>",
                published="<published>2016-10-08T23:59:59.25+01:30</published>",
            )
        )
    )
    paper = feed.papers[0]
    assert paper.updated == dt.datetime(2016, 10, 9, 4, 0, tzinfo=UTC)
    assert paper.published == dt.datetime(2016, 10, 8, 22, 29, 59, 250000, tzinfo=UTC)
    assert feed.defects == ()


def test_author_name_whitespace_is_normalized_as_documented() -> None:
    feed = parse_atom(doc(entry(author="<author><name> H1\n  Collaboration </name></author>")))
    assert feed.papers[0].authors == (Author("H1 Collaboration"),)


def test_empty_result_is_an_empty_feed() -> None:
    feed = parse_atom(fixture("empty.xml"))
    assert feed.papers == () and feed.errors == () and feed.defects == ()
    assert feed.total_results == 0
    assert not feed.is_error
    bare = parse_atom(b'<feed xmlns="http://www.w3.org/2005/Atom"/>')
    assert bare == Feed()


# -- the API's error entry -----------------------------------------------------------


def test_error_entry_becomes_api_error() -> None:
    feed = parse_atom(fixture("error_entry.xml"))
    assert feed.papers == ()
    assert feed.is_error
    assert feed.errors == (
        ApiError(
            "incorrect_id_format_for_nonsense",
            "incorrect id format for nonsense",
            "https://arxiv.org/api/errors#incorrect_id_format_for_nonsense",
            dt.datetime(2026, 5, 2, 8, tzinfo=UTC),
        ),
    )
    assert kinds(feed) == ["api_error"]
    assert feed.defects[0].snippet == feed.errors[0].url
    assert feed.defects[0].line == 10


def test_error_entry_raises_under_strict() -> None:
    with pytest.raises(ArxivApiError) as info:
        parse_atom(fixture("error_entry.xml"), strict=True)
    assert isinstance(info.value, ParseError)
    assert info.value.kind is DefectKind.API_ERROR
    assert info.value.api_error.slug == "incorrect_id_format_for_nonsense"
    with pytest.raises(ArxivApiError):
        list(iter_atom(io.BytesIO(fixture("error_entry.xml")), strict=True))


def test_error_entry_http_scheme_and_stream() -> None:
    err = entry(id="<id>http://arxiv.org/api/errors#start_must_be_non-negative</id>")
    feed = parse_atom(doc(err))
    assert [e.slug for e in feed.errors] == ["start_must_be_non-negative"]
    stream = iter_atom(io.BytesIO(doc(err, entry())))
    assert len(list(stream)) == 1
    assert [e.slug for e in stream.errors] == ["start_must_be_non-negative"]
    assert stream.header().is_error


def test_an_id_that_only_mentions_the_error_url_is_a_bad_id() -> None:
    feed = parse_atom(doc(entry(id="<id>http://example.org/arxiv.org/api/errors#x</id>")))
    assert feed.errors == ()
    assert len(feed.papers) == 1 and feed.papers[0].id is None
    assert kinds(feed) == ["bad_id"]


# -- defects -------------------------------------------------------------------------


@pytest.mark.parametrize("part", ["id", "title", "summary", "published", "updated", "author"])
def test_missing_field(part: str) -> None:
    feed = parse_atom(doc(entry(drop=(part,))))
    assert kinds(feed) == ["missing_field"]
    defect = feed.defects[0]
    assert part in defect.message
    assert defect.where == "entry[1]"
    assert defect.line == 1
    assert len(feed.papers) == 1  # still returned, with None/empty in that field
    with pytest.raises(ParseError) as info:
        parse_atom(doc(entry(drop=(part,))), strict=True)
    assert info.value.kind is DefectKind.MISSING_FIELD


def test_author_without_name() -> None:
    feed = parse_atom(
        doc(entry(author="<author><arxiv:affiliation>Somewhere</arxiv:affiliation></author>"))
    )
    assert kinds(feed) == ["missing_field"]
    assert feed.defects[0].where == "entry[1]/author[1]"
    assert feed.papers[0].authors == (Author("", ("Somewhere",)),)


@pytest.mark.parametrize(
    ("extra", "snippet"),
    [
        ("<title>Second title</title>", "Second title"),
        ("<id>http://arxiv.org/abs/2301.00002v1</id>", "http://arxiv.org/abs/2301.00002v1"),
        ("<summary>Again</summary>", "Again"),
        ("<updated>2024-01-01T00:00:00Z</updated>", "2024-01-01T00:00:00Z"),
        ("<arxiv:comment>a</arxiv:comment><arxiv:comment>b</arxiv:comment>", "b"),
        ("<arxiv:journal_ref>a</arxiv:journal_ref><arxiv:journal_ref>b</arxiv:journal_ref>", "b"),
        (
            '<arxiv:primary_category term="cs.AI"/><arxiv:primary_category term="cs.CL"/>',
            "cs.CL",
        ),
    ],
)
def test_duplicate_fields_keep_the_first(extra: str, snippet: str) -> None:
    feed = parse_atom(doc(entry(extra)))
    assert kinds(feed) == ["duplicate_field"]
    assert feed.defects[0].snippet == snippet
    assert feed.defects[0].where == "entry[1]"
    paper = feed.papers[0]
    assert paper.title == "A title" and str(paper.id) == "2301.00001v1"
    assert paper.comments in (None, "a") and paper.journal_ref in (None, "a")
    assert paper.primary_category in (None, "cs.AI")


def test_duplicate_author_name_and_feed_fields() -> None:
    feed = parse_atom(
        doc(
            entry(author="<author><name>One</name><name>Two</name></author>"),
            head="<title>A</title><title>B</title>"
            "<opensearch:totalResults>1</opensearch:totalResults>"
            "<opensearch:totalResults>2</opensearch:totalResults>",
        )
    )
    assert feed.title == "A" and feed.total_results == 1
    assert feed.papers[0].authors == (Author("One"),)
    assert [(d.kind.value, d.where, d.snippet) for d in feed.defects] == [
        ("duplicate_field", "feed", "B"),
        ("duplicate_field", "feed", "2"),
        ("duplicate_field", "entry[1]/author[1]", "Two"),
    ]


@pytest.mark.parametrize(
    ("xml", "parent", "where"),
    [
        (doc(entry("<foo>bar</foo>")), "entry", "entry[1]"),
        (doc(head="<subtitle>x</subtitle>"), "feed", "feed"),
        (
            doc(entry(author="<author><name>A</name><email>a@b</email></author>")),
            "author",
            "entry[1]/author[1]",
        ),
    ],
)
def test_unknown_element(xml: bytes, parent: str, where: str) -> None:
    feed = parse_atom(xml)
    assert kinds(feed) == ["unknown_element"]
    defect = feed.defects[0]
    assert f"in {parent}" in defect.message
    assert defect.where == where
    assert defect.snippet is not None and defect.snippet.startswith("<")
    with pytest.raises(ParseError) as info:
        parse_atom(xml, strict=True)
    assert info.value.kind is DefectKind.UNKNOWN_ELEMENT


def test_markup_inside_a_text_element_is_reported_and_its_text_kept() -> None:
    feed = parse_atom(doc(entry(title="<title>A <b>bold</b> claim</title>")))
    assert feed.papers[0].title == "A bold claim"
    assert kinds(feed) == ["unknown_element"]
    assert feed.defects[0].snippet == "<b>bold</b>"
    assert feed.defects[0].where == "entry[1]"
    named = parse_atom(doc(entry(author="<author><name>A <i>B</i></name></author>")))
    assert named.papers[0].authors == (Author("A B"),)
    assert [(d.kind.value, d.where) for d in named.defects] == [
        ("unknown_element", "entry[1]/author[1]")
    ]


@pytest.mark.parametrize(
    "bad",
    [
        "http://arxiv.org/abs/2313.00001v1",  # month 13
        "http://arxiv.org/abs/not-an-id",
        "",
        "urn:uuid:1234",
    ],
)
def test_bad_id(bad: str) -> None:
    feed = parse_atom(doc(entry(id=f"<id>{bad}</id>")))
    assert kinds(feed) == ["bad_id"]
    assert feed.defects[0].snippet == bad.strip()
    assert feed.papers[0].id is None
    with pytest.raises(ParseError) as info:
        parse_atom(doc(entry(id=f"<id>{bad}</id>")), strict=True)
    assert info.value.kind is DefectKind.BAD_ID


@pytest.mark.parametrize(
    "bad",
    [
        "yesterday",
        "2016-13-01T00:00:00Z",
        "2016-05-26T24:00:00Z",
        "2016-W21-4T17:59:46Z",  # ISO week date: fromisoformat takes it, RFC 3339 does not
        "2016-05-26T175946.1Z",  # ISO basic time
        "2016-05-26T17:59:46",  # no offset
        "9999-12-31T23:59:59-01:00",  # year 10000 in UTC
        "0001-01-01T00:00:00+01:00",  # year 0 in UTC
        "２０１６-05-26T17:59:46Z",  # full-width digits
    ],
)
def test_bad_date(bad: str) -> None:
    feed = parse_atom(doc(entry(updated=f"<updated>{bad}</updated>")))
    assert kinds(feed) == ["bad_date"]
    assert feed.defects[0].snippet == bad
    assert feed.papers[0].updated is None
    head = parse_atom(doc(head=f"<updated>{bad}</updated>"))
    assert kinds(head) == ["bad_date"]
    assert head.defects[0].where == "feed"


@pytest.mark.parametrize("bad", ["ten", "-1", "+5", "1_000", "１２", "१२", "1.0", ""])
def test_bad_opensearch_number(bad: str) -> None:
    feed = parse_atom(doc(head=f"<opensearch:totalResults>{bad}</opensearch:totalResults>"))
    assert kinds(feed) == ["bad_number"]
    assert feed.total_results is None
    with pytest.raises(ParseError) as info:
        parse_atom(doc(head=f"<opensearch:startIndex>{bad}</opensearch:startIndex>"), strict=True)
    assert info.value.kind is DefectKind.BAD_NUMBER


def test_opensearch_numbers_may_be_padded_with_whitespace() -> None:
    feed = parse_atom(doc(head="<opensearch:itemsPerPage>\n 7 \n</opensearch:itemsPerPage>"))
    assert feed.items_per_page == 7
    assert feed.defects == ()


def test_link_without_href() -> None:
    feed = parse_atom(doc(entry('<link rel="alternate" type="text/html"/>')))
    assert kinds(feed) == ["missing_field"]
    assert feed.defects[0].message == "<link> without href"
    assert feed.papers[0].links == ()
    head = parse_atom(doc(head='<link rel="self"/>'))
    assert kinds(head) == ["missing_field"]
    assert head.link is None


@pytest.mark.parametrize("tag", ["category", "arxiv:primary_category"])
def test_category_without_term(tag: str) -> None:
    feed = parse_atom(doc(entry(f'<{tag} scheme="http://arxiv.org/schemas/atom"/>')))
    assert kinds(feed) == ["missing_field"]
    assert feed.defects[0].message == f"<{tag}> without term"
    assert feed.papers[0].categories == ()
    assert feed.papers[0].primary_category is None


def test_unknown_category_term_is_kept_and_reported() -> None:
    feed = parse_atom(doc(entry('<category term="cs.FOO"/><category term="nonsense words"/>')))
    assert feed.papers[0].categories == ("cs.FOO", "nonsense words")
    assert [(d.kind.value, d.snippet) for d in feed.defects] == [
        ("unknown_category", "cs.FOO"),
        ("unknown_category", "nonsense words"),
    ]


def test_dtd_present() -> None:
    feed = parse_atom(b"<!DOCTYPE feed>" + doc(entry()))
    assert kinds(feed) == ["unsafe"]
    assert len(feed.papers) == 1
    with pytest.raises(ParseError) as info:
        parse_atom(b"<!DOCTYPE feed>" + doc(entry()), strict=True)
    assert info.value.kind is DefectKind.UNSAFE


def test_strict_raises_the_first_defect() -> None:
    xml = doc(entry("<foo/>", drop=("title",)), entry(id="<id>bad</id>"))
    lenient = parse_atom(xml)
    assert kinds(lenient) == ["unknown_element", "missing_field", "bad_id"]
    with pytest.raises(ParseError) as info:
        parse_atom(xml, strict=True)
    assert info.value.kind is DefectKind.UNKNOWN_ELEMENT
    assert info.value.to_defect() == lenient.defects[0]


def test_defects_carry_line_snippet_and_where() -> None:
    xml = b"\n".join(
        [
            f"<feed {NS}>".encode(),
            entry().encode(),
            b"<entry>",
            b"<id>http://arxiv.org/abs/2301.00002v1</id><title>T</title><summary>S</summary>",
            b"<published>2023-01-01T00:00:00Z</published><author><name>A</name></author>",
            b"<updated>not a date</updated>",
            b"</entry>",
            b"</feed>",
        ]
    )
    feed = parse_atom(xml)
    (defect,) = feed.defects
    assert (defect.kind, defect.line, defect.snippet, defect.where) == (
        DefectKind.BAD_DATE,
        6,
        "not a date",
        "entry[2]",
    )
    assert "not an RFC 3339 time" in defect.message
    assert "line 6" in str(defect)


# -- not a feed at all -----------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\t ",
        "",
        b"not xml at all",
        b"\x00\x01\x02\xff\xfe garbage",
        b'{"feed": []}',
        b"<html><head><title>Error 503</title></head><body><p>down<br></body></html>",
        b"<!DOCTYPE html><html><body>Service unavailable</body></html>",
        b'<rss version="2.0"><channel><title>x</title></channel></rss>',
        b"<feed><entry/></feed>",  # a feed, but not in the Atom namespace
        b"<?xml version='1.0'?>",
        "\ufeff",
    ],
)
def test_not_an_atom_feed_raises_parse_error(data: bytes | str) -> None:
    for strict in (False, True):
        with pytest.raises(ParseError) as info:
            parse_atom(data, strict=strict)
        assert info.value.kind is DefectKind.SYNTAX
        raw = data.encode("utf-8") if isinstance(data, str) else data
        with pytest.raises(ParseError):
            list(iter_atom(io.BytesIO(raw), strict=strict))


def test_wrong_root_names_it() -> None:
    with pytest.raises(ParseError, match="root element is <rss>"):
        parse_atom(b'<rss version="2.0"/>')


def test_wrong_argument_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        parse_atom(42)  # type: ignore[arg-type]


# -- str, bytes and encodings ----------------------------------------------------------


def test_str_and_bytes_give_the_same_feed() -> None:
    raw = fixture("current_two_entries.xml")
    assert parse_atom(raw.decode("utf-8")) == parse_atom(raw)
    assert parse_atom(bytearray(raw)) == parse_atom(raw)
    assert parse_atom(memoryview(raw)) == parse_atom(raw)


def test_str_with_an_encoding_declaration_is_read_as_text() -> None:
    text = '<?xml version="1.0" encoding="ISO-8859-1"?>' + doc(
        entry(title="<title>Zoë Müller</title>")
    ).decode("utf-8")
    feed = parse_atom(text)
    assert feed.papers[0].title == "Zoë Müller"
    assert feed.defects == ()
    stream = iter_atom(io.StringIO(text))  # a text-mode file too
    assert [p.title for p in stream] == ["Zoë Müller"]
    broken = iter_atom(io.StringIO(text.replace("Zoë", "Zo\ud800")))
    assert list(broken) == []
    assert [d.kind for d in broken.defects] == [DefectKind.SYNTAX]


@pytest.mark.parametrize("encoding", ["ISO-8859-1", "windows-1252", "UTF-16", "UTF-8"])
def test_declared_encodings_of_bytes(encoding: str) -> None:
    text = f'<?xml version="1.0" encoding="{encoding}"?>' + doc(
        entry(title="<title>Zoë Müller</title>")
    ).decode("utf-8")
    raw = text.encode(encoding.replace("UTF-16", "utf-16"))
    feed = parse_atom(raw)
    assert feed.papers[0].title == "Zoë Müller"
    assert feed.defects == ()
    assert [p.title for p in iter_atom(io.BytesIO(raw))] == ["Zoë Müller"]


def test_latin1_bytes_without_declaration_are_a_syntax_defect() -> None:
    raw = doc(entry(title="<title>Zoë</title>")).decode("utf-8").encode("latin-1")
    feed = parse_atom(raw)
    assert "syntax" in kinds(feed)
    with pytest.raises(ParseError):
        parse_atom(raw, strict=True)


def test_str_with_lone_surrogate() -> None:
    text = doc(entry(title="<title>aXb</title>")).decode("utf-8").replace("aXb", "a\ud800b")
    feed = parse_atom(text)
    assert feed.papers[0].title == "a\ufffdb"
    assert kinds(feed) == ["encoding"]
    with pytest.raises(ParseError) as info:
        parse_atom(text, strict=True)
    assert info.value.kind is DefectKind.ENCODING


def test_surrogateescape_text_gives_back_its_bytes() -> None:
    raw = doc(entry(title="<title>Zoë</title>"))
    assert parse_atom(raw.decode("utf-8", "surrogateescape")) == parse_atom(raw)


# -- truncation --------------------------------------------------------------------------


def test_truncated_document_lenient_and_strict() -> None:
    whole = fixture("current_two_entries.xml")
    cut = whole[: whole.index(b"<summary>Two DOIs") + 20]
    feed = parse_atom(cut)
    assert kinds(feed)[0] == "truncated"
    assert feed.defects[0].message.startswith("the document is cut off")
    # the complete entry is whole; the partial one is returned with what it had
    assert feed.papers[0] == parse_atom(whole).papers[0]
    assert len(feed.papers) == 2
    with pytest.raises(ParseError) as info:
        parse_atom(cut, strict=True)
    assert info.value.kind is DefectKind.TRUNCATED
    assert info.value.line == cut.count(b"\n") + 1


@pytest.mark.parametrize(
    "marker",
    [b"<ti", b'<link href="htt', b"&am", b"Z</upd", b"</entry>", b"<entry>", b"\xc3"],
)
def test_truncated_anywhere_is_reported_as_truncated(marker: bytes) -> None:
    whole = doc(entry(title="<title>Zoë &amp; co</title>"), entry('<link href="https://x"/>'))
    whole = whole.replace(b"<feed", b"<?xml version='1.0'?>\n<feed").replace(b"><", b">\n<")
    cut = whole[: whole.index(marker) + len(marker)]
    feed = parse_atom(cut)
    assert kinds(feed)[0] == "truncated"
    with pytest.raises(ParseError) as info:
        parse_atom(cut, strict=True)
    assert info.value.kind is DefectKind.TRUNCATED


def test_damage_in_the_middle_is_syntax_not_truncation() -> None:
    lines = doc(entry(), entry(), entry()).replace(b"><", b">\n<").split(b"\n")
    broken = b"\n".join([*lines[:10], lines[10].replace(b">", b">a & b", 1), *lines[10:]])
    feed = parse_atom(broken)
    assert kinds(feed)[0] == "syntax"
    stream = iter_atom(io.BytesIO(broken))
    list(stream)
    assert [d.kind.value for d in stream.defects] == ["syntax"]


# -- streaming -------------------------------------------------------------------------


def test_iter_atom_gives_the_same_papers_and_header(tmp_path: Path) -> None:
    raw = fixture("current_two_entries.xml")
    feed = parse_atom(raw)
    stream = iter_atom(io.BytesIO(raw))
    assert stream.total_results is None  # nothing read yet
    assert tuple(stream) == feed.papers
    assert stream.header() == attr_evolve_papers(feed, ())
    path = tmp_path / "page.xml"
    path.write_bytes(raw)
    assert tuple(iter_atom(path)) == feed.papers
    assert tuple(iter_atom(str(path))) == feed.papers


def attr_evolve_papers(feed: Feed, papers: tuple[Paper, ...]) -> Feed:
    import attrs

    return attrs.evolve(feed, papers=papers)


def test_iter_atom_reads_gzip(tmp_path: Path) -> None:
    import gzip

    raw = fixture("classic_one_entry.xml")
    path = tmp_path / "page.xml.gz"
    path.write_bytes(gzip.compress(raw))
    assert tuple(iter_atom(path)) == parse_atom(raw).papers


def test_iter_atom_reports_defects_like_parse_atom() -> None:
    raw = doc(entry("<foo/>"), entry(id="<id>nope</id>"))
    stream = iter_atom(io.BytesIO(raw))
    assert len(list(stream)) == 2
    assert stream.defects == list(parse_atom(raw).defects)


def test_iter_atom_truncated_lenient_and_strict() -> None:
    whole = fixture("current_two_entries.xml")
    cut = whole[: whole.index(b"<summary>Two DOIs") + 20]
    stream = iter_atom(io.BytesIO(cut))
    assert list(stream) == [parse_atom(whole).papers[0]]
    assert [(d.kind.value, d.message[:37]) for d in stream.defects] == [
        ("truncated", "Atom stream stopped after 1 entries: ")
    ]
    strict = iter_atom(io.BytesIO(cut), strict=True)
    assert next(strict) == parse_atom(whole).papers[0]
    with pytest.raises(ParseError) as info:
        next(strict)
    assert info.value.kind is DefectKind.TRUNCATED


def test_iter_atom_small_reads_give_the_same_result() -> None:
    """Chunk boundaries fall anywhere when a file is read piece by piece."""

    class Trickle(io.RawIOBase):
        def __init__(self, data: bytes, size: int) -> None:
            self.data, self.size, self.pos = data, size, 0

        def readable(self) -> bool:
            return True

        def read(self, n: int = -1) -> bytes:
            chunk = self.data[self.pos : self.pos + self.size]
            self.pos += len(chunk)
            return chunk

    raw = fixture("current_two_entries.xml")
    for size in (1, 7, 64):
        assert tuple(iter_atom(Trickle(raw, size))) == parse_atom(raw).papers  # type: ignore[arg-type]


# -- rendering -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["classic_one_entry.xml", "current_two_entries.xml", "error_entry.xml", "empty.xml"]
)
def test_fixture_round_trip(name: str) -> None:
    feed = parse_atom(fixture(name))
    rendered = render_atom(feed)
    again = parse_atom(rendered)
    assert again == feed
    assert render_atom(again) == rendered
    assert [d.kind for d in again.defects] == [DefectKind.API_ERROR] * len(feed.errors)


def test_render_writes_the_current_shape() -> None:
    text = render_atom(parse_atom(fixture("classic_one_entry.xml"))).decode("utf-8")
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?>\n<feed ")
    assert "<arxiv:doi>10.1234/example.1 10.5678/example.2</arxiv:doi>" in text
    assert "<updated>2016-10-09T04:00:00Z</updated>" in text
    assert '<arxiv:primary_category term="math.CO"/>' in text


def test_render_refuses_text_xml_cannot_carry() -> None:
    bad = Feed(papers=[Paper(id=None, title="bell \x07")])
    with pytest.raises(ValueError, match="XML compatible"):
        render_atom(bad)


@given(atom_feeds())
def test_round_trip_of_generated_feeds(feed: Feed) -> None:
    rendered = render_atom(feed)
    again = parse_atom(rendered)
    assert again == feed
    assert {d.kind for d in again.defects} <= {DefectKind.MISSING_FIELD, DefectKind.API_ERROR}
    assert tuple(iter_atom(io.BytesIO(rendered))) == feed.papers


# -- robustness properties ---------------------------------------------------------------


def check_contract(data: str | bytes) -> None:
    """Lenient: a Feed or ParseError. Strict: returns or raises ParseError, nothing else."""
    try:
        feed = parse_atom(data)
    except ParseError:
        pass
    else:
        assert isinstance(feed, Feed)
    try:
        parse_atom(data, strict=True)
    except ParseError:
        pass
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    sources: list[io.IOBase] = [io.BytesIO(raw)]
    if isinstance(data, str):
        sources.append(io.StringIO(data))
    for strict in (False, True):
        for source in sources:
            source.seek(0)
            try:
                for paper in iter_atom(source, strict=strict):  # type: ignore[arg-type]
                    assert isinstance(paper, Paper)
            except ParseError:
                pass


@settings(max_examples=300)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_only_raise_parse_error(data: bytes) -> None:
    check_contract(data)
    check_contract(b"<feed " + NS.encode() + b">" + data)


@settings(max_examples=300)
@given(st.text(max_size=300))
@example("\ud800")
@example("<feed xmlns='http://www.w3.org/2005/Atom'>\udcff</feed>")
def test_arbitrary_text_only_raises_parse_error(data: str) -> None:
    check_contract(data)
    check_contract(f"<feed {NS}>{data}</feed>")


ELEMENTS = [
    "id",
    "title",
    "updated",
    "published",
    "summary",
    "author",
    "name",
    "arxiv:affiliation",
    "link",
    "category",
    "arxiv:primary_category",
    "arxiv:comment",
    "arxiv:journal_ref",
    "arxiv:doi",
    "entry",
    "opensearch:totalResults",
    "foo",
]
TEXTS = [
    "",
    "0",
    " x ",
    "http://arxiv.org/abs/2301.00001v1",
    "https://arxiv.org/api/errors#x",
    "2023-01-01T00:00:00Z",
    "12",
    "&amp;",
    "cs.AI",
]


@st.composite
def element_soup(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(ELEMENTS))
    attrs = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["href", "term", "rel", "title", "type"]), st.sampled_from(TEXTS)
            ),
            max_size=2,
            unique_by=lambda a: a[0],
        )
    )
    attr_text = "".join(f' {k}="{v}"' for k, v in attrs)
    children = draw(st.lists(element_soup(depth + 1), max_size=3)) if depth < 3 else []
    text = draw(st.sampled_from(TEXTS))
    return f"<{tag}{attr_text}>{text}{''.join(children)}</{tag}>"


@settings(max_examples=120, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(element_soup(), max_size=5))
def test_element_soup_only_raises_parse_error(children: list[str]) -> None:
    check_contract(f"<feed {NS}>{''.join(children)}</feed>")


# -- mutations of real responses ---------------------------------------------------------


# lines deleted, repeated, swapped; one line's attribute renamed; a cut; a stray byte
ATTRIBUTES = ["href", "term", "rel", "type", "title", "scheme", "xmlns"]
MUTATIONS = (*LINE_EDITS, on_a_line(rename_attribute(ATTRIBUTES)), truncate(), replace_byte())


@needs_shared
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1), st.integers(1, 3))
def test_mutated_corpus_files_only_raise_parse_error(seed: int, rounds: int) -> None:
    rnd = random.Random(seed)
    files = [p for p in api_files() if p.stat().st_size < 30_000]
    check_contract(mutate(rnd.choice(files).read_bytes(), rnd, MUTATIONS, rounds))


@needs_shared
@pytest.mark.parametrize("path", api_files(), ids=lambda p: p.name)
def test_truncations_of_corpus_files_are_reported_as_truncated(path: Path) -> None:
    """Cut after the root element starts, a response is always ``truncated``: never a
    ``syntax`` defect, never an exception other than ParseError; the stream yields the
    complete entries before the cut."""
    data = path.read_bytes()
    whole = parse_atom(data).papers
    start = re.search(rb"<feed[^>]*>", data)
    assert start is not None
    end = data.rindex(b"</feed>")
    step = max(1, (end - start.end()) // 40)
    for cut in range(start.end(), end, step):
        piece = data[:cut]
        feed = parse_atom(piece)
        assert kinds(feed)[:1] == ["truncated"], cut
        with pytest.raises(ParseError) as info:
            parse_atom(piece, strict=True)
        assert info.value.kind is DefectKind.TRUNCATED
        stream = iter_atom(io.BytesIO(piece))
        streamed = tuple(stream)
        assert streamed == whole[: len(streamed)]
        assert [d.kind.value for d in stream.defects][-1:] == ["truncated"]


# -- private helpers with exact contracts ------------------------------------------------


def _damage_timestamp(changes: list[tuple[int, str]]) -> str:
    """The API's usual timestamp shape with a few characters replaced."""
    chars = list("2016-05-26T17:59:46Z")
    for position, char in changes:
        chars[position] = char
    return "".join(chars)


@settings(max_examples=500)
@given(
    st.from_regex(
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?"
        r"(Z|z|[+-][0-9]{2}:[0-9]{2})",
        fullmatch=True,
    )
    | st.text(max_size=25)
    | st.lists(
        st.tuples(st.integers(0, 19), st.sampled_from("0123456789 +-:.,TtZzW\u0663\uff11")),
        max_size=3,
    ).map(_damage_timestamp)
)
def test_fast_date_path_agrees_with_rfc3339(text: str) -> None:
    try:
        expected: dt.datetime | None = parse_rfc3339(text)
    except ValueError:
        expected = None
    assert atom_module._parse_date(text) == expected
