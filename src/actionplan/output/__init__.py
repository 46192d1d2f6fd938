"""Output: table layout, the terminal, and every format a report is written in."""
