"""The steps of the arXiv API (``/api/query``): searches and id lists, read as Atom.

Both are step generators (see :mod:`._core`) that page through the API and return the
records of :func:`~arxivlisting.parse_atom`: :func:`search_steps` pages a search under
arXiv's result window, shrinking pages while arXiv struggles and never yielding a
paper twice; :func:`ids_steps` cuts an id list into chunks under the URL limit and
answers it in request order. An error entry in the feed becomes
:class:`~arxivlisting.errors.ArxivApiError`. Listing pages, feeds, abs pages and
OAI-PMH are in :mod:`._page_steps`.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Sequence

import httpx

from ..errors import ArxivApiError, ParseError
from ..formats.atom import Feed, parse_atom
from ..ids import ArxivId
from ..records import Paper
from ._core import Call, Emit, Header, Raw, RetryBody, Steps, fetch, parse_body
from ._errors import ArxivHTTPError, ResultWindowExceeded
from ._results import IdLookup, SearchInfo
from ._retry import Failure
from .query import SortBy, SortOrder

__all__ = ["MAX_PAGE", "RESULT_WINDOW", "ids_steps", "search_steps"]

#: Most results the API returns for one request.
MAX_PAGE = 2000
#: Most results the API serves for one query (``start + max_results``).
RESULT_WINDOW = 30000


def _atom(raw: Raw) -> Feed:
    feed = parse_body(parse_atom, raw, "an Atom feed", "response")
    if feed.errors:
        _raise_api_error(feed)
    return feed


def _raise_api_error(feed: Feed) -> None:
    err = feed.errors[0]
    raise ArxivApiError(f"arXiv API error {err.slug}: {err.message}", err)


def _refuse_atom(raw: Raw) -> None:
    """A 4xx from the API: raise its error entry when the body holds one."""
    try:
        feed = parse_atom(raw.content)
    except ParseError:
        return
    if feed.errors:
        _raise_api_error(feed)


def _search_page(
    call: Call,
    api: str,
    params: list[tuple[str, str]],
    at: int,
    limit: int,
    expected: int | None,
    page: list[int],
) -> Steps[Feed]:
    """One page of a search, from ``at``: at most ``min(page[0], limit)`` results."""
    policy = call.policy

    def build() -> httpx.Request:
        size = min(page[0], limit)
        return call.settings.request(api, [*params, ("start", str(at)), ("max_results", str(size))])

    def accept(raw: Raw) -> Feed:
        feed = _atom(raw)
        # Before the total is known (page one), the page's own count decides: entries
        # promised but none sent is arXiv's intermittent empty page. A first page that
        # says 0 results is believed: it cannot be told from a query without matches.
        total = expected if expected is not None else feed.total_results
        if not feed.papers and total is not None and at < total:
            raise RetryBody(f"unexpected empty page at start={at} of {total}", kind="empty")
        return feed

    def on_retry(failure: Failure, failures: int) -> None:
        # Timeouts, resets, 5xx and cut bodies are what big pages provoke; a 429 or an
        # empty page says nothing about the page size.
        if failure.kind not in ("rate", "empty") and failures >= policy.shrink_after:
            page[0] = max(min(policy.min_page_size, page[0]), page[0] // 2)

    return (yield from fetch(call, build, accept, refuse=_refuse_atom, on_retry=on_retry))


def search_steps(
    call: Call,
    api: str,
    query: str,
    *,
    id_list: Sequence[str] = (),
    sort_by: SortBy = SortBy.RELEVANCE,
    sort_order: SortOrder = SortOrder.DESCENDING,
    start: int = 0,
    max_results: int | None = None,
    page_size: int = MAX_PAGE,
) -> Steps[None]:
    """Page through a search: ``Header(SearchInfo)`` once, then ``Emit(Paper)`` in order.

    Pages are as large as allowed (``page_size``, at most 2,000). After
    ``shrink_after`` consecutive failures of one page (timeouts, resets, 5xx, cut bodies)
    the page size halves before each further attempt, down to ``min_page_size``; each
    page that then succeeds doubles it again, back up to ``page_size``. A page that
    comes back empty before the total is reached is retried; papers already yielded
    (same unversioned id) are skipped, so a result set that shifts between pages yields
    no duplicates.
    """
    if start < 0:
        raise ValueError("start cannot be negative")
    if max_results is not None and max_results < 0:
        raise ValueError("max_results cannot be negative")
    if not 1 <= page_size <= MAX_PAGE:
        raise ValueError(f"page_size must be 1..{MAX_PAGE}, got {page_size}")
    params = [("search_query", query)]
    if id_list:
        params.append(("id_list", ",".join(id_list)))
    params += [("sortBy", SortBy(sort_by).value), ("sortOrder", SortOrder(sort_order).value)]
    page = [page_size]  # shrinks on repeated failures, grows back on success
    offset = start
    yielded = 0
    expected: int | None = None
    seen: set[object] = set()
    while True:
        remaining = None if max_results is None else max_results - yielded
        if remaining is not None and remaining <= 0:
            return
        if expected is not None and offset >= expected:
            return
        if offset >= RESULT_WINDOW:
            raise ResultWindowExceeded(query, expected or offset, RESULT_WINDOW)
        limit = RESULT_WINDOW - offset
        if remaining is not None:
            limit = min(limit, remaining)
        first = offset == start and expected is None
        feed = yield from _search_page(call, api, params, offset, limit, expected, page)
        if first:
            expected = feed.total_results
            yield Header(SearchInfo(query, feed.total_results))
        if not feed.papers:
            return
        for paper in feed.papers:
            key: object = paper.id.unversioned if paper.id is not None else paper
            if key in seen:
                continue
            seen.add(key)
            yield Emit(paper)
            yielded += 1
            if max_results is not None and yielded >= max_results:
                return
        offset += len(feed.papers)
        page[0] = min(page_size, page[0] * 2)  # grow back after a shrink


def _id_cost(text: str) -> int:
    return len(urllib.parse.quote(text, safe="")) + 3  # "%2C" between ids


def _chunks(ids: Sequence[ArxivId], base_len: int, max_len: int) -> list[list[ArxivId]]:
    chunks: list[list[ArxivId]] = []
    current: list[ArxivId] = []
    length = base_len
    for i in ids:
        cost = _id_cost(str(i))
        if current and (length + cost > max_len or len(current) >= MAX_PAGE):
            chunks.append(current)
            current, length = [], base_len
        current.append(i)
        length += cost
    if current:
        chunks.append(current)
    return chunks


def _match(chunk: Sequence[ArxivId], papers: Iterable[Paper]) -> dict[ArxivId, Paper]:
    """Which returned paper answers which requested id (exact version, or the latest)."""
    by_base: dict[ArxivId, list[Paper]] = {}
    for paper in papers:
        if paper.id is not None:
            by_base.setdefault(paper.id.unversioned, []).append(paper)
    found: dict[ArxivId, Paper] = {}
    for requested in chunk:
        candidates = by_base.get(requested.unversioned, [])
        if requested.version is not None:
            exact = [p for p in candidates if p.id == requested]
            if exact:
                found[requested] = exact[0]
        elif candidates:
            found[requested] = max(candidates, key=lambda p: (p.id.version or 0) if p.id else 0)
    return found


class _UriTooLong(ArxivHTTPError):
    pass


def ids_steps(
    call: Call, api: str, ids: Iterable[str | ArxivId], *, max_url_length: int
) -> Steps[IdLookup]:
    """Look up any number of ids: chunked under the URL limit, answered in request order.

    Chunks are cut at ``max_url_length`` characters (and 2,000 ids). When arXiv refuses
    one with HTTP 414 anyway, the limit is lowered half way to the bare URL and the rest
    of the list re-chunked, so later chunks fit; a single id refused is an error. A chunk
    of several ids that comes back with no entry at all is asked once more (outside the
    retry budget) before its ids are reported missing: arXiv's empty answers are
    intermittent.
    """
    order: list[ArxivId] = []
    invalid: list[str] = []
    known: set[ArxivId] = set()
    for item in ids:
        if isinstance(item, ArxivId):
            parsed: ArxivId | None = item
        elif isinstance(item, str):
            parsed = ArxivId.try_parse(item)
        else:
            raise TypeError(f"ids are strings or ArxivId, not {type(item).__name__}")
        if parsed is None:
            invalid.append(str(item))
        elif parsed not in known:
            known.add(parsed)
            order.append(parsed)
    base = [("id_list", ""), ("start", "0"), ("max_results", "2000")]
    base_len = len(str(call.settings.request(api, base).url))
    limit = max(max_url_length, base_len)
    queue = _chunks(order, base_len, limit)
    found: dict[ArxivId, Paper] = {}
    while queue:
        chunk = queue.pop(0)
        try:
            feed = yield from _ids_chunk(call, api, chunk)
        except _UriTooLong as exc:
            if len(chunk) == 1:
                raise
            # The server's limit is below this URL: aim half way to the bare URL.
            limit = max(base_len, min(limit, (len(exc.url) + base_len) // 2))
            rest = [i for c in queue for i in c]
            queue = _chunks([*chunk, *rest], base_len, limit)
            if len(queue[0]) >= len(chunk):  # the estimate did not shrink it: halve
                half = len(chunk) // 2
                queue = [chunk[:half], chunk[half:], *_chunks(rest, base_len, limit)]
            continue
        found.update(_match(chunk, feed.papers))
    return IdLookup(items=[(i, found.get(i)) for i in order], invalid=invalid)


def _ids_chunk(call: Call, api: str, chunk: Sequence[ArxivId]) -> Steps[Feed]:
    text = ",".join(str(i) for i in chunk)

    def build() -> httpx.Request:
        params = [("id_list", text), ("start", "0"), ("max_results", str(len(chunk)))]
        return call.settings.request(api, params)

    def refuse(raw: Raw) -> None:
        if raw.status == 414:
            raise _UriTooLong(raw.url, 414, f"URI Too Long ({len(raw.url)} characters)")
        _refuse_atom(raw)

    def cacheable(feed: Feed) -> bool:
        return bool(feed.papers) or len(chunk) < 2

    feed = yield from fetch(call, build, _atom, refuse=refuse, cacheable=cacheable)
    if not feed.papers and len(chunk) > 1:
        # Not one of several ids found: more likely one of arXiv's intermittent empty
        # answers than all of them unknown. Ask once more (outside the retry budget)
        # before reporting them missing.
        feed = yield from fetch(call, build, _atom, refuse=refuse, cacheable=cacheable)
    return feed
