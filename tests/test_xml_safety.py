"""XML safety: no DTD loading, no entity expansion, no file or network access.

Every hostile document is fed to ``parse_atom`` (lenient and strict), to ``iter_atom``
(lenient and strict) and to the shared parser of ``formats._xml``. The assertions are on
behaviour: the secret never appears in anything the parser returns or raises, entities
stay unexpanded, nothing is fetched, and each parse ends quickly in bounded memory (the
time bound is a generous hang guard, not a performance test).
"""

from __future__ import annotations

import http.server
import io
import resource
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from arxivlisting import DefectKind, ParseError, iter_atom, parse, parse_atom
from arxivlisting._diag import Diagnostics
from arxivlisting.formats._xml import make_parser, make_pull_parser, parse_document

ATOM = '<feed xmlns="http://www.w3.org/2005/Atom">'
ENTRY = (
    "<entry><id>http://arxiv.org/abs/2301.00001v1</id><title>T</title><summary>S</summary>"
    "<published>2023-01-01T00:00:00Z</published><updated>2023-01-01T00:00:00Z</updated>"
    "<author><name>A</name></author></entry>"
)
MARKER = "SECRET-MARKER-7f3a9c"
HANG_GUARD_S = 5.0
# Expanding any of the bombs below takes gigabytes; a parse that stays under these
# bounds did not expand them.
PY_PEAK_LIMIT = 64 * 1024 * 1024
RSS_GROWTH_LIMIT_KB = 256 * 1024


def billion_laughs(where: str) -> str:
    decls = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    use = "<title>&lol9;</title>" if where == "text" else '<link href="&lol9;"/>'
    return f"<?xml version='1.0'?><!DOCTYPE feed [{decls}]>{ATOM}{use}{ENTRY}</feed>"


def quadratic_blowup(where: str) -> str:
    decl = '<!ENTITY a "' + "x" * 50_000 + '">'
    refs = "&a;" * 50_000
    use = f"<title>{refs}</title>" if where == "text" else f'<link href="{refs}"/>'
    return f"<!DOCTYPE feed [{decl}]>{ATOM}{use}{ENTRY}</feed>"


@pytest.fixture(scope="module")
def secret_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("secret")
    (base / "secret.txt").write_text(MARKER + "\n", encoding="utf-8")
    # A well-formed DTD: if it were loaded, its entity would be defined and usable.
    (base / "evil.dtd").write_text(f'<!ENTITY leak "{MARKER}">\n', encoding="utf-8")
    return base


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - shared on purpose: the test reads it

    def do_GET(self) -> None:
        _Recorder.hits.append(self.path)
        body = f'<!ENTITY leak "{MARKER}">'.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def http_url() -> Iterator[str]:
    """A local HTTP server that answers every request with an entity declaration."""
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def hostile_documents(secret_dir: Path, http_url: str) -> dict[str, str]:
    secret = (secret_dir / "secret.txt").as_uri()
    dtd = (secret_dir / "evil.dtd").as_uri()
    return {
        "billion_laughs_text": billion_laughs("text"),
        "billion_laughs_attribute": billion_laughs("attribute"),
        "quadratic_blowup_text": quadratic_blowup("text"),
        "quadratic_blowup_attribute": quadratic_blowup("attribute"),
        "xxe_etc_passwd": (
            f'<!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>{ATOM}'
            f"<title>&x;</title>{ENTRY}</feed>"
        ),
        "xxe_file": (
            f'<!DOCTYPE feed [<!ENTITY x SYSTEM "{secret}">]>{ATOM}<title>&x;</title>{ENTRY}</feed>'
        ),
        "xxe_file_in_attribute": (
            f'<!DOCTYPE feed [<!ENTITY x SYSTEM "{secret}">]>{ATOM}<link href="&x;"/>{ENTRY}</feed>'
        ),
        "xxe_http": (
            f'<!DOCTYPE feed [<!ENTITY x SYSTEM "{http_url}/entity">]>{ATOM}'
            f"<title>&x;</title>{ENTRY}</feed>"
        ),
        "external_dtd_file": (
            f'<!DOCTYPE feed SYSTEM "{dtd}">{ATOM}<link href="&leak;"/><title>&leak;</title>'
            f"{ENTRY}</feed>"
        ),
        "external_dtd_plain_path": (
            f'<!DOCTYPE feed SYSTEM "{secret_dir / "evil.dtd"}">{ATOM}<link href="&leak;"/>'
            f"{ENTRY}</feed>"
        ),
        "external_dtd_http": (
            f'<!DOCTYPE feed SYSTEM "{http_url}/dtd">{ATOM}<link href="&leak;"/>{ENTRY}</feed>'
        ),
        "external_parameter_entity": (
            f'<!DOCTYPE feed [<!ENTITY % p SYSTEM "{dtd}"> %p;]>{ATOM}'
            f'<link href="&leak;"/><title>&leak;</title>{ENTRY}</feed>'
        ),
        "external_parameter_entity_http": (
            f'<!DOCTYPE feed [<!ENTITY % p SYSTEM "{http_url}/pe"> %p;]>{ATOM}'
            f'<link href="&leak;"/>{ENTRY}</feed>'
        ),
        "error_based_exfiltration": (
            f'<!DOCTYPE feed [<!ENTITY % file SYSTEM "{secret}">'
            "<!ENTITY % eval \"<!ENTITY &#x25; error SYSTEM 'file:///nonexistent/%file;'>\">"
            f"%eval; %error;]>{ATOM}{ENTRY}</feed>"
        ),
        "xinclude": (
            f'{ATOM}<title xmlns:xi="http://www.w3.org/2001/XInclude">'
            f'<xi:include href="{secret}" parse="text"/></title>{ENTRY}</feed>'
        ),
    }


