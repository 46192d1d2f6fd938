#!/usr/bin/env python3
"""Benchmark actionplan as a pre-commit hook and a CI step: start-up, throughput and memory.

It generates a synthetic corpus of plan files (deterministic, under bench/.corpus/), times whole
processes (the median of several runs after a warm-up), records each process's peak memory
(`os.wait4` in a small launcher, so every run is measured on its own), and compares with the
floor (`python -c pass`) and with the tools a council would otherwise run in CI:
check-jsonschema against the plan's JSON Schema, and yamllint. It prints a Markdown report
and, for a full run, writes docs/benchmarks.md.

    python bench/bench.py            # full: 1 to 5,000 files, and single files of 1 and 21 MB
    python bench/bench.py --quick    # smoke test: 1 and 100 files; writes nothing unless -o

Run it with the interpreter of the environment to measure (`make bench` uses .venv-bench, where
check-jsonschema and yamllint are installed); tools missing there are skipped with a note.
Only the standard library is imported: everything measured runs as a subprocess.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / ".corpus"  # git-ignored; --corpus puts it elsewhere
SOUTHAMPTON = ROOT / "plans" / "southampton-domestic-abuse-2019.yaml"
DOCS = ROOT / "docs" / "benchmarks.md"
AS_OF = "2020-06-30"
SEED = 20191119
CORPUS_VERSION = "2"  # bump when the generator changes, so stale corpora are rebuilt

# --- The corpus ------------------------------------------------------------------------------

_WORD_LIST = (
    "abuse domestic survivors perpetrators children families refuge housing police health "
    "service services council partnership board strategy campaign awareness training workforce "
    "schools safeguarding referral referrals pathway advocacy support outreach evaluation "
    "funding commissioning review report data needs assessment community voluntary sector "
    "agencies professionals practitioners response risk MARAC IDVA helpline behaviour change "
    "programme prevention early intervention recovery accommodation tenancy mental substance "
    "misuse coercive control stalking harassment victims witnesses court justice probation "
    "GP practices hospital midwives social care teams leads managers officers chair members "
    "scrutiny inquiry recommendation action plan delivery target progress update monitoring "
    "quarterly annual budget costs procurement contract provider local national regional the "
    "and of to for with in on by across through within all new existing key clear shared"
)
_WORDS = _WORD_LIST.split()
_OWNERS = (
    "DSA Chair",
    "Service Lead for Stronger Communities",
    "Head of Housing Needs",
    "Director of Public Health",
    "Safeguarding Adults Board Manager",
    "Chief Inspector of Hampshire Constabulary",
    "Commissioning Manager",
    "Education Safeguarding Lead",
    "Communications Manager",
    "OPCC Policy Officer",
)
_STATUSES = ("not-started", "in-progress", "in-progress", "done", "done")


def _words(rng: random.Random, low: int, high: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high)))
    return text[0].upper() + text[1:]


def _day(rng: random.Random, start: date, span: int) -> date:
    return start + timedelta(days=rng.randrange(span))


def plan_text(index: int, *, recommendations: int = 20, actions: int = 3) -> str:
    """One synthetic plan file (~20 KB for 20 recommendations × 3 actions), the same every time.

    A few files carry findings, so lint's output path runs: every 50th (from the first) has a
    stated total that is not the sum of its costs (AP204, a warning) and a unit breakdown that
    does not multiply out (AP203); every 100th (from the 11th) a misspelt key (AP101).
    """
    rng = random.Random(f"{SEED}-{index}-{recommendations}")
    wrong_sums, typo = index % 50 == 0, index % 100 == 10
    adopted = _day(rng, date(2019, 1, 1), 365)
    themes = [f"T{t}" for t in range(1, 5)]
    out = [
        "plan:",
        f"  id: synthetic-{index:05d}",
        f"  title: {_words(rng, 6, 10)}",
        f"  organisation: Council {index:05d}",
        f"  source: {_words(rng, 8, 14)}",
        f"  adopted: {adopted.isoformat()}",
        "  period: 2019-2022",
        "  reports_to: [Domestic and Sexual Abuse Board, Overview and Scrutiny Committee]",
        "  themes:",
    ]
    for theme in themes:
        out += [f"    - id: {theme}", f"      title: {_words(rng, 2, 5)}"]
    total_line = len(out)
    out.append("")  # the stated total, once the costs are known
    out.append("recommendations:")
    total = 0
    outcome_ids = ["O1", "O2", "O3"]
    for r in range(1, recommendations + 1):
        out += [
            f'  - id: "{r}"',
            f"    title: {_words(rng, 2, 6)}",
            f"    text: {_words(rng, 4, 9)}",
            f"    theme: {rng.choice(themes)}",
        ]
        if rng.random() < 0.3:
            out.append(f"    outcomes: [{rng.choice(outcome_ids)}]")
        out.append("    actions:")
        for a in range(1, actions + 1):
            out += _action_lines(rng, f"{r}.{a}", adopted, typo=typo and r == 2 and a == 1)
        if rng.random() < 0.6 or (wrong_sums and r == 3):
            out.append("    costs:")
            amount = rng.randrange(500, 60000, 250)
            total += amount
            out += [f"      - label: {_words(rng, 2, 5)}", f"        amount: {amount}"]
            if rng.random() < 0.3:
                out.append("        recurrence: per-year")
            if wrong_sums and r == 3:
                out.append("        units: {quantity: 5, unit: day, rate: 700}")
    stated = total + (180 if wrong_sums else 0)
    out[total_line] = f"  stated_total: {stated}"
    out.append("outcomes:")
    for number, outcome in enumerate(outcome_ids, 1):
        out += [
            f"  - id: {outcome}",
            f"    title: {_words(rng, 4, 8)}",
            "    for: [survivors, children]",
            "    indicators:",
            f"      - id: {outcome}.{number}",
            f"        name: {_words(rng, 4, 8)}",
            "        unit: percent",
            "        baseline: {value: 42, date: 2019-03-31}",
            "        target: {value: 60, date: 2022-03-31}",
            "        measurements:",
            "          - {date: 2020-03-31, value: 47.5, source: Annual survey}",
        ]
    return "\n".join(out) + "\n"


def _action_lines(rng: random.Random, ident: str, adopted: date, *, typo: bool) -> list[str]:
    status = rng.choice(_STATUSES)
    as_of = date.fromisoformat(AS_OF)
    # Actions not started yet fall due after the as-of date, so few are overdue.
    start = as_of if status == "not-started" else adopted + timedelta(days=90)
    target = _day(rng, start, 540)
    owners = ", ".join(rng.sample(_OWNERS, rng.choice((1, 1, 2))))
    lines = [
        f'      - id: "{ident}"',
        f"        text: {_words(rng, 3, 9)}",
        f"        {'ownrs' if typo else 'owners'}: [{owners}]",
        f"        target: {target.isoformat()[:7] if rng.random() < 0.4 else target.isoformat()}",
    ]
    if status == "not-started":
        return lines
    lines.append(f"        status: {status}")
    when = _day(rng, adopted, (as_of - adopted).days)
    if status == "done":
        lines.append(f"        completed: {when.isoformat()}")
    lines += [
        "        progress:",
        f"          - date: {when.isoformat()}",
        f"            note: {_words(rng, 3, 8)}",
    ]
    return lines


def write_corpus(name: str, files: int) -> Path:
    """bench/.corpus/NAME/ with `files` plan files; reused when already complete."""
    directory = CORPUS / name
    stamp = directory / ".complete"
    if stamp.exists() and stamp.read_text() == f"{CORPUS_VERSION} {files}\n":
        return directory
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    for index in range(files):
        text = plan_text(index)
        (directory / f"plan-{index:05d}.yaml").write_text(text, encoding="utf-8")
    stamp.write_text(f"{CORPUS_VERSION} {files}\n")
    return directory


def write_single_file(recommendations: int, *, findings: bool = True) -> Path:
    """One big plan file of `recommendations` × 3 actions (20,000: ≈ 20 MB, 1,000 files' worth).

    With `findings` it is the corpus's first plan, grown (a wrong total and unit breakdown);
    without, its second (clean).
    """
    name = f"single-{recommendations}{'' if findings else '-clean'}"
    path = CORPUS / f"{name}.yaml"
    stamp = CORPUS / f".{name}.complete"
    if path.exists() and stamp.exists() and stamp.read_text() == CORPUS_VERSION + "\n":
        return path
    CORPUS.mkdir(parents=True, exist_ok=True)
    path.write_text(plan_text(0 if findings else 1, recommendations=recommendations), "utf-8")
    stamp.write_text(CORPUS_VERSION + "\n")
    return path


def plan_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


def size_of(paths: Sequence[Path]) -> int:
    return sum(p.stat().st_size for p in paths)


# --- Timing ----------------------------------------------------------------------------------


@dataclass
class Measured:
    """One command, run `runs` times after `warmups` warm-up runs."""

    label: str
    seconds: list[float] = field(default_factory=list)
    peak_kb: int = 0
    exit_codes: set[int] = field(default_factory=set)
    last_line: str = ""
    note: str = ""  # why it was skipped, or what to know about it

    @property
    def skipped(self) -> bool:
        return not self.seconds

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


# Runs one command and reports its wall time, CPU time, peak memory and exit status. Linux
# carries a process's peak RSS across exec from the process it was forked from, so a child
# forked by this script would report at least this script's own size (over 100 MB once it has
# written the big plan); a fresh, small interpreter forks the command instead, and times it too.
# The rusage of the waited-for process includes the workers it has waited for (their CPU time
# summed, their peak memory the largest).
_LAUNCH = """
import json, os, sys, time
result, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_pid, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
with open(result, "w") as handle:
    json.dump([elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
               os.waitstatus_to_exitcode(status)], handle)
"""


def launched(
    argv: Sequence[str], env: dict[str, str], output: IO[bytes] | None = None
) -> tuple[float, float, int, int]:
    """Wall time, CPU time (user + system), peak RSS (KB) and exit code of one process, run by
    the launcher; what it prints goes to `output` (stdout and stderr), else nowhere."""
    import json

    with tempfile.TemporaryDirectory() as scratch:
        result = Path(scratch) / "result.json"
        subprocess.run(
            [sys.executable, "-c", _LAUNCH, str(result), *argv],
            stdin=subprocess.DEVNULL,
            stdout=output if output is not None else subprocess.DEVNULL,
            stderr=subprocess.STDOUT if output is not None else subprocess.DEVNULL,
            env=env,
            check=True,
        )
        wall, cpu, peak_kb, code = json.loads(result.read_text())
    return wall, cpu, peak_kb, code


def run_once(argv: Sequence[str], env: dict[str, str]) -> tuple[float, int, int, str]:
    """Wall time, peak RSS (KB) and exit code of one process, and the last line it printed."""
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "output"
        with output.open("wb") as out:
            elapsed, _cpu, peak_kb, code = launched(argv, env, out)
        with output.open("rb") as out:
            out.seek(0, os.SEEK_END)
            out.seek(max(0, out.tell() - 4096))
            tail = out.read().decode("utf-8", "replace").rstrip("\n").rsplit("\n", 1)[-1]
    tail = tail.replace(f"{ROOT}{os.sep}", "")  # paths as a reader of the report would write them
    return elapsed, peak_kb, code, tail


WARMUPS = 1  # warm-up runs before the timed ones (--warmups)


def measure(
    label: str,
    argv: Sequence[str],
    *,
    runs: int,
    env: dict[str, str],
    warmups: int | None = None,
) -> Measured:
    warmups = WARMUPS if warmups is None else min(warmups, WARMUPS)
    result = Measured(label)
    say(f"  {label}: ", end="")
    for attempt in range(warmups + runs):
        elapsed, peak, code, tail = run_once(argv, env)
        result.peak_kb = max(result.peak_kb, peak)
        result.exit_codes.add(code)
        result.last_line = tail
        if attempt >= warmups:
            result.seconds.append(elapsed)
        say(f"{elapsed:.3f}s ", end="")
    say("")
    return result


def skipped(label: str, note: str) -> Measured:
    say(f"  {label}: skipped ({note})")
    return Measured(label, note=note)


def say(text: str, end: str = "\n") -> None:
    print(text, end=end, file=sys.stderr, flush=True)


# --- The tools -------------------------------------------------------------------------------


@dataclass
class Tools:
    python: str
    actionplan: list[str]
    check_jsonschema: str | None
    yamllint: str | None
    env: dict[str, str]

    @classmethod
    def find(cls, skip_external: bool) -> Tools:
        bindir = Path(sys.executable).parent
        script = bindir / "actionplan"
        actionplan = [str(script)] if script.exists() else [sys.executable, "-m", "actionplan"]

        def external(name: str) -> str | None:
            if skip_external:
                return None
            local = bindir / name
            return str(local) if local.exists() else shutil.which(name)

        env = dict(os.environ)
        env.pop("GITHUB_STEP_SUMMARY", None)
        env["NO_COLOR"] = "1"
        return cls(
            sys.executable, actionplan, external("check-jsonschema"), external("yamllint"), env
        )

    def command_help(self, name: str) -> str | None:
        """`actionplan NAME --help`, or None when there is no such command (yet)."""
        done = subprocess.run(
            [*self.actionplan, name, "--help"], capture_output=True, text=True, env=self.env
        )
        return done.stdout if done.returncode == 0 else None

    def version(self, argv: Sequence[str]) -> str:
        done = subprocess.run(list(argv), capture_output=True, text=True, env=self.env)
        return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else "?"


def pure_python_yaml(tools: Tools, args: Sequence[str]) -> list[str]:
    """actionplan with libyaml hidden, so the loader takes its pure-Python fallback."""
    code = (
        "import sys; sys.modules['yaml._yaml'] = None; "
        "from actionplan.cli import main; "
        f"sys.argv = ['actionplan', *{list(args)!r}]; main()"
    )
    return [tools.python, "-c", code]


def has_libyaml(python: str) -> bool:
    probe = "import yaml, sys; sys.exit(0 if yaml.__with_libyaml__ else 1)"
    return subprocess.run([python, "-c", probe], capture_output=True).returncode == 0


# --- The run ---------------------------------------------------------------------------------


@dataclass
class Corpus:
    name: str
    files: list[Path]
    bytes: int
    target: Path  # what actionplan and yamllint are given: the directory, or the file


@dataclass
class Report:
    quick: bool
    runs: int
    startup: list[Measured] = field(default_factory=list)
    startup_input: int = 0
    corpora: list[Corpus] = field(default_factory=list)
    throughput: dict[str, dict[str, Measured]] = field(default_factory=dict)
    fallback: list[tuple[Corpus, Measured]] = field(default_factory=list)
    side_by_side: list[Measured] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    breakdown: dict[str, dict[str, float]] = field(default_factory=dict)
    memory: dict[str, int] = field(default_factory=dict)
    memory_input: int = 0
    libyaml: bool = False
    minutes: float = 0.0
    warmups: int = 1


_NESTED = ("startup", "corpora", "throughput", "fallback", "side_by_side")


def save_report(report: Report, path: Path) -> None:
    """The measurements as JSON, so the report can be drawn again without running (--from)."""
    import json

    def measured(row: Measured) -> dict[str, object]:
        return {**asdict(row), "exit_codes": sorted(row.exit_codes)}

    def corpus(c: Corpus) -> dict[str, object]:
        return {
            "name": c.name,
            "files": [str(p) for p in c.files],
            "bytes": c.bytes,
            "target": str(c.target),
        }

    data = {key: getattr(report, key) for key in Report.__dataclass_fields__ if key not in _NESTED}
    data["startup"] = [measured(row) for row in report.startup]
    data["corpora"] = [corpus(c) for c in report.corpora]
    data["throughput"] = {
        name: {label: measured(row) for label, row in rows.items()}
        for name, rows in report.throughput.items()
    }
    data["fallback"] = [[c.name, measured(row)] for c, row in report.fallback]
    data["side_by_side"] = [measured(row) for row in report.side_by_side]
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def load_report(path: Path) -> Report:
    import json

    data = json.loads(path.read_text(encoding="utf-8"))

    def measured(row: dict[str, Any]) -> Measured:
        return Measured(**{**row, "exit_codes": set(row["exit_codes"])})

    corpora = {
        c["name"]: Corpus(c["name"], [Path(p) for p in c["files"]], c["bytes"], Path(c["target"]))
        for c in data["corpora"]
    }
    report = Report(**{key: value for key, value in data.items() if key not in _NESTED})
    report.startup = [measured(row) for row in data["startup"]]
    report.corpora = list(corpora.values())
    report.throughput = {
        name: {label: measured(row) for label, row in rows.items()}
        for name, rows in data["throughput"].items()
    }
    report.fallback = [(corpora[name], measured(row)) for name, row in data["fallback"]]
    report.side_by_side = [measured(row) for row in data.get("side_by_side", [])]
    return report


def bench(args: argparse.Namespace) -> Report:
    started = time.perf_counter()
    tools = Tools.find(args.skip_external)
    report = Report(quick=args.quick, runs=args.runs, warmups=WARMUPS)
    report.libyaml = has_libyaml(tools.python)
    report.versions["actionplan"] = tools.version([*tools.actionplan, "--version"])
    for name, exe in (("check-jsonschema", tools.check_jsonschema), ("yamllint", tools.yamllint)):
        if exe:
            report.versions[name] = tools.version([exe, "--version"])
    CORPUS.mkdir(parents=True, exist_ok=True)
    schema = CORPUS / "actionplan.schema.json"
    subprocess.run(
        [*tools.actionplan, "schema", "--output", str(schema)],
        check=True,
        env=tools.env,
        capture_output=True,
    )
    bench_startup(report, tools, schema)
    bench_side_by_side(report, tools)
    if args.startup:
        report.minutes = (time.perf_counter() - started) / 60
        return report
    for files in [1, 100] if args.quick else [1, 100, 1000, 5000]:
        directory = write_corpus(f"{files}", files)
        paths = plan_files(directory)
        name = f"{files:,} file{'s' if files > 1 else ''}"
        report.corpora.append(Corpus(name, paths, size_of(paths), directory))
    if not args.quick:
        for recommendations, findings in ((1000, True), (20_000, True), (20_000, False)):
            single = write_single_file(recommendations, findings=findings)
            name = f"1 file of {recommendations:,} recommendations"
            if not findings:
                name += ", no findings"
            report.corpora.append(Corpus(name, [single], single.stat().st_size, single))
    for corpus in report.corpora:
        report.throughput[corpus.name] = bench_corpus(corpus, tools, schema, args)
    for corpus in report.corpora[:1] if args.quick else report.corpora[1:2]:
        if corpus.target.is_dir():
            say(f"pure-Python YAML fallback, {corpus.name}")
            argv = pure_python_yaml(tools, ["lint", str(corpus.target), "--as-of", AS_OF])
            label = "actionplan lint (pure-Python YAML)"
            report.fallback.append((corpus, measure(label, argv, runs=args.runs, env=tools.env)))
    if not args.quick:
        # The same plans as the 21 MB file, 20 times fewer: tracemalloc slows every allocation.
        sample = write_single_file(1000, findings=True)
        say(f"memory by part, {sample.name} ({size(sample.stat().st_size)}) under tracemalloc")
        report.memory = memory_stages(tools.python, sample, tools.env)
        report.memory_input = sample.stat().st_size
    report.minutes = (time.perf_counter() - started) / 60
    return report


def bench_startup(report: Report, tools: Tools, schema: Path) -> None:
    """The floor, `--version`, and the commands on the Southampton plan (with the tools)."""
    runs, env, startup = report.runs, tools.env, report.startup
    say(f"start-up (median of {runs} runs after a warm-up)")
    startup.append(measure(FLOOR, [tools.python, "-c", "pass"], runs=runs, env=env))
    commands: list[tuple[str, list[str]]] = [("actionplan --version", ["--version"])]
    if SOUTHAMPTON.exists():
        report.startup_input = SOUTHAMPTON.stat().st_size
        plan = str(SOUTHAMPTON)
        commands += [
            (f"actionplan {command}", [command, plan])
            for command in ("lint", "status", "cost-summary")
        ]
    for label, args in commands:
        command = args[0]
        if not command.startswith("-"):
            usage = tools.command_help(command)
            if usage is None:
                startup.append(skipped(label, f"there is no '{command}' command yet"))
                continue
            if "--as-of" in usage:
                args = [*args, "--as-of", AS_OF]
        startup.append(measure(label, [*tools.actionplan, *args], runs=runs, env=env))
        report.breakdown[label] = import_breakdown(tools.python, [*tools.actionplan, *args], env)
    if not SOUTHAMPTON.exists():
        note = f"{SOUTHAMPTON.relative_to(ROOT)} is not there yet"
        startup.append(skipped("actionplan lint, status and cost-summary", note))
        return
    plan = str(SOUTHAMPTON)
    startup.append(external_row("yamllint", tools.yamllint, [plan], runs, env))
    cjs = ["--schemafile", str(schema), plan]
    startup.append(external_row("check-jsonschema", tools.check_jsonschema, cjs, runs, env))


# The start-up targets, each command against its yardstick: a Typer app that imports what every
# actionplan command imports (typer, Pydantic, PyYAML) and only prints, and yamllint.
BARE_APP = ROOT / "bench" / "bare_typer_app.py"
BARE = "bare Typer app (bench/bare_typer_app.py)"
SIDE_AS_OF = "2020-03-01"
YARDSTICKS = {"actionplan status": (BARE, 1.3), "actionplan lint": ("yamllint", 1.0)}


def bench_side_by_side(report: Report, tools: Tools) -> None:
    """The bare Typer app, `status`, `lint` and yamllint on the Southampton plan, in turn.

    Run after run, each command once in every round, so that whatever else the machine is doing
    slows all four alike: the ratios of the medians hold on a busy machine, the times less so.
    """
    if not SOUTHAMPTON.exists():
        return
    plan, runs = str(SOUTHAMPTON), report.runs
    commands = {
        BARE: [tools.python, str(BARE_APP), plan, "--as-of", SIDE_AS_OF],
        "actionplan status": [*tools.actionplan, "status", plan, "--as-of", SIDE_AS_OF],
        "actionplan lint": [*tools.actionplan, "lint", plan, "--as-of", SIDE_AS_OF],
    }
    if tools.yamllint:
        commands["yamllint"] = [tools.yamllint, plan]
    say(f"start-up side by side ({plural(runs, 'alternating run')}, {plural(WARMUPS, 'warm-up')})")
    rows = {label: Measured(label) for label in commands}
    for attempt in range(WARMUPS + runs):
        took = []
        for label, argv in commands.items():
            elapsed, peak, code, tail = run_once(argv, tools.env)
            row = rows[label]
            row.peak_kb, row.last_line = max(row.peak_kb, peak), tail
            row.exit_codes.add(code)
            if attempt >= WARMUPS:
                row.seconds.append(elapsed)
            took.append(f"{elapsed:.3f}s")
        say(f"  {'warm-up' if attempt < WARMUPS else 'round'} {attempt + 1}: {' '.join(took)}")
    report.side_by_side = list(rows.values())
    if not tools.yamllint:
        report.side_by_side.append(
            skipped("yamllint", "not installed here; `make bench` installs it into .venv-bench")
        )


def bench_corpus(
    corpus: Corpus, tools: Tools, schema: Path, args: argparse.Namespace
) -> dict[str, Measured]:
    """actionplan lint, check-jsonschema and yamllint on one corpus."""
    say(f"{corpus.name} ({size(corpus.bytes)})")
    env, runs = tools.env, args.runs
    rows: dict[str, Measured] = {}
    lint = [*tools.actionplan, "lint", str(corpus.target), "--as-of", AS_OF]
    rows["actionplan lint"] = measure("actionplan lint", lint, runs=runs, env=env)
    if len(corpus.files) > 1000 and not args.external_5000:
        note = "not run on 5,000 files (minutes a run); the 1,000-file rows give the ratio"
        rows["check-jsonschema"] = skipped("check-jsonschema", note)
        rows["yamllint"] = skipped("yamllint", note)
        return rows
    if corpus.name.endswith("no findings"):
        note = "run on the same size of file above"
        rows["check-jsonschema"] = skipped("check-jsonschema", note)
        rows["yamllint"] = skipped("yamllint", note)
        return rows
    big = corpus.bytes > 10_000_000
    # A minute or more a run on the big inputs: fewer runs, and no warm-up (lint's runs have
    # just read the same files, so the page cache is warm); the single file once.
    slow = (1 if len(corpus.files) == 1 else min(runs, args.external_runs)) if big else runs
    warmups = 0 if big else None
    files = [str(p) for p in corpus.files]
    cjs = ["--schemafile", str(schema), *files]
    rows["check-jsonschema"] = external_row(
        "check-jsonschema", tools.check_jsonschema, cjs, slow, env, warmups=warmups
    )
    rows["yamllint"] = external_row(
        "yamllint", tools.yamllint, [str(corpus.target)], slow, env, warmups=warmups
    )
    return rows


FLOOR = "python -c pass (the floor)"


def external_row(
    name: str,
    exe: str | None,
    args: list[str],
    runs: int,
    env: dict[str, str],
    warmups: int | None = None,
) -> Measured:
    if exe is None:
        return skipped(name, "not installed here; `make bench` installs it into .venv-bench")
    return measure(name, [exe, *args], runs=runs, warmups=warmups, env=env)


def import_breakdown(python: str, argv: Sequence[str], env: dict[str, str]) -> dict[str, float]:
    """Milliseconds each package's own modules take to import (`python -X importtime`).

    Times are each module's own ("self") time, so they add up to the whole import time; the
    standard library and anything else falls under "other".
    """
    done = subprocess.run(
        [python, "-X", "importtime", *argv], capture_output=True, text=True, env=env
    )
    costs: dict[str, float] = {}
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if not line.startswith("import time:") or len(parts) != 3 or not parts[0].strip().isdigit():
            continue
        root = parts[2].strip().split(".")[0]
        bucket = root if root in HEAVY else "other"
        costs[bucket] = costs.get(bucket, 0.0) + int(parts[0]) / 1000
    return costs


HEAVY = (
    "actionplan",
    "typer",
    "click",
    "pydantic",
    "pydantic_core",
    "yaml",
    "rich",
    "tabulate",
    "hypothesis",
    "jsonschema",
)


# --- The report ------------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB of memory"
    except (OSError, ValueError, IndexError):
        pass
    return [
        f"{cpu}, {os.cpu_count()} cores{memory}",
        f"{platform.system()} {platform.release()}",
        f"{platform.python_implementation()} {platform.python_version()}",
    ]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 1 else f"{seconds:,.2f} s"


def mb(kb: float) -> str:
    return f"{kb / 1024:,.0f} MB"


def times(ratio: float) -> str:
    return f"{ratio:,.1f}×"


def runs_of(row: Measured) -> str:
    return str(len(row.seconds))


def exits(row: Measured) -> str:
    return ", ".join(str(code) for code in sorted(row.exit_codes))


def size(nbytes: int) -> str:
    return f"{nbytes / 1e6:,.1f} MB" if nbytes >= 1e6 else f"{nbytes / 1e3:,.1f} KB"


def table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    """A Markdown table (pipe style, right-aligned numeric columns)."""
    rule = ["---:" if i in right else "---" for i in range(len(headers))]
    return [
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join(rule) + " |",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


@dataclass
class Target:
    name: str
    measured: str
    met: bool | None  # None: not measured
    why: str = ""

    def row(self) -> list[str]:
        verdict = "not measured" if self.met is None else "**met**" if self.met else "**missed**"
        return [self.name, self.measured, verdict + (f": {self.why}" if self.why else "")]


def find(rows: list[Measured], label: str) -> Measured | None:
    return next((r for r in rows if r.label == label and not r.skipped), None)


def targets(report: Report) -> list[Target]:
    """Each target of issue 7 (and issue 6's memory bound), measured, with why when missed."""
    out: list[Target] = []
    thousand = report.throughput.get("1,000 files", {})
    lint, cjs = thousand.get("actionplan lint"), thousand.get("check-jsonschema")
    name = "`lint` on 1,000 files at least 10× faster than check-jsonschema"
    if lint and cjs and not lint.skipped and not cjs.skipped:
        ratio = cjs.median / lint.median
        measured = f"{times(ratio)} ({ms(lint.median)} against {ms(cjs.median)})"
        why = (
            "" if ratio >= 10 else "lint's time goes to the YAML parser and Pydantic; see " + NOTES
        )
        out.append(Target(name, measured, ratio >= 10, why))
    else:
        out.append(Target(name, "—", None, "needs the full run with check-jsonschema installed"))

    status, yamllint = find(report.startup, "actionplan status"), find(report.startup, "yamllint")
    name = "`status` on the Southampton plan no slower than yamllint on it"
    if status and yamllint:
        ok = status.median <= yamllint.median
        ratio = status.median / yamllint.median
        measured = f"{ms(status.median)} against {ms(yamllint.median)} ({times(ratio)})"
        out.append(Target(name, measured, ok, "" if ok else status_miss(report, yamllint)))
    else:
        out.append(Target(name, "—", None, "needs the plan, the command and yamllint"))

    five = report.throughput.get("5,000 files", {}).get("actionplan lint")
    name = "linear growth: 5,000 files cost at most 5.5× 1,000 files"
    if lint and five and not five.skipped and not lint.skipped:
        ratio = five.median / lint.median
        measured = f"{times(ratio)} ({ms(five.median)} against {ms(lint.median)})"
        why = "" if ratio <= 5.5 else "see " + NOTES
        out.append(Target(name, measured, ratio <= 5.5, why))
    else:
        out.append(Target(name, "—", None, "full run only"))

    corpora = {c.name: c for c in report.corpora}
    small, big = corpora.get(SMALL_FILE), corpora.get(BIG_FILE)
    name = (
        "one 21 MB file in time linear in its size: at most 1.1× (its size ÷ the 1 MB file's) "
        "the 1 MB file's time"
    )
    if small and big:
        small_row = report.throughput[small.name]["actionplan lint"]
        big_row = report.throughput[big.name]["actionplan lint"]
        scale = big.bytes / small.bytes
        ratio = big_row.median / small_row.median
        measured = (
            f"{times(ratio)} for {times(scale)} the size ({ms(big_row.median)} against "
            f"{ms(small_row.median)})"
        )
        ok = ratio <= 1.1 * scale
        out.append(Target(name, measured, ok, "" if ok else "see " + NOTES))
    else:
        out.append(Target(name, "—", None, "full run only"))

    for corpus in report.corpora:
        row = report.throughput[corpus.name]["actionplan lint"]
        if corpus.bytes < 10_000_000 or row.skipped:
            continue
        ratio = row.peak_kb * 1024 / corpus.bytes
        name = f"peak memory under 10× the input: {corpus.name}"
        measured = f"{mb(row.peak_kb)} for {size(corpus.bytes)} ({times(ratio)})"
        why = "" if ratio < 10 else memory_miss(report, corpus)
        out.append(Target(name, measured, ratio < 10, why))
    return out


SMALL_FILE = "1 file of 1,000 recommendations"
BIG_FILE = "1 file of 20,000 recommendations"


NOTES = "'Notes from profiling' below"


def status_miss(report: Report, yamllint: Measured) -> str:
    """Why `status` is slower than yamllint, from the import breakdown of this run."""
    costs = report.breakdown.get("actionplan status", {})
    fixed = sum(costs.get(p, 0.0) for p in ("typer", "pydantic", "pydantic_core"))
    return (
        f"typer and Pydantic take {fixed:.0f} ms to import (under `-X importtime`; typer uses "
        "Pydantic to parse each option, so no command avoids it) and Rich "
        f"{costs.get('rich', 0.0):.0f} ms, against {ms(yamllint.median)} for yamllint's whole "
        "run; drawing the tables with Rich takes most of the rest. See 'Where start-up goes' "
        "and " + NOTES
    )


def memory_miss(report: Report, corpus: Corpus) -> str:
    """Why one big file takes more than 10× its size, from the parts measured in this run."""
    parts = report.memory
    if not all(p in parts for p in MEMORY_PARTS) or not report.memory_input:
        return "see " + NOTES
    text, plan, positions = (parts[p] / report.memory_input for p in MEMORY_PARTS)
    others = [
        f"{label} {times(row.peak_kb * 1024 / corpus.bytes)}"
        for label, row in report.throughput[corpus.name].items()
        if label != "actionplan lint" and not row.skipped
    ]
    compared = f" (on the same file: {', '.join(others)})" if others else ""
    found = (
        f", and its findings need positions ({times(positions)})"
        if not corpus.name.endswith("no findings")
        else ""
    )
    return (
        f"the text ({times(text)}) and the validated plan ({times(plan)}) are alive together"
        f"{found}, above what the interpreter and its libraries take{compared}. See 'Memory of "
        "one big file' and " + NOTES
    )


def render(report: Report) -> str:
    """The report as Markdown: machine, targets, start-up, throughput, memory, fallback."""
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`bench/bench.py`); re-run it to refresh this page. Every figure "
        "is the wall time of a whole process, the median of several runs after a warm-up, on "
        "the machine below, all measured in the same run.",
        "",
        "## Machine",
        "",
        *(f"- {line}" for line in machine()),
        f"- PyYAML with libyaml (C parser): {'yes' if report.libyaml else 'no (pure Python)'}",
        *(f"- {version}" for version in report.versions.values()),
        f"- the whole benchmark took {report.minutes:.1f} minutes"
        + (" (`--quick`: 1 and 100 files only)" if report.quick else ""),
        "",
        "## Targets",
        "",
        *table(
            ["target", "measured", "result"],
            [t.row() for t in (*targets(report), *startup_targets(report))],
            set(),
        ),
        "",
    ]
    sections = (
        startup_section,
        side_by_side_section,
        throughput_section,
        memory_section,
        fallback_section,
    )
    for section in (*sections, notes_section):
        lines += section(report)
    lines += [
        "## How it was measured",
        "",
        f"- Medians of {plural(report.runs, 'run')} after {plural(report.warmups, 'warm-up run')}, "
        "unless the runs column says otherwise: on inputs over 10 MB the external tools run "
        "fewer times with no warm-up, as each run takes a minute or more (the lint runs just "
        "before them have read the same files, so the page cache is warm).",
        "- Peak memory is each process's maximum resident set size (`os.wait4`, in a small "
        "interpreter that forks the command, since Linux carries the peak across exec from "
        "the forking process), the largest over its runs.",
        f"- `--as-of {AS_OF}` on every actionplan command that takes it, so the date rules "
        "run too. The exit column: 0 clean, 1 findings (the corpus has some on purpose).",
        "- yamllint runs with its default configuration; check-jsonschema with "
        "`--schemafile` and its defaults (format checks on).",
        "- The machine is shared: other processes may have run alongside; medians damp that, "
        "they do not remove it.",
        "",
    ]
    return "\n".join(lines)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def startup_section(report: Report) -> list[str]:
    if not report.startup:
        return []
    floor = find(report.startup, FLOOR)
    plan = f" ({size(report.startup_input)})" if report.startup_input else ""
    lines = [
        f"## Start-up: one plan, the Southampton plan{plan}",
        "",
        "× floor: how many times `python -c pass`.",
        "",
    ]
    rows = []
    for row in report.startup:
        if row.skipped:
            rows.append([row.label, "skipped", "", "", "", "", row.note])
            continue
        ratio = times(row.median / floor.median) if floor else ""
        cells = [ms(row.median), ratio, mb(row.peak_kb), runs_of(row), exits(row)]
        rows.append([row.label, *cells, row.last_line[:60]])
    headers = ["command", "median", "× floor", "peak memory", "runs", "exit", "last line of output"]
    lines += [*table(headers, rows, {1, 2, 3, 4, 5}), ""]
    if report.breakdown:
        lines += [
            "### Where start-up goes",
            "",
            "Import time of each package's own modules in ms (`python -X importtime`, one run, "
            "which slows imports down; the standard library and the rest are 'other'). Rich "
            "and tabulate are imported only by the commands that draw tables, hypothesis and "
            "the JSON Schema generator never at run time. typer builds a Pydantic TypeAdapter "
            "for each option of the command being run, so every command but `--version` "
            "imports Pydantic.",
            "",
        ]
        packages = sorted({p for costs in report.breakdown.values() for p in costs})
        rows = [
            [label, *(f"{costs[p]:.0f}" if costs.get(p) else "—" for p in packages)]
            for label, costs in report.breakdown.items()
        ]
        right = set(range(1, len(packages) + 1))
        lines += [*table(["command", *packages], rows, right), ""]
    return lines


