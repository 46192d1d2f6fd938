"""The one safe write: concurrent writers take turns, a file changed under an edit is never
overwritten with stale or torn text, and permissions, owners and links are respected.

The permission tests drop root in a child process (`setpriv`), since the tests run as root and
root may write any file whatever its mode.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from actionplan.editing.write import FileChanged, WriteError, rewrite_file, write_atomic
from conftest import ROOT

ACTIONPLAN = str(Path(sys.executable).parent / "actionplan")
PLAN = ROOT / "plans" / "southampton-domestic-abuse-2019.yaml"
NOBODY = 65534
SETPRIV = shutil.which("setpriv")
# `make fuzz`-sized runs: ACTIONPLAN_WRITERS=8x5 runs 8 processes of 5 updates each.
WRITERS, UPDATES = (int(n) for n in os.environ.get("ACTIONPLAN_WRITERS", "4x2").split("x"))


def run_as_nobody(*args: str) -> subprocess.CompletedProcess[str]:
    assert SETPRIV is not None
    command = [SETPRIV, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _can_act_as_nobody() -> bool:
    """Root, with setpriv, and an interpreter another user may run (a Python built under
    /root, say, may keep its shared library where only root can read it)."""
    if SETPRIV is None or os.geteuid() != 0:
        return False
    return run_as_nobody(sys.executable, "-c", "pass").returncode == 0


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root, to give a file away")
acts_as_nobody = pytest.mark.skipif(
    not _can_act_as_nobody(),
    reason="needs root, setpriv, and a Python that another user may run, to act as another user",
)


def update(plan: Path, action: str, note: str, *, as_user: int | None = None) -> int:
    """Run `actionplan update` in a new process; its exit code."""
    command = [ACTIONPLAN, "update", action, str(plan), "--note", note, "--date", "2020-03-02"]
    if as_user is not None:
        assert SETPRIV is not None
        command = [SETPRIV, f"--reuid={as_user}", f"--regid={as_user}", "--clear-groups", *command]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return done.returncode


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory anyone may write (pytest's tmp_path is root's alone)."""
    directory = Path(tempfile.mkdtemp(prefix="actionplan-safe-write-"))
    directory.chmod(0o777)
    yield directory
    shutil.rmtree(directory)


# --- Concurrent writers -----------------------------------------------------------------------


