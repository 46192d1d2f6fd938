#!/usr/bin/env python3
"""Benchmark the history commands on a seeded synthetic repository: 20 plans x 1,000 commits.

The repository (bench/.corpus/history-N/, rebuilt when the generator changes) is written in one
`git fast-import`: a first commit adds 20 plans of 20 recommendations x 3 actions, then each of
1,000 commits, one day apart, edits one plan the way an officer does: progress recorded (most),
a status changed (started, done, now and then reopened), a target revised with its reason, an
action added or deleted. Tags `start` and `end` mark the two ends.

Timed as whole processes (the median of several runs after a warm-up, as bench/bench.py times
them), in the repository: `diff start end`, `history ID` (of one file, and of all 20 with
--plan), `status --from-history` at the last day, beside one plain `lint` and `status` of the
same 20 files. It prints a Markdown report; the cost grows with the number of distinct blobs
(1,020 here), not of commits x plans.

    python bench/history_bench.py            # 5 runs each
    python bench/history_bench.py --runs 1   # a quick look

Only the standard library is imported: everything measured runs as a subprocess.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import CORPUS, machine, mb, measure, ms, say, table

SEED = 20200101
PLANS, COMMITS, RECOMMENDATIONS, ACTIONS = 20, 1000, 20, 3
VERSION = "2"  # bump when the generator changes, so a stale repository is rebuilt
START = date(2020, 1, 6)
_WORD_LIST = (
    "survivors refuge housing police health partnership board strategy campaign training "
    "schools safeguarding referral pathway advocacy outreach evaluation funding commissioning "
    "review data community agencies practitioners risk helpline programme prevention recovery"
)
_WORDS = _WORD_LIST.split()


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high))).capitalize()


@dataclass
class Action:
    id: str
    text: str
    owner: str
    target: date
    status: str = "not-started"
    completed: date | None = None
    revisions: list[tuple[date, date, str]] = field(default_factory=list)
    progress: list[tuple[date, str]] = field(default_factory=list)


class Plan:
    """One synthetic plan's state, rendered as YAML after each edit."""

    def __init__(self, index: int, rng: random.Random) -> None:
        self.index = index
        self.recs: list[list[Action]] = []
        for r in range(1, RECOMMENDATIONS + 1):
            actions: list[Action] = []
            for a in range(1, ACTIONS + 1):
                actions.append(self._action(f"{r}.{a}", rng))
            self.recs.append(actions)
        self.next_action = ACTIONS + 1

    @staticmethod
    def _action(ident: str, rng: random.Random) -> Action:
        target = START + timedelta(days=rng.randrange(30, 900))
        owner = rng.choice(("DSA Chair", "Head of Housing", "Public Health Lead"))
        return Action(ident, _words(rng, 3, 9), owner, target)

    def edit(self, rng: random.Random, day: date) -> str:
        """One officer's edit on `day`; the commit message."""
        r = rng.randrange(len(self.recs))
        actions = self.recs[r]
        roll = rng.random()
        if roll < 0.02 and len(actions) > 1:
            gone = actions.pop(rng.randrange(len(actions)))
            return f"{gone.id} deleted"
        if roll < 0.05:
            added = self._action(f"{r + 1}.{self.next_action}", rng)
            self.next_action += 1
            actions.append(added)
            return f"{added.id} added"
        action = rng.choice(actions)
        if roll < 0.20:
            current = action.revisions[-1][1] if action.revisions else action.target
            new = max(current, day) + timedelta(days=rng.randrange(30, 180))
            action.revisions.append((day, new, _words(rng, 3, 6)))
            return f"{action.id}: target revised"
        if roll < 0.35:
            if action.status == "done":
                action.status, action.completed = "in-progress", None
                return f"{action.id} reopened"
            if action.status == "in-progress":
                action.status, action.completed = "done", day
                return f"{action.id} done"
            action.status = "in-progress"
            return f"{action.id} started"
        action.progress.append((day, _words(rng, 4, 10)))
        if action.status == "not-started":
            action.status = "in-progress"
        return f"{action.id}: progress"

    def text(self) -> str:
        out = [
            "plan:",
            f"  id: synthetic-history-{self.index:02d}",
            f"  title: Synthetic plan {self.index:02d}",
            f"  organisation: Council {self.index:02d}",
            "  source: A seeded synthetic plan for the history benchmark",
            f"  adopted: {START.isoformat()}",
            "recommendations:",
        ]
        for r, actions in enumerate(self.recs, 1):
            out += [f'  - id: "{r}"', f"    title: Recommendation {r}", "    actions:"]
            for a in actions:
                out += [
                    f'      - id: "{a.id}"',
                    f"        text: {a.text}",
                    f"        owners: [{a.owner}]",
                    f"        target: {a.target}",
                ]
                if a.revisions:
                    out.append("        revisions:")
                    for when, target, reason in a.revisions:
                        out += [
                            f"          - date: {when}",
                            f"            target: {target}",
                            f"            reason: {reason}",
                        ]
                if a.status != "not-started":
                    out.append(f"        status: {a.status}")
                if a.completed:
                    out.append(f"        completed: {a.completed}")
                if a.progress:
                    out.append("        progress:")
                    for when, note in a.progress:
                        out += [f"          - date: {when}", f"            note: {note}"]
        return "\n".join(out) + "\n"


