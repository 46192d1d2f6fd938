"""Write every HTML page actionplan makes for the bundled plans and the audit example into a
folder, for `make check-docs` to check: status, owners, cost-summary, outcomes, show (a
recommendation and an action, and an exempt one withheld), report (and report --whole), each
of those papers private too (--include-exempt), history, diff, the portfolio of them all (and
private), the HTML part of each chaser (`chase --include-exempt`, one per owner), and the site
(`actionplan site`) of the bundled plans and of the audit example, every page of it.

    python tools/check-docs/render_pages.py OUT_DIR [--actionplan .venv/bin/actionplan]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Each plan with the day its papers are written for: near its own meetings, so the pages have
# overdue, due-soon and done actions to show.
PLANS = {
    "plans/southampton-domestic-abuse-2019.yaml": "2020-03-01",
    "plans/southwark-domestic-abuse-strategy-2015.yaml": "2020-03-01",
    "examples/internal-audit-tracker.yaml": "2026-11-30",
}


def oldest_commit() -> str | None:
    """The first commit of the bundled plans, for the diff of them to this day (None outside
    git history, as in a release tarball)."""
    commits = subprocess.run(
        ["git", "log", "--reverse", "--format=%H", "--", "plans"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return commits[0] if commits else None


def chaser_pages(actionplan: str, plan: str, as_of: str, out: Path) -> list[Path]:
    """The HTML part of each chaser `chase` writes for the plan, as a page of its own."""
    from email import policy
    from email.message import EmailMessage
    from email.parser import BytesParser

    folder = out / f"chasers-{Path(plan).stem}"
    subprocess.run(
        [actionplan, "chase", plan, "--as-of", as_of, "--include-exempt", "-o", str(folder)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    pages = []
    for eml in sorted(folder.glob("*.eml")):
        message = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
        assert isinstance(message, EmailMessage)
        body = message.get_body(("html",))
        assert body is not None, f"{eml}: no HTML part"
        target = out / f"chase-{Path(plan).stem}-{eml.stem}.html"
        target.write_text(body.get_content(), encoding="utf-8")
        pages.append(target)
    return pages


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--actionplan", default=str(ROOT / ".venv" / "bin" / "actionplan"))
    parser.add_argument("--plans", nargs="*", default=list(PLANS), help="a subset of PLANS")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def page(name: str, *command: str) -> None:
        target = args.out / f"{name}.html"
        subprocess.run(
            [args.actionplan, *command, "--format", "html", "--output", str(target)],
            cwd=ROOT,
            check=True,
            stderr=subprocess.DEVNULL,
        )
        written.append(target)

    for plan in args.plans:
        as_of = PLANS[plan]
        stem = Path(plan).stem
        day = ("--as-of", as_of)
        page(f"status-{stem}", "status", plan, *day)
        page(f"owners-{stem}", "owners", plan, *day)
        page(f"cost-summary-{stem}", "cost-summary", plan)
        page(f"outcomes-{stem}", "outcomes", plan, *day)
        page(f"report-{stem}", "report", plan, *day)
        page(f"report-whole-{stem}", "report", plan, *day, "--whole")
        # Private papers (--include-exempt), whose exempt items are marked.
        page(f"status-private-{stem}", "status", plan, *day, "--include-exempt")
        page(f"report-private-{stem}", "report", plan, *day, "--whole", "--include-exempt")
        page(f"owners-private-{stem}", "owners", plan, *day, "--include-exempt")
        page(f"cost-summary-private-{stem}", "cost-summary", plan, "--include-exempt")
        page(f"outcomes-private-{stem}", "outcomes", plan, *day, "--include-exempt")
        status = subprocess.run(
            [args.actionplan, "status", plan, *day, "--format", "json"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        actions = json.loads(status.stdout)["actions"]
        if actions:  # a strategy may have recommendations and no actions yet
            first = actions[0]
            page(f"show-rec-{stem}", "show", first["recommendation"], plan, *day)
            page(f"show-action-{stem}", "show", first["id"], plan, *day)
            page(f"history-{stem}", "history", first["id"], plan)
        exempt = [action for action in actions if action.get("exempt")]
        if exempt:  # the page that withholds an exempt item, and the private one that shows it
            page(f"show-exempt-{stem}", "show", exempt[0]["id"], plan, *day)
            page(f"show-exempt-private-{stem}", "show", exempt[0]["id"], plan, *day,
                 "--include-exempt")  # fmt: skip
        written += chaser_pages(args.actionplan, plan, as_of, args.out)
    page("portfolio", "portfolio", *args.plans, "--as-of", "2020-03-01")
    page("portfolio-private", "portfolio", *args.plans, "--as-of", "2020-03-01", "--include-exempt")
    page("owners-all", "owners", *args.plans, "--as-of", "2020-03-01")
    page("owners-by-plan", "owners", *args.plans, "--as-of", "2020-03-01", "--by", "plan")
    oldest = oldest_commit()
    if oldest:
        page("diff-plans", "diff", oldest, "HEAD")
    # The site: every page of it, the bundled plans (with their history in git) and the audit
    # example (format 2: exempt items and declared people).
    for name, paths, as_of in (
        ("site-plans", ["plans"], "2020-03-01"),
        ("site-audit", ["examples/internal-audit-tracker.yaml"], "2026-11-30"),
    ):
        folder = args.out / name
        subprocess.run(
            [args.actionplan, "site", *paths, "--as-of", as_of, "--output", str(folder)],
            cwd=ROOT,
            check=True,
            stderr=subprocess.DEVNULL,
        )
        written += sorted(folder.rglob("*.html"))
    print("\n".join(str(path) for path in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
