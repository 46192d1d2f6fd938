#!/usr/bin/env python3
"""Benchmark the commands over many plans against one `lint` of them, on one and two cores.

The plans are export_bench.py's copy of bench/bench.py's seeded corpus (20 recommendations x 3
actions a file, ~22 KB; the one misspelt key put right, since every report refuses a plan that
does not load). For 250 and 1,000 files, each of `lint`, `portfolio`, `site` (into a new folder)
and `export --format sqlite` (into a new file) runs with `--jobs 1` and `--jobs 2`, in turn, so
that a machine other work slows down slows them alike. Each run is a whole process, measured by
`os.wait4`: its wall time, its CPU time (user + system, the worker processes' included) and
its peak resident memory (of the largest single process: with --jobs 2, the parent and each
worker each stay about that size).

The targets (issue 21), on the 1,000 files:

- `portfolio` in no more than the time of one `lint`; `site` and the SQLite export within 3x;
  judged on CPU time (which other work on a shared machine barely moves; wall time is shown
  beside it), against the lint of the same --jobs;
- memory bounded by the largest plan, not the corpus: the peak for 1,000 files within 15 MB of
  the peak for 250;
- the two-core speed-up: wall time with --jobs 1 over wall time with --jobs 2 (up to 2x on two
  idle cores; a shared machine's other work takes its share of them).

    python bench/scale_bench.py               # 250 and 1,000 files, 3 rounds
    python bench/scale_bench.py --quick       # 20 files, 1 round: a smoke test

The outputs (the site's folder, the database, the CSV) are written to memory, /dev/shm, where
the machine has it (`--scratch DIR` to write them elsewhere): on the shared machine's disk
(ext4), making a site's 5,250 new files in new folders under /tmp cost from 0.1 s to 4.8 s of
kernel CPU time from one run of the same build to the next (where ext4 found free inodes; the
same loop of os.open calls in plain Python did the same), which would measure the disk, not
actionplan. The corpus is read from the page cache either way.

Only the standard library is imported: everything measured runs as a subprocess.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import AS_OF, launched, machine, mb, say, table, times
from export_bench import write_clean_corpus

COMMANDS = ("lint", "portfolio", "site", "export")
TARGETS = {"portfolio": 1.0, "site": 3.0, "export": 3.0}  # × one lint of the same files
MEMORY_SLACK_MB = 15
HEADERS = ["Input", "Command", "Jobs", "Wall", "CPU", "× lint (CPU)", "× lint (wall)",
           "Peak memory", "Exit"]  # fmt: skip
SPEEDUP_HEADERS = ["Command", "Wall, --jobs 1", "Wall, --jobs 2", "Speed-up", "CPU, --jobs 1",
                   "CPU, --jobs 2"]  # fmt: skip


@dataclass
class Runs:
    """One command at one --jobs over the rounds."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_kb: int = 0
    exit_codes: set[int] = field(default_factory=set)


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float, int, int]:
    """Wall time, CPU time, peak RSS (KB) and exit code of one process (`bench.launched`: a
    small interpreter of its own forks it, as bench.py measures)."""
    return launched(argv, env)


def argv_of(command: str, actionplan: str, corpus: Path, out: Path, jobs: int) -> list[str]:
    """The command line of one run; `out` is removed before each (a new folder, a new file)."""
    common = ["--as-of", AS_OF, "--jobs", str(jobs)]
    if command == "lint":
        return [actionplan, "lint", str(corpus), *common]
    if command == "portfolio":
        return [actionplan, "portfolio", str(corpus), *common, "-f", "csv", "-o", str(out)]
    if command == "site":
        return [actionplan, "site", str(corpus), *common, "--output", str(out)]
    return [actionplan, "export", str(corpus), *common, "-f", "sqlite", "-o", str(out)]


def measure_size(
    files: int, rounds: int, actionplan: str, env: dict[str, str], scratch: Path
) -> dict[tuple[str, int], Runs]:
    """Every command at --jobs 1 and 2 on `files` plans, round by round (after a warm-up)."""
    corpus = write_clean_corpus(files)
    results: dict[tuple[str, int], Runs] = {}
    say(f"{files:,} files")
    for attempt in range(1 + rounds):
        for command in COMMANDS:
            for jobs in (1, 2):
                out = scratch / f"{command}-{jobs}"
                if out.is_dir():
                    shutil.rmtree(out)
                elif out.exists():
                    out.unlink()
                wall, cpu, peak, code = run_once(
                    argv_of(command, actionplan, corpus, out, jobs), env
                )
                say(f"  {command} --jobs {jobs}: {wall:.2f} s wall, {cpu:.2f} s CPU")
                runs = results.setdefault((command, jobs), Runs())
                runs.peak_kb = max(runs.peak_kb, peak)
                runs.exit_codes.add(code)
                if attempt:  # the first round warms the page cache
                    runs.wall.append(wall)
                    runs.cpu.append(cpu)
    return results


