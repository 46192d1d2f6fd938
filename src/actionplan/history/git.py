"""The one way actionplan talks to git: `git` itself, run as a subprocess.

Why git and not a library: every machine that holds a plans repository has git, and a shallow
clone, a worktree or a partial clone behave here exactly as they do for the person's own git
commands. Reading is cheap in processes: one `git ls-tree` lists a revision's plan files, one
`git cat-file --batch` reads any number of blobs, one `git log --raw` gives every blob along the
first-parent line. dulwich would add a dependency and be slower on packs; pygit2 a compiled one.

Every problem a person can cause (not a repository, an unknown revision, a shallow clone that
lacks the commit, git not installed) is a `GitProblem` worded with the fix.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from actionplan.errors import ActionPlanError

DATE_REVISION = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


class GitProblem(ActionPlanError):
    """git cannot give what was asked: the message says why and what to do."""


@dataclass(frozen=True)
class Commit:
    """A commit on the first-parent line: its id, committer date, author and subject."""

    id: str
    when: datetime
    author: str
    subject: str

    @property
    def short(self) -> str:
        return self.id[:10]

    @property
    def day(self) -> date:
        """The commit's day, as its committer's clock read it."""
        return self.when.date()


@dataclass(frozen=True)
class Revision:
    """A revision as the person named it, and the commit it resolved to."""

    name: str
    commit: Commit

    @property
    def is_date(self) -> bool:
        return bool(DATE_REVISION.fullmatch(self.name))

    def describe(self) -> str:
        """`meeting/2026-03-14 (3f2a9c01d2, 2026-03-14)`; a date says it resolved to the last
        commit on or before it."""
        if self.is_date:
            return (
                f"{self.name} (the last commit on or before it: {self.commit.short} of "
                f"{self.commit.day.isoformat()}, {self.commit.subject!r})"
            )
        if len(self.name) >= 4 and self.commit.id.startswith(self.name.lower()):
            return f"{self.commit.short} ({self.commit.day.isoformat()})"
        return f"{self.name} ({self.commit.short}, {self.commit.day.isoformat()})"


@dataclass(frozen=True)
class TreeEntry:
    path: str  # from the top of the repository, e.g. plans/a.yaml
    blob: str


_FORMAT = "%H%x1f%cI%x1f%an%x1f%s"


class Repository:
    """The git repository holding `where` (the current directory by default). Every command
    runs at its top, and every path is named from there, as `git log` names them."""

    def __init__(
        self,
        where: Path | None = None,
        git: str = "git",
        *,
        needed_for: str = (
            "the history commands read the plans' past from git; run them inside the "
            "repository that holds the plans (or 'git init' and commit the plans first)"
        ),
    ) -> None:
        self.git = git
        self.top = where or Path.cwd()
        found = self._run(["rev-parse", "--show-toplevel", "--show-prefix"], check=False)
        lines = found.stdout.decode("utf-8", "surrogateescape").split("\n")
        if found.returncode != 0 or len(lines) < 2 or not lines[0]:
            raise GitProblem(f"{self.top} is not in a git repository: {needed_for}")
        self.top = Path(lines[0])
        self.prefix = lines[1]  # the current directory's path from the top ('' at the top)

    # --- Processes ---------------------------------------------------------------------------

    def _run(
        self, args: Sequence[str], *, check: bool = True, input: bytes | None = None
    ) -> subprocess.CompletedProcess[bytes]:
        env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
        try:
            done = subprocess.run(
                [self.git, *args],
                cwd=self.top,
                input=input,
                capture_output=True,
                env=env,
                check=False,
            )
        except FileNotFoundError:
            raise GitProblem(
                "git is not installed (or not on PATH): the history commands read the plans' "
                "past through git; install git, e.g. 'apt install git'"
            ) from None
        if check and done.returncode != 0:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitProblem(f"git {args[0]} failed: {said[-1] if said else 'no message'}")
        return done

    def _text(self, args: Sequence[str]) -> str:
        return self._run(args).stdout.decode("utf-8", "replace")

    # --- Revisions ---------------------------------------------------------------------------

    @property
    def shallow(self) -> bool:
        return self._text(["rev-parse", "--is-shallow-repository"]).strip() == "true"

    def resolve(self, name: str) -> Revision:
        """A commit, tag, branch or YYYY-MM-DD (the last first-parent commit of HEAD made on or
        before the end of that day; never the reflog, which a fresh clone does not have)."""
        name = name.strip()
        if DATE_REVISION.fullmatch(name):
            return Revision(name, self.commit(self._on_or_before(name)))
        found = self._run(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"],
            check=False,
        )
        if found.returncode != 0 or not found.stdout.strip():
            if self.shallow:
                raise GitProblem(
                    f"revision '{name}' is not in this shallow clone: fetch more history "
                    "('git fetch --unshallow', or 'git fetch --tags --deepen=N') and run again"
                )
            raise GitProblem(
                f"revision '{name}' does not exist: give a commit, a tag (e.g. "
                "meeting/2026-03-14), a branch or a date YYYY-MM-DD ('git tag' lists the tags)"
            )
        return Revision(name, self.commit(found.stdout.decode().strip()))

    def _on_or_before(self, day: str) -> str:
        try:
            date.fromisoformat(day)
        except ValueError:
            raise GitProblem(
                f"'{day}' is not a real calendar date: check the month and day"
            ) from None
        head = self._run(["rev-parse", "--verify", "--quiet", "HEAD"], check=False)
        if head.returncode != 0:
            raise GitProblem("this repository has no commits yet: commit the plans first")
        found = self._text(
            ["rev-list", "-1", "--first-parent", f"--before={day} 23:59:59", "HEAD"]
        ).strip()
        if found:
            return found
        first = self._text(["rev-list", "--first-parent", "--max-parents=0", "HEAD"]).split()
        oldest = self.commit(first[-1]) if first else None
        since = f" (the oldest is {oldest.short} of {oldest.day.isoformat()})" if oldest else ""
        if self.shallow:
            raise GitProblem(
                f"no commit on or before {day} in this shallow clone{since}: fetch more history "
                "('git fetch --unshallow') and run again"
            )
        raise GitProblem(f"no commit on or before {day}: the history starts later{since}")

    def commit(self, ident: str) -> Commit:
        fields = self._text(
            ["show", "-s", "--no-show-signature", f"--format={_FORMAT}", ident, "--"]
        )
        return _commit(fields.strip("\n"))

    def head(self) -> Commit | None:
        head = self._run(["rev-parse", "--verify", "--quiet", "HEAD"], check=False)
        return self.commit(head.stdout.decode().strip()) if head.returncode == 0 else None

    def commit_id(self, name: str) -> str | None:
        """The full id of the commit `name` (HEAD, MERGE_HEAD, a branch) names, or None."""
        found = self._run(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"],
            check=False,
        )
        ident = found.stdout.decode().strip()
        return ident if found.returncode == 0 and ident else None

    def branch(self) -> str | None:
        """The name of the branch checked out, or None (a detached HEAD, a rebase)."""
        found = self._run(["symbolic-ref", "--quiet", "--short", "HEAD"], check=False)
        name = found.stdout.decode("utf-8", "replace").strip()
        return name if found.returncode == 0 and name else None

    # --- Settings ----------------------------------------------------------------------------

    def config(self, key: str) -> str | None:
        """This repository's own setting `key` (.git/config), or None when it has none."""
        found = self._run(["config", "--local", "--get", key], check=False)
        return (
            found.stdout.decode("utf-8", "replace").rstrip("\n") if found.returncode == 0 else None
        )

    def set_config(self, key: str, value: str) -> None:
        """Set `key` to `value` in this repository's own settings (.git/config)."""
        self._run(["config", "--local", key, value])

    # --- Trees and blobs ---------------------------------------------------------------------

    def tree(self, commit: str, paths: Sequence[str]) -> list[TreeEntry]:
        """The regular files under `paths` at `commit`, symbolic links and submodules left
        out."""
        out = self._run(["ls-tree", "-r", "-z", commit, "--", *paths]).stdout
        entries = []
        for record in out.split(b"\0"):
            if not record:
                continue
            meta, _, path = record.partition(b"\t")
            mode, kind, blob = meta.split()
            if kind == b"blob" and mode in (b"100644", b"100755"):
                entries.append(TreeEntry(os.fsdecode(path), blob.decode()))
        return entries

    def blobs(self, ids: Sequence[str]) -> dict[str, bytes]:
        """The contents of many blobs, read by one `git cat-file --batch`."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        out = self._run(["cat-file", "--batch"], input="\n".join(wanted).encode() + b"\n").stdout
        found: dict[str, bytes] = {}
        at = 0
        for ident in wanted:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            at = end + 1
            if len(header) < 3:  # "<id> missing": a partial clone, or a damaged repository
                raise GitProblem(
                    f"blob {ident[:10]} is missing from this repository: fetch it ('git fetch')"
                )
            size = int(header[2])
            found[ident] = out[at : at + size]
            at += size + 1
        return found

    def first_parent_log(
        self, paths: Sequence[str], until: str = "HEAD"
    ) -> Iterator[tuple[Commit, list[tuple[str, str | None]]]]:
        """Oldest first, each first-parent commit up to `until` that changed a file under
        `paths`, with the changes: (path, new blob id, or None when the file went)."""
        args = [
            "log",
            "--first-parent",
            "--reverse",
            "--raw",
            "-z",
            "--no-renames",
            "--no-abbrev",
            "--diff-merges=first-parent",
            f"--format=%x1e{_FORMAT}",
            until,
            "--",
            *paths,
        ]
        out = self._run(args).stdout.decode("utf-8", "surrogateescape")
        for chunk in out.split("\x1e"):
            if not chunk.strip("\0\n"):
                continue
            header, _, raw = chunk.partition("\0")  # the subject line ends with NUL, then \n
            parts = raw.lstrip("\n").split("\0")
            changes: list[tuple[str, str | None]] = []
            index = 0
            while index < len(parts):
                meta = parts[index].strip("\n")
                if not meta.startswith(":"):
                    index += 1
                    continue
                fields = meta[1:].split()
                path = parts[index + 1]
                index += 2
                new_mode, new_blob, change = fields[1], fields[3], fields[4]
                if change.startswith("D") or new_mode not in ("100644", "100755"):
                    changes.append((path, None))
                else:
                    changes.append((path, new_blob))
            yield _commit(header), changes


def _commit(fields: str) -> Commit:
    ident, when, author, subject = fields.split("\x1f", 3)
    return Commit(ident, datetime.fromisoformat(when), author, subject)
