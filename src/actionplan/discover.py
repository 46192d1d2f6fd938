"""Finding plan files: the paths given on the command line, and *.yaml/*.yml under directories."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from actionplan.config import SETTINGS_NAME
from actionplan.findings import Finding

PLAN_SUFFIXES = (".yaml", ".yml")

# YAML files of other tools, which a plans repository may hold beside its plans: a directory
# search passes over them (a file named on the command line is always read). Names starting
# with '.' (.pre-commit-config.yaml, .github/workflows/, .gitlab-ci.yml…) are passed over
# anyway, and the settings file, actionplan.toml, silently.
OTHER_TOOLS_YAML = {
    "action.yml": "a GitHub Action's metadata",
    "action.yaml": "a GitHub Action's metadata",
    "azure-pipelines.yml": "an Azure Pipelines workflow",
    "bitbucket-pipelines.yml": "a Bitbucket Pipelines workflow",
    "codecov.yml": "Codecov's settings",
    "compose.yaml": "a Docker Compose file",
    "compose.yml": "a Docker Compose file",
    "docker-compose.yaml": "a Docker Compose file",
    "docker-compose.yml": "a Docker Compose file",
    "environment.yml": "a conda environment",
    "mkdocs.yml": "MkDocs' settings",
    "pnpm-lock.yaml": "a pnpm lock file",
}


@dataclass
class Discovery:
    """Plan files found under the given paths, what could not be read, and what was skipped."""

    files: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def find_plan_files(paths: list[Path]) -> Discovery:
    """Files named on the command line, and *.yaml/*.yml found recursively in directories.

    A directory search passes over names starting with '.' (.github/, .pre-commit-config.yaml),
    the settings file and other tools' YAML (OTHER_TOOLS_YAML), so none is read as a plan.
    Symlinked directories are followed once; a loop is skipped with a message. An unreadable
    directory is an AP010 finding; every other file is still found.
    """
    found = Discovery()
    searched: dict[Path, Path] = {}
    for path in paths:
        if path.is_dir():
            _walk(path, found, set(), searched)
        else:
            found.files.append(path)
    # A file named twice (`plans plans/x.yaml`, or through a link) is read once: twice, every
    # figure in a report would be counted twice.
    unique: dict[Path, Path] = {}
    for path in found.files:
        real = Path(os.path.realpath(path))  # a link loop stays as it is: reported when read
        if real in unique:
            found.skipped.append(f"{path}: skipped: the same file as {unique[real]}")
        else:
            unique[real] = path
    found.files = list(unique.values())
    return found


def _walk(directory: Path, found: Discovery, seen: set[Path], searched: dict[Path, Path]) -> None:
    """Search `directory`; `seen` holds the real paths above it, `searched` every one so far.

    Each real directory is searched once, so links that point back up (a loop) or across the
    tree (the same plans twice, or exponentially many paths) cost nothing.
    """
    real = directory.resolve()
    if real in seen:
        found.skipped.append(f"{directory}: skipped: symlink loop back to {real}")
        return
    if real in searched:
        found.skipped.append(
            f"{directory}: skipped: the same directory as {searched[real]}, already searched"
        )
        return
    searched[real] = directory
    seen = seen | {real}
    try:
        entries = sorted(directory.iterdir())
    except OSError as error:
        found.findings.append(
            Finding(
                str(directory),
                1,
                1,
                "AP010",
                f"cannot read the directory: {error.strerror or error}",
            )
        )
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name == SETTINGS_NAME:
            continue
        if entry.name in OTHER_TOOLS_YAML:
            found.skipped.append(
                f"{entry}: skipped: {OTHER_TOOLS_YAML[entry.name]}, not a plan (name it on the "
                "command line to lint it as one)"
            )
            continue
        try:
            is_dir = entry.is_dir()
        except OSError as error:  # e.g. a symlink loop
            found.findings.append(
                Finding(str(entry), 1, 1, "AP010", f"cannot read: {error.strerror or error}")
            )
            continue
        if is_dir:
            if entry.suffix in PLAN_SUFFIXES:
                found.skipped.append(
                    f"{entry}: a directory, not a plan file: searched it for plan files"
                )
            _walk(entry, found, seen, searched)
        elif entry.suffix in PLAN_SUFFIXES:
            found.files.append(entry)
        else:
            found.skipped.append(f"{entry}: skipped: not a plan file (only *.yaml and *.yml)")
