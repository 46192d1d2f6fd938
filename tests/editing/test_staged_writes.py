"""`StagedWrites`: many files replaced together, or none of them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from actionplan.editing.write import FileChanged, StagedWrites


def test_nothing_is_replaced_before_commit_and_everything_after(tmp_path: Path) -> None:
    old, new = tmp_path / "old.html", tmp_path / "new.html"
    old.write_text("before\n", encoding="utf-8")
    old.chmod(0o640)
    staged = StagedWrites()
    staged.add(old, "after\n")
    staged.add(new, b"made\n")
    assert (old.read_text(encoding="utf-8"), new.exists(), len(staged)) == ("before\n", False, 2)
    staged.commit()
    assert old.read_text(encoding="utf-8") == "after\n"
    assert new.read_bytes() == b"made\n"
    assert old.stat().st_mode & 0o777 == 0o640  # the mode kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.html", "old.html"]


def test_an_exception_inside_with_discards_every_staged_file(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("before\n", encoding="utf-8")
    with pytest.raises(RuntimeError), StagedWrites() as staged:
        staged.add(page, "after\n")
        staged.add(tmp_path / "other.html", "other\n")
        raise RuntimeError("a plan did not load")
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
    assert page.read_text(encoding="utf-8") == "before\n"


def test_a_file_changed_since_it_was_staged_stops_every_rename(tmp_path: Path) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    second.write_text("b\n", encoding="utf-8")
    staged = StagedWrites()
    staged.add(first, "new a\n")
    staged.add(second, "new b\n")
    second.write_text("someone else's b, longer\n", encoding="utf-8")
    with pytest.raises(FileChanged, match=r"b\.html changed while it was being written"):
        staged.commit()
    assert not first.exists()
    assert second.read_text(encoding="utf-8") == "someone else's b, longer\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.html"]


def test_a_new_file_gets_the_mode_of_a_new_file_and_leaves_no_temp_file(tmp_path: Path) -> None:
    old_mask = os.umask(0o027)
    try:
        staged = StagedWrites()
        staged.add(tmp_path / "new.html", "made\r\n")
        staged.commit()
    finally:
        os.umask(old_mask)
    made = tmp_path / "new.html"
    assert (made.read_bytes(), made.stat().st_mode & 0o777) == (b"made\r\n", 0o640)
    assert [p.name for p in tmp_path.iterdir()] == ["new.html"]


def test_a_page_that_is_a_link_replaces_the_file_it_points_at(tmp_path: Path) -> None:
    real = tmp_path / "real.html"
    real.write_text("before\n", encoding="utf-8")
    (tmp_path / "page.html").symlink_to(real)
    staged = StagedWrites()
    staged.add(tmp_path / "page.html", "after\n")
    staged.commit()
    assert (tmp_path / "page.html").is_symlink()
    assert real.read_text(encoding="utf-8") == "after\n"


def _many(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    return [folder / f"page-{n:04d}.html" for n in range(count)]


def test_more_files_than_it_holds_in_memory_are_all_committed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("actionplan.editing.write.SPOOL_AT", 4)
    pages = _many(tmp_path / "site", 11)
    pages[3].write_text("old 3\n", encoding="utf-8")  # an existing file goes to the spool too
    staged = StagedWrites()
    entries = [staged.add(page, f"page {n}\n") for n, page in enumerate(pages)]
    staged.drop(entries[1])  # spooled by now: unstaged all the same
    staged.drop(entries[10])  # the latest, still in memory
    assert len(staged) == 9
    staged.commit()
    assert len(staged) == 0
    made = sorted(p.name for p in (tmp_path / "site").iterdir())
    assert made == [p.name for n, p in enumerate(pages) if n not in (1, 10)]  # no temp file left
    assert [pages[n].read_text(encoding="utf-8") for n in (0, 3, 9)] == [
        "page 0\n",
        "page 3\n",
        "page 9\n",
    ]


def test_a_change_to_a_spooled_file_stops_every_rename_and_discard_clears_the_spool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("actionplan.editing.write.SPOOL_AT", 2)
    pages = _many(tmp_path / "site", 6)
    pages[0].write_text("old\n", encoding="utf-8")
    staged = StagedWrites()
    for page in pages:
        staged.add(page, "new\n")
    pages[0].write_text("someone else's, longer\n", encoding="utf-8")
    with pytest.raises(FileChanged, match=r"page-0000\.html changed"):
        staged.commit()
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["page-0000.html"]
    assert len(staged) == 0


def test_take_hands_over_spooled_and_held_entries_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("actionplan.editing.write.SPOOL_AT", 3)
    pages = _many(tmp_path / "site", 8)
    worker, parent = StagedWrites(), StagedWrites()
    for page in pages:
        worker.add(page, page.name)
    taken = worker.take()
    assert ([Path(target).name for target, _token, _before in taken], len(worker)) == (
        [p.name for p in pages],
        0,
    )
    parent.extend(taken)
    parent.commit()
    assert [p.read_text(encoding="utf-8") for p in pages] == [p.name for p in pages]
