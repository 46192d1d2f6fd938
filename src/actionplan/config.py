"""The repository's settings file, `actionplan.toml`, and what it declares.

One file at the root of a plans repository (found by walking up from a plan's folder) holds what
every plan there shares: vocabularies, the people directory and rule severities. It is TOML, so
discovery never mistakes it for a plan; a mistake in it is a finding with its line, like a plan's.

    [vocabularies]
    audiences = ["residents", "businesses"]
    units = ["tCO2e"]

    [[people]]
    id = "dsa-chair"
    name = "DSA Chair"
    kind = "role"

    [severity]
    AP252 = "error"     # error, warning, note, or off
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actionplan.findings import Finding, Severity, dotted

if TYPE_CHECKING:
    from actionplan.model.plan import Person, PlanFile, Vocabularies

SETTINGS_NAME = "actionplan.toml"


class Level(StrEnum):
    """A severity the settings may give a rule."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"
    OFF = "off"


@dataclass(frozen=True)
class Settings:
    """What the settings file declares (all empty when there is none)."""

    path: str | None = None
    vocabularies: Vocabularies | None = None
    people: tuple[Person, ...] = ()
    severity: dict[str, Level] = field(default_factory=dict)
    rules: RuleSettings = field(default_factory=lambda: RuleSettings())

    def applied(self, findings: list[Finding]) -> list[Finding]:
        """`findings` with the severities `[severity]` gives their rules: `off` ones dropped."""
        if not self.severity:
            return findings
        out = []
        for finding in findings:
            level = self.severity.get(finding.code)
            if level is None:
                out.append(finding)
            elif level is not Level.OFF:
                out.append(replace(finding, configured=Severity(level.value)))
        return out


@dataclass(frozen=True)
class RuleSettings:
    """The `[rules]` table: what some rules measure against."""

    max_revisions: int = 2  # AP221: revised more often than this


# Each `[rules]` key, what it must be, and the words that say so.
_RULE_SETTINGS = {"max_revisions": "a whole number of 0 or more (how many revisions are fine)"}

NO_SETTINGS = Settings()

_CODE = re.compile(r"AP\d{3}")


def find_settings_file(start: Path) -> Path | None:
    """The nearest `actionplan.toml` in `start` (a folder or file) or a folder above it."""
    folder = start if start.is_dir() else start.parent
    resolved = folder.resolve()
    for each in (resolved, *resolved.parents):
        candidate = each / SETTINGS_NAME
        if candidate.is_file():
            return candidate
    return None


_CACHE: dict[Path, tuple[Settings, list[Finding]]] = {}


def settings_for(start: Path) -> tuple[Settings, list[Finding]]:
    """The settings that apply to plans in `start`, and the findings in the settings file.

    Each settings file is read once per run, however many plans it applies to.
    """
    found = find_settings_file(start)
    if found is None:
        return NO_SETTINGS, []
    if found not in _CACHE:
        _CACHE[found] = read_settings(found, _display(found))
    return _CACHE[found]


def _display(path: Path) -> str:
    """The settings file's path as findings name it: from the current folder when it is below
    it (as plan paths usually are), else in full."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_settings(path: Path, display: str | None = None) -> tuple[Settings, list[Finding]]:
    """Read one settings file; a mistake is a finding (AP401/AP402), the rest still applies."""
    name = display or str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = "it is not UTF-8 text" if isinstance(error, UnicodeDecodeError) else str(error)
        return NO_SETTINGS, [
            Finding(name, 1, 1, "AP401", f"cannot read the settings file: {reason}")
        ]
    return parse_settings(name, text)


def parse_settings(name: str, text: str) -> tuple[Settings, list[Finding]]:
    """Settings from the text of a settings file read from `name`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, column = _decode_position(str(error))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        return NO_SETTINGS, [
            Finding(
                name,
                line,
                column,
                "AP401",
                f"the settings file is not valid TOML: {message}: see https://toml.io",
            )
        ]
    return _settings_from(name, text, data)


def _decode_position(message: str) -> tuple[int, int]:
    match = re.search(r"at line (\d+), column (\d+)", message)
    return (int(match[1]), int(match[2])) if match else (1, 1)