def startup_targets(report: Report) -> list[Target]:
    """`status` within 1.3× the bare Typer app, `lint` no slower than yamllint (side by side)."""
    out: list[Target] = []
    for label, (yardstick, bound) in YARDSTICKS.items():
        command, reference = find(report.side_by_side, label), find(report.side_by_side, yardstick)
        within = f"within {bound}×" if bound != 1.0 else "no slower than"
        name = f"`{label.split()[1]}` on the Southampton plan {within} {yardstick.split(' (')[0]}"
        if command is None or reference is None:
            out.append(Target(name, "—", None, "needs the side-by-side run with " + yardstick))
            continue
        ratio = command.median / reference.median
        measured = f"{times_2(ratio)} ({ms(command.median)} against {ms(reference.median)})"
        ok = ratio <= bound
        out.append(Target(name, measured, ok, "" if ok else startup_miss(report, label)))
    return out


def times_2(ratio: float) -> str:
    return f"{ratio:,.2f}×"


def startup_miss(report: Report, label: str) -> str:
    """Why a command misses its start-up target, from this run's import breakdown."""
    costs = report.breakdown.get(label, {})
    own, rich = costs.get("actionplan", 0.0), costs.get("rich", 0.0)
    parts = f"actionplan's own modules (the plan models, the loader) {own:.0f} ms to import"
    if rich:
        parts += f", Rich {rich:.0f} ms, and drawing a table per recommendation with it the rest"
    return f"{parts} (under `-X importtime`); see 'Start-up side by side' and " + NOTES


