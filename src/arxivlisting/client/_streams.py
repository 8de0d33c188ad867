"""What paged calls return: the result streams of both clients, sync and async.

A paged call (a search, a listing, a harvest) runs as events from the client's driver:
the ``Header`` of page one, an ``Emit`` per item, ``Done`` with the call's result. A
stream reads page one when it is made, so ``header`` and the facts derived from it are
there at once, then hands out the items as they come. :class:`ResultStream` is the
blocking iterator and :class:`AsyncResultStream` its ``async for`` twin; the views
(:class:`SearchView`, :class:`ListingView`, :class:`HarvestView`) add what each kind of
call knows, to the sync and the async stream alike.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Iterator
from types import TracebackType
from typing import Any, Generic, TypeVar

from ..formats.listing import Listing, ListingItem
from ..formats.oai import OaiRecord, OaiResponse
from ..records import Paper
from ._base import Done, Event
from ._core import Call, Emit, Header
from ._results import SearchInfo, Stats

__all__ = [
    "AsyncHarvest",
    "AsyncListingStream",
    "AsyncResultStream",
    "AsyncSearchResults",
    "Harvest",
    "HarvestView",
    "ListingStream",
    "ListingView",
    "ResultStream",
    "SearchResults",
    "SearchView",
]

T = TypeVar("T")
H = TypeVar("H")


class SearchView:
    """``total`` and ``query`` of a search stream, from what page one said."""

    header: SearchInfo | None

    @property
    def total(self) -> int | None:
        """How many results arXiv says the query has (see the stream's example)."""
        return self.header.total if self.header is not None else None

    @property
    def query(self) -> str | None:
        """The ``search_query`` sent (see the stream's example)."""
        return self.header.query if self.header is not None else None


class ListingView:
    """``first_page`` and ``pages`` of a listing stream."""

    header: Listing | None
    result: Any

    @property
    def first_page(self) -> Listing | None:
        """The first listing page: its date, total, sections (see the stream's example)."""
        return self.header

    @property
    def pages(self) -> tuple[Listing, ...]:
        """Every page fetched, complete once the stream is exhausted."""
        pages: tuple[Listing, ...] = self.result or ()
        return pages


class HarvestView:
    """``first_response`` and ``complete_list_size`` of an OAI-PMH harvest stream."""

    header: OaiResponse | None

    @property
    def first_response(self) -> OaiResponse | None:
        """The first response, records and all (see the stream's example)."""
        return self.header

    @property
    def complete_list_size(self) -> int | None:
        """The ``completeListSize`` the first token stated, if any."""
        token = self.header.resumption_token if self.header is not None else None
        return token.complete_list_size if token is not None else None


# -- blocking -------------------------------------------------------------------------


class ResultStream(Iterator[T], Generic[T, H]):
    """Items of a paged call, fetched as you iterate; ``header`` is what page one said.

    The first page is fetched when the stream is made, so ``header`` (and the facts
    subclasses derive from it) is there at once. ``stats`` counts this call's requests
    and waits; ``close()`` (or leaving a ``with`` block) stops it early.

    >>> from arxivlisting import ArxivId, Paper
    >>> from arxivlisting.client import Client, VirtualClock
    >>> from arxivlisting.client.testing import mock_api
    >>> papers = [Paper(id=ArxivId.parse(f"2401.{n:05d}v1")) for n in range(1, 6)]
    >>> client = Client(transport=mock_api(papers), clock=VirtualClock(), page_size=2)
    >>> with client.search("all:x") as results:
    ...     first = next(results)
    >>> str(first.id), list(results), results.stats.requests
    ('2401.00001v1', [], 1)
    """

    def __init__(self, events: Iterator[Event], call: Call) -> None:
        self._events = events
        self._buffer: deque[T] = deque()
        self._done = False
        self.stats: Stats = call.stats
        self.header: H | None = None
        self.result: Any = None
        for event in self._events:
            if isinstance(event, Header):
                self.header = event.value
                break
            if isinstance(event, Emit):  # pragma: no cover - steps send Header first
                self._buffer.append(event.item)
            elif isinstance(event, Done):
                self._finish(event.value)
                break

    def _finish(self, value: Any) -> None:
        self._done = True
        self.result = value

    def __next__(self) -> T:
        if self._buffer:
            return self._buffer.popleft()
        if self._done:
            raise StopIteration
        for event in self._events:
            if isinstance(event, Emit):
                item: T = event.item
                return item
            if isinstance(event, Done):
                self._finish(event.value)
                break
            if isinstance(event, Header):  # pragma: no cover - one header per call
                self.header = event.value
        self._done = True
        raise StopIteration

    def close(self) -> None:
        """Stop: no more requests are made for this call.

        >>> from arxivlisting.client import Client, VirtualClock
        >>> from arxivlisting.client.testing import mock_api
        >>> results = Client(transport=mock_api([]), clock=VirtualClock()).search("all:x")
        >>> results.close(); list(results)
        []
        """
        self._done = True
        close = getattr(self._events, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> ResultStream[T, H]:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class SearchResults(SearchView, ResultStream[Paper, SearchInfo]):
    """The papers of a search, in order, without duplicates; ``total`` is arXiv's count.

    ``total`` is ``opensearch:totalResults`` of the first page (None when arXiv sent
    none); at most ``min(total, max_results)`` papers are yielded.

    >>> from arxivlisting.client import Client, VirtualClock
    >>> from arxivlisting.client.testing import mock_api
    >>> results = Client(transport=mock_api([]), clock=VirtualClock()).search("ti:x")
    >>> results.total, results.query
    (0, 'ti:x')
    """


class ListingStream(ListingView, ResultStream[ListingItem, Listing]):
    """The entries of a listing, across its ``skip``/``show`` pages; ``first_page`` is page one.

    ``pages`` is every :class:`~arxivlisting.formats.listing.Listing` once exhausted.

    >>> import httpx
    >>> from arxivlisting.client import Client, VirtualClock
    >>> page = b"<html><div id='dlpage'><h1>Physics</h1><p>No updates today.</p></div></html>"
    >>> answer = httpx.MockTransport(lambda r: httpx.Response(200, content=page))
    >>> stream = Client(transport=answer, clock=VirtualClock()).iter_listing("physics")
    >>> stream.first_page.name, list(stream), len(stream.pages)
    ('Physics', [], 1)
    """


class Harvest(HarvestView, ResultStream[OaiRecord, OaiResponse]):
    """The records of an OAI-PMH ``ListRecords`` harvest, followed to the last token.

    >>> import httpx
    >>> from arxivlisting.client import Client, VirtualClock
    >>> xml = (b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>'
    ...        b'2024-01-01T00:00:00Z</responseDate><request>x</request><ListRecords>'
    ...        b'<record><header><identifier>oai:arXiv.org:2401.00001</identifier>'
    ...        b'<datestamp>2024-01-02</datestamp></header></record><resumptionToken '
    ...        b'cursor="0" completeListSize="1"/></ListRecords></OAI-PMH>')
    >>> answer = httpx.MockTransport(lambda r: httpx.Response(200, content=xml))
    >>> harvest = Client(transport=answer, clock=VirtualClock()).harvest(set_spec="cs")
    >>> harvest.complete_list_size, [r.header.identifier for r in harvest]
    (1, ['oai:arXiv.org:2401.00001'])
    >>> harvest.first_response.verb
    'ListRecords'
    """


# -- asyncio --------------------------------------------------------------------------


class AsyncResultStream(AsyncIterator[T], Generic[T, H]):
    """Items of a paged call as an async iterator; ``header`` is what page one said.

    Made by the client's ``await``-ed methods with the first page already fetched.
    ``aclose()`` (or ``async with``) stops it early.

    >>> import asyncio
    >>> from arxivlisting import ArxivId, Paper
    >>> from arxivlisting.client import AsyncClient, VirtualClock
    >>> from arxivlisting.client.testing import mock_api
    >>> papers = [Paper(id=ArxivId.parse(f"2401.{n:05d}v1")) for n in range(1, 6)]
    >>> async def main():
    ...     client = AsyncClient(transport=mock_api(papers), clock=VirtualClock(), page_size=2)
    ...     async with await client.search("all:x") as results:
    ...         first = await results.__anext__()
    ...     return str(first.id), [p async for p in results], results.stats.requests
    >>> asyncio.run(main())
    ('2401.00001v1', [], 1)
    """

    def __init__(self, events: AsyncIterator[Event], call: Call) -> None:
        self._events = events
        self._done = False
        self.stats: Stats = call.stats
        self.header: H | None = None
        self.result: Any = None
        self._pending: list[T] = []

    async def _prime(self) -> None:
        async for event in self._events:
            if isinstance(event, Header):
                self.header = event.value
                return
            if isinstance(event, Emit):  # pragma: no cover - steps send Header first
                self._pending.append(event.item)
            elif isinstance(event, Done):
                self._done = True
                self.result = event.value
                return

    async def __anext__(self) -> T:
        if self._pending:
            return self._pending.pop(0)
        if self._done:
            raise StopAsyncIteration
        async for event in self._events:
            if isinstance(event, Emit):
                item: T = event.item
                return item
            if isinstance(event, Done):
                self.result = event.value
                break
            if isinstance(event, Header):  # pragma: no cover - one header per call
                self.header = event.value
        self._done = True
        raise StopAsyncIteration

    async def aclose(self) -> None:
        """Stop: no more requests are made for this call.

        >>> import asyncio
        >>> from arxivlisting.client import AsyncClient, VirtualClock
        >>> from arxivlisting.client.testing import mock_api
        >>> async def main():
        ...     client = AsyncClient(transport=mock_api([]), clock=VirtualClock())
        ...     results = await client.search("all:x")
        ...     await results.aclose()
        ...     return [p async for p in results]
        >>> asyncio.run(main())
        []
        """
        self._done = True
        close = getattr(self._events, "aclose", None)
        if close is not None:
            await close()

    async def __aenter__(self) -> AsyncResultStream[T, H]:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


class AsyncSearchResults(SearchView, AsyncResultStream[Paper, SearchInfo]):
    """The papers of a search (async); ``total`` is arXiv's count.

    >>> import asyncio
    >>> from arxivlisting.client import AsyncClient, VirtualClock
    >>> from arxivlisting.client.testing import mock_api
    >>> async def main():
    ...     client = AsyncClient(transport=mock_api([]), clock=VirtualClock())
    ...     results = await client.search("ti:x")
    ...     return results.total, results.query
    >>> asyncio.run(main())
    (0, 'ti:x')
    """


class AsyncListingStream(ListingView, AsyncResultStream[ListingItem, Listing]):
    """The entries of a listing across its pages (async); ``first_page`` is page one.

    >>> import asyncio, httpx
    >>> from arxivlisting.client import AsyncClient, VirtualClock
    >>> page = b"<html><div id='dlpage'><h1>Physics</h1><p>No updates today.</p></div></html>"
    >>> async def main():
    ...     client = AsyncClient(clock=VirtualClock(), transport=httpx.MockTransport(
    ...         lambda r: httpx.Response(200, content=page)))
    ...     stream = await client.iter_listing("physics")
    ...     return stream.first_page.name, [i async for i in stream], len(stream.pages)
    >>> asyncio.run(main())
    ('Physics', [], 1)
    """


class AsyncHarvest(HarvestView, AsyncResultStream[OaiRecord, OaiResponse]):
    """The records of an OAI-PMH harvest (async).

    >>> import asyncio, httpx
    >>> from arxivlisting.client import AsyncClient, VirtualClock
    >>> xml = (b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>'
    ...        b'2024-01-01T00:00:00Z</responseDate><request>x</request><ListRecords>'
    ...        b'<record><header><identifier>oai:arXiv.org:2401.00001</identifier>'
    ...        b'<datestamp>2024-01-02</datestamp></header></record><resumptionToken '
    ...        b'cursor="0" completeListSize="1"/></ListRecords></OAI-PMH>')
    >>> async def main():
    ...     client = AsyncClient(clock=VirtualClock(), transport=httpx.MockTransport(
    ...         lambda r: httpx.Response(200, content=xml)))
    ...     harvest = await client.harvest(set_spec="cs")
    ...     ids = [r.header.identifier async for r in harvest]
    ...     return harvest.complete_list_size, ids, harvest.first_response.verb
    >>> asyncio.run(main())
    (1, ['oai:arXiv.org:2401.00001'], 'ListRecords')
    """
