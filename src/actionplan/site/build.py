"""Build a site: plan by plan, load it, write its pages, keep its summary, drop it.

Memory is that of the largest plan, not of all of them: what outlives a plan is its row of the
index, its owners' figures (`OwnerRow`s, merged across plans) and, spooled to a temporary
folder, the rows of each owner's page. The index and the owners' pages are written last, from
those. A recommendation's history comes from git when the plans are kept there (`Histories`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import heapq
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from actionplan import __version__
from actionplan.config import settings_for
from actionplan.discover import find_plan_files
from actionplan.editing.write import Staged, WriteError, write_built
from actionplan.errors import ActionPlanError
from actionplan.findings import Finding, Severity
from actionplan.load import LoadedPlan, load_plan
from actionplan.model.names import fold
from actionplan.model.people import Directory
from actionplan.model.plan import Person, PersonKind, PlanFile
from actionplan.output.render import date_in_words
from actionplan.output.site import STYLE_SHEET, site_html, site_page_parts
from actionplan.reports.board import Withheld, published_parts
from actionplan.reports.history import ItemHistory, ItemNotFound, item_history
from actionplan.reports.portfolio import (
    TOP_ACTIONS,
    PlanSummary,
    portfolio_report,
    summary_of,
)
from actionplan.reports.status import (
    NO_OWNER,
    NO_OWNER_SAID,
    ActionStatus,
    Found,
    OwnerRow,
    owner_keys,
    owner_rows,
    status_report,
)
from actionplan.schedule import SOON_DAYS, STALE_DAYS
from actionplan.site import layout
from actionplan.site.pages import (
    Page,
    index_page,
    owner_actions_table,
    owner_page,
    owners_index_page,
    plan_page,
    recommendation_page,
)
from actionplan.site.store import Manifest, SiteProblem, SiteWriter, Written, read_manifest
from actionplan.views.show import show_sections
from actionplan.views.status import status_cells


@dataclass(frozen=True)
class SiteOptions:
    as_of: date
    soon: int = SOON_DAYS
    stale: int = STALE_DAYS
    include_exempt: bool = False
    include_emails: bool = False

    def recorded(self) -> dict[str, Any]:
        """The options as site.json records them."""
        return {
            "soon": self.soon,
            "stale": self.stale,
            "include_exempt": self.include_exempt,
            "include_emails": self.include_emails,
        }


class PlansDoNotLoad(ActionPlanError):
    """Plan files that cannot be read as plans: the site is not built (the old one stays)."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = sorted(findings)
        count = len(self.findings)
        super().__init__(
            f"{count} problem{'' if count == 1 else 's'} above "
            f"{'stops' if count == 1 else 'stop'} these plans from loading: fix them (run "
            "'actionplan lint' for every finding); the site was not changed"
        )


@dataclass(frozen=True)
class BuiltSite:
    plans: int
    written: Written
    notes: list[str]
    history: str | None  # why there is no history, when there is none


# --- History ---------------------------------------------------------------------------------

NO_GIT = (
    "No history is shown: the site was not built inside a git repository that keeps these "
    "plans. Build it there (as the publishing workflow does) to show each recommendation's "
    "changes."
)
NOT_COMMITTED = (
    "No history yet: this recommendation is not in any commit of the plans' git history (it "
    "has not been committed)."
)


class Histories:
    """Each recommendation's life along the first-parent history, from one walk of git.

    Without git (or outside a repository) every page says so. Exempt items are left out of
    every past version too, unless the site includes them, so a history never shows what the
    page above it withholds.
    """

    def __init__(
        self,
        walk: list[tuple[Any, list[LoadedPlan]]] | None,
        reason: str | None,
        options: SiteOptions,
    ) -> None:
        self._walk = walk
        self.reason = reason
        self._options = options
        self._plan: str | None = None
        self._steps: list[tuple[Any, list[LoadedPlan]]] = []

    @classmethod
    def from_git(cls, paths: Sequence[Path], options: SiteOptions) -> Histories:
        from actionplan.history.git import GitProblem, Repository
        from actionplan.history.reader import HistoryProblem, PlanReader

        try:
            reader = PlanReader(Repository(), list(paths))
            walk = list(reader.along())
        except (GitProblem, HistoryProblem):
            return cls(None, NO_GIT, options)
        if not options.include_exempt:
            walk = [(commit, _published(plans)) for commit, plans in walk]
        return cls(walk, None, options)

    def of(self, plan: str, recommendation: str) -> ItemHistory | str:
        """The recommendation's history, or the sentence that says why there is none."""
        if self._walk is None:
            return self.reason or ""
        if self._plan != plan:
            self._plan = plan
            self._steps = [
                (commit, [p for p in plans if p.plan.plan.id == plan])
                for commit, plans in self._walk
            ]
        try:
            return item_history(
                self._steps,
                recommendation,
                plan_id=plan,
                soon=self._options.soon,
                stale=self._options.stale,
            )
        except ItemNotFound:
            return NOT_COMMITTED