def side_by_side_section(report: Report) -> list[str]:
    if not report.side_by_side:
        return []
    rows_by_label = {row.label: row for row in report.side_by_side}
    lines = [
        "## Start-up side by side: the Southampton plan",
        "",
        "Each command once a round, in turn, so that a busy machine slows them alike; the "
        f"ratios are of the medians. `--as-of {SIDE_AS_OF}`. The bare Typer app imports typer, "
        "Pydantic and PyYAML, takes the same arguments and prints one line: what any such CLI "
        "pays to start, before it does anything. yamllint: its default configuration.",
        "",
    ]
    rows = []
    for row in report.side_by_side:
        if row.skipped:
            rows.append([row.label, "skipped", "", "", "", "", row.note])
            continue
        yardstick, _ = YARDSTICKS.get(row.label, ("", 0.0))
        against = rows_by_label.get(yardstick)
        ratio = ""
        if against is not None and not against.skipped:
            ratio = f"{times_2(row.median / against.median)} {yardstick.split(' (')[0]}"
        cells = [ms(row.median), ratio, mb(row.peak_kb), runs_of(row), exits(row)]
        rows.append([row.label, *cells, row.last_line[:60]])
    headers = ["command", "median", "× its yardstick", "peak memory", "runs", "exit"]
    return [*lines, *table([*headers, "last line of output"], rows, {1, 2, 3, 4, 5}), ""]


