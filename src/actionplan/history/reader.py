"""Plans as they were at a revision, or at each commit along the first-parent line.

Which files are plans is `discover`'s rule (*.yaml and *.yml; names starting with '.', the
settings file and other tools' YAML passed over under a directory; a file named is always read).
Each distinct blob is read once and parsed once, by the one loader, whatever path or commit it
appears at: a plan edited in 1,000 commits costs 1,000 parses, not 1,000 x the plans.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from actionplan.config import SETTINGS_NAME
from actionplan.discover import OTHER_TOOLS_YAML, PLAN_SUFFIXES
from actionplan.errors import ActionPlanError
from actionplan.findings import Finding, Severity, plural
from actionplan.history.git import Commit, Repository, Revision
from actionplan.load import LoadedPlan, load_plans, load_text


class HistoryProblem(ActionPlanError):
    """The plans at a revision cannot be compared: the message says why and what to do."""


@dataclass
class Snapshot:
    """The plans at a revision (None: the working tree), read as of `as_of`."""

    revision: Revision | None
    as_of: date
    plans: list[LoadedPlan] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # what stopped a file from loading

    @property
    def label(self) -> str:
        return "the working tree" if self.revision is None else self.revision.describe()

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    def check(self) -> Snapshot:
        """This snapshot, or a HistoryProblem naming the files that do not load in it."""
        if self.errors:
            listed = "; ".join(str(f) for f in sorted(self.errors)[:5])
            more = len(self.errors) - 5
            listed += f"; and {more} more" if more > 0 else ""
            raise HistoryProblem(
                f"{plural(len(self.errors), 'problem')} "
                f"{'stops' if len(self.errors) == 1 else 'stop'} the plans at {self.label} from "
                f"loading: {listed} (run 'actionplan lint' on that version for every finding)"
            )
        if not self.plans:
            raise HistoryProblem(f"no plan files at {self.label} (looked for *.yaml and *.yml)")
        return self

    def by_id(self) -> dict[str, LoadedPlan]:
        """The plans by `plan.id`, which is how a plan is known across renames."""
        found: dict[str, LoadedPlan] = {}
        for loaded in self.plans:
            ident = loaded.plan.plan.id
            if ident in found:
                raise HistoryProblem(
                    f"two plan files have the id '{ident}' at {self.label} ({found[ident].path}, "
                    f"{loaded.path}): give each plan its own 'id:' under 'plan:'"
                )
            found[ident] = loaded
        return found


def plan_paths(repo: Repository, paths: Sequence[Path]) -> list[str]:
    """The paths given (relative to the current directory) from the top of the repository."""
    found = []
    for path in paths:
        if path.is_absolute():
            try:
                found.append(Path(path).resolve().relative_to(repo.top.resolve()).as_posix())
            except ValueError:
                raise HistoryProblem(
                    f"{path} is outside the git repository at {repo.top}: give a path inside it"
                ) from None
            continue
        joined = posixpath.normpath(posixpath.join(repo.prefix, PurePosixPath(path).as_posix()))
        if joined == ".." or joined.startswith("../"):
            raise HistoryProblem(
                f"{path} is outside the git repository at {repo.top}: give a path inside it"
            )
        found.append(joined)
    return found


def is_plan(path: str, named: Sequence[str]) -> bool:
    """`discover`'s rule for a path at a revision: a file named is read, and under a named
    directory a *.yaml or *.yml file none of whose names starts with '.' and that is neither
    the settings file nor another tool's YAML."""
    pure = PurePosixPath(path)
    for top in named:
        if path == top:
            return True
        if top in (".", "") or path.startswith(top.rstrip("/") + "/"):
            below = pure.relative_to(top) if top not in (".", "") else pure
            if any(part.startswith(".") for part in below.parts):
                continue
            if pure.name == SETTINGS_NAME or pure.name in OTHER_TOOLS_YAML:
                continue
            if pure.suffix in PLAN_SUFFIXES:
                return True
    return False


