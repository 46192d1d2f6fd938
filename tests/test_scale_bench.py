"""bench/scale_bench.py runs end to end (`make bench` runs it; the timings are never asserted)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.slow
def test_quick_run_measures_every_command_on_one_and_two_cores() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "scale_bench.py"), "--quick"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = re.findall(r"^\| 20 files \| (\w+) \| (\d) \|.*\| (\d) \|$", done.stdout, re.M)
    assert rows == [
        (command, jobs, "1" if command == "lint" else "0")  # the corpus keeps lint's findings
        for command in ("lint", "portfolio", "site", "export")
        for jobs in ("1", "2")
    ]
    speedups = re.findall(r"^\| (\w+) \| [\d.]+ s \| [\d.]+ s \| [\d.]+× \|", done.stdout, re.M)
    assert speedups == ["lint", "portfolio", "site", "export"]
    verdicts = re.findall(r"^- `(\w+)` --jobs (\d), 20 files: .*\*\*(met|missed)\*\*\), ",
                          done.stdout, re.M)  # fmt: skip
    assert [(c, j) for c, j, _ in verdicts] == [
        (c, j) for c in ("portfolio", "site", "export") for j in ("1", "2")
    ]
