"""One module per source format, each with its ``parse_*``, ``iter_*`` and ``render_*``."""

__all__: list[str] = []
