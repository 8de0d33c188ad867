"""Private: one decoded Kaggle JSON object -> :class:`KaggleRecord`, built for speed.

This runs once per line of multi-gigabyte files, so the common case takes short cuts
that give the same result as the general code: author lines without parentheses, TeX,
``and`` or other separators than commas are split on commas and checked against
``authors_parsed`` name by name; anything else goes through the full author parser.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from typing import Any

from .. import taxonomy
from .._authors_tex import tex_to_unicode
from .._build import new_author, new_paper, new_version
from .._diag import Diagnostics
from ..authors import is_collaboration, propagate, read_authors
from ..errors import DefectKind
from ..ids import ArxivId
from ..records import Author, Version
from ..text import normalize_space
from ._absdates import parse_rfc2822
from ._kaggle_record import KEYS, KaggleRecord, new_kaggle_record

__all__ = ["read_object"]

_KEYSET = frozenset(KEYS)
_KNOWN = frozenset(taxonomy.CATEGORIES) | frozenset(taxonomy.ARCHIVES)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAYS_COMMA = tuple(d + "," for d in _DAYS)
_UTC = _dt.timezone.utc
# Author lines holding none of these are names separated by commas and "and" only (a
# suffix after a comma would split a name). Anything else the split gets wrong ("et al",
# collaborations with colons) fails the check against authors_parsed and goes the long way.
_SIMPLE_AUTHORS_BLOCKERS = ("(", ")", ":", ";", "&")
_SUFFIX_AFTER_COMMA_RE = re.compile(r",\s*(?:Jr|Sr|JR|SR|II|III|IV)\b")
_SIMPLE_SPLIT_RE = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_MARKER_RE = re.compile(r"[\d\s,;&]*(?:\band\b[\d\s,;&]*)*")
_WHERE = "kaggle"


def _created(text: str) -> tuple[_dt.datetime | None, str | None]:
    """``Mon, 2 Apr 2007 19:18:42 GMT`` quickly; anything else the general way."""
    parts = text.split(" ")
    if len(parts) == 6 and parts[5] == "GMT":
        clock = parts[4].split(":")
        month = _MONTHS.get(parts[2])
        if month is not None and len(clock) == 3 and parts[3].isdigit():
            try:
                value = _dt.datetime(
                    int(parts[3]),
                    month,
                    int(parts[1]),
                    int(clock[0]),
                    int(clock[1]),
                    int(clock[2]),
                    tzinfo=_UTC,
                )
            except ValueError:
                value = None
            if value is not None and parts[0] == _DAYS[value.weekday()] + ",":
                return value, None
    return parse_rfc2822(text)


def _norm(text: str) -> str:
    """:func:`normalize_space` with a short cut for arXiv's wrapped ASCII text."""
    stripped = text.strip()
    if stripped.isascii():
        joined = stripped.replace("\n", " ")
        if (
            "  " not in joined
            and "\t" not in joined
            and "\r" not in joined
            and "\x0b" not in joined
            and "\x0c" not in joined
            and "\x1c" not in joined
            and "\x1d" not in joined
            and "\x1e" not in joined
            and "\x1f" not in joined
        ):
            return joined
    return normalize_space(text)


def _name_key(name: str) -> str:
    return name.replace(" ", "").replace(".", "").replace("\n", "")


def _parts_key(parts: Any) -> str:
    return _name_key(f"{parts[1]}{parts[0]}{parts[2]}")


class _Reader:
    __slots__ = ("diag", "line")

    def __init__(self, diag: Diagnostics, line: int | None) -> None:
        self.diag = diag
        self.line = line

    def report(self, kind: DefectKind, message: str, snippet: str | None, field: str) -> None:
        self.diag.report(kind, message, line=self.line, snippet=snippet, where=f"{_WHERE}/{field}")

    def text(self, obj: dict[str, Any], key: str) -> str | None:
        value = obj.get(key)
        if value is None or type(value) is str:
            return value
        self.report(DefectKind.SYNTAX, f"{key} is not a string or null", repr(value)[:200], key)
        return None


_TEXT_KEYS = KEYS[:11]
_TEXT_TYPES = frozenset({str, type(None)})
_ID_RE = re.compile(r"([0-9]{2})([0-9]{2})\.([0-9]{4,5})")


def _paper_id(raw: str, r: _Reader) -> ArxivId | None:
    """The id, quickly for the common new-style spelling, else via :meth:`ArxivId.parse`."""
    m = _ID_RE.fullmatch(raw)
    if m is not None:
        yy, mm, number = m.groups()
        if len(number) == (5 if yy + mm >= "1501" else 4):
            try:
                return ArxivId(2000 + int(yy), int(mm), int(number))
            except ValueError:
                pass
    found = ArxivId.try_parse(raw)
    if found is None:
        r.report(DefectKind.BAD_ID, "id is not an arXiv identifier", raw, "id")
    return found


