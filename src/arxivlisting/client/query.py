"""Build arXiv API queries in its fielded syntax, and read them back.

Fields: ``ti`` (title), ``au`` (author), ``abs`` (abstract), ``co`` (comment), ``jr``
(journal reference), ``cat`` (category), ``rn`` (report number), ``id`` and ``all``;
``submittedDate``/``lastUpdatedDate`` ranges ``[YYYYMMDDHHMM TO YYYYMMDDHHMM]`` (GMT).
Combine with ``&`` (AND), ``|`` (OR) and ``-`` (ANDNOT; mind Python's precedence: ``-``
binds tighter than ``&`` and ``|``, so parenthesize, or use :meth:`Query.and_not`):

>>> from arxivlisting.client.query import au, ti, cat, submitted, parse_query
>>> q = (au("del maestro") & (ti("checkerboard") | ti("pyrochlore"))) - cat("cond-mat.str-el")
>>> str(q)
'(au:"del maestro" AND (ti:checkerboard OR ti:pyrochlore)) ANDNOT cat:cond-mat.str-el'
>>> parse_query(str(q)) == q
True
>>> str(cat("cs.CL") & submitted("202401010000", "202401312359"))
'cat:cs.CL AND submittedDate:[202401010000 TO 202401312359]'

Rendering is exact and canonical: values with spaces or syntax characters are quoted,
runs of one operator are flat (``a AND b AND c``), and every other compound operand is
parenthesized, so arXiv never has to guess a precedence. :func:`parse_query` reads the
syntax back; it knows no precedence either and reads an unparenthesized mix of
operators left to right (``a AND b OR c`` is ``(a AND b) OR c``). Bare words without a
field are free text (``electron thermal``), as arXiv accepts them. A double quote
cannot be written inside a value: arXiv's syntax has no escape for it.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable

import attrs

__all__ = [
    "DATE_FIELDS",
    "FIELDS",
    "And",
    "AndNot",
    "DateRange",
    "Field",
    "Or",
    "Query",
    "QuerySyntaxError",
    "SortBy",
    "SortOrder",
    "Term",
    "abstract",
    "all_",
    "au",
    "cat",
    "co",
    "field",
    "id_",
    "jr",
    "last_updated",
    "parse_query",
    "rn",
    "submitted",
    "ti",
]


class Field(str, enum.Enum):
    """The fielded-search prefixes of the arXiv API.

    >>> str(field(Field.JOURNAL_REF, "Nature"))
    'jr:Nature'
    """

    TITLE = "ti"
    AUTHOR = "au"
    ABSTRACT = "abs"
    COMMENT = "co"
    JOURNAL_REF = "jr"
    CATEGORY = "cat"
    REPORT_NUMBER = "rn"
    ID = "id"
    ALL = "all"


class SortBy(str, enum.Enum):
    """``sortBy`` of the API.

    >>> SortBy("submittedDate") is SortBy.SUBMITTED
    True
    """

    RELEVANCE = "relevance"
    LAST_UPDATED = "lastUpdatedDate"
    SUBMITTED = "submittedDate"


class SortOrder(str, enum.Enum):
    """``sortOrder`` of the API.

    >>> SortOrder.ASCENDING.value
    'ascending'
    """

    ASCENDING = "ascending"
    DESCENDING = "descending"


#: Prefixes that take a word or phrase.
FIELDS = frozenset(f.value for f in Field)
#: Prefixes that take a ``[start TO end]`` range.
DATE_FIELDS = frozenset({"submittedDate", "lastUpdatedDate"})
_OPERATORS = frozenset({"AND", "OR", "ANDNOT"})
_SPECIAL = frozenset('()[]":')


class QuerySyntaxError(ValueError):
    """Text that is not a query in arXiv's syntax; ``position`` is the 0-based offset.

    >>> try:
    ...     parse_query("ti:a AND")
    ... except QuerySyntaxError as exc:
    ...     exc.position
    8
    """

    def __init__(self, message: str, text: str, position: int) -> None:
        self.text = text
        self.position = position
        super().__init__(f"{message} (at offset {position}): {text!r}")


class Query:
    """Base of the query nodes: ``&`` is AND, ``|`` OR, ``-`` ANDNOT; ``str()`` renders.

    >>> str(ti("a") & ti("b") & ti("c")), str((ti("a") | ti("b")) - ti("c"))
    ('ti:a AND ti:b AND ti:c', '(ti:a OR ti:b) ANDNOT ti:c')
    """

    __slots__ = ()

    def __and__(self, other: Query) -> And:
        if not isinstance(other, Query):
            return NotImplemented
        return And((self, other))

    def __or__(self, other: Query) -> Or:
        if not isinstance(other, Query):
            return NotImplemented
        return Or((self, other))

    def __sub__(self, other: Query) -> AndNot:
        if not isinstance(other, Query):
            return NotImplemented
        return AndNot(self, other)

    def and_not(self, other: Query) -> AndNot:
        """``self ANDNOT other`` (the same as ``self - other``).

        >>> str(au("smith").and_not(ti("review")))
        'au:smith ANDNOT ti:review'
        """
        return AndNot(self, other)

    def render(self) -> str:
        """The query string exactly as it is sent in ``search_query``.

        >>> (ti("a") | ti("b")).render()
        'ti:a OR ti:b'
        """
        raise NotImplementedError  # pragma: no cover

    def __str__(self) -> str:
        return self.render()


def _needs_quotes(value: str) -> bool:
    return (
        not value
        or value in _OPERATORS
        or any(c.isspace() or c in _SPECIAL for c in value)
        or not value.isprintable()
    )


def _is_free_text(value: str) -> bool:
    words = value.split(" ")
    return all(w and not _needs_quotes(w) for w in words)


@attrs.frozen
class Term(Query):
    """``field:value`` (``field`` None: free text). ``quoted`` defaults to what the value needs.

    >>> str(Term("ti", "quantum criticality")), str(Term("ti", "graphene", quoted=True))
    ('ti:"quantum criticality"', 'ti:"graphene"')
    >>> str(Term(None, "electron thermal")), str(Term(None, "electron thermal", quoted=False))
    ('"electron thermal"', 'electron thermal')
    """

    field: str | None
    value: str
    quoted: bool = attrs.field(
        default=attrs.Factory(lambda self: _needs_quotes(self.value), takes_self=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.field is not None and self.field not in FIELDS:
            raise ValueError(f"unknown field {self.field!r}; one of {', '.join(sorted(FIELDS))}")
        if '"' in self.value:
            raise ValueError(f"a double quote cannot be written in an arXiv query: {self.value!r}")
        if not self.value.strip():
            raise ValueError("a query term needs a value")
        if (
            not self.quoted
            and _needs_quotes(self.value)
            and (self.field is not None or not _is_free_text(self.value))
        ):
            raise ValueError(f"{self.value!r} must be quoted")

    def render(self) -> str:
        """``field:value`` or ``field:"a phrase"``.

        >>> Term("au", "del maestro").render()
        'au:"del maestro"'
        """
        value = f'"{self.value}"' if self.quoted else self.value
        return value if self.field is None else f"{self.field}:{value}"


def _range_end(value: str | _dt.date, end: bool) -> str:
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: give a timezone (arXiv uses GMT)")
        return value.astimezone(_dt.timezone.utc).strftime("%Y%m%d%H%M")
    if isinstance(value, _dt.date):
        return value.strftime("%Y%m%d") + ("2359" if end else "0000")
    if not isinstance(value, str):
        raise TypeError(f"expected a date, datetime or YYYYMMDD[HHMM] string, not {value!r}")
    return value


@attrs.frozen
class DateRange(Query):
    """``submittedDate:[start TO end]`` (or ``lastUpdatedDate``); ends are digits, GMT.

    >>> str(DateRange("submittedDate", "202301010000", "202301010600"))
    'submittedDate:[202301010000 TO 202301010600]'
    """

    field: str
    start: str
    end: str

    def __attrs_post_init__(self) -> None:
        if self.field not in DATE_FIELDS:
            raise ValueError(f"unknown date field {self.field!r}")
        for value in (self.start, self.end):
            if not (value.isascii() and value.isdigit() and 8 <= len(value) <= 14):
                raise ValueError(f"a date range end is YYYYMMDD[HHMM[SS]] digits, not {value!r}")

    def render(self) -> str:
        """``field:[start TO end]``.

        >>> DateRange("lastUpdatedDate", "20240101", "20240131").render()
        'lastUpdatedDate:[20240101 TO 20240131]'
        """
        return f"{self.field}:[{self.start} TO {self.end}]"


def _flatten(kind: type[And] | type[Or], operands: Iterable[Query]) -> tuple[Query, ...]:
    out: list[Query] = []
    for op in operands:
        if not isinstance(op, Query):
            raise TypeError(f"expected a Query, not {type(op).__name__}")
        if type(op) is kind:
            out.extend(op.operands)
        else:
            out.append(op)
    if len(out) < 2:
        raise ValueError(f"{kind.__name__} needs at least two operands")
    return tuple(out)


def _flatten_and(operands: Iterable[Query]) -> tuple[Query, ...]:
    return _flatten(And, operands)


def _flatten_or(operands: Iterable[Query]) -> tuple[Query, ...]:
    return _flatten(Or, operands)


def _operand(q: Query, parent: type[Query]) -> str:
    text = q.render()
    if isinstance(q, (Term, DateRange)) or (type(q) is parent and parent is not AndNot):
        return text
    return f"({text})"


@attrs.frozen
class And(Query):
    """All operands (nested ANDs are flattened).

    >>> And([ti("a"), And([ti("b"), ti("c")])]).operands == (ti("a"), ti("b"), ti("c"))
    True
    """

    operands: tuple[Query, ...] = attrs.field(converter=_flatten_and)

    def render(self) -> str:
        """``a AND b AND ...``.

        >>> And([ti("a"), ti("b") | ti("c")]).render()
        'ti:a AND (ti:b OR ti:c)'
        """
        return " AND ".join(_operand(q, And) for q in self.operands)


@attrs.frozen
class Or(Query):
    """Any operand (nested ORs are flattened).

    >>> str(Or([cat("cs.CL"), cat("cs.LG")]))
    'cat:cs.CL OR cat:cs.LG'
    """

    operands: tuple[Query, ...] = attrs.field(converter=_flatten_or)

    def render(self) -> str:
        """``a OR b OR ...``.

        >>> Or([ti("a"), ti("b") & ti("c")]).render()
        'ti:a OR (ti:b AND ti:c)'
        """
        return " OR ".join(_operand(q, Or) for q in self.operands)


@attrs.frozen
class AndNot(Query):
    """``left ANDNOT right``.

    >>> str(AndNot(au("a") | au("b"), ti("c")))
    '(au:a OR au:b) ANDNOT ti:c'
    """

    left: Query
    right: Query

    def render(self) -> str:
        """``left ANDNOT right`` (compound sides parenthesized).

        >>> AndNot(ti("a"), ti("b")).render()
        'ti:a ANDNOT ti:b'
        """
        return f"{_operand(self.left, AndNot)} ANDNOT {_operand(self.right, AndNot)}"


# -- builders ---------------------------------------------------------------------------


def field(name: str | Field, value: str, *, quoted: bool | None = None) -> Term:
    """``name:value``; ``quoted`` forces quotes (default: only when the value needs them).

    >>> str(field("jr", "Phys. Rev. B"))
    'jr:"Phys. Rev. B"'
    """
    key = name.value if isinstance(name, Field) else name
    if quoted is None:
        return Term(key, value)
    return Term(key, value, quoted=quoted)


def ti(value: str) -> Term:
    """A title term. ``str(ti("neural"))`` is ``'ti:neural'``.

    >>> str(ti("neural networks"))
    'ti:"neural networks"'
    """
    return Term("ti", value)


def au(value: str) -> Term:
    """An author term (arXiv matches surnames; ``del_maestro`` or ``"del maestro"``).

    >>> str(au("del_maestro"))
    'au:del_maestro'
    """
    return Term("au", value)


def abstract(value: str) -> Term:
    """An abstract term (prefix ``abs``).

    >>> str(abstract("dark matter"))
    'abs:"dark matter"'
    """
    return Term("abs", value)


def co(value: str) -> Term:
    """A comment term.

    >>> str(co("accepted"))
    'co:accepted'
    """
    return Term("co", value)


def jr(value: str) -> Term:
    """A journal-reference term.

    >>> str(jr("Nature"))
    'jr:Nature'
    """
    return Term("jr", value)


def cat(value: str) -> Term:
    """A category term.

    >>> str(cat("hep-th"))
    'cat:hep-th'
    """
    return Term("cat", value)


def rn(value: str) -> Term:
    """A report-number term.

    >>> str(rn("CERN-TH-2001-001"))
    'rn:CERN-TH-2001-001'
    """
    return Term("rn", value)


def id_(value: str) -> Term:
    """An id term (prefix ``id``).

    >>> str(id_("2301.00001"))
    'id:2301.00001'
    """
    return Term("id", value)


def all_(value: str) -> Term:
    """A term searched in every field (prefix ``all``).

    >>> str(all_("electron"))
    'all:electron'
    """
    return Term("all", value)


def submitted(start: str | _dt.date, end: str | _dt.date) -> DateRange:
    """``submittedDate:[start TO end]``; dates cover whole days, datetimes are made GMT.

    >>> import datetime as dt
    >>> str(submitted(dt.date(2024, 1, 1), dt.date(2024, 1, 31)))
    'submittedDate:[202401010000 TO 202401312359]'
    """
    return DateRange("submittedDate", _range_end(start, False), _range_end(end, True))


def last_updated(start: str | _dt.date, end: str | _dt.date) -> DateRange:
    """``lastUpdatedDate:[start TO end]``, like :func:`submitted`.

    >>> str(last_updated("20240101", "20240102"))
    'lastUpdatedDate:[20240101 TO 20240102]'
    """
    return DateRange("lastUpdatedDate", _range_end(start, False), _range_end(end, True))


# -- parsing ------------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def error(self, message: str, pos: int | None = None) -> QuerySyntaxError:
        return QuerySyntaxError(message, self.text, self.pos if pos is None else pos)

    def skip_space(self) -> None:
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos].isspace():
            pos += 1
        self.pos = pos

    def at_end(self) -> bool:
        self.skip_space()
        return self.pos >= len(self.text)

    def peek_word(self) -> str:
        """The bare word at the cursor (no quotes, parentheses or spaces), not consumed."""
        self.skip_space()
        text, end = self.text, self.pos
        while end < len(text) and not text[end].isspace() and text[end] not in '()"':
            end += 1
        return text[self.pos : end]

    def expression(self, depth: int) -> Query:
        if depth > 100:
            raise self.error("parentheses nested too deeply")
        left = self.operand(depth)
        while not self.at_end():
            if self.text[self.pos] == ")":
                break
            start = self.pos
            op = self.peek_word()
            if op not in _OPERATORS:
                raise self.error("expected AND, OR or ANDNOT between terms", start)
            self.pos += len(op)
            right = self.operand(depth)
            if op == "AND":
                left = And((left, right))
            elif op == "OR":
                left = Or((left, right))
            else:
                left = AndNot(left, right)
        return left

    def operand(self, depth: int) -> Query:
        if self.at_end():
            raise self.error("expected a term")
        text = self.text
        if text[self.pos] == "(":
            open_at = self.pos
            self.pos += 1
            inner = self.expression(depth + 1)
            if self.at_end() or text[self.pos] != ")":
                raise self.error("unclosed parenthesis", open_at)
            self.pos += 1
            return inner
        if text[self.pos] == ")":
            raise self.error("unexpected ')'")
        if text[self.pos] == '"':
            return Term(None, self.quoted(), quoted=True)
        return self.term()

    def quoted(self) -> str:
        start = self.pos
        end = self.text.find('"', start + 1)
        if end < 0:
            raise self.error("unclosed quote", start)
        value = self.text[start + 1 : end]
        if not value.strip():
            raise self.error("empty phrase", start)
        self.pos = end + 1
        return value

    def term(self) -> Query:
        start = self.pos
        word = self.peek_word()
        name, colon, rest = word.partition(":")
        if colon:
            if name in DATE_FIELDS:
                return self.date_range(name)
            if name not in FIELDS:
                raise self.error(f"unknown field {name!r}", start)
            self.pos += len(name) + 1
            if rest == "" and self.pos < len(self.text) and self.text[self.pos] == '"':
                return Term(name, self.quoted(), quoted=True)
            if not rest:
                raise self.error(f"no value after {name}:", start)
            if _needs_quotes(rest):
                raise self.error(f"{rest!r} must be quoted", self.pos)
            self.pos += len(rest)
            return Term(name, rest, quoted=False)
        words: list[str] = []
        while True:
            save = self.pos
            word = self.peek_word()
            if not word or word in _OPERATORS or ":" in word:
                self.pos = save
                break
            if _needs_quotes(word):
                raise self.error(f"{word!r} must be quoted", self.pos)
            self.pos += len(word)
            words.append(word)
        if not words:
            raise self.error("expected a term", start)
        return Term(None, " ".join(words), quoted=False)

    def date_range(self, name: str) -> DateRange:
        start = self.pos
        self.pos += len(name) + 1
        text = self.text
        if self.pos >= len(text) or text[self.pos] != "[":
            raise self.error(f"{name} takes a range [start TO end]", start)
        close = text.find("]", self.pos)
        if close < 0:
            raise self.error("unclosed '['", self.pos)
        parts = text[self.pos + 1 : close].split()
        if len(parts) != 3 or parts[1] != "TO":
            raise self.error("a range is [start TO end]", self.pos)
        self.pos = close + 1
        try:
            return DateRange(name, parts[0], parts[2])
        except ValueError as exc:
            raise self.error(str(exc), start) from None


def parse_query(text: str) -> Query:
    """Read a ``search_query`` string into query nodes (the inverse of ``str()``).

    >>> q = parse_query('au:del_maestro ANDNOT (ti:checkerboard OR ti:"quantum criticality")')
    >>> q == au("del_maestro") - (ti("checkerboard") | ti("quantum criticality"))
    True
    >>> q.right.operands[1]
    Term(field='ti', value='quantum criticality', quoted=True)
    >>> parse_query("ti:(oops")
    Traceback (most recent call last):
        ...
    arxivlisting.client.query.QuerySyntaxError: no value after ti: (at offset 0): 'ti:(oops'
    """
    parser = _Parser(text)
    if parser.at_end():
        raise parser.error("empty query")
    query = parser.expression(0)
    if not parser.at_end():
        raise parser.error("unexpected ')'")
    return query
