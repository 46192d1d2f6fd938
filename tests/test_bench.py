"""`bench/bench.py`: the corpus it generates, and a quick run end to end (the smoke test).

The timings themselves are never asserted: they belong to docs/benchmarks.md, not to tests.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from actionplan.pipeline import lint_paths

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "bench" / "bench.py"


def bench_module() -> ModuleType:
    if "bench" in sys.modules:
        return sys.modules["bench"]
    spec = importlib.util.spec_from_file_location("bench", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return bench_module()


def lint_text(tmp_path: Path, name: str, text: str) -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = lint_paths([path], date(2020, 6, 30))
    return [f"{f.code} {f.line}" for f in result.findings]


def test_corpus_is_the_same_every_time_and_about_20_kb_a_file(bench: ModuleType) -> None:
    text = bench.plan_text(1)
    assert bench.plan_text(1) == text
    assert bench.plan_text(2) != text
    assert 18_000 < len(text.encode()) < 26_000
    assert text.count('\n      - id: "') == 60  # 20 recommendations × 3 actions


def test_corpus_plans_are_valid_but_for_the_findings_planted_in_them(
    bench: ModuleType, tmp_path: Path
) -> None:
    assert lint_text(tmp_path, "clean.yaml", bench.plan_text(1)) == []
    # Every 50th file: a stated total £180 over its costs, and a unit breakdown that is wrong.
    assert lint_text(tmp_path, "sums.yaml", bench.plan_text(0)) == ["AP204 18", "AP203 119"]
    # Every 100th from the 11th: a misspelt key.
    assert lint_text(tmp_path, "typo.yaml", bench.plan_text(10)) == ["AP101 63"]


def test_import_breakdown_sums_own_time_by_package(bench: ModuleType) -> None:
    costs = bench.import_breakdown(sys.executable, ["-c", "import yaml"], {})
    assert costs["yaml"] > 0
    assert set(costs) <= {*bench.HEAVY, "other"}


def test_memory_probe_sizes_each_part_of_a_loaded_plan(bench: ModuleType, tmp_path: Path) -> None:
    """The probe the full run uses for 'Memory of one big file' (sizes vary, so only their
    shape is asserted: every part measured, and the peak at least the largest part)."""
    path = tmp_path / "plan.yaml"
    path.write_text(bench.plan_text(0), encoding="utf-8")
    parts = bench.memory_stages(sys.executable, path, {})
    assert list(parts) == [*bench.MEMORY_PARTS, bench.MEMORY_PEAK]
    assert all(size > 0 for size in parts.values())
    assert parts[bench.MEMORY_PEAK] >= max(parts[p] for p in bench.MEMORY_PARTS)


@pytest.mark.slow
def test_quick_run_prints_every_row_and_writes_only_where_told(tmp_path: Path) -> None:
    report = tmp_path / "benchmarks.md"
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--quick",
            "--skip-external",
            "--runs=1",
            "--warmups=0",
            f"--corpus={tmp_path / 'corpus'}",
            f"--output={report}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert report.read_text(encoding="utf-8") + "\n" == done.stdout
    lines = done.stdout.splitlines()
    rows = {tuple(cell.strip() for cell in line.strip("|").split("|")[:2]) for line in lines}
    for command in ("python -c pass (the floor)", "actionplan --version"):
        assert any(row[0] == command for row in rows), command
    for corpus in ("1 file (22.7 KB)", "100 files (2.3 MB)"):
        assert (corpus, "actionplan lint") in rows
        assert (corpus, "check-jsonschema") in rows  # skipped, with the reason
    assert "| 1 file | " in done.stdout  # the pure-Python YAML fallback
    not_installed = "not installed here; `make bench` installs it into .venv-bench"
    assert (
        f"| yamllint | skipped |  |  |  |  | {not_installed} |" in lines
        or not (ROOT / "plans" / "southampton-domestic-abuse-2019.yaml").exists()
    )
    # The planted findings show the lint output path ran; the exit code says findings.
    assert any(
        line.startswith("| 100 files (2.3 MB) | actionplan lint |")
        and line.endswith("| 1 | 100 files checked: 3 errors, 2 warnings |")
        for line in lines
    )
    assert (
        "| `lint` on 1,000 files at least 10× faster than check-jsonschema | — | not measured: "
        "needs the full run with check-jsonschema installed |"
    ) in lines
    assert "| linear growth: 5,000 files cost at most 5.5× 1,000 files | — | not measured: " in (
        done.stdout
    )
    # Start-up side by side: the bare Typer app, status and lint in alternating runs.
    if (ROOT / "plans" / "southampton-domestic-abuse-2019.yaml").exists():
        for command in (bench_module().BARE, "actionplan status", "actionplan lint"):
            assert any(line.startswith(f"| {command} | ") for line in lines), command
        assert any(
            line.startswith("| actionplan status | ") and "× bare Typer app |" in line
            for line in lines
        )
        assert (
            "| `lint` on the Southampton plan no slower than yamllint | — | not measured: "
            "needs the side-by-side run with yamllint |"
        ) in lines
    # The measurements are saved, and the same report is drawn from them without a run.
    saved = tmp_path / "corpus" / "last-run.json"
    again = subprocess.run(
        [sys.executable, str(SCRIPT), f"--from={saved}", f"--corpus={tmp_path / 'corpus'}"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (again.returncode, again.stdout) == (0, done.stdout)


def test_targets_met_and_missed_from_the_medians(bench: ModuleType, tmp_path: Path) -> None:
    def row(label: str, *seconds: float, peak_kb: int = 40_000) -> Any:
        return bench.Measured(label, list(seconds), peak_kb, {0})

    def corpus(name: str, files: int, nbytes: int) -> Any:
        return bench.Corpus(name, [tmp_path / f"{i}.yaml" for i in range(files)], nbytes, tmp_path)

    report = bench.Report(quick=False, runs=3)
    report.startup = [
        row(bench.FLOOR, 0.01, 0.01, 0.01),
        row("actionplan status", 0.25, 0.26, 0.24),
        row("yamllint", 0.12, 0.13, 0.12),
    ]
    report.breakdown["actionplan status"] = {"typer": 10.0, "pydantic": 20.0, "rich": 15.0}
    sizes = [("1,000 files", 1000, 22_700_000), ("5,000 files", 5000, 113_500_000)]
    sizes += [(bench.SMALL_FILE, 1, 1_050_000), (bench.BIG_FILE, 1, 21_000_000)]
    report.corpora = [corpus(name, files, nbytes) for name, files, nbytes in sizes]
    report.throughput = {
        "1,000 files": {
            "actionplan lint": row("actionplan lint", 4.0, 4.2, 4.1),
            "check-jsonschema": row("check-jsonschema", 60.0, 62.0, 61.0),
        },
        "5,000 files": {"actionplan lint": row("actionplan lint", 23.0, 22.0, 24.0)},
        bench.SMALL_FILE: {"actionplan lint": row("actionplan lint", 0.4, 0.4, 0.4)},
        bench.BIG_FILE: {
            "actionplan lint": row("actionplan lint", 5.0, 5.0, 5.0, peak_kb=600_000),
            "yamllint": row("yamllint", 70.0, peak_kb=980_000),
        },
    }
    rows = [[*t.row()[:2], t.row()[2].split(":")[0]] for t in bench.targets(report)]
    assert rows == [
        [
            "`lint` on 1,000 files at least 10× faster than check-jsonschema",
            "14.9× (4.10 s against 61.00 s)",
            "**met**",
        ],
        [
            "`status` on the Southampton plan no slower than yamllint on it",
            "250 ms against 120 ms (2.1×)",
            "**missed**",
        ],
        [
            "linear growth: 5,000 files cost at most 5.5× 1,000 files",
            "5.6× (23.00 s against 4.10 s)",
            "**missed**",
        ],
        [
            "one 21 MB file in time linear in its size: at most 1.1× (its size ÷ the 1 MB "
            "file's) the 1 MB file's time",
            "12.5× for 20.0× the size (5.00 s against 400 ms)",
            "**met**",
        ],
        ["peak memory under 10× the input: 1,000 files", "39 MB for 22.7 MB (1.8×)", "**met**"],
        ["peak memory under 10× the input: 5,000 files", "39 MB for 113.5 MB (0.4×)", "**met**"],
        [
            "peak memory under 10× the input: 1 file of 20,000 recommendations",
            "586 MB for 21.0 MB (29.3×)",
            "**missed**",
        ],
    ]
    status_why = bench.targets(report)[1].why
    assert status_why.startswith("typer and Pydantic take 30 ms to import")
    # Without this run's memory parts the reason points to the notes; with them it names them.
    assert bench.targets(report)[-1].why == "see 'Notes from profiling' below"
    report.memory_input = 1_000_000
    sizes_in_bytes = [1_000_000, 5_500_000, 900_000]
    report.memory = dict(zip(bench.MEMORY_PARTS, sizes_in_bytes, strict=True))
    assert bench.targets(report)[-1].why == (
        "the text (1.0×) and the validated plan (5.5×) are alive together, and its findings "
        "need positions (0.9×), above what the interpreter and its libraries take (on the same "
        "file: yamllint 47.8×). See 'Memory of one big file' and 'Notes from profiling' below"
    )


def test_startup_targets_are_ratios_of_the_side_by_side_medians(bench: ModuleType) -> None:
    def row(label: str, *seconds: float) -> Any:
        return bench.Measured(label, list(seconds), 30_000, {0})

    report = bench.Report(quick=True, runs=3)
    report.side_by_side = [
        row(bench.BARE, 0.15, 0.16, 0.17),
        row("actionplan status", 0.20, 0.22, 0.21),
        row("actionplan lint", 0.21, 0.19, 0.20),
        row("yamllint", 0.18, 0.18, 0.19),
    ]
    report.breakdown["actionplan lint"] = {"actionplan": 25.0}
    rows = [[t.name, t.measured, t.met] for t in bench.startup_targets(report)]
    assert rows == [
        [
            "`status` on the Southampton plan within 1.3× bare Typer app",
            "1.31× (210 ms against 160 ms)",
            False,
        ],
        [
            "`lint` on the Southampton plan no slower than yamllint",
            "1.11× (200 ms against 180 ms)",
            False,
        ],
    ]
    assert bench.startup_targets(report)[1].why.startswith(
        "actionplan's own modules (the plan models, the loader) 25 ms to import"
    )
    section = "\n".join(bench.side_by_side_section(report))
    assert "| actionplan status | 210 ms | 1.31× bare Typer app |" in section
    assert "| actionplan lint | 200 ms | 1.11× yamllint |" in section