class PlanReader:
    """Reads the plans under `paths` from `repo`, parsing each distinct blob once."""

    def __init__(self, repo: Repository, paths: Sequence[Path]) -> None:
        self.repo = repo
        self.paths = [Path(p) for p in paths]
        self.named = plan_paths(repo, self.paths)
        self._parsed: dict[str, tuple[LoadedPlan | None, list[Finding]]] = {}
        self.parses = 0  # blobs parsed (the benchmark and the tests count them)

    def _pathspecs(self) -> list[str]:
        return [p for p in self.named if p != "."] or ["."]

    def parsed(self, path: str, blob: str, raw: bytes) -> tuple[LoadedPlan | None, list[Finding]]:
        """The blob's plan, under the name `path` (a renamed file's blob is not parsed again)."""
        if blob not in self._parsed:
            self.parses += 1
            self._parsed[blob] = load_text(path, raw)
        loaded, findings = self._parsed[blob]
        if loaded is not None and loaded.path != path:
            loaded = dataclasses.replace(loaded, path=path)
        if findings and findings[0].path != path:
            findings = [dataclasses.replace(f, path=path) for f in findings]
        return loaded, findings

    def at(self, revision: Revision) -> Snapshot:
        """The plans at `revision`, read as of its commit's day."""
        entries = [
            e
            for e in self.repo.tree(revision.commit.id, self._pathspecs())
            if is_plan(e.path, self.named)
        ]
        unread = [e.blob for e in entries if e.blob not in self._parsed]
        contents = self.repo.blobs(unread)
        snapshot = Snapshot(revision, revision.commit.day)
        for entry in entries:
            loaded, findings = self.parsed(entry.path, entry.blob, contents.get(entry.blob, b""))
            snapshot.findings.extend(findings)
            if loaded is not None and loaded.complete:
                snapshot.plans.append(loaded)
        return snapshot

    def working_tree(self, as_of: date) -> Snapshot:
        """The plans on disk now, as `load_plans` reads them, named from the top of the
        repository as the revisions' are (so a file in its place is not seen as renamed)."""
        plans, findings, _found = load_plans(self.paths)
        for loaded in plans:
            loaded.path = self._from_top(loaded.path)
        return Snapshot(None, as_of, plans, findings)

    def _from_top(self, path: str) -> str:
        try:
            return plan_paths(self.repo, [Path(path)])[0]
        except HistoryProblem:  # outside the repository: named as given
            return path

    def along(
        self, until: Revision | None = None, *, containing: Sequence[str] = ()
    ) -> Iterator[tuple[Commit, list[LoadedPlan]]]:
        """Oldest first, each first-parent commit that changed a plan, with the plans after it.

        With `containing`, a blob whose text does not hold each of those strings (an item's id,
        a plan's id), case ignored, is not parsed: it cannot hold the item.
        """
        log = list(
            self.repo.first_parent_log(self._pathspecs(), until.commit.id if until else "HEAD")
        )
        wanted = {
            blob
            for _commit, changes in log
            for path, blob in changes
            if blob is not None and is_plan(path, self.named)
        }
        contents = self.repo.blobs([b for b in wanted if b not in self._parsed])
        needles = [each.casefold() for each in containing]
        current: dict[str, str] = {}
        for commit, changes in log:
            for path, blob in changes:
                if not is_plan(path, self.named):
                    continue
                if blob is None:
                    current.pop(path, None)
                else:
                    current[path] = blob
            plans = []
            for path, blob in current.items():
                if needles and blob not in self._parsed and not _holds(contents[blob], needles):
                    continue
                loaded, _findings = self.parsed(path, blob, contents.get(blob, b""))
                if loaded is not None and loaded.complete:
                    plans.append(loaded)
            yield commit, plans


def _holds(raw: bytes, needles: Sequence[str]) -> bool:
    text = raw.decode("utf-8", "replace").casefold()
    return all(needle in text for needle in needles)
