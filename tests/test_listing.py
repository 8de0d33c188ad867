"""parse_listing / render_listing: the real recent page, hand-written pages of both
markups, round-trip properties and mutation fuzzing.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arxivlisting import AnnounceType, Author, DefectKind, ParseError, from_dict, to_dict
from arxivlisting.formats.listing import (
    Listing,
    ListingDay,
    ListingKind,
    SectionKind,
    SectionStart,
    looks_like,
    parse_listing,
    render_listing,
)
from arxivlisting.strategies.listing import listings
from conftest import CORPUS, needs_shared
from mutation import (
    QUOTED,
    assert_only_parse_errors,
    delete_span,
    drop_tag,
    swap_matches,
    truncate,
    variants,
)

FIXTURES = Path(__file__).parent / "fixtures" / "listing"
REAL = CORPUS / "listing" / "astro-ph_recent_2026-05_tdccccc.html"


def fixture(name: str) -> Listing:
    return parse_listing((FIXTURES / name).read_bytes())


def defect_set(listing: Listing) -> set[tuple[str, str | None]]:
    return {(d.kind.value, d.where) for d in listing.defects}


# -- the real page -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> Listing:
    if not REAL.is_file():
        pytest.skip("../shared corpus not present")
    return parse_listing(REAL.read_bytes())


@pytest.fixture(scope="module")
def real_text() -> str:
    if not REAL.is_file():
        pytest.skip("../shared corpus not present")
    return REAL.read_text(encoding="utf-8")


@needs_shared
def test_real_page_counts(real: Listing, real_text: str) -> None:
    # Counted independently of the parser, from the raw markup.
    assert real_text.count("<dt>") == 403
    assert len(real.items) == 403
    headings = re.findall(
        r"<h3>(\w{3}, \d+ \w{3} \d{4}) \(showing (\d+) of (\d+) entries \)</h3>", real_text
    )
    assert [(s.shown, s.total, len(s.items)) for s in real.sections] == [
        (int(a), int(b), int(a)) for _, a, b in headings
    ]
    assert [len(s.items) for s in real.sections] == [59, 85, 77, 75, 107]
    assert [s.date for s in real.sections] == [
        dt.date(2026, 5, 11),
        dt.date(2026, 5, 8),
        dt.date(2026, 5, 7),
        dt.date(2026, 5, 6),
        dt.date(2026, 5, 5),
    ]
    assert all(s.kind == SectionKind.DAY for s in real.sections)
    assert [it.index for it in real.items] == list(range(1, 404))
    assert (
        sum(it.announce_type == AnnounceType.CROSS for it in real.items)
        == len(re.findall(r"\(cross-list from ", real_text))
        == 56
    )
    assert sum(it.html_url is not None for it in real.items) == real_text.count('id="html-') == 358
    assert (
        sum(it.paper.journal_ref is not None for it in real.items)
        == real_text.count("list-journal-ref")
        == 21
    )


@needs_shared
def test_real_page_header(real: Listing) -> None:
    assert real.kind == ListingKind.RECENT
    assert real.category == "astro-ph"
    assert real.name == "Astrophysics"
    assert (real.total, real.skip, real.show) == (403, None, 2000)
    assert real.days == (
        ListingDay(dt.date(2026, 5, 11), 0),
        ListingDay(dt.date(2026, 5, 8), 59),
        ListingDay(dt.date(2026, 5, 7), 144),
        ListingDay(dt.date(2026, 5, 6), 221),
        ListingDay(dt.date(2026, 5, 5), 296),
    )
    assert real.markup == "2024"
    assert not real.no_updates


@needs_shared
def test_real_page_authors_match_the_links(real: Listing, real_text: str) -> None:
    blocks = re.findall(r"<div class='list-authors'>(.*?)</div>", real_text, re.S)
    assert len(blocks) == 403
    counts = [b.count("<a href=") for b in blocks]
    assert [len(it.paper.authors) for it in real.items] == counts
    # Lists at arXiv's 100-name cap are flagged, the others are not.
    assert [it.authors_truncated for it in real.items] == [c >= 100 for c in counts]
    assert sum(c == 100 for c in counts) == 5


@needs_shared
def test_real_page_entries(real: Listing) -> None:
    first = real.items[0]
    assert str(first.paper.id) == "2605.08080"
    assert (
        first.paper.title
        == "CMB Limits on the Absorption of Light Vector and Axial-Vector Dark Matter"
    )
    assert [a.name for a in first.paper.authors] == [
        "Gabriele Montefalcone",
        "Nicola Bellomo",
        "Kimberly K. Boddy",
    ]
    assert first.paper.comments == "17 pages, 8 figures"
    assert first.paper.categories == ("astro-ph.CO",)
    assert first.paper.primary_category == "astro-ph.CO"
    assert first.paper.abstract is None  # recent pages carry no abstracts
    by_id = {str(it.paper.id): it for it in real.items}
    cross = by_id["2605.07720"]
    assert (cross.announce_type, cross.cross_from) == (AnnounceType.CROSS, "stat.ML")
    assert cross.paper.categories == ("stat.ML", "astro-ph.CO", "math.AT")
    assert cross.html_version == 1
    legend = next(it for it in real.items if it.authors_text.endswith("(3) JAXA)"))
    assert [(a.name, a.affiliations) for a in legend.paper.authors] == [
        ("Masatoshi Imanishi", ("NAOJ",)),
        ("Yuri Nishimura", ("University of Tsukuba",)),
        ("Shunsuke Baba", ("JAXA",)),
        ("Kouichiro Nakanishi", ("NAOJ",)),
        ("Takuma Izumi", ("NAOJ",)),
    ]
    # A comma inside parentheses belongs to one affiliation.
    eht = next(it for it in real.items if "(MPIfR, Germany)" in (it.authors_text or ""))
    assert Author("Thomas Krichbaum", ("MPIfR, Germany",)) in eht.paper.authors
    # "(9, 10, and 11)": markers resolve through the legend, commas and "and" alike.
    buckley = real.items[6].paper.authors[10]
    assert buckley == Author(
        "David A.H. Buckley",
        (
            "South African Astronomical Observatory",
            "Department of Astronomy, University of Cape Town",
            "Department of Physics, University of the Free State",
        ),
    )
    # "the <a>CASA Team</a> (1,2,3,4)": the link is the name, "the" stays in the text.
    casa = real.items[299]
    assert casa.paper.authors[1] == Author("CASA Team", ("NRAO", "ESO", "NAOJ", "JIVE"))
    assert casa.authors_text.startswith("Bjorn Emonts (1), the CASA Team (1,2,3,4)")
    # "this https URL" auto-links give back their URL.
    assert any(
        "https://www.astro.unige.ch/reflex/xspec-models" in (it.paper.comments or "")
        for it in real.items
    )


# Each defect the real page produces, and why it is a defect of the page (not a bug).
REAL_DEFECTS = {
    # "<a>J. C. Morales</a>, M., <a>R. Zapatero Osorio</a>": a bare "M." between two links
    # belongs to no linked author; it stays in authors_text.
    ("ambiguous", "entry[202]"),
}


@needs_shared
def test_real_page_defects_are_the_known_ones(real: Listing) -> None:
    assert defect_set(real) == REAL_DEFECTS


@needs_shared
def test_real_page_strict_raises_at_the_first_defect() -> None:
    with pytest.raises(ParseError) as info:
        parse_listing(REAL.read_bytes(), strict=True)
    assert info.value.kind == DefectKind.AMBIGUOUS


@needs_shared
def test_real_page_is_a_fixed_point(real: Listing) -> None:
    again = parse_listing(render_listing(real))
    assert again == real
    assert parse_listing(render_listing(again)) == again


@needs_shared
def test_real_page_sniffs_as_a_listing(real_text: str) -> None:
    assert looks_like(real_text[:8192])


# -- hand-written pages ----------------------------------------------------------------


def test_new_page_with_all_sections() -> None:
    listing = fixture("new_2024_all_sections.html")
    assert (listing.kind, listing.category, listing.name) == (
        ListingKind.NEW,
        "cs.CL",
        "Computation and Language",
    )
    assert listing.date == dt.date(2025, 5, 5)
    assert (listing.total, listing.skip, listing.show) == (5, None, 2000)
    assert listing.section_starts == (
        SectionStart(SectionKind.NEW, 1),
        SectionStart(SectionKind.CROSS, 3),
        SectionStart(SectionKind.REPLACE, 4),
    )
    assert [(s.kind, s.shown, s.total, len(s.items)) for s in listing.sections] == [
        (SectionKind.NEW, 2, 2, 2),
        (SectionKind.CROSS, 1, 1, 1),
        (SectionKind.REPLACE, 2, 2, 2),
    ]
    one, two, cross, rep, rep2 = listing.items
    assert (
        one.paper.title
        == "Counting Tokens in $\\mathcal{O}(n)$: A Study of Schrödinger's Tokenizer"
    )
    assert [(a.name, a.affiliations) for a in one.paper.authors] == [
        ("Ada Example", ("Institute of Examples, Springfield",)),
        (
            "Zoë Müller",
            ("Institute of Examples, Springfield", "Sample University (SU), Shelbyville"),
        ),
        ("Bo Sample", ("Sample University (SU), Shelbyville",)),
    ]
    assert one.paper.comments == "12 pages, 3 figures; code at https://github.com/example/tokens"
    assert one.paper.abstract == (
        "We count tokens & types. We release data at https://example.org/data for $n < 10^6$."
    )
    assert [link.title for link in one.paper.links] == ["pdf", "html", "other"]
    assert one.paper.pdf_url == "https://arxiv.org/pdf/2505.01001"
    assert (one.html_url, one.html_version) == ("https://arxiv.org/html/2505.01001v1", 1)
    assert [a.name for a in two.paper.authors] == [
        "Example Collaboration",
        "Cy Writer",
        "Di Reader",
    ]
    assert two.authors_text == (
        "The Example Collaboration: Cy Writer, Di Reader (on behalf of the Example Collaboration)"
    )
    assert two.paper.journal_ref == "Journal of Invented Results 12 (2025) 34-56"
    assert (cross.announce_type, cross.cross_from, cross.html_version) == (
        AnnounceType.CROSS,
        "stat.ML",
        2,
    )
    assert cross.paper.categories == ("stat.ML", "cs.CL", "cs.LG")
    assert (rep.announce_type, rep.html_version, rep2.announce_type) == (
        AnnounceType.REPLACE,
        3,
        AnnounceType.REPLACE,
    )
    assert (rep2.paper.authors, rep2.authors_text) == ((), "(author list is unavailable)")
    assert listing.defects == ()


def test_paged_new_page() -> None:
    listing = fixture("new_2024_paged.html")
    assert (listing.total, listing.skip, listing.show) == (74, 25, 25)
    new, cross = listing.sections
    assert (new.continued, new.continues, new.shown, new.total) == (True, False, 2, 27)
    assert (cross.continued, cross.continues, cross.shown, cross.total) == (False, True, 1, 32)
    assert [it.index for it in listing.items] == [26, 27, 28]
    assert listing.section_starts[-1] == SectionStart(SectionKind.REPLACE, 61)
    assert [a.name for a in listing.items[0].paper.authors] == ["Sam String", "Bea Brane"]
    assert listing.defects == ()


def test_no_updates_today() -> None:
    listing = fixture("new_2024_no_updates.html")
    assert listing.no_updates and listing.sections == ()
    assert (listing.kind, listing.date, listing.total) == (
        ListingKind.NEW,
        dt.date(2024, 2, 14),
        None,
    )
    assert listing.defects == ()


def test_month_page() -> None:
    listing = fixture("month_2024_paged.html")
    assert (listing.kind, listing.year, listing.month) == (ListingKind.MONTH, 2024, 3)
    assert (listing.total, listing.skip, listing.show) == (52, 50, 50)
    (section,) = listing.sections
    assert section.kind == SectionKind.ALL and section.shown is None
    assert [it.index for it in section.items] == [51, 52]
    assert section.items[1].announce_type == AnnounceType.CROSS
    assert listing.defects == ()


def test_empty_year_page() -> None:
    listing = fixture("year_2024_empty.html")
    assert (listing.kind, listing.year, listing.category) == (ListingKind.YEAR, 1992, "q-fin")
    assert [(s.kind, s.items) for s in listing.sections] == [(SectionKind.ALL, ())]
    assert listing.defects == ()


def test_legacy_new_page() -> None:
    listing = fixture("new_legacy.html")
    assert listing.markup == "legacy"
    assert (listing.kind, listing.category, listing.date) == (
        ListingKind.NEW,
        "cs.CL",
        dt.date(2024, 1, 12),  # "Fri, 12 Jan 24": a two-digit year
    )
    assert (listing.total, listing.skip, listing.show) == (5, 0, 2000)
    assert listing.dateline == (
        "Submissions received from Wed 10 Jan 24 to Thu 11 Jan 24, announced Fri, 12 Jan 24"
    )
    assert [(s.kind, len(s.items)) for s in listing.sections] == [
        (SectionKind.NEW, 2),
        (SectionKind.CROSS, 1),
        (SectionKind.REPLACE, 2),
    ]
    first = listing.items[0]
    assert first.authors_text == "Ada Lovelace, Charles Babbage (Analytical Society, London)"
    assert first.paper.authors[1] == Author("Charles Babbage", ("Analytical Society, London",))
    assert first.paper.comments == "8 pages, see http://example.org/x"
    assert [link.title for link in listing.items[1].paper.links] == ["pdf", "ps", "other"]
    assert (listing.items[2].announce_type, listing.items[2].cross_from) == (
        AnnounceType.CROSS,
        "cs.LG",
    )
    assert str(listing.items[4].paper.id) == "cs/0101001"
    assert listing.defects == ()


def test_legacy_pastweek_page() -> None:
    listing = fixture("pastweek_legacy.html")
    assert (listing.kind, listing.markup, listing.category) == (
        ListingKind.PASTWEEK,
        "legacy",
        "hep-th",
    )
    assert listing.days == (
        ListingDay(dt.date(2024, 1, 12), 0),
        ListingDay(dt.date(2024, 1, 11), 2),
    )
    assert [(s.date, len(s.items)) for s in listing.sections] == [
        (dt.date(2024, 1, 12), 2),
        (dt.date(2024, 1, 11), 1),
    ]
    assert listing.items[0].paper.authors == (
        Author("Dana Dual", ("Invented Institute",)),
        Author("Fay Field", ("Example Lab",)),
    )
    assert listing.defects == ()


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.html")))
def test_fixture_round_trip(name: str) -> None:
    listing = fixture(name)
    again = parse_listing(render_listing(listing))
    assert again == listing
    assert again.markup == "2024"


# -- malformed pages -------------------------------------------------------------------


def test_not_a_listing() -> None:
    for data in ("", "   ", "<html><body><p>hello</p></body></html>", b"\x00\x01binary"):
        with pytest.raises(ParseError):
            parse_listing(data)
    with pytest.raises(TypeError):
        parse_listing(42)  # type: ignore[arg-type]


def test_entry_defects() -> None:
    page = (
        "<div id='dlpage'><dl id='articles'>"
        "<dt><a name='item3'>[4]</a>"
        "<a href='/abs/2313.00001' title='Abstract'>arXiv:2313.00001</a></dt>"
        "<dd><div class='meta'><div class='list-subjects'>Subjects: Nowhere (xx.YY)</div>"
        "<div class='list-title'>T</div><div class='list-title'>U</div></div></dd>"
        "<dd></dd></dl></div>"
    )
    listing = parse_listing(page)
    kinds = [d.kind for d in listing.defects]
    assert DefectKind.INCONSISTENT in kinds  # item3 vs [4]
    assert DefectKind.BAD_ID in kinds  # month 13
    assert DefectKind.UNKNOWN_CATEGORY in kinds
    assert DefectKind.DUPLICATE_FIELD in kinds
    assert DefectKind.MISSING_FIELD in kinds  # the second dd has no dt
    item = listing.items[0]
    assert (item.index, item.paper.id, item.paper.title) == (3, None, "T")
    assert item.paper.categories == ("xx.YY",)
    with pytest.raises(ParseError):
        parse_listing(page, strict=True)


def test_heading_count_mismatch_is_reported() -> None:
    page = (
        "<div id='dlpage'><dl id='articles'><h3>Mon, 11 May 2026 (showing 2 of 2 entries )</h3>"
        "<dt><a name='item1'>[1]</a><a href='/abs/2605.00001' title='Abstract'>arXiv:2605.00001</a>"
        "</dt><dd><div class='meta'><div class='list-title'>T</div></div></dd></dl></div>"
    )
    listing = parse_listing(page)
    assert [d.kind for d in listing.defects] == [DefectKind.COUNT_MISMATCH]
    assert listing.sections[0].date == dt.date(2026, 5, 11)


def test_weekday_that_does_not_match() -> None:
    listing = parse_listing("<div id='dlpage'><h3>Tue, 11 May 2026</h3><dl></dl></div>")
    assert [d.kind for d in listing.defects] == [DefectKind.INCONSISTENT]
    assert listing.sections[0].date == dt.date(2026, 5, 11)


def test_latin1_page_with_declared_charset() -> None:
    page = (
        "<html><head><meta charset='iso-8859-1'></head><body><div id='dlpage'>"
        "<dl><dt><a href='/abs/2401.00001' title='Abstract'>arXiv:2401.00001</a></dt>"
        "<dd><div class='meta'><div class='list-title'>Caf\xe9</div></div></dd></dl></div>"
    ).encode("latin-1")
    assert parse_listing(page).items[0].paper.title == "Café"


def test_looks_like() -> None:
    assert looks_like((FIXTURES / "new_legacy.html").read_text()[:4000])
    assert not looks_like("<?xml version='1.0'?><rss version='2.0'><channel>")
    assert not looks_like("arXiv:2301.00001\nTitle: x")


# -- properties ------------------------------------------------------------------------


@settings(max_examples=150)
@given(listings())
def test_render_round_trip(listing: Listing) -> None:
    assert parse_listing(render_listing(listing)) == listing


@settings(max_examples=50)
@given(listings())
def test_records_serialize_to_json_and_back(record: Listing) -> None:
    assert from_dict(json.loads(json.dumps(to_dict(record))), Listing) == record


@settings(max_examples=100)
@given(st.text(max_size=300) | st.binary(max_size=300))
def test_arbitrary_input_is_a_listing_or_a_parse_error(data: str | bytes) -> None:
    try:
        result = parse_listing(data)
    except ParseError:
        return
    assert isinstance(result, Listing)


# a cut, a tag gone, two attribute values swapped, a span (up to 400 characters) gone
MUTATIONS = (truncate(), drop_tag(), swap_matches(QUOTED), delete_span(longest=400))


def _fuzz(text: str, seed: str | int, rounds: int) -> None:
    mutated = variants(text, random.Random(seed), MUTATIONS, rounds)
    assert_only_parse_errors(parse_listing, mutated, Listing)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.html")))
def test_mutated_fixtures_never_crash(name: str) -> None:
    _fuzz((FIXTURES / name).read_text(encoding="utf-8"), name, 60)


@needs_shared
def test_mutated_real_page_never_crashes(real_text: str) -> None:
    _fuzz(real_text, 2026, 12)
