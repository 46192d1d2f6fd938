"""`actionplan site`: a link check over every page, each page whole and accessible in
structure, the figures of the index, exempt items and emails withheld, history from git or the
sentence that says there is none, and rebuilds that rewrite only what changed.

One site of the bundled plans and the audit example is built once for the module (in-process);
the rebuild tests build small copies of their own.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from actionplan.editing.write import WriteError, write_built
from actionplan.load import load_plan
from actionplan.output.render import PAGE_STYLE, html_page
from actionplan.output.site import SITE_STYLE
from actionplan.reports.status import status_report
from cli_run import invoke

ROOT = Path(__file__).resolve().parent.parent.parent
SOUTHAMPTON = ROOT / "plans" / "southampton-domestic-abuse-2019.yaml"
AUDIT = ROOT / "examples" / "internal-audit-tracker.yaml"
AS_OF = "2026-11-30"
A52 = '      - id: "5.2"\n        text: "Finance required {secure}"\n        owners: [DSA Chair]\n'


def site(*args: str | Path) -> tuple[int, str]:
    result = invoke(["site", *args])
    return result.exit_code, result.stderr


class Parsed(HTMLParser):
    """What the checks need of a page: its links, ids, and the elements it is made of."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if found.get("id"):
            self.ids.add(str(found["id"]))
        # Every address a page refers to: links, style sheets, pictures, anything else.
        self.hrefs += [str(found[name]) for name in ("href", "src") if found.get(name) is not None]
        if tag == "script":
            self.scripts += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def count(self, tag: str, **attrs: str) -> int:
        return sum(
            1
            for name, found in self.tags
            if name == tag and all(found.get(k) == v for k, v in attrs.items())
        )


def parse(path: Path) -> Parsed:
    parsed = Parsed()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed


def pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of plans/ and the audit example, as of 2026-11-30, from the repository (so the
    bundled plans' history comes from its git)."""
    out = tmp_path_factory.mktemp("site") / "site"
    code, _err = site("plans", AUDIT, "--as-of", AS_OF, "--output", out)
    assert code == 0
    return out


def test_every_link_resolves_to_a_page_or_a_fragment_on_it(built: Path) -> None:
    every = pages(built)
    parsed = {page: parse(page) for page in every}
    checked = 0
    for page, found in parsed.items():
        for href in found.hrefs:
            parts = urlsplit(href)
            assert not parts.scheme and not parts.netloc, f"{page}: {href} is not relative"
            assert not parts.path.startswith("/"), f"{page}: {href} is not relative"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.relative_to(built)}: {href} names no file"
            assert built.resolve() in target.parents, f"{page}: {href} leaves the site"
            if parts.fragment:
                assert parts.fragment in parsed[target].ids, f"{page}: {href}: no such id"
            checked += 1
    assert checked > 300
    # Every page is linked to from another: nothing is made that cannot be reached.
    linked = {
        (page.parent / unquote(urlsplit(href).path)).resolve()
        for page, found in parsed.items()
        for href in found.hrefs
        if urlsplit(href).path
    }
    assert {p.resolve() for p in every} <= linked


def test_each_page_is_whole_and_says_the_date_it_was_built_for(built: Path) -> None:
    for page in pages(built):
        text = page.read_text(encoding="utf-8")
        found = parse(page)
        where = page.relative_to(built)
        assert text.startswith('<!DOCTYPE html>\n<html lang="en-GB">'), where
        assert re.search(r"<title>[^<]+</title>", text), where
        assert found.count("h1") == 1 and found.count("main") == 1, where
        assert found.count("nav", **{"aria-label": "Site"}) == 1, where
        assert found.count("nav", **{"aria-label": "Breadcrumb"}) == 1, where
        assert found.count("li", **{"aria-current": "page"}) == 1, where
        assert found.count("table") == found.count("caption"), where
        assert found.count("th") == found.count("th", scope="col"), where
        assert found.scripts == 0, where
        # The styles are the site's one style sheet, linked from the root whatever the depth.
        sheet = "../" * (len(where.parts) - 1) + "style.css"
        assert [attrs for tag, attrs in found.tags if tag in ("link", "style")] == [
            {"rel": "stylesheet", "href": sheet}
        ], where
        assert '<p class="as-of">As of <time datetime="2026-11-30">30 November 2026</time></p>' in (
            text
        ), where
        # A RAG is a tag with its word: the class colours it, the word is in the cell.
        for word in re.findall(r'class="[^"]*rag-(\w+)">([A-Z]+)', text):
            assert word[1].lower() == word[0], where


