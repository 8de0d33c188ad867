"""to_dict/from_dict: exact inverses through JSON, strict about what they accept."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from arxivlisting import ArxivId, Author, Paper, Version, from_dict, to_dict
from arxivlisting.errors import Defect, DefectKind
from arxivlisting.formats.atom import ApiError, Feed
from arxivlisting.strategies import atom_feeds, normalized_text, papers

UTC = dt.timezone.utc


def assert_plain_json(value: Any) -> None:
    """Only dict (str keys), list, str, int, float, bool and None: what JSON holds."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str
            assert_plain_json(item)
    elif isinstance(value, list):
        for item in value:
            assert_plain_json(item)
    else:
        assert value is None or type(value) in (str, int, float, bool), repr(value)


@given(papers())
def test_paper_round_trips(p: Paper) -> None:
    d = to_dict(p)
    assert_plain_json(d)
    assert from_dict(d, Paper) == p
    via_json = json.loads(json.dumps(d, ensure_ascii=False))
    assert via_json == d
    assert from_dict(via_json, Paper) == p
    assert to_dict(from_dict(via_json, Paper)) == d


defects = st.builds(
    Defect,
    kind=st.sampled_from(DefectKind),
    message=normalized_text(1, 6),
    line=st.none() | st.integers(1, 10**6),
    column=st.none() | st.integers(1, 10**4),
    offset=st.none() | st.integers(0, 10**9),
    snippet=st.none() | st.text(max_size=300),
    where=st.none() | st.sampled_from(["entry[3]/author[2]", "feed/title", "line 4"]),
)


@given(defects)
def test_defect_round_trips(defect: Defect) -> None:
    d = to_dict(defect)
    assert_plain_json(d)
    assert d["kind"] == defect.kind.value
    assert from_dict(json.loads(json.dumps(d)), Defect) == defect


@given(atom_feeds(max_papers=3), st.lists(defects, max_size=3))
def test_feed_round_trips(feed: Feed, found: list[Defect]) -> None:
    feed = attrs.evolve(feed, defects=found)
    d = to_dict(feed)
    assert_plain_json(d)
    back = from_dict(json.loads(json.dumps(d)), Feed)
    assert back == feed
    # Feed equality ignores defects; the dict does not, so compare it too.
    assert back.defects == feed.defects
    assert to_dict(back) == d


def test_the_dict_form() -> None:
    p = Paper(
        id=ArxivId.parse("hep-th/9108002v1"),
        title="0",
        authors=[Author("Ada Lovelace", ["Analytical Society"])],
        published=dt.datetime(2016, 10, 9, 20, 0, tzinfo=dt.timezone(dt.timedelta(hours=-4))),
        versions=[Version(1, dt.datetime(1991, 8, 1, 12, 30, 5, 250000, tzinfo=UTC), 12)],
    )
    d = to_dict(p)
    assert d["id"] == "hep-th/9108002v1"
    assert d["title"] == "0"
    assert d["authors"] == [
        {
            "name": "Ada Lovelace",
            "affiliations": ["Analytical Society"],
            "keyname": None,
            "forenames": None,
            "suffix": None,
        }
    ]
    assert d["published"] == "2016-10-10T00:00:00Z"
    assert d["versions"][0]["date"] == "1991-08-01T12:30:05.250000Z"
    assert d["categories"] == []
    assert d["abstract"] is None
    assert list(d) == [f.name for f in Paper.__attrs_attrs__]
    assert to_dict(ApiError("slug", "message"))["updated"] is None


def test_missing_optional_keys_take_their_defaults() -> None:
    assert from_dict({"id": None}, Paper) == Paper(id=None)
    assert from_dict({"id": "2301.00001"}, Paper) == Paper(id=ArxivId(2023, 1, 1))
    assert from_dict({"name": "A"}, Author) == Author("A")


def test_datetimes_in_any_offset_are_read_as_utc() -> None:
    p = from_dict({"id": None, "published": "2016-10-09T20:00:00-04:00"}, Paper)
    assert p.published == dt.datetime(2016, 10, 10, tzinfo=UTC)
    assert p.published is not None
    assert p.published.tzinfo is UTC
    assert from_dict({"id": None, "updated": "2016-10-10T00:00:00z"}, Paper).updated == (
        dt.datetime(2016, 10, 10, tzinfo=UTC)
    )


@pytest.mark.parametrize(
    ("data", "cls", "match"),
    [
        ({"id": None, "titel": "typo"}, Paper, "unknown keys \\['titel'\\]"),
        ({"name": "A", "affiliation": []}, Author, "unknown keys"),
        ({"kind": "syntax", "message": "m", "extra": 1}, Defect, "unknown keys"),
        ({}, Paper, "missing key 'id'"),
        ({"title": "no id"}, Paper, "missing key 'id'"),
        ({"affiliations": []}, Author, "missing key 'name'"),
        ({"date": None}, Version, "missing key 'number'"),
        ({"message": "m"}, Defect, "missing key 'kind'"),
        ({"kind": "syntax"}, Defect, "missing key 'message'"),
        ({"id": None, "published": "2016-10-09T20:00:00"}, Paper, "no time zone"),
        ({"id": None, "published": "yesterday"}, Paper, "Paper.published"),
        ({"id": "2313.00001"}, Paper, "Paper.id: month 13"),
        ({"kind": "nonsense", "message": "m"}, Defect, "Defect.kind"),
        ({"number": 0}, Version, "start at 1"),
    ],
)
def test_from_dict_refuses_bad_values_with_value_error(
    data: dict[str, Any], cls: type, match: str
) -> None:
    with pytest.raises(ValueError, match=match):
        from_dict(data, cls)


@pytest.mark.parametrize(
    ("data", "cls", "match"),
    [
        ({"name": 5}, Author, "Author.name: expected str, got int"),
        ({"id": None, "categories": "cs.AI"}, Paper, "Paper.categories: expected a list"),
        ({"name": "A", "affiliations": "Vermont"}, Author, "expected a list"),
        ({"id": None, "authors": ["Ada"]}, Paper, "Author: expected a mapping"),
        ({"id": None, "published": 1476057600}, Paper, "expected str, got int"),
        ({"id": 2301.00001}, Paper, "Paper.id: expected str"),
        ({"number": "1"}, Version, "expected int, got str"),
        ({"number": True}, Version, "expected int, got bool"),
        ({"number": 1, "withdrawn": "no"}, Version, "expected bool"),
        ({"id": None, "title": ["a"]}, Paper, "Paper.title: expected str"),
    ],
)
def test_from_dict_refuses_wrong_types_with_type_error(
    data: dict[str, Any], cls: type, match: str
) -> None:
    with pytest.raises(TypeError, match=match):
        from_dict(data, cls)


def test_non_mappings_and_non_records_are_type_errors() -> None:
    with pytest.raises(TypeError, match="expected a mapping"):
        from_dict(["id", None], Paper)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        from_dict({}, dict)
    with pytest.raises(TypeError):
        to_dict({"id": None})