HOSTILE = [
    "billion_laughs_text",
    "billion_laughs_attribute",
    "quadratic_blowup_text",
    "quadratic_blowup_attribute",
    "xxe_etc_passwd",
    "xxe_file",
    "xxe_file_in_attribute",
    "xxe_http",
    "external_dtd_file",
    "external_dtd_plain_path",
    "external_dtd_http",
    "external_parameter_entity",
    "external_parameter_entity_http",
    "error_based_exfiltration",
    "xinclude",
]


def _passwd_first_line() -> str | None:
    try:
        return Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    except (OSError, IndexError):
        return None


def _run_guarded(fn: Callable[[], object]) -> tuple[str, float, int, int]:
    """Run ``fn``; return everything it produced or raised as text, time, memory use."""
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    started = time.perf_counter()
    try:
        out: object = fn()
        text = repr(out)
    except ParseError as exc:
        text = f"ParseError {exc.kind.value}: {exc}"
    finally:
        took = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    return text, took, peak, rss_growth


def _stream(data: bytes, strict: bool) -> object:
    stream = iter_atom(io.BytesIO(data), strict=strict)
    papers = list(stream)
    return (papers, stream.header(), stream.defects)


def _shared_parser(data: bytes, recover: bool) -> object:
    parser = make_parser(recover=recover)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return f"refused: {exc}"
    return etree.tostring(root) if root is not None else None


def _pull_parser(data: bytes) -> object:
    parser = make_pull_parser()
    try:
        parser.feed(data)
        root = parser.close()
    except etree.XMLSyntaxError as exc:
        return f"refused: {exc}"
    return etree.tostring(root)


RUNNERS: dict[str, Callable[[bytes], object]] = {
    "parse_atom": parse_atom,
    "parse_atom_strict": lambda d: parse_atom(d, strict=True),
    "parse_atom_str": lambda d: parse_atom(d.decode("utf-8")),
    "iter_atom": lambda d: _stream(d, False),
    "iter_atom_strict": lambda d: _stream(d, True),
    "sniff_and_parse": parse,
    "make_parser": lambda d: _shared_parser(d, False),
    "make_parser_recover": lambda d: _shared_parser(d, True),
    "make_pull_parser": _pull_parser,
}


@pytest.mark.parametrize("runner", sorted(RUNNERS))
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_document_is_refused_or_neutralized(
    name: str, runner: str, secret_dir: Path, http_url: str
) -> None:
    data = hostile_documents(secret_dir, http_url)[name].encode("utf-8")
    _Recorder.hits.clear()
    text, took, peak, rss_growth = _run_guarded(lambda: RUNNERS[runner](data))
    assert MARKER not in text
    passwd = _passwd_first_line()
    if passwd:
        assert passwd not in text
    assert "lollollol" not in text  # the billion laughs were not expanded
    assert "x" * 100_000 not in text  # nor the quadratic blow-up
    assert _Recorder.hits == []  # nothing was fetched
    assert took < HANG_GUARD_S
    assert peak < PY_PEAK_LIMIT
    assert rss_growth < RSS_GROWTH_LIMIT_KB


