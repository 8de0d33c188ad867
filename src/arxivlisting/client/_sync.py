"""The blocking client: :class:`Client` on ``httpx.Client``.

>>> import httpx
>>> from arxivlisting import ArxivId, Paper
>>> from arxivlisting.client import Client, VirtualClock
>>> from arxivlisting.client.testing import mock_api
>>> papers = [Paper(id=ArxivId.parse(f"2401.{n:05d}v1"), title=f"P{n}") for n in range(1, 6)]
>>> clock = VirtualClock()
>>> client = Client(transport=mock_api(papers), clock=clock, page_size=2)
>>> results = client.search("cat:cs.CL")
>>> results.total, [p.title for p in results]
(5, ['P1', 'P2', 'P3', 'P4', 'P5'])
>>> client.stats.requests, clock.monotonic()     # 3 pages, 3 s apart on the clock
(3, 6.0)
>>> client.close()
"""

from __future__ import annotations

import datetime as _dt
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any, TypeVar

import httpx

from ..formats.abspage import AbsPage
from ..formats.listing import Listing
from ..formats.rss import RssFeed
from ..ids import ArxivId
from ..records import Paper
from ._api_steps import ids_steps, search_steps
from ._base import (
    ClientConfig,
    ClientPlumbing,
    Done,
    Endpoints,
    Event,
)
from ._cache import ResponseCache
from ._clock import Clock
from ._core import Raw, Send, Settings, Sleep, Steps, Wait
from ._gate import RateGate
from ._page_steps import abs_steps, get_steps, harvest_steps, listing_steps, rss_steps
from ._results import IdLookup
from ._retry import RetryPolicy
from ._streams import Harvest, ListingStream, SearchResults
from .query import Query, SortBy, SortOrder

__all__ = ["Client"]

T = TypeVar("T")


def _send(http: httpx.Client, request: httpx.Request, deadline: float) -> Raw | Exception:
    """One request, read to the end within ``deadline`` real seconds; errors returned."""
    try:
        response = http.send(request, stream=True)
        try:
            end = time.monotonic() + deadline
            parts: list[bytes] = []
            for chunk in response.iter_bytes():
                parts.append(chunk)
                if time.monotonic() > end:
                    raise httpx.ReadTimeout(
                        f"no complete response within {deadline:g} s", request=request
                    )
            return Raw(
                str(request.url),
                response.status_code,
                response.headers,
                b"".join(parts),
                response.num_bytes_downloaded,
            )
        finally:
            response.close()
    except (httpx.TransportError, httpx.DecodingError) as exc:
        return exc


def _drive(
    steps: Steps[Any], http: httpx.Client, settings: Settings, deadline: float
) -> Iterator[Event]:
    """Perform the effects of ``steps`` in this thread; pass outputs and the result on."""
    value: Any = None
    try:
        while True:
            try:
                effect = steps.send(value)
            except StopIteration as stop:
                yield Done(stop.value)
                return
            value = None
            if isinstance(effect, Send):
                value = _send(http, effect.request, deadline)
            elif isinstance(effect, Wait):
                value = settings.gate.wait(effect.host, effect.interval)
            elif isinstance(effect, Sleep):
                settings.clock.sleep(effect.seconds)
            else:
                yield effect
    finally:
        steps.close()


