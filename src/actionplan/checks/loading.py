"""The loader's rules: files that cannot be read as a plan (AP001-AP012), the plan format
(AP101-AP111).

`actionplan.yaml`, `actionplan.load` and `actionplan.model.plan` raise these codes; they are
declared here, with their documentation, so that the registry holds every code actionplan can
report.
"""

from __future__ import annotations

from actionplan.checks.declare import ERROR
from actionplan.findings import Rule

_ACTION = """
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
"""

RULES: tuple[Rule, ...] = (
    # Files that cannot be read as a plan at all.
    Rule(
        "AP001",
        ERROR,
        "file is not valid UTF-8 text",
        doc="""
        A plan file is UTF-8 text: no bytes that are not UTF-8, no control characters, no
        byte-order mark inside the file. A file saved in Latin-1 or UTF-16 is the usual cause.

        Example:
            plan:
              stated_total: £136,137  # saved as Latin-1: the £ is byte 0xa3

        Fix: save the file as UTF-8 (most editors have an 'encoding' menu); delete stray control
        characters.
        """,
    ),
    Rule(
        "AP002",
        ERROR,
        "YAML syntax error",
        doc="""
        The file is not valid YAML: a missing colon, bad indentation, an unclosed quote or
        bracket, or text that YAML reads as syntax (a leading `@`, `: ` inside plain text).

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    owners:
                      - @DSAChair

        Fix: correct the line named; quote text that starts with `@`, `*`, `&`, `!` or holds `: `.
        """,
    ),
    Rule(
        "AP003",
        ERROR,
        "file is empty or holds only comments",
        doc="""
        A plan file holds a plan: an empty file, or one with only comments, is a mistake.

        Example:
            # A plan will go here.

        Fix: write the plan (`actionplan new` makes a skeleton), or delete the file.
        """,
    ),
    Rule(
        "AP004",
        ERROR,
        "top level is not a mapping of plan sections",
        doc="""
        The top level of a plan file is a mapping of sections (`plan:`, `recommendations:`, …),
        not a list or a single value.

        Example:
            - plan: corpus
            - recommendations: []

        Fix: write the sections as keys at the left margin, without a leading `- `.
        """,
    ),
    Rule(
        "AP005",
        ERROR,
        "duplicate key in a mapping (YAML would silently keep only one)",
        doc="""
        A key appears twice in one mapping; YAML would keep only the last and lose the other
        without a word.

        Example:
            plan:
              title: Corpus plan
              title: Another plan

        Fix: delete one of them, or rename it to the key that was meant.
        """,
    ),
    Rule(
        "AP006",
        ERROR,
        "YAML tag that is not plain data (e.g. !!python/object) refused",
        doc="""
        A plan is plain data: tags such as `!!python/object`, `!!binary`, `!!set` or local
        `!tags` are refused, since a plan never needs them and some run code in other tools.

        Example:
            plan:
              source: !!binary V3JpdHRlbg==

        Fix: remove the tag and write the value as plain text.
        """,
    ),
    Rule(
        "AP007",
        ERROR,
        "YAML anchors and aliases are not allowed in plan files",
        doc="""
        Anchors (`&name`), aliases (`*name`) and merge keys (`<<`) are refused: they hide where
        a value is written and can blow up in size.

        Example:
            plan:
              title: &title Corpus plan
            recommendations:
              - id: "1"
                title: *title

        Fix: write the value out in full at each place it is used.
        """,
    ),
    Rule(
        "AP008",
        ERROR,
        "nesting too deep for a plan file",
        doc=f"""
        Lists and mappings nest far deeper than any plan needs, which is refused before it can
        exhaust memory or the stack.

        Example:
            plan: {"[" * 70}x{"]" * 70}

        Fix: flatten the structure to the shape of the plan format (docs/format.md).
        """,
    ),
    Rule(
        "AP009",
        ERROR,
        "more than one YAML document in the file",
        doc="""
        A plan file holds one YAML document; a `---` line starts a second one.

        Example:
            plan:
              id: one
            ---
            plan:
              id: two

        Fix: put each plan in a file of its own, or delete the `---` line.
        """,
    ),
    Rule(
        "AP010",
        ERROR,
        "file or directory cannot be read",
        doc="""
        A plan file or directory named on the command line (or found under one) cannot be
        read: it does not exist, permission is denied, or it is not a regular file.

        Example:
            # plans/2024.yaml, with its read permission removed (chmod 000 plans/2024.yaml)

        Fix: correct the path, or give the user running actionplan permission to read it.
        """,
    ),
    Rule(
        "AP011",
        ERROR,
        "tab character used for indentation",
        doc="""
        YAML indents with spaces; a tab in indentation (or between a key and its value) is
        refused, as it looks right in an editor and means something else to YAML.

        Example:
            plan:
            \ttitle: Corpus plan

        Fix: replace the tab with spaces (set the editor to insert spaces).
        """,
    ),
    Rule(
        "AP012",
        ERROR,
        "mapping key is not plain text",
        doc="""
        Every key of a plan mapping is plain text; YAML's complex keys (`? [a, b]`) are refused.

        Example:
            ? [recommendations, outcomes]
            : []

        Fix: write each key as plain text on its own line.
        """,
    ),
    # The plan format (Pydantic model).
    Rule(
        "AP101",
        ERROR,
        "unknown key",
        doc=f"""
        Every key is one the plan format knows (docs/format.md): a mistyped key would otherwise
        be lost without a word. The message suggests a close match.

        Example:{_ACTION}                    text: Plan the campaign
                    ownrs: [Communications Manager]

        Fix: correct the key's spelling, or remove it.
        """,
    ),
    Rule(
        "AP102",
        ERROR,
        "required key missing",
        doc=f"""
        A key the plan format requires is missing (e.g. an action's `text`, a plan's `source`).

        Example:{_ACTION}                    owners: [DSA Chair]

        Fix: add the key named in the message.
        """,
    ),
    Rule(
        "AP103",
        ERROR,
        "value has the wrong type",
        doc="""
        The value is of the wrong kind: a list where text is wanted, text where a list is, a
        word that is not true or false, and so on.

        Example:
            plan:
              title: [Corpus, plan]

        Fix: write the value in the form the message names (quote text that YAML reads as
        something else).
        """,
    ),
    Rule(
        "AP104",
        ERROR,
        "date is not a real calendar date in YYYY-MM-DD form",
        doc="""
        Dates are real calendar days written YYYY-MM-DD.

        Example:
            plan:
              adopted: 2020-02-30

        Fix: correct the date (2020-02-29 was the last day of that February).
        """,
    ),
    Rule(
        "AP105",
        ERROR,
        "target is not a day, month, milestone list, 'ongoing' or 'dependent'",
        doc=f"""
        An action's target is a day (YYYY-MM-DD), a month (YYYY-MM), a list of milestones in
        date order, `ongoing` or `dependent`.

        Example:{_ACTION}                    text: Plan the campaign
                    target: 2020-02-30

        Fix: write the target in one of those forms; put words in `target_text`.
        """,
    ),
    Rule(
        "AP106",
        ERROR,
        "amount is not pounds and pence (digits, at most two decimals)",
        doc="""
        Money is written as pounds and pence: digits, at most two decimal places, 0 or more; no
        exponents, infinities or thousands of digits.

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                costs:
                  - label: Workshops
                    amount: 4e4

        Fix: write the amount in plain digits (40000).
        """,
    ),
    Rule(
        "AP107",
        ERROR,
        "value is not one of the allowed choices",
        doc=f"""
        The value is not one of its closed set (a status, a RAG rating, a unit, …); the message
        lists the choices.

        Example:{_ACTION}                    text: Plan the campaign
                    rag: yellow
                    rag_reason: Waiting for the brief

        Fix: use one of the choices the message lists (here `amber`).
        """,
    ),
    Rule(
        "AP108",
        ERROR,
        "text is empty",
        doc="""
        Text that the format requires is not empty or only spaces.

        Example:
            plan:
              title: "  "

        Fix: write the text, or remove the key if it is optional.
        """,
    ),
    Rule(
        "AP109",
        ERROR,
        "invalid value",
        doc="""
        A value the plan format refuses for a reason none of the other codes names; the
        message says what is wrong.

        Example:
            # the message of the validator that refused the value says what to change

        Fix: do what the message says.
        """,
    ),
    Rule(
        "AP110",
        ERROR,
        "number is not a valid quantity",
        doc="""
        A unit breakdown's `quantity` is a number in digits, of reasonable length.

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                costs:
                  - label: Workshops
                    amount: 3750
                    units: {quantity: five, unit: day, rate: 750}

        Fix: write the quantity as a number (5).
        """,
    ),
    Rule(
        "AP111",
        ERROR,
        "format version this actionplan does not read",
        doc="""
        `format:` says which version of the plan format a file is written in: 2 (or 1, the
        version of a file with no `format:`). A later version needs a later actionplan.

        Example:
            format: 3

        Fix: write `format: 2`, or upgrade actionplan (`pip install -U actionplan`).
        """,
    ),
)
