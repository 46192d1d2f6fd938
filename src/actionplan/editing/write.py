"""Write files whole or not at all, and never over a change made meanwhile.

`write_file` and `rewrite_file` are the one way actionplan writes a file (a plan, a report, a
workbook, the schema): every command goes through them, so what makes a write safe lives here
once. A write goes to a temp file in the same directory, flushed and synced, then renamed over
the target, so a failure half-way leaves the original byte-for-byte as it was.

`rewrite_file` (an edit of a file that exists: `update`, `migrate`) also

- takes an advisory lock (`fcntl.flock`) on the file, so two actionplan runs take turns;
- reads the file once, and hands those bytes to the edit;
- just before the rename checks the file is still what was read (size, mtime and a SHA-256 of
  its content), which catches an editor or `git` that changed it meanwhile (they take no
  lock); if it changed, the edit is made again on the new text, and after a few tries the
  write is refused. Neither change is ever lost.

Every write keeps the file's mode, refuses when its owner or group could not be kept (only
root can give a file to another user), and refuses a file the user may not write, as the
operating system would, though the directory would allow the rename. A symbolic link is
followed and kept. A file with other names (hard links) is replaced by a new file: the other
names keep the old content (`replacement_notes` says so, for the command to print).

The lock needs `fcntl` (Linux, macOS and the other Unixes). On Windows there is none: writes
are still whole and still checked before the rename, but two runs at the same moment are not
made to take turns.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import itertools
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

from actionplan.errors import ActionPlanError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

# How many times an edit is made again on a file that changed under it before giving up.
ATTEMPTS = 5
# A file modified this recently (seconds) may be in the middle of a write by a program that
# writes in place: wait until it has been quiet this long before trusting what was read.
SETTLE = 0.1


class WriteError(ActionPlanError):
    """A file could not be written (a full disk, no permission): nothing was changed."""


class FileChanged(WriteError):
    """The file kept changing while it was being edited: nothing was written."""


@dataclass(frozen=True)
class Snapshot:
    """A file as read: its bytes, and what the check before the rename compares."""

    data: bytes
    size: int
    mtime_ns: int
    digest: str
    ino: int
    dev: int

    @classmethod
    def of(cls, data: bytes, info: os.stat_result) -> Snapshot:
        digest = hashlib.sha256(data).hexdigest()
        return cls(data, info.st_size, info.st_mtime_ns, digest, info.st_ino, info.st_dev)


def write_file(path: Path, data: str | bytes) -> None:
    """Replace `path` with `data` (text is written as UTF-8) whole, or raise WriteError."""
    try:
        write_atomic_bytes(path, data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as error:
        raise WriteError(f"cannot write {path}: {error.strerror or error}") from None


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8) atomically; on any error the original is untouched."""
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically (an .xlsx workbook, say).

    A symbolic link is followed, so the file it points at is replaced and the link kept. A
    named pipe or a device (`/dev/stdout`) is written to as it is: a stream cannot be
    replaced, nor left half-written by a rename.
    """
    if path.exists() and not path.is_file() and not path.is_dir():
        with open(path, "wb") as stream:
            stream.write(data)
        return
    target = Path(os.path.realpath(path))
    before = _current(target)
    if not _replace(target, data, before, check=before is not None or not target.exists()):
        raise FileChanged(
            f"{path} changed while it was being written (by another program?): nothing "
            "written; run the command again"
        )


def rewrite_file(
    path: Path, edit: Callable[[bytes], bytes | None], *, attempts: int = ATTEMPTS
) -> bool:
    """Edit the file at `path` in place, safely: lock, read once, `edit`, check, rename.

    `edit` gets the file's bytes and returns the new bytes, or None to write nothing (a dry
    run, or an edit refused); it may be called again, on the new bytes, when the file changed
    before the rename. An exception from `edit` on a file that changed under it (a torn read
    of a file being rewritten) is retried too; otherwise it is raised as it is. Returns
    whether the file was written. Raises WriteError when it cannot be, FileChanged when it
    kept changing.
    """
    target = Path(os.path.realpath(path))
    try:
        with _locked(target):
            for _attempt in range(attempts):
                snapshot = _read_settled(target)
                try:
                    data = edit(snapshot.data)
                except Exception:
                    if _unchanged(target, snapshot):
                        raise
                    continue
                if data is None:
                    return False
                if _replace(target, data, snapshot):
                    return True
    except OSError as error:
        raise WriteError(f"cannot write {path}: {error.strerror or error}") from None
    raise FileChanged(
        f"{path} kept changing while it was being edited (by another program: an editor, git, "
        f"a sync tool?): nothing written after {attempts} tries; run the command again once "
        "it is saved"
    )


def replace_if_unchanged(path: Path, old: bytes, new: str | bytes) -> None:
    """Replace the file at `path`, which was read as `old`, with `new`, under the lock; refuse
    (FileChanged) when it is no longer `old`, so a change made since it was read is kept."""
    data = new.encode("utf-8") if isinstance(new, str) else new

    def edit(raw: bytes) -> bytes:
        if raw != old:
            raise FileChanged(
                f"{path} changed after it was read (by another program?): nothing written; run "
                "the command again"
            )
        return data

    rewrite_file(path, edit, attempts=1)


def replacement_notes(path: Path) -> list[str]:
    """What a write to `path` does that a user may not expect: a note per surprise.

    Only a hard link, today: the file is replaced by a new one, so its other names keep the
    old content.
    """
    try:
        info = os.stat(path)
    except OSError:
        return []
    if not stat.S_ISREG(info.st_mode) or info.st_nlink < 2:
        return []
    others = info.st_nlink - 1
    names, keep = ("name", "keeps") if others == 1 else ("names", "keep")
    return [
        f"note: {path} has {others} other {names} (a hard link): it is replaced by a new file, "
        f"and the other {names} {keep} the old content"
    ]


# One staged file: its target, the token that names the temp file beside it (`_temp_of`), and
# the target as it was when staged. A site stages tens of thousands of pages and keeps them all
# until its commit: the target as text (a Path is several times the size), the temp file's name
# not held twice.
Staged = tuple[str, str, "Snapshot | None"]


def _staged(target: str, temp: str, before: Snapshot | None) -> Staged:
    """The entry for `temp`, a temp file (`.NAME.TOKEN.tmp`) beside `target`."""
    prefix = len(os.path.basename(target)) + 2
    return (target, os.path.basename(temp)[prefix:-4], before)


def _temp_of(staged: Staged) -> str:
    """The temp file a staged entry names."""
    folder, name = os.path.split(staged[0])
    return os.path.join(folder, f".{name}.{staged[1]}.tmp")


SPOOL_AT = 512  # staged entries `StagedWrites` holds in memory before the older go to its spool


class StagedWrites:
    """Many files replaced together (a site's pages): each written now to a temp file beside
    it, then, at `commit`, one sync of them all and the renames; nothing is replaced before
    `commit`, and `discard` (or an exception inside `with`) leaves every file as it was.

    One sync for the lot, not one per file: thousands of pages each synced on their own would
    take longer than making them. Each file is checked before the renames, as `write_file`
    checks one: if any changed since it was staged, none is replaced (FileChanged).

    What is staged is held until `commit`: the latest entries in memory, the older ones in an
    unnamed temp file (the spool), so that staging a portfolio's tens of thousands of pages
    takes no more memory than staging a few hundred.
    """

    def __init__(self) -> None:
        self._staged: list[Staged] = []  # the latest entries
        self._spool: IO[bytes] | None = None  # the older ones, pickled a batch at a time
        self._spooled = 0
        self._dropped: set[tuple[str, str]] = set()  # spooled entries since unstaged
        self._folders: dict[Path, Path] = {}  # a folder -> its real path, resolved once

    def __enter__(self) -> StagedWrites:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if kind is not None:
            self.discard()

    def __len__(self) -> int:
        return self._spooled - len(self._dropped) + len(self._staged)

    def add(self, path: Path, data: str | bytes | Iterable[bytes]) -> Staged:
        """Stage `data` (text as UTF-8, or bytes in pieces, written as they come) for `path`,
        whose directory must exist; what was staged, for `drop`."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        try:
            target, exists = self._target(Path(path))
            if not exists:  # a new file (most of a first build): no mode nor owner to keep
                staged = _staged(str(target), _write_new_temp(target, raw), None)
            else:
                before = _current(target)
                if before is not None:  # what the check needs: not the old bytes
                    before = dataclasses.replace(before, data=b"")
                staged = _staged(str(target), _write_temp(target, raw, sync=False), before)
        except OSError as error:
            raise WriteError(f"cannot write {path}: {error.strerror or error}") from None
        self._staged.append(staged)
        if len(self._staged) > SPOOL_AT:
            self._to_spool()
        return staged

    def drop(self, staged: Staged) -> None:
        """Unstage a file `add` staged (its content turned out unchanged): its temp file goes."""
        if self._staged and self._staged[-1] is staged:  # as a rule, the last one staged
            self._staged.pop()
        elif staged in self._staged:
            self._staged.remove(staged)
        else:
            self._dropped.add((staged[0], staged[1]))
        with contextlib.suppress(OSError):
            os.unlink(_temp_of(staged))

    def _target(self, path: Path) -> tuple[Path, bool]:
        """The file `path` names, its folder's links resolved (once a folder: a site stages
        thousands of pages in a few folders) and a link at the file followed; whether the
        file exists."""
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = Path(os.path.realpath(path.parent))
        target = folder / path.name
        try:
            info = os.lstat(target)
        except FileNotFoundError:
            return target, False
        if stat.S_ISLNK(info.st_mode):
            target = Path(os.path.realpath(target))
            return target, target.exists()
        return target, True

    def _to_spool(self) -> None:
        """Move all but the latest entry (the one `drop` may yet unstage) to the spool."""
        import pickle  # here: only a build of hundreds of pages spools (3 ms to import)

        if self._spool is None:
            # Open until `_clear` closes it: it outlives any one call.
            self._spool = tempfile.TemporaryFile(prefix="actionplan-staged-")  # noqa: SIM115
        self._spool.seek(0, os.SEEK_END)
        batch = self._staged[:-1]
        pickle.dump(batch, self._spool, protocol=pickle.HIGHEST_PROTOCOL)
        self._spooled += len(batch)
        del self._staged[:-1]

    def _entries(self) -> Iterator[Staged]:
        """Every staged entry, in the order staged."""
        if self._spool is not None:
            import pickle

            self._spool.seek(0)
            while True:
                try:
                    batch: list[Staged] = pickle.load(self._spool)
                except EOFError:
                    break
                for staged in batch:
                    if (staged[0], staged[1]) not in self._dropped:
                        yield staged
        yield from self._staged

    def _clear(self) -> None:
        if self._spool is not None:
            self._spool.close()
        self._staged, self._spool, self._spooled = [], None, 0
        self._dropped.clear()

    def take(self) -> list[Staged]:
        """Hand the staged files over (to `extend` in the process that commits them)."""
        taken = list(self._entries())
        self._clear()
        return taken

    def extend(self, staged: list[Staged]) -> None:
        """Take over files another `StagedWrites` staged (in a worker process, say)."""
        self._staged.extend(staged)
        if len(self._staged) > SPOOL_AT:
            self._to_spool()

    def commit(self) -> None:
        """Sync every staged file, check none of their targets changed, rename them all."""
        try:
            if hasattr(os, "sync"):
                os.sync()
            else:  # Windows: no sync of everything at once
                for staged in self._entries():
                    with open(_temp_of(staged), "rb+") as handle:
                        os.fsync(handle.fileno())
            for target, _token, before in self._entries():
                if not _unchanged(Path(target), before):
                    self.discard()
                    raise FileChanged(
                        f"{target} changed while it was being written (by another program?): "
                        "nothing written; run the command again"
                    )
            for staged in self._entries():
                os.replace(_temp_of(staged), staged[0])
        except OSError as error:
            self.discard()
            raise WriteError(f"cannot write: {error.strerror or error}") from None
        self._clear()

    def discard(self) -> None:
        """Remove every staged temp file not yet renamed; their targets stay as they were."""
        for staged in self._entries():
            with contextlib.suppress(OSError):
                os.unlink(_temp_of(staged))
        self._clear()


# --- The steps ------------------------------------------------------------------------------


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on the file at `path` (none on Windows).

    The lock is on the file itself, so it needs no lock file beside the plans. A rename
    replaces the file, so a run that waited for the lock may hold it on the file that was
    replaced: it checks and locks the new one.
    """
    if fcntl is None:
        yield
        return
    while True:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if _same_inode(os.fstat(fd), path):
                yield
                return
        finally:
            os.close(fd)  # closing the file releases the lock


def _same_inode(info: os.stat_result, path: Path) -> bool:
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    return (now.st_dev, now.st_ino) == (info.st_dev, info.st_ino)


def _read(path: Path) -> Snapshot:
    """The file's bytes and stat, taken together: re-read when it changed during the read."""
    while True:
        with open(path, "rb") as handle:
            before = os.fstat(handle.fileno())
            data = handle.read()
            after = os.fstat(handle.fileno())
        if (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns):
            return Snapshot.of(data, after)


def _read_settled(path: Path) -> Snapshot:
    """`_read`, after the file has been quiet for `SETTLE` seconds.

    A program that writes in place (truncate, then write) leaves a short file for a moment;
    what was read then would pass the check before the rename if it stopped half-way. Waiting
    only costs anything when the file has just changed.
    """
    while True:
        snapshot = _read(path)
        age = time.time() - snapshot.mtime_ns / 1e9
        if age >= SETTLE or age < 0:  # a clock behind the file's: nothing to wait for
            return snapshot
        time.sleep(SETTLE - age)
        if _unchanged(path, snapshot):
            return snapshot


def _current(path: Path) -> Snapshot | None:
    """The file as it is now, for a plain write (None when it does not exist yet)."""
    try:
        return _read(path)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise
    except PermissionError:
        # One who may write a file they may not read can still replace it: no check then.
        return None


def _unchanged(path: Path, snapshot: Snapshot | None) -> bool:
    """Whether the file is still what was read (or still absent, when nothing was)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return snapshot is None
    if snapshot is None:
        return False
    if (info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev) != (
        snapshot.size,
        snapshot.mtime_ns,
        snapshot.ino,
        snapshot.dev,
    ):
        return False
    return _read(path).digest == snapshot.digest


def _replace(path: Path, data: bytes, snapshot: Snapshot | None, *, check: bool = True) -> bool:
    """Write `data` to a temp file beside `path` and rename it over `path`, keeping the mode,
    owner and group. Returns False, writing nothing, when `check` and `path` is no longer
    `snapshot` (None: no file)."""
    temp = _write_temp(path, data, sync=True)
    try:
        if check and not _unchanged(path, snapshot):
            os.unlink(temp)
            return False
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return True


def _write_temp(path: Path, data: bytes | Iterable[bytes], *, sync: bool) -> str:
    """A temp file beside `path` holding `data`, with the mode, owner and group `path` has
    (synced to disk with `sync`); its name. Refuses a file the user may not write."""
    info = _existing(path)
    if info is not None:
        _check_writable(path, info)
    directory = path.parent if str(path.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            _write_pieces(handle, data)
            handle.flush()
            if info is not None:
                _keep_owner(path, handle.fileno(), info)
            # After chown, which clears the set-id bits.
            mode = info.st_mode & 0o7777 if info is not None else 0o666 & ~_umask()
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            else:
                os.chmod(temp, mode)
            if sync:
                os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


_NEW_TEMPS = itertools.count()
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_NEW_FILE |= getattr(os, "O_CLOEXEC", 0)


def _write_new_temp(path: Path, data: bytes | Iterable[bytes]) -> str:
    """`_write_temp` for a file that does not exist yet, not synced: the temp file is made with
    the mode a new file gets (0o666 less the umask) as it is opened, and there is no owner to
    keep. Its name is this process's own (a site's workers stage pages side by side)."""
    while True:
        temp = os.path.join(path.parent, f".{path.name}.{os.getpid()}-{next(_NEW_TEMPS)}.tmp")
        try:
            fd = os.open(temp, _NEW_FILE, 0o666)
            break
        except FileExistsError:  # left by a run that stopped half-way: take the next name
            continue
    _fill(fd, temp, data)
    return temp


def write_new(path: str | Path, data: bytes | Iterable[bytes]) -> None:
    """A new file at `path` (FileExistsError when there is one), written straight to its place
    with the mode a new file gets, not synced: for a folder no one sees before it is renamed
    into place whole (`write_built`), where a temp file and a rename for each file is waste."""
    _fill(os.open(path, _NEW_FILE, 0o666), str(path), data)


def _fill(fd: int, path: str, data: bytes | Iterable[bytes]) -> None:
    """Write `data` (bytes, or bytes in pieces as they come) to the new file `path`, open as
    `fd`, and close it; a failure removes the file."""
    try:
        try:  # straight to the descriptor: no buffered file object for a page written whole
            for piece in (data,) if isinstance(data, bytes) else data:
                _write_all(fd, piece)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


def _write_all(fd: int, data: bytes) -> None:
    """All of `data` to `fd` (`os.write` may write less than it is given)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _write_pieces(handle: BinaryIO, data: bytes | Iterable[bytes]) -> None:
    if isinstance(data, bytes):
        handle.write(data)
        return
    for piece in data:
        handle.write(piece)


