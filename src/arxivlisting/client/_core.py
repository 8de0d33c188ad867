"""The client's logic, written once for both :class:`Client` and :class:`AsyncClient`.

Everything that decides - which request to send next, whether an answer is good,
whether to retry and how long to wait, how to page - is a plain generator that
*yields effects* and is sent their results: ``Wait`` (take a rate-gate slot), ``Send``
(one HTTP request; the answer or the transport exception comes back), ``Sleep``
(backoff), and the two outputs ``Header`` and ``Emit``. The sync and async clients are
thin drivers that perform the effects with ``httpx.Client``/``time.sleep`` or
``httpx.AsyncClient``/``asyncio.sleep``. So both behave identically, and the logic is
tested once.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Generator, Sequence
from http import HTTPStatus
from typing import Any, Protocol, TypeVar

import attrs
import httpx

from ..errors import Defect, DefectKind, ParseError
from ._cache import ResponseCache
from ._clock import Clock
from ._errors import ArxivHTTPError
from ._gate import RateGate
from ._results import Stats
from ._retry import Failure, RetryBudget, RetryPolicy, parse_retry_after

__all__ = [
    "RETRY_DEFECTS",
    "Call",
    "Emit",
    "Header",
    "Raw",
    "RetryBody",
    "Send",
    "Settings",
    "Sleep",
    "Steps",
    "Wait",
    "fetch",
    "parse_body",
]

T = TypeVar("T")


@attrs.frozen
class Wait:
    """Take the next rate-gate slot for ``host`` (the driver returns the seconds waited)."""

    host: str
    interval: float


@attrs.frozen
class Sleep:
    """Sleep ``seconds`` clock seconds (backoff)."""

    seconds: float


@attrs.frozen
class Send:
    """Send ``request``; the driver returns a :class:`Raw` or the transport exception."""

    request: httpx.Request


@attrs.frozen
class Header:
    """Output: what the first page of a paged call said (sent before any ``Emit``)."""

    value: Any


@attrs.frozen
class Emit:
    """Output: one item of a streamed result."""

    item: Any


Effect = Wait | Sleep | Send | Header | Emit
Steps = Generator[Effect, Any, T]


@attrs.frozen
class Raw:
    """A complete HTTP answer as the driver read it.

    ``downloaded`` counts the bytes on the wire (before content decoding), to compare
    with ``Content-Length``; None when unknown (a cached body).
    """

    url: str
    status: int
    headers: httpx.Headers
    content: bytes
    downloaded: int | None = None
    from_cache: bool = False


_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_MAX_REDIRECTS = 5


@attrs.frozen
class Settings:
    """Everything a call needs from its client (immutable, shared by the calls)."""

    gate: RateGate
    clock: Clock
    retry: RetryPolicy
    user_agent: str
    interval: float
    intervals: dict[str, float]
    cache: ResponseCache | None
    rng: random.Random
    stats: Stats

    def interval_for(self, host: str) -> float:
        """The spacing of requests to ``host`` (host with ``:port`` or without)."""
        if host in self.intervals:
            return self.intervals[host]
        return self.intervals.get(host.partition(":")[0], self.interval)

    def headers(self) -> dict[str, str]:
        """The headers every request carries."""
        return {"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"}

    def request(self, url: str, params: Sequence[tuple[str, str]] = ()) -> httpx.Request:
        """A GET request for ``url`` with the client's headers."""
        return httpx.Request("GET", url, params=list(params) or None, headers=self.headers())


class Call:
    """One public call: its settings, its one retry budget, and its counters."""

    def __init__(self, settings: Settings, retry: RetryPolicy | None = None) -> None:
        self.settings = settings
        self.policy = retry if retry is not None else settings.retry
        self.budget = RetryBudget(self.policy, settings.rng)
        self.stats = Stats()
        self.use_cache = settings.cache is not None

    def note(self, **counts: Any) -> None:
        """Count on this call and on its client."""
        self.stats.add(**counts)
        self.settings.stats.add(**counts)


class RetryBody(Exception):
    """Raised by an ``accept`` function: this 200 answer is not usable, ask again.

    ``kind`` is ``body`` (truncated, unparseable) or ``empty`` (an unexpected empty page).
    """

    def __init__(self, reason: str, kind: str = "body") -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


#: Defects of a parsed 200 answer that mean it was cut or garbled: fetch it again.
RETRY_DEFECTS = frozenset({DefectKind.TRUNCATED, DefectKind.SYNTAX})


class _Parsed(Protocol):
    @property
    def defects(self) -> tuple[Defect, ...]: ...


P = TypeVar("P", bound=_Parsed)


def parse_body(parse: Callable[[bytes], P], raw: Raw, what: str, noun: str) -> P:
    """``parse(raw.content)`` for an ``accept`` function: :class:`RetryBody` when the body
    is not ``what`` at all, or when it parsed with a truncated or syntax defect (a cut or
    garbled ``noun`` that a second request may bring whole)."""
    try:
        document = parse(raw.content)
    except ParseError as exc:
        raise RetryBody(f"not {what}: {exc.message}") from None
    for defect in document.defects:
        if defect.kind in RETRY_DEFECTS:
            raise RetryBody(f"{defect.kind.value} {noun}: {defect.message}")
    return document


