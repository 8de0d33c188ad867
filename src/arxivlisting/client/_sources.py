"""Where each kind of arXiv document lives, and how each call pages through it.

Every function here is a step generator (see :mod:`._core`): the API search and id
lists (Atom), listing pages, RSS feeds, abs pages and OAI-PMH harvests. Each returns
the records of the matching parser (:func:`~arxivlisting.parse_atom`,
:func:`~arxivlisting.formats.listing.parse_listing`,
:func:`~arxivlisting.formats.rss.parse_rss`,
:func:`~arxivlisting.formats.abspage.parse_abs_page`,
:func:`~arxivlisting.formats.oai.parse_oai`).
"""

from __future__ import annotations

import datetime as _dt
import re
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import attrs
import httpx

from ..errors import ArxivApiError, DefectKind, ParseError
from ..formats.abspage import AbsPage, parse_abs_page
from ..formats.atom import Feed, parse_atom
from ..formats.listing import Listing, parse_listing
from ..formats.oai import OaiPmhError, OaiResponse, parse_oai
from ..formats.rss import RssFeed, parse_rss
from ..ids import ArxivId
from ..records import Paper
from ._core import Call, Emit, Header, Raw, RetryBody, Steps, fetch
from ._errors import ArxivHTTPError, ResultWindowExceeded
from ._results import IdLookup, SearchInfo
from ._retry import Failure
from .query import SortBy, SortOrder

__all__ = [
    "ALLOWED_SHOW",
    "MAX_PAGE",
    "RESULT_WINDOW",
    "Endpoints",
    "abs_steps",
    "get_steps",
    "harvest_steps",
    "ids_steps",
    "listing_steps",
    "rss_steps",
    "search_steps",
]

T = TypeVar("T")

#: Most results the API returns for one request.
MAX_PAGE = 2000
#: Most results the API serves for one query (``start + max_results``).
RESULT_WINDOW = 30000
#: Page sizes listing pages accept (``show``); anything else is an HTTP 400.
ALLOWED_SHOW = (25, 50, 100, 250, 500, 1000, 2000)
_PERIOD_RE = re.compile(r"(?:new|recent|pastweek|current|[0-9]{4}(?:-[0-9]{2})?)\Z", re.ASCII)
_RETRY_KINDS = frozenset({DefectKind.TRUNCATED, DefectKind.SYNTAX})


@attrs.frozen
class Endpoints:
    """Base URLs of the arXiv services (override them to talk to a mirror or a fake).

    >>> Endpoints().api
    'https://export.arxiv.org/api/query'
    >>> Endpoints.at("http://127.0.0.1:8080").listing
    'http://127.0.0.1:8080/list'
    """

    api: str = "https://export.arxiv.org/api/query"
    oai: str = "https://export.arxiv.org/oai2"
    listing: str = "https://arxiv.org/list"
    abs: str = "https://arxiv.org/abs"
    rss: str = "https://rss.arxiv.org"

    @classmethod
    def at(cls, base: str) -> Endpoints:
        """Every service under one base URL, with arXiv's paths (``/api/query``, ``/oai2``...).

        >>> Endpoints.at("http://localhost:8000/").oai
        'http://localhost:8000/oai2'
        """
        base = base.rstrip("/")
        return cls(f"{base}/api/query", f"{base}/oai2", f"{base}/list", f"{base}/abs", base)


# -- the API (Atom) -------------------------------------------------------------------


def _atom(raw: Raw) -> Feed:
    try:
        feed = parse_atom(raw.content)
    except ParseError as exc:
        raise RetryBody(f"not an Atom feed: {exc.message}") from None
    for defect in feed.defects:
        if defect.kind in _RETRY_KINDS:
            raise RetryBody(f"{defect.kind.value} response: {defect.message}")
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


# -- listing pages ------------------------------------------------------------------------


def _html_cut_off(content: bytes) -> bool:
    tail = content[-2048:].lower()
    head = content[:512].lstrip().lower()
    is_page = head.startswith((b"<!doctype html", b"<html", b"<?xml"))
    return is_page and b"</html>" not in tail