def throughput_section(report: Report) -> list[str]:
    if not report.corpora:
        return []
    lines = [
        "## Throughput: `actionplan lint` against the tools a council would otherwise run",
        "",
        "Synthetic plans (`bench/bench.py`, seeded): 20 recommendations × 3 actions a file, "
        "with costs, progress updates and outcomes; every 50th file has a wrong stated total "
        "and a unit breakdown that does not multiply out, every 100th a misspelt key. "
        "actionplan and yamllint are given the directory, check-jsonschema the file names "
        "(it takes no directories) and the schema `actionplan schema` writes. "
        "× lint: how many times longer than `actionplan lint` on the same files.",
        "",
    ]
    rows = []
    for corpus in report.corpora:
        tools = report.throughput[corpus.name]
        lint = tools["actionplan lint"]
        where = f"{corpus.name} ({size(corpus.bytes)})"
        for label, row in tools.items():
            if row.skipped:
                rows.append([where, label, "skipped", "", "", "", "", "", row.note])
                continue
            vs = times(row.median / lint.median) if not lint.skipped else ""
            per = ms(row.median / len(corpus.files)) if len(corpus.files) > 1 else ""
            memory = mb(row.peak_kb)
            if corpus.bytes >= 1e6:
                memory += f" ({times(row.peak_kb * 1024 / corpus.bytes)})"
            cells = [ms(row.median), vs, per, memory, runs_of(row), exits(row)]
            rows.append([where, label, *cells, row.last_line[:70]])
    headers = ["input", "tool", "median", "× lint", "per file", "peak memory (× input)", "runs"]
    lines += table([*headers, "exit", "last line of output"], rows, {2, 3, 4, 5, 6, 7})
    return [*lines, ""]


