"""A site's folder: its manifest (site.json), what a rebuild rewrites, and the one write.

site.json says the folder is a site actionplan built, the --as-of it was built for, the options
it was built with, and each page it made with the SHA-256 of its content. A rebuild writes only
the pages whose content changed (an unchanged page keeps its file, its inode and its mtime, so a
sync to a web server copies only what changed), and removes only the pages the manifest says it
made that are no longer made: a file someone put beside them (a CNAME, a logo) is never touched.
A folder that is not empty and has no manifest is not a site, and is refused.

Every page goes through one `StagedWrites`: nothing replaces the old site until the last page is
made, so a build that stops half-way (a plan that does not load, a full disk) leaves it whole.
A first build (`direct`) is made in a new folder no one sees until it is renamed into place
whole (`editing.write.write_built`), so each page is written straight to its place there.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actionplan.editing.write import Staged, StagedWrites, WriteError, write_new
from actionplan.errors import ActionPlanError
from actionplan.site.layout import MANIFEST

GENERATOR = "actionplan site"


class SiteProblem(ActionPlanError):
    """The folder cannot take the site: the message says why and what to do."""


@dataclass(frozen=True)
class Manifest:
    """What site.json records: the --as-of, the options, and each page with its hash."""

    as_of: str
    options: dict[str, Any]
    pages: dict[str, bytes]  # path from the site's root -> SHA-256 of its content (as bytes:
    # half the size of its hex, for each of the tens of thousands of pages a portfolio makes)
    version: str = ""

    def json(self) -> str:
        return "".join(self.json_parts())

    def json_parts(self) -> Iterator[str]:
        """site.json as `json.dumps(..., indent=2)` writes it, a page a line as it is made:
        the whole document for a site of tens of thousands of pages (a dict of their hashes in
        hex, then its text, then its bytes) would be the one part of a build that grows with
        the corpus."""
        head = json.dumps(
            {
                "generator": GENERATOR,
                "version": self.version,
                "as_of": self.as_of,
                "options": self.options,
                "pages": {},
            },
            indent=2,
            ensure_ascii=False,
        )
        if not self.pages:
            yield head + "\n"
            return
        assert head.endswith('"pages": {}\n}')
        yield head[: -len("{}\n}")] + "{\n"
        for number, page in enumerate(sorted(self.pages)):
            comma = ",\n" if number else ""
            yield f'{comma}    {json.dumps(page, ensure_ascii=False)}: "{self.pages[page].hex()}"'
        yield "\n  }\n}\n"


def read_manifest(directory: Path) -> Manifest | None:
    """The manifest of the site in `directory`; None when the folder is new or empty.

    Raises SiteProblem when it holds anything else: files without a manifest, or a site.json
    that actionplan did not write."""
    if not directory.exists():
        return None
    if not directory.is_dir():
        raise SiteProblem(f"--output {directory} is a file: give a folder for the site")
    manifest = directory / MANIFEST
    if not manifest.is_file():
        if next(directory.iterdir(), None) is None:
            return None
        raise SiteProblem(
            f"--output {directory} is not empty and is not a site actionplan built (it has no "
            f"{MANIFEST}): give a new or empty folder, e.g. --output site, so nothing in it is "
            "overwritten"
        )
    try:
        document = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise SiteProblem(
            f"{manifest} cannot be read as a site's manifest ({error}): build the site into a "
            "new or empty folder"
        ) from None
    pages = document.get("pages") if isinstance(document, dict) else None
    if document.get("generator") != GENERATOR or not isinstance(pages, dict):
        raise SiteProblem(
            f"{manifest} was not written by {GENERATOR}: give a new or empty folder for the site"
        )
    return Manifest(
        str(document.get("as_of", "")),
        dict(document.get("options") or {}),
        {str(k): _digest(v) for k, v in pages.items()},
        str(document.get("version", "")),
    )


def _digest(text: object) -> bytes:
    """A page's SHA-256 as site.json writes it, in hex; empty (matching no page's content, so
    the page is rewritten) when it is not one."""
    try:
        return bytes.fromhex(text) if isinstance(text, str) else b""
    except ValueError:
        return b""


def _inside(directory: Path, page: str) -> bool:
    """Whether the manifest's `page` names a file inside the site (a hand-edited manifest
    must not make a rebuild remove a file elsewhere)."""
    parts = Path(page).parts
    return bool(parts) and not Path(page).is_absolute() and ".." not in parts


@dataclass
class Written:
    """What a build did: pages written, left as they were, and removed."""

    written: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def pages(self) -> int:
        return self.written + self.unchanged


@dataclass
class SiteWriter:
    """Stages each page whose content changed since the last build; `finish` commits them,
    writes the manifest and removes the pages no longer made. With `direct` (a first build, in
    a folder renamed into place when it is whole), each page is written straight to its place:
    there is nothing there to keep whole, nor to compare with."""

    directory: Path
    previous: Manifest | None
    direct: bool = False
    staged: StagedWrites = field(default_factory=StagedWrites)
    pages: dict[str, bytes] = field(default_factory=dict)
    done: Written = field(default_factory=Written)
    _folders: set[str] = field(default_factory=set)

    def page(self, path: str, text: str | Iterable[str]) -> None:
        """The page at `path` (from the site's root) is `text`: whole, or in pieces, which are
        written as they come (a page too long to hold whole)."""
        if path in self.pages:
            raise SiteProblem(f"two pages of the site would be {path}: give one another id")
        if self.direct:  # the path as text: a Path made for each of thousands of pages costs
            self.pages[path] = self._written(os.path.join(self.directory, path), text)
            self.done.written += 1
            return
        target = self.directory / path
        before = self.previous.pages.get(path) if self.previous else None
        if not isinstance(text, str):
            self._streamed(path, target, text, before)
            return
        data = text.encode("utf-8")
        digest = hashlib.sha256(data).digest()
        self.pages[path] = digest
        if before == digest and _same_size(target, len(data)):
            self.done.unchanged += 1
            return
        self._folder(target)
        self.staged.add(target, data)
        self.done.written += 1

    def _streamed(
        self, path: str, target: Path, parts: Iterable[str], before: bytes | None
    ) -> None:
        pieces = _Hashed(parts)
        self._folder(target)
        staged = self.staged.add(target, pieces)
        self.pages[path] = pieces.digest.digest()
        if before == self.pages[path] and _same_size(target, pieces.size):
            self.staged.drop(staged)
            self.done.unchanged += 1
        else:
            self.done.written += 1

    def _written(self, target: str, text: str | Iterable[str]) -> bytes:
        """Write `target` straight to its place (`direct`); the SHA-256 of its content."""
        self._folder(target)
        pieces = _Hashed([text] if isinstance(text, str) else text)
        try:
            write_new(target, pieces)
        except OSError as error:
            raise WriteError(f"cannot write {target}: {error.strerror or error}") from None
        return pieces.digest.digest()

    def _folder(self, target: str | Path) -> None:
        folder = os.path.dirname(target)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)

    def adopt(
        self, pages: dict[str, bytes], staged: list[Staged], written: int, unchanged: int
    ) -> None:
        """Take over pages another process made (and staged) for this build."""
        for path in pages:
            if path in self.pages:
                raise SiteProblem(
                    f"two pages of the site would be {path}: give one of the plans another id"
                )
        self.pages.update(pages)
        self.staged.extend(staged)
        self.done.written += written
        self.done.unchanged += unchanged

    def finish(self, manifest: Manifest) -> Written:
        """Commit the staged pages and the manifest, then remove the pages no longer made."""
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.directory / MANIFEST
        if self.direct:
            self._written(str(target), manifest.json_parts())
            return self.done
        pieces = _Hashed(manifest.json_parts())
        staged = self.staged.add(target, pieces)
        if _digest_of(target) == pieces.digest.digest():
            self.staged.drop(staged)
        self.staged.commit()
        gone = set(self.previous.pages) - set(self.pages) if self.previous else set()
        for page in sorted(gone):
            if not _inside(self.directory, page):
                continue
            target = self.directory / page
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
                self.done.removed += 1
            _remove_empty_folders(target.parent, self.directory)
        return self.done

    def discard(self) -> None:
        self.staged.discard()  # (`direct`: nothing staged; the new folder goes whole)


class _Hashed:
    """Text written in pieces as they come (a page too long to hold whole, site.json): each
    encoded as UTF-8, its SHA-256 and its size kept as it goes."""

    def __init__(self, parts: Iterable[str]) -> None:
        self.parts = parts
        self.digest = hashlib.sha256()
        self.size = 0

    def __iter__(self) -> Iterator[bytes]:
        for part in self.parts:
            data = part.encode("utf-8")
            self.digest.update(data)
            self.size += len(data)
            yield data


def _digest_of(path: Path) -> bytes | None:
    """The SHA-256 of the file at `path`; None when there is none to read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").digest()
    except OSError:
        return None


def _same_size(path: Path, size: int) -> bool:
    try:
        return os.stat(path).st_size == size
    except OSError:
        return False


def _remove_empty_folders(folder: Path, top: Path) -> None:
    """Remove `folder` and its parents up to `top` (kept) while they are empty."""
    while folder != top and top in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty, or gone
            return
        folder = folder.parent
