"""Polite, fault-tolerant fetching of every arXiv interface, sync and async, on httpx.

:class:`Client` and :class:`AsyncClient` fetch the API (searches and id lists), listing
pages, RSS feeds, abs pages and OAI-PMH harvests, and return the records of
arxivlisting's parsers. What they promise:

* **Timeouts** on every request (connect 10 s, 60 s between bytes, a deadline for a
  whole body) - a request never hangs.
* **One rate gate per process**: one request per 3 s to each arXiv host across all
  clients, threads and asyncio tasks (configurable; see :class:`RateGate`).
* **Retries** on 429, 5xx, timeouts, resets, truncated bodies and unexpected empty
  pages, honouring ``Retry-After`` (seconds or HTTP date) and otherwise backing off
  exponentially with jitter, with **one budget per call**; when it is spent, a clear
  :class:`ArxivHTTPError` / :class:`RateLimited` - never a silent short result.
* **Searches** with a query builder (:mod:`.query`), ``total`` known up front, pages of
  2,000 (10,000 results in 5 requests) that shrink when arXiv struggles, no duplicates.
* **Id lists** of any length, chunked under the URL limit, answered in request order,
  with unknown ids reported in ``missing``.
* **Listings, feeds, abs pages, OAI-PMH** through the same gate, paging and resumption
  tokens followed to the end.
* An optional **on-disk cache** (:class:`ResponseCache`), and an injectable **clock**.

>>> from arxivlisting import ArxivId, Paper
>>> from arxivlisting.client import Client, VirtualClock
>>> from arxivlisting.client.query import cat, ti
>>> from arxivlisting.client.testing import mock_api
>>> papers = [Paper(id=ArxivId.parse(f"2401.{n:05d}v1"), title=f"P{n}") for n in range(1, 4)]
>>> with Client(transport=mock_api(papers), clock=VirtualClock()) as client:
...     results = client.search(cat("cs.CL") & ti("transformers"), max_results=10)
...     print(results.query, results.total, [p.title for p in results])
cat:cs.CL AND ti:transformers 3 ['P1', 'P2', 'P3']
"""

from __future__ import annotations

from ._async import AsyncClient
from ._base import DEFAULT_TIMEOUT, DEFAULT_USER_AGENT, Endpoints
from ._cache import CachedResponse, ResponseCache
from ._clock import Clock, ScaledClock, SystemClock, VirtualClock
from ._errors import ArxivClientError, ArxivHTTPError, RateLimited, ResultWindowExceeded
from ._gate import RateGate
from ._results import IdLookup, SearchInfo, Stats
from ._retry import RetryPolicy, parse_retry_after
from ._streams import (
    AsyncHarvest,
    AsyncListingStream,
    AsyncResultStream,
    AsyncSearchResults,
    Harvest,
    ListingStream,
    ResultStream,
    SearchResults,
)
from ._sync import Client
from .query import Query, SortBy, SortOrder, parse_query

__all__ = [
    "DEFAULT_TIMEOUT",
    "DEFAULT_USER_AGENT",
    "ArxivClientError",
    "ArxivHTTPError",
    "AsyncClient",
    "AsyncHarvest",
    "AsyncListingStream",
    "AsyncResultStream",
    "AsyncSearchResults",
    "CachedResponse",
    "Client",
    "Clock",
    "Endpoints",
    "Harvest",
    "IdLookup",
    "ListingStream",
    "Query",
    "RateGate",
    "RateLimited",
    "ResponseCache",
    "ResultStream",
    "ResultWindowExceeded",
    "RetryPolicy",
    "ScaledClock",
    "SearchInfo",
    "SearchResults",
    "SortBy",
    "SortOrder",
    "Stats",
    "SystemClock",
    "VirtualClock",
    "parse_query",
    "parse_retry_after",
]
