"""parse_rss / render_rss: the three real rss.arxiv.org feeds, hand-written feeds of every
format and announce type, cross-checks with the text listing, properties and fuzzing.
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
from arxivlisting.formats.mailing import parse_mailing
from arxivlisting.formats.rss import RssFeed, RssFormat, looks_like, parse_rss, render_rss
from arxivlisting.strategies.rss import rss_feeds
from conftest import corpus_files, needs_shared
from mutation import assert_only_parse_errors, drop_tag, swap_matches, truncate, variants

FIXTURES = Path(__file__).parent / "fixtures" / "rss"
UTC = dt.timezone.utc
REAL = corpus_files("rss", "*.xml")


def fixture(name: str) -> RssFeed:
    return parse_rss((FIXTURES / name).read_bytes())


# -- the real feeds --------------------------------------------------------------------


@needs_shared
def test_real_feeds() -> None:
    assert len(REAL) == 3
    for path in REAL:
        text = path.read_text(encoding="utf-8")
        feed = parse_rss(path.read_bytes())
        assert feed.format == RssFormat.RSS2
        assert feed.defects == ()
        # Counted from the raw XML: items, guids and announce types.
        guids = re.findall(r"<guid isPermaLink=\"false\">oai:arXiv.org:(\S+)</guid>", text)
        assert len(feed.items) == text.count("<item>") == len(guids) == 3
        assert [str(i.paper.id) for i in feed.items] == guids
        assert [i.guid for i in feed.items] == [f"oai:arXiv.org:{g}" for g in guids]
        assert all(i.announce_type == AnnounceType.NEW for i in feed.items)
        assert feed.pub_date == dt.datetime(2026, 4, 27, 4, 0, tzinfo=UTC)  # midnight in New York
        assert all(i.pub_date == feed.pub_date for i in feed.items)
        assert feed.skip_days == ("Saturday", "Sunday")
        assert (feed.language, feed.managing_editor) == ("en-us", "rss-help@arxiv.org")
        creators = re.findall(r"<dc:creator>(.*?)</dc:creator>", text)
        assert [len(i.paper.authors) for i in feed.items] == [c.count(", ") + 1 for c in creators]
        cats = [
            re.findall(r"<category>(.*?)</category>", block) for block in text.split("<item>")[1:]
        ]
        assert [list(i.paper.categories) for i in feed.items] == cats
        assert all(i.paper.primary_category is None for i in feed.items)
        assert all(
            i.paper.abstract and not i.paper.abstract.startswith("Abstract") for i in feed.items
        )
        again = parse_rss(render_rss(feed))
        assert again == feed
        assert parse_rss(render_rss(again)) == again


@needs_shared
def test_real_cs_lg_feed_details() -> None:
    path = next(p for p in REAL if "cs.LG" in p.name)
    feed = parse_rss(path.read_bytes())
    assert feed.categories == ("cs.LG",)
    assert feed.last_build_date == dt.datetime(2026, 4, 27, 4, 0, 1, tzinfo=UTC)
    assert feed.self_link == "http://rss.arxiv.org/rss/cs.LG"
    first = feed.items[0]
    assert str(first.paper.id) == "2604.21952v1"
    assert first.link == "https://arxiv.org/abs/2604.21952"
    assert first.paper.categories == ("cs.LG", "cs.AI", "cs.AR", "cs.NE", "cs.RO")
    assert "visual resolution & stride" in (first.paper.abstract or "")
    assert first.paper.license == "http://arxiv.org/licenses/nonexclusive-distrib/1.0/"
    assert feed.items[2].paper.license == "http://creativecommons.org/licenses/by/4.0/"
    assert [a.name for a in feed.items[1].paper.authors] == ["Blessed Madukoma", "Prasenjit Mitra"]


@needs_shared
def test_real_feeds_sniff_as_feeds() -> None:
    for path in REAL:
        assert looks_like(path.read_text()[:8192])


# -- hand-written feeds ----------------------------------------------------------------


def test_every_announce_type() -> None:
    feed = fixture("rss2_all_types.xml")
    assert feed.defects == ()
    assert [(str(i.paper.id), i.announce_type) for i in feed.items] == [
        ("2402.07001v1", AnnounceType.NEW),
        ("2402.06555v1", AnnounceType.CROSS),
        ("2312.00001v2", AnnounceType.REPLACE),
        ("2401.01111v1", AnnounceType.ABSONLY),
        ("hep-th/0601001v3", AnnounceType.REPLACE_CROSS),
    ]
    new = feed.items[0]
    assert (
        new.paper.abstract == "We count tokens & types in languages that do not exist ($n < 10^6$)."
    )
    assert new.paper.journal_ref == "Journal of Invented Results 12 (2024) 34-56"
    assert new.paper.dois == ("10.1234/invented.5678", "10.1234/invented.5679")
    assert feed.pub_date == dt.datetime(2024, 2, 13, 5, 0, tzinfo=UTC)  # midnight EST
    assert [a.name for a in feed.items[3].paper.authors] == ["Grace Hopper, Jr.", "Alan Turing"]
    assert feed.items[4].paper.authors == (
        Author("Charles Babbage", ("Analytical Society, London and Cambridge",)),
    )


def test_empty_channel() -> None:
    feed = fixture("rss2_empty_channel.xml")
    assert (feed.items, feed.defects, feed.categories) == ((), (), ("math.GM",))
    assert feed.pub_date == dt.datetime(2024, 2, 14, 5, 0, tzinfo=UTC)


def test_feed_error_channel() -> None:
    feed = fixture("rss2_feed_error.xml")
    assert feed.is_error and feed.items == ()
    assert feed.description == "Bad archive/category: cs.XX"
    assert [d.kind for d in feed.defects] == [DefectKind.API_ERROR]
    with pytest.raises(ParseError) as info:
        parse_rss((FIXTURES / "rss2_feed_error.xml").read_bytes(), strict=True)
    assert info.value.kind == DefectKind.API_ERROR
    assert not fixture("rss2_empty_channel.xml").is_error


def test_atom_variant() -> None:
    feed = fixture("atom_all_types.xml")
    assert feed.format == RssFormat.ATOM and feed.defects == ()
    assert feed.categories == ("cs.CL", "hep-th")
    assert (feed.feed_id, feed.language) == ("https://rss.arxiv.org/atom/cs.CL+hep-th", "en-us")
    first, second = feed.items
    assert first.guid == "oai:arXiv.org:2402.07001v1"
    assert first.pub_date == dt.datetime(2024, 2, 13, 5, 0, tzinfo=UTC)
    assert first.updated == dt.datetime(2024, 2, 13, 5, 0, 12, 345678, tzinfo=UTC)
    assert (str(second.paper.id), second.announce_type) == (
        "2402.06001v2",
        AnnounceType.REPLACE_CROSS,
    )


def test_rss1() -> None:
    feed = fixture("rss1_hep-ex.xml")
    assert feed.format == RssFormat.RSS1 and feed.defects == ()
    assert feed.pub_date == dt.datetime(2019, 5, 24, 1, 30, tzinfo=UTC)
    assert (feed.subject, feed.update_period, feed.managing_editor) == (
        "High Energy Physics - Experiment",
        "daily",
        "www-admin@arxiv.org",
    )
    plain, cross, updated = feed.items
    assert plain.paper.title == "Measurement of an Invented Asymmetry at $\\sqrt{s}=13$ TeV"
    assert plain.paper.abstract == (
        'We measure an invented asymmetry for $2.6<\\eta<4$ and find it "small".'
    )
    assert [a.name for a in plain.paper.authors] == ["Example collaboration", "A. Aaa", "B. Bbb"]
    assert plain.authors_not_shown == 901
    assert (plain.announce_type, plain.paper.primary_category) == (AnnounceType.NEW, "hep-ex")
    assert (cross.announce_type, cross.marker) == (AnnounceType.CROSS, "CROSS LISTED")
    assert cross.paper.authors == (Author("Cal Collider", ("for the Example Collaboration",)),)
    assert (updated.announce_type, updated.marker, str(updated.paper.id)) == (
        AnnounceType.REPLACE,
        "UPDATED",
        "1812.07003v2",
    )
    assert updated.paper.categories == ("nucl-th",)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.xml")))
def test_fixture_round_trip(name: str) -> None:
    feed = fixture(name)
    assert parse_rss(render_rss(feed)) == feed


def test_same_paper_in_feed_atom_and_mail() -> None:
    """2402.07001 in the RSS 2.0 and Atom fixtures and in the daily mail fixture."""
    rss = fixture("rss2_all_types.xml").items[0].paper
    atom = fixture("atom_all_types.xml").items[0].paper
    mail = (
        parse_mailing((FIXTURES.parent / "mailing" / "daily_all_parts.txt").read_text())
        .entries[0]
        .paper
    )
    for paper in (rss, atom):
        assert paper.id is not None and mail.id == paper.id.unversioned
        assert paper.title == mail.title
        assert [a.name for a in paper.authors] == [a.name for a in mail.authors]
        assert paper.categories == mail.categories
        assert (paper.journal_ref, paper.dois, paper.license) == (
            mail.journal_ref,
            mail.dois,
            mail.license,
        )
    assert rss.id is not None and rss.id.version == mail.versions[-1].number


# -- defects and malformed feeds -------------------------------------------------------


def item(body: str) -> bytes:
    return (
        '<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        f' version="2.0"><channel><item>{body}</item></channel></rss>'
    ).encode()


def test_item_defects() -> None:
    feed = parse_rss(
        item(
            "<description>arXiv:2402.00001v1 Announce Type: new \nAbstract: A.</description>"
            "<guid>oai:arXiv.org:2402.00002v1</guid><pubDate>Tue, 13 Feb 2024 00:00:00</pubDate>"
            "<arxiv:announce_type>cross</arxiv:announce_type><category>xx.YY</category>"
            "<title>A</title><title>B</title><unknown>?</unknown>"
            "<dc:creator>A. One (1)</dc:creator>"
        )
    )
    kinds = {d.kind for d in feed.defects}
    assert kinds == {
        DefectKind.INCONSISTENT,  # guid names another paper; description vs announce_type
        DefectKind.BAD_DATE,  # pubDate without a zone (read as New York time)
        DefectKind.UNKNOWN_CATEGORY,
        DefectKind.DUPLICATE_FIELD,
        DefectKind.UNKNOWN_ELEMENT,
        DefectKind.AMBIGUOUS_AFFILIATION,
    }
    (it,) = feed.items
    assert (str(it.paper.id), it.announce_type, it.paper.title) == (
        "2402.00001v1",
        AnnounceType.CROSS,
        "A",
    )
    assert it.pub_date == dt.datetime(2024, 2, 13, 5, 0, tzinfo=UTC)
    with pytest.raises(ParseError):
        parse_rss(item("<title>A</title><title>B</title>"), strict=True)


def test_description_not_in_the_feed_form() -> None:
    feed = parse_rss(
        item(
            "<title>T</title><description>Just text.</description>"
            "<guid>oai:arXiv.org:2402.00001v1</guid><dc:creator>A. Person</dc:creator>"
        )
    )
    assert feed.items[0].paper.abstract == "Just text."
    assert [d.kind for d in feed.defects] == [DefectKind.AMBIGUOUS]
    assert parse_rss(render_rss(feed)) == feed


def test_an_item_without_title_or_creator_says_so() -> None:
    # arXiv's feeds always give both; an item without them is kept, and reported.
    feed = parse_rss(
        item(
            "<description>arXiv:2402.00001v1 Announce Type: new \nAbstract: A.</description>"
            "<guid>oai:arXiv.org:2402.00001v1</guid>"
        )
    )
    (it,) = feed.items
    assert (it.paper.title, it.paper.authors) == (None, ())
    assert [(d.kind, d.message) for d in feed.defects] == [
        (DefectKind.MISSING_FIELD, "an item without a title"),
        (DefectKind.MISSING_FIELD, "an item without dc:creator"),
    ]


def test_not_a_feed() -> None:
    for data in ("", "<html><body/></html>", "not xml at all", b"<rss version='2.0'>"):
        with pytest.raises(ParseError):
            parse_rss(data, strict=True)
    for data in ("", "<html><body/></html>", "not xml at all"):
        with pytest.raises(ParseError):
            parse_rss(data)


def test_cut_off_feed_is_reported() -> None:
    data = (FIXTURES / "rss2_all_types.xml").read_bytes()[:2500]
    feed = parse_rss(data)
    assert DefectKind.TRUNCATED in {d.kind for d in feed.defects}
    with pytest.raises(ParseError):
        parse_rss(data, strict=True)


def test_entities_are_refused() -> None:
    data = (
        b'<!DOCTYPE rss [<!ENTITY x "boom">]>'
        b'<rss version="2.0"><channel><title>&x;</title></channel></rss>'
    )
    with pytest.raises(ParseError):
        parse_rss(data, strict=True)
    assert DefectKind.UNSAFE in {d.kind for d in parse_rss(data).defects}


def test_looks_like() -> None:
    assert looks_like((FIXTURES / "atom_all_types.xml").read_text()[:4000])
    assert looks_like((FIXTURES / "rss1_hep-ex.xml").read_text()[:4000])
    assert not looks_like('<feed xmlns="http://www.w3.org/2005/Atom"><title>ArXiv Query: x</title>')
    assert not looks_like("<!DOCTYPE html><div id='dlpage'>")


# -- properties ------------------------------------------------------------------------


@settings(max_examples=200)
@given(rss_feeds())
def test_render_round_trip(feed: RssFeed) -> None:
    assert parse_rss(render_rss(feed)) == feed


@settings(max_examples=50)
@given(rss_feeds())
def test_feeds_serialize_to_json_and_back(feed: RssFeed) -> None:
    assert from_dict(json.loads(json.dumps(to_dict(feed))), RssFeed) == feed


@settings(max_examples=100)
@given(st.text(max_size=300) | st.binary(max_size=300))
def test_arbitrary_input_is_a_feed_or_a_parse_error(data: str | bytes) -> None:
    for strict in (False, True):
        try:
            result = parse_rss(data, strict=strict)
        except ParseError:
            continue
        assert isinstance(result, RssFeed)


_LEAF = r"<(\w+:?\w*)[^>]*>[^<]*</\1>"  # an element holding text only
_DOUBLE_QUOTED = r'"[^"<>]*"'

# a cut, a tag gone, two leaf elements swapped (two values when there are no two), two
# attribute values swapped
MUTATIONS = (
    truncate(),
    drop_tag(),
    swap_matches(_LEAF, _DOUBLE_QUOTED),
    swap_matches(_DOUBLE_QUOTED),
)


def _fuzz(text: str, seed: str, rounds: int) -> None:
    mutated = variants(text, random.Random(seed), MUTATIONS, rounds)
    assert_only_parse_errors(parse_rss, mutated, RssFeed)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.xml")))
def test_mutated_fixtures_never_crash(name: str) -> None:
    _fuzz((FIXTURES / name).read_text(encoding="utf-8"), name, 150)


@needs_shared
def test_mutated_real_feeds_never_crash() -> None:
    for path in REAL:
        _fuzz(path.read_text(encoding="utf-8"), path.name, 100)
