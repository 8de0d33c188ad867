"""Shared test fixtures: where the real captured data lives (``../shared``), and skips.

Real files are read in place from ``../shared`` (or ``$ARXIVLISTING_SHARED``); tests that
need them skip when the directory is absent. Nothing from there is copied here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ARXIVLISTING_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed"

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100
)
settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "thorough", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=2000
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def corpus_files(kind: str, pattern: str = "*") -> list[Path]:
    """Files of one corpus kind (empty when ../shared is absent)."""
    base = CORPUS / kind
    if not base.is_dir():
        return []
    return sorted(p for p in base.glob(pattern) if p.is_file() and p.suffix != ".md")


def api_files() -> list[Path]:
    """Every real API Atom response (the .xml bodies; fixture wrappers are skipped)."""
    return corpus_files("api", "*.xml")


needs_shared = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared corpus not present")
