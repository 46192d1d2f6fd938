#!/usr/bin/env python3
"""Benchmark `actionplan site` on the bench corpus: its time against one `lint`, and its memory.

The corpus is bench/bench.py's (20 recommendations x 3 actions a file, ~22 KB), without the
files that carry a misspelt key on purpose (a plan that does not load stops a site: lint
reports it, and site would refuse), so 1,000 files make about 21,000 pages. Timed as whole
processes, the median of several runs after a warm-up, as bench/bench.py times them:

- `lint` of the folder (the yardstick);
- `site` into a new folder (every page written);
- `site` again into the same folder with nothing changed (every page hashed, none written).

Targets: `site` within 3x one `lint`; peak memory bounded by the largest plan, not the corpus
(the same for 100 files as for 1,000, give or take the interpreter's own growth).

    python bench/site_bench.py              # 100 and 1,000 files, 3 runs each
    python bench/site_bench.py --quick      # 100 files, 1 run (the smoke test)

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
from bench import AS_OF, CORPUS, Measured, machine, mb, measure, plan_text, run_once, say, table

VERSION = "1"  # bump when the corpus changes, so a stale one is rebuilt
TARGET = 3.0  # site within this many lints


def clean_corpus(files: int) -> Path:
    """bench/.corpus/site-N/: `files` of the bench corpus's plans, none with a load error."""
    directory = CORPUS / f"site-{files}"
    stamp = directory / ".complete"
    if stamp.exists() and stamp.read_text() == f"{VERSION} {files}\n":
        return directory
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    made, index = 0, 0
    while made < files:
        if index % 100 != 10:  # bench.plan_text misspells a key in these
            (directory / f"plan-{index:05d}.yaml").write_text(plan_text(index), encoding="utf-8")
            made += 1
        index += 1
    stamp.write_text(f"{VERSION} {files}\n")
    return directory


def fresh_builds(
    label: str, argv: list[str], out: Path, runs: int, env: dict[str, str]
) -> Measured:
    """`site` into a new folder each run (removed between runs, outside the timing)."""
    result = Measured(label)
    say(f"  {label}: ", end="")
    for attempt in range(1 + runs):
        shutil.rmtree(out, ignore_errors=True)
        elapsed, peak, code, tail = run_once([*argv, "--output", str(out)], env)
        result.peak_kb = max(result.peak_kb, peak)
        result.exit_codes.add(code)
        result.last_line = tail
        if attempt:
            result.seconds.append(elapsed)
        say(f"{elapsed:.3f}s ", end="")
    say("")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="100 files, 1 run")
    args = parser.parse_args()
    sizes = [100] if args.quick else [100, 1000]
    runs = 1 if args.quick else args.runs
    actionplan = str(Path(sys.executable).parent / "actionplan")
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    rows, verdicts = [], []
    peaks: dict[int, int] = {}
    with tempfile.TemporaryDirectory(prefix="site-bench-") as scratch:
        os.chdir(scratch)  # not a git repository: the pages say there is no history
        for files in sizes:
            say(f"site on {files:,} files")
            folder = str(clean_corpus(files))
            out = Path(scratch) / "site"
            lint = measure(
                "lint", [actionplan, "lint", folder, "--as-of", AS_OF], runs=runs, env=env
            )
            site = [actionplan, "site", folder, "--as-of", AS_OF]
            first = fresh_builds("site, new folder", site, out, runs, env)
            again = measure(
                "site, nothing changed",
                [*site, "--output", str(out)],
                runs=runs,
                env=env,
            )
            pages = sum(1 for _ in out.rglob("*.html"))
            peaks[files] = first.peak_kb
            for label, result in (
                ("lint", lint),
                ("site, new folder", first),
                ("site, again", again),
            ):
                ratio = result.median / lint.median
                rows.append(
                    [
                        f"{files:,} files",
                        label,
                        f"{result.median:.2f} s",
                        f"{ratio:.1f}×",
                        mb(result.peak_kb),
                        ", ".join(str(c) for c in sorted(result.exit_codes)),
                    ]
                )
            worst = max(first.median, again.median) / lint.median
            verdicts.append(
                f"- {files:,} files ({pages:,} pages): `site` {worst:.1f}× one `lint` "
                f"(target {TARGET:.0f}×): **{'met' if worst <= TARGET else 'missed'}**"
            )
    if len(peaks) > 1:
        small, large = peaks[sizes[0]], peaks[sizes[-1]]
        verdicts.append(
            f"- peak memory: {mb(small)} for {sizes[0]:,} files, {mb(large)} for "
            f"{sizes[-1]:,} ({large / small:.2f}×, for 10× the plans): bounded by the largest "
            f"plan: **{'met' if large <= small * 1.5 else 'missed'}**"
        )
    lines = [
        "## Site",
        "",
        "The bench corpus without its files that do not load (20 recommendations × 3 actions "
        f"a file, ~21 pages each), outside git. Median of {runs} run(s) after a warm-up.",
        "",
        *table(
            ["Input", "Command", "Median", "× lint", "Peak memory", "Exit"],
            rows,
            right={2, 3, 4},
        ),
        "",
        *verdicts,
        "",
        *machine(),
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
