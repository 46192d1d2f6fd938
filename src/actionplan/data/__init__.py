"""Every plan as data for analysts: one SQLite database, or a Frictionless data package.

`tables` declares the tables once (columns, types, keys, and the plan field each column holds);
`rows` turns one loaded plan into rows of those tables; `export` reads the plans one at a time
and hands each plan's rows to a writer: `sqlite` (a database with views for the common
questions) or `datapackage` (one CSV per table and a `datapackage.json`). Nothing here prints,
reads the clock or knows about the command line.
"""