def memory_section(report: Report) -> list[str]:
    if not report.memory:
        return []
    whole = report.memory_input
    lines = [
        "### Memory of one big file",
        "",
        f"What each part of a loaded plan takes, loaded as `lint` loads it, measured with "
        f"`tracemalloc` on the {size(whole)} file of the same plans as the 21 MB one "
        "(tracemalloc slows every allocation; per MB the parts are the same). Each "
        "recommendation is validated as soon as it is read and its plain data dropped, so the "
        "plan is never held twice. Positions are worked out, by parsing the text again "
        "without building data, only when a finding needs one. Above these parts, a process "
        "starts at the interpreter and its libraries (the `--version` row's peak). `lint` "
        "keeps one file in memory at a time, so a directory costs its largest file, not the "
        "sum of them.",
        "",
    ]
    rows = [
        [stage, mb(grown / 1024), times(grown / whole)] for stage, grown in report.memory.items()
    ]
    return [*lines, *table(["part", "memory", "× input"], rows, {1, 2}), ""]


def notes_section(report: Report) -> list[str]:
    """What profiling found and what each change bought: fixed text, not measured in this run."""
    return [
        "## Notes from profiling",
        "",
        "Found with `python -X importtime` and cProfile while working on issue 7; the figures "
        "in this section come from those sessions (see the commit messages), not from this run.",
        "",
        "- **Start-up.** Every command module used to be imported at start-up, and a command "
        "module that imports the plan models at module level made even `--version` pay for "
        "Pydantic. `main()` now imports the module of the command being run only "
        "(`--version` 160 ms → 50 ms, `lint` on one plan 210 → 185 ms). typer (0.2x) builds a "
        "Pydantic TypeAdapter for each option of the command being run, so every command but "
        "`--version` imports Pydantic (about 30 ms) whatever actionplan does, and the plan "
        "models take about 40 ms more to build: together about as long as yamllint's whole "
        "run on the Southampton plan. The rest of `status` is Rich laying out and wrapping one "
        "table per recommendation (about 100 ms of cProfile's 250 for the Southampton plan).",
        "- **Start-up side by side.** The yardsticks are a bare Typer app that imports typer, "
        "Pydantic and PyYAML and prints one line (`bench/bare_typer_app.py`), and yamllint, run "
        "in alternating rounds so that a busy machine slows all alike. Building the plan models "
        "took 33 ms of CPU; the scalar types (dates, money, text…) now hand Pydantic their core "
        "schema, where Pydantic used to inspect each validator's signature on every one of 86 "
        "fields; the parts of a plan are built only inside the four models the loader validates "
        "by themselves (`defer_build`); annotations are no longer strings to evaluate; and "
        "Pydantic's search for plugins among the installed distributions is skipped while the "
        "models are built, as typer skips it for its own: 22 ms (`status` 465 → 431 ms CPU, "
        "`lint` 352 → 332 ms, medians of 30 alternating runs on a loaded machine). Above the bare "
        "app, `lint` then spends about 55 ms importing the loader, the YAML composer and decoder, "
        "the checks and the output modules (`cli/common.py` imports `output.render` and "
        "`views.document` for the `Format` enum alone; `yaml/decode.py` compiles a character "
        "class over most of Unicode, 8 ms, where its complement compiles in 0.5 ms), 18 ms "
        "building the models and 14 ms checking the plan; `status` about 110 ms importing Rich "
        "and drawing one table per recommendation with it.",
        "- **Throughput.** CPU time of `lint` on 1,000 files went to libyaml's parser turning "
        "events into Python objects (about 1.2 s), composing them with a position for every "
        "value (about 1.1 s), Pydantic validation (about 1.0 s) and the checks (0.3 s). "
        "Composing now resolves null/true/false with one dict lookup instead of three regular "
        "expressions, checks tags only on nodes that have one, and calls the parser's "
        "`get_event` directly (compose 20% faster). The CLI looks for garbage cycles every "
        "100,000 allocations instead of every 700: the plans have none, and the collector "
        "kept rescanning the heap (the 21 MB file 8.0 s → 4.9 s CPU, 1,000 files 4.1 → 3.75 s). "
        "Since 2e89e54 positions are worked out only when a finding asks for one, by composing "
        "the file again: a clean file never pays for them (1,000 files 4.1 s → 3.5 s), a file "
        "with findings is parsed twice (since issue 6's memory work, the second time "
        "without building any data, into a compact index).",
        "- **Tables.** `status` drew every table twice, once to see whether it fits the "
        "terminal and once to print it; the first drawing is now printed when it fits "
        "(`status` on the Southampton plan 355 → 310 ms). Since the narrow-terminal work the "
        "column widths are worked out by `render.fit_widths` and handed to Rich, which then "
        "lays each table out once, at fixed widths (310 → 252 ms).",
        "- **Memory.** `lint` used to hold every plan until the end (557 MB for 1,000 files); "
        "it now checks each plan as soon as it is loaded and drops it (37 MB, and the same "
        "for 5,000 files). One 21 MB file took 357 MB clean and 693 MB with findings "
        "(17.8× and 34.5×): its text, plain data (4×) and Pydantic models (9×) were alive "
        "together, and positions were a dict of path tuples (13×) built by composing the file "
        "again. Now: each recommendation is validated as soon as it is composed and its data "
        "dropped (an invalid one is reported and pruned there and then); objects written with "
        "the same keys share one frozen fields-set (Pydantic gives every object a set of its "
        "own, 728 bytes for an action), list fields are tuples (an empty one costs nothing), "
        "dates and targets are parsed once per distinct text, owner names kept once; "
        "positions are an index of 12 bytes a node (line, column, subtree end, key), built "
        "by parsing without building data; the parser reads the text in pieces (libyaml's "
        "binding copies a whole str to UTF-8 first); the file's bytes go once decoded; and "
        "the duplicate-id check counts before placing instead of keeping a path per id. "
        "The loaded plan 9.1× → 4.5× its text, positions 13.2× → 0.9× (1 MB file, "
        "tracemalloc); the 21 MB file 8.4× with findings, 7.2× clean (see the targets).",
        "",
    ]