def _published(plans: list[LoadedPlan]) -> list[LoadedPlan]:
    kept = []
    for loaded in plans:
        shown, withheld = published_parts([loaded.plan])
        if not withheld.count:
            kept.append(loaded)
        elif shown:
            kept.append(dataclasses.replace(loaded, plan=shown[0]))
    return kept


# --- Owners ----------------------------------------------------------------------------------


def combined(first: OwnerRow, second: OwnerRow) -> OwnerRow:
    """One owner's row across two plans: the counts added, the earlier next target kept (and
    the actions due then, from both when they fall on the same day)."""
    dues = [d for d in (first.next_due, second.next_due) if d is not None]
    next_due = min(dues) if dues else None
    return OwnerRow(
        owner=first.owner,
        actions=first.actions + second.actions,
        done=first.done + second.done,
        open=first.open + second.open,
        overdue=first.overdue + second.overdue,
        due_soon=first.due_soon + second.due_soon,
        next_due=next_due,
        next_actions=tuple(
            a for row in (first, second) if row.next_due == next_due for a in row.next_actions
        ),
    )


def about_owner(person: Person | None, *, include_emails: bool) -> list[str]:
    """What the page says of an owner the plans declare: a post or a body, the role; the email
    address only when the site includes them."""
    if person is None:
        return []
    kind = {
        PersonKind.PERSON: "A person",
        PersonKind.ROLE: "A post (whoever holds it)",
        PersonKind.BODY: "A team, partner or body",
    }[person.kind]
    lines = [f"{kind}{f': {person.role}' if person.role else ''}."]
    if include_emails and person.email:
        lines.append(f"Email: {person.email}")
    return lines


# What the owners' tables may take in memory (in characters: HTML's are nearly all ASCII)
# before they go to the spool: a few pages' worth, so that a plan's tables cost an append, not
# a file opened and closed for each owner.
SPOOL_BYTES = 4 * 1024 * 1024
READ_BYTES = 256 * 1024  # what an owner's page takes of the spool at a time


@dataclass
class Owners:
    """Owners across the plans: their merged rows, who they are, and each plan's table of
    their actions (HTML, made where the plan was built) spooled to a file an owner in `spool`
    (the latest, up to SPOOL_BYTES, held in memory until then), read back as their pages are
    written."""

    spool: Path
    rows: dict[str, OwnerRow] = field(default_factory=dict)
    about: dict[str, list[str]] = field(default_factory=dict)
    slugs: layout.Slugs = field(default_factory=layout.Slugs)
    _held: dict[str, list[str]] = field(default_factory=dict)
    _held_bytes: int = 0

    def page_of(self, key: str) -> str:
        return layout.owner_page(self.slugs.of(key))

    def add(self, result: PlanPages) -> None:
        """A plan's owners: their rows merged into the others', their tables spooled."""
        for key, row, about in result.owners:
            before = self.rows.get(key)
            self.rows[key] = row if before is None else combined(before, row)
            if about and key not in self.about:
                self.about[key] = about
        for key, table in result.chunks.items():
            self._held.setdefault(key, []).append(table)
            self._held_bytes += len(table)
        if self._held_bytes > SPOOL_BYTES:
            self._spool()

    def _spool(self) -> None:
        for key, tables in self._held.items():
            with open(self.spool / self.slugs.of(key), "a", encoding="utf-8") as out:
                out.writelines(tables)
        self._held.clear()
        self._held_bytes = 0

    def ordered(self) -> list[tuple[str, OwnerRow]]:
        """The owners as the owners report orders them: by name, those with none last."""
        return sorted(
            self.rows.items(),
            key=lambda item: (item[1].owner in (NO_OWNER, NO_OWNER_SAID), item[1].owner.casefold()),
        )

    def actions_of(self, key: str) -> Iterator[str]:
        """The owner's tables, plan by plan, as HTML: those spooled, read back a piece of whole
        lines at a time (their email addresses were withheld as they were made), then those
        still held."""
        spooled = self.spool / self.slugs.of(key)
        if spooled.exists():
            with open(spooled, encoding="utf-8") as lines:
                while piece := lines.readlines(READ_BYTES):
                    yield "".join(piece)
        yield from self._held.get(key, ())


