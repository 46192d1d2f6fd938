"""A new plan file: a commented skeleton that passes lint as written.

One theme, one recommendation with one action and one cost line, and a comment on every key, so
an officer can start a plan by filling in blanks. The first line points editors at the JSON
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
  #
  # Themes group the recommendations; each recommendation names its theme by id.
  themes:
    - id: prevention
      title: Prevention

recommendations:
  # One entry per recommendation. Quote ids ("1", "5.2") so that 5.10 stays 5.10.
  - id: {rec_id}
    title: Write a short title for the recommendation
    # text: the recommendation in full, as the source words it.
    theme: prevention
    # true when the executive accepted it, false when not; leave it out when not known.
    accepted: true
    actions:
      # The key actions that deliver the recommendation.
      - id: {action_id}
        text: Write what will be done
        # Who is responsible: one or more officers or roles, e.g. [DSA Chair, Head of Service].
        owners: [Write the responsible officer]
        # When it is due: a day (2020-02-14), a month (2020-02, due at its end), milestones
        # ([2020-02, 2021-02]), ongoing, or dependent (then say on what in target_text).
        target: {target}
        # The target in the source's own words, when they differ: target_text: Feb 2020
        # not-started, in-progress, done (add completed: YYYY-MM-DD), blocked or dropped
        # (add status_reason: why).
        status: not-started
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