def fallback_section(report: Report) -> list[str]:
    if not report.fallback:
        return []
    lines = [
        "## libyaml and the pure-Python fallback",
        "",
        "The loader composes YAML events from libyaml's C parser when PyYAML has it, from "
        "PyYAML's pure-Python parser otherwise; both give the same findings at the same lines "
        "and columns (tests/test_rules_corpus.py). Here libyaml is hidden from the same "
        "interpreter to time the fallback.",
        "",
    ]
    rows = []
    for corpus, row in report.fallback:
        fast = report.throughput[corpus.name]["actionplan lint"]
        ratio = times(row.median / fast.median)
        rows.append([corpus.name, ms(fast.median), ms(row.median), ratio])
    return [*lines, *table(["input", "libyaml", "pure Python", "slower by"], rows, {1, 2, 3}), ""]


MEMORY_PARTS = (
    "text",
    "the loaded plan: validated models (each item's plain data dropped once validated)",
    "positions of every value and key (an index, built when a finding first needs one)",
)
MEMORY_PEAK = "peak, from reading the file to its positions"

# Loads one plan file as lint does, under tracemalloc (live allocations only, so garbage and the
# allocator's slack do not count), one part at a time to size each.
_MEMORY_PROBE = """
import json, sys, tracemalloc
from pathlib import Path
from actionplan import load

def now():
    return tracemalloc.get_traced_memory()[0]

path = sys.argv[1]
tracemalloc.start()
text = load.decode(path, Path(path).read_bytes())
after_text = now()
loaded, _ = load.load_decoded(path, text)
assert loaded is not None and loaded.positions._index is None
after_load = now()
loaded.finding(("recommendations", 0), "AP201", "")  # the first finding asks for a position
after_positions = now()
print(json.dumps([
    after_text,
    after_load - after_text,
    after_positions - after_load,
    tracemalloc.get_traced_memory()[1],
]))
"""


