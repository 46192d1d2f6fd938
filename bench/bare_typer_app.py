"""The floor of a Typer CLI that uses Pydantic and PyYAML: import them, print one line.

`bench/bench.py` runs it as `bare_typer_app.py PLAN --as-of DATE`, beside `actionplan status`
and `actionplan lint` on the same plan, so the start-up targets say how much actionplan costs
above what any such app pays to start. It parses the same arguments and reads nothing.
"""

from __future__ import annotations

from pathlib import Path

import pydantic
import typer
import yaml

app = typer.Typer(add_completion=False)


@app.command()
def main(path: Path, as_of: str = "") -> None:
    typer.echo(f"{path}: PyYAML {yaml.__version__}, Pydantic {pydantic.VERSION}, as of {as_of}")


if __name__ == "__main__":
    app()
