"""Private: reading an abs page's HTML safely, and the text helpers its parts share."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree, html

from .._decode import decode_text
from .._diag import Diagnostics
from ..errors import DefectKind, ParseError
from ..text import normalize_space

__all__ = [
    "URL_TEXT_RE",
    "absolute",
    "classes",
    "load",
    "raw_text",
    "text_of",
]

_PROLOG_RE = re.compile(r"\A\s*<\?xml[^>]*\?>", re.IGNORECASE)
_XHTML_RE = re.compile(r"<!DOCTYPE\s+html\s+PUBLIC\s+\"-//W3C//DTD XHTML", re.IGNORECASE)
#: The text arXiv puts in a link that stands for a URL ("this https URL").
URL_TEXT_RE = re.compile(r"this\s+(?:https?|ftp)\s+URL", re.IGNORECASE)


def load(data: str | bytes, diag: Diagnostics) -> tuple[html.HtmlElement, str]:
    """``(root element, markup era)``; the era is ``"xhtml"`` or ``"html5"``.

    Bytes are decoded as UTF-8 (what arXiv serves) with a fallback that is reported.
    """
    if isinstance(data, (bytes, bytearray)):
        text, encoding, _, lossy = decode_text(bytes(data), fallback="")
        if lossy:
            diag.report(DefectKind.ENCODING, f"the page is not UTF-8; read as {encoding}")
    elif isinstance(data, str):
        text = data
    else:
        raise TypeError(f"parse_abs_page expects str or bytes, not {type(data).__name__}")
    head = text[:2000]
    era = "xhtml" if _PROLOG_RE.match(head) or _XHTML_RE.search(head) else "html5"
    body = _PROLOG_RE.sub("", text, count=1)
    if not body.strip():
        raise ParseError("empty input: not an arXiv abstract page", line=1)
    parser = html.HTMLParser(encoding="utf-8", no_network=True, remove_pis=True)
    try:
        root = html.document_fromstring(body.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"not an arXiv abstract page: {exc}", line=1) from None
    return root, era


def classes(el: etree._Element) -> set[str]:
    """The class names of ``el``."""
    return set((el.get("class") or "").split())


def text_of(el: etree._Element, skip: Iterable[etree._Element] = (), *, urls: bool = True) -> str:
    """Normalized text of ``el`` without the ``skip`` elements, scripts and descriptors.

    With ``urls``, a link whose text is arXiv's stand-in ("this https URL") gives its
    ``href`` instead, so the text says what the source said.
    """
    parts: list[str] = []
    skipped = set(skip)
    _walk(el, skipped, parts, urls, top=True)
    return normalize_space("".join(parts))


def _walk(
    el: etree._Element, skip: set[etree._Element], out: list[str], urls: bool, *, top: bool
) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    hidden = (
        el in skip
        or tag in ("script", "noscript", "style", "button")
        or (not isinstance(el.tag, str))
        or (tag == "span" and "descriptor" in classes(el))
        or el.get("role") == "tooltip"
    )
    if not hidden or top:
        if tag == "a" and urls and el.get("href") and URL_TEXT_RE.fullmatch((raw_text(el)).strip()):
            out.append(el.get("href") or "")
        else:
            if el.text and isinstance(el.tag, str):
                out.append(el.text)
            for child in el:
                _walk(child, skip, out, urls, top=False)
    if not top and el.tail:
        out.append(el.tail)


def raw_text(el: etree._Element) -> str:
    """All text inside ``el`` as written (comments excluded), not normalized."""
    text: str = etree.tostring(el, method="text", encoding="unicode", with_tail=False)
    return text


def absolute(href: str) -> str:
    """An arXiv-relative link made absolute (``/pdf/x`` -> ``https://arxiv.org/pdf/x``)."""
    if href.startswith("//"):
        return "https:" + href
    if href.startswith("/"):
        return "https://arxiv.org" + href
    return href