def read_object(
    obj: dict[str, Any], source: str | bytes | None, diag: Diagnostics, line: int | None
) -> KaggleRecord:
    """Build the record for one decoded line; ``source`` is the line as read."""
    r = _Reader(diag, line)
    extra: tuple[tuple[str, str], ...] = ()
    if tuple(obj) != KEYS and obj.keys() != _KEYSET:
        extra = _odd_keys(obj, r)
    values = list(map(obj.get, _TEXT_KEYS))
    if not set(map(type, values)) <= _TEXT_TYPES:
        values = [r.text(obj, key) for key in _TEXT_KEYS]
    raw_id, submitter, raw_authors, title, comments, jref, raw_doi, report_no, cats, lic, ab = (
        values
    )
    name_parts = _authors_parsed(obj.get("authors_parsed"), r)
    authors = () if raw_authors is None else _authors(raw_authors, name_parts, r)
    versions = _versions(obj.get("versions"), r)
    categories: tuple[str, ...] = ()
    if cats is not None:
        categories = tuple(cats.split())
        for code in categories:
            if code not in _KNOWN:
                r.report(
                    DefectKind.UNKNOWN_CATEGORY,
                    "unknown category (kept as given)",
                    code,
                    "categories",
                )
    paper = new_paper(  # trusted: tuples and UTC times
        None if raw_id is None else _paper_id(raw_id, r),
        None if title is None else _norm(title),
        authors,
        None if ab is None else _norm(ab),
        None if comments is None else _norm(comments),
        None if jref is None else _norm(jref),
        tuple(raw_doi.split()) if raw_doi else (),
        None if report_no is None else _norm(report_no),
        categories,
        categories[0] if categories else None,
        None,
        None,
        None if lic is None else _norm(lic),
        versions[0].date if versions else None,
        versions[-1].date if versions else None,
        versions,
        (),
        None if submitter is None else _submitter(submitter),
        None,
    )
    update = obj.get("update_date")
    return new_kaggle_record(
        paper,
        None if update is None else _update_date(update, r),
        name_parts,
        extra,
        source,
        tuple(diag.defects) if diag.defects else (),
    )


def _submitter(raw: str) -> str | None:
    return normalize_space(tex_to_unicode(raw)) or None


def _odd_keys(obj: dict[str, Any], r: _Reader) -> tuple[tuple[str, str], ...]:
    for key in KEYS:
        if key not in obj:
            r.report(DefectKind.MISSING_FIELD, f"no {key!r} key", None, key)
    extra = []
    for key, value in obj.items():
        if key not in _KEYSET:
            text = json.dumps(value, separators=(",", ":"))
            extra.append((key, text))
            r.report(
                DefectKind.UNKNOWN_ELEMENT, f"key {key!r} is not a snapshot field", text[:200], key
            )
    return tuple(extra)


def _authors_parsed(value: Any, r: _Reader) -> tuple[tuple[str, ...], ...]:
    if value is None:
        return ()
    try:
        out = tuple(map(tuple, value))
    except TypeError:
        out = None
    if (
        out is None
        or type(value) is not list
        or not all(len(p) >= 3 for p in out)
        or not all(type(x) is str for p in out for x in p)
    ):
        r.report(
            DefectKind.SYNTAX,
            "authors_parsed is not a list of [last, first, suffix, ...]",
            repr(value)[:200],
            "authors_parsed",
        )
        return ()
    return out


def _authors(text: str, parts: tuple[tuple[str, ...], ...], r: _Reader) -> tuple[Author, ...]:
    """Names and affiliations from the free text, name parts from ``authors_parsed``."""
    if not any(b in text for b in _SIMPLE_AUTHORS_BLOCKERS) and (
        "," not in text or not _SUFFIX_AFTER_COMMA_RE.search(text)
    ):
        names = _SIMPLE_SPLIT_RE.split(text.strip()) if "and" in text else text.split(",")
        if len(names) == len(parts):
            out = []
            for raw, p in zip(names, parts, strict=True):
                name = raw.strip()
                if "\n" in name or "  " in name:
                    name = " ".join(name.split())
                if "\\" in name or "{" in name:
                    name = normalize_space(tex_to_unicode(name))
                if not name or len(p) > 3 or _name_key(name) != _parts_key(p):
                    break
                out.append(new_author(name, (), p[0] or None, p[1] or None, p[2] or None))
            else:
                return tuple(out)
    if "(" in text:
        found = _authors_medium(text, parts)
        if found is not None:
            return found
    return _authors_slow(text, parts, r)


# "Name (Affiliation) (Affiliation), Name and Name (Affiliation)": one piece per author.
_MEDIUM_RE = re.compile(r"\s*([^,()]+?)((?:\s*\([^()]*\))*)\s*(?:,\s*(?:and\s+)?|\s+and\s+|\Z)")
_GROUP_RE = re.compile(r"\(([^()]*)\)")


