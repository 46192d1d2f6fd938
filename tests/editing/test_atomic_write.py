"""Files are never damaged: writes go through a temp file beside the target, renamed into place.

A write that fails half-way (disk full, a crash, Ctrl-C) leaves the original byte-for-byte as it
was and no temp file behind; only the commands that write (schema/report --output, new, update)
touch the disk at all.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

import pytest

import actionplan.editing.write
from actionplan.editing.write import write_atomic
from conftest import DATA, ROOT

if TYPE_CHECKING:
    from types import ModuleType

    from conftest import RunCli

# The `os` that write.py calls (the os module itself), as the tests patch it.
WRITE_OS: ModuleType = vars(actionplan.editing.write)["os"]

ORIGINAL = "plan:\n  id: original\n  title: The original, £5,000\n"


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under `directory` (hidden ones too, where temp files would hide)."""
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


class HalfWriter:
    """A file that takes half of what it is given, then fails as a full disk does."""

    def __init__(self, handle: IO[Any]) -> None:
        self.handle = handle

    def __enter__(self) -> HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, text: str) -> int:
        self.handle.write(text[: len(text) // 2])
        self.handle.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)


def no_space(*args: object, **kwargs: object) -> NoReturn:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def original(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_bytes(ORIGINAL.encode())
    return path


def test_a_write_that_fails_half_way_leaves_the_original_intact(
    original: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(WRITE_OS, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    with pytest.raises(OSError, match="No space left"):
        write_atomic(original, "plan:\n  id: replacement\n" * 1000)
    assert snapshot(original.parent) == {"plan.yaml": ORIGINAL.encode()}


def test_a_rename_that_fails_leaves_the_original_intact(
    original: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(WRITE_OS, "replace", no_space)
    with pytest.raises(OSError):
        write_atomic(original, "replacement\n")
    assert snapshot(original.parent) == {"plan.yaml": ORIGINAL.encode()}


def test_ctrl_c_during_the_write_leaves_the_original_intact(
    original: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(WRITE_OS, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(original, "replacement\n")
    assert snapshot(original.parent) == {"plan.yaml": ORIGINAL.encode()}


def test_a_write_renames_a_temp_file_from_the_same_directory(
    original: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original.chmod(0o640)
    renames: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spy(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        renames.append((Path(source), Path(target)))
        real_replace(source, target)

    monkeypatch.setattr(WRITE_OS, "replace", spy)
    write_atomic(original, "plan:\n  id: new £\n")
    assert original.read_bytes() == "plan:\n  id: new £\n".encode()
    assert original.stat().st_mode & 0o777 == 0o640
    [(source, target)] = renames
    assert (source.parent, target) == (original.parent, original)
    assert source.name.startswith(".plan.yaml.")
    assert snapshot(original.parent) == {"plan.yaml": "plan:\n  id: new £\n".encode()}


PLAN = (DATA / "status-fixture.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "command",
    [
        ("schema", "--output", "{target}"),
        ("report", "{plan}", "--as-of", "2020-03-01", "--output", "{target}"),
        ("update", "1.3", "{target}", "--note", "Survey sent", "--date", "2020-03-01"),
    ],
    ids=["schema", "report", "update"],
)
def test_writing_commands_leave_the_file_intact_when_the_write_fails(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    target = plan if command[0] == "update" else tmp_path / "out.txt"
    target.write_bytes(b"the previous version\n") if target != plan else None
    before = snapshot(tmp_path)
    args = [a.format(plan=plan, target=target) for a in command]
    monkeypatch.setattr(WRITE_OS, "replace", no_space)
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: cannot write {target}: No space left on device"
    )
    assert snapshot(tmp_path) == before
    monkeypatch.undo()
    result = run(*args)  # and without the failure, the same command writes
    assert result.exit_code == 0
    assert snapshot(tmp_path) != before
    assert sorted(snapshot(tmp_path)) == sorted(before)  # no temp file left


def test_new_never_overwrites_and_leaves_nothing_when_it_fails(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = tmp_path / "plan.yaml"
    existing.write_bytes(ORIGINAL.encode())
    result = run("new", existing, "--as-of", "2020-03-01")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {existing} already exists: choose another name, or edit that file\n",
    )
    monkeypatch.setattr(WRITE_OS, "replace", no_space)
    result = run("new", tmp_path / "other.yaml", "--as-of", "2020-03-01")
    assert result.exit_code == 1
    assert snapshot(tmp_path) == {"plan.yaml": ORIGINAL.encode()}


READ_ONLY = [
    ("lint", "--as-of", "2020-03-01"),
    ("status", "--as-of", "2020-03-01"),
    ("show", "1.1", "--as-of", "2020-03-01"),
    ("owners", "--as-of", "2020-03-01"),
    ("cost-summary",),
    ("outcomes", "--as-of", "2020-03-01"),
    ("report", "--as-of", "2020-03-01"),
    ("update", "1.3", "--note", "Survey sent", "--date", "2020-03-01", "--dry-run"),
]


@pytest.mark.parametrize("command", READ_ONLY, ids=[" ".join(c[:1] + c[-1:]) for c in READ_ONLY])
def test_commands_that_only_read_write_nothing(
    run: RunCli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", plans)
    shutil.copy(DATA / "status-fixture.yaml", plans)
    shutil.copy(DATA / "AP007-billion-laughs.yaml", plans)  # a hostile file among them
    before = snapshot(tmp_path)
    run(*command, plans)
    assert snapshot(tmp_path) == before


def test_a_symbolic_link_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "status.csv"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "status.csv"
    link.symlink_to(real)
    write_atomic(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == "new\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    import threading

    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    write_atomic(pipe, "through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert not pipe.is_file()  # still a pipe


@pytest.mark.parametrize(
    "command",
    [
        ("export", "{plan}", "--output", "{plan}"),
        ("report", "{plan}", "--as-of", "2020-03-01", "--output", "{plan}"),
        ("status", "{plan}", "--as-of", "2020-03-01", "-f", "csv", "--output", "{plan}"),
    ],
    ids=lambda c: c[0],
)
def test_output_over_the_plan_being_read_is_refused(
    run: RunCli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(ROOT / "plans" / "southampton-domestic-abuse-2019.yaml", plan)
    before = plan.read_bytes()
    result = run(*(part.format(plan=plan) for part in command))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: --output {plan} is the plan file being read: writing there would replace the "
        "plan; give another file, e.g. --output report.md\n"
    )
    assert plan.read_bytes() == before


def test_a_report_never_replaces_another_yaml_file(run: RunCli, tmp_path: Path) -> None:
    other = tmp_path / "other-plan.yaml"
    other.write_text("plan: {id: other}\n", encoding="utf-8")
    result = run("status", ROOT / "plans", "--as-of", "2020-03-01", "--output", other)
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: --output {other} is a .yaml file, most likely a plan: writing there would "
        "replace it; write the report to a .md, .html, .csv or .json file\n",
    )
    assert other.read_text(encoding="utf-8") == "plan: {id: other}\n"