def _existing(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _check_writable(path: Path, info: os.stat_result) -> None:
    """Refuse a file the user may not write, though the directory allows the rename."""
    if not os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        raise WriteError(
            f"cannot write {path}: it is read-only for you (mode {info.st_mode & 0o777:o}): "
            f"nothing written; make it writable (chmod u+w {path}) if it should change"
        )


def _keep_owner(path: Path, fd: int, info: os.stat_result) -> None:
    """Give the new file the old one's owner and group, or refuse the write."""
    made = os.fstat(fd)
    if (made.st_uid, made.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.fchown(fd, info.st_uid, info.st_gid)
    except PermissionError:
        raise WriteError(
            f"cannot write {path}: it belongs to user {info.st_uid}, group {info.st_gid}, and "
            "a new file written by you could not be given back to them: nothing written; ask "
            "its owner to make the change, or to give the file to you"
        ) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- Files built in place --------------------------------------------------------------------


def write_built(
    path: Path, build: Callable[[Path], None], *, directory: bool = False, new: bool = False
) -> None:
    """Replace `path` with what `build` makes at a temp path beside it: a file (a database a
    library writes itself), or with `directory` a folder of files (a data package, a site's
    first build).

    The temp file or folder is made in the same folder as `path`, handed to `build`, synced and
    renamed into place, so a failure half-way (in `build` too) leaves `path` as it was and
    nothing else behind. A folder that exists is moved aside, the new one renamed in, and the
    old one removed; with `new`, `path` was not there when asked for, and a folder or file that
    appeared there meanwhile is not replaced (WriteError). Raises WriteError when it cannot be
    written.
    """
    target = Path(os.path.realpath(path))
    parent = target.parent
    try:
        info = _existing(target)
        if info is not None and not directory:
            _check_writable(target, info)
        if directory:
            temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
        else:
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
            os.close(fd)
            temp = Path(name)
    except OSError as error:
        raise WriteError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        build(temp)
        if directory:
            os.chmod(temp, 0o777 & ~_umask())
            if new and os.path.lexists(target):
                raise WriteError(
                    f"cannot write {path}: something else made it while it was being built; "
                    "nothing is written: run the command again"
                )
            _replace_directory(temp, target)
        else:
            mode = info.st_mode & 0o7777 if info is not None else 0o666 & ~_umask()
            with open(temp, "rb+") as handle:
                if info is not None:
                    _keep_owner(target, handle.fileno(), info)
                os.chmod(temp, mode)
                os.fsync(handle.fileno())
            os.replace(temp, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            if temp.is_dir():
                shutil.rmtree(temp)
            else:
                temp.unlink()
        if isinstance(error, OSError):
            raise WriteError(f"cannot write {path}: {error.strerror or error}") from None
        raise


def _replace_directory(new: Path, target: Path) -> None:
    """Rename the folder `new` to `target`, moving an existing `target` aside, then away."""
    if not target.exists():
        os.rename(new, target)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    os.rmdir(aside)  # a name that is free: the old folder is renamed to it
    os.rename(target, aside)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)
