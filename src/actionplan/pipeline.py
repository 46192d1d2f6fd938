"""The one "load and check": a plan's text or file, validated and checked, with every finding.

Lint, update (before it writes) and import (before it writes the plan it made) all check a plan
here, so the three can never disagree about what is wrong with it. Here too the settings file
that applies to a plan (`config.settings_for`) is given to its checks, its `[severity]` applied
to the findings, and the findings an ignore comment silences set aside (`checks.suppressions`).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from actionplan.checks import run_checks
from actionplan.checks.suppressions import Suppressed, apply_ignores
from actionplan.config import settings_for
from actionplan.discover import find_plan_files
from actionplan.findings import Finding, Severity, count_by_severity
from actionplan.load import (
    LoadedPlan,
    LoadProblem,
    decode,
    load_decoded,
    load_plan,
    read_plan_bytes,
)

if TYPE_CHECKING:
    from concurrent.futures import Future


@dataclass
class LintResult:
    """What lint found: the findings that stand (counted, printed, failing the lint), and those
    an ignore comment silenced (kept for SARIF, JSON and --show-suppressed)."""

    files: int
    findings: list[Finding]
    skipped: list[str]
    suppressed: list[Suppressed] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return count_by_severity(self.findings)[0]

    @property
    def warnings(self) -> int:
        return count_by_severity(self.findings)[1]

    @property
    def notes(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.NOTE)

    def failed(self, *, strict: bool = False) -> bool:
        """Errors fail; with `strict`, warnings too; notes never do."""
        failing = (Severity.ERROR, Severity.WARNING) if strict else (Severity.ERROR,)
        return any(f.severity in failing for f in self.findings)


def check_text(
    name: str, raw: bytes, as_of: date | None = None
) -> tuple[LoadedPlan | None, list[Finding]]:
    """Load a plan from its bytes (as read from `name`) and run every check on it.

    Returns the plan (None when it cannot be used) and every finding that stands, the loader's
    first. A plan pruned of its invalid parts is checked too, so one run reports everything.
    The settings file that applies is the one above `name`.
    """
    try:
        text = decode(name, raw)
    except LoadProblem as problem:
        return None, [problem.finding]
    loaded, findings, _suppressed = _check_decoded(name, text, as_of)
    return loaded, findings


def check_file(path: Path, as_of: date | None = None) -> tuple[LoadedPlan | None, list[Finding]]:
    """`check_text` for a plan file on disk (read as `load_plan` reads it)."""
    loaded, findings, _suppressed = _check_path(path, as_of)
    return loaded, findings


def _check_path(
    path: Path, as_of: date | None
) -> tuple[LoadedPlan | None, list[Finding], list[Suppressed]]:
    name = str(path)
    try:
        text = decode(name, read_plan_bytes(path))
    except (OSError, LoadProblem):
        loaded, findings = load_plan(path)  # which says why the file cannot be read
        return loaded, findings, []
    return _check_decoded(name, text, as_of)


def _check_decoded(
    name: str, text: str, as_of: date | None
) -> tuple[LoadedPlan | None, list[Finding], list[Suppressed]]:
    """Load, check, apply the settings' severities and the text's ignore comments.

    A file that does not load has no ignore comments: its text is not known to be YAML.
    """
    settings = settings_for(Path(name))[0]
    loaded, findings = load_decoded(name, text)
    if loaded is None:
        return None, settings.applied(findings), []
    loaded.settings = settings
    findings = findings + run_checks(loaded, as_of)
    standing, suppressed = apply_ignores(
        name, text, findings, as_of=as_of, complete=loaded.complete
    )
    kept = [
        Suppressed(finding, each.reason)
        for each in suppressed
        for finding in settings.applied([each.finding])
    ]
    return loaded, settings.applied(standing), kept


def lint_paths(
    paths: list[Path], as_of: date | None = None, *, jobs: int | None = None
) -> LintResult:
    """Lint every plan file under `paths`; findings sorted by file, line and column.

    Each plan is checked as soon as it is loaded and then dropped, so memory is that of the
    largest file rather than of all of them (a plans/ directory may hold thousands). The
    findings in a settings file are reported once, however many plans it applies to. `jobs`
    processes share the files (by default `default_jobs`); the result is the same with any.
    """
    found = find_plan_files(paths)
    findings = list(found.findings)
    suppressed: list[Suppressed] = []
    in_settings: set[Finding] = set()
    folders: dict[Path, list[Finding]] = {}  # a folder's settings file is looked up once
    for path in found.files:
        if path.parent not in folders:
            folders[path.parent] = settings_for(path)[1]
        for problem in folders[path.parent]:
            if problem not in in_settings:
                in_settings.add(problem)
                findings.append(problem)
    checked = map_files(partial(_lint_file, as_of=as_of), found.files, jobs)
    for standing, silenced in checked:
        findings.extend(standing)
        suppressed.extend(silenced)
    return LintResult(len(found.files), sorted(findings), found.skipped, sorted(suppressed))


def _lint_file(path: Path, as_of: date | None) -> tuple[list[Finding], list[Suppressed]]:
    """One file's findings (the plan itself is dropped here, in whichever process checks it)."""
    _loaded, standing, silenced = _check_path(path, as_of)
    return standing, silenced


# --- Many files over the cores ---------------------------------------------------------------

# From this many files a run shares them out over the cores: below it, starting the processes
# (about 20 ms each, forked) costs more than they save, and a pre-commit run on one file or a
# few never pays for them.
PARALLEL_FROM = 50
T = TypeVar("T")
R = TypeVar("R")


def default_jobs(files: int) -> int:
    """How many processes a run over `files` files uses when not told: every core this process
    may run on from PARALLEL_FROM files, else one."""
    if files < PARALLEL_FROM:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores)


def map_files(work: Callable[[T], R], files: Sequence[T], jobs: int | None = None) -> Iterator[R]:
    """`work` on each of `files`, results in the files' order, over `jobs` processes.

    With one job (or one file) everything runs here. Otherwise the files go out in chunks to a
    pool of processes (forked where the system can, so nothing is imported again), and the
    results come back in order, so the output is the same as the one-process run's. Only a few
    chunks are out at a time: when the caller is slower than the workers (an export writing
    each plan they read), results wait for it in the workers rather than pile up here, so
    memory stays that of a few chunks, not of every file. `work` must be picklable: a
    module-level function, or a `functools.partial` of one.
    """
    jobs = default_jobs(len(files)) if jobs is None else jobs
    if jobs <= 1 or len(files) <= 1:
        yield from map(work, files)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    jobs = min(jobs, len(files))
    # Chunks big enough that sending them costs little, small enough to share out evenly.
    chunk = max(1, min(32, len(files) // (jobs * 8)))
    ahead = jobs * 2  # chunks out at once: enough to keep every worker busy
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        pending: deque[Future[list[R]]] = deque()
        for start in range(0, len(files), chunk):
            pending.append(pool.submit(_work_on, work, files[start : start + chunk]))
            if len(pending) >= ahead:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _work_on(work: Callable[[T], R], files: Sequence[T]) -> list[R]:
    """One chunk's results, in a worker."""
    return [work(each) for each in files]
