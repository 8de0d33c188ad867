"""Private: listing HTML -> :class:`Listing`, for both markups.

The page is walked once in document order: headings (``h1``-``h3``), indexes (``ul``),
paging blocks (``div.paging``/``div.morefewer``, the legacy ``small``), and every ``dl``
with its ``dt``/``dd`` pairs. Both ways of heading a section work: the 2024 ``h3``
inside its ``dl`` and the legacy ``h3`` before it.
"""

from __future__ import annotations

import datetime as _dt
import re

from lxml import etree

from .._diag import Diagnostics
from ..errors import DefectKind, ParseError
from ._hint import other_format_hint
from ._listing_entry import parse_entry
from ._listing_html import element_snippet, list_href, load_page, norm_text
from ._listing_records import (
    Listing,
    ListingDay,
    ListingItem,
    ListingKind,
    ListingSection,
    SectionKind,
    SectionStart,
)
from ._listing_text import MONTHS, Showing, parse_day, parse_showing

__all__ = ["parse_listing_page"]

_SECTION_LABELS = (
    ("new submissions", SectionKind.NEW),
    ("cross submissions", SectionKind.CROSS),
    ("cross-lists", SectionKind.CROSS),
    ("cross lists", SectionKind.CROSS),
    ("replacement submissions", SectionKind.REPLACE),
    ("replacements", SectionKind.REPLACE),
)
_SHOWING_NEW_RE = re.compile(r"showing new listings for\s+(.+)", re.I | re.S)
_TITLES_FOR_RE = re.compile(r"authors and titles for\s+(.*)", re.I | re.S)
_MONTH_YEAR_RE = re.compile(r"([A-Za-z]+)\s+([0-9]{4})", re.ASCII)
_TOTAL_RE = re.compile(r"total of\s+([0-9]+)\s+entr", re.I)
_SHOW_RE = re.compile(r"showing(?:\s+up\s+to)?\s+([0-9]+)\s+entr", re.I)
_CURRENT_RE = re.compile(r"\s*([0-9]+)(?:\s*-\s*([0-9]+))?\s*", re.ASCII)
_SKIP_RE = re.compile(r"[?&](?:amp;)?skip=([0-9]+)", re.ASCII)
_ITEM_ANCHOR_RE = re.compile(r"#item([0-9]+)$", re.ASCII)
_IGNORED = frozenset({"br", "hr", "script", "style", "form", "noscript", "img", "input"})
_BOILERPLATE = ("see recent", "see today", "no updates today")


class _Section:
    __slots__ = ("date", "empty_note", "items", "kind", "line", "showing")

    def __init__(self, kind: SectionKind, line: int | None) -> None:
        self.kind = kind
        self.date: _dt.date | None = None
        self.showing: Showing | None = None
        self.items: list[ListingItem] = []
        self.empty_note = False
        self.line = line


