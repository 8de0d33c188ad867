"""Records the client returns besides the parsers' own: id lookups, search facts, counters."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import attrs

from ..ids import ArxivId
from ..records import Paper, as_tuple

__all__ = ["IdLookup", "SearchInfo", "Stats"]


@attrs.frozen
class IdLookup:
    """The answer to an id list, in the order the ids were asked for.

    ``items`` pairs each requested id (parsed; a repeated id is listed once, where it
    first appeared) with its paper, or None when arXiv did not return it - arXiv drops
    unknown ids from a list silently, so they are reported here as ``missing``. A
    versioned id matches only that version; an unversioned one the latest version
    arXiv returned. ``invalid`` holds the inputs that are no arXiv id at all (they are
    never sent: arXiv would refuse the whole list for one of them).

    >>> from arxivlisting import ArxivId, Paper
    >>> a, b = ArxivId.parse("2301.00001"), ArxivId.parse("2301.00002v2")
    >>> look = IdLookup(items=[(a, Paper(id=a.with_version(3))), (b, None)], invalid=["x"])
    >>> [str(p.id) for p in look.papers], look.missing, look.invalid
    (['2301.00001v3'], (<ArxivId('2301.00002v2')>,), ('x',))
    >>> look["2301.00001"].id
    <ArxivId('2301.00001v3')>
    """

    items: tuple[tuple[ArxivId, Paper | None], ...] = attrs.field(converter=as_tuple)
    invalid: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)

    @property
    def papers(self) -> tuple[Paper, ...]:
        """The papers found, in request order.

        >>> IdLookup(items=[]).papers
        ()
        """
        return tuple(p for _, p in self.items if p is not None)

    @property
    def missing(self) -> tuple[ArxivId, ...]:
        """Requested ids arXiv returned nothing for, in request order.

        >>> from arxivlisting import ArxivId
        >>> IdLookup(items=[(ArxivId.parse("2401.00001"), None)]).missing
        (<ArxivId('2401.00001')>,)
        """
        return tuple(i for i, p in self.items if p is None)

    def get(self, key: str | ArxivId) -> Paper | None:
        """The paper for a requested id (any spelling), or None when missing or not asked.

        >>> IdLookup(items=[]).get("2301.00001") is None
        True
        """
        wanted = key if isinstance(key, ArxivId) else ArxivId.try_parse(key)
        for requested, paper in self.items:
            if requested == wanted:
                return paper
        return None

    def __getitem__(self, key: str | ArxivId) -> Paper:
        paper = self.get(key)
        if paper is None:
            raise KeyError(key)
        return paper

    def __iter__(self) -> Iterator[Paper]:
        return iter(self.papers)

    def __len__(self) -> int:
        return len(self.papers)


@attrs.frozen
class SearchInfo:
    """What the first page of a search said: the query sent and ``opensearch:totalResults``.

    >>> SearchInfo("cat:cs.CL", 120).total
    120
    """

    query: str
    total: int | None
    first_url: str | None = None


@attrs.define
class Stats:
    """Counters of what a client (or one call) did; waits are clock seconds.

    ``gate_wait`` is time spent waiting for a rate-gate slot (including waits a
    ``Retry-After`` imposed on the host), ``backoff_wait`` time spent in exponential
    backoff. ``policy_wait`` is their sum: the time the politeness policy cost.

    >>> s = Stats()
    >>> s.add(requests=2, gate_wait=3.0)
    >>> s.requests, s.policy_wait
    (2, 3.0)
    """

    requests: int = 0
    retries: int = 0
    cache_hits: int = 0
    gate_wait: float = 0.0
    backoff_wait: float = 0.0
    bytes_received: int = 0
    _lock: threading.Lock = attrs.field(factory=threading.Lock, repr=False, eq=False)

    @property
    def policy_wait(self) -> float:
        """``gate_wait + backoff_wait``.

        >>> Stats(gate_wait=6.0, backoff_wait=1.5).policy_wait
        7.5
        """
        return self.gate_wait + self.backoff_wait

    def add(
        self,
        *,
        requests: int = 0,
        retries: int = 0,
        cache_hits: int = 0,
        gate_wait: float = 0.0,
        backoff_wait: float = 0.0,
        bytes_received: int = 0,
    ) -> None:
        """Add to the counters (thread-safe).

        >>> s = Stats(); s.add(retries=1, backoff_wait=2.0); (s.retries, s.backoff_wait)
        (1, 2.0)
        """
        with self._lock:
            self.requests += requests
            self.retries += retries
            self.cache_hits += cache_hits
            self.gate_wait += gate_wait
            self.backoff_wait += backoff_wait
            self.bytes_received += bytes_received

    def snapshot(self) -> Stats:
        """A copy that no longer changes.

        >>> s = Stats(requests=1); c = s.snapshot(); s.add(requests=1); c.requests
        1
        """
        with self._lock:
            return Stats(
                self.requests,
                self.retries,
                self.cache_hits,
                self.gate_wait,
                self.backoff_wait,
                self.bytes_received,
            )
