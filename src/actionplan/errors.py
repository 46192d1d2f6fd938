"""ActionPlanError: the one base of every error a user can cause and fix.

Core modules raise it (or a subclass) with a message that says what is wrong, where, and how to
fix it; they never print or exit. The command line turns it into `Error: <message>` on stderr and
exit code 1, in one place (`actionplan.cli.app.Command.invoke`).
"""

from __future__ import annotations


class ActionPlanError(Exception):
    """A problem with the user's input or files, worded for the user."""