class _Page:
    """Everything read from one page, before it becomes a :class:`Listing`."""

    def __init__(self, diag: Diagnostics) -> None:
        self.diag = diag
        self.name: str | None = None
        self.kind: ListingKind | None = None
        self.date: _dt.date | None = None
        self.year: int | None = None
        self.month: int | None = None
        self.days: list[ListingDay] = []
        self.starts: list[SectionStart] = []
        self.total: int | None = None
        self.skip: int | None = None
        self.show: int | None = None
        self.dateline: str | None = None
        self.no_updates = False
        self.sections: list[_Section] = []
        self.current: _Section | None = None
        self.heading_waits = False  # a legacy h3 opened a section that awaits its dl
        self.own: tuple[str, str] | None = None  # (context, subcontext) of paging links
        self.context: str | None = None  # from any other /list/ link on the page
        self.legacy = False
        self.entries = 0
        self.paging_seen = 0

    # -- headings ----------------------------------------------------------------

    def h1(self, el: etree._Element) -> None:
        if self.name is None:
            self.name = norm_text(el)

    def h2(self, el: etree._Element) -> None:
        text = norm_text(el)
        m = _TITLES_FOR_RE.match(text)
        if m is None:
            if text.lower().rstrip(":") in ("new submissions", "replacements", "cross-lists"):
                self.kind = ListingKind.NEW
                return
            self._unknown(el, "a heading this parser does not know")
            return
        period = m.group(1).strip()
        if period.lower().startswith("recent"):
            self.kind = ListingKind.RECENT
        elif period.isascii() and period.isdigit() and len(period) == 4:
            self.kind, self.year = ListingKind.YEAR, int(period)
        else:
            mm = _MONTH_YEAR_RE.fullmatch(period)
            month = _month_number(mm.group(1)) if mm else None
            if mm is None or month is None:
                self._report(DefectKind.BAD_DATE, "period of a listing heading", el, text)
                return
            self.kind, self.year, self.month = ListingKind.MONTH, int(mm.group(2)), month

    def h3(self, el: etree._Element, inside_dl: bool) -> None:
        text = norm_text(el)
        m = _SHOWING_NEW_RE.match(text)
        if m is not None:
            self.kind = ListingKind.NEW
            self._listing_date(m.group(1), el)
            return
        head, _, note = text.partition("(")
        head = head.strip()
        note = note.rsplit(")", 1)[0] if note else ""
        lower = head.lower()
        for label, kind in _SECTION_LABELS:
            if lower.startswith(label):
                rest = head[len(label) :].strip()
                section = self._open(kind, el, inside_dl)
                self.kind = self.kind or ListingKind.NEW
                if rest.lower().startswith("for "):
                    self.legacy = True
                    self._listing_date(rest[4:], el)
                elif rest:
                    self._report(DefectKind.UNKNOWN_ELEMENT, "text after a section name", el, text)
                self._showing(section, note, el, text)
                return
        day, problem = parse_day(head)
        if day is None:
            self._unknown(el, "a section heading this parser does not know")
            self._open(SectionKind.ALL, el, inside_dl)
            return
        if problem is not None:
            self._report(DefectKind.INCONSISTENT, problem, el, text)
        section = self._open(SectionKind.DAY, el, inside_dl)
        section.date = day
        if self.kind is None:
            self.kind = ListingKind.RECENT
        self._showing(section, note, el, text)

    def _listing_date(self, text: str, el: etree._Element) -> None:
        day, problem = parse_day(text)
        if day is None:
            self._report(DefectKind.BAD_DATE, problem or "not a date", el, text)
            return
        if problem is not None:
            self._report(DefectKind.INCONSISTENT, problem, el, text)
        if self.date is None:
            self.date = day
        elif self.date != day:
            self._report(DefectKind.INCONSISTENT, "two announcement dates", el, text)

    def _showing(self, section: _Section, note: str, el: etree._Element, text: str) -> None:
        if not note.strip():
            return
        showing = parse_showing(note)
        if showing is None:
            self._report(DefectKind.BAD_NUMBER, "unreadable entry count in a heading", el, text)
        section.showing = showing

    def _open(self, kind: SectionKind, el: etree._Element, inside_dl: bool) -> _Section:
        section = _Section(kind, el.sourceline)
        self.sections.append(section)
        self.current = section
        self.heading_waits = not inside_dl
        return section

    # -- indexes and paging ------------------------------------------------------

    def ul(self, el: etree._Element) -> None:
        for a in el.iter("a"):
            text = norm_text(a)
            href = a.get("href") or ""
            self._link(href, own=False)
            label = text.lower()
            kind = next((k for lab, k in _SECTION_LABELS if label == lab), None)
            if kind is not None:
                m = _ITEM_ANCHOR_RE.search(href)
                if m is None:
                    self._report(DefectKind.MISSING_FIELD, "index entry without #item", a, href)
                else:
                    self.starts.append(SectionStart(kind, int(m.group(1))))
                continue
            day, problem = parse_day(text)
            if day is None:
                self._unknown(a, "an index entry this parser does not know")
                continue
            if problem is not None:
                self._report(DefectKind.INCONSISTENT, problem, a, text)
            m = _SKIP_RE.search(href)
            anchor = _ITEM_ANCHOR_RE.search(href)
            skip = int(m.group(1)) if m else (int(anchor.group(1)) - 1 if anchor else None)
            self.days.append(ListingDay(day, skip))

    def paging(self, el: etree._Element) -> None:
        text = norm_text(el)
        for a in el.iter("a"):
            self._link(a.get("href") or "", own=True)
        m = _TOTAL_RE.search(text)
        if m is not None:
            self._set("total", int(m.group(1)), el, text)
            current = next((c for c in el.iter("span", "b") if c is not el), None)
            if current is not None:
                cm = _CURRENT_RE.fullmatch(norm_text(current))
                if cm is not None:
                    start = int(cm.group(1))
                    skip = start - 1 if cm.group(2) is not None else start
                    self._set("skip", max(skip, 0), current, text)
            return
        m = _SHOW_RE.search(text)
        if m is not None:
            self._set("show", int(m.group(1)), el, text)
            return
        self._unknown(el, "a paging block this parser does not read")

    def _set(self, name: str, value: int, el: etree._Element, text: str) -> None:
        old = getattr(self, name)
        if old is None:
            setattr(self, name, value)
        elif old != value:
            self._report(
                DefectKind.INCONSISTENT, f"the two paging blocks disagree on {name}", el, text
            )

    def _link(self, href: str, *, own: bool) -> None:
        found = list_href(href)
        if found is None:
            return
        if own and self.own is None:
            self.own = found
        if self.context is None and found[0]:
            self.context = found[0]

    # -- entries -----------------------------------------------------------------

    def dl(self, el: etree._Element) -> None:
        first = next((c for c in el if isinstance(c.tag, str)), None)
        waiting = self.heading_waits and self.current is not None and not self.current.items
        if (first is None or first.tag != "h3") and not waiting:
            self._open(SectionKind.ALL, el, True)
        self.heading_waits = False
        pending: etree._Element | None = None
        for child in el:
            tag = child.tag
            if tag == "dt":
                if pending is not None:
                    self._report(DefectKind.MISSING_FIELD, "<dt> without its <dd>", pending, None)
                    self._entry(pending, None)
                pending = child
            elif tag == "dd":
                if pending is None:
                    self._report(DefectKind.MISSING_FIELD, "<dd> without its <dt>", child, None)
                self._entry(pending, child)
                pending = None
            elif tag == "h3":
                self.h3(child, inside_dl=True)
            elif tag == "p":
                text = norm_text(child).lower()
                if text.startswith("no updates"):
                    if self.current is not None:
                        self.current.empty_note = True
                    if "today" in text:
                        self.no_updates = True
                elif text:
                    self._unknown(child, "text inside a list this parser does not know")
            elif isinstance(tag, str) and tag not in _IGNORED:
                self._unknown(child, "an element inside a list this parser does not know")
        if pending is not None:
            self._report(DefectKind.MISSING_FIELD, "<dt> without its <dd>", pending, None)
            self._entry(pending, None)

    def _entry(self, dt: etree._Element | None, dd: etree._Element | None) -> None:
        self.entries += 1
        item, legacy = parse_entry(dt, dd, self.diag, self.entries)
        self.legacy = self.legacy or legacy
        if self.current is None:
            self._open(SectionKind.ALL, dt if dt is not None else dd, True)  # type: ignore[arg-type]
        self.current.items.append(item)  # type: ignore[union-attr]

    # -- the rest ----------------------------------------------------------------

    def other(self, el: etree._Element) -> None:
        tag = el.tag
        cls = el.get("class") or ""
        if tag == "div" and cls.startswith(("paging", "morefewer")):
            self.paging(el)
        elif tag == "small":
            self.legacy = True
            self.paging(el)
        elif tag == "div" and cls.startswith("list-dateline"):
            self.dateline = norm_text(el)
        elif tag in ("p", "span"):
            text = norm_text(el)
            for a in el.iter("a"):
                self._link(a.get("href") or "", own=False)
            if text.lower().startswith("no updates today"):
                self.no_updates = True
            elif text and not text.lower().startswith(_BOILERPLATE):
                self._unknown(el, "text this parser does not know")
        elif tag in ("div", "section", "main", "center", "table", "tbody", "tr", "td"):
            walk(self, el)
        elif isinstance(tag, str) and tag not in _IGNORED and norm_text(el):
            self._unknown(el, "an element this parser does not know")

    def _unknown(self, el: etree._Element, what: str) -> None:
        self._report(DefectKind.UNKNOWN_ELEMENT, f"<{el.tag!s}>: {what}; skipped", el, None)

    def _report(
        self, kind: DefectKind, message: str, el: etree._Element, snippet: str | None
    ) -> None:
        self.diag.report(
            kind,
            message,
            line=el.sourceline,
            snippet=snippet if snippet is not None else element_snippet(el),
            where="listing",
        )


