"""Time, injected: every wait of the client (rate gate, backoff, Retry-After) goes through a clock.

Network timeouts are real seconds (httpx measures them); everything the *policy*
decides - how long to wait before the next request - is measured and slept on a
:class:`Clock`, so tests and simulations can run the real 3-second policy fast.

>>> clock = ScaledClock(0.001)          # one clock second takes a millisecond
>>> start = clock.monotonic()
>>> clock.sleep(3.0)                    # 3 ms of real time
>>> clock.monotonic() - start >= 3.0
True
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Protocol, runtime_checkable

__all__ = ["Clock", "ScaledClock", "SystemClock", "VirtualClock"]


@runtime_checkable
class Clock(Protocol):
    """What the client needs of time: a monotonic reading, wall time, and two sleeps.

    ``monotonic()`` orders events and measures waits; ``time()`` is seconds since the
    epoch (to read ``Retry-After`` HTTP dates and cache ages); ``sleep`` blocks a thread
    and ``async_sleep`` suspends a task, both for clock seconds. Any object with these
    four methods will do.

    >>> all(isinstance(c, Clock) for c in (SystemClock(), ScaledClock(0.01), VirtualClock()))
    True
    """

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back."""
        ...  # pragma: no cover

    def time(self) -> float:
        """Seconds since the epoch (UTC)."""
        ...  # pragma: no cover

    def sleep(self, seconds: float) -> None:
        """Block the calling thread for ``seconds`` clock seconds."""
        ...  # pragma: no cover

    async def async_sleep(self, seconds: float) -> None:
        """Suspend the calling task for ``seconds`` clock seconds."""
        ...  # pragma: no cover


class SystemClock:
    """The real clock: :func:`time.monotonic`, :func:`time.time`, real sleeps.

    >>> c = SystemClock()
    >>> c.monotonic() <= c.monotonic()
    True
    """

    def monotonic(self) -> float:
        """:func:`time.monotonic`.

        >>> SystemClock().monotonic() > 0
        True
        """
        return time.monotonic()

    def time(self) -> float:
        """:func:`time.time`.

        >>> SystemClock().time() > 1_700_000_000
        True
        """
        return time.time()

    def sleep(self, seconds: float) -> None:
        """:func:`time.sleep` (nothing for a non-positive time).

        >>> SystemClock().sleep(0)
        """
        if seconds > 0:
            time.sleep(seconds)

    async def async_sleep(self, seconds: float) -> None:
        """:func:`asyncio.sleep` (still a scheduling point for a non-positive time).

        >>> asyncio.run(SystemClock().async_sleep(0))
        """
        await asyncio.sleep(max(seconds, 0.0))

    def __repr__(self) -> str:
        return "SystemClock()"


class ScaledClock:
    """Real time, scaled: ``scale`` real seconds pass per clock second.

    Every thread and task reading the same instance sees one consistent time line,
    so a fake server and several clients sharing it agree on when things happened
    (``ScaledClock(0.001)`` runs arXiv's 3-second policy in 3 ms per request). Work
    that takes real time (parsing, the network) is magnified by ``1 / scale`` in clock
    seconds: keep that in mind when reading durations.

    >>> clock = ScaledClock(0.01, epoch=1_000_000.0)
    >>> round(clock.time()) >= 1_000_000
    True
    """

    def __init__(self, scale: float, *, epoch: float | None = None) -> None:
        if not scale > 0:
            raise ValueError(f"scale must be positive, got {scale!r}")
        self.scale = scale
        self._origin = time.monotonic()
        self._epoch = time.time() if epoch is None else epoch

    def monotonic(self) -> float:
        """Clock seconds since this clock was made.

        >>> ScaledClock(0.001).monotonic() >= 0
        True
        """
        return (time.monotonic() - self._origin) / self.scale

    def time(self) -> float:
        """The epoch given at construction (default: the real time then) plus clock seconds.

        >>> ScaledClock(1.0, epoch=0.0).time() < 60
        True
        """
        return self._epoch + self.monotonic()

    def sleep(self, seconds: float) -> None:
        """Sleep ``seconds * scale`` real seconds.

        >>> ScaledClock(0.001).sleep(1.0)  # a millisecond
        """
        if seconds > 0:
            time.sleep(seconds * self.scale)

    async def async_sleep(self, seconds: float) -> None:
        """Suspend for ``seconds * scale`` real seconds.

        >>> asyncio.run(ScaledClock(0.001).async_sleep(1.0))
        """
        await asyncio.sleep(max(seconds, 0.0) * self.scale)

    def __repr__(self) -> str:
        return f"ScaledClock({self.scale!r})"


class VirtualClock:
    """A clock that only moves when someone sleeps on it: sleeps return at once.

    Made for single-threaded simulations and benchmarks: the clock reads the sum of
    the sleeps so far, so the policy time of a run is exactly ``monotonic()`` at its end
    and does not depend on how fast the machine is. With several threads sleeping at
    once their sleeps add up instead of overlapping: use :class:`ScaledClock` there.

    >>> clock = VirtualClock()
    >>> clock.sleep(3.0); clock.sleep(1.5)
    >>> clock.monotonic(), clock.slept
    (4.5, 4.5)
    """

    def __init__(self, *, start: float = 0.0, epoch: float = 1_700_000_000.0) -> None:
        self._now = start
        self._epoch = epoch
        self.slept = 0.0
        self._lock = threading.Lock()

    def monotonic(self) -> float:
        """Clock seconds so far.

        >>> VirtualClock(start=5.0).monotonic()
        5.0
        """
        return self._now

    def time(self) -> float:
        """``epoch`` (default 2023-11-14T22:13:20Z) plus clock seconds.

        >>> VirtualClock(start=1.0, epoch=100.0).time()
        101.0
        """
        return self._epoch + self._now

    def advance(self, seconds: float) -> None:
        """Move the clock forward without sleeping (simulated work).

        >>> c = VirtualClock(); c.advance(2.0); (c.monotonic(), c.slept)
        (2.0, 0.0)
        """
        with self._lock:
            self._now += max(seconds, 0.0)

    def sleep(self, seconds: float) -> None:
        """Move the clock forward by ``seconds`` and return at once.

        >>> c = VirtualClock(); c.sleep(3.0); c.monotonic()
        3.0
        """
        if seconds > 0:
            with self._lock:
                self._now += seconds
                self.slept += seconds

    async def async_sleep(self, seconds: float) -> None:
        """Move the clock forward by ``seconds``; still a scheduling point.

        >>> c = VirtualClock(); asyncio.run(c.async_sleep(3.0)); c.monotonic()
        3.0
        """
        self.sleep(seconds)
        await asyncio.sleep(0)

    def __repr__(self) -> str:
        return f"VirtualClock(now={self._now!r})"
