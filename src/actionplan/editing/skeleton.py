"""A new plan file: a commented skeleton that passes lint as written.

One theme, one recommendation with one action and one cost line, and a comment on every key, so
an officer can start a plan by filling in blanks. It is written in format 2, with the keys format 2
adds (people, vocabularies, acceptance and the audit fields, funding, closure, exempt) as
commented-out hints. The first line points editors at the JSON
Schema (relative to the new file when it sits in this repository) so they check as you type.
"""

from __future__ import annotations

import calendar
import os
import re
from datetime import date
from pathlib import Path

from actionplan.yaml.write import double_quoted, scalar

SCHEMA_FILE = Path("schema") / "actionplan.schema.json"


def schema_line(path: Path) -> str:
    """The editor's schema line for a plan at `path`, or a comment saying where the schema is."""
    folder = path.resolve().parent
    for candidate in (folder, *folder.parents):
        schema = candidate / SCHEMA_FILE
        if schema.is_file():
            relative = Path(os.path.relpath(schema, folder)).as_posix()
            return f"# yaml-language-server: $schema={relative}"
    return (
        "# Editors check this file against the plan schema: write it with\n"
        "# 'actionplan schema --output actionplan.schema.json' and point your editor at it."
    )


def plan_id_from(path: Path) -> str:
    """A plan id from the file's name: `Domestic Abuse 2020.yaml` → `domestic-abuse-2020`."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return slug or "new-plan"


def months_after(day: date, months: int) -> str:
    """The month `months` after `day`'s, as YYYY-MM."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    calendar.monthrange(year, month + 1)  # validates the month
    return f"{year:04d}-{month + 1:02d}"


def plan_skeleton(path: Path, title: str, organisation: str, today: date) -> str:
    """The text of a new plan file at `path`; its one target falls six months after `today`."""
    return _TEMPLATE.format(
        schema=schema_line(path),
        id=scalar(plan_id_from(path)),
        title=scalar(title),
        organisation=scalar(organisation),
        target=months_after(today, 6),
        action_id=double_quoted("1.1"),
        rec_id=double_quoted("1"),
    )


_TEMPLATE = """\
{schema}
#
# An action plan, one of many under plans/. Check it with 'actionplan lint', see where it
# stands with 'actionplan status', record progress with 'actionplan update'.
# Lines starting with '#' are comments: delete them once you know the format.

# The version of the plan format this file is written in (docs/format.md).
format: 2

plan:
  # A short id for the plan, unique among your plans: letters, digits and dashes.
  id: {id}
  # The plan's title, and the council or partnership that owns it.
  title: {title}
  organisation: {organisation}
  # The document this plan transcribes: its title and date.
  source: Write the title and date of the source document here
  # Optional keys, uncomment to use:
  # source_url: https://example.gov.uk/the-document.pdf
  # adopted: 2020-02-14        # the date the plan was adopted, YYYY-MM-DD
  # period: 2020 to 2025       # the period it covers, in the source's words
  # reports_to: [Safe City Partnership]
  # stated_total: 5000         # the grand total the document prints; lint checks it
  # kind: action-plan          # or audit-tracker, scrutiny-response, inspection-action-plan, ...
  # owned_by: Audit and Governance Committee   # the body that owns the plan
  # exempt: {{paragraph: "3", reason: Why}}   # the whole plan is exempt (Schedule 12A)
  #
  # Themes group the recommendations; each recommendation names its theme by id.
  themes:
    - id: prevention
      title: Prevention

# Optional: the people, posts and bodies the plan names as owners, declared once, with the
# other names the source uses for them; lint then checks every owner is one of them.
# people:
#   - id: dsa-chair
#     name: DSA Chair
#     kind: role               # person, role (a post) or body (a team or partner)
#     aliases: [Chair of the DSA Board]
#
# Optional: the plan's own words, replacing the defaults (units add to count, percent, score
# and pounds): audiences, units, priorities, assurance, source_kinds, plan_kinds.
# vocabularies:
#   priorities: [high, medium, low]

recommendations:
  # One entry per recommendation. Quote ids ("1", "5.2") so that 5.10 stays 5.10.
  - id: {rec_id}
    title: Write a short title for the recommendation
    # text: the recommendation in full, as the source words it.
    theme: prevention
    # How it was answered: accepted, accepted-in-principle, partially-accepted, not-accepted
    # or noted; leave it out when not known.
    acceptance: accepted
    # Optional keys, uncomment to use:
    # response: The response's own words beside the recommendation
    # source_kind: internal-audit   # or external-audit, scrutiny, inspection, inquiry, ...
    # audit: The audit or review it came from, e.g. Payroll 2025/26
    # assurance: limited            # substantial, reasonable, limited or no-assurance
    # priority: high                # high, medium or low
    # finding: The finding behind the recommendation
    # management_action: The agreed management action
    # exempt: {{paragraph: "3", reason: Why}}   # kept out of published papers
    actions:
      # The key actions that deliver the recommendation.
      - id: {action_id}
        text: Write what will be done
        # Who is responsible: one or more officers or roles, e.g. [DSA Chair, Head of Service].
        # When the source names no one on purpose, write no_owner: why, instead of owners.
        owners: [Write the responsible officer]
        # When it is due: a day (2020-02-14), a month (2020-02, due at its end), milestones
        # ([2020-02, 2021-02]), ongoing, or dependent (then say on what in target_text).
        target: {target}
        # The target in the source's own words, when they differ: target_text: Feb 2020
        # Where the money comes from, each route with its own target:
        # funding:
        #   - {{route: Capital programme bid, target: 2021-04, target_text: April 2021}}
        # not-started, in-progress, done (add completed: YYYY-MM-DD, or not-recorded when the
        # source gives no date), blocked or dropped (add status_reason: why).
        status: not-started
        # How a closed action was closed: implemented (status done), risk-accepted or
        # superseded (status dropped), with what auditors ask for:
        # closure:
        #   kind: implemented
        #   date: 2020-02-14
        #   evidence: What was seen
        #   verified_by: Head of Internal Audit
        # The audit trail: dated notes, oldest first. Add them with
        #   actionplan update 1.1 --note "What happened" --date YYYY-MM-DD
        # Changes of target go under revisions:, added by 'actionplan update --revise-target'.
        progress: []
    costs:
      # What the recommendation costs: pounds and pence as digits. A range adds high:
      # (amount is the low end); recurrence is one-off or per-year; detail is the basis.
      - label: Write what the money is for
        amount: 0
        recurrence: one-off
        detail: Write how the estimate was made
"""
