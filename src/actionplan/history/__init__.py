"""Reading plans from git: one reader (`history.git`), plans at a revision and along the
first-parent line with each distinct blob parsed once (`history.reader`)."""
