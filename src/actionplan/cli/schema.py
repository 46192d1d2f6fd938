"""`actionplan schema`."""

from __future__ import annotations

from actionplan.cli.app import app
from actionplan.cli.common import OutputOpt, emit


@app.command()
def schema(
    output: OutputOpt = None,
) -> None:
    """Print the JSON Schema of the plan format, generated from its models.

    Editors use it to validate and complete plan files as you type; the committed copy lives in
    schema/actionplan.schema.json.

    Example: actionplan schema --output schema/actionplan.schema.json
    """
    from actionplan.model.schema import plan_json_schema_text

    emit(plan_json_schema_text(), output)
