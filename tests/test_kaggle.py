"""The Kaggle snapshot: streaming, the real 200 lines, exact write-back, properties."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import random
from pathlib import Path

import attrs
import pytest
from hypothesis import given

from arxivlisting import ParseError
from arxivlisting.errors import DefectKind
from arxivlisting.formats.absfile import parse_abs
from arxivlisting.formats.kaggle import (
    KaggleRecord,
    iter_kaggle,
    looks_like,
    parse_kaggle_line,
    render_kaggle_line,
    write_kaggle,
)
from arxivlisting.strategies.kaggle import kaggle_records
from conftest import CORPUS, corpus_files, needs_shared

REAL = CORPUS / "kaggle" / "kaggle_snapshot_first200_0704.0001-0200_arxivSpider_mnbvc.jsonl"
UTC = dt.timezone.utc
LINE = (
    '{"id":"2301.00001","submitter":"Ada Lovelace","authors":"Ada Lovelace and C. Babbage'
    ' (Analytical Society)","title":"A title","comments":null,"journal-ref":null,'
    '"doi":null,"report-no":null,"categories":"cs.AI","license":null,"abstract":"  Text.\\n",'
    '"versions":[{"version":"v1","created":"Sun, 1 Jan 2023 10:00:00 GMT"}],'
    '"update_date":"2023-01-02","authors_parsed":[["Lovelace","Ada","","Analytical Society"],'
    '["Babbage","C.","","Analytical Society"]]}'
)


def real_lines() -> list[str]:
    return REAL.read_text(encoding="utf-8").splitlines()


# -- the real snapshot head ----------------------------------------------------------------


@needs_shared
def test_every_real_line_streams_without_defects() -> None:
    raw = REAL.read_bytes()
    stream = iter_kaggle(REAL)
    records = list(stream)
    # Counted independently from the bytes and the decoded JSON.
    assert len(records) == raw.count(b"\n") == 200 == stream.lines
    assert stream.defects == [] and stream.defect_count == 0
    decoded = [json.loads(line) for line in real_lines()]
    assert (
        sum(len(r.paper.authors) for r in records)
        == sum(len(d["authors_parsed"]) for d in decoded)
        == 537
    )
    assert (
        sum(len(r.paper.versions) for r in records)
        == sum(len(d["versions"]) for d in decoded)
        == 326
    )
    assert [str(r.paper.id) for r in records] == [d["id"] for d in decoded]
    assert sum(r.paper.license is None for r in records) == sum(
        d["license"] is None for d in decoded
    )


@needs_shared
def test_real_lines_write_back_byte_for_byte() -> None:
    records = list(iter_kaggle(REAL))
    out = io.StringIO()
    assert write_kaggle(records, out) == 200
    assert out.getvalue() == REAL.read_text(encoding="utf-8")
    for line, record in zip(real_lines(), records, strict=True):
        assert parse_kaggle_line(line) == record
        # Without the source line the canonical writing still reads back the same.
        assert parse_kaggle_line(render_kaggle_line(attrs.evolve(record, source=None))) == record


@needs_shared
def test_real_details() -> None:
    by_id = {str(r.paper.id): r for r in iter_kaggle(REAL)}
    p = by_id["0704.0001"].paper
    assert p.authors[0].name == "C. Balázs" and p.authors[0].keyname == "Balázs"
    assert p.authors[3].name == "C.-P. Yuan" and p.authors[3].forenames == "C. -P."
    assert [(v.number, v.date) for v in p.versions] == [
        (1, dt.datetime(2007, 4, 2, 19, 18, 42, tzinfo=UTC)),
        (2, dt.datetime(2007, 7, 24, 20, 10, 27, tzinfo=UTC)),
    ]
    assert (p.published, p.updated) == (p.versions[0].date, p.versions[1].date)
    assert by_id["0704.0001"].update_date == dt.date(2008, 11, 26)
    assert len(by_id["0704.0033"].paper.dois) == 2 and len(by_id["0704.0038"].paper.dois) == 2
    assert by_id["0704.0009"].paper.authors[5].suffix == "II"
    mish = by_id["0704.0025"].paper.authors
    assert mish[0].affiliations == (
        "CREST, Japan Science and Technology Agency",
        "Russian Research Centre ``Kurchatov Institute''",
    )
    # arXiv's own authors_parsed keeps the marker text; the record keeps arXiv's rows as is.
    assert by_id["0704.0025"].authors_parsed[0][3] == "1 and 2"
    assert by_id["0704.0156"].paper.comments is not None


@needs_shared
def test_gzip_and_file_objects_give_the_same_records(tmp_path: Path) -> None:
    records = list(iter_kaggle(REAL))
    gz = tmp_path / "snapshot.json.gz"
    gz.write_bytes(gzip.compress(REAL.read_bytes()))
    assert list(iter_kaggle(gz)) == records
    odd_name = tmp_path / "snapshot.json"  # gzip told by its bytes, not its name
    odd_name.write_bytes(gzip.compress(REAL.read_bytes()))
    assert list(iter_kaggle(odd_name)) == records
    with open(REAL, "rb") as fh:
        assert list(iter_kaggle(fh)) == records
    out = tmp_path / "out.jsonl.gz"
    write_kaggle(records, out)
    assert gzip.decompress(out.read_bytes()) == REAL.read_bytes()


@needs_shared
def test_kaggle_agrees_with_oai_for_0704_0001() -> None:
    from arxivlisting.formats.oai import parse_oai

    (path,) = corpus_files("oai", "oai_arXiv_record_fragment_0704.0001*")
    oai = parse_oai(path.read_bytes()).papers[0]
    kaggle = next(r.paper for r in iter_kaggle(REAL) if str(r.paper.id) == "0704.0001")
    assert (kaggle.title, kaggle.categories, kaggle.dois, kaggle.journal_ref) == (
        oai.title,
        oai.categories,
        oai.dois,
        oai.journal_ref,
    )
    assert [(a.keyname, a.forenames) for a in kaggle.authors] == [
        (a.keyname, a.forenames) for a in oai.authors
    ]


@needs_shared
def test_abs_files_write_as_kaggle_lines() -> None:
    """Papers from another format export to the snapshot shape and read back."""
    for path in corpus_files("abs", "internal_0704.*.abs"):
        paper = parse_abs(path.read_bytes()).paper
        back = parse_kaggle_line(render_kaggle_line(paper)).paper
        assert (back.id, back.title, back.abstract, back.categories, back.dois) == (
            paper.id,
            paper.title,
            paper.abstract,
            paper.categories,
            paper.dois,
        )
        assert [a.name for a in back.authors] == [a.name for a in paper.authors]
        assert [(v.number, v.date) for v in back.versions] == [
            (v.number, v.date) for v in paper.versions
        ]


# -- hand-made lines -------------------------------------------------------------------


def test_a_line_with_affiliations_and_propagation() -> None:
    record = parse_kaggle_line(LINE)
    assert record.defects == ()
    assert [(a.name, a.affiliations, a.keyname) for a in record.paper.authors] == [
        ("Ada Lovelace", (), "Lovelace"),
        ("C. Babbage", ("Analytical Society",), "Babbage"),
    ]
    assert render_kaggle_line(record) == LINE


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ('["Babbage","C.",""', '["Cabbage","C.",""', DefectKind.INCONSISTENT),
        (',["Babbage","C.","","Analytical Society"]', "", DefectKind.INCONSISTENT),
        ('"","Analytical Society"]]', '"","Royal Society"]]', DefectKind.INCONSISTENT),
        ('"version":"v1"', '"version":"v2"', DefectKind.INCONSISTENT),
        ('"version":"v1"', '"version":"one"', DefectKind.BAD_NUMBER),
        ("Sun, 1 Jan", "Mon, 1 Jan", DefectKind.INCONSISTENT),
        ("1 Jan 2023 10", "1 Foo 2023 10", DefectKind.BAD_DATE),
        ('"2023-01-02"', '"yesterday"', DefectKind.BAD_DATE),
        ('"cs.AI"', '"cs.XX"', DefectKind.UNKNOWN_CATEGORY),
        ('"2301.00001"', '"2313.00001"', DefectKind.BAD_ID),
        ('"comments":null,', "", DefectKind.MISSING_FIELD),
        ('"license":null', '"license":null,"extra":[1]', DefectKind.UNKNOWN_ELEMENT),
        ('"title":"A title"', '"title":7', DefectKind.SYNTAX),
        ('"authors_parsed":[', '"authors_parsed":[["x"],', DefectKind.SYNTAX),
    ],
)
def test_disagreements_and_damage_are_reported(old: str, new: str, kind: DefectKind) -> None:
    assert old in LINE
    line = LINE.replace(old, new, 1)
    record = parse_kaggle_line(line)
    assert kind in [d.kind for d in record.defects]
    with pytest.raises(ParseError):
        parse_kaggle_line(line, strict=True)
    assert parse_kaggle_line(render_kaggle_line(record)) == record


def test_unknown_keys_are_kept_and_written_back() -> None:
    line = LINE.replace('"license":null', '"license":null,"extra":[1,{"a":null}]', 1)
    record = parse_kaggle_line(line)
    assert record.extra == (("extra", '[1,{"a":null}]'),)
    assert render_kaggle_line(record) == line
    assert render_kaggle_line(attrs.evolve(record, source=None)).endswith(
        ',"extra":[1,{"a":null}]}'
    )


def test_a_changed_record_is_written_from_its_values() -> None:
    record = parse_kaggle_line(LINE)
    changed = attrs.evolve(record, paper=attrs.evolve(record.paper, title="New"))
    line = render_kaggle_line(changed)
    assert '"title":"New"' in line and parse_kaggle_line(line) == changed


@pytest.mark.parametrize("line", ["", "not json", "[1,2]", "null", '"text"', "{"])
def test_lines_that_are_not_objects_raise(line: str) -> None:
    with pytest.raises(ParseError):
        parse_kaggle_line(line)


def test_stream_skips_bad_lines_and_flags_a_cut_last_line() -> None:
    data = (LINE + "\n" + "not json\n\n" + LINE + "\n" + LINE[:80]).encode()
    stream = iter_kaggle(io.BytesIO(data))
    assert len(list(stream)) == 2
    assert [(d.kind, d.line) for d in stream.defects] == [
        (DefectKind.SYNTAX, 2),
        (DefectKind.TRUNCATED, 5),
    ]
    with pytest.raises(ParseError) as info:
        list(iter_kaggle(io.BytesIO(data), strict=True))
    assert info.value.line == 2


def test_stream_keeps_at_most_max_defects() -> None:
    data = ("x\n" * 30).encode()
    stream = iter_kaggle(io.BytesIO(data), max_defects=5)
    assert list(stream) == []
    assert (len(stream.defects), stream.defect_count) == (5, 30)


def test_write_kaggle_to_binary_and_text_files() -> None:
    record = parse_kaggle_line(LINE)
    binary = io.BytesIO()
    assert write_kaggle([record, record.paper], binary) == 2
    first, second = binary.getvalue().decode("ascii").splitlines()
    assert first == LINE
    assert parse_kaggle_line(second).paper == record.paper


def test_looks_like() -> None:
    assert looks_like(LINE[:300])
    assert not looks_like('{"title": "x"}')
    assert not looks_like("<html>")


# -- properties and fuzzing -------------------------------------------------------------


@given(kaggle_records())
def test_render_then_parse_gives_the_record(record: KaggleRecord) -> None:
    back = parse_kaggle_line(render_kaggle_line(record))
    assert back == record
    assert back.defects == ()


def _mutants(line: str, rng: random.Random) -> list[str]:
    obj = json.loads(line)
    out = [line[: rng.randrange(len(line))] for _ in range(3)]
    for _ in range(6):
        mutated = dict(obj)
        key = rng.choice(list(mutated))
        choice = rng.randrange(4)
        if choice == 0:
            del mutated[key]
        elif choice == 1:
            mutated[key] = rng.choice([None, 7, [], {}, "", [[]], [{"version": None}], "x y"])
        elif choice == 2:
            a, b = rng.sample(list(mutated), 2)
            mutated[a], mutated[b] = mutated[b], mutated[a]
        else:
            mutated[key] = json.dumps(mutated[key])
        out.append(json.dumps(mutated, separators=(",", ":")))
    return out


@needs_shared
def test_mutated_real_lines_only_raise_parse_error() -> None:
    rng = random.Random(3)
    for line in real_lines()[::4]:
        for mutant in _mutants(line, rng):
            for strict in (False, True):
                try:
                    record = parse_kaggle_line(mutant, strict=strict)
                except ParseError:
                    continue
                assert parse_kaggle_line(render_kaggle_line(record)) == record
