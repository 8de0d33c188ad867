"""arXiv internal .abs files: every real file, hand-written fixtures, round trips, fuzzing."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import given

from arxivlisting import ParseError
from arxivlisting.authors import parse_authors
from arxivlisting.errors import DefectKind
from arxivlisting.formats.absfile import AbsRecord, looks_like, parse_abs, render_abs
from arxivlisting.formats.kaggle import parse_kaggle_line
from arxivlisting.strategies.absfile import abs_records
from conftest import CORPUS, corpus_files, needs_shared

FIXTURES = Path(__file__).parent / "fixtures" / "absfile"
ABS_FILES = corpus_files("abs", "internal_*.abs")
UTC = dt.timezone.utc


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# -- real files --------------------------------------------------------------------------

#: The only defects real files produce, by file name fragment, with the reason.
REAL_DEFECTS = {
    # arXiv really has zero-byte .abs files; lenient parsing gives an empty record.
    "math-ph_0509037_EMPTY": [DefectKind.TRUNCATED],
}


@needs_shared
def test_corpus_holds_33_files() -> None:
    assert len(ABS_FILES) == 33


@needs_shared
@pytest.mark.parametrize("path", ABS_FILES, ids=lambda p: p.name)
def test_real_file_parses_and_renders_back_byte_for_byte(path: Path) -> None:
    data = path.read_bytes()
    record = parse_abs(data)
    expected = next((v for k, v in REAL_DEFECTS.items() if k in path.name), [])
    assert [d.kind for d in record.defects] == expected
    text = render_abs(record)
    assert text.encode(record.encoding or "utf-8") == data
    assert parse_abs(text) == record  # parse -> render -> parse is a fixed point
    if not data:
        return
    # Counts taken from the bytes independently of the parser.
    raw = data.decode(record.encoding or "utf-8")
    assert len(record.paper.versions) == len(re.findall(r"^Date[ (:]", raw, re.M))
    assert [v.number for v in record.paper.versions] == list(
        range(1, len(record.paper.versions) + 1)
    )
    m = re.search(r"^(?:arXiv:|Paper: *)(\S+)$", raw, re.M)
    assert m is not None and str(record.paper.id) == m.group(1)
    cats = re.search(r"^Categories: (.*)$", raw, re.M)
    assert record.paper.categories == (tuple(cats.group(1).split()) if cats else ())
    authors = re.search(r"^Authors: (.*?)\n(?=\S)", raw, re.M | re.S)
    assert authors is not None and record.authors_text == authors.group(1)
    if "(" not in authors.group(1):
        names = [n for n in re.split(r"[,:]\s*(?:and\s+)?|\s+and\s+", authors.group(1)) if n]
        assert len(record.paper.authors) == len(names)


@needs_shared
def test_real_file_details() -> None:
    def rec(fragment: str) -> AbsRecord:
        (path,) = [p for p in ABS_FILES if fragment in p.name]
        return parse_abs(path.read_bytes())

    r = rec("0704.0389_8versions")
    assert r.paper.dois == (
        "10.1103/PhysRevD.75.124007",
        "10.1103/PhysRevD.82.029901",
        "10.1103/PhysRevD.82.129903",
    )
    assert len(r.paper.versions) == 8
    assert r.paper.published == dt.datetime(2007, 4, 3, 13, 48, 12, tzinfo=UTC)
    assert r.paper.updated == dt.datetime(2011, 7, 22, 17, 35, 59, tzinfo=UTC)

    r = rec("1607.08199_LATIN1")
    assert r.encoding == "latin-1"
    assert r.paper.journal_ref is not None and r.paper.journal_ref.startswith(
        "Épijournal de Géométrie Algébrique"
    )
    assert r.paper.authors[1].name == "Emanuele Macrì"

    r = rec("1611.08171_utf8_proxy")
    assert (r.encoding, r.paper.submitter, r.paper.proxy) == (
        "utf-8",
        "Nilde Nisse Tyssøy",
        "Kavitha Østgaard",
    )

    r = rec("0704.0156_withdrawn")
    assert [(v.size_kb, v.source_flags, v.withdrawn) for v in r.paper.versions] == [
        (903, None, False),
        (0, "I", True),
    ]
    r = rec("2403.10561")
    assert r.paper.versions[0].source_flags == "H"

    r = rec("internal_astro-ph_9709175_affiliations")
    assert (r.paper.submitter, r.submitter_email) == (None, "ex@example.com")
    assert [a.affiliations for a in r.paper.authors] == [
        ("Observatorio Nacional - Brazil",),
        ("Observatorio Nacional - Brazil",),
        ("P. Universidad Catolica - Chile",),
    ]

    r = rec("orig_hep-th_9901001v1")
    assert (r.paper.submitter, r.paper.categories) == ("Yosuke Imamura", ())

    r = rec("1902.05884_reportno_doi")
    line = r.author_line
    assert line is not None and line.not_shown == 750 and line.truncated
    assert len(r.paper.authors) == 101
    assert r.paper.report_no == "LHCb-PAPER-2018-039, CERN-EP-2018-336"

    r = rec("2103.11058_LHCb")
    assert r.author_line is not None and r.author_line.collaborations == (0,)
    assert "M. Bjørn" in [a.name for a in r.paper.authors]
    assert (r.paper.msc_class, rec("cs_0212040").paper.acm_class) == (
        None,
        "I.2.6; I.5.2; I.5.4; J.2",
    )


@needs_shared
def test_orig_copies_agree_with_the_current_file() -> None:
    for orig, current in [
        ("orig_hep-th_9901001v1", "internal_hep-th_9901001_3versions"),
        ("orig_astro-ph_9709175v1", "internal_astro-ph_9709175_affiliations"),
    ]:
        (a,) = [parse_abs(p.read_bytes()) for p in ABS_FILES if orig in p.name]
        (b,) = [parse_abs(p.read_bytes()) for p in ABS_FILES if current in p.name]
        assert a.paper.id == b.paper.id
        assert a.paper.versions[0] == b.paper.versions[0]
        assert a.paper.title == b.paper.title


#: The Kaggle snapshot (2022) is newer than the .abs capture: the DOI was added later.
KAGGLE_NEWER_DOI = {"0704.0156": "10.1029/2007JA012441"}


@needs_shared
def test_abs_files_agree_with_the_kaggle_snapshot() -> None:
    path = CORPUS / "kaggle" / "kaggle_snapshot_first200_0704.0001-0200_arxivSpider_mnbvc.jsonl"
    kaggle = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(raw)
        kaggle[record["id"]] = record
    compared = 0
    for abs_path in ABS_FILES:
        if not abs_path.read_bytes():
            continue
        paper = parse_abs(abs_path.read_bytes()).paper
        k = kaggle.get(str(paper.id))
        if k is None:
            continue
        compared += 1
        assert paper.title == " ".join(k["title"].split())
        assert paper.abstract == " ".join(k["abstract"].split())
        assert paper.categories == tuple(k["categories"].split())
        if str(paper.id) not in KAGGLE_NEWER_DOI:
            assert paper.dois == tuple((k["doi"] or "").split())
        assert [a.name for a in paper.authors] == [
            a.name for a in parse_authors(k["authors"]).authors
        ]
        assert [v.number for v in paper.versions] == [int(v["version"][1:]) for v in k["versions"]]
        assert len(paper.versions) == len(k["versions"])
        kaggle_paper = parse_kaggle_line(json.dumps(k)).paper
        assert [v.date for v in paper.versions] == [v.date for v in kaggle_paper.versions]
        assert paper.submitter == k["submitter"] == kaggle_paper.submitter
    assert compared == 4  # 0704.0001, 0704.0002, 0704.0156, 0704.0174


# -- hand-written fixtures ---------------------------------------------------------------


def test_latin1_fixture() -> None:
    data = fixture("latin1_withdrawn.abs")
    record = parse_abs(data)
    p = record.paper
    assert record.encoding == "latin-1"
    assert record.defects == ()
    assert (p.submitter, record.submitter_email) == ("José Müller", "jm@example.org")
    assert (
        p.title == "Invented title for a hand-written fixture about Große Zahlen and their wrapping"
    )
    assert [(a.name, a.affiliations) for a in p.authors] == [
        ("José Müller", ("Universität Beispiel, Institut für Tests",)),
        ("A. Other", ()),
        ("B. Third", ()),
    ]
    assert p.dois == ("10.1234/abc.1", "10.1234/abc.2", "10.1234/abc.3")
    assert [(v.number, v.size_kb, v.source_flags, v.withdrawn) for v in p.versions] == [
        (1, 120, "D", False),
        (2, 0, "I", True),
    ]
    assert p.versions[1].date == dt.datetime(2023, 5, 10, 11, 30, 5, tzinfo=UTC)
    assert p.abstract == "An invented abstract with an accent: été. A second paragraph."
    assert (p.categories, p.primary_category) == (("math.NT", "cs.DM"), "math.NT")
    assert render_abs(record).encode("latin-1") == data


def test_orig_fixture_has_no_categories_and_an_old_paper_line() -> None:
    data = fixture("orig_v1.abs")
    record = parse_abs(data)
    assert record.defects == ()
    assert str(record.paper.id) == "hep-th/9901999"
    assert record.paper.categories == () and record.paper.primary_category is None
    assert record.paper.submitter == "Ann Example"
    assert render_abs(record).encode() == data


def test_oddities_are_kept_and_reported() -> None:
    data = fixture("oddities.abs")
    record = parse_abs(data)
    assert [(d.kind, d.line) for d in record.defects] == [
        (DefectKind.BAD_DATE, 6),
        (DefectKind.UNKNOWN_ELEMENT, 8),
        (DefectKind.DUPLICATE_FIELD, 12),
        (DefectKind.UNKNOWN_ELEMENT, 14),
        (DefectKind.AMBIGUOUS, 11),
        (DefectKind.UNKNOWN_CATEGORY, 13),
    ]
    assert record.extra_fields == (("Title", "A second title"), ("Mood", "cheerful"))
    assert record.extra_lines == ("X-Note: a header line nobody defined",)
    assert record.paper.title == "Oddities"
    assert record.paper.versions[1].date is None
    # A \\ line inside the abstract belongs to it: only the last one closes it.
    assert record.paper.abstract == "u_t = \\Delta u \\\\ v_t = \\Delta v"
    assert render_abs(record).encode() == data
    with pytest.raises(ParseError) as info:
        parse_abs(data, strict=True)
    assert (info.value.kind, info.value.line) == (DefectKind.BAD_DATE, 6)


def test_zero_bytes_is_an_empty_record_or_a_strict_error() -> None:
    record = parse_abs(b"")
    assert record.paper.id is None and record.paper.title is None
    assert [d.kind for d in record.defects] == [DefectKind.TRUNCATED]
    assert render_abs(record) == ""
    with pytest.raises(ParseError, match="zero bytes"):
        parse_abs(b"", strict=True)


@pytest.mark.parametrize("data", [b"<html><body>hi</body></html>", b"\x00\xff\xfe garbage", "x"])
def test_garbage_raises_parse_error(data: str | bytes) -> None:
    with pytest.raises(ParseError, match=r"not an \.abs file"):
        parse_abs(data)


def test_truncated_files_keep_what_is_there() -> None:
    text = fixture("latin1_withdrawn.abs").decode("latin-1")
    head = text[: text.index("Categories")]
    record = parse_abs(head)
    assert record.paper.title is not None and record.paper.abstract is None
    assert DefectKind.TRUNCATED in [d.kind for d in record.defects]
    assert parse_abs(render_abs(record)) == record


def test_crlf_line_endings_round_trip() -> None:
    text = fixture("orig_v1.abs").decode().replace("\n", "\r\n")
    record = parse_abs(text)
    assert record.defects == ()
    assert record.paper.title == "An invented old-style per-version copy"
    assert render_abs(record) == text


def test_layout_is_used_only_while_it_says_what_the_record_says() -> None:
    import attrs

    record = parse_abs(fixture("latin1_withdrawn.abs"))
    changed = attrs.evolve(record, paper=attrs.evolve(record.paper, title="New title"))
    text = render_abs(changed)
    assert "Title: New title\n" in text
    assert parse_abs(text).paper == changed.paper


def test_looks_like() -> None:
    assert looks_like(fixture("latin1_withdrawn.abs").decode("latin-1")[:2000])
    assert looks_like(fixture("orig_v1.abs").decode())
    assert not looks_like('{"id":"0704.0001"}')
    assert not looks_like("<?xml version='1.0'?><feed/>")


# -- properties and fuzzing --------------------------------------------------------------


@given(abs_records())
def test_render_then_parse_gives_the_record(record: AbsRecord) -> None:
    assert parse_abs(render_abs(record)) == record


def _mutants(data: bytes, rng: random.Random) -> list[bytes]:
    lines = data.split(b"\n")
    out = []
    for _ in range(12):
        kind = rng.randrange(4)
        if kind == 0 and len(lines) > 1:
            i = rng.randrange(len(lines))
            out.append(b"\n".join(lines[:i] + lines[i + 1 :]))
        elif kind == 1:
            out.append(data[: rng.randrange(len(data) + 1)])
        elif kind == 2 and len(lines) > 2:
            i, j = rng.sample(range(len(lines)), 2)
            swapped = list(lines)
            swapped[i], swapped[j] = swapped[j], swapped[i]
            out.append(b"\n".join(swapped))
        else:
            i = rng.randrange(len(data) + 1)
            out.append(data[:i] + rng.choice([b"\\\\\n", b"(", b"\xff", b"Date: x\n"]) + data[i:])
    return out


@needs_shared
def test_mutated_real_files_only_raise_parse_error() -> None:
    rng = random.Random(2)
    for path in ABS_FILES:
        data = path.read_bytes()
        if not data:
            continue
        for mutant in _mutants(data, rng):
            for strict in (False, True):
                try:
                    record = parse_abs(mutant, strict=strict)
                except ParseError:
                    continue
                assert parse_abs(render_abs(record)) == record
