"""Benchmark: a 10,000-result search with our Client and with arxiv.py 4.x, same fake arXiv.

Run from the repository root (it takes some seconds; no network)::

    python benchmarks/bench_client.py
    python benchmarks/bench_client.py --results 4000   # a smaller search

Both clients search the fault-injecting fake arXiv of the test suite
(``tests/fakearxiv.py``: a real HTTP server on 127.0.0.1 serving Atom pages rendered
by ``render_atom``) under arXiv's real policy: one request per 3 seconds.

**How time is measured.** Both clients run on one :class:`VirtualClock`: a sleep
returns at once and moves the clock forward by what was asked. arxiv.py is made to use
it by replacing the ``time`` and ``datetime`` names in its module with shims whose
``sleep``/``now`` are the virtual clock's; our Client takes it as ``clock=``. So the
*policy time* printed - the seconds each client would have spent waiting (rate gate,
backoff, ``Retry-After``) - is exact and independent of this machine, and counts no
network or parsing time (the clock does not move while they run). *Requests* are
counted from the fake server's log. *Wall* is the real time the run took here (network
on localhost plus parsing, with no policy waits). A real run against arXiv takes about
policy + wall + arXiv's own response time.

Scenarios:

1. a plain 10,000-result search;
2. the same search while arXiv rate-limits: the server answers ``429`` with
   ``Retry-After: 30`` to every request for 30 seconds, starting at the third request
   (what arXiv does to a client that comes too fast);
3. the same search with an empty page at result 2,000 (arXiv's intermittent bug) and a
   burst of three ``503`` at result 6,000.

The "results" column counts what each client yielded before it finished or failed.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import arxiv  # noqa: E402

from arxivlisting.client import Client, VirtualClock  # noqa: E402
from fakearxiv import FakeArxiv  # noqa: E402


class Outcome:
    """What one run did."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.requests = 0
        self.policy = 0.0
        self.results = 0
        self.unique = 0
        self.wall = 0.0
        self.error: str | None = None

    def row(self) -> str:
        status = "complete" if self.error is None else f"FAILED: {self.error}"
        return (
            f"  {self.name:<22} {self.requests:>8} {self.policy:>14.1f} {self.results:>9} "
            f"{self.unique:>8} {self.wall:>8.2f}   {status}"
        )


def _patch_arxiv_time(clock: VirtualClock) -> Callable[[], None]:
    """Make arxiv.py sleep and read the time on ``clock``; returns the undo."""

    class VirtualDatetime(_dt.datetime):
        @classmethod
        def now(cls, tz: _dt.tzinfo | None = None) -> VirtualDatetime:  # type: ignore[override]
            return cls.fromtimestamp(clock.time(), tz)

    saved = arxiv.time, arxiv.datetime
    arxiv.time = types.SimpleNamespace(sleep=clock.sleep, struct_time=time.struct_time)  # type: ignore[attr-defined]
    arxiv.datetime = VirtualDatetime  # type: ignore[attr-defined,misc]

    def undo() -> None:
        arxiv.time, arxiv.datetime = saved  # type: ignore[attr-defined,misc]

    return undo


def run_ours(fake: FakeArxiv, clock: VirtualClock, n: int) -> Outcome:
    out = Outcome("arxivlisting Client")
    before = len(fake.log)
    ids: list[str] = []
    started = time.perf_counter()
    try:
        with Client(base_url=fake.url, clock=clock, interval=3.0, seed=0) as client:
            results = client.search("all:electron", max_results=n)
            for paper in results:
                ids.append(str(paper.id))
    except Exception as exc:  # a benchmark reports, it does not crash
        out.error = f"{type(exc).__name__}: {str(exc)[:70]}"
    out.results, out.unique = len(ids), len(set(ids))
    out.wall = time.perf_counter() - started
    out.requests = len(fake.log) - before
    out.policy = clock.slept
    return out


def run_arxiv_py(fake: FakeArxiv, clock: VirtualClock, n: int) -> Outcome:
    out = Outcome(f"arxiv.py {arxiv.__version__}")
    undo = _patch_arxiv_time(clock)
    before = len(fake.log)
    ids: list[str] = []
    started = time.perf_counter()
    try:
        client = arxiv.Client()  # its defaults: page_size=100, delay_seconds=3, num_retries=3
        client.query_url_format = f"{fake.url}/api/query?{{}}"
        for result in client.results(arxiv.Search(query="all:electron", max_results=n)):
            ids.append(result.entry_id)
    except Exception as exc:
        out.error = f"{type(exc).__name__}: {str(exc)[:70]}"
    finally:
        undo()
    out.results, out.unique = len(ids), len(set(ids))
    out.wall = time.perf_counter() - started
    out.requests = len(fake.log) - before
    out.policy = clock.slept
    return out


def rate_limit(fake: FakeArxiv, clock: VirtualClock) -> None:
    """429 + Retry-After: 30 for every request during 30 s, from the third one on."""
    seen = [0]
    until = [float("inf")]

    def limited(params: dict[str, str]) -> bool:
        seen[0] += 1
        if seen[0] == 3:
            until[0] = clock.monotonic() + 30.0
        return seen[0] >= 3 and clock.monotonic() < until[0]

    fake.fault("status", path="/api", status=429, retry_after="30", times=10**6, match=limited)


def flaky_pages(fake: FakeArxiv, clock: VirtualClock) -> None:
    """An empty page at result 2,000, a burst of three 503s at result 6,000."""
    fake.fault("empty", path="/api", match=lambda params: params.get("start") == "2000")
    fake.fault("status", path="/api", status=503, times=3, match=lambda p: p.get("start") == "6000")


SCENARIOS: list[tuple[str, Callable[[FakeArxiv, VirtualClock], None] | None]] = [
    ("plain search", None),
    ("arXiv rate-limits for 30 s (429, Retry-After: 30) from the 3rd request", rate_limit),
    ("an empty page at result 2,000, three 503s at result 6,000", flaky_pages),
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--results", type=int, default=10_000, help="results to fetch (10000)")
    args = ap.parse_args(argv)
    n = args.results
    print(f"A {n:,}-result search against the fake arXiv; policy: one request per 3 s.")
    print("Policy time is measured on a virtual clock (see the module docs).\n")
    clock0 = VirtualClock()
    with FakeArxiv(clock=clock0, papers=n) as fake:
        for start in range(0, n, 2000):  # render the pages each client asks for, up front,
            fake.search_page(start, 2000)  # so the server's rendering is not in the wall time
        for start in range(0, n, 100):
            fake.search_page(start, 100)
        for title, setup in SCENARIOS:
            print(f"Scenario: {title}")
            print(
                f"  {'client':<22} {'requests':>8} {'policy wait s':>14} {'results':>9} "
                f"{'unique':>8} {'wall s':>8}"
            )
            for runner in (run_ours, run_arxiv_py):
                clock = VirtualClock()
                fake.clock = clock
                fake.reset()
                if setup is not None:
                    setup(fake, clock)
                outcome = runner(fake, clock, n)
                print(outcome.row())
            print()
    print(
        "Requests: 10,000 results at arxiv.py's default page of 100 take 100 requests "
        "(99 gate waits of 3 s);\nours asks for pages of 2,000 (arXiv's maximum), 5 requests."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