def listing_steps(
    call: Call, base: str, category: str, period: str, *, show: int = 2000
) -> Steps[tuple[Listing, ...]]:
    """Every page of ``/list/<category>/<period>``: ``Header(first page)``, then each item.

    Follows ``skip``/``show`` paging to the stated total; an empty page before it is
    retried, an entry seen on an earlier page (same running index) is not repeated.
    """
    if show not in ALLOWED_SHOW:
        raise ValueError(f"show must be one of {ALLOWED_SHOW}, got {show}")
    if not _PERIOD_RE.match(period):
        raise ValueError(
            f"period is new, recent, pastweek, current, YYYY or YYYY-MM, not {period!r}"
        )
    if not category or "/" in category or not category.isprintable():
        raise ValueError(f"not a category or archive: {category!r}")
    url = f"{base}/{urllib.parse.quote(category)}/{period}"
    pages: list[Listing] = []
    seen: set[object] = set()
    skip = 0
    expected: int | None = None
    while True:
        listing = yield from _listing_page(call, url, skip, show, expected)
        if not pages:
            yield Header(listing)
            expected = listing.total
        pages.append(listing)
        for item in listing.items:
            key: object = item.index if item.index is not None else item
            if key in seen:
                continue
            seen.add(key)
            yield Emit(item)
        count = len(listing.items)
        if listing.total is not None:
            more = skip + count < listing.total
        else:  # no total printed: a section saying it goes on is the only sign
            more = any(section.continues for section in listing.sections)
        if count == 0 or not more:
            return tuple(pages)
        skip += count


def _listing_page(
    call: Call, url: str, skip: int, show: int, expected: int | None
) -> Steps[Listing]:
    def build() -> httpx.Request:
        return call.settings.request(url, [("skip", str(skip)), ("show", str(show))])

    def accept(raw: Raw) -> Listing:
        if _html_cut_off(raw.content):
            raise RetryBody("listing page cut off (no </html>)")
        try:
            listing = parse_listing(raw.content)
        except ParseError as exc:
            raise RetryBody(f"not a listing page: {exc.message}") from None
        if not listing.items and expected is not None and skip < expected:
            raise RetryBody(f"unexpected empty page at skip={skip} of {expected}", kind="empty")
        return listing

    return (yield from fetch(call, build, accept))


# -- RSS feeds and abs pages -----------------------------------------------------------


def rss_steps(
    call: Call, base: str, categories: Sequence[str], *, flavor: str = "rss"
) -> Steps[RssFeed]:
    """One announcement feed (``/rss/<cat+cat>`` or ``/atom/...``), parsed."""
    if flavor not in ("rss", "atom"):
        raise ValueError(f"flavor is 'rss' or 'atom', not {flavor!r}")
    cats = [categories] if isinstance(categories, str) else list(categories)
    if not cats or any(not c or "/" in c or "+" in c for c in cats):
        raise ValueError(f"give one or more categories, not {categories!r}")
    url = f"{base}/{flavor}/{'+'.join(urllib.parse.quote(c) for c in cats)}"

    def accept(raw: Raw) -> RssFeed:
        try:
            feed = parse_rss(raw.content)
        except ParseError as exc:
            raise RetryBody(f"not a feed: {exc.message}") from None
        for defect in feed.defects:
            if defect.kind in _RETRY_KINDS:
                raise RetryBody(f"{defect.kind.value} feed: {defect.message}")
        return feed

    return (yield from fetch(call, _requester(call, url), accept))


def abs_steps(call: Call, base: str, paper_id: str | ArxivId) -> Steps[AbsPage]:
    """One abstract page ``/abs/<id>``, parsed (a 404 raises ``ArxivHTTPError``)."""
    parsed = paper_id if isinstance(paper_id, ArxivId) else ArxivId.parse(paper_id)
    url = f"{base}/{parsed}"

    def accept(raw: Raw) -> AbsPage:
        if _html_cut_off(raw.content):
            raise RetryBody("abs page cut off (no </html>)")
        try:
            page = parse_abs_page(raw.content)
        except ParseError as exc:
            raise RetryBody(f"not an abs page: {exc.message}") from None
        if page.head_only:
            raise RetryBody("abs page cut off after its <head>")
        return page

    return (yield from fetch(call, _requester(call, url), accept))


