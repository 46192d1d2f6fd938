"""`actionplan chase`: one .eml per owner with exactly that owner's chased actions, a CSV for a
mail merge, and headers no plan text can add to.

The expected actions come from `status --format json`, not from chase's own code: an action is
chased when it is open and overdue, due within --soon days (the summary's due_soon), or has had
no progress for --stale days (its last update, else the plan's adoption date). On the status
fixture as of 2020-03-01 that is, checked by hand against tests/data/status-fixture.yaml:
1.2 (overdue, two owners), 1.3 (due 2020-03-20), 2.1, 3.4 and 3.5 (overdue), 2.3 (last update
121 days ago) and 2.4 (no update since adoption, 152 days); 2.2 is blocked but was updated
29 days ago, and 3.1-3.3 are never overdue and recently updated.
"""

from __future__ import annotations

import csv
import json
import shlex
import shutil
from datetime import date
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import DATA, ROOT

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

FIXTURE = DATA / "status-fixture.yaml"
AUDIT = ROOT / "examples" / "internal-audit-tracker.yaml"
AS_OF = ("--as-of", "2020-03-01")
HEADERS = {"From", "To", "Subject", "Date", "X-Unsent", "MIME-Version", "Content-Type"}


def parsed(path: Path) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    assert isinstance(message, EmailMessage)
    return message


