"""Build a site: plan by plan, load it, write its pages, keep its summary, drop it.

Memory is that of the largest plan, not of all of them: what outlives a plan is its row of the
index, its owners' figures (`OwnerRow`s, merged across plans) and, spooled to a temporary
folder, the rows of each owner's page. The index and the owners' pages are written last, from
those. A recommendation's history comes from git when the plans are kept there (`Histories`).
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from actionplan import __version__
from actionplan.config import settings_for
from actionplan.discover import find_plan_files
from actionplan.errors import ActionPlanError
from actionplan.findings import Finding, Severity
from actionplan.load import LoadedPlan, load_plan
from actionplan.model.names import fold
from actionplan.model.people import Directory
from actionplan.model.plan import Person, PersonKind, PlanFile
from actionplan.output.render import date_in_words
from actionplan.output.site import site_page
from actionplan.reports.board import Withheld, published_parts
from actionplan.reports.history import ItemHistory, ItemNotFound, item_history
from actionplan.reports.status import (
    NO_OWNER,
    NO_OWNER_SAID,
    Found,
    OwnerRow,
    owner_keys,
    owner_rows,
    status_report,
)
from actionplan.schedule import SOON_DAYS, STALE_DAYS
from actionplan.site import layout
from actionplan.site.pages import (
    OwnerActions,
    Page,
    PlanRow,
    index_page,
    owner_page,
    owners_index_page,
    plan_page,
    plan_row,
    recommendation_page,
)
from actionplan.site.store import Manifest, SiteWriter, Written, read_manifest
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


@dataclass
class Owners:
    """Owners across the plans: their merged rows, who they are, and their page rows spooled
    to `spool` (one JSON line per plan per owner), read back when their pages are written."""

    spool: Path
    include_emails: bool
    rows: dict[str, OwnerRow] = field(default_factory=dict)
    about: dict[str, list[str]] = field(default_factory=dict)
    slugs: layout.Slugs = field(default_factory=layout.Slugs)

    def page_of(self, key: str) -> str:
        return layout.owner_page(self.slugs.of(key))

    def add(
        self,
        plan: PlanFile,
        report_actions: Sequence[Any],
        directory: Directory,
        plan_path: str,
        rec_pages: dict[str, str],
    ) -> None:
        for row in owner_rows(report_actions):
            key = fold(row.owner)
            before = self.rows.get(key)
            self.rows[key] = row if before is None else combined(before, row)
            if key not in self.about and row.owner not in (NO_OWNER, NO_OWNER_SAID):
                self.about[key] = about_owner(
                    directory.find(row.owner), include_emails=self.include_emails
                )
        chunks: dict[str, OwnerActions] = {}
        for action in report_actions:
            link_target = rec_pages.get(action.recommendation)
            for key in owner_keys(action):
                page = self.page_of(key)
                chunk = chunks.setdefault(
                    key, OwnerActions(plan.plan.title, layout.href(page, plan_path))
                )
                chunk.rows.append(status_cells(action))
                chunk.links.append(
                    layout.href(page, link_target, layout.action_anchor(action.id))
                    if link_target
                    else ""
                )
        for key, chunk in chunks.items():
            with open(self.spool / self.slugs.of(key), "a", encoding="utf-8") as out:
                out.write(json.dumps(vars(chunk), ensure_ascii=False) + "\n")

    def ordered(self) -> list[tuple[str, OwnerRow]]:
        """The owners as the owners report orders them: by name, those with none last."""
        return sorted(
            self.rows.items(),
            key=lambda item: (item[1].owner in (NO_OWNER, NO_OWNER_SAID), item[1].owner.casefold()),
        )

    def actions_of(self, key: str) -> list[OwnerActions]:
        with open(self.spool / self.slugs.of(key), encoding="utf-8") as lines:
            return [OwnerActions(**json.loads(line)) for line in lines]


# --- The build -------------------------------------------------------------------------------


def _plans(paths: Sequence[Path], errors: list[Finding], notes: list[str]) -> Iterator[LoadedPlan]:
    """Each plan under `paths` in turn, with its settings; load errors go to `errors` (and
    every file is still read, so all of them are reported)."""
    found = find_plan_files(list(paths))
    notes.extend(found.skipped)
    errors.extend(f for f in found.findings if f.severity is Severity.ERROR)
    for path in found.files:
        loaded, findings = load_plan(path)
        problems = [f for f in findings if f.severity is Severity.ERROR]
        errors.extend(problems)
        if loaded is None or problems or not loaded.complete:
            continue
        loaded.settings = settings_for(Path(loaded.path))[0]
        yield loaded


def _merged(withheld: Withheld, more: Withheld) -> Withheld:
    paragraphs = set(withheld.paragraphs) | set(more.paragraphs)
    order = sorted(paragraphs, key=lambda p: (0, int(p), p) if p.isdigit() else (1, 0, p))
    return Withheld(withheld.count + more.count, tuple(order))


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

    def write(self, page: Page) -> None:
        nav = [
            ("Plans", layout.href(page.path, layout.INDEX)),
            ("Owners", layout.href(page.path, layout.OWNERS)),
        ]
        trail = [(label, layout.href(page.path, target)) for label, target in page.trail]
        html = site_page(
            page.title,
            page.blocks,
            as_of=page.as_of,
            nav=nav,
            trail=trail,
            footer=self.footer,
            include_emails=self.options.include_emails,
        )
        self.writer.page(page.path, html)


def build_site(
    paths: Sequence[Path], output: Path, options: SiteOptions, *, history: Histories | None = None
) -> BuiltSite:
    """Build the site for the plans under `paths` into `output` (see `store` for what a
    rebuild rewrites). Raises SiteProblem for a folder that is not a site, PlansDoNotLoad
    when a plan does not load (nothing is changed then)."""
    from actionplan.site.store import SiteProblem

    previous = read_manifest(output)
    writer = SiteWriter(output, previous)
    site = Site(writer, options)
    histories = history or Histories.from_git(paths, options)
    errors: list[Finding] = []
    notes: list[str] = []
    rows: list[PlanRow] = []
    withheld = Withheld()
    plan_slugs = layout.Slugs(taken=())
    seen: dict[str, str] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="actionplan-site-") as spool:
            owners = Owners(Path(spool), options.include_emails)
            for loaded in _plans(paths, errors, notes):
                ident = loaded.plan.plan.id
                if ident in seen:
                    raise SiteProblem(
                        f"2 plan files have the id '{ident}' ({seen[ident]}, {loaded.path}): a "
                        "copy of the same plan would count every action twice; remove the copy, "
                        "or give each plan its own 'id:' under 'plan:'"
                    )
                seen[ident] = loaded.path
                if errors:
                    continue  # still read the rest, to report every file that does not load
                row, left_out = _plan_pages(site, loaded, owners, histories, plan_slugs)
                withheld = _merged(withheld, left_out)
                if row is not None:
                    rows.append(row)
            if errors:
                raise PlansDoNotLoad(errors)
            if not seen:
                looked = ", ".join(str(p) for p in paths)
                raise SiteProblem(f"no plan files found in {looked} (looked for *.yaml and *.yml)")
            site.write(
                index_page(
                    rows, options.as_of, soon=options.soon, stale=options.stale, withheld=withheld
                )
            )
            _owner_pages(site, owners)
        manifest = Manifest(
            options.as_of.isoformat(), options.recorded(), writer.pages, __version__
        )
        written = writer.finish(manifest)
    except BaseException:
        writer.discard()
        raise
    return BuiltSite(len(seen), written, notes, histories.reason)


def _plan_pages(
    site: Site,
    loaded: LoadedPlan,
    owners: Owners,
    histories: Histories,
    plan_slugs: layout.Slugs,
) -> tuple[PlanRow | None, Withheld]:
    """The plan's page and its recommendations' pages; its row of the index and what was
    withheld from it."""
    options = site.options
    plan = loaded.plan
    withheld = Withheld()
    if not options.include_exempt:
        shown, withheld = published_parts([plan])
        if not shown:
            return None, withheld
        plan = shown[0]
    people = loaded.settings.people if loaded.settings else ()
    directory = Directory.of(plan.people, people)
    report = status_report(
        [plan], options.as_of, soon=options.soon, stale=options.stale, people=people
    )
    slug = plan_slugs.of(plan.plan.id)
    path = layout.plan_page(slug)
    rec_slugs = layout.Slugs()
    rec_pages = {
        rec.id: layout.recommendation_page(slug, rec_slugs.of(rec.id))
        for rec in plan.recommendations
    }
    site.write(plan_page(plan, report, rec_pages, path=path, withheld=withheld))
    statuses = {rec.id: rec.actions for rec in report.recommendations}
    for rec in plan.recommendations:
        sections = show_sections(
            Found(plan, rec),
            options.as_of,
            soon=options.soon,
            stale=options.stale,
            rows=statuses.get(rec.id, []),
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
    owners.add(plan, report.actions, directory, path, rec_pages)
    return plan_row(plan, report, path), withheld


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
            )
        )
