"""Check the Word board papers: each plan's `report --whole --format docx`, converted to PDF by
LibreOffice (headless), must be A4 pages only and carry every action's full text (but an
exempt one's, which a published paper leaves out); every chart picture in it must carry alt
text (a title and a description), and the PDF must show each picture. Then every other Word
paper (`OTHER_PAPERS`: the report, status, owners, outcomes and cost-summary, each published
and private) and the papers of all plans at once (portfolio, diff): A4 pages only; status's
carry every action's text, and no published paper an exempt one's.

    python tools/check-docs/check_word.py OUT_DIR [--actionplan .venv/bin/actionplan]

Needs `libreoffice` (Debian: apt-get install libreoffice-writer-nogui) and poppler-utils'
`pdfinfo` and `pdftotext`. Prints one line per paper; exits 1 when any paper fails.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from render_pages import PLANS, ROOT, oldest_commit

from actionplan.output.render import dates_in_words

A4_POINTS = (595, 842)  # portrait; a landscape page is the same turned


def squeezed(text: str) -> str:
    """Text with no whitespace at all: a PDF breaks a cell's lines where it likes."""
    return "".join(text.split())


def to_pdf(papers: list[Path], out: Path) -> None:
    """Convert the Word papers to PDF in `out`, with LibreOffice headless (one run for all)."""
    subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{out / 'libreoffice-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, papers),
        ],
        check=True,
        capture_output=True,
    )


def picture_alt_texts(paper: Path) -> list[bool]:
    """For each picture of the .docx, whether its alt text (docPr title and descr) is there."""
    import zipfile
    from xml.etree import ElementTree

    drawing = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    with zipfile.ZipFile(paper) as archive:
        body = ElementTree.fromstring(archive.read("word/document.xml"))
    return [bool(e.get("title")) and bool(e.get("descr")) for e in body.iter(drawing)]


