"""The scripts in examples/ run as a user would run them, and print what they promise.

Each script is started as a subprocess with this interpreter, in a temporary working
directory (so nothing they or hypothesis write lands in the repository).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from arxivlisting import Paper, from_dict, parse_atom, parse_digest
from arxivlisting.samples import sample_bytes
from conftest import CORPUS, api_files, needs_shared

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SAMPLE_IDS = ["2401.01234v2", "hep-th/9901001v3", "0704.0001v1"]


def run(script: str, *args: str, cwd: Path, stdin: bytes | None = None) -> tuple[str, str]:
    """Run ``examples/<script>`` with ``args``; return (stdout, stderr) after exit status 0."""
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=300,
        check=False,
    )
    stdout = proc.stdout.decode("utf-8")
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode == 0, f"{script} exited {proc.returncode}\n{stdout}\n{stderr}"
    return stdout, stderr


def test_every_example_is_tested() -> None:
    tested = {
        "parse_saved_response.py",
        "stream_harvest_to_jsonl.py",
        "build_and_render.py",
        "property_test_your_code.py",
        "digest_archive_to_csv.py",
    }
    assert {p.name for p in EXAMPLES.glob("*.py")} == tested


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.py")), ids=lambda p: p.name)
def test_examples_are_documented_scripts(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith('"""'), "a module docstring says what the script does"
    assert "def main(" in text
    assert 'if __name__ == "__main__":' in text


def test_parse_saved_response_defaults_to_the_sample(tmp_path: Path) -> None:
    out, _ = run("parse_saved_response.py", cwd=tmp_path)
    assert out.startswith("bundled sample:")
    for arxiv_id in SAMPLE_IDS:
        assert f"\n{arxiv_id}\n" in out
    assert "A Worked Example of Parsing arXiv Metadata" in out
    assert "author: Ada Example (University of Examples; Institute for Sample Data)" in out
    assert "author: Zoë Müller-Sample\n" in out
    assert "categories: cs.DL, cs.IR, 68P20" in out
    assert "  title: 0\n" in out
    assert out.rstrip().endswith("no defects")


def test_parse_saved_response_reads_a_file_and_prints_defects(tmp_path: Path) -> None:
    data = sample_bytes("atom").replace(
        b"<id>http://arxiv.org/abs/0704.0001v1</id>", b"<id>http://arxiv.org/abs/0704.0000v1</id>"
    )
    saved = tmp_path / "response.xml"
    saved.write_bytes(data)
    out, _ = run("parse_saved_response.py", str(saved), cwd=tmp_path)
    assert out.startswith(f"{saved}:")
    assert "(no usable id)" in out
    assert "1 defects:" in out
    assert "bad_id:" in out
    assert "http://arxiv.org/abs/0704.0000v1" in out


@needs_shared
def test_parse_saved_response_on_real_responses(tmp_path: Path) -> None:
    chosen = [
        p
        for p in api_files()
        if "error" in p.name or "empty" in p.name or p.name.startswith("api_2016_idlist")
    ]
    assert chosen, "expected the classic, error and empty responses in ../shared"
    for path in chosen:
        out, _ = run("parse_saved_response.py", str(path), cwd=tmp_path)
        feed = parse_atom(path.read_bytes())
        for paper in feed.papers:
            assert str(paper.id) in out
        for error in feed.errors:
            assert f"API error {error.slug}: {error.message}" in out
        summary = f"{len(feed.defects)} defects:" if feed.defects else "no defects"
        assert summary in out


def test_stream_to_stdout_defaults_to_the_sample(tmp_path: Path) -> None:
    out, err = run("stream_harvest_to_jsonl.py", cwd=tmp_path)
    lines = out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == SAMPLE_IDS
    expected = parse_atom(sample_bytes("atom")).papers
    assert tuple(from_dict(json.loads(line), Paper) for line in lines) == expected
    assert "bundled sample: wrote 3 papers" in err


def test_stream_writes_the_output_file(tmp_path: Path) -> None:
    source = tmp_path / "harvest.xml"
    source.write_bytes(sample_bytes("atom"))
    target = tmp_path / "papers.jsonl"
    out, err = run("stream_harvest_to_jsonl.py", str(source), str(target), cwd=tmp_path)
    assert out == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == SAMPLE_IDS
    assert "wrote 3 papers" in err
    assert "0 defects" in err


