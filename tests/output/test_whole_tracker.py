"""`report --whole`: the board paper ends with the whole tracker, every action's text in full."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from conftest import DATA, ROOT

if TYPE_CHECKING:
    from conftest import RunCli

FIXTURE = DATA / "status-fixture.yaml"
SOUTHAMPTON = ROOT / "plans" / "southampton-domestic-abuse-2019.yaml"
AS_OF = ("--as-of", "2020-03-01")


def test_the_appendix_lists_every_action_in_full(run: RunCli) -> None:
    lines = run("report", FIXTURE, *AS_OF, "--whole").stdout.splitlines()
    appendix = lines[lines.index("## Appendix: the whole tracker (14 actions)") :]
    assert appendix[2] == "### Recommendation 1: Raise awareness — 1 of 3 actions done, worst RED"
    assert next(line for line in appendix if line.startswith("| ")).startswith("| ID   | What ")
    row = next(line for line in appendix if line.startswith("| 1.2 "))
    assert row.split(" | ")[1].rstrip() == (
        "Launch the campaign in the city centre and on social media, with posters in every GP "
        "surgery and pharmacy"
    )
    assert not any("…" in line for line in lines)  # the overdue table is whole too


def test_without_whole_the_paper_keeps_its_summary_only_with_every_text_whole(
    run: RunCli,
) -> None:
    page = run("report", FIXTURE, *AS_OF).stdout
    assert "Appendix" not in page
    assert (
        "| Launch the campaign in the city centre and on social media, with posters in every GP "
        "surgery and pharmacy |" in page
    )
    assert "…" not in page


def test_southampton_appendix_has_every_action_of_status_json(run: RunCli) -> None:
    actions = json.loads(run("status", SOUTHAMPTON, *AS_OF, "-f", "json").stdout)["actions"]
    page = run("report", SOUTHAMPTON, *AS_OF, "--whole", "-f", "html").stdout
    appendix = page[page.index("<h2>Appendix: the whole tracker") :]
    assert "…" not in appendix
    for action in actions:
        assert f'<tr><td class="nowrap">{action["id"]}</td>' in appendix
    assert appendix.count('<tr><td class="nowrap">') == len(actions)
