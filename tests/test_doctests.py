"""Every docstring example in the package runs as a test (docs are part of the product)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import arxivlisting

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(arxivlisting.__path__, "arxivlisting.")
    if not m.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_every_public_function_has_an_example() -> None:
    """Public callables re-exported at the top level carry a runnable example."""
    finder = doctest.DocTestFinder(recurse=False)
    missing = []
    for name in arxivlisting.__all__:
        obj = getattr(arxivlisting, name)
        if not callable(obj) or isinstance(obj, type):
            continue
        tests = finder.find(obj, name)
        if not any(t.examples for t in tests):
            missing.append(name)
    assert missing == []
