"""iter_results / iter_papers: paths, directories, globs, stdin, .gz, failures, sniffing."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest

from arxivlisting import DefectKind, ParseError, iter_papers, iter_results, parse, parse_atom
from arxivlisting.batch import expand_paths, read_source
from arxivlisting.samples import sample_bytes
from arxivlisting.sniff import sniff

ATOM = sample_bytes("atom")
FIXTURES = Path(__file__).parent / "fixtures" / "atom"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """sub/ with an Atom file, a gzipped one, a cut-off one and one that only looks like
    Atom; a JSON file at the top; a .git directory that is skipped."""
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "a.xml").write_bytes(ATOM)
    (tmp_path / "sub" / "deeper" / "b.xml.gz").write_bytes(gzip.compress(ATOM))
    (tmp_path / "sub" / "c_cut.xml").write_bytes(ATOM[: ATOM.index(b"</entry>")])
    (tmp_path / "sub" / "e_not_feed.xml").write_bytes(
        b"<!-- <feed xmlns='http://www.w3.org/2005/Atom'> --><rss version='2.0'/>"
    )
    (tmp_path / "d.json").write_text('{"feed": {"entry": []}}', encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "ignored.xml").write_bytes(ATOM)
    return tmp_path


def names(results: list[object]) -> list[str]:
    return [Path(r.source).name for r in results]  # type: ignore[attr-defined]


def test_directory_is_walked_in_sorted_order_skipping_vcs(tree: Path) -> None:
    results = list(iter_results([str(tree)]))
    assert names(results) == ["d.json", "a.xml", "c_cut.xml", "e_not_feed.xml", "b.xml.gz"]
    by_name = dict(zip(names(results), results, strict=True))
    assert by_name["a.xml"].format == "atom" and len(by_name["a.xml"].papers) == 3
    assert by_name["b.xml.gz"].papers == by_name["a.xml"].papers
    # cut off: parsed leniently, with what was there and a truncated defect
    assert not by_name["c_cut.xml"].failed
    assert by_name["c_cut.xml"].defects[0].kind is DefectKind.TRUNCATED
    # an <rss> root with an Atom namespace: sniffed as RSS, and no channel: a failure
    assert by_name["e_not_feed.xml"].failed
    assert "without a <channel>" in (by_name["e_not_feed.xml"].error or "")
    assert by_name["d.json"].failed  # sniffing refuses JSON
    assert "cannot tell which format" in (by_name["d.json"].error or "")


def test_globs_recursive_and_plain(tree: Path) -> None:
    plain = list(iter_results([str(tree / "sub" / "*.xml")]))
    assert names(plain) == ["a.xml", "c_cut.xml", "e_not_feed.xml"]
    deep = list(iter_results([str(tree / "**" / "*.gz")]))
    assert names(deep) == ["b.xml.gz"]
    assert deep[0].papers == parse_atom(ATOM).papers


def test_unmatched_glob_and_missing_file_are_failures(tree: Path) -> None:
    results = list(iter_results([str(tree / "nothing-*.xml"), str(tree / "missing.xml")]))
    assert [r.failed for r in results] == [True, True]
    assert all("FileNotFoundError" in (r.error or "") for r in results)


def test_a_failing_file_does_not_stop_the_run(tree: Path) -> None:
    corrupt = tree / "corrupt.xml.gz"
    corrupt.write_bytes(b"\x1f\x8b\x08\x00" + b"not deflate data" * 4)
    truncated = tree / "truncated.xml.gz"
    truncated.write_bytes(gzip.compress(ATOM)[:40])
    paths = [str(corrupt), str(truncated), str(tree / "sub" / "a.xml")]
    results = list(iter_results(paths))
    assert [r.failed for r in results] == [True, True, False]
    assert results[0].error is not None and results[0].error.startswith("error:")  # zlib.error
    assert results[1].error is not None and "EOFError" in results[1].error
    assert len(results[2].papers) == 3


def test_gzip_is_detected_by_content_not_name(tmp_path: Path) -> None:
    path = tmp_path / "response.xml"  # no .gz suffix
    path.write_bytes(gzip.compress(ATOM))
    assert read_source(str(path)) == ATOM
    (result,) = iter_results([str(path)])
    assert result.format == "atom"


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO(gzip.compress(ATOM))

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    (result,) = iter_results(["-"])
    assert result.source == "-"
    assert result.papers == parse_atom(ATOM).papers


def test_strict_turns_a_defect_into_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "dup.xml"
    path.write_bytes(ATOM.replace(b"<title>0</title>", b"<title>0</title><title>1</title>"))
    (lenient,) = iter_results([str(path)])
    assert not lenient.failed
    assert [d.kind for d in lenient.defects] == [DefectKind.DUPLICATE_FIELD]
    (strict,) = iter_results([str(path)], strict=True)
    assert strict.failed and strict.papers == ()
    assert "second <title>" in (strict.error or "")


def test_forced_format(tree: Path) -> None:
    (forced,) = iter_results([str(tree / "sub" / "a.xml")], format="atom")
    assert forced.format == "atom" and len(forced.papers) == 3
    (wrong,) = iter_results([str(tree / "d.json")], format="atom")
    assert wrong.failed and "ParseError" in (wrong.error or "")
    (unknown,) = iter_results([str(tree / "sub" / "a.xml")], format="nope")
    assert unknown.failed and "unknown format" in (unknown.error or "")


def test_iter_papers_positions_and_sources(tree: Path) -> None:
    items = list(iter_papers([str(tree / "sub")]))
    assert [(Path(i.source).name, i.position) for i in items] == [
        ("a.xml", 1),
        ("a.xml", 2),
        ("a.xml", 3),
        ("c_cut.xml", 1),  # the complete part of the cut-off file
        ("b.xml.gz", 1),
        ("b.xml.gz", 2),
        ("b.xml.gz", 3),
    ]
    assert {i.format for i in items} == {"atom"}
    assert [str(i.paper.id) for i in items[:3]] == [
        "2401.01234v2",
        "hep-th/9901001v3",
        "0704.0001v1",
    ]


def test_results_are_lazy(tree: Path) -> None:
    results = iter_results([str(tree / "sub" / "a.xml"), str(tree / "later.xml")])
    first = next(results)
    assert not first.failed
    (tree / "later.xml").write_bytes(ATOM)  # created after the first file was read
    assert not next(results).failed


def test_expand_paths_passes_stdin_through(tree: Path) -> None:
    assert list(expand_paths(["-", str(tree / "d.json")])) == ["-", str(tree / "d.json")]


# -- sniffing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        ATOM,
        ATOM.decode("utf-8"),
        b"\xef\xbb\xbf" + ATOM,
        ATOM.decode("utf-8").encode("utf-16"),
        b"  \n<feed xmlns='http://www.w3.org/2005/Atom'/>",
        b"<atom:feed xmlns:atom='http://www.w3.org/2005/Atom'/>",
    ],
)
def test_sniff_recognizes_atom(data: bytes | str) -> None:
    assert sniff(data) == "atom"


@pytest.mark.parametrize(
    "data",
    [
        b'{"feed": []}',
        b'[{"id": "2301.00001"}]',
        b"<html><body>no</body></html>",
        b"",
    ],
)
def test_sniff_refuses_what_is_not_a_known_format(data: bytes) -> None:
    with pytest.raises(ParseError, match="cannot tell which format"):
        sniff(data)


def test_parse_reports_the_format_it_used() -> None:
    result = parse(ATOM)
    assert result.format == "atom"
    assert result.papers == parse_atom(ATOM).papers
    assert result.defects == ()
    with pytest.raises(ValueError, match="unknown format"):
        parse(ATOM, format="nope")


def test_fixture_files_sniff_as_atom() -> None:
    for path in sorted(FIXTURES.glob("*.xml")):
        assert sniff(path.read_bytes()) == "atom", path.name
