"""The client's subcommands (search, fetch-listing, harvest) against the fake arXiv.

They are run through an argparse parser built with :func:`add_commands`, the way the
``arxivlisting`` command wires them in. ``--interval 0`` because the fake needs no
politeness (the commands otherwise run on the real clock).
"""

from __future__ import annotations

import argparse
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from arxivlisting import Paper, from_dict
from arxivlisting.client import ScaledClock
from arxivlisting.client.commands import add_commands, run
from fakearxiv import FakeArxiv


@pytest.fixture(scope="module")
def server() -> Iterator[FakeArxiv]:
    with FakeArxiv(clock=ScaledClock(0.001), papers=300) as fake:
        yield fake


@pytest.fixture
def fake(server: FakeArxiv) -> FakeArxiv:
    server.reset()
    return server


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="arxivlisting")
    add_commands(parser.add_subparsers(dest="command", required=True))
    code = run(parser.parse_args(argv))
    assert code is not None
    return code


def lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def test_search_writes_json_lines(fake: FakeArxiv, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["search", "cat:cs.CL", "--max", "25", "--base-url", fake.url, "--interval", "0"])
    out, err = capsys.readouterr()
    assert code == 0
    rows = lines(out)
    assert [r["position"] for r in rows] == list(range(1, 26))
    assert {r["format"] for r in rows} == {"atom"}
    first = from_dict(rows[0]["record"], Paper)  # type: ignore[arg-type]
    assert str(first.id) == "2401.00001v2"
    assert "25 papers (of 300 matching), 1 requests" in err
    assert fake.requests()[0].params["max_results"] == "25"


def test_search_to_a_file_with_progress(
    fake: FakeArxiv, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    out = tmp_path / "out.jsonl"
    argv = ["search", "all:x", "--max", "120", "-o", str(out), "--base-url", fake.url]
    assert main([*argv, "--interval", "0", "--sort", "submittedDate"]) == 0
    assert len(lines(out.read_text(encoding="utf-8"))) == 120
    assert "\r100/120 papers" in terminal.getvalue()
    assert fake.requests()[0].params["sortBy"] == "submittedDate"


def test_fetch_listing(fake: FakeArxiv, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["fetch-listing", "cs.CL", "--period", "2024-01", "--show", "50"]
    assert main([*argv, "--base-url", fake.url, "--interval", "0"]) == 0
    out, err = capsys.readouterr()
    rows = lines(out)
    assert len(rows) == 120
    assert rows[0]["source"] == "list/cs.CL/2024-01"
    assert rows[-1]["record"]["index"] == 120  # type: ignore[index]
    assert "120 entries on 3 pages" in err


def test_harvest(fake: FakeArxiv, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["harvest", "--set", "cs", "--from", "2024-01-01", "--until", "2024-01-31", "-q"]
    assert main([*argv, "--base-url", fake.url, "--interval", "0"]) == 0
    out, err = capsys.readouterr()
    rows = lines(out)
    assert len(rows) == 230
    assert rows[0]["record"]["header"]["identifier"] == "oai:arXiv.org:2401.00001"  # type: ignore[index]
    assert err == ""
    first = fake.requests("/oai2")[0].params
    assert (first["set"], first["from"], first["until"]) == ("cs", "2024-01-01", "2024-01-31")


def test_failures_exit_1_and_bad_arguments_exit_2(
    fake: FakeArxiv, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.fault("status", path="/api", status=503)
    argv = ["search", "all:x", "--retries", "0", "--base-url", fake.url, "--interval", "0"]
    assert main(argv) == 1
    assert "HTTP 503 from" in capsys.readouterr().err
    fake.fault("error400", path="/api")
    assert main(argv) == 1
    assert "arXiv API error start_must_be_non-negative" in capsys.readouterr().err
    bad = ["fetch-listing", "cs.CL", "--period", "yesterday", "--base-url", fake.url]
    assert main(bad) == 2
    assert "period" in capsys.readouterr().err
    assert main(["harvest", "--from", "1/2/2024", "--base-url", fake.url]) == 2


def test_run_leaves_other_commands_alone() -> None:
    assert run(argparse.Namespace(command="parse")) is None


def test_a_low_interval_against_arxiv_is_warned_about(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from arxivlisting.client import commands

    made: list[dict[str, object]] = []

    class NoClient:
        def __init__(self, **kwargs: object) -> None:
            made.append(kwargs)
            raise ValueError("stop here")

    monkeypatch.setattr(commands, "Client", NoClient)
    assert main(["search", "all:x", "--interval", "1"]) == 2
    assert "below the 3 s arXiv asks for" in capsys.readouterr().err
    assert made[0]["interval"] == 1.0
