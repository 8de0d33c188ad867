"""Every real captured API response in the shared corpus, read in place (never copied).

Counts are checked against the raw bytes with regular expressions, independently of the
parser. Every defect a real file produces is listed in EXPECTED_DEFECTS with its reason.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from arxivlisting import DefectKind, Feed, ParseError, iter_atom, parse, parse_atom, render_atom
from conftest import CORPUS, api_files, needs_shared

pytestmark = needs_shared

API = CORPUS / "api"
FILES = api_files()

# file name -> the defect kinds parse_atom reports for it, and why they are right.
EXPECTED_DEFECTS: dict[str, tuple[list[str], str]] = {
    "api_2019_idlist_INVALIDID_pubs.extracted14.xml": (
        ["api_error"],
        "the classic API's error entry (errors#incorrect_id_format_for_INVALIDID)",
    ),
    "api_2026_error_incorrect_id_abc_arxiv.py.body.xml": (
        ["api_error"],
        "the current API's error entry (errors#incorrect_id_format_for_abc), HTTP 400",
    ),
}
ERRORS = {
    "api_2019_idlist_INVALIDID_pubs.extracted14.xml": "incorrect_id_format_for_INVALIDID",
    "api_2026_error_incorrect_id_abc_arxiv.py.body.xml": "incorrect_id_format_for_abc",
}
EMPTY = {
    "api_2026_idlist_0000.0000_empty_arxiv.py.body.xml",
    "api_2026_idlist_invalid0808.05394_zero_results_arxiv.py.body.xml",
}


def _ids(files: list[Path]) -> list[str]:
    return [p.name for p in files]


def count(pattern: bytes, data: bytes) -> int:
    return len(re.findall(pattern, data))


def entries_of(data: bytes) -> list[bytes]:
    return re.findall(rb"<entry>.*?</entry>", data, re.S)


def test_the_corpus_is_there() -> None:
    assert len(FILES) >= 25
    assert set(ERRORS) | EMPTY <= {p.name for p in FILES}


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_file_parses_with_only_the_listed_defects(path: Path) -> None:
    data = path.read_bytes()
    feed = parse_atom(data)
    expected, _reason = EXPECTED_DEFECTS.get(path.name, ([], ""))
    assert [d.kind.value for d in feed.defects] == expected
    if not expected:
        parse_atom(data, strict=True)  # a defect-free file passes strict parsing too


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_entry_count_matches_the_bytes(path: Path) -> None:
    data = path.read_bytes()
    feed = parse_atom(data)
    assert len(feed.papers) + len(feed.errors) == count(rb"<entry>", data)
    assert len(feed.errors) == count(rb"<id>https?://arxiv\.org/api/errors#", data)


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_field_counts_match_the_bytes(path: Path) -> None:
    """Authors, affiliations, links, categories, DOIs, comments and journal refs: as many
    on the records as the entries hold (counted with regular expressions)."""
    data = path.read_bytes()
    feed = parse_atom(data)
    papers = feed.papers
    blobs = [e for e in entries_of(data) if b"/api/errors#" not in e]
    assert len(blobs) == len(papers)
    for blob, paper in zip(blobs, papers, strict=True):
        assert len(paper.authors) == count(rb"<author>", blob)
        assert sum(len(a.affiliations) for a in paper.authors) == count(
            rb"<arxiv:affiliation[ >]", blob
        )
        assert len(paper.links) == count(rb"<link ", blob)
        terms = [t.decode() for t in re.findall(rb'<category term="([^"]*)"', blob)]
        assert sorted(paper.categories) == sorted(terms)
        dois = [
            d.decode()
            for text in re.findall(rb"<arxiv:doi[^>]*>(.*?)</arxiv:doi>", blob, re.S)
            for d in text.split()
        ]
        assert list(paper.dois) == dois
        assert (paper.comments is not None) == (b"<arxiv:comment" in blob)
        assert (paper.journal_ref is not None) == (b"<arxiv:journal_ref" in blob)
        primary = re.search(rb'<arxiv:primary_category[^>]*term="([^"]*)"', blob)
        assert primary is not None
        assert paper.primary_category == primary.group(1).decode()
        assert paper.categories[0] == paper.primary_category
        raw_id = re.search(rb"<id>\s*(.*?)\s*</id>", blob)
        assert raw_id is not None
        assert paper.id is not None
        assert raw_id.group(1).decode().endswith(str(paper.id))


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_error_responses_yield_api_error(name: str) -> None:
    data = (API / name).read_bytes()
    feed = parse_atom(data)
    assert feed.papers == ()
    assert feed.is_error
    assert [e.slug for e in feed.errors] == [ERRORS[name]]
    assert feed.errors[0].message.startswith("incorrect id format for")
    assert feed.errors[0].url is not None and feed.errors[0].url.endswith(ERRORS[name])
    assert feed.total_results == 1
    with pytest.raises(ParseError) as info:
        parse_atom(data, strict=True)
    assert info.value.kind is DefectKind.API_ERROR


@pytest.mark.parametrize("name", sorted(EMPTY))
def test_empty_results_give_an_empty_feed(name: str) -> None:
    feed = parse_atom((API / name).read_bytes())
    assert feed.papers == () and feed.errors == () and feed.defects == ()
    assert feed.total_results == 0


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_round_trip_is_a_fixed_point(path: Path) -> None:
    feed = parse_atom(path.read_bytes())
    rendered = render_atom(feed)
    again = parse_atom(rendered)
    assert again == feed
    assert render_atom(again) == rendered


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_iter_atom_yields_the_same_papers(path: Path) -> None:
    data = path.read_bytes()
    feed = parse_atom(data)
    stream = iter_atom(path)
    assert tuple(stream) == feed.papers
    assert stream.header() == Feed(
        title=feed.title,
        id=feed.id,
        updated=feed.updated,
        link=feed.link,
        total_results=feed.total_results,
        start_index=feed.start_index,
        items_per_page=feed.items_per_page,
        errors=feed.errors,
    )
    assert stream.defects == list(feed.defects)
    assert tuple(iter_atom(io.BytesIO(data))) == feed.papers


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_sniffing_finds_atom(path: Path) -> None:
    result = parse(path.read_bytes())
    assert result.format == "atom"
    assert result.papers == parse_atom(path.read_bytes()).papers


WRAPPERS = sorted(API.glob("*.fixture.json")) if API.is_dir() else []


@pytest.mark.parametrize("wrapper", WRAPPERS, ids=_ids(WRAPPERS))
def test_fixture_json_body_is_the_body_file(wrapper: Path) -> None:
    """arxiv.py's golden fixtures hold the response decoded as latin-1: encoding the body
    back gives exactly the extracted .body.xml bytes, and both parse the same."""
    body = json.loads(wrapper.read_text(encoding="utf-8"))["body"].encode("latin-1")
    xml = wrapper.with_name(wrapper.name.replace(".fixture.json", ".body.xml"))
    assert body == xml.read_bytes()
    assert parse_atom(body) == parse_atom(xml.read_bytes())


def test_pubs_container_holds_the_extracted_files() -> None:
    container = API / "api_2019_mockdata_pubs.test_apis_data.json"
    triples = json.loads(container.read_text(encoding="utf-8"))
    extracted = sorted(API.glob("api_2019_*_pubs.extracted*.xml"))
    assert len(extracted) == 6
    for path in extracted:
        number = int(re.search(r"extracted(\d+)\.xml$", path.name).group(1))  # type: ignore[union-attr]
        assert triples[number][2].encode("utf-8") == path.read_bytes()
    # the container's non-arXiv bodies (doi.org HTML pages, BibTeX) are not feeds
    bodies = [t[2] for t in triples if isinstance(t[2], str) and "<feed" not in t[2]]
    assert bodies
    for body in bodies:
        with pytest.raises(ParseError):
            parse_atom(body)


# -- facts SOURCES.md promises about particular files ----------------------------------


def load(name: str) -> Feed:
    return parse_atom((API / name).read_bytes())


def test_title_zero_file() -> None:
    (paper,) = load("api_2026_idlist_2104.12255v1_title0_arxiv.py.body.xml").papers
    assert paper.title == "0"
    assert paper.comments is None


def test_multi_affiliation_file() -> None:
    feed = load("api_2026-09_search_cs.RO_multi_affiliation_TRANSCRIBED_technews.xml")
    most = max((a for p in feed.papers for a in p.authors), key=lambda a: len(a.affiliations))
    assert len(most.affiliations) == 2
    assert any(p.comments and "arXiv admin note" in p.comments for p in feed.papers)


def test_leading_space_author_file() -> None:
    (paper,) = load("api_2021_idlist_hep-ex_0307015_leading_space_author_dialect-map-io.xml").papers
    assert paper.authors[0].name == "H1 Collaboration"
    assert str(paper.id).startswith("hep-ex/0307015")


def test_classic_hard_wrapped_file_is_normalized() -> None:
    data = (API / "api_2016_idlist_1111.2011v2_arxiv.py.xml").read_bytes()
    assert re.search(rb"<title>[^<]*\n", data)  # the raw title is wrapped
    (paper,) = parse_atom(data).papers
    assert paper.title is not None and paper.abstract is not None
    for text in (paper.title, paper.abstract):
        assert "\n" not in text and "  " not in text and text == text.strip()
    assert paper.dois and paper.comments and paper.journal_ref


def test_hundred_entry_page() -> None:
    feed = load("api_2026_search_testing_s0_m100_arxiv.py.body.xml")
    papers = feed.papers
    assert len(papers) == 100
    assert sum(len(p.dois) for p in papers) == 32
    assert sum(p.journal_ref is not None for p in papers) == 18
    assert sum(bool(a.affiliations) for p in papers for a in p.authors) == 2
    assert any(p.id is not None and p.id.is_old_style for p in papers)


def test_perlmutter_file_has_32_authors() -> None:
    (paper,) = load("api_2019_idlist_astro-ph_9812133_pubs.extracted15.xml").papers
    assert len(paper.authors) == 32
    assert str(paper.id).startswith("astro-ph/9812133")


def test_math_9501234_primary_not_in_id() -> None:
    (paper,) = load("api_2019_idlist_math_9501234_pubs.extracted18.xml").papers
    assert paper.primary_category == "math.CO"
    assert paper.published == paper.updated
    assert paper.published is not None and paper.published.hour == 0


def test_invalid_id_dropped_from_list_silently() -> None:
    feed = load("api_2026_idlist_invalid0808.05394_plus_1707.08567_arxiv.py.body.xml")
    (paper,) = feed.papers
    assert str(paper.id).startswith("1707.08567")
    assert len(paper.authors) == 34
    assert any("Wübben" in a.name for a in paper.authors)
    assert feed.errors == () and feed.defects == ()


def test_paging_pages_continue() -> None:
    first = load("api_2026_search_testing_s0_m10_arxiv.py.body.xml")
    second = load("api_2026_search_testing_s10_m10_arxiv.py.body.xml")
    hundred = load("api_2026_search_testing_s0_m100_arxiv.py.body.xml")
    assert (first.start_index, second.start_index) == (0, 10)
    assert first.total_results == 214881
    assert first.papers == hundred.papers[:10]
    assert {p.id for p in second.papers}.isdisjoint({p.id for p in first.papers})