def plain(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    text: str = body.get_content()
    return text


def html_part(message: EmailMessage) -> str:
    body = message.get_body(("html",))
    assert body is not None
    text: str = body.get_content()
    return text


def commands(message: EmailMessage) -> list[list[str]]:
    """The `actionplan update` command lines of a chaser, as a shell splits them."""
    prefix = "    To update it: "
    return [
        shlex.split(line.removeprefix(prefix))
        for line in plain(message).splitlines()
        if line.startswith(prefix)
    ]


def owner_of(message: EmailMessage) -> str:
    return plain(message).splitlines()[0].removeprefix("Dear ").removesuffix(",")


def chased_by_owner(out: Path) -> dict[str, list[tuple[str, str]]]:
    """Each chaser's owner (from its greeting) and its actions: (plan file, id) per command."""
    found = {}
    for path in sorted(out.glob("*.eml")):
        message = parsed(path)
        assert message.defects == []
        assert owner_of(message) not in found
        found[owner_of(message)] = [(argv[3], argv[2]) for argv in commands(message)]
    return found


def expected_from_status(
    run: RunCli, paths: list[Path], as_of: str
) -> dict[str, list[tuple[str, str]]]:
    """Owner → (plan file, id) of each action to chase, from `status --format json` (and each
    plan's file and adoption date, from the loader)."""
    from actionplan.load import load_plans

    loaded = load_plans(paths)[0]
    files = {each.plan.plan.id: each.path for each in loaded}
    adopted = {each.plan.plan.id: each.plan.plan.adopted for each in loaded}
    status = json.loads(run("status", *paths, "--as-of", as_of, "-f", "json").stdout)
    day = date.fromisoformat(as_of)
    soon = {(a["plan"], a["id"]) for a in status["summary"]["due_soon"]}
    expected: dict[str, list[tuple[str, str]]] = {}
    for row in status["actions"]:
        if row["status"] in ("done", "dropped") or row.get("exempt"):
            continue
        last = date.fromisoformat(row["last_update"]) if row["last_update"] else None
        since = last or adopted[row["plan"]]
        stale = since is not None and (day - since).days >= 90
        if not (row["overdue"] or (row["plan"], row["id"]) in soon or stale):
            continue
        names: dict[str, str] = {}
        for name in row.get("people") or row["owners"]:
            names.setdefault(name.casefold(), name)
        for name in names.values():
            key = next((k for k in expected if k.casefold() == name.casefold()), name)
            expected.setdefault(key, []).append((files[row["plan"]], row["id"]))
    return expected


# --- The status fixture ----------------------------------------------------------------------


def test_one_eml_per_owner_with_exactly_their_actions(run: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "chasers"
    result = run("chase", FIXTURE, *AS_OF, "--output", out)
    assert result.exit_code == 0
    found = chased_by_owner(out)
    plan = str(FIXTURE)
    assert found == {
        "Communications Manager": [(plan, "1.2")],
        "DSA Coordinator": [(plan, "1.2"), (plan, "2.1"), (plan, "2.3")],
        "Education Lead": [(plan, "2.4")],
        "Housing Manager": [(plan, "3.4"), (plan, "3.5")],
        "Public Health Consultant": [(plan, "1.3")],
    }
    assert found == expected_from_status(run, [FIXTURE], "2020-03-01")
    assert sorted(p.name for p in out.iterdir()) == [
        "communications-manager.eml",
        "dsa-coordinator.eml",
        "education-lead.eml",
        "housing-manager.eml",
        "public-health-consultant.eml",
    ]
    assert result.stdout.splitlines()[:3] == [
        "Chasers as of 2020-03-01: 7 actions for 5 owners (overdue, due within 30 days, or no "
        "progress for 90 days)",
        f"wrote {out}/communications-manager.eml to Communications Manager (no email address): "
        "1 action (1.2)",
        f"wrote {out}/dsa-coordinator.eml to DSA Coordinator (no email address): 3 actions "
        "(1.2, 2.1, 2.3)",
    ]


def test_a_chaser_in_full(run: RunCli, tmp_path: Path) -> None:
    """Headers from --as-of, --from and --subject; the text part as an owner reads it."""
    out = tmp_path / "out"
    sender = "Jane Officer <jane.officer@council.example>"
    result = run(
        "chase",
        FIXTURE,
        *AS_OF,
        "-o",
        out,
        "--from",
        sender,
        "--subject",
        "{name}: {count} by {date}",
    )
    assert result.exit_code == 0
    message = parsed(out / "dsa-coordinator.eml")
    assert set(message.keys()) == HEADERS - {"To"}  # no email address in a format-1 plan
    assert message["From"] == sender
    assert message["Subject"] == "DSA Coordinator: 3 actions by 2020-03-01"
    assert message["Date"] == "Sun, 01 Mar 2020 09:00:00 +0000"
    assert message.get_content_type() == "multipart/alternative"
    path = shlex.quote(str(FIXTURE))
    assert plain(message).splitlines()[:22] == [
        "Dear DSA Coordinator,",
        "",
        "As of 2020-03-01, these 3 actions need an update from you before the next meeting. "
        "An action is listed when it is overdue, due within 30 days, or has had no progress "
        "recorded for 90 days or more; 'Why now' says which.",
        "",
        "Status fixture plan (status-fixture)",
        "",
        "1.2  Launch the campaign in the city centre and on social media, with posters in every "
        "GP surgery and pharmacy",
        "    Recommendation 1: Raise awareness",
        "    Target: Feb 2020",
        "    Status: in-progress · RAG: RED",
        "    Why now: overdue by 1 day (due 2020-02-29)",
        "    Last update: 2020-01-15",
        "    Also owned by: Communications Manager",
        f"    To update it: actionplan update 1.2 {path} --note 'What has happened since the "
        "last update' --by 'DSA Coordinator'",
        "",
        "2.1  Train GP practice staff to recognise and refer",
        "    Recommendation 2: Train professionals",
        "    Target: 2020-02-15 (was Dec 2019, slipped 46 days)",
        "    Status: in-progress · RAG: RED",
        "    Why now: overdue by 15 days (due 2020-02-15)",
        "    Last update: 2020-01-20",
        f"    To update it: actionplan update 2.1 {path} --note 'What has happened since the "
        "last update' --by 'DSA Coordinator'",
    ]
    assert plain(message).splitlines()[-7:] == [
        "Or reply with a spreadsheet: one row per action, with these columns (the names "
        "actionplan import reads):",
        "    Rec No: the recommendation's number",
        "    Action No: the action's number (default: Rec No.1, .2, …)",
        "    Status: not started, in progress, complete, blocked, dropped (or a RAG colour)",
        "    Progress: progress notes, one per line starting with a date, or the latest update",
        "    Progress date: the date of the progress note in the same row",
        "    Completed: the date a complete action was completed (or not-recorded)",
    ]
    # The same file every run: a fixed MIME boundary, no random Message-ID.
    first = (out / "dsa-coordinator.eml").read_bytes()
    assert (
        run(
            "chase",
            FIXTURE,
            *AS_OF,
            "-o",
            out,
            "--from",
            sender,
            "--subject",
            "{name}: {count} by {date}",
        ).exit_code
        == 0
    )
    assert (out / "dsa-coordinator.eml").read_bytes() == first
    assert b"\r\n" in first and b"\n" not in first.replace(b"\r\n", b"")


def test_the_html_part_is_an_accessible_page(run: RunCli, tmp_path: Path) -> None:
    run("chase", FIXTURE, *AS_OF, "-o", tmp_path)
    page = html_part(parsed(tmp_path / "housing-manager.eml")).splitlines()
    assert page[:2] == ["<!DOCTYPE html>", '<html lang="en-GB">']
    assert "<title>Action plan: 2 actions to update, as of 2020-03-01</title>" in page
    start = page.index("<h2>Status fixture plan</h2>")
    assert page[start : start + 7] == [
        "<h2>Status fixture plan</h2>",
        "<table>",
        "<caption>Status fixture plan (status-fixture): 2 actions to update</caption>",
        "<thead>",
        '<tr><th scope="col">Action</th><th scope="col">What</th><th scope="col">'
        'Recommendation</th><th scope="col">Target</th><th scope="col">Status</th>'
        '<th scope="col">RAG</th><th scope="col">Why now</th><th scope="col">Last update</th>'
        "</tr>",
        "</thead>",
        "<tbody>",
    ]
    assert page[start + 8] == (
        '<tr><th scope="row">3.5</th><td>Open a second refuge</td><td>3: Support services</td>'
        "<td>2020-01</td><td>in-progress</td><td>GREEN (set by hand; computed RED)</td>"
        "<td>overdue by 30 days (due 2020-01-31)</td><td>2020-01-25</td></tr>"
    )
    assert "<caption>Columns of a returned spreadsheet</caption>" in page
    assert (
        '<tr><th scope="row">Progress date</th><td>the date of the progress note in the same '
        "row</td></tr>" in page
    )


def test_the_update_command_runs_as_written(run: RunCli, tmp_path: Path) -> None:
    """The command in the email, pasted into a shell, updates the right action of the right
    file, even from a folder whose name a shell would split."""
    folder = tmp_path / "board plans (2020)"
    folder.mkdir()
    plan = folder / "status fixture.yaml"
    shutil.copy(FIXTURE, plan)
    run("chase", plan, *AS_OF, "-o", tmp_path / "out")
    [argv] = commands(parsed(tmp_path / "out" / "education-lead.eml"))
    assert argv == [
        "actionplan", "update", "2.4", str(plan), "--note",
        "What has happened since the last update", "--by", "Education Lead",
    ]  # fmt: skip
    result = run(*argv[1:], "--date", "2020-03-02", "--dry-run")
    assert result.exit_code == 0
    assert "+            note: What has happened since the last update" in result.stdout
    assert "+            by: Education Lead" in result.stdout


# --- The bundled plans and the audit example -------------------------------------------------


def test_bundled_plans_grouped_by_person_then_plan(run: RunCli, tmp_path: Path) -> None:
    plans = sorted((ROOT / "plans").glob("*.yaml"))
    result = run("chase", *plans, *AS_OF, "-o", tmp_path)
    assert result.exit_code == 0
    found = chased_by_owner(tmp_path)
    assert found == expected_from_status(run, plans, "2020-03-01")
    assert sorted(found) == ["DSA Chair", "Hampton Trust", "SCC DSA leads"]  # Southwark: none
    assert len(found["DSA Chair"]) == 10
    for owner, actions in found.items():  # within a person, one plan after another
        files = [file for file, _ in actions]
        assert files == sorted(files, key=files.index), owner


def test_audit_example_addresses_and_exempt_items(run: RunCli, tmp_path: Path) -> None:
    """Recommendation 5 is exempt: Sam Example's 5.2 (due 2027-02, no update since
    2026-08-14) is chased only with --include-exempt, and then to Sam's address."""
    as_of = ("--as-of", "2026-11-30")
    result = run("chase", AUDIT, *as_of, "-o", tmp_path / "out")
    assert result.exit_code == 0
    found = chased_by_owner(tmp_path / "out")
    assert found == expected_from_status(run, [AUDIT], "2026-11-30")
    assert found == {"Head of ICT": [(str(AUDIT), "1.2"), (str(AUDIT), "3.1"), (str(AUDIT), "3.3")]}
    assert result.stdout.splitlines()[-1] == (
        "1 exempt item left out (Schedule 12A): --include-exempt chases them too"
    )
    with_exempt = run("chase", AUDIT, *as_of, "-o", tmp_path / "all", "--include-exempt")
    assert with_exempt.exit_code == 0
    sam = parsed(tmp_path / "all" / "sam-example.eml")
    assert sam["To"].addresses == (
        Address("Sam Example", addr_spec="sam.example@exampleton.example"),
    )
    assert [argv[2] for argv in commands(sam)] == ["5.2"]
    text = plain(sam).splitlines()
    start = text.index("5.2  Agree a contingency plan should the contractor fail")
    assert text[start + 1 : start + 7] == [  # as README.md shows it
        "    Recommendation 5: Check the leisure contractor's financial resilience",
        "    Target: 2027-02",
        "    Status: in-progress · RAG: AMBER",
        "    Why now: no progress recorded for 168 days (last update 2026-06-15)",
        "    Last update: 2026-06-15",
        f"    To update it: actionplan update 5.2 {AUDIT} --note 'What has happened since the "
        "last update' --by 'Sam Example'",
    ]
    assert "Sam Example <sam.example@exampleton.example>: 1 action (5.2)" in with_exempt.stdout


# --- Header injection ------------------------------------------------------------------------

HOSTILE = """\
    format: 2
    plan:
      id: hostile
      title: "Plan\\r\\nBcc: plan@evil.example"
      organisation: "Org\\nBcc: org@evil.example"
      source: S
      adopted: 2019-10-01
    people:
      - id: zoe
        name: "Zoë Ó Briain\\r\\nBcc: name@evil.example"
        email: zoe@council.example
      - id: bad
        name: "Bad\\rCc: cc@evil.example"
        email: "bad@council.example\\r\\nBcc: mail@evil.example"
    recommendations:
      - id: "1"
        title: "Rec\\nBcc: rec@evil.example\\tTo: ls@evil.example"
        acceptance: accepted
        actions:
          - id: "1.1"
            text: "Do it\\r\\nBcc: text@evil.example\\r\\n\\r\\n<b>bold</b> ünïcode\\t\\
              Cc: x@evil.example"
            owners: ["Zoë Ó Briain\\r\\nBcc: name@evil.example"]
            target: 2020-01
          - id: "1.2"
            text: "Two"
            owners: ["Bad\\rCc: cc@evil.example"]
            target: 2020-01
    """


def test_no_plan_text_adds_a_header(run: RunCli, write_plan: WritePlan, tmp_path: Path) -> None:
    plan = write_plan(HOSTILE)
    out = tmp_path / "out"
    result = run(
        "chase", plan, *AS_OF, "-o", out, "--subject", "{name} {count}\r\nBcc: s@evil.example"
    )
    assert result.exit_code == 0
    zoe, bad = parsed(out / "zoe.eml"), parsed(out / "bad.eml")
    for message in (zoe, bad):
        assert message.defects == []
        assert message.get_all("Bcc") is None and message.get_all("Cc") is None
        for part in message.walk():
            assert part.defects == []
            assert part.get_all("Bcc") is None
    assert set(zoe.keys()) == HEADERS
    assert set(bad.keys()) == HEADERS - {"To"}  # its email is not an address: no To at all
    assert zoe["To"].addresses == (
        Address("Zoë Ó Briain Bcc: name@evil.example", addr_spec="zoe@council.example"),
    )
    assert zoe["Subject"] == "Zoë Ó Briain Bcc: name@evil.example 1 action Bcc: s@evil.example"
    assert [str(a) for a in zoe["From"].addresses] == [
        "Action plan officer <action-plans@example.invalid>"
    ]
    text = plain(zoe).splitlines()
    assert text[6] == ("1.1  Do it Bcc: text@evil.example <b>bold</b> ünïcode Cc: x@evil.example")
    assert text[7] == "    Recommendation 1: Rec Bcc: rec@evil.example To: ls@evil.example"
    assert (
        "<td>Do it Bcc: text@evil.example &lt;b&gt;bold&lt;/b&gt; ünïcode Cc: x@evil.example</td>"
        in html_part(zoe)
    )
    # The raw file: every header line is one the package wrote.
    head = (out / "zoe.eml").read_bytes().split(b"\r\n\r\n")[0].decode("ascii")
    assert [line.split(":")[0] for line in head.split("\r\n") if not line.startswith(" ")] == [
        "From", "To", "Subject", "Date", "X-Unsent", "MIME-Version", "Content-Type",
    ]  # fmt: skip
    # On the terminal the name's CR is shown, not obeyed.
    assert (
        "To: Bad\\x0dCc: cc@evil.example (email 'bad@council.example Bcc: mail@evil.example' is "
        "not an address)." in result.stderr
    )


# --- CSV, dry run, problems ------------------------------------------------------------------


def test_csv_for_a_mail_merge(run: RunCli, tmp_path: Path) -> None:
    result = run("chase", FIXTURE, *AS_OF, "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "owner,owner_id,email,subject,plan,plan_title,recommendation,id,text,owners,target,"
        "due_date,status,rag,why,days_overdue,days_without_progress,last_update,update_command"
    )
    assert lines[1] == (
        'Communications Manager,,,"Action plan: 1 action to update, as of 2020-03-01",'
        'status-fixture,Status fixture plan,1,1.2,"Launch the campaign in the city centre and '
        'on social media, with posters in every GP surgery and pharmacy",Communications '
        "Manager; DSA Coordinator,Feb 2020,2020-02-29,in-progress,red,overdue,1,46,2020-01-15,"
        f"actionplan update 1.2 {FIXTURE} --note 'What has happened since the last update' "
        "--by 'Communications Manager'"
    )
    assert [f"{row[0]} {row[7]}" for row in csv.reader(lines[1:])] == [
        "Communications Manager 1.2",
        "DSA Coordinator 1.2",
        "DSA Coordinator 2.1",
        "DSA Coordinator 2.3",
        "Education Lead 2.4",
        "Housing Manager 3.4",
        "Housing Manager 3.5",
        "Public Health Consultant 1.3",
    ]
    assert result.stderr.splitlines()[0].startswith("Chasers as of 2020-03-01: 7 actions")
    written = tmp_path / "merge.csv"
    assert run("chase", FIXTURE, *AS_OF, "-f", "csv", "-o", written).exit_code == 0
    assert written.read_text(encoding="utf-8").splitlines() == lines


def test_csv_has_the_email(run: RunCli, tmp_path: Path) -> None:
    result = run("chase", AUDIT, "--as-of", "2026-11-30", "-f", "csv", "--include-exempt")
    rows = [line for line in result.stdout.splitlines() if line.startswith("Sam Example,")]
    assert rows and all(
        row.startswith("Sam Example,sam-example,sam.example@exampleton.example,") for row in rows
    )


def test_dry_run_lists_and_writes_nothing(run: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("chase", FIXTURE, *AS_OF, "-o", out, "--dry-run")
    assert result.exit_code == 0
    assert not out.exists()
    lines = result.stdout.splitlines()
    assert lines[1] == (
        f"would write {out}/communications-manager.eml to Communications Manager (no email "
        "address): 1 action (1.2)"
    )
    assert lines[-1] == "dry run: nothing written"
    assert run("chase", FIXTURE, *AS_OF, "--dry-run").stdout.splitlines()[1] == (
        "would write communications-manager.eml to Communications Manager (no email address): "
        "1 action (1.2)"
    )


def test_owners_with_no_email_and_actions_with_no_owner_are_listed(
    run: RunCli, write_plan: WritePlan, tmp_path: Path
) -> None:
    plan = write_plan(
        """\
        format: 2
        plan: {id: p, title: P, organisation: O, source: S, adopted: 2019-10-01}
        people:
          - {id: ann, name: Ann Lead, email: ann@council.example}
          - {id: bob, name: Bob Lead}
        recommendations:
          - id: "1"
            title: R
            acceptance: accepted
            actions:
              - {id: "1.1", text: A, owners: [Ann Lead], target: 2020-01}
              - {id: "1.2", text: B, owners: [Bob Lead], target: 2020-01}
              - {id: "1.3", text: C, no_owner: Awaiting the restructure, target: 2020-01}
        """
    )
    result = run("chase", plan, *AS_OF, "-o", tmp_path / "out")
    assert result.exit_code == 0
    problems = [
        "No usable email address for 1 owner, so their chasers have no To: Bob Lead (no email "
        "address). Address them by hand, or add an email to the person in the plan's people: "
        "or actionplan.toml's [[people]].",
        "No owner for 1 chased action, so no chaser asks for them: 1.3 (Awaiting the "
        "restructure). Name an owner in the plan, or chase them yourself.",
    ]
    assert not any(line in result.stdout for line in problems)  # said once, on stderr
    assert result.stderr.splitlines() == [f"warning: {line}" for line in problems]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ann.eml", "bob.eml"]


def test_aliases_and_the_settings_file_make_one_person(
    run: RunCli, write_plan: WritePlan, tmp_path: Path
) -> None:
    (tmp_path / "actionplan.toml").write_text(
        '[[people]]\nid = "dsa-coordinator"\nname = "DSA Coordinator"\n'
        'email = "dsa@council.example"\naliases = ["Domestic Abuse Coordinator"]\n',
        encoding="utf-8",
    )
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "owners: [dsa coordinator]", "owners: [Domestic Abuse Coordinator]"
    )
    plan = tmp_path / "fixture.yaml"
    plan.write_text(text, encoding="utf-8")
    other = write_plan(
        """\
        plan: {id: other, title: Other plan, organisation: O, source: S, adopted: 2019-10-01}
        recommendations:
          - id: "9"
            title: R
            accepted: true
            actions:
              - {id: "9.1", text: A, owners: [DSA Coordinator], target: 2020-02}
        """,
        "other.yaml",
    )
    result = run("chase", plan, other, *AS_OF, "-o", tmp_path / "out")
    assert result.exit_code == 0
    message = parsed(tmp_path / "out" / "dsa-coordinator.eml")
    assert str(message["To"]) == "DSA Coordinator <dsa@council.example>"
    assert [(argv[3], argv[2]) for argv in commands(message)] == [
        (str(plan), "1.2"), (str(plan), "2.1"), (str(plan), "2.3"), (str(other), "9.1"),
    ]  # fmt: skip
    assert "Other plan (other)" in plain(message).splitlines()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (),
            "Error: chasers are written as .eml files into a folder: add --output DIR (or "
            "--dry-run to list who would get what, or --format csv for a mail merge)",
        ),
        (
            ("--dry-run", "--from", "Jane Officer"),
            "Error: --from 'Jane Officer' is not an email address: give one address, e.g. "
            "--from 'Jane Officer <jane.officer@council.gov.uk>'",
        ),
        (
            ("-o", str(FIXTURE)),
            f"Error: --output {FIXTURE} is a file: give a folder for the .eml files, e.g. chasers/",
        ),
    ],
)
def test_bad_options(run: RunCli, args: tuple[str, ...], message: str) -> None:
    result = run("chase", FIXTURE, *AS_OF, *args)
    assert (result.exit_code, result.stderr.strip()) == (1, message)


def test_soon_and_stale_choose_what_is_chased(run: RunCli) -> None:
    """--soon 10 leaves out 1.3 (due in 19 days); --stale 25 takes in 3.3 (last updated 27 days
    ago) and 2.2, blocked and last updated 29 days ago (RED for being blocked, so its RAG
    reason never says stale: staleness is its own fact), but not 3.1 (20 days) or 3.2 (18)."""
    result = run("chase", FIXTURE, *AS_OF, "--soon", "10", "--stale", "25", "-f", "csv")
    rows = [(row[0], row[7], row[14]) for row in csv.reader(result.stdout.splitlines()[1:])]
    assert rows == [
        ("Communications Manager", "1.2", "overdue; stale"),
        ("DSA Coordinator", "1.2", "overdue; stale"),
        ("DSA Coordinator", "2.1", "overdue; stale"),
        ("DSA Coordinator", "2.3", "stale"),
        ("DSA Coordinator", "3.3", "stale"),
        ("Education Lead", "2.4", "stale"),
        ("Housing Manager", "2.2", "stale"),
        ("Housing Manager", "3.4", "overdue; stale"),
        ("Housing Manager", "3.5", "overdue; stale"),
    ]