def _data(payload: bytes) -> bytes:
    return b"data %d\n" % len(payload) + payload + b"\n"


def build(repo: Path) -> tuple[Path, date]:
    """The synthetic repository, reused when already built; and its last day."""
    stamp = repo / ".git" / "actionplan-bench"
    last = START + timedelta(days=COMMITS)
    if stamp.exists() and stamp.read_text() == f"{VERSION} {PLANS} {COMMITS}\n":
        return repo, last
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    rng = random.Random(SEED)
    plans = [Plan(i, rng) for i in range(PLANS)]
    stream: list[bytes] = []

    def commit(day: date, message: str, files: list[Plan], mark: int) -> None:
        when = int(datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp())
        stream.append(b"commit refs/heads/main\n")
        stream.append(b"mark :%d\n" % mark)
        for who in (b"author", b"committer"):
            stream.append(who + b" Bench Officer <bench@example.org> %d +0000\n" % when)
        stream.append(_data(message.encode()))
        if mark > 1:
            stream.append(b"from :%d\n" % (mark - 1))
        for plan in files:
            path = f"plans/plan-{plan.index:02d}.yaml".encode()
            stream.append(b"M 100644 inline " + path + b"\n" + _data(plan.text().encode()))

    commit(START, "Add the plans", plans, 1)
    for number in range(1, COMMITS + 1):
        day = START + timedelta(days=number)
        plan = rng.choice(plans)
        commit(day, plan.edit(rng, day), [plan], number + 1)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=b"".join(stream), check=True)
    subprocess.run(["git", "tag", "start", f"main~{COMMITS}"], cwd=repo, check=True)
    subprocess.run(["git", "tag", "end", "main"], cwd=repo, check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=repo, check=True)
    stamp.write_text(f"{VERSION} {PLANS} {COMMITS}\n")
    return repo, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repo", type=Path, default=CORPUS / f"history-{VERSION}")
    args = parser.parse_args()
    say(f"building {PLANS} plans x {COMMITS:,} commits in {args.repo}")
    repo, last = build(args.repo)
    blobs = subprocess.run(
        ["git", "rev-list", "--objects", "--all", "--", "plans"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.count("plans/")
    actionplan = str(Path(sys.executable).parent / "actionplan")
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    os.chdir(repo)
    day = last.isoformat()
    commands = [
        ("lint of the 20 files (the yardstick)", ["lint", "plans", "--as-of", day]),
        ("diff start end", ["diff", "start", "end"]),
        ("diff start (the working tree)", ["diff", "start", "--as-of", day]),
        ("history 3.2 of one plan file", ["history", "3.2", "plans/plan-07.yaml"]),
        ("history 3.2 --plan", ["history", "3.2", "--plan", "synthetic-history-07"]),
        ("status of the working tree", ["status", "--as-of", day]),
        ("status --from-history", ["status", "--as-of", day, "--from-history"]),
    ]
    rows = []
    for label, argv in commands:
        result = measure(label, [actionplan, *argv], runs=args.runs, env=env)
        codes = ", ".join(str(c) for c in sorted(result.exit_codes))
        rows.append(
            [f"`actionplan {' '.join(argv)}`", ms(result.median), mb(result.peak_kb), codes]
        )
    lines = [
        "## History",
        "",
        f"A seeded synthetic repository: {PLANS} plans of {RECOMMENDATIONS} recommendations x "
        f"{ACTIONS} actions, {COMMITS:,} commits one day apart ({blobs:,} distinct plan blobs), "
        f"each editing one plan. Median of {args.runs} runs after a warm-up.",
        "",
        *table(["Command", "Median", "Peak memory", "Exit"], rows, right={1, 2}),
        "",
        *machine(),
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
