"""The rate gate: one request per interval to each arXiv host, for the whole process.

arXiv asks for one request every 3 seconds. arxiv.py keeps that spacing per client
object, so two clients (or two threads with one client each) send twice as fast.
Here every client of a process shares one :class:`RateGate` per clock (see
:meth:`RateGate.shared`), and every thread and asyncio task takes its turn from it:

1. a caller **reserves** the next free slot for the host while holding a lock (one
   comparison and one store): reservations are at least the interval apart and
   served first come, first served;
2. it **sleeps outside the lock** until its slot;
3. on waking it **passes** the gate under the lock only if the previous caller passed
   at least the interval ago - otherwise it sleeps the difference and checks again.

Step 3 is what makes the spacing hold for the requests actually sent, not only for
the slots: a thread or an event loop that was busy (a long parse, a blocking call)
wakes its sleepers late, and without the check several late sleepers would go at
once. With it, whatever the scheduling, two passes for a host are never closer than
the interval.

``defer`` pushes a host's next pass back, for everyone: that is how a ``Retry-After``
from arXiv reaches every caller, not just the one that was told.

>>> from arxivlisting.client import RateGate, VirtualClock
>>> gate = RateGate(VirtualClock())
>>> [gate.reserve("export.arxiv.org", 3.0) for _ in range(3)]
[0.0, 3.0, 6.0]
>>> gate.reserve("arxiv.org", 3.0)          # another host has its own slots
0.0
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import ClassVar

from ._clock import Clock, SystemClock

__all__ = ["RateGate"]

_SYSTEM = SystemClock()


class RateGate:
    """Slots per host on one clock; thread-safe and shared by sync and async callers.

    The interval is given by each caller (clients carry it as a setting, 3 s by
    default): a caller passes at least ``interval`` after the previous pass for that
    host, and not before any time a ``defer`` asked for. ``on_pass(host, time)`` is
    called (under the lock) each time a caller passes - for logging and tests.

    >>> from arxivlisting.client import VirtualClock
    >>> clock = VirtualClock()
    >>> passes = []
    >>> gate = RateGate(clock, on_pass=lambda host, t: passes.append(t))
    >>> gate.wait("h", 3.0), gate.wait("h", 3.0), passes
    (0.0, 3.0, [0.0, 3.0])
    """

    _shared: ClassVar[weakref.WeakKeyDictionary[object, RateGate]] = weakref.WeakKeyDictionary()
    _shared_system: ClassVar[RateGate | None] = None
    _shared_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        clock: Clock | None = None,
        *,
        on_pass: Callable[[str, float], None] | None = None,
    ) -> None:
        self.clock: Clock = clock if clock is not None else _SYSTEM
        self.on_pass = on_pass
        self._lock = threading.Lock()
        self._slot: dict[str, float] = {}
        self._passed: dict[str, float] = {}
        self._blocked: dict[str, float] = {}

    @classmethod
    def shared(cls, clock: Clock | None = None) -> RateGate:
        """The process-wide gate of ``clock`` (the system clock by default).

        Every client built without an explicit gate uses this one, so all of them
        - in every thread and task - take turns.

        >>> RateGate.shared() is RateGate.shared()
        True
        """
        with cls._shared_lock:
            if clock is None or isinstance(clock, SystemClock):
                if cls._shared_system is None:
                    cls._shared_system = RateGate(_SYSTEM)
                return cls._shared_system
            gate = cls._shared.get(clock)
            if gate is None:
                gate = cls._shared[clock] = RateGate(clock)
            return gate

    def _earliest(self, host: str, interval: float) -> float:
        """The first time the next caller may pass (lock held)."""
        earliest = float("-inf")
        passed = self._passed.get(host)
        if passed is not None:
            earliest = passed + interval
        blocked = self._blocked.get(host)
        if blocked is not None and blocked > earliest:
            earliest = blocked
        return earliest

    def reserve(self, host: str, interval: float) -> float:
        """Take the next free slot for ``host`` and return its clock time (no sleeping).

        >>> from arxivlisting.client import VirtualClock
        >>> gate = RateGate(VirtualClock())
        >>> gate.defer("h", 10.0)
        >>> gate.reserve("h", 3.0), gate.reserve("h", 3.0)
        (10.0, 13.0)
        """
        with self._lock:
            slot = max(self.clock.monotonic(), self._earliest(host, interval))
            last = self._slot.get(host)
            if last is not None and last + interval > slot:
                slot = last + interval
            self._slot[host] = slot
            return slot

    def _try_pass(self, host: str, interval: float) -> float:
        """Pass now and return 0, or return how long to wait before trying again."""
        with self._lock:
            now = self.clock.monotonic()
            earliest = self._earliest(host, interval)
            if now < earliest:
                return earliest - now
            self._passed[host] = now
            if self.on_pass is not None:
                self.on_pass(host, now)
            return 0.0

    def defer(self, host: str, seconds: float) -> None:
        """Let no request to ``host`` start within ``seconds`` from now (``Retry-After``).

        >>> from arxivlisting.client import VirtualClock
        >>> gate = RateGate(VirtualClock())
        >>> gate.defer("h", 5.0); gate.wait("h", 3.0)
        5.0
        """
        with self._lock:
            until = self.clock.monotonic() + max(seconds, 0.0)
            if until > self._blocked.get(host, float("-inf")):
                self._blocked[host] = until

    def wait(self, host: str, interval: float) -> float:
        """Take a slot, sleep (this thread) until it, pass; return the clock seconds waited.

        >>> from arxivlisting.client import VirtualClock
        >>> RateGate(VirtualClock()).wait("h", 3.0)
        0.0
        """
        clock = self.clock
        start = clock.monotonic()
        delay = self.reserve(host, interval) - start
        while True:
            if delay > 0:
                clock.sleep(delay)
            delay = self._try_pass(host, interval)
            if delay <= 0:
                return max(clock.monotonic() - start, 0.0)

    async def async_wait(self, host: str, interval: float) -> float:
        """Take a slot, suspend (this task) until it, pass; return the clock seconds waited.

        >>> import asyncio
        >>> from arxivlisting.client import VirtualClock
        >>> gate = RateGate(VirtualClock())
        >>> asyncio.run(gate.async_wait("h", 3.0)), asyncio.run(gate.async_wait("h", 3.0))
        (0.0, 3.0)
        """
        clock = self.clock
        start = clock.monotonic()
        delay = self.reserve(host, interval) - start
        while True:
            if delay > 0:
                await clock.async_sleep(delay)
            delay = self._try_pass(host, interval)
            if delay <= 0:
                return max(clock.monotonic() - start, 0.0)

    def __repr__(self) -> str:
        return f"RateGate({self.clock!r}, hosts={sorted(self._slot)})"