def _authors_medium(text: str, parts: tuple[tuple[str, ...], ...]) -> tuple[Author, ...] | None:
    """Author lines whose parentheses are plain affiliations (no numbers, no nesting).

    Returns None, to let the full parser decide, for anything else and whenever the
    result does not agree with ``authors_parsed`` exactly.
    """
    out: list[Author] = []
    pos = 0
    end = len(text)
    while pos < end:
        m = _MEDIUM_RE.match(text, pos)
        if m is None or m.end() == pos:
            return None
        pos = m.end()
        name = _clean(m.group(1))
        affs = tuple(_clean(a) for a in _GROUP_RE.findall(m.group(2)))
        if any(not a or a[0].isdigit() or "shown" in a for a in affs):
            return None
        if len(out) == len(parts) or _name_key(name) != _parts_key(parts[len(out)]):
            return None
        p = parts[len(out)]
        out.append(new_author(name, affs, p[0] or None, p[1] or None, p[2] or None))
    if len(out) != len(parts):
        return None
    collab = [i for i, a in enumerate(out) if is_collaboration(a.name)]
    for author, p in zip(propagate(tuple(out), collab), parts, strict=True):
        for aff in p[3:]:
            clean = _clean(aff)
            if clean and not _MARKER_RE.fullmatch(clean) and clean not in author.affiliations:
                return None
    return tuple(out)


def _clean(text: str) -> str:
    if "\\" in text or "{" in text:
        text = tex_to_unicode(text)
    return " ".join(text.split())


def _authors_slow(text: str, parts: tuple[tuple[str, ...], ...], r: _Reader) -> tuple[Author, ...]:
    authors, collab, defects = read_authors(text)
    for d in defects:
        r.report(d.kind, d.message, d.snippet, "authors")
    if not parts:
        return authors
    if len(authors) != len(parts):
        r.report(
            DefectKind.INCONSISTENT,
            f"authors names {len(authors)} people, authors_parsed {len(parts)}",
            text[:200],
            "authors_parsed",
        )
        return authors
    out = []
    for index, (author, p) in enumerate(zip(authors, parts, strict=True), 1):
        if _name_key(author.name) != _parts_key(p):
            r.report(
                DefectKind.INCONSISTENT,
                f"author {index} is {author.name!r} in authors and {list(p[:3])} in authors_parsed",
                author.name,
                "authors_parsed",
            )
            out.append(author)
            continue
        out.append(
            new_author(author.name, author.affiliations, p[0] or None, p[1] or None, p[2] or None)
        )
    if any(len(p) > 3 for p in parts):
        _check_affiliations(authors, collab, parts, r)
    return tuple(out)


def _check_affiliations(
    authors: tuple[Author, ...],
    collab: tuple[int, ...],
    parts: tuple[tuple[str, ...], ...],
    r: _Reader,
) -> None:
    """arXiv's affiliations (propagated) must be ours; its marker leftovers are skipped."""
    for index, (author, p) in enumerate(zip(propagate(authors, collab), parts, strict=True), 1):
        for aff in p[3:]:
            clean = normalize_space(tex_to_unicode(aff))
            if clean and not _MARKER_RE.fullmatch(clean) and clean not in author.affiliations:
                r.report(
                    DefectKind.INCONSISTENT,
                    f"author {index}: authors_parsed gives an affiliation the author line does not",
                    clean,
                    "authors_parsed",
                )


def _versions(value: Any, r: _Reader) -> tuple[Version, ...]:
    if type(value) is not list:
        if value is not None:
            r.report(DefectKind.SYNTAX, "versions is not a list", repr(value)[:200], "versions")
        return ()
    out = []
    index = 0
    months = _MONTHS
    for item in value:
        index += 1
        try:
            label = item["version"]
            created = item["created"]
            number = int(label[1:]) if label[0] == "v" and label[1:].isdigit() else 0
        except (TypeError, KeyError, IndexError):
            number = 0
            created = None
        if not 0 < number < 10**6:
            r.report(
                DefectKind.BAD_NUMBER, "a version that is not vN", repr(item)[:200], "versions"
            )
            continue
        date = None
        parts = created.split(" ") if type(created) is str else ()
        if len(parts) == 6 and parts[5] == "GMT" and parts[2] in months:
            clock = parts[4]
            try:
                date = _dt.datetime(
                    int(parts[3]),
                    months[parts[2]],
                    int(parts[1]),
                    int(clock[:2]),
                    int(clock[3:5]),
                    int(clock[6:]),
                    tzinfo=_UTC,
                )
            except ValueError:
                date = None
            if date is not None and (len(clock) != 8 or parts[0] != _DAYS_COMMA[date.weekday()]):
                date = None
        if date is None:
            date, problem = _created(created) if type(created) is str else (None, "no date")
            if problem is not None:
                r.report(
                    DefectKind.BAD_DATE if date is None else DefectKind.INCONSISTENT,
                    f"version v{number}: {problem}",
                    repr(created)[:200],
                    "versions",
                )
        if number != index:
            r.report(
                DefectKind.INCONSISTENT,
                f"version v{number} is listed as number {index}",
                str(number),
                "versions",
            )
        out.append(new_version(number, date))  # number >= 1, date in UTC
    return tuple(out)


def _update_date(value: Any, r: _Reader) -> _dt.date | None:
    if value is None:
        return None
    if type(value) is str and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            pass
    r.report(DefectKind.BAD_DATE, "update_date is not YYYY-MM-DD", repr(value)[:200], "update_date")
    return None
