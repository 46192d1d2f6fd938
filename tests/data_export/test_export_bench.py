"""bench/export_bench.py runs end to end (`make bench` runs it; the timings are never asserted)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.slow
def test_export_bench_runs_quickly_end_to_end() -> None:
    """--quick: the export of 100 files against one lint of them, and the memory verdict."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "export_bench.py"), "--quick"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "| 100 files (2.3 MB) | actionplan export --format sqlite |" in done.stdout
    assert "- memory, 100 files (2.3 MB): peak" in done.stdout