def _settings_from(name: str, text: str, data: dict[str, Any]) -> tuple[Settings, list[Finding]]:
    from pydantic import ValidationError

    from actionplan.model.plan import Person, Vocabularies

    findings: list[Finding] = []

    def problem(loc: tuple[str | int, ...], message: str) -> None:
        findings.append(Finding(name, *_line_of(text, loc), "AP402", message))

    known = {"vocabularies", "people", "severity", "rules"}
    for key in data:
        if key not in known:
            problem((key,), f"unknown setting '{key}': the settings are {', '.join(sorted(known))}")

    vocabularies = None
    if "vocabularies" in data:
        try:
            vocabularies = Vocabularies.model_validate(data["vocabularies"])
        except ValidationError as error:
            for e in error.errors():
                loc = ("vocabularies", *e["loc"])
                problem(loc, f"{dotted(loc)}: {_wording(e)}")

    people: list[Person] = []
    raw_people = data.get("people", [])
    if not isinstance(raw_people, list):
        problem(("people",), "people: write each person as a [[people]] table")
        raw_people = []
    for index, raw in enumerate(raw_people):
        try:
            people.append(Person.model_validate(raw))
        except ValidationError as error:
            for e in error.errors():
                loc = ("people", index, *e["loc"])
                problem(loc, f"{dotted(loc)}: {_wording(e)}")

    severity: dict[str, Level] = {}
    raw_severity = data.get("severity", {})
    if not isinstance(raw_severity, dict):
        problem(("severity",), 'severity: write a [severity] table of CODE = "error" lines')
        raw_severity = {}
    from actionplan.findings import RULES

    for code, level in raw_severity.items():
        if not _CODE.fullmatch(code) or code not in RULES:
            problem(
                ("severity", code),
                f"severity: '{code}' is not a rule code: 'actionplan lint --list-rules' lists them",
            )
        elif level not in tuple(Level):
            problem(
                ("severity", code),
                f"severity.{code}: '{level}' is not a severity: use error, warning, note or off",
            )
        else:
            severity[code] = Level(level)
    rules = RuleSettings()
    raw_rules = data.get("rules", {})
    if not isinstance(raw_rules, dict):
        problem(("rules",), "rules: write a [rules] table, e.g. max_revisions = 2")
        raw_rules = {}
    for key, value in raw_rules.items():
        if key not in _RULE_SETTINGS:
            problem(
                ("rules", key),
                f"rules: unknown setting '{key}': the rule settings are "
                f"{', '.join(sorted(_RULE_SETTINGS))}",
            )
        elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problem(("rules", key), f"rules.{key}: {value!r} is not {_RULE_SETTINGS[key]}")
        else:
            rules = replace(rules, **{key: value})
    return Settings(name, vocabularies, tuple(people), severity, rules), findings


def _wording(error: Any) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key: remove it or check its spelling"
    if error["type"] == "missing":
        return "required: add it"
    return str(error["msg"])


def _line_of(text: str, loc: tuple[str | int, ...]) -> tuple[int, int]:
    """Where `loc` is written in the TOML text: the table's header, then the key in it.

    TOML readers give no positions; settings files are short and written in the plain
    `[table]` / `[[array]]` / `key = value` form, which this finds (else line 1).
    """
    lines = text.splitlines()
    start, table = 0, loc[0] if loc else None
    if isinstance(table, str):
        wanted = 0
        rest = list(loc[1:])
        if rest and isinstance(rest[0], int):
            wanted = int(rest.pop(0))
        seen = -1
        header = re.compile(rf"^\s*\[\[?\s*{re.escape(table)}\s*\]\]?\s*(#.*)?$")
        for number, line in enumerate(lines):
            if header.match(line):
                seen += 1
                if seen == wanted:
                    start = number
                    break
        else:
            key = re.compile(rf"^\s*{re.escape(table)}\s*=")
            for number, line in enumerate(lines):
                if key.match(line):
                    return number + 1, 1
            return 1, 1
        names = [p for p in rest if isinstance(p, str)]
        if names:
            key = re.compile(rf"^\s*\"?{re.escape(names[0])}\"?\s*=")
            for number in range(start + 1, len(lines)):
                if lines[number].lstrip().startswith("["):
                    break
                if key.match(lines[number]):
                    return number + 1, len(lines[number]) - len(lines[number].lstrip()) + 1
        return start + 1, 1
    return 1, 1


# --- What a plan's checks and reports use ----------------------------------------------------


def vocabulary(plan: PlanFile, settings: Settings, name: str) -> tuple[str, ...]:
    """The words of one open vocabulary for `plan`: the plan's own, else the settings', else the
    format's default. Units always include the four the format knows."""
    from actionplan.model.plan import DEFAULT_VOCABULARIES

    default = DEFAULT_VOCABULARIES[name]
    for declared in (plan.vocabularies, settings.vocabularies):
        words = getattr(declared, name, None) if declared is not None else None
        if words is not None:
            return tuple(dict.fromkeys((*default, *words))) if name == "units" else words
    return default
