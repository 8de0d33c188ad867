"""to_dict/from_dict round trips for the documents and records of every format.

The command line writes ``to_dict`` of whatever records a file holds, so every record
type of every format must map to JSON and back (the Paper/Feed tests are in
test_serialize.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arxivlisting import from_dict, to_dict
from arxivlisting.formats.kaggle import iter_kaggle
from arxivlisting.strategies.absfile import abs_records
from arxivlisting.strategies.digest import arxivdaily_digests
from arxivlisting.strategies.dw import dw_digests
from arxivlisting.strategies.hugo_toml import hugo_toml_digests, wechat_toml_digests
from arxivlisting.strategies.jekyll import jekyll_digests
from arxivlisting.strategies.kaggle import kaggle_records
from arxivlisting.strategies.listing import listings, mailings
from arxivlisting.strategies.oai import oai_responses
from arxivlisting.strategies.papers_cool import papers_cool_digests
from arxivlisting.strategies.rss import rss_feeds
from arxivlisting.strategies.wechat import wechat_digests

DOCUMENTS = {
    "abs": abs_records(),
    "arxivdaily": arxivdaily_digests(),
    "dw": dw_digests(),
    "hugo_toml": hugo_toml_digests(),
    "wechat_toml": wechat_toml_digests(),
    "jekyll": jekyll_digests(),
    "kaggle": kaggle_records(),
    "listing": listings(),
    "mailing": mailings(),
    "oai": oai_responses(),
    "papers_cool": papers_cool_digests(),
    "rss": rss_feeds(),
    "wechat": wechat_digests(),
}


def _round_trip(record: Any) -> None:
    data = json.loads(json.dumps(to_dict(record), ensure_ascii=False))
    assert from_dict(data, type(record)) == record


def _parts(record: Any) -> list[Any]:
    """``record`` and the records it holds (entries, items, sections...), one level down."""
    found = [record]
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        items = value if isinstance(value, tuple) else (value,)
        found.extend(item for item in items if attrs.has(type(item)))
    return found


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_format_round_trips_through_json(name: str, data: st.DataObject) -> None:
    for record in _parts(data.draw(DOCUMENTS[name])):
        _round_trip(record)


def test_kaggle_records_read_from_a_file_keep_their_raw_line(tmp_path: Path) -> None:
    # Records read from a file keep their line as bytes (source); JSON holds it as text.
    line = (
        '{"id":"2301.00001","submitter":null,"authors":"Zoë Ünïcode","title":"Titel",'
        '"comments":null,"journal-ref":null,"doi":null,"report-no":null,'
        '"categories":"cs.CL","license":null,"abstract":"  Text.\\n","versions":[],'
        '"update_date":"2023-01-02","authors_parsed":[["Ünïcode","Zoë",""]]}\n'
    )
    path = tmp_path / "snapshot.json"
    path.write_bytes(line.encode("utf-8"))
    (record,) = iter_kaggle(path)
    assert record.source == line.encode("utf-8")
    assert record.defects == ()
    data = to_dict(record)
    assert data["source"] == line
    _round_trip(record)