def memory_stages(python: str, path: Path, env: dict[str, str]) -> dict[str, int]:
    """Bytes each part of a loaded plan file takes (tracemalloc)."""
    import json

    done = subprocess.run(
        [python, "-c", _MEMORY_PROBE, str(path)], capture_output=True, text=True, env=env
    )
    if done.returncode != 0:
        say(f"  memory probe failed: {done.stderr.strip().splitlines()[-1:]}")
        return {}
    sizes: list[int] = json.loads(done.stdout)
    return dict(zip((*MEMORY_PARTS, MEMORY_PEAK), sizes, strict=True))


def main(argv: Sequence[str] | None = None) -> int:
    global WARMUPS, CORPUS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1 and 100 files only (smoke test)")
    parser.add_argument(
        "-o", "--output", type=Path, help=f"write the report here (a full run: {DOCS.name})"
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs after a warm-up")
    parser.add_argument(
        "--external-runs",
        type=int,
        default=3,
        help="runs of check-jsonschema and yamllint on inputs over 10 MB (no warm-up)",
    )
    parser.add_argument(
        "--skip-external", action="store_true", help="do not run check-jsonschema or yamllint"
    )
    parser.add_argument(
        "--external-5000", action="store_true", help="run the external tools on 5,000 files too"
    )
    parser.add_argument("--warmups", type=int, default=1, help="warm-up runs before the timed ones")
    parser.add_argument(
        "--startup",
        action="store_true",
        help="the start-up sections only (a minute); writes nothing unless -o",
    )
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="where to write the generated plan files"
    )
    parser.add_argument(
        "--from",
        dest="saved",
        type=Path,
        help="draw the report from a run's saved measurements (CORPUS/last-run.json), no run",
    )
    args = parser.parse_args(argv)
    WARMUPS, CORPUS = args.warmups, args.corpus.resolve()
    if args.saved:
        report = load_report(args.saved)
    else:
        report = bench(args)
        save_report(report, CORPUS / "last-run.json")
    text = render(report)
    print(text)
    output = args.output or (None if report.quick or args.startup else DOCS)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        temporary = output.with_name(f".{output.name}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, output)  # atomic: a reader never sees half a report
        say(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
