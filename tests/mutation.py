"""One vocabulary of mutations for the fuzz tests: damage a real document a little.

Every format's tests fuzz its parser the same way: take a real (or fixture) document,
damage it a little at random, and check the parser's contract on the result (only
``ParseError`` under strict, no crash under lenient, a digest still writes back exactly).
This module holds the damage; each test keeps its own contract.

A *mutation* is a function ``(document, rng) -> document``. A document is ``str`` or
``bytes``, and a mutation returns the type it was given: line-level mutations split on
``"\\n"`` or ``b"\\n"`` to match, and the strings a mutation is built with (attribute
names, patterns, pieces to insert) are encoded as UTF-8 when the document is bytes. Only
`replace_byte` is for bytes alone.

The public functions that take parameters are factories: they return the mutation, so a
test spells out its mix once, as a tuple, and hands it to a driver::

    MIX = (*LINE_EDITS, truncate(), replace_byte())
    data = mutate(data, rng, MIX, rounds=3)  # three mutations stacked on one document
    for text in variants(text, rng, MIX, 20):  # twenty one-mutation copies of a document
        ...

The vocabulary:

- lines: `delete_lines`, `duplicate_line`, `swap_lines` (the three together are
  `LINE_EDITS`), `cut_in_line` (the document stops halfway through a line), `on_a_line`
  (any mutation, applied to one random line), and `line_prefixes` (not random: the
  document cut at evenly spaced line boundaries);
- characters or bytes: `truncate`, `delete_span`, `tail_to_front`, `insert`;
- markup: `rename_attribute` (one name from a list becomes another), `drop_tag`,
  `swap_matches` (two matches of a pattern, such as two quoted values, trade places);
- bytes: `replace_byte`;
- text: `replace_text` (such as ASCII and full-width punctuation trading places).

A mutation that finds nothing to act on (an empty document, no tag, fewer than two
matches) returns the document unchanged. `assert_only_parse_errors` is the contract most
parsers share, for the tests that check nothing more.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, AnyStr, Protocol

from arxivlisting import ParseError

__all__ = [
    "LINE_EDITS",
    "QUOTED",
    "TAG",
    "Mutation",
    "assert_only_parse_errors",
    "cut_in_line",
    "delete_lines",
    "delete_span",
    "drop_tag",
    "duplicate_line",
    "insert",
    "line_prefixes",
    "mutate",
    "on_a_line",
    "rename_attribute",
    "replace_byte",
    "replace_text",
    "swap_lines",
    "swap_matches",
    "tail_to_front",
    "truncate",
    "variants",
]

TAG = r"</?[A-Za-z_:][^>]*>"
"""An opening or closing tag (not a comment, declaration or processing instruction)."""

QUOTED = r"""(['"])[^'"<>]*\1"""
"""A quoted attribute value, single or double quotes, quotes included."""


class Mutation(Protocol):
    """Damage a document a little; the result has the document's type."""

    def __call__(self, doc: AnyStr, rng: random.Random, /) -> AnyStr: ...


# -- str / bytes -----------------------------------------------------------------------------


def _like(doc: AnyStr, text: str) -> AnyStr:
    """``text`` as the same type as ``doc`` (UTF-8 for bytes)."""
    if isinstance(doc, bytes):
        return text.encode("utf-8")
    return text


@functools.lru_cache(maxsize=64)
def _compiled(pattern: str, as_bytes: bool) -> re.Pattern[str] | re.Pattern[bytes]:
    return re.compile(pattern.encode("utf-8") if as_bytes else pattern)


def _finditer(pattern: str, doc: AnyStr) -> list[re.Match[AnyStr]]:
    regex: re.Pattern[AnyStr] = _compiled(pattern, isinstance(doc, bytes))  # type: ignore[assignment]
    return list(regex.finditer(doc))


def _two_points(doc: AnyStr, rng: random.Random) -> tuple[int, int]:
    """Two positions ``i <= j`` in ``doc``, ends included."""
    i, j = sorted(rng.randrange(len(doc) + 1) for _ in range(2))
    return i, j


# -- drivers ---------------------------------------------------------------------------------


def mutate(doc: AnyStr, rng: random.Random, mix: Sequence[Mutation], rounds: int = 1) -> AnyStr:
    """``rounds`` mutations, each picked at random from ``mix``, stacked on one document."""
    for _ in range(rounds):
        doc = rng.choice(mix)(doc, rng)
    return doc


def variants(
    doc: AnyStr,
    rng: random.Random,
    mix: Sequence[Mutation],
    count: int,
    *,
    in_turn: bool = False,
) -> list[AnyStr]:
    """``count`` copies of ``doc``, each with one mutation from ``mix``.

    The mutation is picked at random, or with ``in_turn`` the mix is used in order, round
    and round, so every mutation gets its share however few copies there are.
    """
    return [(mix[k % len(mix)] if in_turn else rng.choice(mix))(doc, rng) for k in range(count)]


def line_prefixes(doc: AnyStr, count: int) -> list[AnyStr]:
    """About ``count`` prefixes of ``doc`` that end at evenly spaced line boundaries,
    from the empty document up (not random: the same document gives the same cuts)."""
    newline = _like(doc, "\n")
    lines = doc.split(newline)
    step = max(1, len(lines) // count)
    return [newline.join(lines[:n]) for n in range(0, len(lines), step)]


def assert_only_parse_errors(
    parse: Callable[..., object], docs: Iterable[str | bytes], result_type: type
) -> None:
    """Each document, read lenient and strict, gives a ``result_type`` or raises
    ``ParseError``; any other exception (or result) fails the test."""
    for doc in docs:
        for strict in (False, True):
            try:
                result = parse(doc, strict=strict)
            except ParseError:
                continue
            assert isinstance(result, result_type), (strict, doc[:200])


# -- lines -----------------------------------------------------------------------------------


def _on_lines(change: Callable[[list[Any], random.Random], list[Any]]) -> Mutation:
    """A mutation that splits the document into lines, changes the list and joins it."""

    def mutation(doc: AnyStr, rng: random.Random) -> AnyStr:
        newline = _like(doc, "\n")
        return newline.join(change(doc.split(newline), rng))

    return mutation


def delete_lines(most: int = 1) -> Mutation:
    """Delete a random line, or a run of up to ``most`` lines from a random one on."""

    def change(lines: list[AnyStr], rng: random.Random) -> list[AnyStr]:
        i = rng.randrange(len(lines))
        del lines[i : i + rng.randint(1, most)]
        return lines

    return _on_lines(change)


def duplicate_line(*, in_place: bool = False) -> Mutation:
    """Insert a copy of a random line at a random place, or with ``in_place`` right next
    to itself (a line that says the same thing twice)."""

    def change(lines: list[AnyStr], rng: random.Random) -> list[AnyStr]:
        i = rng.randrange(len(lines))
        j = i if in_place else rng.randrange(len(lines))
        lines.insert(i, lines[j])
        return lines

    return _on_lines(change)


def swap_lines() -> Mutation:
    """Two random lines trade places."""

    def change(lines: list[AnyStr], rng: random.Random) -> list[AnyStr]:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return lines

    return _on_lines(change)


LINE_EDITS: tuple[Mutation, ...] = (delete_lines(), duplicate_line(), swap_lines())
"""The three line edits most mixes start from: a line gone, repeated elsewhere, swapped."""


def cut_in_line() -> Mutation:
    """The document stops halfway through a random line: what follows is gone."""

    def change(lines: list[AnyStr], rng: random.Random) -> list[AnyStr]:
        i = rng.randrange(len(lines))
        return lines[:i] + [lines[i][: len(lines[i]) // 2]]

    return _on_lines(change)


def on_a_line(mutation: Mutation) -> Mutation:
    """Apply ``mutation`` to one random line (its newline is not part of it), so that the
    damage stays local: one line's attribute renamed, one line's punctuation swapped."""

    def change(lines: list[AnyStr], rng: random.Random) -> list[AnyStr]:
        i = rng.randrange(len(lines))
        lines[i] = mutation(lines[i], rng)
        return lines

    return _on_lines(change)


# -- characters or bytes ---------------------------------------------------------------------


def truncate() -> Mutation:
    """Cut the document at a random character (or byte): the result is always shorter."""

    def mutation(doc: AnyStr, rng: random.Random) -> AnyStr:
        return doc[: rng.randrange(len(doc))] if doc else doc

    return mutation


def delete_span(longest: int | None = None) -> Mutation:
    """Delete a random span: between two random positions, or with ``longest`` from a
    random position on, 1 to ``longest`` characters long."""

    def mutation(doc: AnyStr, rng: random.Random) -> AnyStr:
        if longest is None:
            i, j = _two_points(doc, rng)
        elif doc:
            i = rng.randrange(len(doc))
            j = i + rng.randint(1, longest)
        else:
            return doc
        return doc[:i] + doc[j:]

    return mutation


def tail_to_front() -> Mutation:
    """Between two random positions the middle is lost and the tail comes before the head
    (``tail + head``): a document that starts in the middle and wraps around."""

    def mutation(doc: AnyStr, rng: random.Random) -> AnyStr:
        i, j = _two_points(doc, rng)
        return doc[j:] + doc[:i]

    return mutation


def insert(pieces: Sequence[str]) -> Mutation:
    """Insert one of ``pieces`` (a string of single characters will do) at a random
    position: a stray delimiter, quote, marker."""

    def mutation(doc: AnyStr, rng: random.Random) -> AnyStr:
        k = rng.randrange(len(doc) + 1)
        return doc[:k] + _like(doc, rng.choice(pieces)) + doc[k:]

    return mutation


# -- markup ----------------------------------------------------------------------------------


def rename_attribute(names: Sequence[str]) -> Mutation:
    """One attribute name from ``names`` becomes another, everywhere in what it is given
    (``name=`` is replaced; wrap in `on_a_line` to rename on one line only)."""
    if len(names) < 2:
        raise ValueError("rename_attribute needs two names or more")

    def mutation(doc: AnyStr, rng: random.Random) -> AnyStr:
        old, new = rng.sample(names, 2)
        return doc.replace(_like(doc, old + "="), _like(doc, new + "="))

    return mutation


def drop_tag(pattern: str = TAG) -> Mutation:
    """Remove one random tag (a match of ``pattern``): an element loses its start or end."""

    def mutation(doc: AnyStr, rng: random.Random) -> AnyStr:
        tags = _finditer(pattern, doc)
        if not tags:
            return doc
        tag = rng.choice(tags)
        return doc[: tag.start()] + doc[tag.end() :]

    return mutation


def swap_matches(*patterns: str) -> Mutation:
    """Two random matches of a pattern trade places: two quoted values, two leaf elements.

    The first pattern with two matches or more is used; with none the document stays.
    """

    def mutation(doc: AnyStr, rng: random.Random) -> AnyStr:
        for pattern in patterns:
            found = _finditer(pattern, doc)
            if len(found) >= 2:
                a, b = sorted(rng.sample(found, 2), key=lambda m: m.start())
                return (
                    doc[: a.start()]
                    + b.group()
                    + doc[a.end() : b.start()]
                    + a.group()
                    + doc[b.end() :]
                )
        return doc

    return mutation


# -- bytes -----------------------------------------------------------------------------------


def replace_byte() -> Mutation:
    """One random byte becomes a random byte (bytes documents only): broken UTF-8, a NUL,
    a control character in the middle of a name."""

    def mutation(doc: bytes, rng: random.Random) -> bytes:
        if not isinstance(doc, bytes):
            raise TypeError("replace_byte mutates bytes documents only")
        if not doc:
            return doc
        k = rng.randrange(len(doc))
        return doc[:k] + bytes([rng.randrange(256)]) + doc[k + 1 :]

    return mutation  # type: ignore[return-value]  # bytes only, as said


# -- text ------------------------------------------------------------------------------------

Replacement = tuple[str, str] | tuple[str, str, int]
"""``(old, new)``: every ``old`` becomes ``new``; ``(old, new, count)``: the first ``count``."""


def replace_text(
    replacements: Sequence[Replacement] | Mapping[str, str], *, pick_one: bool = False
) -> Mutation:
    """Replace text, such as ASCII and full-width punctuation (``":"`` and ``"："``).

    All replacements apply at once, so pairs that go both ways (``":"`` to ``"："`` and
    ``"："`` to ``":"``) swap the two rather than undo each other. With ``pick_one`` a single
    random replacement applies instead of all of them.
    """
    pairs = replacements.items() if isinstance(replacements, Mapping) else replacements
    table = [(r[0], r[1], r[2] if len(r) > 2 else -1) for r in pairs]

    def mutation(doc: AnyStr, rng: random.Random) -> AnyStr:
        chosen = [rng.choice(table)] if pick_one else table
        new = {old: to for old, to, _ in chosen}
        left = {old: count for old, _, count in chosen}  # -1: no limit
        # longest first, so that a longer ``old`` wins over a prefix of it
        pattern = "|".join(re.escape(old) for old in sorted(new, key=len, reverse=True))

        def substitute(match: re.Match[AnyStr]) -> AnyStr:
            found = match.group()
            old = found.decode("utf-8") if isinstance(found, bytes) else found
            if left[old] == 0:
                return found
            left[old] -= 1
            return _like(doc, new[old])

        regex: re.Pattern[AnyStr] = _compiled(pattern, isinstance(doc, bytes))  # type: ignore[assignment]
        return regex.sub(substitute, doc)

    return mutation
