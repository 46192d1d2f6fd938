"""Committee trackers: spreadsheets of recommendations and actions, to and from plan files.

Most councils' trackers start life in Excel: one row per action, with columns such as Rec No,
Recommendation, Action, Lead officer, Target date, Status/RAG, Progress and Cost. `import_grid`
reads such a table (from CSV or a sheet of an .xlsx, see `read_grid`) into plan YAML;
`tracker_grid` writes a plan back out as one, so a plan can go to colleagues who live in
spreadsheets and come back.

    columns   each column once: its headers, its plan field, how its cell is written
    cells     reading (and writing) one cell: dates, targets, money, words, dated entries
    grid      a .csv or .xlsx file as rows of cells
    importer  rows → plan YAML text, checked
    exporter  plan → rows → CSV or .xlsx

What a spreadsheet cannot carry: the YAML file's comments and layout, and the plan's outcomes
(with their indicators and measurements), services and projects, and the links to outcomes from
recommendations and actions. Export says what it left out; import(export(plan)) gives the same
plan for everything else.
"""

from actionplan.tracker.exporter import grid_csv, grid_xlsx, tracker_grid
from actionplan.tracker.grid import TrackerError, read_grid, read_grids
from actionplan.tracker.importer import (
    ImportOptions,
    dry_run_lines,
    dry_run_sheets,
    import_grid,
    import_grids,
    parse_mapping,
    parse_status_map,
    status_word_lines,
)

__all__ = [
    "ImportOptions",
    "TrackerError",
    "dry_run_lines",
    "dry_run_sheets",
    "grid_csv",
    "grid_xlsx",
    "import_grid",
    "import_grids",
    "parse_mapping",
    "parse_status_map",
    "read_grid",
    "read_grids",
    "status_word_lines",
    "tracker_grid",
]
