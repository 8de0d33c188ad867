"""The trusted constructors in ``arxivlisting._build`` make the same records as attrs."""

from __future__ import annotations

import attrs
from hypothesis import given

from arxivlisting import Author, Link, Paper, Version, strategies
from arxivlisting._build import new_author, new_link, new_paper, new_version
from arxivlisting.strategies.kaggle import kaggle_records
from arxivlisting.strategies.listing import listing_items


def _same(fast: object, slow: object) -> None:
    assert type(fast) is type(slow)
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert attrs.asdict(fast) == attrs.asdict(slow)  # type: ignore[arg-type]


def test_every_field_is_covered() -> None:
    # A field added to a record must be added to its trusted constructor too: an unset
    # slot would raise AttributeError on first use instead of holding its default.
    for cls, build in ((Paper, new_paper), (Author, new_author), (Link, new_link)):
        names = [a.name for a in attrs.fields(cls)]
        record = build(*([None] * len(names)))  # type: ignore[operator]
        assert all(getattr(record, n) is None for n in names), cls
    version = new_version(1)
    assert [getattr(version, a.name) for a in attrs.fields(Version)] == [1, None, None, None, False]


@given(strategies.papers())
def test_paper_matches_attrs_init(paper: Paper) -> None:
    fields = attrs.asdict(paper, recurse=False)
    _same(new_paper(**fields), paper)
    _same(new_paper(*fields.values()), paper)
    for author in paper.authors:
        _same(new_author(*attrs.astuple(author, recurse=False)), author)
    for link in paper.links:
        _same(new_link(*attrs.astuple(link, recurse=False)), link)
    for version in paper.versions:
        _same(new_version(*attrs.astuple(version, recurse=False)), version)


def test_defaults_match() -> None:
    _same(new_paper(None), Paper(id=None))
    _same(new_author("A"), Author("A"))
    _same(new_link("h"), Link("h"))
    _same(new_version(2), Version(2))


@given(kaggle_records())
def test_kaggle_record_matches_attrs_init(record: object) -> None:
    from arxivlisting.formats._kaggle_record import KaggleRecord, new_kaggle_record

    assert isinstance(record, KaggleRecord)
    fields = attrs.astuple(record, recurse=False)
    fast = new_kaggle_record(*fields)
    _same(fast, record)
    assert fast.source == record.source
    assert fast.defects == record.defects


@given(listing_items())
def test_listing_item_matches_attrs_init(item: object) -> None:
    from arxivlisting.formats._listing_records import ListingItem, new_listing_item

    assert isinstance(item, ListingItem)
    _same(new_listing_item(*attrs.astuple(item, recurse=False)), item)