# --- Pages ----------------------------------------------------------------------------------


class Site:
    """The pages of one build, made whole (`output.site`) and handed to the writer."""

    def __init__(self, writer: SiteWriter, options: SiteOptions) -> None:
        self.writer = writer
        self.options = options
        date_words = date_in_words(options.as_of)
        extra = ", exempt items included" if options.include_exempt else ""
        self.footer = (
            f"Built by actionplan {__version__} from the plan files, every figure as of "
            f"{date_words}{extra}. No scripts; every link is relative."
        )

    def write(self, page: Page, *, stream: bool = False) -> None:
        """Make the page whole and stage it; with `stream`, block by block as it is written
        (an owner's page: their actions across every plan, too many to hold at once)."""
        nav = [
            ("Plans", layout.href(page.path, layout.INDEX)),
            ("Owners", layout.href(page.path, layout.OWNERS)),
        ]
        trail = [(label, layout.href(page.path, target)) for label, target in page.trail]
        parts = site_page_parts(
            page.title,
            page.blocks,
            as_of=page.as_of,
            nav=nav,
            trail=trail,
            footer=self.footer,
            style_sheet=layout.href(page.path, layout.STYLE_SHEET),
            include_emails=self.options.include_emails,
            rendered=page.rendered,
        )
        self.writer.page(page.path, parts if stream else "".join(parts))


# --- One plan file, in whichever process builds it ------------------------------------------


@dataclass(frozen=True)
class Build:
    """What every process of a build needs to know (small: it goes to each worker)."""

    output: Path
    paths: tuple[Path, ...]
    options: SiteOptions
    direct: bool = False  # a first build, in a new folder: each page straight to its place


# The last build's manifest and the history walk, made once by the process that runs the
# build, before the workers fork from it (a worker that is spawned makes its own).
_SHARED: dict[Build, tuple[Manifest | None, Histories]] = {}


def _shared(build: Build) -> tuple[Manifest | None, Histories]:
    found = _SHARED.get(build)
    if found is None:
        found = (read_manifest(build.output), Histories.from_git(build.paths, build.options))
        _SHARED[build] = found
    return found


@dataclass
class PlanPages:
    """One plan file's part of a build, handed back by the process that made it: its pages
    (staged, not yet in place), its summary for the index, its owners' rows and page rows."""

    file: str
    errors: tuple[Finding, ...] = ()
    plan: str | None = None
    page: str | None = None
    summary: PlanSummary | None = None
    withheld: Withheld = field(default_factory=Withheld)
    owners: list[tuple[str, OwnerRow, list[str]]] = field(default_factory=list)  # key, row, about
    chunks: dict[str, str] = field(default_factory=dict)  # owner key -> their table, HTML
    action_pages: dict[tuple[str, str], str] = field(default_factory=dict)  # most overdue's
    pages: dict[str, bytes] = field(default_factory=dict)
    staged: list[Staged] = field(default_factory=list)
    written: int = 0
    unchanged: int = 0


def plan_slug(ident: str) -> str:
    """The folder of a plan's pages: its id, or when the id is not safe in a URL as it is, its
    slug and a short hash of it (so two ids never share a folder, whichever process names it)."""
    made = layout.slug(ident)
    if made == ident:
        return made
    return f"{made}-{hashlib.sha256(ident.encode('utf-8')).hexdigest()[:8]}"


def plan_pages(path: Path, build: Build) -> PlanPages:
    """Load one plan file and write its pages (staged): the plan's page, a page per
    recommendation; summarise it for the index and the owners' pages, and drop it."""
    loaded, findings = load_plan(path)
    errors = tuple(f for f in findings if f.severity is Severity.ERROR)
    if loaded is None or errors or not loaded.complete:
        return PlanPages(str(path), errors)
    loaded.settings = settings_for(Path(loaded.path))[0]
    previous, histories = _shared(build)
    writer = SiteWriter(build.output, previous, direct=build.direct)
    try:
        result = _plan_pages(Site(writer, build.options), loaded, histories)
    except BaseException:
        writer.discard()
        raise
    result.pages = writer.pages
    result.staged = writer.staged.take()
    result.written, result.unchanged = writer.done.written, writer.done.unchanged
    return result


