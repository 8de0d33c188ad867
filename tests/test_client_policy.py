"""The client's policy pieces on their own: clocks, the rate gate, retries, the cache."""

from __future__ import annotations

import asyncio
import email.utils
import itertools
import random
import threading
import time
from pathlib import Path

import pytest

from arxivlisting.client import (
    ArxivHTTPError,
    RateGate,
    RateLimited,
    ResponseCache,
    RetryPolicy,
    ScaledClock,
    SystemClock,
    VirtualClock,
    parse_retry_after,
)
from arxivlisting.client._retry import Failure, RetryBudget

# -- clocks -----------------------------------------------------------------------------


def test_virtual_clock_moves_only_when_slept_or_advanced() -> None:
    clock = VirtualClock(start=10.0, epoch=1000.0)
    assert (clock.monotonic(), clock.time()) == (10.0, 1010.0)
    clock.sleep(2.5)
    clock.advance(1.0)
    clock.sleep(-3)  # nothing
    asyncio.run(clock.async_sleep(0.5))
    assert (clock.monotonic(), clock.slept) == (14.0, 3.0)


def test_scaled_clock_runs_clock_seconds_in_scaled_real_time() -> None:
    clock = ScaledClock(0.001, epoch=5000.0)
    real = time.monotonic()
    before = clock.monotonic()
    clock.sleep(20.0)  # 20 ms of real time
    asyncio.run(clock.async_sleep(20.0))
    assert clock.monotonic() - before >= 40.0
    assert time.monotonic() - real >= 0.04
    assert clock.time() >= 5040.0
    with pytest.raises(ValueError, match="positive"):
        ScaledClock(0)


def test_system_clock_is_the_real_one() -> None:
    clock = SystemClock()
    assert abs(clock.time() - time.time()) < 60  # hang guard only: the same clock
    clock.sleep(0)
    asyncio.run(clock.async_sleep(0))


# -- the rate gate ------------------------------------------------------------------------


def test_gate_spaces_slots_per_host_and_honours_defer() -> None:
    clock = VirtualClock()
    gate = RateGate(clock)
    assert [gate.reserve("a", 3.0) for _ in range(3)] == [0.0, 3.0, 6.0]
    assert gate.reserve("b", 3.0) == 0.0
    gate.defer("b", 10.0)
    gate.defer("b", 2.0)  # a shorter deferral does not shorten a longer one
    assert gate.reserve("b", 3.0) == 10.0


def test_gate_waits_and_reports_the_wait() -> None:
    clock = VirtualClock()
    passes: list[float] = []
    gate = RateGate(clock, on_pass=lambda host, t: passes.append(t))
    waits = [gate.wait("h", 3.0) for _ in range(4)]
    assert waits == [0.0, 3.0, 3.0, 3.0]
    assert passes == [0.0, 3.0, 6.0, 9.0]
    clock.advance(100.0)
    assert gate.wait("h", 3.0) == 0.0  # idle long enough: no wait


def test_shared_gate_is_one_per_clock() -> None:
    a, b = VirtualClock(), VirtualClock()
    assert RateGate.shared(a) is RateGate.shared(a)
    assert RateGate.shared(a) is not RateGate.shared(b)
    assert RateGate.shared() is RateGate.shared(SystemClock())


def test_gate_holds_across_threads_and_tasks() -> None:
    """8 threads and 8 asyncio tasks share one gate: no two passes closer than the interval."""
    clock = ScaledClock(0.001)
    passes: list[float] = []
    gate = RateGate(clock, on_pass=lambda host, t: passes.append(t))

    def thread_worker() -> None:
        for _ in range(3):
            gate.wait("export.arxiv.org", 3.0)

    async def task_worker() -> None:
        for _ in range(3):
            await gate.async_wait("export.arxiv.org", 3.0)

    async def tasks() -> None:
        await asyncio.gather(*(task_worker() for _ in range(8)))

    threads = [threading.Thread(target=thread_worker) for _ in range(8)]
    threads.append(threading.Thread(target=lambda: asyncio.run(tasks())))
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not any(t.is_alive() for t in threads)
    assert len(passes) == 48
    gaps = [b - a for a, b in itertools.pairwise(passes)]
    assert min(gaps) >= 3.0 - 1e-9


def test_gate_spacing_survives_a_blocked_event_loop() -> None:
    """Tasks woken late (the loop was blocked) still pass one interval apart."""
    clock = ScaledClock(0.001)
    passes: list[float] = []
    gate = RateGate(clock, on_pass=lambda host, t: passes.append(t))

    async def blocker() -> None:
        await gate.async_wait("h", 3.0)
        time.sleep(0.05)  # blocks the loop for 50 clock seconds: every slot below expires

    async def waiter() -> None:
        await gate.async_wait("h", 3.0)

    async def main() -> None:
        await asyncio.gather(blocker(), *(waiter() for _ in range(6)))

    asyncio.run(main())
    assert len(passes) == 7
    gaps = [b - a for a, b in itertools.pairwise(passes)]
    assert min(gaps) >= 3.0 - 1e-9