def test_the_style_sheet_is_the_papers_styles_and_the_sites_in_ascii(built: Path) -> None:
    data = (built / "style.css").read_bytes()
    assert data.decode("ascii") == PAGE_STYLE + SITE_STYLE
    assert 'li + li::before { content: "\\203A"; ' in data.decode("ascii")  # ›, escaped
    assert "th { background: #f3f2f1; }" in PAGE_STYLE and "<style>" in html_page("T", [])
    manifest = json.loads((built / "site.json").read_text(encoding="utf-8"))
    assert manifest["pages"]["style.css"] == hashlib.sha256(data).hexdigest()


def test_the_index_is_the_portfolio_with_each_plan_linked_to_its_page(built: Path) -> None:
    text = (built / "index.html").read_text(encoding="utf-8")
    plans = text.split("<caption>Plans, by plan</caption>")[1].split("</table>")[0]
    assert list(rows_of(text, "Plans, by plan")) == [
        [
            "Internal audit recommendations tracker (exampleton-audit-tracker)",
            *("audit-tracker", "Audit and Governance Committee", "7", "14", "4", "2", "1"),
            *("RED", "1.2 (61 days)", "1", "20 November 2026"),
        ],
        [
            "Reducing domestic abuse: response to Scrutiny Inquiry recommendations "
            "(southampton-domestic-abuse-2019)",
            *("", "", "16", "49", "0", "16", "0", "RED", "1.6 (2557 days)", "0", "none"),
        ],
        [
            "Southwark Domestic Abuse Strategy (southwark-domestic-abuse-strategy-2015)",
            *("", "", "0", "0", "0", "0", "0", "no actions", "", "0", "none"),
        ],
        ["Total (3 plans)", "", "", "23", "63", "4", "18", "1", "", "", "1", ""],
    ]
    # The figures are status's: Southampton's, as `status` counts them on the same day.
    loaded, _ = load_plan(SOUTHAMPTON)
    assert loaded is not None
    summary = status_report([loaded.plan], date(2026, 11, 30)).summary
    assert (summary.recommendations, summary.actions, summary.overdue) == (16, 49, 16)
    for plan in ("exampleton-audit-tracker", "southampton-domestic-abuse-2019"):
        assert f'<td><a href="plans/{plan}/index.html">' in plans
    assert (
        '<td class="nowrap"><a href="plans/southampton-domestic-abuse-2019/1.html#action-1.6">'
        "southampton-domestic-abuse-2019 1.6</a></td>"
    ) in text
    assert "1 exempt item withheld (Local Government Act 1972, Schedule 12A, paragraph 3)" in text


def test_exempt_items_and_email_addresses_are_in_no_page(built: Path) -> None:
    exempt = "Check the leisure contractor&#x27;s financial resilience"
    for page in pages(built):
        text = page.read_text(encoding="utf-8")
        assert "@" not in text.replace("@page", "").replace("@media", ""), page
        assert exempt not in text and "contractor&#x27;s quarterly" not in text, page
    audit = built / "plans" / "exampleton-audit-tracker"
    assert sorted(p.name for p in audit.iterdir()) == [
        *(f"{n}.html" for n in (1, 2, 3, 4, 6, 7, 8)),
        "index.html",
    ]