def _plan_pages(site: Site, loaded: LoadedPlan, histories: Histories) -> PlanPages:
    options = site.options
    plan = loaded.plan
    result = PlanPages(loaded.path, plan=plan.plan.id)
    if not options.include_exempt:
        shown, result.withheld = published_parts([plan])
        if not shown:
            result.summary = PlanSummary(plan.plan.id, None, (), frozenset(), (), result.withheld)
            return result
        plan = shown[0]
    people = loaded.settings.people if loaded.settings else ()
    directory = Directory.of(plan.people, people)
    report = status_report(
        [plan], options.as_of, soon=options.soon, stale=options.stale, people=people
    )
    slug = plan_slug(plan.plan.id)
    path = result.page = layout.plan_page(slug)
    rec_slugs = layout.Slugs()
    rec_pages = {
        rec.id: layout.recommendation_page(slug, rec_slugs.of(rec.id))
        for rec in plan.recommendations
    }
    site.write(plan_page(plan, report, rec_pages, path=path, withheld=result.withheld))
    statuses = {rec.id: rec.actions for rec in report.recommendations}
    for rec in plan.recommendations:
        sections = show_sections(
            Found(plan, rec),
            options.as_of,
            soon=options.soon,
            stale=options.stale,
            rows=statuses.get(rec.id, []),
            full=True,
            listed=True,
        )
        site.write(
            recommendation_page(
                plan,
                rec,
                sections,
                histories.of(plan.plan.id, rec.id),
                path=rec_pages[rec.id],
                plan_path=path,
                as_of=options.as_of,
            )
        )
    result.summary = summary_of(
        plan, report, file=loaded.path, owners=(frozenset(), ()), withheld=result.withheld
    )
    result.action_pages = {
        (a.recommendation, a.id): rec_pages[a.recommendation] for a in result.summary.most_overdue
    }
    for row in owner_rows(report.actions):
        about = []
        if row.owner not in (NO_OWNER, NO_OWNER_SAID):
            about = about_owner(directory.find(row.owner), include_emails=options.include_emails)
        result.owners.append((fold(row.owner), row, about))
    result.chunks = owner_chunks(
        plan, report.actions, rec_pages, include_emails=options.include_emails
    )
    return result


def owner_chunks(
    plan: PlanFile,
    actions: Sequence[ActionStatus],
    rec_pages: dict[str, str],
    *,
    include_emails: bool,
) -> dict[str, str]:
    """Each owner's table of this plan's actions (`owner_actions_table`) as their page gives
    it, in HTML, email addresses withheld unless the site includes them: made here, in the
    process that built the plan, so the owners' pages need only put them together. Every
    owner's page is in one folder, so the links are the same whoever's page they are on."""
    page = layout.owner_page("owner")
    rows: dict[str, tuple[list[list[str]], list[str]]] = {}
    for action in actions:
        link = layout.href(page, rec_pages[action.recommendation], layout.action_anchor(action.id))
        cells = status_cells(action, full=True)
        for key in owner_keys(action):
            found = rows.setdefault(key, ([], []))
            found[0].append(cells)
            found[1].append(link)
    return {
        key: site_html(
            owner_actions_table(plan.plan.title, cells_of, links), include_emails=include_emails
        )
        for key, (cells_of, links) in rows.items()
    }


# --- The build -------------------------------------------------------------------------------


def _by_overdue(action: ActionStatus) -> int:
    return action.days_overdue


class Index:
    """The index's summaries, one per plan, keeping only the actions that may still be among
    the most overdue across all plans (so it holds a row a plan, not a plan's actions)."""

    def __init__(self) -> None:
        self.summaries: list[PlanSummary] = []
        self.pages: dict[str, str] = {}  # plan id -> its page
        self.action_pages: dict[tuple[str, str, str], str] = {}
        self._top: list[ActionStatus] = []

    def add(self, result: PlanPages) -> None:
        summary = result.summary
        assert summary is not None
        if result.page is not None:
            self.pages[summary.plan] = result.page
        self._top = heapq.nlargest(
            TOP_ACTIONS, [*self._top, *summary.most_overdue], key=_by_overdue
        )
        kept = {id(a) for a in self._top}
        summary = dataclasses.replace(
            summary, most_overdue=tuple(a for a in summary.most_overdue if id(a) in kept)
        )
        self.summaries.append(summary)
        for action in summary.most_overdue:  # the page of each still among the most overdue
            key = (action.recommendation, action.id)
            if key in result.action_pages:
                self.action_pages[(summary.plan, *key)] = result.action_pages[key]
        if len(self.summaries) % 64 == 0:
            self._trim(kept)

    def _trim(self, kept: set[int]) -> None:
        self.summaries = [
            dataclasses.replace(s, most_overdue=tuple(a for a in s.most_overdue if id(a) in kept))
            if s.most_overdue
            else s
            for s in self.summaries
        ]
        top = {(a.plan, a.recommendation, a.id) for a in self._top}
        self.action_pages = {key: page for key, page in self.action_pages.items() if key in top}


