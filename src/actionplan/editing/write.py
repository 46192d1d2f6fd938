"""Write files whole or not at all: a temp file in the same directory, then a rename.

`write_file` is the one way actionplan writes a file (a plan, a report, a workbook, the schema):
every command goes through it, so what makes a write safe lives here once.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from actionplan.errors import ActionPlanError


class WriteError(ActionPlanError):
    """A file could not be written (a full disk, no permission): nothing was changed."""


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
    path = Path(os.path.realpath(path))
    directory = path.parent if str(path.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
