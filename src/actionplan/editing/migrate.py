"""`actionplan migrate`: a format-1 plan file rewritten as format 2, as a person would edit it.

Only what format 2 says differently changes: a `format: 2` line goes above the first top-level
key, and each recommendation's `accepted: true/false` becomes `acceptance: accepted` or
`acceptance: not-accepted`. Every other line, comment and blank line stays as it was, and the
result is checked before anything is written: it must read with the same findings as before.
"""

from __future__ import annotations

import re
from collections import Counter

from actionplan.editing.edit import EditError, FileHasErrors, UpdateResult, is_load_error
from actionplan.findings import Finding
from actionplan.pipeline import check_text
from actionplan.yaml.decode import BOM, LoadProblem, decode

_ACCEPTED = re.compile(r"accepted(\s*):(\s*)([^\s,}#]+)")


class Migration(UpdateResult):
    """A migration worked out but not yet written (an edit like `update`'s, with its diff)."""

    @property
    def needed(self) -> bool:
        return self.new != self.old


def migrate_text(path: str, raw: bytes) -> Migration:
    """The format-2 text of a plan file's bytes (unchanged when it is format 2 already).

    Raises FileHasErrors when the file does not read as a plan: it is not migrated half-read.
    """
    try:
        old = decode(path, raw)
    except LoadProblem as problem:
        raise FileHasErrors(path, [problem.finding]) from None
    loaded, before = check_text(path, old.encode("utf-8"))
    unreadable = [f for f in before if is_load_error(f) and f.code != "AP112"]
    if unreadable or loaded is None:
        raise FileHasErrors(path, unreadable or before)
    bom = raw.startswith(BOM)
    if loaded.plan.format == 2:
        return Migration(path, old, old, [], bom=bom)
    lines = old.splitlines(keepends=True)
    rewritten: list[tuple[int, str]] = []  # (line in the old text, what changed)
    for index, rec in enumerate(loaded.plan.recommendations):
        if "accepted" not in rec.model_fields_set:
            continue
        line, column = loaded.positions.of(("recommendations", index, "accepted"), key=True)
        text = lines[line - 1]
        match = _ACCEPTED.match(text, column - 1)
        if match is None:  # pragma: no cover - the key is where the positions say
            raise EditError(f"{path}:{line}: cannot find 'accepted' to rewrite: edit it by hand")
        word = "accepted" if rec.accepted else "not-accepted"
        lines[line - 1] = (
            f"{text[: match.start()]}acceptance{match[1]}:{match[2]}{word}{text[match.end() :]}"
        )
        rewritten.append((line, f"recommendation {rec.id}: accepted: {match[3]} → {word}"))
    if loaded.plan.format is None:
        first = min(
            loaded.positions.of((key,), key=True)[0]
            for key in (f.alias or name for name, f in type(loaded.plan).model_fields.items())
            if key in loaded.plan.model_fields_set
        )
        newline = "\r\n" if lines[first - 1].endswith("\r\n") else "\n"
        lines.insert(first - 1, f"format: 2{newline}")
        # Lines below the new one move down by one: say where each change is in the new file.
        changes = [f"line {first}: format: 2 added"]
        changes += [f"line {n + (n >= first)}: {what}" for n, what in rewritten]
    else:  # `format: 1` written out
        line = loaded.positions.of(("format",))[0]
        lines[line - 1] = re.sub(r"(format\s*:\s*)[\"']?1[\"']?", r"\g<1>2", lines[line - 1])
        changes = [f"line {line}: format: 1 → 2"] + [f"line {n}: {what}" for n, what in rewritten]
    new = "".join(lines)
    after = check_text(path, new.encode("utf-8"))[1]
    migration = Migration(path, old, new, changes, bom=bom)
    migration.introduced = _changed_findings(before, after)
    return migration


def _changed_findings(before: list[Finding], after: list[Finding]) -> list[Finding]:
    """Findings of the migrated text that the original did not have (by code; AP112 goes)."""
    extra = Counter(f.code for f in after) - Counter(f.code for f in before if f.code != "AP112")
    return sorted(f for f in after if extra[f.code] > 0)