def _month_number(name: str) -> int | None:
    for i, month in enumerate(MONTHS, 1):
        if month.lower() == name.lower() or (len(name) == 3 and month[:3].lower() == name.lower()):
            return i
    return None


def walk(page: _Page, container: etree._Element) -> None:
    """Dispatch every child of ``container`` in document order."""
    for el in container:
        tag = el.tag
        if not isinstance(tag, str) or tag in _IGNORED:
            continue
        if tag == "dl":
            page.dl(el)
        elif tag == "h3":
            page.h3(el, inside_dl=False)
        elif tag == "h2":
            page.h2(el)
        elif tag == "h1":
            page.h1(el)
        elif tag == "ul":
            page.ul(el)
        else:
            page.other(el)


def _find_dlpage(root: etree._Element) -> etree._Element | None:
    for el in root.iter("div"):
        if el.get("id") == "dlpage":
            return el
    return None


def _breadcrumb(root: etree._Element) -> str | None:
    for el in root.iter("div"):
        if (el.get("class") or "").startswith("header-breadcrumbs"):
            for a in el.iter("a"):
                found = list_href(a.get("href") or "")
                if found is not None and found[0]:
                    return found[0]
            return None
        if el.get("id") == "dlpage":
            return None
    return None


def parse_listing_page(data: str | bytes, strict: bool) -> Listing:
    """Parse one listing page (see :func:`arxivlisting.formats.listing.parse_listing`)."""
    diag = Diagnostics(strict, data)
    root = load_page(data, diag, "a listing page")
    page = _Page(diag)
    dlpage = _find_dlpage(root)
    if dlpage is None:
        body = root.find("body")
        if body is None or not any(True for _ in body.iter("dt")):
            raise ParseError(
                "not an arXiv listing page: no div#dlpage and no entries"
                + other_format_hint(data, "listing"),
                kind=DefectKind.SYNTAX,
                line=1,
            )
        diag.report(DefectKind.MISSING_FIELD, "no div#dlpage; the page body was read", line=1)
        dlpage = body
    walk(page, dlpage)
    return _build(page, root, diag)