def test_include_exempt_and_include_emails_keep_them(tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, _err = site(AUDIT, "--as-of", AS_OF, "-o", out, "--include-exempt", "--include-emails")
    assert code == 0
    every = "".join(page.read_text(encoding="utf-8") for page in pages(out))
    assert "Email: sam.example@exampleton.example" in every
    assert "Check the leisure contractor&#x27;s financial resilience" in every
    manifest = json.loads((out / "site.json").read_text(encoding="utf-8"))
    assert manifest["options"] == {
        "soon": 30,
        "stale": 90,
        "include_exempt": True,
        "include_emails": True,
    }


def test_a_recommendation_page_has_its_actions_and_its_history_from_git(built: Path) -> None:
    page = built / "plans" / "southampton-domestic-abuse-2019" / "5.html"
    found = parse(page)
    assert {"action-5.1", "action-5.2", "action-5.8", "history"} <= found.ids
    text = page.read_text(encoding="utf-8")
    assert "<caption>Commits that changed it</caption>" in text
    owner = (built / "owners" / "dsa-chair.html").read_text(encoding="utf-8")
    assert '<a href="../plans/southampton-domestic-abuse-2019/5.html#action-5.2">5.2</a>' in owner


def test_an_actions_section_gives_what_its_row_in_the_table_above_does_not(built: Path) -> None:
    # The recommendation's table of actions gives each one's owners, status, RAG and why,
    # overdue and last update; the action's own section, under it, its text, dates and history.
    text = (built / "plans" / "southampton-domestic-abuse-2019" / "5.html").read_text(
        encoding="utf-8"
    )
    section = text.split('<h2 id="action-5.2">Action 5.2</h2>\n', 1)[1].split("</ul>", 1)[0]
    assert section == (
        "<ul>\n"
        "<li>What: Finance required {secure}</li>\n"
        '<li>Target: <span class="nowrap">Feb 2020</span>, from its funding routes (below)</li>\n'
        '<li>Due: <time datetime="2020-02-29">29 February 2020</time></li>\n'
        "<li>Progress: none recorded</li>\n"
    )
    row = text.split("<caption>Actions</caption>", 1)[1].split("</table>", 1)[0]
    assert (
        '<tr><td class="nowrap">5.2</td><td>Finance required {secure}</td><td>DSA Chair</td>'
    ) in row
    assert '<td class="rag rag-red">RED</td><td class="num">2466 days</td>' in row
    # `show` itself, in the terminal, still gives every field of the action.
    shown = invoke(["show", "5.2", str(SOUTHAMPTON), "--as-of", AS_OF])
    assert shown.exit_code == 0
    assert "Owner(s): DSA Chair" in shown.stdout
    assert "RAG: RED — overdue: due 2020-02-29, 2466 days ago" in shown.stdout


def test_every_page_gives_an_actions_text_whole(built: Path) -> None:
    # As every document does: only a terminal cuts a long text to fit (`...` at 60 characters).
    text = (
        "Communications Team to lead the dialogue with media outlets /press, supported by SCC "
        "leads for DSA"
    )
    cell = f"<td>{text}</td>"
    plan = built / "plans" / "southampton-domestic-abuse-2019"
    for page in (plan / "2.html", built / "owners" / "head-of-communications.html"):
        assert cell in page.read_text(encoding="utf-8"), page
    # The plan's page lists the actions overdue (1.6 is), each linked to its place.
    overdue = (
        '<td class="nowrap"><a href="1.html#action-1.6">1.6</a></td><td>Delivery of '
        "communications campaign plan: Consider link to White Ribbon day if focus appropriate"
    )
    assert overdue in (plan / "index.html").read_text(encoding="utf-8")


def test_a_plan_page_lists_what_is_overdue_and_links_each_recommendation(built: Path) -> None:
    # Every action is on its recommendation's page; the plan's page gives the counts, the
    # actions overdue or due soon (most overdue first) and a row per recommendation.
    text = (built / "plans" / "southampton-domestic-abuse-2019" / "index.html").read_text(
        encoding="utf-8"
    )

    def first_cells(caption: str) -> list[str]:
        table = text.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
        return re.findall(r"<tr><td[^>]*>(?:<a [^>]*>)?([^<]*)", table)

    assert first_cells("Actions overdue or due in the next 30 days") == [
        "1.6", "2.2",  # November 2019: 2,557 days
        "1.1", "1.4", "1.5", "4.3", "5.2", "5.6", "6.2", "7.1", "8.2", "9.1",  # February 2020
        "10.1", "11.1", "11.2", "3.3",  # December 2020, January, March and April 2021
    ]  # fmt: skip
    assert first_cells("Recommendations") == [str(n) for n in range(1, 17)]
    assert "<li>Overdue: 16 (1.1, 1.4, 1.5, 1.6, 2.2, 3.3, 4.3, 5.2, 5.6, 6.2, 7.1, 8.2" in text
    assert "<caption>Recommendation 3:" not in text


def copy_plans(into: Path) -> Path:
    plans = into / "plans"
    plans.mkdir(parents=True)
    shutil.copy(SOUTHAMPTON, plans)
    return plans


def stats(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (os.stat(p).st_ino, os.stat(p).st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_without_git_each_history_says_there_is_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans = copy_plans(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, err = site(plans, "--as-of", "2020-03-01", "-o", "site")
    assert code == 0
    assert err.splitlines()[0] == (
        "wrote site: 39 files for 1 plan as of 2020-03-01 (39 written, 0 unchanged, 0 removed)"
    )
    assert err.splitlines()[1] == (
        "note: No history is shown: the site was not built inside a git repository that keeps "
        "these plans. Build it there (as the publishing workflow does) to show each "
        "recommendation's changes."
    )
    text = (tmp_path / "site" / "plans" / "southampton-domestic-abuse-2019" / "1.html").read_text(
        encoding="utf-8"
    )
    assert "<p>No history is shown: the site was not built inside a git repository" in text


def test_a_rebuild_rewrites_only_the_pages_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans = copy_plans(tmp_path)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "site"
    assert site(plans, "--as-of", "2020-03-01", "-o", out)[0] == 0
    (out / "CNAME").write_text("plans.example.org\n", encoding="utf-8")  # the user's own file
    before = stats(out)
    code, err = site(plans, "--as-of", "2020-03-01", "-o", out)
    assert (code, err.splitlines()[0]) == (
        0,
        f"wrote {out}: 39 files for 1 plan as of 2020-03-01 (0 written, 39 unchanged, 0 removed)",
    )
    assert stats(out) == before  # not one file touched, not even site.json's inode
    # Progress on 5.2 changes its recommendation's page, its plan's, its owner's and the index.
    plan = plans / "southampton-domestic-abuse-2019.yaml"
    text = plan.read_text(encoding="utf-8")
    old = A52
    note = "        progress:\n          - {date: 2020-02-20, note: Bid drafted}\n"
    assert text.count(old) == 1
    plan.write_text(text.replace(old, old + note), encoding="utf-8")
    code, err = site(plans, "--as-of", "2020-03-01", "-o", out)
    assert err.splitlines()[0].endswith("(4 written, 35 unchanged, 0 removed)")
    after = stats(out)
    changed = {page for page in before if after.get(page) != before[page]}
    assert changed == {
        "index.html",
        "site.json",
        "plans/southampton-domestic-abuse-2019/index.html",
        "plans/southampton-domestic-abuse-2019/5.html",
        "owners/dsa-chair.html",
    }
    manifest = json.loads((out / "site.json").read_text(encoding="utf-8"))
    for page, digest in manifest["pages"].items():
        assert hashlib.sha256((out / page).read_bytes()).hexdigest() == digest
    assert manifest["as_of"] == "2020-03-01"
    # A recommendation gone: its page is removed; the user's CNAME stays.
    start = text.index('  - id: "16"\n')
    plan.write_text(plan.read_text(encoding="utf-8")[:start], encoding="utf-8")
    code, err = site(plans, "--as-of", "2020-03-01", "-o", out)
    assert code == 0 and err.splitlines()[0].endswith("4 removed)")
    assert set(after) - set(stats(out)) == {
        "plans/southampton-domestic-abuse-2019/16.html",
        # the owners of 16's actions alone
        "owners/cllr-mcewing.html",
        "owners/cllr-shields.html",
        "owners/public-health-director.html",
    }
    assert (out / "CNAME").read_text(encoding="utf-8") == "plans.example.org\n"


def test_refuses_a_folder_that_is_not_a_site(tmp_path: Path) -> None:
    plans = copy_plans(tmp_path)
    out = tmp_path / "docs"
    out.mkdir()
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    code, err = site(plans, "--as-of", "2020-03-01", "-o", out)
    assert (code, err) == (
        1,
        f"Error: --output {out} is not empty and is not a site actionplan built (it has no "
        "site.json): give a new or empty folder, e.g. --output site, so nothing in it is "
        "overwritten\n",
    )
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_a_plan_that_does_not_load_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    plans = copy_plans(tmp_path)
    out = tmp_path / "site"
    assert site(plans, "--as-of", "2020-03-01", "-o", out)[0] == 0
    before = stats(out)
    (plans / "broken.yaml").write_text("plan: [unclosed\n", encoding="utf-8")
    code, err = site(plans, "--as-of", "2020-03-02", "-o", out)
    assert code == 1
    assert err.splitlines()[0].startswith(f"{plans / 'broken.yaml'}:1:7: error AP002")
    assert err.splitlines()[-1] == (
        "Error: 1 problem above stops these plans from loading: fix them (run 'actionplan lint' "
        "for every finding); the site was not changed"
    )
    assert stats(out) == before
    assert not [p for p in out.rglob("*.tmp")]


def git(repo: Path, *args: str, when: str) -> None:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(repo),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Ann Officer",
        "GIT_AUTHOR_EMAIL": "ann@example.org",
        "GIT_COMMITTER_NAME": "Ann Officer",
        "GIT_COMMITTER_EMAIL": "ann@example.org",
        "GIT_AUTHOR_DATE": f"{when}T12:00:00+00:00",
        "GIT_COMMITTER_DATE": f"{when}T12:00:00+00:00",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def rows_of(text: str, caption: str) -> Iterator[list[str]]:
    table = text.split(f"<caption>{caption}</caption>")[1].split("</table>")[0]
    for row in re.findall(r"<tr>(<td.*?)</tr>", table):
        yield [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]


def test_history_comes_from_each_commit_that_changed_the_recommendation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans = copy_plans(tmp_path)
    git(tmp_path, "init", "-q", when="2020-01-06")
    git(tmp_path, "add", "plans", when="2020-01-06")
    git(tmp_path, "commit", "-qm", "The plan", when="2020-01-06")
    plan = plans / "southampton-domestic-abuse-2019.yaml"
    old = A52
    note = "        status: in-progress\n"
    plan.write_text(plan.read_text(encoding="utf-8").replace(old, old + note), encoding="utf-8")
    git(tmp_path, "commit", "-qam", "5.2 started", when="2020-02-03")
    monkeypatch.chdir(tmp_path)
    assert site("plans", "--as-of", "2020-03-01", "-o", "site")[0] == 0
    text = (tmp_path / "site" / "plans" / "southampton-domestic-abuse-2019" / "5.html").read_text(
        encoding="utf-8"
    )
    steps = [row[1:] for row in rows_of(text, "Commits that changed it")]
    assert steps == [
        [
            "6 January 2020",
            "Ann Officer",
            "29 February 2020",
            "0 of 6 closed",
            "GREEN",
            "added",
            "",
        ],
        [
            "3 February 2020",
            "Ann Officer",
            "29 February 2020",
            "0 of 6 closed",
            "AMBER",
            "5.2: status not-started → in-progress",
            "",
        ],
    ]
    other = tmp_path / "site" / "plans" / "southampton-domestic-abuse-2019" / "4.html"
    assert "1 commit changed it" in other.read_text(encoding="utf-8")


def test_the_publishing_workflow_builds_the_site_and_deploys_it_to_pages() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    assert workflow[True]["push"] == {"branches": ["main"]}  # YAML 1.1 reads `on:` as True
    # Set up by make from the lock, built for the day of the run said explicitly, published.
    assert workflow["jobs"]["build"]["steps"] == [
        {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}},
        {"uses": "actions/setup-python@v5", "with": {"python-version": "3.11"}},
        {"run": "make .venv/.runtime"},
        {"run": '.venv/bin/actionplan site plans/ --as-of "$(date -u +%F)" --output _site'},
        {"uses": "actions/configure-pages@v5"},
        {"uses": "actions/upload-pages-artifact@v3", "with": {"path": "_site"}},
    ]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"] == [{"id": "deployment", "uses": "actions/deploy-pages@v4"}]


def test_two_processes_build_the_same_site_as_one(tmp_path: Path) -> None:
    # A first build writes each page straight into a new folder renamed into place; a build
    # into a folder that is there stages each page: the same site either way, on any --jobs.
    plans = copy_plans(tmp_path)
    shutil.copy(AUDIT, plans)
    shutil.copy(ROOT / "plans" / "southwark-domestic-abuse-strategy-2015.yaml", plans)
    one, two, staged = tmp_path / "one", tmp_path / "two", tmp_path / "staged"
    staged.mkdir()
    assert site(plans, "--as-of", AS_OF, "-o", one, "--jobs", "1")[0] == 0
    assert site(plans, "--as-of", AS_OF, "-o", two, "--jobs", "2")[0] == 0
    assert site(plans, "--as-of", AS_OF, "-o", staged, "--jobs", "2")[0] == 0
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert len(files) > 40
    for other in (two, staged):
        assert files == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
        for name in files:  # byte for byte, site.json (every page's hash) and every page
            assert (one / name).read_bytes() == (other / name).read_bytes(), name
    umask = os.umask(0)
    os.umask(umask)
    assert {os.stat(p).st_mode & 0o777 for p in one.rglob("*") if p.is_file()} == {0o666 & ~umask}
    assert {os.stat(p).st_mode & 0o777 for p in [one, *one.rglob("*")] if p.is_dir()} == {
        0o777 & ~umask
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one", "plans", "staged", "two"]


def test_owners_rows_spooled_to_disk_make_the_same_pages_as_rows_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The owners' page rows are held in memory up to SPOOL_BYTES, then spooled to a file: an
    # owner's page reads the spooled rows, then the held ones, in the plans' order either way.
    import actionplan.site.build as build

    plans = copy_plans(tmp_path)
    shutil.copy(AUDIT, plans)
    shutil.copy(ROOT / "plans" / "southwark-domestic-abuse-strategy-2015.yaml", plans)
    held, spooled = tmp_path / "held", tmp_path / "spooled"
    assert site(plans, "--as-of", AS_OF, "-o", held, "--jobs", "1")[0] == 0
    monkeypatch.setattr(build, "SPOOL_BYTES", 6000)  # every plan's rows go to the spool
    assert site(plans, "--as-of", AS_OF, "-o", spooled, "--jobs", "1")[0] == 0
    owners = sorted(p.name for p in (held / "owners").iterdir())
    assert len(owners) > 20
    assert owners == sorted(p.name for p in (spooled / "owners").iterdir())
    for name in owners:
        assert (held / "owners" / name).read_bytes() == (spooled / "owners" / name).read_bytes()
    shared = [  # an owner with actions in two plans: their page has a table for each
        name
        for name in owners
        if (held / "owners" / name).read_text(encoding="utf-8").count("<caption>Actions in ") > 1
    ]
    assert shared


def test_an_owners_tables_come_back_in_the_plans_order_spooled_or_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import actionplan.site.build as build

    monkeypatch.setattr(build, "SPOOL_BYTES", 150)  # the first three plans' go to the spool
    monkeypatch.setattr(build, "READ_BYTES", 1)  # read back a line at a time
    owners = build.Owners(tmp_path)
    for number in range(1, 5):
        table = f"<table>\n<caption>Actions in Plan {number}</caption>\n</table>\n"
        owners.add(build.PlanPages(f"p{number}.yaml", chunks={"dsa chair": table}))
    assert [p.name for p in tmp_path.iterdir()] == ["dsa-chair"]  # spooled: plans 1 to 3
    assert (tmp_path / "dsa-chair").read_text(encoding="utf-8").count("<table>") == 3
    back = list(owners.actions_of("dsa chair"))
    assert len(back) == 3 * 3 + 1  # the spooled line by line, the held one whole
    assert all(piece.endswith(">\n") for piece in back)
    assert re.findall(r"Plan \d", "".join(back)) == ["Plan 1", "Plan 2", "Plan 3", "Plan 4"]


def test_a_first_build_writes_each_page_straight_to_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No temp file and rename a page: the new folder is renamed into place whole.
    import actionplan.editing.write as write

    def staged(*args: object) -> str:
        raise AssertionError("a first build staged a page")

    monkeypatch.setattr(write, "_write_new_temp", staged)
    plans = copy_plans(tmp_path)
    assert site(plans, "--as-of", AS_OF, "-o", tmp_path / "site", "--jobs", "1")[0] == 0
    assert (tmp_path / "site" / "style.css").is_file()
    (tmp_path / "again").mkdir()  # a folder that is there: its pages are staged
    with pytest.raises(AssertionError, match="staged a page"):
        site(plans, "--as-of", AS_OF, "-o", tmp_path / "again", "--jobs", "1")


def test_a_site_under_a_file_says_which_is_a_file(tmp_path: Path) -> None:
    plans = copy_plans(tmp_path)
    (tmp_path / "notes").write_text("", encoding="utf-8")
    code, err = site(plans, "--as-of", AS_OF, "-o", tmp_path / "notes" / "site")
    assert (code, err.splitlines()[-1]) == (
        1,
        f"Error: cannot write {tmp_path / 'notes' / 'site'}: {tmp_path / 'notes'} is a file, "
        "not a folder",
    )


def test_a_first_build_that_stops_leaves_nothing_behind(tmp_path: Path) -> None:
    plans = copy_plans(tmp_path)
    (plans / "broken.yaml").write_text("plan: [unclosed\n", encoding="utf-8")
    out = tmp_path / "new" / "site"
    code, err = site(plans, "--as-of", "2020-03-02", "-o", out)
    assert code == 1
    assert err.splitlines()[0].startswith(f"{plans / 'broken.yaml'}:1:7: error AP002")
    assert not out.exists()
    assert list((tmp_path / "new").iterdir()) == []  # no half-built folder beside it


def test_a_first_build_does_not_replace_a_folder_made_meanwhile(tmp_path: Path) -> None:
    out = tmp_path / "site"

    def build(folder: Path) -> None:
        (folder / "index.html").write_text("new", encoding="utf-8")
        out.mkdir()  # another process makes the folder while this one builds
        (out / "theirs.html").write_text("theirs", encoding="utf-8")

    with pytest.raises(WriteError, match="something else made it while it was being built"):
        write_built(out, build, directory=True, new=True)
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert [p.name for p in out.iterdir()] == ["theirs.html"]


def test_an_email_address_anywhere_in_a_plan_is_withheld(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "tiny.yaml").write_text(
        """\
format: 2
plan:
  id: tiny
  title: "Plan of jo.bloggs@council.example"
  organisation: Exampleton Council
  source: Invented for this test
people:
  - {id: jo, name: Jo Bloggs, email: jo.bloggs@council.example}
recommendations:
  - id: "1"
    title: Write to residents
    actions:
      - id: "1.1"
        text: Write to every resident
        owners: [Jo Bloggs]
        target: 2020-06
        progress:
          - {date: 2020-02-01, note: "Replies to help@council.example"}
""",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    assert site(plans, "--as-of", "2020-03-01", "-o", out)[0] == 0
    every = "".join(page.read_text(encoding="utf-8") for page in pages(out))
    assert "council.example" not in every
    plan = (out / "plans" / "tiny" / "index.html").read_text(encoding="utf-8")
    assert "<title>Plan of [email address withheld]</title>" in plan
    rec = (out / "plans" / "tiny" / "1.html").read_text(encoding="utf-8")
    assert "<td>Replies to [email address withheld]</td>" in rec
    owner = (out / "owners" / "jo-bloggs.html").read_text(encoding="utf-8")
    assert "<p>A person.</p>" in owner
    assert "<caption>Actions in Plan of [email address withheld]</caption>" in owner
    assert site(plans, "--as-of", "2020-03-01", "-o", out, "--include-emails")[0] == 0
    owner = (out / "owners" / "jo-bloggs.html").read_text(encoding="utf-8")
    assert "<p>Email: jo.bloggs@council.example</p>" in owner


def test_a_plan_page_draws_the_plans_charts(built: Path) -> None:
    plan = built / "plans" / "southampton-domestic-abuse-2019"
    text = (plan / "index.html").read_text(encoding="utf-8")
    assert '<h2>Charts</h2>\n<figure class="chart"' in text
    assert text.count("<svg") == text.count("</figure>") == 2  # RAG, completion (no indicator)
    assert "<h3>RAG rating by recommendation</h3>" in text
    assert "<h3>Actions completed against actions fallen due</h3>" in text
    # The board paper's timeline of each recommendation is not drawn: its page gives each
    # action's targets (and any revision, with its slippage) in words.
    assert "Targets of recommendation" not in text
    rec = (plan / "5.html").read_text(encoding="utf-8")
    assert "<svg" not in rec
    assert "<li>Target: " in rec
    audit = (built / "plans" / "exampleton-audit-tracker" / "1.html").read_text(encoding="utf-8")
    assert (
        '<li>Revised target: <time datetime="2026-09">September 2026</time>, slipped 92 days</li>'
    ) in audit
    assert list(rows_of(audit, "Target revisions")) == [
        [
            "20 June 2026",
            "September 2026",
            "The payroll system upgrade moved the access review",
            "Head of ICT",
            "Audit and Governance Committee, 24 June 2026",
        ]
    ]
