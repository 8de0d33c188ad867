"""Small sample documents bundled with the package, written by the arxivlisting team.

They follow the real formats byte for byte in structure but describe invented papers,
so examples and the ``arxivlisting parse --sample NAME`` command work offline.

>>> sorted(names())
['arxivdaily', 'atom']
>>> sample_bytes("atom")[:5]
b'<?xml'
"""

from __future__ import annotations

from importlib import resources

__all__ = ["names", "sample_bytes", "sample_text"]

_FILES = {
    "atom": "atom.xml",
    "arxivdaily": "arxivdaily.txt",
}


def names() -> list[str]:
    """The names :func:`sample_bytes` accepts.

    >>> "atom" in names()
    True
    """
    return list(_FILES)


def sample_bytes(name: str) -> bytes:
    """The bytes of the bundled sample ``name`` (see :func:`names`).

    >>> sample_bytes("arxivdaily")[:10]
    b'arXivDaily'
    """
    try:
        filename = _FILES[name]
    except KeyError:
        raise ValueError(f"no sample {name!r}; choose one of {', '.join(_FILES)}") from None
    return resources.files(__name__).joinpath(filename).read_bytes()


def sample_text(name: str) -> str:
    """The bundled sample ``name`` decoded as UTF-8.

    >>> sample_text("arxivdaily").splitlines()[0]
    'arXivDaily arXiv每日学术速递 周一至周五更新'
    """
    return sample_bytes(name).decode("utf-8")