def _build(page: _Page, root: etree._Element, diag: Diagnostics) -> Listing:
    sections = []
    for s in page.sections:
        if s.empty_note and s.items:
            diag.report(
                DefectKind.INCONSISTENT,
                "a section says 'No updates' but lists entries",
                line=s.line,
                where="listing",
            )
        showing = s.showing
        sections.append(
            ListingSection(
                kind=s.kind,
                items=tuple(s.items),
                date=s.date,
                shown=showing.shown if showing else None,
                total=showing.total if showing else None,
                continued=showing.continued if showing else False,
                continues=showing.continues if showing else False,
            )
        )
        if showing is not None and showing.shown != len(s.items):
            diag.report(
                DefectKind.COUNT_MISMATCH,
                f"the heading says {showing.shown} entries, the section holds {len(s.items)}",
                line=s.line,
                where="listing",
            )
    kind = page.kind
    own_sub = page.own[1] if page.own else None
    if kind == ListingKind.RECENT and own_sub == "pastweek":
        kind = ListingKind.PASTWEEK
    elif kind is None and own_sub is not None:
        kind = _kind_of_subcontext(own_sub)
    category = _breadcrumb(root)
    own_ctx = page.own[0] if page.own and page.own[0] else None
    if category is None:
        category = own_ctx or page.context
    elif own_ctx is not None and own_ctx != category:
        diag.report(
            DefectKind.INCONSISTENT,
            "the breadcrumb and the paging links name different listings",
            snippet=f"{category} / {own_ctx}",
            where="listing",
        )
    if not sections and not page.no_updates and page.total != 0:
        diag.report(DefectKind.MISSING_FIELD, "the page lists no entries", where="listing")
    return Listing(
        sections=tuple(sections),
        category=category,
        name=page.name,
        kind=kind,
        date=page.date,
        year=page.year,
        month=page.month,
        days=tuple(page.days),
        section_starts=tuple(page.starts),
        total=page.total,
        skip=page.skip,
        show=page.show,
        dateline=page.dateline,
        no_updates=page.no_updates,
        markup="legacy" if page.legacy else "2024",
        defects=tuple(diag.defects),
    )


def _kind_of_subcontext(sub: str) -> ListingKind | None:
    if sub in ("new", "recent", "pastweek"):
        return ListingKind(sub)
    if len(sub) == 4 and sub.isdigit():
        return ListingKind.YEAR
    if len(sub) == 7 and sub[:4].isdigit() and sub[4] == "-":
        return ListingKind.MONTH
    return None
