"""The steps of arXiv's pages and feeds: listings, RSS, abs pages, OAI-PMH, any URL.

Step generators (see :mod:`._core`) for everything outside the search API: every page
of a listing (``/list/<category>/<period>``) followed to its total, an announcement
feed, an abstract page, a ``ListRecords`` harvest followed through its resumption
tokens (restarted when a token expires), and any URL with a parser of the caller's.
Each returns the records of the matching parser
(:func:`~arxivlisting.formats.listing.parse_listing`,
:func:`~arxivlisting.formats.rss.parse_rss`,
:func:`~arxivlisting.formats.abspage.parse_abs_page`,
:func:`~arxivlisting.formats.oai.parse_oai`). The API's searches and id lists are in
:mod:`._api_steps`.
"""

from __future__ import annotations

import datetime as _dt
import re
import urllib.parse
from collections.abc import Callable, Sequence
from typing import TypeVar

import httpx

from ..errors import ParseError
from ..formats.abspage import AbsPage, parse_abs_page
from ..formats.listing import Listing, parse_listing
from ..formats.oai import OaiPmhError, OaiResponse, parse_oai
from ..formats.rss import RssFeed, parse_rss
from ..ids import ArxivId
from ._core import Call, Emit, Header, Raw, RetryBody, Steps, fetch, parse_body
from ._errors import ArxivHTTPError

__all__ = [
    "ALLOWED_SHOW",
    "abs_steps",
    "get_steps",
    "harvest_steps",
    "listing_steps",
    "rss_steps",
]

T = TypeVar("T")

#: Page sizes listing pages accept (``show``); anything else is an HTTP 400.
ALLOWED_SHOW = (25, 50, 100, 250, 500, 1000, 2000)
_PERIOD_RE = re.compile(r"(?:new|recent|pastweek|current|[0-9]{4}(?:-[0-9]{2})?)\Z", re.ASCII)


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
        return parse_body(parse_rss, raw, "a feed", "feed")

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
        return parse_body(parse_oai, raw, "an OAI-PMH response", "response")

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