class Client(ClientPlumbing):
    """A polite, fault-tolerant blocking client for every arXiv interface.

    All requests go through one rate gate per process (``interval`` seconds between
    requests to each host, 3 by default, shared with every other client and thread
    on the same clock), have connect/read ``timeout``s and a ``request_deadline`` for
    the whole body, and are retried per :class:`RetryPolicy` with one budget per call.

    ``transport`` replaces the network (``httpx.MockTransport`` in tests); ``base_url``
    or ``endpoints`` point the client elsewhere; ``cache`` is a directory (or a
    :class:`ResponseCache`) to keep responses in; ``clock`` injects time; ``seed`` fixes
    the backoff jitter.

    >>> from arxivlisting.client import VirtualClock
    >>> from arxivlisting.client.testing import mock_api
    >>> with Client(transport=mock_api([]), clock=VirtualClock()) as client:
    ...     client.search("ti:nothing").total
    0
    """

    def __init__(
        self,
        *,
        timeout: httpx.Timeout | float | None = None,
        user_agent: str | None = None,
        interval: float = 3.0,
        intervals: Mapping[str, float] | None = None,
        gate: RateGate | None = None,
        clock: Clock | None = None,
        retry: RetryPolicy | None = None,
        cache: ResponseCache | str | os.PathLike[str] | None = None,
        cache_max_age: float | None = None,
        endpoints: Endpoints | None = None,
        base_url: str | None = None,
        transport: httpx.BaseTransport | None = None,
        page_size: int = 2000,
        max_url_length: int = 4000,
        request_deadline: float = 600.0,
        seed: int | None = None,
    ) -> None:
        self._config = ClientConfig(
            timeout=timeout,
            user_agent=user_agent,
            interval=interval,
            intervals=intervals,
            gate=gate,
            clock=clock,
            retry=retry,
            cache=cache,
            cache_max_age=cache_max_age,
            endpoints=endpoints,
            base_url=base_url,
            page_size=page_size,
            max_url_length=max_url_length,
            request_deadline=request_deadline,
            seed=seed,
        )
        self._http = httpx.Client(
            timeout=self._config.timeout, transport=transport, follow_redirects=False
        )

    # -- plumbing ----------------------------------------------------------------------

    def _events(self, steps: Steps[Any]) -> Iterator[Event]:
        return _drive(steps, self._http, self._config.settings, self._config.request_deadline)

    def _run(self, steps: Steps[T]) -> T:
        for event in self._events(steps):
            if isinstance(event, Done):
                value: T = event.value
                return value
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        """Close the connections (leaving a ``with`` block does it too).

        >>> Client().close()
        """
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- the API -------------------------------------------------------------------------

    def search(
        self,
        query: str | Query,
        *,
        max_results: int | None = None,
        sort_by: SortBy | str = SortBy.RELEVANCE,
        sort_order: SortOrder | str = SortOrder.DESCENDING,
        start: int = 0,
        id_list: Iterable[str | ArxivId] = (),
        page_size: int | None = None,
        retry: RetryPolicy | None = None,
    ) -> SearchResults:
        """Search the API; the first page is fetched now, the rest as you iterate.

        ``max_results`` None means every result (arXiv serves at most 30,000 of one
        query: beyond that :class:`ResultWindowExceeded` is raised once they are
        yielded). Pages hold ``page_size`` results (default the client's, 2,000).

        >>> from arxivlisting import ArxivId, Paper
        >>> from arxivlisting.client import VirtualClock
        >>> from arxivlisting.client.testing import mock_api
        >>> papers = [Paper(id=ArxivId.parse(f"2401.{n:05d}v1")) for n in range(1, 8)]
        >>> client = Client(transport=mock_api(papers), clock=VirtualClock())
        >>> r = client.search("all:x", max_results=4)
        >>> r.total, len(list(r)), r.stats.requests
        (7, 4, 1)
        """
        call = self._call(retry)
        steps = search_steps(
            call,
            self._config.endpoints.api,
            str(query),
            id_list=[str(i) for i in id_list],
            sort_by=SortBy(sort_by),
            sort_order=SortOrder(sort_order),
            start=start,
            max_results=max_results,
            page_size=page_size if page_size is not None else self._config.page_size,
        )
        return SearchResults(self._events(steps), call)

    def fetch_ids(
        self, ids: Iterable[str | ArxivId], *, retry: RetryPolicy | None = None
    ) -> IdLookup:
        """Look up papers by id, any number; answered in request order, unknown ids reported.

        >>> from arxivlisting import ArxivId, Paper
        >>> from arxivlisting.client import VirtualClock
        >>> from arxivlisting.client.testing import mock_api
        >>> papers = [Paper(id=ArxivId.parse(i)) for i in ("2401.00001v1", "2401.00001v2",
        ...                                                    "2401.00002v1")]
        >>> client = Client(transport=mock_api(papers), clock=VirtualClock())
        >>> found = client.fetch_ids(["2401.00002", "2401.00001v1", "2401.00009", "x"])
        >>> [str(p.id) for p in found.papers], found.missing, found.invalid
        (['2401.00002v1', '2401.00001v1'], (<ArxivId('2401.00009')>,), ('x',))
        """
        call = self._call(retry)
        steps = ids_steps(
            call, self._config.endpoints.api, ids, max_url_length=self._config.max_url_length
        )
        return self._run(steps)

    def fetch_paper(
        self, paper_id: str | ArxivId, *, retry: RetryPolicy | None = None
    ) -> Paper | None:
        """One paper by id, or None when arXiv does not know it.

        >>> from arxivlisting import ArxivId, Paper
        >>> from arxivlisting.client import VirtualClock
        >>> from arxivlisting.client.testing import mock_api
        >>> client = Client(transport=mock_api([Paper(id=ArxivId.parse("2401.00001v2"))]),
        ...                 clock=VirtualClock())
        >>> client.fetch_paper("arXiv:2401.00001").id, client.fetch_paper("2401.00001v1")
        (<ArxivId('2401.00001v2')>, None)
        """
        return self.fetch_ids([paper_id], retry=retry).get(paper_id)

    # -- listings, feeds, abs pages ---------------------------------------------------------

    def iter_listing(
        self,
        category: str,
        period: str = "new",
        *,
        show: int = 2000,
        retry: RetryPolicy | None = None,
    ) -> ListingStream:
        """The entries of ``/list/<category>/<period>``, following its paging to the end.

        ``period`` is ``new``, ``recent``, ``pastweek``, ``current``, ``YYYY`` or
        ``YYYY-MM``; ``show`` the page size (25 ... 2000).

        >>> import httpx
        >>> from arxivlisting.client import VirtualClock
        >>> page = (b"<html><div id='dlpage'><h1>Mathematics</h1>"
        ...         b"<p>No updates today.</p></div></html>")
        >>> answer = httpx.MockTransport(lambda r: httpx.Response(200, content=page))
        >>> client = Client(transport=answer, clock=VirtualClock())
        >>> items = client.iter_listing("math", "new")
        >>> list(items), items.first_page.no_updates
        ([], True)
        """
        call = self._call(retry)
        steps = listing_steps(call, self._config.endpoints.listing, category, period, show=show)
        return ListingStream(self._events(steps), call)

    def fetch_listing(
        self,
        category: str,
        period: str = "new",
        *,
        show: int = 2000,
        retry: RetryPolicy | None = None,
    ) -> tuple[Listing, ...]:
        """Every page of ``/list/<category>/<period>``, as parsed listings.

        >>> import httpx
        >>> from arxivlisting.client import VirtualClock
        >>> page = (b"<html><div id='dlpage'><h1>Physics</h1>"
        ...         b"<p>No updates today.</p></div></html>")
        >>> answer = httpx.MockTransport(lambda r: httpx.Response(200, content=page))
        >>> client = Client(transport=answer, clock=VirtualClock())
        >>> [p.name for p in client.fetch_listing("physics", "new")]
        ['Physics']
        """
        call = self._call(retry)
        steps = listing_steps(call, self._config.endpoints.listing, category, period, show=show)
        return self._run(steps)

    def fetch_rss(
        self,
        categories: str | Sequence[str],
        *,
        flavor: str = "rss",
        retry: RetryPolicy | None = None,
    ) -> RssFeed:
        """The announcement feed of one or more categories (``flavor`` ``rss`` or ``atom``).

        >>> import httpx
        >>> from arxivlisting.client import VirtualClock
        >>> xml = (b'<rss version="2.0"><channel><title>cs.CL updates on arXiv.org</title>'
        ...        b'</channel></rss>')
        >>> answer = httpx.MockTransport(lambda r: httpx.Response(200, content=xml))
        >>> client = Client(transport=answer, clock=VirtualClock())
        >>> client.fetch_rss(["cs.CL"]).title
        'cs.CL updates on arXiv.org'
        """
        call = self._call(retry)
        return self._run(rss_steps(call, self._config.endpoints.rss, categories, flavor=flavor))

    def fetch_abs(self, paper_id: str | ArxivId, *, retry: RetryPolicy | None = None) -> AbsPage:
        """The abstract page of a paper, parsed (a 404 raises :class:`ArxivHTTPError`).

        >>> import httpx
        >>> from arxivlisting.client import ArxivHTTPError, VirtualClock
        >>> answer = httpx.MockTransport(lambda r: httpx.Response(404))
        >>> client = Client(transport=answer, clock=VirtualClock())
        >>> try:
        ...     client.fetch_abs("2401.00001")
        ... except ArxivHTTPError as exc:
        ...     print(exc.status, exc.url)
        404 https://arxiv.org/abs/2401.00001
        """
        call = self._call(retry)
        return self._run(abs_steps(call, self._config.endpoints.abs, paper_id))

    # -- OAI-PMH ----------------------------------------------------------------------------

    def harvest(
        self,
        *,
        set_spec: str | None = None,
        from_date: str | _dt.date | None = None,
        until: str | _dt.date | None = None,
        metadata_prefix: str = "arXiv",
        on_bad_token: str = "restart",
        retry: RetryPolicy | None = None,
    ) -> Harvest:
        """Harvest ``ListRecords`` over OAI-PMH, following resumption tokens to the end.

        ``badResumptionToken`` restarts the harvest (records already yielded are skipped)
        unless ``on_bad_token="raise"``; see :func:`._page_steps.harvest_steps`.

        >>> import httpx
        >>> from arxivlisting.client import VirtualClock
        >>> xml = (b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>'
        ...        b'2024-01-01T00:00:00Z</responseDate><request>x</request>'
        ...        b'<error code="noRecordsMatch">none</error></OAI-PMH>')
        >>> answer = httpx.MockTransport(lambda r: httpx.Response(200, content=xml))
        >>> client = Client(transport=answer, clock=VirtualClock())
        >>> list(client.harvest(set_spec="cs", from_date="2024-01-01"))
        []
        """
        call = self._call(retry)
        steps = harvest_steps(
            call,
            self._config.endpoints.oai,
            metadata_prefix=metadata_prefix,
            set_spec=set_spec,
            from_date=from_date,
            until=until,
            on_bad_token=on_bad_token,
        )
        return Harvest(self._events(steps), call)

    def get(self, url: str, parse: Callable[[bytes], T], *, retry: RetryPolicy | None = None) -> T:
        """Any URL through the gate, retries and cache; ``parse`` makes the result.

        >>> import httpx
        >>> from arxivlisting.client import VirtualClock
        >>> answer = httpx.MockTransport(lambda r: httpx.Response(200, content=b"ok"))
        >>> client = Client(transport=answer, clock=VirtualClock())
        >>> client.get("https://arxiv.org/robots.txt", bytes.decode)
        'ok'
        """
        return self._run(get_steps(self._call(retry), url, parse))
