"""The settings file, actionplan.toml: its findings with their lines, and what lint takes from it
(severities, vocabularies, people), found in the plans' folder or a folder above it."""

from __future__ import annotations

import textwrap
from pathlib import Path

from actionplan.config import Level, parse_settings, settings_for
from actionplan.discover import find_plan_files
from actionplan.findings import Finding, Severity
from actionplan.pipeline import lint_paths

STATED_TOTAL = """
plan:
  id: p
  title: T
  organisation: O
  source: S
  stated_total: 100
recommendations:
  - id: "1"
    title: R
    costs:
      - label: Workshops
        amount: 120
"""
AP204 = (
    "stated total £100 is £20 less than the sum of the cost lines, £120: keep the total as the "
    "document printed it and quote the computed one (actionplan cost-summary)"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_a_file_that_is_not_toml_is_ap401_at_its_line_and_column() -> None:
    settings, findings = parse_settings("actionplan.toml", '[severity]\nAP204 = "error"\n[people\n')
    assert settings.severity == {}
    assert findings == [
        Finding(
            "actionplan.toml",
            3,
            8,
            "AP401",
            "the settings file is not valid TOML: Expected ']' at the end of a table "
            "declaration: see https://toml.io",
        )
    ]


def test_bad_settings_are_ap402_at_their_lines_and_the_good_ones_still_apply() -> None:
    text = textwrap.dedent(
        """
        [vocabularies]
        audiences = ["residents", "survivors"]

        [severity]
        AP204 = "fatal"
        AP252 = "error"
        AP999 = "off"

        [[people]]
        id = "dsa-chair"

        [colours]
        red = "#f00"
        """
    ).lstrip("\n")
    settings, findings = parse_settings("actionplan.toml", text)
    assert [str(f) for f in sorted(findings)] == [
        "actionplan.toml:5:1: error AP402 severity.AP204: 'fatal' is not a severity: use "
        "error, warning, note or off",
        "actionplan.toml:7:1: error AP402 severity: 'AP999' is not a rule code: "
        "'actionplan lint --list-rules' lists them",
        "actionplan.toml:9:1: error AP402 people[0].name: required: add it",
        "actionplan.toml:12:1: error AP402 unknown setting 'colours': the settings are "
        "people, rules, severity, vocabularies",
    ]
    assert settings.severity == {"AP252": Level.ERROR}
    assert settings.vocabularies is not None
    assert settings.vocabularies.audiences == ("residents", "survivors")


def test_the_settings_file_in_a_parent_folder_applies_and_its_findings_are_reported_once(
    tmp_path: Path,
) -> None:
    settings = write(tmp_path / "actionplan.toml", '[severity]\nAP204 = "fatal"\n')
    first = write(tmp_path / "plans" / "a.yaml", STATED_TOTAL)
    second = write(tmp_path / "plans" / "deeper" / "b.yaml", STATED_TOTAL.replace("id: p", "id: q"))
    result = lint_paths([tmp_path / "plans"])
    assert [str(f) for f in result.findings] == [
        f"{settings.resolve()}:2:1: error AP402 severity.AP204: 'fatal' is not a severity: use "
        "error, warning, note or off",
        f"{first}:6:17: warning AP204 {AP204}",
        f"{second}:6:17: warning AP204 {AP204}",
    ]
    assert result.files == 2


def test_a_severity_setting_makes_a_warning_an_error_or_turns_it_off(tmp_path: Path) -> None:
    write(tmp_path / "strict" / "actionplan.toml", '[severity]\nAP204 = "error"\n')
    strict = write(tmp_path / "strict" / "p.yaml", STATED_TOTAL)
    write(tmp_path / "quiet" / "actionplan.toml", '[severity]\nAP204 = "off"\n')
    quiet = write(tmp_path / "quiet" / "p.yaml", STATED_TOTAL)

    result = lint_paths([strict])
    assert [str(f) for f in result.findings] == [f"{strict}:6:17: error AP204 {AP204}"]
    assert result.errors == 1 and result.failed()
    # The finding is the same finding: only its severity comes from the settings.
    assert result.findings[0] == Finding(str(strict), 6, 17, "AP204", AP204)
    assert result.findings[0].severity is Severity.ERROR

    result = lint_paths([quiet])
    assert result.findings == []
    assert not result.failed(strict=True)


def test_a_vocabulary_declared_in_the_settings_is_the_plans(tmp_path: Path) -> None:
    plan = """
    format: 2
    plan:
      id: p
      title: T
      organisation: O
      source: S
    outcomes:
      - id: safer
        title: Safer homes
        for: [tenants]
    """
    path = write(tmp_path / "plans" / "p.yaml", plan)
    assert [f.code for f in lint_paths([path]).findings] == ["AP114"]
    write(tmp_path / "actionplan.toml", '[vocabularies]\naudiences = ["residents", "tenants"]\n')
    assert settings_for(path)[0].path == str((tmp_path / "actionplan.toml").resolve())
    assert lint_paths([path]).findings == []


def test_people_declared_in_the_settings_are_the_plans_directory(tmp_path: Path) -> None:
    write(
        tmp_path / "actionplan.toml",
        '[[people]]\nid = "dsa-chair"\nname = "DSA Chair"\nkind = "role"\n',
    )
    plan = """
    format: 2
    plan:
      id: p
      title: T
      organisation: O
      source: S
    recommendations:
      - id: "1"
        title: R
        acceptance: accepted
        actions:
          - id: "1.1"
            text: Do it
            owners: [DSA Chair, DSA Chiar]
    """
    path = write(tmp_path / "p.yaml", plan)
    assert [(f.line, f.code) for f in lint_paths([path]).findings] == [(14, "AP216")]


def test_a_directory_search_reads_no_settings_file_and_no_other_tools_yaml(tmp_path: Path) -> None:
    write(tmp_path / "actionplan.toml", "[severity]\n")
    write(tmp_path / ".pre-commit-config.yaml", "repos: []\n")
    write(tmp_path / ".github" / "workflows" / "lint.yml", "on: [push]\n")
    write(tmp_path / "mkdocs.yml", "site_name: Plans\n")
    write(tmp_path / "docker-compose.yml", "services: {}\n")
    plan = write(tmp_path / "plans" / "p.yaml", STATED_TOTAL)
    found = find_plan_files([tmp_path])
    assert found.files == [plan]
    assert found.findings == []
    assert found.skipped == [
        f"{tmp_path / 'docker-compose.yml'}: skipped: a Docker Compose file, not a plan (name it "
        "on the command line to lint it as one)",
        f"{tmp_path / 'mkdocs.yml'}: skipped: MkDocs' settings, not a plan (name it on the "
        "command line to lint it as one)",
    ]
    # Named on the command line, a file is read whatever its name.
    assert find_plan_files([tmp_path / "mkdocs.yml"]).files == [tmp_path / "mkdocs.yml"]
