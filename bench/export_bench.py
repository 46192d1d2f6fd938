#!/usr/bin/env python3
"""Benchmark `actionplan export` (SQLite and the data package) against one `lint` of the same plans.

The plans are bench/bench.py's seeded corpus (20 recommendations x 3 actions a file, ~22 KB),
written again under bench/.corpus/export-N/ with the one misspelt key that every 100th file
carries on purpose put right: lint reports that file and carries on, but export, like every
report, refuses a plan that does not load. Timed as whole processes (the median of several runs
after a warm-up, with peak memory), as bench/bench.py times them. The targets (issue 21):

- the export of 1,000 files within 3x the time of one `lint` of them;
- memory bounded by the largest plan, not the corpus: the export of 1,000 files peaks at about
  what the export of its largest file alone does (each plan is loaded, written and dropped).

    python bench/export_bench.py            # 100 and 1,000 files, 5 runs each
    python bench/export_bench.py --quick    # 100 files, 1 run: a smoke test

Only the standard library is imported: everything measured runs as a subprocess.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import (
    AS_OF,
    CORPUS,
    CORPUS_VERSION,
    Measured,
    machine,
    mb,
    measure,
    ms,
    plan_text,
    say,
    size,
    table,
    times,
)

TARGET = 3.0  # the export within this many times one lint of the same files
MEMORY_SLACK_MB = 15  # "about the same": the database's page cache and the CSV buffers


def write_clean_corpus(files: int) -> Path:
    """bench/.corpus/export-N/: the corpus's first N plans, every one of them loading."""
    directory = CORPUS / f"export-{files}"
    stamp = directory / ".complete"
    if stamp.exists() and stamp.read_text() == f"{CORPUS_VERSION} {files}\n":
        return directory
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    for index in range(files):
        text = plan_text(index).replace("        ownrs: [", "        owners: [")
        (directory / f"plan-{index:05d}.yaml").write_text(text, encoding="utf-8")
    stamp.write_text(f"{CORPUS_VERSION} {files}\n")
    return directory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="100 files, one run")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    actionplan = str(Path(sys.executable).parent / "actionplan")
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    rows: list[list[str]] = []
    verdicts: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        for files in [100] if args.quick else [100, 1000]:
            corpus = write_clean_corpus(files)
            plans = sorted(corpus.glob("*.yaml"))
            nbytes = sum(p.stat().st_size for p in plans)
            largest = max(plans, key=lambda p: p.stat().st_size)
            name = f"{files:,} files ({size(nbytes)})"
            say(name)
            lint = measure(
                "lint", [actionplan, "lint", str(corpus), "--as-of", AS_OF], runs=runs, env=env
            )
            exports: list[tuple[str, Measured]] = []
            for fmt, target in (("sqlite", out / "plans.db"), ("datapackage", out / "plans")):
                argv = [actionplan, "export", str(corpus), "-f", fmt, "-o", str(target)]
                label = f"export --format {fmt}"
                exports.append(
                    (label, measure(label, [*argv, "--as-of", AS_OF], runs=runs, env=env))
                )
            one = measure(
                "export of the largest file alone",
                [actionplan, "export", str(largest), "-f", "sqlite", "-o", str(out / "one.db"),
                 "--as-of", AS_OF],
                runs=runs,
                env=env,
            )  # fmt: skip
            rows.append([name, "actionplan lint", ms(lint.median), "1.0×", mb(lint.peak_kb)])
            for label, result in exports:
                ratio = result.median / lint.median
                rows.append(
                    [name, f"actionplan {label}", ms(result.median), times(ratio),
                     mb(result.peak_kb)]
                )  # fmt: skip
                if files == 1000 or args.quick:
                    met = "met" if ratio <= TARGET else "missed"
                    verdicts.append(
                        f"- {label}, {name}: {times(ratio)} one lint (target {TARGET:.0f}×): "
                        f"**{met}**"
                    )
            rows.append(
                [f"its largest file ({size(largest.stat().st_size)})", "export --format sqlite",
                 ms(one.median), "", mb(one.peak_kb)]
            )  # fmt: skip
            peak = max(result.peak_kb for _label, result in exports)
            bounded = (peak - one.peak_kb) / 1024 <= MEMORY_SLACK_MB
            verdicts.append(
                f"- memory, {name}: peak {mb(peak)} against {mb(one.peak_kb)} for its largest "
                f"file alone (target: within {MEMORY_SLACK_MB} MB of it): "
                f"**{'met' if bounded else 'missed'}**"
            )
    lines = [
        "## Export",
        "",
        "bench/bench.py's seeded corpus with its one misspelt key put right (export refuses a "
        "plan that does not load), exported to SQLite and to a data package. Median of "
        f"{runs} run{'' if runs == 1 else 's'} after a warm-up, with peak memory.",
        "",
        *table(["Input", "Command", "Median", "× lint", "Peak memory"], rows, right={2, 3, 4}),
        "",
        *verdicts,
        "",
        *machine(),
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
