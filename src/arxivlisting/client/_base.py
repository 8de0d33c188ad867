"""What :class:`Client` and :class:`AsyncClient` share: endpoints, settings, plumbing."""

from __future__ import annotations

import os
import random
from collections.abc import Mapping
from typing import Any

import attrs
import httpx

from .._version import __version__
from ._api_steps import MAX_PAGE
from ._cache import ResponseCache
from ._clock import Clock, SystemClock
from ._core import Call, Emit, Header, Settings
from ._gate import RateGate
from ._results import Stats
from ._retry import RetryPolicy

__all__ = [
    "DEFAULT_TIMEOUT",
    "DEFAULT_USER_AGENT",
    "ClientConfig",
    "ClientPlumbing",
    "Done",
    "Endpoints",
    "Event",
]

#: Connect within 10 s; 60 s at most between bytes (arXiv builds large pages slowly).
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
#: What arXiv sees unless ``user_agent`` says otherwise.
DEFAULT_USER_AGENT = f"arxivlisting/{__version__} (python-httpx/{httpx.__version__})"


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


@attrs.frozen
class Done:
    """Driver output: the call finished and returned ``value``."""

    value: Any


Event = Header | Emit | Done


class ClientConfig:
    """Validates the constructor arguments both clients take and builds their settings."""

    def __init__(
        self,
        *,
        timeout: httpx.Timeout | float | None,
        user_agent: str | None,
        interval: float,
        intervals: Mapping[str, float] | None,
        gate: RateGate | None,
        clock: Clock | None,
        retry: RetryPolicy | None,
        cache: ResponseCache | str | os.PathLike[str] | None,
        cache_max_age: float | None,
        endpoints: Endpoints | None,
        base_url: str | None,
        page_size: int,
        max_url_length: int,
        request_deadline: float,
        seed: int | None,
    ) -> None:
        if interval < 0 or any(v < 0 for v in (intervals or {}).values()):
            raise ValueError("intervals cannot be negative")
        if not 1 <= page_size <= MAX_PAGE:
            raise ValueError(f"page_size must be 1..{MAX_PAGE}, got {page_size}")
        if request_deadline <= 0:
            raise ValueError("request_deadline must be positive")
        if endpoints is not None and base_url is not None:
            raise ValueError("give endpoints or base_url, not both")
        if gate is not None and clock is not None and gate.clock is not clock:
            raise ValueError("the gate runs on another clock than the one given")
        self.clock: Clock = clock if clock is not None else (gate.clock if gate else SystemClock())
        self.gate = gate if gate is not None else RateGate.shared(self.clock)
        if timeout is None:
            self.timeout = DEFAULT_TIMEOUT
        elif isinstance(timeout, httpx.Timeout):
            self.timeout = timeout
        else:
            self.timeout = httpx.Timeout(timeout)
        if isinstance(cache, (str, os.PathLike)):
            cache = ResponseCache(cache, max_age=cache_max_age)
        if base_url is not None:
            endpoints = Endpoints.at(base_url)
        self.endpoints = endpoints if endpoints is not None else Endpoints()
        self.page_size = page_size
        self.max_url_length = max_url_length
        self.request_deadline = request_deadline
        self.stats = Stats()
        self.settings = Settings(
            gate=self.gate,
            clock=self.clock,
            retry=retry if retry is not None else RetryPolicy(),
            user_agent=user_agent if user_agent is not None else DEFAULT_USER_AGENT,
            interval=interval,
            intervals=dict(intervals or {}),
            cache=cache,
            rng=random.Random(seed),
            stats=self.stats,
        )


class ClientPlumbing:
    """What :class:`Client` and :class:`AsyncClient` share besides their I/O: the
    configuration, its counters, endpoints and gate, and a fresh call for each request."""

    _config: ClientConfig

    @property
    def stats(self) -> Stats:
        """Counters over every call of this client so far (a snapshot).

        >>> from arxivlisting.client import AsyncClient, Client
        >>> Client().stats.requests, AsyncClient().stats.requests
        (0, 0)
        """
        return self._config.stats.snapshot()

    @property
    def endpoints(self) -> Endpoints:
        """The base URLs in use.

        >>> from arxivlisting.client import Client
        >>> Client(base_url="http://127.0.0.1:9").endpoints.api
        'http://127.0.0.1:9/api/query'
        """
        return self._config.endpoints

    @property
    def gate(self) -> RateGate:
        """The rate gate this client takes its turns from (the process's, by default).

        >>> from arxivlisting.client import AsyncClient, Client
        >>> Client().gate is AsyncClient().gate is RateGate.shared()
        True
        """
        return self._config.gate

    def _call(self, retry: RetryPolicy | None) -> Call:
        return Call(self._config.settings, retry)