def test_concurrent_updates_are_all_kept(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(PLAN, plan)

    def writer(number: int) -> list[str]:
        kept = []
        for round in range(UPDATES):
            # Half the writers on one action, half on another: same and different alike.
            action = "5.2" if number % 2 else "5.6"
            note = f"writer {number} update {round}"
            if update(plan, action, note) == 0:
                kept.append(note)
        return kept

    with ThreadPoolExecutor(WRITERS) as pool:
        succeeded = [note for notes in pool.map(writer, range(WRITERS)) for note in notes]
    text = plan.read_text(encoding="utf-8")
    assert len(succeeded) == WRITERS * UPDATES
    assert [note for note in succeeded if f"note: {note}\n" not in text] == []


def test_the_edit_is_made_again_when_the_file_changed_under_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("one\n", encoding="utf-8")
    seen: list[bytes] = []

    def append(raw: bytes) -> bytes:
        seen.append(raw)
        if len(seen) == 1:  # another program writes while this edit is being made
            path.write_text("one\ntwo\n", encoding="utf-8")
        return raw + b"three\n"

    assert rewrite_file(path, append)
    assert seen == [b"one\n", b"one\ntwo\n"]
    assert path.read_text(encoding="utf-8") == "one\ntwo\nthree\n"  # both changes kept


def test_a_file_that_keeps_changing_is_refused_and_left_as_the_other_program_wrote_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("0\n", encoding="utf-8")
    calls: list[int] = []

    def edit(raw: bytes) -> bytes:
        calls.append(1)
        path.write_text(f"{len(calls)}\n", encoding="utf-8")
        return b"edited\n"

    with pytest.raises(FileChanged, match="kept changing while it was being edited"):
        rewrite_file(path, edit, attempts=3)
    assert len(calls) == 3
    assert path.read_text(encoding="utf-8") == "3\n"


REWRITER = """
import sys, time
path, marker, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(path, encoding="utf-8").read()
torn = 0
for _ in range(rounds):
    if not open(path, encoding="utf-8").read().endswith(marker):
        torn += 1
    with open(path, "w", encoding="utf-8") as out:  # in place, as some editors do
        out.write(text[: len(text) // 3])
        out.flush()
        time.sleep(0.005)
        out.write(text[len(text) // 3 :])
    time.sleep(0.01)
print(torn)
"""


def test_a_writer_racing_an_in_place_rewrite_never_persists_a_torn_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    marker = "# end of the plan\n"
    plan.write_text(PLAN.read_text(encoding="utf-8") + marker, encoding="utf-8")
    rewriter = subprocess.Popen(
        [sys.executable, "-c", REWRITER, str(plan), marker, "80"],
        stdout=subprocess.PIPE,
        text=True,
    )
    codes = [update(plan, "5.2", f"racing {n}") for n in range(4)]
    out, _ = rewriter.communicate(timeout=60)
    # Every file the rewriter found on starting a round (its own, or an update's) was whole.
    assert int(out) == 0
    assert plan.read_text(encoding="utf-8").endswith(marker)
    assert set(codes) <= {0, 1}  # an update may be refused; it may never tear the plan


# --- Mode, owner, permissions -----------------------------------------------------------------


def test_the_mode_is_kept(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(PLAN, plan)
    plan.chmod(0o640)
    assert update(plan, "5.2", "mode kept") == 0
    assert plan.stat().st_mode & 0o7777 == 0o640


@needs_root
def test_root_keeps_another_users_file_theirs(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(PLAN, plan)
    os.chown(plan, NOBODY, NOBODY)
    assert update(plan, "5.2", "owner kept") == 0
    assert (plan.stat().st_uid, plan.stat().st_gid) == (NOBODY, NOBODY)
    assert "owner kept" in plan.read_text(encoding="utf-8")


@acts_as_nobody
def test_a_read_only_plan_is_refused_though_the_directory_is_writable(shared_dir: Path) -> None:
    plan = shared_dir / "plan.yaml"
    shutil.copy(PLAN, plan)
    os.chown(plan, NOBODY, NOBODY)
    plan.chmod(0o444)
    before = plan.read_bytes()
    done = run_as_nobody(ACTIONPLAN, "update", "5.2", str(plan), "--note", "x")
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: cannot write {plan}: it is read-only for you (mode 444): nothing written; "
        f"make it writable (chmod u+w {plan}) if it should change\n"
    )
    assert plan.read_bytes() == before
    assert plan.stat().st_uid == NOBODY
    assert sorted(p.name for p in shared_dir.iterdir()) == ["plan.yaml"]  # no temp file left


@acts_as_nobody
def test_a_file_whose_owner_cannot_be_kept_is_refused(shared_dir: Path) -> None:
    plan = shared_dir / "plan.yaml"
    shutil.copy(PLAN, plan)
    plan.chmod(0o666)  # root's, writable by anyone: but a new file would be nobody's
    before = plan.read_bytes()
    done = run_as_nobody(ACTIONPLAN, "update", "5.2", str(plan), "--note", "x")
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: cannot write {plan}: it belongs to user 0, group 0, and a new file written "
        "by you could not be given back to them: nothing written; ask its owner to make the "
        "change, or to give the file to you\n"
    )
    assert plan.read_bytes() == before
    assert (plan.stat().st_uid, plan.stat().st_gid) == (0, 0)
    assert sorted(p.name for p in shared_dir.iterdir()) == ["plan.yaml"]


@acts_as_nobody
def test_a_report_over_a_file_the_user_may_not_write_is_refused(shared_dir: Path) -> None:
    report = shared_dir / "board.md"
    report.write_text("the board's own copy\n", encoding="utf-8")
    report.chmod(0o644)  # root's
    done = run_as_nobody(ACTIONPLAN, "schema", "--output", str(report))
    assert done.returncode == 1
    assert "it is read-only for you (mode 644)" in done.stderr
    assert report.read_text(encoding="utf-8") == "the board's own copy\n"


# --- Links and streams ------------------------------------------------------------------------


def test_a_report_through_a_symlink_to_a_plan_is_refused(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    southwark = plans / "southwark.yaml"
    shutil.copy(ROOT / "plans" / "southwark-domestic-abuse-strategy-2015.yaml", southwark)
    before = southwark.read_bytes()
    (tmp_path / "board.md").symlink_to(southwark)
    for command in (["report", str(PLAN), "--as-of", "2020-03-01"], ["schema"]):
        done = subprocess.run(
            [ACTIONPLAN, *command, "-o", "board.md"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 1
        assert done.stderr == (
            f"Error: --output board.md (a symbolic link to {southwark}) is a .yaml file, most "
            "likely a plan: writing there would replace it; write the report to a .md, .html, "
            ".csv or .json file\n"
        )
    assert southwark.read_bytes() == before


def test_an_update_says_a_hard_link_is_replaced_by_a_new_file(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(PLAN, plan)
    other = tmp_path / "copy.yaml"
    other.hardlink_to(plan)
    done = subprocess.run(
        [ACTIONPLAN, "update", "5.2", str(plan), "--note", "linked", "--date", "2020-03-02"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        f"note: {plan} has 1 other name (a hard link): it is replaced by a new file, and the "
        "other name keeps the old content\n"
    )
    assert "linked" in plan.read_text(encoding="utf-8")
    assert other.read_bytes() == PLAN.read_bytes()


def test_a_report_says_a_hard_link_is_replaced_by_a_new_file(tmp_path: Path) -> None:
    report = tmp_path / "schema.json"
    report.write_text("old\n", encoding="utf-8")
    (tmp_path / "published.json").hardlink_to(report)
    done = subprocess.run(
        [ACTIONPLAN, "schema", "-o", "schema.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        "note: schema.json has 1 other name (a hard link): it is replaced by a new file, and "
        "the other name keeps the old content\nwrote schema.json\n"
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "output"])
def test_export_to_a_full_device_names_it(to_file: bool) -> None:
    command = [ACTIONPLAN, "export", str(PLAN)]
    with open("/dev/full", "w") as full:
        if to_file:
            done = subprocess.run(
                [*command, "-o", "/dev/full"], capture_output=True, text=True, check=False
            )
        else:
            done = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 1
    where = "cannot write /dev/full" if to_file else "cannot write the output"
    assert done.stderr.endswith(f"Error: {where}: No space left on device\n")
    assert "None" not in done.stderr


def test_a_plain_write_refuses_a_file_that_changed_while_it_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import actionplan.editing.write as write

    path = tmp_path / "report.md"
    path.write_text("old\n", encoding="utf-8")
    real_fsync = os.fsync

    def fsync_and_meddle(fd: int) -> None:  # another program saves while the temp is synced
        real_fsync(fd)
        path.write_text("theirs\n", encoding="utf-8")

    monkeypatch.setattr(vars(write)["os"], "fsync", fsync_and_meddle)
    with pytest.raises(WriteError, match="changed while it was being written"):
        write_atomic(path, "ours\n")
    assert path.read_text(encoding="utf-8") == "theirs\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]
