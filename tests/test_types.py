"""The package type-checks under mypy --strict (DESIGN.md: type hints throughout)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_mypy_strict() -> None:
    pytest.importorskip("mypy", reason="mypy comes with the test extra")
    result = subprocess.run([sys.executable, "-m", "mypy", "lzlint"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
