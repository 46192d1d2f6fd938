"""Read the plans one at a time and hand each one's rows to a writer: never all in memory.

A plans/ directory may hold thousands of plans; each is loaded, turned into rows (`rows`),
written, and dropped, so memory is that of the largest plan. A plan that does not load stops the
export (the writer's file is thrown away), but the rest are still read so that every problem is
reported at once, as `lint` does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from actionplan import __version__
from actionplan.config import Settings, settings_for
from actionplan.data import tables as t
from actionplan.data.rows import ExportOptions, Keys, PlanRows, Rows, SharedPeople, Value
from actionplan.errors import ActionPlanError
from actionplan.findings import Finding, Severity
from actionplan.load import find_plan_files, load_plan
from actionplan.model.plan import Person, PlanFile
from actionplan.reports.board import Withheld, published_parts

GENERATOR = "actionplan export"


class Writer(Protocol):
    """Where an export's rows go: `sqlite.SqliteWriter`, `datapackage.PackageWriter`."""

    def write(self, rows: Rows) -> None: ...


class PlansNotLoaded(ActionPlanError):
    """Some plans cannot be loaded: nothing is exported. `findings` says why."""

    def __init__(self, message: str, findings: list[Finding]) -> None:
        super().__init__(message)
        self.findings = findings


@dataclass
class ExportSummary:
    """What an export holds: plans, rows per table, what was withheld, and notes to show."""

    plans: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    withheld: Withheld = field(default_factory=Withheld)
    emails_withheld: int = 0  # people's email addresses left out (no --include-emails)
    skipped: list[str] = field(default_factory=list)

    def count(self, rows: Rows) -> None:
        for name, table_rows in rows.items():
            self.rows[name] = self.rows.get(name, 0) + len(table_rows)


@dataclass(frozen=True)
class ReadPlan:
    """One plan file as read (in whichever process read it): the plan, or the errors that stop
    it from loading."""

    path: str
    plan: PlanFile | None
    errors: tuple[Finding, ...] = ()


def read_plan(path: Path) -> ReadPlan:
    """Load and validate one plan file: the costly part of an export, shared over the cores."""
    loaded, problems = load_plan(path)
    errors = tuple(f for f in problems if f.severity is Severity.ERROR)
    if loaded is None or errors:
        return ReadPlan(str(path), None, errors)
    return ReadPlan(loaded.path, loaded.plan)


def export_plans(
    paths: list[Path],
    writer: Writer,
    options: ExportOptions,
    *,
    jobs: int | None = None,
) -> ExportSummary:
    """Write every plan under `paths` to `writer`, then the metadata; what was exported.

    The files are read over `jobs` processes (`pipeline.map_files`: by default every core for
    many files) and come back in order; their rows are numbered and written here, one plan at a
    time, so the export is the same with any number. Raises PlansNotLoaded (with the findings)
    when a plan cannot be loaded or two plans share an id, and ActionPlanError when there are
    no plan files.
    """
    from actionplan.pipeline import map_files

    found = find_plan_files(paths)
    summary = ExportSummary(skipped=list(found.skipped))
    errors = [f for f in found.findings if f.severity is Severity.ERROR]
    keys = Keys()
    shared = SharedPeople(keys, options.include_emails)
    seen: dict[str, str] = {}  # plan id -> the file that has it
    withheld: list[Withheld] = []
    folders: dict[Path, Settings] = {}
    for path, read in zip(found.files, map_files(read_plan, found.files, jobs), strict=True):
        errors += read.errors
        if read.plan is None or errors:
            continue  # read on, to report every file's problems
        ident = read.plan.plan.id
        if ident in seen:
            raise PlansNotLoaded(
                f"two plan files have the id '{ident}' ({seen[ident]}, {read.path}): a copy "
                "of the same plan would count every action twice; remove the copy, or give "
                "each plan its own 'id:' under 'plan:'",
                [],
            )
        seen[ident] = read.path
        if path.parent not in folders:  # a folder's settings file is looked up once
            folders[path.parent] = settings_for(path)[0]
        settings = folders[path.parent]
        if settings.people and settings.path is not None:
            batch = shared.declare(settings.path, settings.people)
            if batch:
                summary.emails_withheld += _emails(settings.people, options)
                summary.count(batch)
                writer.write(batch)
        plans = [read.plan]
        if not options.include_exempt:
            plans, left_out = published_parts(plans)
            withheld.append(left_out)
        for plan in plans:  # none when the whole plan is exempt
            summary.emails_withheld += _emails(plan.people, options)
            rows = PlanRows(
                read.path,
                plan,
                keys,
                options,
                shared_people=settings.people,
                person_keys=shared.person_keys,
            ).build()
            summary.count(rows)
            summary.plans += 1
            writer.write(rows)
    if errors:
        raise PlansNotLoaded(
            f"{len(errors)} problem{'' if len(errors) == 1 else 's'} above "
            f"{'stops' if len(errors) == 1 else 'stop'} these plans from loading, so nothing "
            "was exported: fix them (run 'actionplan lint' for every finding)",
            sorted(errors),
        )
    if not found.files:
        looked = ", ".join(str(path) for path in paths)
        raise ActionPlanError(f"no plan files found in {looked} (looked for *.yaml and *.yml)")
    summary.withheld = _together(withheld)
    rows = {t.METADATA.name: metadata_rows(options, summary)}
    summary.count(rows)
    writer.write(rows)
    return summary


def _emails(people: tuple[Person, ...], options: ExportOptions) -> int:
    """How many of `people`'s email addresses the export leaves out."""
    return 0 if options.include_emails else sum(1 for person in people if person.email)


def _together(parts: list[Withheld]) -> Withheld:
    paragraphs = {p for part in parts for p in part.paragraphs}
    order = sorted(paragraphs, key=lambda p: (0, int(p), p) if p.isdigit() else (1, 0, p))
    return Withheld(sum(part.count for part in parts), tuple(order))


def metadata_rows(options: ExportOptions, summary: ExportSummary) -> list[tuple[Value, ...]]:
    """The metadata table: what the export is, and the as-of date its views work to."""
    settings = {
        "generator": GENERATOR,
        "actionplan_version": __version__,
        "schema_version": t.SCHEMA_VERSION,
        "as_of": options.as_of.isoformat(),
        "soon_days": str(options.soon),
        "stale_days": str(options.stale),
        "include_exempt": _yes(options.include_exempt),
        "include_emails": _yes(options.include_emails),
        "plans": str(summary.plans),
        "withheld_items": str(summary.withheld.count),
        "withheld_paragraphs": ", ".join(summary.withheld.paragraphs) or None,
    }
    return [t.METADATA.row({"name": name, "value": value}) for name, value in settings.items()]


def _yes(flag: bool) -> str:
    return "true" if flag else "false"
