"""Paper, Author, Version and Link: immutable, hashable value records."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given

from arxivlisting import ArxivId, Author, Link, Paper, Version
from arxivlisting.records import as_tuple, utc
from arxivlisting.strategies import papers

UTC = dt.timezone.utc
EDT = dt.timezone(dt.timedelta(hours=-4))
CST = dt.timezone(dt.timedelta(hours=8))


def sample_paper(**changes: object) -> Paper:
    fields: dict[str, object] = {
        "id": ArxivId.parse("1111.2011v2"),
        "title": "Quantum Criticality for Extended Nodes on a Bethe Lattice",
        "authors": [Author("Adrian Del Maestro", ["University of Vermont"]), Author("B. Rosenow")],
        "categories": ["cond-mat.str-el", "53C", "F.2.2", "cond-mat.stat-mech"],
        "primary_category": "cond-mat.str-el",
        "dois": ["10.1103/PhysRevB.85.014405", "10.1000/other"],
        "published": dt.datetime(2011, 11, 8, 16, 20, 21, tzinfo=UTC),
        "versions": [
            Version(2, dt.datetime(2012, 1, 3, tzinfo=UTC), size_kb=612),
            Version(1, dt.datetime(2011, 11, 8, tzinfo=UTC), size_kb=600),
        ],
        "links": [Link("https://arxiv.org/abs/1111.2011v2", rel="alternate")],
    }
    fields.update(changes)
    return Paper(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("record", "field", "value"),
    [
        (sample_paper(), "title", "another"),
        (sample_paper(), "authors", ()),
        (Author("A"), "name", "B"),
        (Version(1), "number", 2),
        (Link("https://arxiv.org/abs/2301.00001"), "href", "x"),
    ],
)
def test_records_are_frozen(record: object, field: str, value: object) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(record, field, value)
    with pytest.raises(AttributeError):
        record.not_a_field = 1  # type: ignore[attr-defined]  # slotted: no new attributes


def test_records_are_equal_by_value_and_hashable() -> None:
    a, b = sample_paper(), sample_paper()
    assert a == b
    assert a is not b
    assert hash(a) == hash(b)
    assert len({a, b, sample_paper(title="other")}) == 2
    assert a != sample_paper(title="other")
    assert Author("A", ["X"]) == Author("A", ("X",))
    assert hash(Author("A", ["X"])) == hash(Author("A", ("X",)))
    assert Version(1) != Version(2)
    assert Link("x") != Link("x", rel="alternate")


def test_lists_become_tuples() -> None:
    p = sample_paper()
    for name in ("authors", "categories", "dois", "versions", "links"):
        assert isinstance(getattr(p, name), tuple), name
    assert p.authors[0].affiliations == ("University of Vermont",)
    assert p.authors[1].affiliations == ()
    assert Paper(id=None, categories=(c for c in ["cs.AI", "cs.CL"])).categories == (
        "cs.AI",
        "cs.CL",
    )
    assert Paper(id=None).categories == ()


@pytest.mark.parametrize("field", ["categories", "dois", "authors", "links", "versions"])
def test_a_string_is_not_split_into_characters(field: str) -> None:
    with pytest.raises(TypeError, match="single str"):
        Paper(id=None, **{field: "cs.AI"})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Author("A", "University of Vermont")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        as_tuple(b"bytes")


def test_duplicate_authors_are_kept() -> None:
    p = Paper(id=None, authors=[Author("Li Wei"), Author("Li Wei")])
    assert len(p.authors) == 2


@pytest.mark.parametrize("field", ["published", "updated"])
def test_naive_datetimes_are_refused(field: str) -> None:
    with pytest.raises(ValueError, match="naive"):
        Paper(id=None, **{field: dt.datetime(2020, 1, 1)})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="naive"):
        Version(1, dt.datetime(2020, 1, 1))


def test_non_datetimes_are_refused() -> None:
    with pytest.raises(TypeError):
        Paper(id=None, published=dt.date(2020, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Version(1, "2020-01-01T00:00:00Z")  # type: ignore[arg-type]


def test_aware_datetimes_are_converted_to_utc() -> None:
    local = dt.datetime(2016, 10, 9, 20, 0, 0, tzinfo=EDT)
    p = Paper(id=None, published=local, updated=dt.datetime(2016, 10, 10, 8, tzinfo=CST))
    assert p.published == dt.datetime(2016, 10, 10, 0, 0, 0, tzinfo=UTC)
    assert p.published is not None
    assert p.published.tzinfo is UTC
    assert p.published.utcoffset() == dt.timedelta(0)
    assert p.updated == dt.datetime(2016, 10, 10, 0, 0, tzinfo=UTC)
    assert p.updated is not None
    assert p.updated.tzinfo is UTC
    v = Version(1, local)
    assert v.date is not None
    assert (v.date.day, v.date.hour, v.date.tzinfo) == (10, 0, UTC)
    # Same instant, same record, whatever zone it was given in.
    assert Paper(id=None, published=local) == Paper(id=None, published=local.astimezone(UTC))
    assert utc(None) is None


@pytest.mark.parametrize("number", [0, -1, -100])
def test_version_numbers_start_at_one(number: int) -> None:
    with pytest.raises(ValueError, match="start at 1"):
        Version(number)


def test_version_one_is_fine() -> None:
    assert Version(1).number == 1
    assert Version(1).date is None
    assert Version(1).withdrawn is False


def test_urls_and_doi() -> None:
    p = sample_paper()
    assert p.abs_url == "https://arxiv.org/abs/1111.2011v2"
    assert p.pdf_url == "https://arxiv.org/pdf/1111.2011v2"  # built from the id
    assert p.doi == "10.1103/PhysRevB.85.014405"  # the first related DOI
    assert p.id is not None
    assert p.id.doi == "10.48550/arXiv.1111.2011"  # arXiv's own DOI lives on the id
    bare = Paper(id=None)
    assert (bare.abs_url, bare.pdf_url, bare.doi) == (None, None, None)
    old = Paper(id=ArxivId.parse("hep-th/9108002"))
    assert old.abs_url == "https://arxiv.org/abs/hep-th/9108002"
    assert old.pdf_url == "https://arxiv.org/pdf/hep-th/9108002"


def test_pdf_url_prefers_the_link_the_source_gave() -> None:
    by_title = Link("http://arxiv.org/pdf/1111.2011v2", rel="related", title="pdf")
    by_type = Link("https://arxiv.org/pdf/1111.2011v2.pdf", type="application/pdf")
    other = Link("https://doi.org/10.1103/x", rel="related", title="doi")
    assert sample_paper(links=[other, by_title]).pdf_url == by_title.href
    assert sample_paper(links=[other, by_type, by_title]).pdf_url == by_type.href
    assert Paper(id=None, links=[by_title]).pdf_url == by_title.href
    assert sample_paper(links=[other]).pdf_url == "https://arxiv.org/pdf/1111.2011v2"


def test_arxiv_categories_drop_msc_and_acm_terms() -> None:
    p = sample_paper(categories=["cs.CL", "68T50", "I.2.7", "cs.AI", "made.UP", "math-ph", "05-XX"])
    assert p.arxiv_categories == ("cs.CL", "cs.AI", "made.UP", "math-ph")
    assert p.categories[1] == "68T50"  # the record keeps every term as given
    assert Paper(id=None).arxiv_categories == ()


def test_latest_version_is_the_highest_number() -> None:
    p = sample_paper()
    assert p.latest_version is not None
    assert p.latest_version.number == 2
    assert p.latest_version.size_kb == 612
    assert Paper(id=None).latest_version is None
    three = Paper(id=None, versions=[Version(3), Version(1), Version(2)])
    assert three.latest_version == Version(3)


@given(papers())
def test_generated_papers_are_values(p: Paper) -> None:
    copy = attrs.evolve(p)
    assert copy == p
    assert hash(copy) == hash(p)
    assert {p, copy} == {p}
    for name in ("authors", "categories", "dois", "versions", "links"):
        assert isinstance(getattr(p, name), tuple)
    for when in (p.published, p.updated, *(v.date for v in p.versions)):
        assert when is None or when.tzinfo is UTC
    assert set(p.arxiv_categories) <= set(p.categories)
    if p.versions:
        assert p.latest_version is not None
        assert p.latest_version.number == max(v.number for v in p.versions)
    if p.id is not None:
        assert p.abs_url == p.id.abs_url
    assert p.doi == (p.dois[0] if p.dois else None)
