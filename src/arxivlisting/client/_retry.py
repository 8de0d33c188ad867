"""Retries: what is retried, how long to wait, and the one budget each call spends.

Retried: HTTP 429, every 5xx, transport errors (connect/read timeouts, resets, a
connection closed mid-body), a body shorter than its ``Content-Length``, XML cut off
(the parser's ``truncated`` defect), a body that is no document at all, and unexpected
empty pages. Not retried: other 4xx (a 400 with the API's error entry is raised as
what it says), and anything the parsers reject for good.

The wait before a retry is the ``Retry-After`` arXiv sent (seconds or an HTTP date),
else exponential backoff with jitter: ``base * 2**(n-1)`` capped at ``cap``, of which a
random half is kept (``n`` counts consecutive failures of the same request).

A **call** (one ``search``, one ``fetch_ids``, one whole harvest...) gets one
:class:`RetryBudget`: at most ``max_retries`` retries and ``max_wait`` seconds of
waiting across all its requests. When it is spent the call raises
:class:`~arxivlisting.client.ArxivHTTPError` (:class:`~arxivlisting.client.RateLimited`
after a 429) - it never hangs and never returns a short result silently.

>>> policy = RetryPolicy(max_retries=3, backoff_base=2.0, backoff_cap=60.0)
>>> import random
>>> budget = RetryBudget(policy, random.Random(7))
>>> [round(budget.spend(Failure("server", "HTTP 503", status=503), n, "u"), 2) for n in (1, 2, 3)]
[1.32, 2.3, 6.6]
>>> budget.spend(Failure("server", "HTTP 503", status=503), 4, "u")
Traceback (most recent call last):
    ...
arxivlisting.client._errors.ArxivHTTPError: HTTP 503 from u: HTTP 503; retry budget spent: ...
"""

from __future__ import annotations

import email.utils
import math
import random

import attrs

from ._errors import ArxivHTTPError, RateLimited

__all__ = ["Failure", "RetryBudget", "RetryPolicy", "parse_retry_after"]


@attrs.frozen
class RetryPolicy:
    """How a call retries. Every figure is in clock seconds.

    ``max_retries`` and ``max_wait`` bound the whole call (all its pages), not each
    request. ``max_retry_after`` is the longest ``Retry-After`` obeyed: arXiv asking for
    more raises :class:`~arxivlisting.client.RateLimited` at once instead of sleeping.
    ``shrink_after`` consecutive failures of one page (not 429s or empty pages) halve
    the page size of a search (down to ``min_page_size``) before the next attempt; it
    doubles back after each page that succeeds.

    >>> RetryPolicy().max_retries, RetryPolicy(max_retries=0).max_retries
    (8, 0)
    """

    max_retries: int = 8
    max_wait: float = 600.0
    backoff_base: float = 2.0
    backoff_cap: float = 120.0
    max_retry_after: float = 600.0
    shrink_after: int = 2
    min_page_size: int = 100

    def __attrs_post_init__(self) -> None:
        if self.max_retries < 0 or self.max_wait < 0:
            raise ValueError("max_retries and max_wait cannot be negative")
        if self.backoff_base <= 0 or self.backoff_cap <= 0:
            raise ValueError("backoff_base and backoff_cap must be positive")
        if self.shrink_after < 1 or self.min_page_size < 1:
            raise ValueError("shrink_after and min_page_size must be at least 1")

    def backoff(self, failures: int, rng: random.Random) -> float:
        """The wait after ``failures`` consecutive failures (no ``Retry-After``): equal jitter.

        >>> p = RetryPolicy(backoff_base=2.0, backoff_cap=10.0)
        >>> all(1.0 <= p.backoff(1, random.Random(s)) <= 2.0 for s in range(50))
        True
        >>> all(5.0 <= p.backoff(9, random.Random(s)) <= 10.0 for s in range(50))
        True
        """
        ceiling = min(self.backoff_cap, self.backoff_base * 2.0 ** min(max(failures, 1) - 1, 60))
        return ceiling / 2 + rng.random() * ceiling / 2


@attrs.frozen
class Failure:
    """Why one attempt failed: ``kind`` is ``rate``, ``server``, ``transport``, ``body``
    (truncated or unparseable) or ``empty`` (an unexpected empty page).

    >>> Failure("rate", "HTTP 429", status=429, retry_after=3.0).retry_after
    3.0
    """

    kind: str
    reason: str
    status: int | None = None
    retry_after: float | None = None
    body: bytes | None = None
    exception: BaseException | None = attrs.field(default=None, eq=False)


class RetryBudget:
    """The retries and waiting one call may still spend (not thread-safe: one per call).

    >>> b = RetryBudget(RetryPolicy(max_retries=1), random.Random(0))
    >>> b.spend(Failure("rate", "HTTP 429", status=429, retry_after=5.0), 1, "u")
    5.0
    >>> b.retries, b.waited
    (1, 5.0)
    """

    def __init__(self, policy: RetryPolicy, rng: random.Random) -> None:
        self.policy = policy
        self.rng = rng
        self.retries = 0
        self.waited = 0.0

    def spend(self, failure: Failure, failures: int, url: str) -> float:
        """Account for one more retry after ``failure`` and return the wait before it.

        ``failures`` is the number of consecutive failed attempts of this request so far.
        Raises :class:`~arxivlisting.client.ArxivHTTPError` (or ``RateLimited``) when the
        retry would exceed the budget.

        >>> b = RetryBudget(RetryPolicy(), random.Random(0))
        >>> 1.0 <= b.spend(Failure("transport", "ReadTimeout"), 1, "u") <= 2.0
        True
        """
        policy = self.policy
        attempts = failures
        if self.retries >= policy.max_retries:
            raise _give_up(failure, url, attempts, f"retry budget spent: {self.retries} retries")
        if failure.retry_after is not None:
            delay = failure.retry_after
            if delay > policy.max_retry_after:
                raise _give_up(
                    failure,
                    url,
                    attempts,
                    f"arXiv asked to wait {delay:g} s, more than max_retry_after "
                    f"({policy.max_retry_after:g} s)",
                )
        else:
            delay = policy.backoff(failures, self.rng)
        if self.waited + delay > policy.max_wait:
            raise _give_up(
                failure,
                url,
                attempts,
                f"retry budget spent: waiting {delay:.3g} s more would exceed max_wait "
                f"({policy.max_wait:g} s)",
            )
        self.retries += 1
        self.waited += delay
        return delay


def _give_up(failure: Failure, url: str, attempts: int, why: str) -> ArxivHTTPError:
    reason = f"{failure.reason}; {why}"
    error: ArxivHTTPError
    if failure.kind == "rate":
        error = RateLimited(
            url,
            failure.status,
            reason,
            attempts=attempts,
            retry_after=failure.retry_after,
            body=failure.body,
        )
    else:
        error = ArxivHTTPError(url, failure.status, reason, attempts=attempts, body=failure.body)
    if failure.exception is not None:
        error.__cause__ = failure.exception
    return error


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date.

    ``now`` is the current wall time (epoch seconds) to measure a date against. A date
    in the past is 0; text that is neither form is None (fall back to backoff).

    >>> parse_retry_after("120", 0.0)
    120.0
    >>> parse_retry_after("Thu, 01 Jan 1970 00:01:00 GMT", 30.0)
    30.0
    >>> parse_retry_after("soon", 0.0) is None
    True
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isascii() and text.replace(".", "", 1).isdigit():
        seconds = float(text)
        return seconds if math.isfinite(seconds) else None
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:  # pragma: no cover - older Pythons returned None
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - now)