@pytest.mark.parametrize("name", HOSTILE)
def test_strict_parsing_refuses_every_hostile_document(
    name: str, secret_dir: Path, http_url: str
) -> None:
    data = hostile_documents(secret_dir, http_url)[name].encode("utf-8")
    if name == "xinclude":
        with pytest.raises(ParseError) as info:
            parse_atom(data, strict=True)
        assert info.value.kind is DefectKind.UNKNOWN_ELEMENT  # the include is markup
        return
    with pytest.raises(ParseError) as info:
        parse_atom(data, strict=True)
    assert info.value.kind in (DefectKind.UNSAFE, DefectKind.SYNTAX)


@pytest.mark.parametrize("name", HOSTILE)
def test_lenient_parsing_reports_every_hostile_document(
    name: str, secret_dir: Path, http_url: str
) -> None:
    data = hostile_documents(secret_dir, http_url)[name].encode("utf-8")
    try:
        feed = parse_atom(data)
    except ParseError:
        return  # refused outright is fine too
    kinds = {d.kind for d in feed.defects}
    assert kinds & {DefectKind.UNSAFE, DefectKind.SYNTAX, DefectKind.UNKNOWN_ELEMENT}


def test_declared_entities_stay_unexpanded_in_text(secret_dir: Path, http_url: str) -> None:
    feed = parse_atom(hostile_documents(secret_dir, http_url)["xxe_file"].encode())
    assert feed.title == "&x;"
    assert [(d.kind, d.snippet) for d in feed.defects] == [(DefectKind.UNSAFE, "x")]
    assert len(feed.papers) == 1


def test_external_dtd_is_not_read(secret_dir: Path, http_url: str) -> None:
    """Regression: ``collect_ids=False`` made libxml2 read the external DTD from disk,
    and the entity it declared was expanded inside attribute values."""
    data = hostile_documents(secret_dir, http_url)["external_dtd_file"].encode()
    feed = parse_atom(data)
    assert feed.link != MARKER
    assert MARKER not in repr(feed)
    stream = iter_atom(io.BytesIO(data))
    assert [p.id for p in stream] == [p.id for p in feed.papers]
    assert MARKER not in repr(stream.header())


def test_shared_parsers_do_not_read_external_dtds(secret_dir: Path) -> None:
    """What RSS and OAI parsers will build on: the factories of ``formats._xml``."""
    doc = f'<!DOCTYPE a SYSTEM "{(secret_dir / "evil.dtd").as_uri()}"><a b="&leak;">&leak;</a>'
    for parser in (make_parser(), make_parser(recover=True)):
        root = etree.fromstring(doc.encode(), parser)
        assert MARKER not in etree.tostring(root).decode()
        assert root.getroottree().docinfo.externalDTD is None
    pull = make_pull_parser()
    pull.feed(doc.encode())
    root = pull.close()
    assert MARKER not in etree.tostring(root).decode()


def test_billion_laughs_stream_stops_without_expanding() -> None:
    stream = iter_atom(io.BytesIO(billion_laughs("text").encode()))
    assert list(stream) == []
    assert [d.kind for d in stream.defects] == [DefectKind.UNSAFE, DefectKind.SYNTAX]
    assert "amplification" in stream.defects[1].message


def test_dtd_without_entities_is_reported() -> None:
    data = f"<!DOCTYPE feed>{ATOM}{ENTRY}</feed>".encode()
    feed = parse_atom(data)
    assert [d.kind for d in feed.defects] == [DefectKind.UNSAFE]
    assert len(feed.papers) == 1
    stream = iter_atom(io.BytesIO(data))
    assert len(list(stream)) == 1
    assert [d.kind for d in stream.defects] == [DefectKind.UNSAFE]
    with pytest.raises(ParseError) as info:
        list(iter_atom(io.BytesIO(data), strict=True))
    assert info.value.kind is DefectKind.UNSAFE


def test_shared_parse_document_refuses_entities_under_strict(
    secret_dir: Path, http_url: str
) -> None:
    data = hostile_documents(secret_dir, http_url)["xxe_etc_passwd"].encode()
    with pytest.raises(ParseError) as info:
        parse_document(data, Diagnostics(True, data), "a test document")
    assert info.value.kind is DefectKind.UNSAFE
    diag = Diagnostics(False, data)
    root = parse_document(data, diag, "a test document")
    assert root.tag.endswith("feed")
    assert [d.kind for d in diag.defects] == [DefectKind.UNSAFE]
