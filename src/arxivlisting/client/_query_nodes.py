"""The value types of a query: the field vocabulary and the nodes that render it.

:class:`Field` and the sets :data:`FIELDS`/:data:`DATE_FIELDS` name what arXiv's fielded
syntax can search; :class:`Term`, :class:`DateRange`, :class:`And`, :class:`Or` and
:class:`AndNot` are the immutable nodes of a query, each rendering itself exactly as it
is sent in ``search_query``, with :func:`needs_quotes` deciding when a value must be
quoted. Nothing here reads text: that is :mod:`._query_parse`, built on these nodes;
the builders (``ti``, ``cat``, ...) and the public names are in :mod:`.query`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

__all__ = [
    "DATE_FIELDS",
    "FIELDS",
    "OPERATORS",
    "And",
    "AndNot",
    "DateRange",
    "Field",
    "Or",
    "Query",
    "Term",
    "needs_quotes",
]


class Field(str, enum.Enum):
    """The fielded-search prefixes of the arXiv API.

    >>> from arxivlisting.client.query import field
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


#: Prefixes that take a word or phrase.
FIELDS = frozenset(f.value for f in Field)
#: Prefixes that take a ``[start TO end]`` range.
DATE_FIELDS = frozenset({"submittedDate", "lastUpdatedDate"})
#: The operator words (never a bare value).
OPERATORS = frozenset({"AND", "OR", "ANDNOT"})
_SPECIAL = frozenset('()[]":')


class Query:
    """Base of the query nodes: ``&`` is AND, ``|`` OR, ``-`` ANDNOT; ``str()`` renders.

    >>> from arxivlisting.client.query import ti
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

        >>> from arxivlisting.client.query import au, ti
        >>> str(au("smith").and_not(ti("review")))
        'au:smith ANDNOT ti:review'
        """
        return AndNot(self, other)

    def render(self) -> str:
        """The query string exactly as it is sent in ``search_query``.

        >>> from arxivlisting.client.query import ti
        >>> (ti("a") | ti("b")).render()
        'ti:a OR ti:b'
        """
        raise NotImplementedError  # pragma: no cover

    def __str__(self) -> str:
        return self.render()


def needs_quotes(value: str) -> bool:
    """Whether ``value`` must be written in double quotes to be read back as one value.

    >>> needs_quotes("graphene"), needs_quotes("quantum criticality"), needs_quotes("OR")
    (False, True, True)
    """
    return (
        not value
        or value in OPERATORS
        or any(c.isspace() or c in _SPECIAL for c in value)
        or not value.isprintable()
    )


def _is_free_text(value: str) -> bool:
    words = value.split(" ")
    return all(w and not needs_quotes(w) for w in words)


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
        default=attrs.Factory(lambda self: needs_quotes(self.value), takes_self=True)
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
            and needs_quotes(self.value)
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

    >>> from arxivlisting.client.query import ti
    >>> And([ti("a"), And([ti("b"), ti("c")])]).operands == (ti("a"), ti("b"), ti("c"))
    True
    """

    operands: tuple[Query, ...] = attrs.field(converter=_flatten_and)

    def render(self) -> str:
        """``a AND b AND ...``.

        >>> from arxivlisting.client.query import ti
        >>> And([ti("a"), ti("b") | ti("c")]).render()
        'ti:a AND (ti:b OR ti:c)'
        """
        return " AND ".join(_operand(q, And) for q in self.operands)


@attrs.frozen
class Or(Query):
    """Any operand (nested ORs are flattened).

    >>> from arxivlisting.client.query import cat
    >>> str(Or([cat("cs.CL"), cat("cs.LG")]))
    'cat:cs.CL OR cat:cs.LG'
    """

    operands: tuple[Query, ...] = attrs.field(converter=_flatten_or)

    def render(self) -> str:
        """``a OR b OR ...``.

        >>> from arxivlisting.client.query import ti
        >>> Or([ti("a"), ti("b") & ti("c")]).render()
        'ti:a OR (ti:b AND ti:c)'
        """
        return " OR ".join(_operand(q, Or) for q in self.operands)


@attrs.frozen
class AndNot(Query):
    """``left ANDNOT right``.

    >>> from arxivlisting.client.query import au, ti
    >>> str(AndNot(au("a") | au("b"), ti("c")))
    '(au:a OR au:b) ANDNOT ti:c'
    """

    left: Query
    right: Query

    def render(self) -> str:
        """``left ANDNOT right`` (compound sides parenthesized).

        >>> from arxivlisting.client.query import ti
        >>> AndNot(ti("a"), ti("b")).render()
        'ti:a ANDNOT ti:b'
        """
        return f"{_operand(self.left, AndNot)} ANDNOT {_operand(self.right, AndNot)}"