def get_steps(call: Call, url: str, parse: Callable[[bytes], T]) -> Steps[T]:
    """Any URL through the gate, retries and cache; ``parse`` turns the body into a result.

    A :class:`~arxivlisting.errors.ParseError` from ``parse`` counts as a bad body and
    is retried like a truncated one.
    """

    def accept(raw: Raw) -> T:
        try:
            return parse(raw.content)
        except ParseError as exc:
            raise RetryBody(f"unparseable body: {exc.message}") from None

    return (yield from fetch(call, _requester(call, url), accept))


def _requester(
    call: Call, url: str, params: Sequence[tuple[str, str]] = ()
) -> Callable[[], httpx.Request]:
    def build() -> httpx.Request:
        return call.settings.request(url, params)

    return build


# -- OAI-PMH ----------------------------------------------------------------------------


def _oai_date(value: str | _dt.date | None, name: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        raise TypeError(f"{name}: arXiv's OAI-PMH takes days (a date or 'YYYY-MM-DD')")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value, re.ASCII):
        raise ValueError(f"{name} is a YYYY-MM-DD day, not {value!r}")
    return value


def harvest_steps(
    call: Call,
    base: str,
    *,
    metadata_prefix: str = "arXiv",
    set_spec: str | None = None,
    from_date: str | _dt.date | None = None,
    until: str | _dt.date | None = None,
    on_bad_token: str = "restart",
    max_restarts: int = 2,
) -> Steps[int]:
    """``ListRecords`` to the end: ``Header(first response)``, ``Emit(OaiRecord)`` each.

    Resumption tokens are followed until the empty final token (or a response without
    one). ``noRecordsMatch`` is an empty harvest. ``badResumptionToken`` (arXiv's tokens
    expire) restarts the harvest from its first request with ``on_bad_token="restart"``
    (the default; at most ``max_restarts`` times, skipping records already yielded and
    bypassing the cache), or raises :class:`~arxivlisting.formats.oai.OaiPmhError` with
    ``"raise"``. Any other OAI error raises ``OaiPmhError``. Returns the number of records.
    """
    if on_bad_token not in ("restart", "raise"):
        raise ValueError(f"on_bad_token is 'restart' or 'raise', not {on_bad_token!r}")
    first_params = [("verb", "ListRecords"), ("metadataPrefix", metadata_prefix)]
    if set_spec:
        first_params.append(("set", set_spec))
    f = _oai_date(from_date, "from_date")
    u = _oai_date(until, "until")
    if f:
        first_params.append(("from", f))
    if u:
        first_params.append(("until", u))
    token: str | None = None
    restarts = 0
    header_sent = False
    seen: set[str] = set()
    count = 0

    def accept(raw: Raw) -> OaiResponse:
        try:
            response = parse_oai(raw.content)
        except ParseError as exc:
            raise RetryBody(f"not an OAI-PMH response: {exc.message}") from None
        for defect in response.defects:
            if defect.kind in _RETRY_KINDS:
                raise RetryBody(f"{defect.kind.value} response: {defect.message}")
        return response

    def cacheable(response: OaiResponse) -> bool:
        return not response.errors

    while True:
        if token is None:
            params = first_params
        else:
            params = [("verb", "ListRecords"), ("resumptionToken", token)]
        response = yield from fetch(
            call, _requester(call, base, params), accept, cacheable=cacheable
        )
        if response.errors:
            if response.no_records_match and not response.is_error:
                if not header_sent:
                    yield Header(response)
                return count
            error = next(e for e in response.errors if not e.is_empty_result)
            if (
                error.code == "badResumptionToken"
                and on_bad_token == "restart"
                and restarts < max_restarts
            ):
                restarts += 1
                token = None
                call.use_cache = False  # the cache may hold the expired chain
                continue
            raise OaiPmhError(f"OAI-PMH error {error.code}: {error.message}", error)
        if not header_sent:
            header_sent = True
            yield Header(response)
        for record in response.records:
            key = record.header.identifier
            if key in seen:
                continue
            if on_bad_token == "restart":
                seen.add(key)
            yield Emit(record)
            count += 1
        next_token = response.resumption_token
        if next_token is None or next_token.is_final:
            return count
        if next_token.value == token:  # the same page again: following it would never end
            raise ArxivHTTPError(base, 200, f"OAI-PMH server repeated resumption token {token!r}")
        token = next_token.value
