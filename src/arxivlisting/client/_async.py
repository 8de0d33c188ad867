"""The asyncio client: :class:`AsyncClient` on ``httpx.AsyncClient``.

The same calls as :class:`~arxivlisting.client.Client`, awaited; paged calls return
async iterators whose first page is already fetched. Both clients run the same logic
(see :mod:`._core`) and share the process-wide rate gate, so threads and tasks together
never exceed the interval.

>>> import asyncio
>>> from arxivlisting import ArxivId, Paper
>>> from arxivlisting.client import AsyncClient, VirtualClock
>>> from arxivlisting.client.testing import mock_api
>>> papers = [Paper(id=ArxivId.parse(f"2401.{n:05d}v1"), title=f"P{n}") for n in range(1, 6)]
>>> async def main():
...     async with AsyncClient(transport=mock_api(papers), clock=VirtualClock(),
...                            page_size=2) as client:
...         results = await client.search("cat:cs.CL")
...         return results.total, [p.title async for p in results], client.stats.requests
>>> asyncio.run(main())
(5, ['P1', 'P2', 'P3', 'P4', 'P5'], 3)
"""

from __future__ import annotations

import datetime as _dt
import os
import time
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
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
from ._core import Call, Raw, Send, Settings, Sleep, Steps, Wait
from ._gate import RateGate
from ._page_steps import abs_steps, get_steps, harvest_steps, listing_steps, rss_steps
from ._results import IdLookup
from ._retry import RetryPolicy
from ._streams import AsyncHarvest, AsyncListingStream, AsyncResultStream, AsyncSearchResults
from .query import Query, SortBy, SortOrder

__all__ = ["AsyncClient"]

T = TypeVar("T")


async def _send(
    http: httpx.AsyncClient, request: httpx.Request, deadline: float
) -> Raw | Exception:
    """One request, read to the end within ``deadline`` real seconds; errors returned."""
    try:
        response = await http.send(request, stream=True)
        try:
            end = time.monotonic() + deadline
            parts: list[bytes] = []
            async for chunk in response.aiter_bytes():
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
            await response.aclose()
    except (httpx.TransportError, httpx.DecodingError) as exc:
        return exc


async def _drive(
    steps: Steps[Any], http: httpx.AsyncClient, settings: Settings, deadline: float
) -> AsyncIterator[Event]:
    """Perform the effects of ``steps`` in this task; pass outputs and the result on."""
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
                value = await _send(http, effect.request, deadline)
            elif isinstance(effect, Wait):
                value = await settings.gate.async_wait(effect.host, effect.interval)
            elif isinstance(effect, Sleep):
                await settings.clock.async_sleep(effect.seconds)
            else:
                yield effect
    finally:
        steps.close()


S = TypeVar("S", bound=AsyncResultStream[Any, Any])