def default_scratch() -> Path | None:
    """/dev/shm where it is a folder this process may write (memory: see the docstring);
    otherwise None, the system's temporary folder."""
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK) else None


def where(scratch: Path | None) -> str:
    if scratch == Path("/dev/shm"):
        return "memory (/dev/shm: the disk's own cost moved from run to run, see scale_bench.py)"
    return f"a folder under {scratch or tempfile.gettempdir()}"


def seconds(value: float) -> str:
    return f"{value:,.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="20 files, one round")
    parser.add_argument(
        "--scratch",
        type=Path,
        default=default_scratch(),
        help="the folder the outputs go to (default: /dev/shm where there is one)",
    )
    args = parser.parse_args()
    sizes = [20] if args.quick else [250, 1000]
    rounds = 1 if args.quick else args.rounds
    actionplan = str(Path(sys.executable).parent / "actionplan")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    measured: dict[int, dict[tuple[str, int], Runs]] = {}
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="scale-bench-", dir=args.scratch) as scratch:
        os.chdir(scratch)  # not a git repository: the site's pages say there is no history
        for files in sizes:
            measured[files] = measure_size(files, rounds, actionplan, env, Path(scratch))
    load = max(load, os.getloadavg()[0])
    rows: list[list[str]] = []
    for files, results in measured.items():
        for command in COMMANDS:
            for jobs in (1, 2):
                runs, lint = results[(command, jobs)], results[("lint", jobs)]
                wall, cpu = statistics.median(runs.wall), statistics.median(runs.cpu)
                ratio_cpu = cpu / statistics.median(lint.cpu)
                ratio_wall = wall / statistics.median(lint.wall)
                rows.append(
                    [f"{files:,} files", command, str(jobs), seconds(wall), seconds(cpu),
                     times(ratio_cpu), times(ratio_wall), mb(runs.peak_kb),
                     ", ".join(map(str, sorted(runs.exit_codes)))]
                )  # fmt: skip
    largest = sizes[-1]
    results = measured[largest]
    verdicts = []
    for command, target in TARGETS.items():
        for jobs in (1, 2):
            cpu = statistics.median(results[(command, jobs)].cpu)
            wall = statistics.median(results[(command, jobs)].wall)
            ratio_cpu = cpu / statistics.median(results[("lint", jobs)].cpu)
            ratio_wall = wall / statistics.median(results[("lint", jobs)].wall)
            met = "met" if ratio_cpu <= target else "missed"
            verdicts.append(
                f"- `{command}` --jobs {jobs}, {largest:,} files: {times(ratio_cpu)} one `lint` "
                f"in CPU time (target {target:g}×: **{met}**), {times(ratio_wall)} in wall time"
            )
    if len(sizes) > 1:
        for command in COMMANDS:
            for jobs in (1, 2):
                small = measured[sizes[0]][(command, jobs)].peak_kb
                large = measured[largest][(command, jobs)].peak_kb
                bounded = (large - small) / 1024 <= MEMORY_SLACK_MB
                verdicts.append(
                    f"- memory, `{command}` --jobs {jobs}: {mb(small)} for {sizes[0]:,} files, "
                    f"{mb(large)} for {largest:,} (target: within {MEMORY_SLACK_MB} MB): "
                    f"**{'met' if bounded else 'missed'}**"
                )
    speedups = []
    for command in COMMANDS:
        one = statistics.median(results[(command, 1)].wall)
        two = statistics.median(results[(command, 2)].wall)
        cpu_one = statistics.median(results[(command, 1)].cpu)
        cpu_two = statistics.median(results[(command, 2)].cpu)
        speedups.append(
            [command, seconds(one), seconds(two), times(one / two), seconds(cpu_one),
             seconds(cpu_two)]
        )  # fmt: skip
    lines = [
        "## Scale: portfolio, site and export against lint, on one and two cores",
        "",
        "export_bench.py's corpus (bench/bench.py's plans, every one loading), outside git. "
        f"Each command with --jobs 1 and --jobs 2, in turn, {rounds} round(s) after a warm-up; "
        "medians. CPU time is user + system, the workers' included; × lint compares with the "
        "`lint` of the same --jobs. `portfolio` writes CSV to a file, `site` a new folder, "
        f"`export` a new SQLite database, each in {where(args.scratch)}. The machine is shared "
        "with other work (load average "
        f"up to {load:.1f} during the run, on {os.cpu_count()} cores): wall times and the "
        "speed-up move with it; CPU times and the ratios much less.",
        "",
        *table(HEADERS, rows, right={2, 3, 4, 5, 6, 7}),
        "",
        f"Two cores against one, {largest:,} files (the output is byte-identical: tests/site, "
        "tests/data_export and tests/cli/test_cli_portfolio.py compare the two):",
        "",
        *table(SPEEDUP_HEADERS, speedups, right={1, 2, 3, 4, 5}),
        "",
        *verdicts,
        "",
        *(f"- {line}" for line in machine()),
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