def check(plan: str, as_of: str, out: Path, actionplan: str) -> list[str]:
    stem = Path(plan).stem
    paper = out / f"report-whole-{stem}.docx"
    subprocess.run(
        [actionplan, "report", plan, "--as-of", as_of, "--whole", "-f", "docx", "-o", str(paper)],
        cwd=ROOT,
        check=True,
        stderr=subprocess.DEVNULL,
    )
    to_pdf([paper], out)
    pdf = paper.with_suffix(".pdf")
    pages, problems = a4_pages(pdf)
    text = squeezed(
        subprocess.run(
            ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
    )
    status = subprocess.run(
        [actionplan, "status", plan, "--as-of", as_of, "-f", "json"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    actions = json.loads(status.stdout)["actions"]
    for action in actions:
        there = squeezed(dates_in_words(action["text"])) in text
        if action.get("exempt") and there:  # a published paper leaves exempt items out
            problems.append(f"exempt action {action['id']}'s text is in the PDF")
        elif not action.get("exempt") and not there:
            problems.append(f"action {action['id']}'s text is not in the PDF")
    pictures = picture_alt_texts(paper)
    problems += [f"picture {n} has no alt text" for n, alt in enumerate(pictures, 1) if not alt]
    listed = subprocess.run(
        ["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]  # two header lines, then one line an image (or its alpha mask)
    images = [line for line in listed if line.split()[2] == "image"]
    if len(images) != len(pictures):
        problems.append(f"{len(pictures)} picture(s) in the paper, {len(images)} in the PDF")
    verdict = "; ".join(problems) or (
        "A4, every published action's text there, every chart a picture with alt text"
    )
    print(
        f"{pdf.name}: {pages} page(s), {len(actions)} action(s), "
        f"{len(pictures)} chart(s): {verdict}"
    )
    return problems


# The other commands' Word papers: (name, command, whether every action's text must be there,
# whether exempt ones are in it too).
OTHER_PAPERS = (
    ("report", ("report",), False, False),
    ("status", ("status",), True, False),
    ("status-private", ("status", "--include-exempt"), True, True),
    ("report-whole-private", ("report", "--whole", "--include-exempt"), True, True),
    ("owners", ("owners",), False, False),
    ("owners-private", ("owners", "--include-exempt"), False, True),
    ("outcomes", ("outcomes",), False, False),
    ("outcomes-private", ("outcomes", "--include-exempt"), False, True),
    ("cost-summary", ("cost-summary",), False, False),
    ("cost-summary-private", ("cost-summary", "--include-exempt"), False, True),
)


def check_others(plan: str, as_of: str, out: Path, actionplan: str) -> list[str]:
    """Every other Word paper of the plan: A4 pages; status's carry every action's text (the
    private ones, with --include-exempt, the exempt ones' too, and no published one has them)."""
    stem = Path(plan).stem
    papers = []
    for name, command, _texts, _exempt in OTHER_PAPERS:
        paper = out / f"{name}-{stem}.docx"
        day = ("--as-of", as_of) if command[0] != "cost-summary" else ()
        subprocess.run(
            [actionplan, command[0], plan, *day, *command[1:], "-f", "docx", "-o", str(paper)],
            cwd=ROOT,
            check=True,
            stderr=subprocess.DEVNULL,
        )
        papers.append(paper)
    to_pdf(papers, out)
    status = subprocess.run(
        [actionplan, "status", plan, "--as-of", as_of, "-f", "json"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    actions = json.loads(status.stdout)["actions"]
    problems = []
    for paper, (_name, _command, texts, exempt) in zip(papers, OTHER_PAPERS, strict=True):
        pdf = paper.with_suffix(".pdf")
        pages, found = a4_pages(pdf)
        if texts or not exempt:
            text = squeezed(
                subprocess.run(
                    ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
                ).stdout
            )
            for action in actions:
                there = squeezed(dates_in_words(action["text"])) in text
                # Every action it should carry (exempt ones in a private paper only); a
                # published paper that carries only some (owners, costs) has no exempt one.
                public = not action.get("exempt")
                should = (exempt or public) if texts else (there and public)
                if there != should:
                    wrong = "there" if there else "missing"
                    found.append(f"{pdf.name}: action {action['id']}'s text is wrongly {wrong}")
        verdict = "; ".join(found) or "A4" + (
            ", every action it should carry there" if texts else ""
        )
        print(f"{pdf.name}: {pages} page(s): {verdict}")
        problems += found
    return problems


def a4_pages(pdf: Path) -> tuple[int, list[str]]:
    """How many pages the PDF has, and each that is not A4 (either way up)."""
    info = subprocess.run(
        ["pdfinfo", "-l", "-1", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    wrong = [
        f"{pdf.name}: page {n} is {w} x {h} pt, not A4"
        for n, (w, h) in enumerate(sizes, start=1)
        if sorted((round(float(w)), round(float(h)))) != list(A4_POINTS)
    ]
    return len(sizes), wrong


def check_across(out: Path, actionplan: str) -> list[str]:
    """The Word papers of all the plans at once: the portfolio (published and private) and the
    diff of the bundled plans from their first commit: A4 pages."""
    plans = list(PLANS)
    commands = {
        "portfolio": ["portfolio", *plans, "--as-of", "2020-03-01"],
        "portfolio-private": ["portfolio", *plans, "--as-of", "2020-03-01", "--include-exempt"],
    }
    oldest = oldest_commit()
    if oldest:
        commands["diff-plans"] = ["diff", oldest, "HEAD"]
    papers = []
    for name, command in commands.items():
        paper = out / f"{name}.docx"
        subprocess.run(
            [actionplan, *command, "-f", "docx", "-o", str(paper)],
            cwd=ROOT,
            check=True,
            stderr=subprocess.DEVNULL,
        )
        papers.append(paper)
    to_pdf(papers, out)
    problems = []
    for paper in papers:
        pages, found = a4_pages(paper.with_suffix(".pdf"))
        print(f"{paper.with_suffix('.pdf').name}: {pages} page(s): {'; '.join(found) or 'A4'}")
        problems += found
    return problems


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--actionplan", default=str(ROOT / ".venv" / "bin" / "actionplan"))
    args = parser.parse_args()
    for tool in ("libreoffice", "pdfinfo", "pdftotext", "pdfimages"):
        if shutil.which(tool) is None:
            print(
                f"check-docs needs {tool}: apt-get install libreoffice-writer-nogui poppler-utils"
            )
            return 1
    args.out.mkdir(parents=True, exist_ok=True)
    failed = sum(
        len(check(plan, as_of, args.out, args.actionplan))
        + len(check_others(plan, as_of, args.out, args.actionplan))
        for plan, as_of in PLANS.items()
    )
    failed += len(check_across(args.out, args.actionplan))
    print(f"{papers_checked(args.out)} Word paper(s) converted, {failed} problem(s) in all")
    return 1 if failed else 0


def papers_checked(out: Path) -> int:
    return len(list(out.glob("*.docx")))


if __name__ == "__main__":
    sys.exit(main())