class AsyncClient(ClientPlumbing):
    """The asyncio twin of :class:`~arxivlisting.client.Client` (same arguments, same calls).

    >>> import asyncio
    >>> from arxivlisting.client import VirtualClock
    >>> from arxivlisting.client.testing import mock_api
    >>> async def main():
    ...     async with AsyncClient(transport=mock_api([]), clock=VirtualClock()) as client:
    ...         return (await client.search("ti:nothing")).total
    >>> asyncio.run(main())
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
        transport: httpx.AsyncBaseTransport | None = None,
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
        self._http = httpx.AsyncClient(
            timeout=self._config.timeout, transport=transport, follow_redirects=False
        )

    # -- plumbing ----------------------------------------------------------------------

    def _events(self, steps: Steps[Any]) -> AsyncIterator[Event]:
        return _drive(steps, self._http, self._config.settings, self._config.request_deadline)

    async def _run(self, steps: Steps[T]) -> T:
        events = self._events(steps)
        try:
            async for event in events:
                if isinstance(event, Done):
                    value: T = event.value
                    return value
        finally:
            await events.aclose()  # type: ignore[attr-defined]
        raise AssertionError("unreachable")  # pragma: no cover

    async def _stream(self, cls: type[S], steps: Steps[Any], call: Call) -> S:
        stream = cls(self._events(steps), call)
        await stream._prime()
        return stream

    async def aclose(self) -> None:
        """Close the connections (leaving an ``async with`` block does it too).

        >>> import asyncio
        >>> asyncio.run(AsyncClient().aclose())
        """
        await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    # -- the API -------------------------------------------------------------------------

    async def search(
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
    ) -> AsyncSearchResults:
        """Search the API (see :meth:`Client.search`); iterate the result with ``async for``.

        >>> import asyncio
        >>> from arxivlisting import ArxivId, Paper
        >>> from arxivlisting.client import VirtualClock
        >>> from arxivlisting.client.testing import mock_api
        >>> papers = [Paper(id=ArxivId.parse(f"2401.{n:05d}v1")) for n in range(1, 8)]
        >>> async def main():
        ...     client = AsyncClient(transport=mock_api(papers), clock=VirtualClock())
        ...     r = await client.search("all:x", max_results=4)
        ...     return r.total, len([p async for p in r])
        >>> asyncio.run(main())
        (7, 4)
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
        return await self._stream(AsyncSearchResults, steps, call)

    async def fetch_ids(
        self, ids: Iterable[str | ArxivId], *, retry: RetryPolicy | None = None
    ) -> IdLookup:
        """Look up papers by id (see :meth:`Client.fetch_ids`).

        >>> import asyncio
        >>> from arxivlisting import ArxivId, Paper
        >>> from arxivlisting.client import VirtualClock
        >>> from arxivlisting.client.testing import mock_api
        >>> client = AsyncClient(transport=mock_api([Paper(id=ArxivId.parse("2401.00001v1"))]),
        ...                      clock=VirtualClock())
        >>> asyncio.run(client.fetch_ids(["2401.00003", "2401.00001"])).missing
        (<ArxivId('2401.00003')>,)
        """
        call = self._call(retry)
        steps = ids_steps(
            call, self._config.endpoints.api, ids, max_url_length=self._config.max_url_length
        )
        return await self._run(steps)

    async def fetch_paper(
        self, paper_id: str | ArxivId, *, retry: RetryPolicy | None = None
    ) -> Paper | None:
        """One paper by id, or None when arXiv does not know it.

        >>> import asyncio
        >>> from arxivlisting.client import VirtualClock
        >>> from arxivlisting.client.testing import mock_api
        >>> client = AsyncClient(transport=mock_api([]), clock=VirtualClock())
        >>> asyncio.run(client.fetch_paper("2401.00001")) is None
        True
        """
        return (await self.fetch_ids([paper_id], retry=retry)).get(paper_id)

    # -- listings, feeds, abs pages ---------------------------------------------------------

    async def iter_listing(
        self,
        category: str,
        period: str = "new",
        *,
        show: int = 2000,
        retry: RetryPolicy | None = None,
    ) -> AsyncListingStream:
        """The entries of ``/list/<category>/<period>`` across its pages (async).

        >>> import asyncio, httpx
        >>> from arxivlisting.client import VirtualClock
        >>> page = (b"<html><div id='dlpage'><h1>Mathematics</h1>"
        ...         b"<p>No updates today.</p></div></html>")
        >>> async def main():
        ...     client = AsyncClient(clock=VirtualClock(), transport=httpx.MockTransport(
        ...         lambda r: httpx.Response(200, content=page)))
        ...     items = await client.iter_listing("math")
        ...     return [i async for i in items], items.first_page.no_updates
        >>> asyncio.run(main())
        ([], True)
        """
        call = self._call(retry)
        steps = listing_steps(call, self._config.endpoints.listing, category, period, show=show)
        return await self._stream(AsyncListingStream, steps, call)

    async def fetch_listing(
        self,
        category: str,
        period: str = "new",
        *,
        show: int = 2000,
        retry: RetryPolicy | None = None,
    ) -> tuple[Listing, ...]:
        """Every page of ``/list/<category>/<period>``, parsed.

        >>> import asyncio, httpx
        >>> from arxivlisting.client import VirtualClock
        >>> page = (b"<html><div id='dlpage'><h1>Physics</h1>"
        ...         b"<p>No updates today.</p></div></html>")
        >>> client = AsyncClient(clock=VirtualClock(), transport=httpx.MockTransport(
        ...     lambda r: httpx.Response(200, content=page)))
        >>> [p.name for p in asyncio.run(client.fetch_listing("physics"))]
        ['Physics']
        """
        call = self._call(retry)
        steps = listing_steps(call, self._config.endpoints.listing, category, period, show=show)
        return await self._run(steps)

    async def fetch_rss(
        self,
        categories: str | Sequence[str],
        *,
        flavor: str = "rss",
        retry: RetryPolicy | None = None,
    ) -> RssFeed:
        """The announcement feed of one or more categories.

        >>> import asyncio, httpx
        >>> from arxivlisting.client import VirtualClock
        >>> xml = (b'<rss version="2.0"><channel><title>math updates on arXiv.org</title>'
        ...        b'</channel></rss>')
        >>> client = AsyncClient(clock=VirtualClock(), transport=httpx.MockTransport(
        ...     lambda r: httpx.Response(200, content=xml)))
        >>> asyncio.run(client.fetch_rss("math")).items
        ()
        """
        call = self._call(retry)
        steps = rss_steps(call, self._config.endpoints.rss, categories, flavor=flavor)
        return await self._run(steps)

    async def fetch_abs(
        self, paper_id: str | ArxivId, *, retry: RetryPolicy | None = None
    ) -> AbsPage:
        """The abstract page of a paper, parsed.

        >>> import asyncio, httpx
        >>> from arxivlisting.client import ArxivHTTPError, VirtualClock
        >>> client = AsyncClient(clock=VirtualClock(), transport=httpx.MockTransport(
        ...     lambda r: httpx.Response(410)))
        >>> try:
        ...     asyncio.run(client.fetch_abs("2401.00001"))
        ... except ArxivHTTPError as exc:
        ...     print(exc.status)
        410
        """
        call = self._call(retry)
        return await self._run(abs_steps(call, self._config.endpoints.abs, paper_id))

    # -- OAI-PMH ----------------------------------------------------------------------------

    async def harvest(
        self,
        *,
        set_spec: str | None = None,
        from_date: str | _dt.date | None = None,
        until: str | _dt.date | None = None,
        metadata_prefix: str = "arXiv",
        on_bad_token: str = "restart",
        retry: RetryPolicy | None = None,
    ) -> AsyncHarvest:
        """Harvest ``ListRecords`` over OAI-PMH (see :meth:`Client.harvest`).

        >>> import asyncio, httpx
        >>> from arxivlisting.client import VirtualClock
        >>> xml = (b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>'
        ...        b'2024-01-01T00:00:00Z</responseDate><request>x</request>'
        ...        b'<error code="noRecordsMatch">none</error></OAI-PMH>')
        >>> async def main():
        ...     client = AsyncClient(clock=VirtualClock(), transport=httpx.MockTransport(
        ...         lambda r: httpx.Response(200, content=xml)))
        ...     return [r async for r in await client.harvest(set_spec="cs")]
        >>> asyncio.run(main())
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
        return await self._stream(AsyncHarvest, steps, call)

    async def get(
        self, url: str, parse: Callable[[bytes], T], *, retry: RetryPolicy | None = None
    ) -> T:
        """Any URL through the gate, retries and cache; ``parse`` makes the result.

        >>> import asyncio, httpx
        >>> from arxivlisting.client import VirtualClock
        >>> client = AsyncClient(clock=VirtualClock(), transport=httpx.MockTransport(
        ...     lambda r: httpx.Response(200, content=b"ok")))
        >>> asyncio.run(client.get("https://arxiv.org/robots.txt", bytes.decode))
        'ok'
        """
        return await self._run(get_steps(self._call(retry), url, parse))
