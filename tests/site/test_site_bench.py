"""`bench/site_bench.py --quick`: the smoke test `make bench` runs (timings never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent.parent / "bench" / "site_bench.py"


@pytest.mark.slow
def test_quick_run_prints_lint_and_both_site_runs() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:2] == ["## Site", ""]
    rows = [line.split(" | ")[:2] for line in lines if line.startswith("| 100 files |")]
    assert rows == [
        ["| 100 files", "lint"],
        ["| 100 files", "site, new folder"],
        ["| 100 files", "site, again"],
    ]
    # lint finds the corpus's planted findings (exit 1); site builds from the same plans.
    codes = [line.rsplit("|", 2)[1].strip() for line in lines if line.startswith("| 100 files |")]
    assert codes == ["1", "0", "0"]
    assert any(line.startswith("- 100 files (2,112 pages): `site` ") for line in lines)