# -- Retry-After and backoff --------------------------------------------------------------


def test_retry_after_in_seconds_and_as_a_date() -> None:
    now = 1_700_000_000.0
    assert parse_retry_after("7", now) == 7.0
    assert parse_retry_after(" 2.5 ", now) == 2.5
    date = email.utils.formatdate(now + 42, usegmt=True)
    assert parse_retry_after(date, now) == 42.0
    past = email.utils.formatdate(now - 42, usegmt=True)
    assert parse_retry_after(past, now) == 0.0
    for junk in (None, "", "soon", "-3", "Mon, 99 Foo 2024"):
        assert parse_retry_after(junk, now) is None


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    policy = RetryPolicy(backoff_base=2.0, backoff_cap=30.0)
    rng = random.Random(1)
    for failures, ceiling in [(1, 2.0), (2, 4.0), (3, 8.0), (4, 16.0), (5, 30.0), (50, 30.0)]:
        waits = [policy.backoff(failures, rng) for _ in range(200)]
        assert all(ceiling / 2 <= w <= ceiling for w in waits)
        assert len(set(waits)) > 100  # jittered


def test_policy_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="negative"):
        RetryPolicy(max_retries=-1)
    with pytest.raises(ValueError, match="positive"):
        RetryPolicy(backoff_base=0)
    with pytest.raises(ValueError, match="at least 1"):
        RetryPolicy(min_page_size=0)


def test_budget_is_spent_by_count() -> None:
    budget = RetryBudget(RetryPolicy(max_retries=2), random.Random(0))
    fail = Failure("server", "HTTP 503 Service Unavailable", 503)
    budget.spend(fail, 1, "u")
    budget.spend(fail, 2, "u")
    with pytest.raises(ArxivHTTPError) as info:
        budget.spend(fail, 3, "u")
    assert info.value.status == 503
    assert info.value.attempts == 3
    assert "retry budget spent" in str(info.value)
    assert not isinstance(info.value, RateLimited)


def test_budget_is_spent_by_waiting_time() -> None:
    budget = RetryBudget(RetryPolicy(max_wait=10.0), random.Random(0))
    rate = Failure("rate", "HTTP 429 Too Many Requests", 429, retry_after=6.0)
    assert budget.spend(rate, 1, "u") == 6.0
    with pytest.raises(RateLimited) as info:
        budget.spend(rate, 2, "u")
    assert info.value.retry_after == 6.0
    assert "max_wait" in str(info.value)


def test_a_retry_after_beyond_the_limit_is_not_slept() -> None:
    budget = RetryBudget(RetryPolicy(max_retry_after=60.0), random.Random(0))
    with pytest.raises(RateLimited, match="more than max_retry_after"):
        budget.spend(Failure("rate", "HTTP 429", 429, retry_after=3600.0), 1, "u")
    assert budget.waited == 0.0


def test_a_transport_failure_is_the_cause() -> None:
    budget = RetryBudget(RetryPolicy(max_retries=0), random.Random(0))
    exc = ConnectionResetError("reset by peer")
    with pytest.raises(ArxivHTTPError) as info:
        budget.spend(Failure("transport", "reset", exception=exc), 1, "u")
    assert info.value.status is None
    assert info.value.__cause__ is exc
    assert str(info.value).startswith("request failed from u: reset")


# -- the cache ------------------------------------------------------------------------------


def test_cache_round_trip_age_and_discard(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "c", max_age=100.0)
    url = "https://export.arxiv.org/api/query?id_list=2401.00001"
    assert cache.get(url, now=0.0) is None
    cache.put(url, b"<feed/>", now=1000.0, content_type="application/atom+xml")
    hit = cache.get(url, now=1100.0)
    assert hit is not None
    assert (hit.url, hit.body, hit.fetched_at, hit.content_type) == (
        url,
        b"<feed/>",
        1000.0,
        "application/atom+xml",
    )
    assert cache.get(url, now=1100.1) is None  # too old
    assert ResponseCache(tmp_path / "c").get(url, now=1e12) is not None  # no max age
    cache.discard(url)
    cache.discard(url)  # twice is fine
    assert cache.get(url, now=1000.0) is None


def test_cache_ignores_damaged_entries(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    url = "https://arxiv.org/list/cs.CL/new"
    cache.put(url, b"0123456789", now=1.0)
    path = cache.path_for(url)
    path.write_bytes(path.read_bytes()[:-3])  # cut off: the size no longer matches
    assert cache.get(url, now=1.0) is None
    path.write_bytes(b"something else entirely")
    assert cache.get(url, now=1.0) is None
    cache.put(url, b"ok", now=1.0)
    cache.clear()
    assert cache.get(url, now=1.0) is None
    assert list(tmp_path.glob("*/*.resp")) == []
