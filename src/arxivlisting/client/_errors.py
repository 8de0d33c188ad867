"""What the client raises when arXiv cannot be made to answer.

* :class:`ArxivHTTPError` - a request failed for good: a status that retrying cannot
  fix (404, 414...), or the call's retry budget was spent on 5xx answers, transport
  errors (timeouts, resets), truncated bodies or unexpected empty pages. It says which
  URL, the last status (None for a transport error), why, and after how many attempts.
* :class:`RateLimited` - the same, when the last answer was 429 (or a ``Retry-After``
  longer than what is left of the budget): ``retry_after`` says how long arXiv asked
  to wait.
* :class:`ResultWindowExceeded` - a search matched more than arXiv serves for one
  query (30,000): raised after the reachable results were yielded, never silently.

The API's error entry (an HTTP 400 whose body names the problem, e.g. a malformed
``max_results``) is raised as :class:`arxivlisting.errors.ArxivApiError`, and an
OAI-PMH error as :class:`arxivlisting.formats.oai.OaiPmhError`, as the parsers do under
``strict=True``.

>>> err = RateLimited("https://export.arxiv.org/api/query", 429, "rate limited",
...                   attempts=4, retry_after=30.0)
>>> isinstance(err, ArxivHTTPError), err.status, err.retry_after
(True, 429, 30.0)
>>> print(err)  # doctest: +NORMALIZE_WHITESPACE
HTTP 429 from https://export.arxiv.org/api/query: rate limited
(after 4 attempts; arXiv asked to retry after 30 s)
"""

from __future__ import annotations

from typing import Any

__all__ = ["ArxivClientError", "ArxivHTTPError", "RateLimited", "ResultWindowExceeded"]


class ArxivClientError(Exception):
    """Base of the errors the client raises itself (not parse errors).

    >>> [issubclass(e, ArxivClientError) for e in (RateLimited, ResultWindowExceeded)]
    [True, True]
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(cls: type[ArxivClientError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class ArxivHTTPError(ArxivClientError):
    """A request to arXiv failed for good (see the module docs for when).

    ``status`` is the last HTTP status (None when the last attempt never got one),
    ``reason`` a short explanation, ``attempts`` how many requests were made for it.
    The last transport exception, if any, is the ``__cause__``.

    >>> print(ArxivHTTPError("https://arxiv.org/abs/2401.00001", 404, "HTTP 404 Not Found"))
    HTTP 404 from https://arxiv.org/abs/2401.00001: HTTP 404 Not Found
    """

    def __init__(
        self,
        url: str,
        status: int | None,
        reason: str,
        *,
        attempts: int = 1,
        body: bytes | None = None,
    ) -> None:
        self.url = url
        self.status = status
        self.reason = reason
        self.attempts = attempts
        self.body = body
        super().__init__(url, status, reason)

    def _notes(self) -> list[str]:
        return [f"after {self.attempts} attempts"] if self.attempts > 1 else []

    def __str__(self) -> str:
        head = f"HTTP {self.status}" if self.status is not None else "request failed"
        notes = self._notes()
        tail = f" ({'; '.join(notes)})" if notes else ""
        return f"{head} from {self.url}: {self.reason}{tail}"


class RateLimited(ArxivHTTPError):
    """arXiv kept answering 429, or asked for a wait longer than the budget allows.

    ``retry_after`` is the wait arXiv asked for, in seconds (None when it gave none).

    >>> RateLimited("u", 429, "HTTP 429", retry_after=None).retry_after is None
    True
    """

    def __init__(
        self,
        url: str,
        status: int | None,
        reason: str,
        *,
        attempts: int = 1,
        retry_after: float | None = None,
        body: bytes | None = None,
    ) -> None:
        super().__init__(url, status, reason, attempts=attempts, body=body)
        self.retry_after = retry_after

    def _notes(self) -> list[str]:
        notes = super()._notes()
        if self.retry_after is not None:
            notes.append(f"arXiv asked to retry after {self.retry_after:g} s")
        return notes


class ResultWindowExceeded(ArxivClientError):
    """A search matched more results than arXiv serves for one query.

    ``total`` is what arXiv counted and ``served`` how many were yielded (the window,
    30,000). Narrow the query (for example by ``submittedDate`` ranges) or harvest
    with OAI-PMH.

    >>> print(ResultWindowExceeded("all:electron", 214881, 30000))  # doctest: +ELLIPSIS
    arXiv serves at most 30,000 results of one query, and 'all:electron' matched 214,881: ...
    """

    def __init__(self, query: str, total: int, served: int) -> None:
        self.query = query
        self.total = total
        self.served = served
        super().__init__(query, total, served)

    def __str__(self) -> str:
        return (
            f"arXiv serves at most {self.served:,} results of one query, and {self.query!r} "
            f"matched {self.total:,}: narrow it (e.g. by submittedDate ranges) or use OAI-PMH"
        )
