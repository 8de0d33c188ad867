"""arXiv's announcement feeds: rss.arxiv.org RSS 2.0 and Atom, and the pre-2024 RSS 1.0.

``parse_rss`` reads all three into an :class:`RssFeed` of :class:`RssItem`;
``render_rss`` writes a feed back in its own format (``feed.format``).

* RSS 2.0 (2024+): each item's description is ``arXiv:<id>v<n> Announce Type: <type> ``
  + newline + ``Abstract: ...``; ``arxiv:announce_type`` is one of new, replace,
  absonly, cross, replace-cross; ``dc:creator`` is one author string with affiliations
  in parentheses; ``arxiv:journal_reference`` and ``arxiv:DOI`` (spelled differently
  from the API); guid ``oai:arXiv.org:<id>v<n>``; ``pubDate`` at midnight New York time.
* Atom (rss.arxiv.org ``/atom/``): the same facts as Atom entries (``id`` is the guid).
* RSS 1.0 (``rdf:RDF``): items titled ``<Title>. (arXiv:<id>v<n> [<cat>] UPDATED)``,
  the abstract as escaped HTML, ``dc:creator`` as escaped author links.

Parsing is safe XML (no DTDs, no entity expansion). Every time is UTC.

>>> from arxivlisting.formats.rss import parse_rss, render_rss
>>> xml = '''<rss xmlns:arxiv="http://arxiv.org/schemas/atom"
...   xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0"><channel>
... <title>cs.CL updates on arXiv.org</title>
... <pubDate>Mon, 27 Apr 2026 00:00:00 -0400</pubDate>
... <item><title>A title</title><link>https://arxiv.org/abs/2604.00001</link>
... <description>arXiv:2604.00001v2 Announce Type: replace-cross
... Abstract: An abstract.</description>
... <guid isPermaLink="false">oai:arXiv.org:2604.00001v2</guid>
... <category>cs.CL</category><category>cs.AI</category>
... <pubDate>Mon, 27 Apr 2026 00:00:00 -0400</pubDate>
... <arxiv:announce_type>replace-cross</arxiv:announce_type>
... <dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>
... <dc:creator>Ada Lovelace (Analytical Society, London), Charles Babbage</dc:creator>
... </item></channel></rss>'''
>>> feed = parse_rss(xml)
>>> feed.categories, feed.pub_date.isoformat()
(('cs.CL',), '2026-04-27T04:00:00+00:00')
>>> item = feed.items[0]
>>> str(item.paper.id), item.announce_type.value, item.paper.abstract
('2604.00001v2', 'replace-cross', 'An abstract.')
>>> [(a.name, a.affiliations) for a in item.paper.authors]
[('Ada Lovelace', ('Analytical Society, London',)), ('Charles Babbage', ())]
>>> parse_rss(render_rss(feed)) == feed
True
"""

from __future__ import annotations

import re

from ._rss_parse import parse_feed
from ._rss_records import RssFeed, RssFormat, RssItem
from ._rss_render import render_feed

__all__ = ["RssFeed", "RssFormat", "RssItem", "looks_like", "parse_rss", "render_rss"]


def parse_rss(data: str | bytes, *, strict: bool = False) -> RssFeed:
    """Parse an arXiv feed (RSS 2.0, rss.arxiv.org Atom or RSS 1.0) into an :class:`RssFeed`.

    Lenient by default (defects on ``feed.defects``); ``strict=True`` raises
    :class:`~arxivlisting.errors.ParseError` at the first defect. A document that is no
    feed at all raises ``ParseError``; an empty channel is an empty feed.

    >>> parse_rss('<rss version="2.0"><channel><title>math updates on arXiv.org</title>'
    ...           '</channel></rss>').items
    ()
    """
    return parse_feed(data, strict)


def render_rss(feed: RssFeed) -> bytes:
    """Write ``feed`` as a UTF-8 document in its format (``feed.format``).

    Item descriptions are written from the id, announce type and abstract; ``dc:creator``
    from ``creator`` (or the authors when it is None). Defects are not written.

    >>> from arxivlisting import ArxivId, Paper
    >>> xml = render_rss(RssFeed(items=[RssItem(Paper(id=ArxivId.parse("2401.00001v1"),
    ...                                             abstract="A."), announce_type="new")]))
    >>> b"arXiv:2401.00001v1 Announce Type: new \\nAbstract: A." in xml
    True
    """
    return render_feed(feed)


_RSS_RE = re.compile(
    r"<rss\b[^>]*>|<(?:[A-Za-z_][\w.-]*:)?RDF\b[^>]*http://purl\.org/rss/1\.0/"
    r"|rss\.arxiv\.org/atom/|<arxiv:announce_type\b",
    re.S,
)


def looks_like(head: str) -> bool:
    """True when ``head`` (the first kilobytes) looks like an arXiv feed.

    The rss.arxiv.org Atom variant is told from an API response by its ``rss.arxiv.org``
    links and ``arxiv:announce_type`` elements.

    >>> looks_like('<rss xmlns:arxiv="http://arxiv.org/schemas/atom" version="2.0">')
    True
    >>> looks_like('<feed xmlns="http://www.w3.org/2005/Atom"><id>http://arxiv.org/api/x</id>')
    False
    """
    return head.lstrip().startswith("<") and _RSS_RE.search(head) is not None
