"""Reading arXiv's query syntax back into query nodes: :func:`parse_query` and its errors.

A small recursive-descent parser over the text of a ``search_query``: fielded terms,
quoted phrases, bare free text, ``[start TO end]`` date ranges, parentheses and the
operators ``AND``, ``OR`` and ``ANDNOT``, read left to right without precedence (the
renderer in :mod:`._query_nodes` parenthesizes every mix, so it never needs one). Text
that is no query raises :class:`QuerySyntaxError` with the offset it stopped at. Both
names are public through :mod:`.query`.
"""

from __future__ import annotations

from ._query_nodes import (
    DATE_FIELDS,
    FIELDS,
    OPERATORS,
    And,
    AndNot,
    DateRange,
    Or,
    Query,
    Term,
    needs_quotes,
)

__all__ = ["QuerySyntaxError", "parse_query"]


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
            if op not in OPERATORS:
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
            if needs_quotes(rest):
                raise self.error(f"{rest!r} must be quoted", self.pos)
            self.pos += len(rest)
            return Term(name, rest, quoted=False)
        words: list[str] = []
        while True:
            save = self.pos
            word = self.peek_word()
            if not word or word in OPERATORS or ":" in word:
                self.pos = save
                break
            if needs_quotes(word):
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

    >>> from arxivlisting.client.query import au, ti
    >>> q = parse_query('au:del_maestro ANDNOT (ti:checkerboard OR ti:"quantum criticality")')
    >>> q == au("del_maestro") - (ti("checkerboard") | ti("quantum criticality"))
    True
    >>> q.right.operands[1]
    Term(field='ti', value='quantum criticality', quoted=True)
    >>> parse_query("ti:(oops")
    Traceback (most recent call last):
        ...
    arxivlisting.client._query_parse.QuerySyntaxError: no value after ti: (at offset 0): 'ti:(oops'
    """
    parser = _Parser(text)
    if parser.at_end():
        raise parser.error("empty query")
    query = parser.expression(0)
    if not parser.at_end():
        raise parser.error("unexpected ')'")
    return query
