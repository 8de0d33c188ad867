"""The ``arxivlisting parse`` command, through ``cli.main`` and once as a subprocess."""

from __future__ import annotations

import gzip
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from arxivlisting import from_dict, parse_atom
from arxivlisting.cli import main
from arxivlisting.records import Paper
from arxivlisting.samples import sample_bytes
from conftest import SHARED, needs_shared

ATOM = sample_bytes("atom")
SUMMARY = re.compile(
    r"^(?P<files>\d+) files \((?P<formats>[^)]*)\), (?P<records>\d+) records, "
    r"(?P<failed>\d+) failed, defects: (?P<defects>[^;]*); [0-9.]+ s$"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict], str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, [json.loads(line) for line in out.splitlines() if line], err


def summary(err: str) -> dict[str, str]:
    match = SUMMARY.match(err.strip().splitlines()[-1])
    assert match is not None, err
    return match.groupdict()


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "a.xml").write_bytes(ATOM)
    (tmp_path / "b.xml.gz").write_bytes(gzip.compress(ATOM))
    (tmp_path / "notes.json").write_text('{"not": "a feed"}', encoding="utf-8")
    return tmp_path


def test_sample_atom(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, err = run(capsys, "parse", "--sample", "atom")
    assert status == 0
    assert [line["position"] for line in lines] == [1, 2, 3]
    assert {line["source"] for line in lines} == {"sample:atom"}
    assert {line["format"] for line in lines} == {"atom"}
    papers = [from_dict(line["record"], Paper) for line in lines]
    assert tuple(papers) == parse_atom(ATOM).papers
    assert err.strip() == "sample atom: format atom, 3 records, 0 defects"


def test_sample_pretty_and_quiet(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--sample", "atom", "--pretty", "-q"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("{\n  ")
    decoder = json.JSONDecoder()
    records, pos = [], 0
    while pos < len(out.rstrip()):
        obj, end = decoder.raw_decode(out, pos)
        records.append(obj)
        pos = end + 1
    assert [r["position"] for r in records] == [1, 2, 3]


def test_sample_with_a_wrong_forced_format_fails(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, err = run(capsys, "parse", "--sample", "atom", "--format", "digest")
    assert status == 1
    assert lines == []
    assert err.startswith("arxivlisting: ")


def test_paths_directory_continues_past_a_failing_file(
    capsys: pytest.CaptureFixture[str], files: Path
) -> None:
    status, lines, err = run(capsys, "parse", str(files))
    assert status == 1
    assert [(Path(x["source"]).name, x["position"]) for x in lines] == [
        ("a.xml", 1),
        ("a.xml", 2),
        ("a.xml", 3),
        ("b.xml.gz", 1),
        ("b.xml.gz", 2),
        ("b.xml.gz", 3),
    ]
    assert f"arxivlisting: {files / 'notes.json'}: ParseError: cannot tell which format" in err
    facts = summary(err)
    assert facts == {
        "files": "3",
        "formats": "atom 2",
        "records": "6",
        "failed": "1",
        "defects": "none",
    }


def test_glob_and_output_file(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    out = files / "out" / "papers.jsonl"
    out.parent.mkdir()
    status, lines, err = run(capsys, "parse", str(files / "*.xml*"), "-o", str(out))
    assert status == 0
    assert lines == []  # nothing on stdout
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(written) == 6
    assert summary(err)["files"] == "2"


def test_output_file_that_cannot_be_written(
    capsys: pytest.CaptureFixture[str], files: Path
) -> None:
    status, lines, err = run(capsys, "parse", str(files / "a.xml"), "-o", str(files / "no" / "x"))
    assert status == 2
    assert lines == []
    assert "cannot write" in err


def test_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, files: Path
) -> None:
    class FakeStdin:
        buffer = io.BytesIO(ATOM)

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    status, lines, err = run(capsys, "parse", "-")
    assert status == 0
    assert [x["source"] for x in lines] == ["-", "-", "-"]
    assert summary(err)["records"] == "3"


def test_strict_fails_a_file_with_a_defect(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "dup.xml"
    path.write_bytes(ATOM.replace(b"<title>0</title>", b"<title>0</title><title>1</title>"))
    status, lines, err = run(capsys, "parse", str(path))
    assert status == 0
    assert len(lines) == 3
    assert summary(err)["defects"] == "duplicate_field 1"
    status, lines, err = run(capsys, "parse", "--strict", str(path))
    assert status == 1
    assert lines == []
    assert "second <title>; the first is kept" in err
    assert summary(err)["failed"] == "1"


def test_forced_format(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    status, lines, _ = run(capsys, "parse", "--format", "atom", str(files / "a.xml"))
    assert status == 0 and len(lines) == 3
    status, lines, err = run(capsys, "parse", "--format", "atom", str(files / "notes.json"))
    assert status == 1 and lines == []
    assert "ParseError" in err


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    status, lines, err = run(capsys, "parse", "--format", "nope", str(files / "a.xml"))
    assert status == 2
    assert lines == []
    assert "unknown format 'nope'" in err and "auto" in err


def test_no_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "parse")
    assert status == 2
    assert "give PATHs or --sample" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    status, _, err = run(capsys, "parse", str(empty))
    assert status == 2
    assert "no input files" in err


def test_missing_file_is_a_failed_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "parse", str(tmp_path / "missing.xml"))
    assert status == 1
    assert "FileNotFoundError" in err


def test_unknown_sample_is_refused_by_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["parse", "--sample", "nope"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("arxivlisting ")


def test_python_dash_m_subprocess(tmp_path: Path) -> None:
    """The real entry point: ``python -m arxivlisting``, stdin and exit status included."""
    proc = subprocess.run(
        [sys.executable, "-m", "arxivlisting", "parse", "--sample", "atom"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [x["record"]["id"] for x in lines] == ["2401.01234v2", "hep-th/9901001v3", "0704.0001v1"]
    assert proc.stderr.strip() == "sample atom: format atom, 3 records, 0 defects"

    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    piped = subprocess.run(
        [sys.executable, "-m", "arxivlisting", "parse", "-", str(tmp_path / "bad.json")],
        input=gzip.compress(ATOM),
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert piped.returncode == 1
    assert len(piped.stdout.splitlines()) == 3
    assert SUMMARY.match(piped.stderr.decode().strip().splitlines()[-1])


KAGGLE_LINE = (
    '{"id":"2301.00001","submitter":null,"authors":"Zoë Ünïcode","title":"Titel",'
    '"comments":null,"journal-ref":null,"doi":null,"report-no":null,'
    '"categories":"cs.CL","license":null,"abstract":"  Text.\\n","versions":[],'
    '"update_date":"2023-01-02","authors_parsed":[["Ünïcode","Zoë",""]]}\n'
)


def test_kaggle_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Kaggle records keep their raw line as bytes; the JSON output holds it as text.
    path = tmp_path / "snapshot.json"
    path.write_bytes(KAGGLE_LINE.encode("utf-8") * 2)
    status, lines, err = run(capsys, "parse", str(path))
    assert status == 0, err
    assert [line["format"] for line in lines] == ["kaggle", "kaggle"]
    assert lines[0]["record"]["paper"]["authors"][0]["name"] == "Zoë Ünïcode"
    assert lines[0]["record"]["source"] == KAGGLE_LINE
    assert summary(err)["failed"] == "0"


@needs_shared
def test_every_real_file_is_read_or_refused_as_an_unknown_format(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The corpus holds notes, cassettes and test fixtures beside the data: those may be
    # refused as "cannot tell which format", but no file may fail any other way.
    status, lines, err = run(capsys, "parse", "-q", str(SHARED / "corpus"), str(SHARED / "seed"))
    failures = [line for line in err.splitlines() if line.startswith("arxivlisting: ")]
    assert failures
    assert all("ParseError: cannot tell which format" in line for line in failures), failures
    assert status == 1
    assert len(lines) > 4000
