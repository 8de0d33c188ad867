"""The clients against a fault-injecting fake arXiv on 127.0.0.1 (a real socket, real httpx).

Time runs on a :class:`ScaledClock` shared by the clients and the server, so arXiv's
real 3-second policy and the backoff run in milliseconds. Network timeouts are real
seconds (httpx measures them), set small here. Every call runs under a generous hang
guard: a call that does not return is a failure, whatever it would have returned.
"""

from __future__ import annotations

import asyncio
import email.utils
import itertools
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

import httpx
import pytest

from arxivlisting import ArxivApiError, ArxivId
from arxivlisting.client import (
    ArxivHTTPError,
    AsyncClient,
    Client,
    RateGate,
    RateLimited,
    RetryPolicy,
    ScaledClock,
)
from arxivlisting.formats.oai import OaiPmhError
from fakearxiv import FakeArxiv, http_date

T = TypeVar("T")
HANG_GUARD = 60.0  # real seconds: far beyond what any call here needs
TIMEOUT = httpx.Timeout(10.0)  # real seconds; tests of timeouts set their own


def bounded(call: Callable[[], T], seconds: float = HANG_GUARD) -> T:
    """Run ``call`` in a thread; fail if it has not returned (or raised) within ``seconds``."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"the call did not return within {seconds} s"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


@pytest.fixture(scope="module")
def clock() -> ScaledClock:
    return ScaledClock(0.001)  # 3 clock seconds take 3 ms


@pytest.fixture(scope="module")
def server(clock: ScaledClock) -> Iterator[FakeArxiv]:
    with FakeArxiv(clock=clock, papers=10_000) as fake:
        for start in range(0, 10_000, 2000):  # render the big pages once, up front
            fake.search_page(start, 2000)
        yield fake


@pytest.fixture
def fake(server: FakeArxiv) -> FakeArxiv:
    server.reset()
    return server


class Passes:
    """The times callers passed a gate (exact, on the gate's clock)."""

    def __init__(self, clock: ScaledClock) -> None:
        self.times: list[float] = []
        self.gate = RateGate(clock, on_pass=lambda host, t: self.times.append(t))

    def gaps(self) -> list[float]:
        return [b - a for a, b in itertools.pairwise(self.times)]


def make_client(fake: FakeArxiv, clock: ScaledClock, **kwargs: object) -> Client:
    kwargs.setdefault("timeout", TIMEOUT)
    kwargs.setdefault("seed", 0)
    return Client(base_url=fake.url, clock=clock, **kwargs)  # type: ignore[arg-type]


def starting_at(start: int) -> Callable[[dict[str, str]], bool]:
    return lambda params: params.get("start") == str(start)


# -- a large search ---------------------------------------------------------------------------


def test_ten_thousand_results_in_five_requests(fake: FakeArxiv, clock: ScaledClock) -> None:
    passes = Passes(clock)
    with make_client(fake, clock, gate=passes.gate) as client:
        results = bounded(lambda: client.search("cat:cs.CL"))
        papers = bounded(lambda: list(results))
    assert results.total == 10_000
    assert [p.id.number for p in papers if p.id] == list(range(1, 10_001))
    assert len(fake.requests("/api/query")) == 5 == results.stats.requests
    assert [r.params["max_results"] for r in fake.requests()] == ["2000"] * 5
    assert min(passes.gaps()) >= 3.0


def test_every_fault_during_a_search_is_survived(fake: FakeArxiv, clock: ScaledClock) -> None:
    """One search through 429s, a 503 burst, a timeout, a reset, cut and empty pages."""
    fake.fault("status", path="/api", status=429, retry_after="5", match=starting_at(0))
    fake.fault("status", path="/api", status=429, match=starting_at(0))
    fake.fault("status", path="/api", status=503, times=3, match=starting_at(2000))
    fake.fault("slow", path="/api", delay=2.0, match=starting_at(4000))
    fake.fault("reset", path="/api", match=starting_at(4000))
    fake.fault("truncate", path="/api", match=starting_at(6000))
    fake.fault("cut", path="/api", match=starting_at(6000))
    fake.fault("empty", path="/api", times=2, match=starting_at(8000))
    passes = Passes(clock)
    policy = RetryPolicy(max_retries=12, shrink_after=99)
    with make_client(fake, clock, gate=passes.gate, retry=policy, timeout=1.0) as client:
        results = bounded(lambda: client.search("all:electron"))
        papers = bounded(lambda: list(results))
    assert [p.id.number for p in papers if p.id] == list(range(1, 10_001))
    log = fake.requests("/api/query")
    assert [r.fault for r in log] == [
        "status",
        "status",
        None,
        "status",
        "status",
        "status",
        None,
        "slow",
        "reset",
        None,
        "truncate",
        "cut",
        None,
        "empty",
        "empty",
        None,
    ]
    assert results.stats.retries == 11
    assert min(passes.gaps()) >= 3.0
    assert passes.times[1] - passes.times[0] >= 5.0  # Retry-After: 5 honoured


def test_retry_after_as_an_http_date(fake: FakeArxiv, clock: ScaledClock) -> None:
    passes = Passes(clock)
    with make_client(fake, clock, gate=passes.gate) as client:
        date = http_date(clock, 300)  # 300 clock seconds ahead (0.3 s of real time)
        due = int(email.utils.parsedate_to_datetime(date).timestamp()) - (
            clock.time() - clock.monotonic()  # the clock's epoch
        )
        fake.fault("status", path="/api", status=503, retry_after=date)
        assert len(bounded(lambda: list(client.search("all:x", max_results=3)))) == 3
    assert passes.times[1] >= due - 1e-6  # not before the date arXiv named
    assert client.stats.backoff_wait == 0.0


def test_an_error_entry_is_raised_at_once(fake: FakeArxiv, clock: ScaledClock) -> None:
    fake.fault("error400", path="/api")
    with make_client(fake, clock) as client, pytest.raises(ArxivApiError) as info:
        bounded(lambda: client.search("all:x"))
    assert info.value.api_error.slug == "start_must_be_non-negative"
    assert len(fake.requests()) == 1


def test_a_spent_budget_is_a_clear_error(fake: FakeArxiv, clock: ScaledClock) -> None:
    fake.fault("status", path="/api", status=503, times=100)
    with make_client(fake, clock, retry=RetryPolicy(max_retries=3)) as client:
        with pytest.raises(ArxivHTTPError) as info:
            bounded(lambda: client.search("all:x"))
        assert (info.value.status, info.value.attempts) == (503, 4)
    fake.reset()
    fake.fault("status", path="/api", status=429, retry_after="2", times=100)
    with make_client(fake, clock, retry=RetryPolicy(max_retries=2)) as client:
        with pytest.raises(RateLimited) as limited:
            bounded(lambda: client.search("all:x"))
        assert limited.value.retry_after == 2.0
    assert len(fake.requests()) == 3


def test_a_server_that_never_answers_in_time(fake: FakeArxiv, clock: ScaledClock) -> None:
    fake.fault("slow", path="/api", delay=0.5, times=2)
    client = make_client(fake, clock, retry=RetryPolicy(max_retries=1), timeout=0.2)
    with client, pytest.raises(ArxivHTTPError) as info:
        bounded(lambda: client.search("all:x"))
    assert info.value.status is None
    assert isinstance(info.value.__cause__, httpx.TimeoutException)


def test_a_failing_page_shrinks(fake: FakeArxiv, clock: ScaledClock) -> None:
    fake.fault("reset", path="/api", times=3, match=lambda p: p.get("start") == "2000")
    with make_client(fake, clock, retry=RetryPolicy(shrink_after=2)) as client:
        papers = bounded(lambda: list(client.search("all:x", max_results=6000)))
    assert [p.id.number for p in papers if p.id] == list(range(1, 6001))
    sizes = [(r.params["start"], r.params["max_results"]) for r in fake.requests()]
    assert sizes[:5] == [
        ("0", "2000"),
        ("2000", "2000"),
        ("2000", "2000"),
        ("2000", "1000"),
        ("2000", "500"),
    ]


# -- id lists ------------------------------------------------------------------------------------


def test_id_lists_in_request_order_under_the_url_limit(fake: FakeArxiv, clock: ScaledClock) -> None:
    fake.max_url = 2500  # the fake answers 414 above this
    try:
        wanted = [f"2401.{n:05d}" for n in range(600, 0, -3)]  # 200 ids, descending
        wanted[10] = "2401.00011v1"  # a version that exists
        wanted[20] = "2401.00003v3"  # one that does not (paper 3 has one version)
        wanted[30] = "2402.00001"  # a paper the fake does not know
        with make_client(fake, clock, max_url_length=100_000) as client:
            found = bounded(lambda: client.fetch_ids(wanted))
    finally:
        fake.max_url = 8000
    assert [str(i) for i, _ in found.items] == wanted
    assert [str(m) for m in found.missing] == ["2401.00003v3", "2402.00001"]
    assert str(found["2401.00011v1"].id) == "2401.00011v1"
    latest = found["2401.00600"]
    assert latest.id is not None and latest.id.version == 1 + 600 % 3
    statuses = [len(r.params.get("id_list", "").split(",")) for r in fake.requests()]
    assert statuses[0] == 200  # tried whole, refused (414), then split to fit
    assert len(statuses) <= 6


# -- listings, feeds, abs pages, OAI-PMH -------------------------------------------------------


def test_listing_paging_with_faults(fake: FakeArxiv, clock: ScaledClock) -> None:
    fake.fault("empty", path="/list", match=lambda p: p.get("skip") == "50")
    fake.fault("cut", path="/list", match=lambda p: p.get("skip") == "100")
    fake.fault("status", path="/list", status=503, retry_after="1")
    with make_client(fake, clock) as client:
        stream = bounded(lambda: client.iter_listing("cs.CL", "2024-01", show=50))
        items = bounded(lambda: list(stream))
    assert [i.index for i in items] == list(range(1, 121))
    assert stream.first_page is not None and stream.first_page.total == 120
    skips = [r.params["skip"] for r in fake.requests("/list")]
    assert skips == ["0", "0", "50", "50", "100", "100"]


def test_oai_harvest_follows_tokens_and_restarts_on_a_bad_one(
    fake: FakeArxiv, clock: ScaledClock
) -> None:
    fake.fault("status", path="/oai2", status=503, retry_after="10")
    fake.fault("badtoken", path="/oai2", match=lambda p: p.get("resumptionToken") == "fake|200")
    fake.fault("truncate", path="/oai2", match=lambda p: "resumptionToken" not in p)
    with make_client(fake, clock) as client:
        harvest = bounded(lambda: client.harvest(set_spec="cs", from_date="2024-01-01"))
        records = bounded(lambda: list(harvest))
    assert harvest.complete_list_size == 230
    assert [r.header.identifier for r in records] == [
        f"oai:arXiv.org:2401.{n:05d}" for n in range(1, 231)
    ]
    tokens = [r.params.get("resumptionToken") for r in fake.requests("/oai2")]
    # 503, cut off, page one, two, three (bad token: restart), one (again), two, three.
    assert tokens == [None, None, None, "fake|100", "fake|200", None, "fake|100", "fake|200"]
    first = fake.requests("/oai2")[2].params
    assert (first["set"], first["from"], first["metadataPrefix"]) == ("cs", "2024-01-01", "arXiv")

    fake.reset()
    fake.fault("badtoken", path="/oai2", match=lambda p: p.get("resumptionToken") == "fake|100")
    with make_client(fake, clock) as client:
        harvest = bounded(lambda: client.harvest(set_spec="cs", on_bad_token="raise"))
        with pytest.raises(OaiPmhError, match="badResumptionToken"):
            bounded(lambda: list(harvest))


def test_rss_and_abs_pages(fake: FakeArxiv, clock: ScaledClock) -> None:
    fake.fault("reset", path="/rss")
    with make_client(fake, clock) as client:
        feed = bounded(lambda: client.fetch_rss(["cs.CL", "cs.LG"]))
        page = bounded(lambda: client.fetch_abs("2401.00042"))
        with pytest.raises(ArxivHTTPError) as info:
            bounded(lambda: client.fetch_abs(ArxivId.parse("2402.00001")))
    assert [str(i.paper.id) for i in feed.items] == ["2401.00001v1", "2401.00002v1", "2401.00003v1"]
    assert fake.requests("/rss")[0].path == "/rss/cs.CL+cs.LG"
    assert page.paper.title == "Synthetic paper 42"
    assert info.value.status == 404


# -- the async client ----------------------------------------------------------------------------


def test_async_search_with_faults(fake: FakeArxiv, clock: ScaledClock) -> None:
    fake.fault("status", path="/api", status=429, retry_after="3", match=starting_at(2000))
    fake.fault("reset", path="/api", match=starting_at(2000))
    fake.fault("empty", path="/api", match=starting_at(3000))

    async def main() -> tuple[int | None, list[int]]:
        async with AsyncClient(base_url=fake.url, clock=clock, timeout=TIMEOUT) as client:
            results = await client.search("all:x", max_results=5000)
            return results.total, [p.id.number async for p in results if p.id]

    total, numbers = asyncio.run(asyncio.wait_for(main(), HANG_GUARD))
    assert total == 10_000
    assert numbers == list(range(1, 5001))
    # 0; 2000 twice (429, reset: two failures, the page halves), 2000 (1,000 results);
    # 3000 (empty, retried), 3000 (the page grown back: the last 2,000).
    requests = [(r.params["start"], r.params["max_results"]) for r in fake.requests()]
    assert requests == [
        ("0", "2000"),
        ("2000", "2000"),
        ("2000", "2000"),
        ("2000", "1000"),
        ("3000", "2000"),
        ("3000", "2000"),
    ]


# -- one gate for the whole process ---------------------------------------------------------------


def test_the_gate_holds_across_four_threads_and_eight_tasks() -> None:
    """12 clients (4 threads, 8 asyncio tasks) share the process gate: arXiv sees 3 s gaps.

    The clients' passes through the gate are checked exactly. The arrivals the server
    logged are checked too, allowing half an interval for the time a request takes from
    the gate to the server's log inside one busy process (thread scheduling, the GIL); a
    gate per client, as in arxiv.py, would put arrivals milliseconds apart. A slower scale
    (3 clock seconds = 90 ms) keeps that allowance large in real time (45 ms).
    """
    scale = 0.03
    clock = ScaledClock(scale)
    slack = 1.5  # half the interval, in clock seconds
    passes = Passes(clock)
    with FakeArxiv(clock=clock, papers=300) as fake:
        clients = [
            Client(base_url=fake.url, clock=clock, gate=passes.gate, timeout=5.0) for _ in range(4)
        ]
        # Warm up: one request per thread client (first connections are slow to open).
        for client in clients:
            client.fetch_paper("2401.00001")
        mark = clock.monotonic()
        results: dict[str, list[int]] = {}

        def thread_worker(k: int) -> None:
            for round_ in range(2):
                start = 10 * k + 100 * round_
                found = clients[k].search("all:x", start=start, max_results=10)
                results[f"t{k}.{round_}"] = [p.id.number for p in found if p.id]

        async def task_worker(k: int, client: AsyncClient) -> None:
            for round_ in range(2):
                found = await client.fetch_ids([f"2401.{k + 1:05d}", f"2401.{k + 201:05d}"])
                results[f"a{k}.{round_}"] = [p.id.number for p in found.papers if p.id]

        async def tasks() -> None:
            aclients = [
                AsyncClient(base_url=fake.url, clock=clock, gate=passes.gate, timeout=5.0)
                for _ in range(8)
            ]
            for client in aclients:  # warm up these connections too
                await client.fetch_paper("2401.00001")
            barrier.wait()
            await asyncio.gather(*(task_worker(k, c) for k, c in enumerate(aclients)))
            for client in aclients:
                await client.aclose()

        barrier = threading.Barrier(2)

        def run_tasks() -> None:
            asyncio.run(tasks())

        def run_threads() -> None:
            barrier.wait()
            threads = [threading.Thread(target=thread_worker, args=(k,)) for k in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(HANG_GUARD)

        everyone = [threading.Thread(target=run_tasks), threading.Thread(target=run_threads)]
        for t in everyone:
            t.start()
        for t in everyone:
            t.join(HANG_GUARD)
        assert not any(t.is_alive() for t in everyone)
        for client in clients:
            client.close()
        arrivals = sorted(r.at for r in fake.log)

    for k in range(4):
        for round_ in range(2):
            start = 10 * k + 100 * round_
            assert results[f"t{k}.{round_}"] == list(range(start + 1, start + 11))
    for k in range(8):
        assert results[f"a{k}.0"] == results[f"a{k}.1"] == [k + 1, k + 201]
    assert len(arrivals) == len(passes.times) == 4 + 8 + 8 + 16
    assert min(passes.gaps()) >= 3.0  # exact: the gate itself
    measured = [t for t in arrivals if t >= mark]
    gaps = [b - a for a, b in itertools.pairwise(measured)]
    assert len(gaps) >= 23
    assert min(gaps) >= 3.0 - slack  # as the server saw it
