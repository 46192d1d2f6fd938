"""`python -m actionplan.checks > docs/rules.md`: the rules' documentation, from the registry."""

import sys

from actionplan.checks import rules_markdown

sys.stdout.write(rules_markdown())