def build_site(
    paths: Sequence[Path],
    output: Path,
    options: SiteOptions,
    *,
    jobs: int | None = None,
) -> BuiltSite:
    """Build the site for the plans under `paths` into `output` (see `store` for what a
    rebuild rewrites), the plan files shared over `jobs` processes (`pipeline.map_files`; the
    site is the same with any number). Raises SiteProblem for a folder that is not a site, or
    two plans with one id; PlansDoNotLoad when a plan does not load (nothing changes then).

    A first build (no `output` yet) is made in a new folder beside it, each page written
    straight to its place there, and renamed to `output` when it is whole: a build that stops
    half-way leaves nothing behind, and no page needs a temp file and a rename of its own."""
    if os.path.lexists(output):
        return _build_site(paths, output, options, jobs=jobs)
    built: list[BuiltSite] = []

    def build(folder: Path) -> None:
        built.append(_build_site(paths, folder, options, jobs=jobs, direct=True))
        if hasattr(os, "sync"):  # every page on disk before the folder is renamed into place
            os.sync()

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        file = next((p for p in output.parents if p.exists() and not p.is_dir()), None)
        why = f"{file} is a file, not a folder" if file else error.strerror or str(error)
        raise WriteError(f"cannot write {output}: {why}") from None
    write_built(output, build, directory=True, new=True)
    return built[0]


def _build_site(
    paths: Sequence[Path],
    output: Path,
    options: SiteOptions,
    *,
    jobs: int | None,
    direct: bool = False,
) -> BuiltSite:
    from actionplan.pipeline import map_files

    build = Build(output, tuple(paths), options, direct)
    previous, histories = _SHARED[build] = (
        read_manifest(output),
        Histories.from_git(paths, options),
    )
    writer = SiteWriter(output, previous, direct=direct)
    site = Site(writer, options)
    found = find_plan_files(list(paths))
    errors = [f for f in found.findings if f.severity is Severity.ERROR]
    problems: list[str] = []
    seen: dict[str, str] = {}
    index = Index()
    try:
        with tempfile.TemporaryDirectory(prefix="actionplan-site-") as spool:
            owners = Owners(Path(spool))
            for result in map_files(partial(plan_pages, build=build), found.files, jobs):
                errors.extend(result.errors)
                writer.adopt(result.pages, result.staged, result.written, result.unchanged)
                if result.plan is None:
                    continue
                if result.plan in seen:
                    problems.append(
                        f"2 plan files have the id '{result.plan}' ({seen[result.plan]}, "
                        f"{result.file}): a copy of the same plan would count every action "
                        "twice; remove the copy, or give each plan its own 'id:' under 'plan:'"
                    )
                seen[result.plan] = result.file
                if result.summary is not None:
                    index.add(result)
                    owners.add(result)
            if errors:
                raise PlansDoNotLoad(errors)
            if problems:
                raise SiteProblem(problems[0])
            if not seen:
                looked = ", ".join(str(p) for p in paths)
                raise SiteProblem(f"no plan files found in {looked} (looked for *.yaml and *.yml)")
            report = portfolio_report(
                index.summaries, options.as_of, soon=options.soon, stale=options.stale
            )
            site.write(index_page(report, index.pages, index.action_pages))
            _owner_pages(site, owners)
            writer.page(layout.STYLE_SHEET, STYLE_SHEET)
        manifest = Manifest(
            options.as_of.isoformat(), options.recorded(), writer.pages, __version__
        )
        written = writer.finish(manifest)
    except BaseException:
        writer.discard()
        raise
    finally:
        _SHARED.pop(build, None)
    return BuiltSite(len(seen), written, found.skipped, histories.reason)


def _owner_pages(site: Site, owners: Owners) -> None:
    options = site.options
    ordered = owners.ordered()
    pages = {row.owner: owners.page_of(key) for key, row in ordered}
    site.write(
        owners_index_page([row for _key, row in ordered], pages, options.as_of, soon=options.soon)
    )
    for key, row in ordered:
        site.write(
            owner_page(
                row,
                owners.about.get(key, []),
                owners.actions_of(key),
                path=owners.page_of(key),
                as_of=options.as_of,
                soon=options.soon,
            ),
            stream=True,
        )