def test_stream_reads_standard_input(tmp_path: Path) -> None:
    out, _ = run("stream_harvest_to_jsonl.py", "-", cwd=tmp_path, stdin=sample_bytes("atom"))
    assert [json.loads(line)["id"] for line in out.splitlines()] == SAMPLE_IDS


def test_stream_reports_a_cut_off_file(tmp_path: Path) -> None:
    data = sample_bytes("atom")
    cut = tmp_path / "cut.xml"
    cut.write_bytes(data[: data.index(b"</entry>") + len(b"</entry>")])
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / "stream_harvest_to_jsonl.py"), str(cut)],
        cwd=tmp_path,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 1
    assert [json.loads(line)["id"] for line in proc.stdout.splitlines()] == SAMPLE_IDS[:1]
    assert b"truncated" in proc.stderr


def test_build_and_render(tmp_path: Path) -> None:
    out, _ = run("build_and_render.py", cwd=tmp_path)
    xml = out[: out.index("</feed>") + len("</feed>")]
    feed = parse_atom(xml.encode("utf-8"))
    assert feed.defects == ()
    assert str(feed.papers[0].id) == "2403.01234v2"
    assert "<id>http://arxiv.org/abs/2403.01234v2</id>" in out
    assert "round trip ok: 2403.01234v2" in out
    assert "updated (stored in UTC): 2024-04-10T07:00:00+00:00" in out


def test_property_test_your_code(tmp_path: Path) -> None:
    out, _ = run("property_test_your_code.py", cwd=tmp_path)
    for name in ("test_one_line", "test_names_the_paper", "test_first_author_leads"):
        assert f"ok  {name}: held for" in out
    assert "'Anonymous (n.d.). 0. arXiv (no identifier)'" in out


# -- digest_archive_to_csv.py -----------------------------------------------------------


def _table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_digest_table_of_the_sample(tmp_path: Path) -> None:
    out, err = run("digest_archive_to_csv.py", cwd=tmp_path)
    rows = _table(out)
    sample = parse_digest(sample_bytes("arxivdaily"))
    assert [r["id"] for r in rows] == [str(e.paper.id) for e in sample.entries]
    first, entry = rows[0], sample.entries[0]
    assert (first["dialect"], first["position"], first["title_zh"]) == (
        "arxivdaily",
        "1",
        entry.title_zh,
    )
    assert first["institutions"].split("; ")[0] == (
        f"{entry.institutions[0].name} ({entry.institutions[0].name_zh})"
    )
    assert first["score"] == str(entry.score)
    assert (first["title_lang"], first["abstract_lang"]) == ("en", "en")
    assert "1 files, 2 papers, 0 skipped" in err


def test_digest_table_skips_what_is_no_digest(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    (archive / "2026").mkdir(parents=True)
    (archive / "2026" / "day.txt").write_bytes(sample_bytes("arxivdaily"))
    (archive / "notes.txt").write_text("just some notes\n", encoding="utf-8")
    target = tmp_path / "papers.csv"
    proc = subprocess.run(
        [
            sys.executable,
            str(EXAMPLES / "digest_archive_to_csv.py"),
            str(archive),
            "-o",
            str(target),
        ],
        cwd=tmp_path,
        capture_output=True,
        timeout=300,
        check=False,
    )
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1, err
    assert "notes.txt: skipped: not a digest" in err
    assert "2 files, 2 papers, 1 skipped" in err
    rows = _table(target.read_text(encoding="utf-8"))
    assert {r["source"] for r in rows} == {str(archive / "2026" / "day.txt")}


@needs_shared
def test_digest_table_of_the_real_digests(tmp_path: Path) -> None:
    folder = CORPUS / "digest"
    files = [p for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "SOURCES.md"]
    target = tmp_path / "papers.csv"
    run("digest_archive_to_csv.py", *map(str, files), "-o", str(target), cwd=tmp_path)
    rows = _table(target.read_text(encoding="utf-8"))
    expected = sum(len(parse_digest(p.read_bytes()).entries) for p in files)
    assert len(rows) == expected > 2000