def _host(request: httpx.Request) -> str:
    return request.url.netloc.decode("ascii")


def _short_body(raw: Raw) -> bool:
    """True when fewer bytes arrived than ``Content-Length`` announced."""
    declared = raw.headers.get("content-length")
    if declared is None:
        return False
    try:
        expected = int(declared)
    except ValueError:
        return False
    encoding = raw.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("", "identity"):
        return len(raw.content) < expected
    # Compressed: only the bytes on the wire compare (unknown for a pre-read body).
    return bool(raw.downloaded) and (raw.downloaded or 0) < expected


def _failure_for(raw: Raw, clock: Clock) -> Failure | None:
    """The retryable failure an HTTP status stands for, or None (not retryable)."""
    status = raw.status
    if status == 429:
        after = parse_retry_after(raw.headers.get("retry-after"), clock.time())
        return Failure("rate", "HTTP 429 Too Many Requests", status, after, raw.content[:2000])
    if status >= 500:
        after = parse_retry_after(raw.headers.get("retry-after"), clock.time())
        phrase = _phrase(status)
        return Failure("server", f"HTTP {status}{phrase}", status, after, raw.content[:2000])
    return None


def _phrase(status: int) -> str:
    try:
        return f" {HTTPStatus(status).phrase}"
    except ValueError:
        return ""


def fetch(
    call: Call,
    build: Callable[[], httpx.Request],
    accept: Callable[[Raw], T],
    *,
    refuse: Callable[[Raw], None] | None = None,
    on_retry: Callable[[Failure, int], None] | None = None,
    cacheable: Callable[[T], bool] | None = None,
) -> Steps[T]:
    """Get one document through the cache, the gate and the retry budget.

    ``build`` makes the request (called again after ``on_retry``, so a retry can ask
    for a smaller page). ``accept`` turns a 200 answer into the result, or raises
    :class:`RetryBody` to have it fetched again. ``refuse`` may raise a better error
    for a non-retryable status (the API's error entry) before the generic
    :class:`ArxivHTTPError`. ``cacheable`` says whether an accepted result may be cached.
    """
    settings = call.settings
    cache = settings.cache if call.use_cache else None
    request = build()
    failures = 0
    redirects = 0
    while True:
        url = str(request.url)
        if cache is not None and failures == 0:
            hit = cache.get(url, now=settings.clock.time())
            if hit is not None:
                raw = Raw(url, 200, httpx.Headers(), hit.body, None, from_cache=True)
                try:
                    value = accept(raw)
                except RetryBody:
                    cache.discard(url)
                else:
                    call.note(cache_hits=1)
                    return value
        host = _host(request)
        waited = yield Wait(host, settings.interval_for(host))
        call.note(gate_wait=float(waited or 0.0))
        outcome = yield Send(request)
        failure: Failure
        if isinstance(outcome, httpx.UnsupportedProtocol):  # a bad URL: retrying cannot help
            raise ArxivHTTPError(url, None, str(outcome)) from outcome
        if isinstance(outcome, BaseException):
            failure = Failure(
                "transport", f"{type(outcome).__name__}: {outcome}", exception=outcome
            )
            call.note(requests=1)
        else:
            raw = outcome
            call.note(requests=1, bytes_received=len(raw.content))
            if raw.status == 200:
                if _short_body(raw):
                    failure = Failure(
                        "body",
                        f"body of {raw.downloaded} bytes, shorter than its Content-Length "
                        f"{raw.headers.get('content-length')}",
                        200,
                    )
                else:
                    try:
                        value = accept(raw)
                    except RetryBody as retry:
                        failure = Failure(retry.kind, retry.reason, 200, body=raw.content[:2000])
                    else:
                        if cache is not None and (cacheable is None or cacheable(value)):
                            cache.put(
                                url,
                                raw.content,
                                now=settings.clock.time(),
                                content_type=raw.headers.get("content-type"),
                            )
                        return value
            elif raw.status in _REDIRECTS and "location" in raw.headers:
                redirects += 1
                if redirects > _MAX_REDIRECTS:
                    raise ArxivHTTPError(url, raw.status, "too many redirects", attempts=redirects)
                target = request.url.join(raw.headers["location"])
                request = httpx.Request("GET", target, headers=settings.headers())
                continue
            else:
                found = _failure_for(raw, settings.clock)
                if found is None:
                    if refuse is not None:
                        refuse(raw)
                    raise ArxivHTTPError(
                        url,
                        raw.status,
                        f"HTTP {raw.status}{_phrase(raw.status)}",
                        attempts=failures + 1,
                        body=raw.content[:2000],
                    )
                failure = found
        failures += 1
        delay = call.budget.spend(failure, failures, url)
        call.note(retries=1)
        if failure.retry_after is not None:
            # arXiv said when: hold every caller of this host back, not only this one.
            settings.gate.defer(host, delay)
        else:
            call.note(backoff_wait=delay)
            yield Sleep(delay)
        if on_retry is not None:
            on_retry(failure, failures)
        request = build()
        redirects = 0
