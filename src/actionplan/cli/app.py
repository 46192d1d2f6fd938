"""The Typer application and its global options, and how every command's help and bad-value
errors are worded (in words a person uses, never a Python type or a Pydantic message)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, get_args, get_origin

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from actionplan import __version__
from actionplan.errors import ActionPlanError

if TYPE_CHECKING:
    from typer import _click as click  # the Click that Typer carries (for types only)


class BadValue(typer.BadParameter):
    """A value an option or argument cannot take, said in one sentence that names the option,
    the value and what to give instead: `--format 'githib' is not one of text, json, ….`.

    A usage error like Click's own (exit 2, after the usage line), without Click's
    "Invalid value for '--format' / '-f':" in front, since the sentence names the option."""

    def format_message(self) -> str:
        return self.message


# What a value is, in the help's middle column, for an option given no metavar of its own.
_WORDS: dict[Any, str] = {str: "TEXT", int: "NUMBER", float: "NUMBER", date: "DATE"}


def value_word(param: TyperOption | TyperArgument) -> str:
    """The word for what an option without a metavar takes: FILE, DIR, PATH, TEXT, NUMBER…;
    for a choice, the option's own name (FORMAT, STATUS), its help listing the choices."""
    descriptor = param.type_descriptor
    info = descriptor.parameter_info
    name = (param.name or "value").upper()
    if descriptor.is_choice:
        return name
    if descriptor.is_path:
        if not info.dir_okay:
            return "FILE"
        return "DIR" if not info.file_okay else "PATH"
    annotation: Any = descriptor.annotation
    if get_origin(annotation) is list:  # an option given more than once: what each one is
        annotation = get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, Path):
        return "PATH"
    return _WORDS.get(annotation, name)


def option_name(param: TyperOption | TyperArgument) -> str:
    """How a message names the option (its long form, `--format`) or argument (`PATH`)."""
    if isinstance(param, TyperOption):
        return next((o for o in param.opts if o.startswith("--")), param.opts[0])
    return param.metavar or (param.name or "value").upper()


def _choice(value: Any) -> str:
    return str(value.value) if isinstance(value, Enum) else str(value)


def _reworded(param: TyperOption | TyperArgument, error: typer.BadParameter) -> str | None:
    """The sentence for a value Typer's Pydantic coercion refused, or None for an error that
    did not come from it (those are Click's own words, such as "path 'x' does not exist")."""
    from pydantic import ValidationError

    cause = error.__cause__
    if not isinstance(cause, ValidationError) or not cause.errors():
        return None
    problem = cause.errors()[0]
    who, given = option_name(param), repr(str(problem.get("input", "")))
    choices = param.type_descriptor.choices
    if choices is not None:
        return f"{who} {given} is not one of {', '.join(_choice(c) for c in choices)}."
    kind, limit = problem["type"], problem.get("ctx", {})
    if kind in ("int_parsing", "int_from_float", "int_type"):
        low = getattr(param, "min", None)
        example = param.default if isinstance(param.default, int) else (low or 1)
        return f"{who} {given} is not a whole number: write it in digits, e.g. {who} {example}."
    if kind in ("float_parsing", "float_type", "decimal_parsing"):
        return f"{who} {given} is not a number: write it in digits, e.g. {who} 1.5."
    if kind == "greater_than_equal":
        return f"{who} {given} is less than {limit['ge']}: give {limit['ge']} or more."
    if kind == "greater_than":
        return f"{who} {given} is not more than {limit['gt']}: give more than {limit['gt']}."
    if kind == "less_than_equal":
        return f"{who} {given} is more than {limit['le']}: give {limit['le']} or less."
    if kind == "less_than":
        return f"{who} {given} is not less than {limit['lt']}: give less than {limit['lt']}."
    message = str(problem["msg"]).removeprefix("Value error, ")
    if message.startswith("Input should be "):
        return f"{who} {given} should be {message.removeprefix('Input should be ')}."
    return f"{who} {given}: {message}"


def _range_words(low: float | None, high: float | None) -> str | None:
    """A number's range as help says it: `0 or more`, not Typer's `x>=0`."""
    if low is None and high is None:
        return None
    if high is None:
        return f"{low} or more"
    return f"{high} or less" if low is None else f"{low} to {high}"


def _coerced(
    process: Callable[[click.Context, Any], Any],
    param: TyperOption | TyperArgument,
    ctx: click.Context,
    value: Any,
) -> Any:
    """`process(ctx, value)`, with a value Typer's coercion refused said as a `BadValue`."""
    try:
        return process(ctx, value)
    except typer.BadParameter as error:
        sentence = _reworded(param, error)
        if sentence is None:
            raise
        raise BadValue(sentence, ctx=ctx, param=param) from None


# What every option and argument of actionplan has instead of Typer's own behaviour:
# - help shows what a value is (FILE, DATE, FORMAT…), never Typer's `<bool>`, `<str>` or
#   `<list[Path]>`: a flag shows nothing, an option its metavar or else `value_word`, an
#   argument its name (the metavar) and nothing beside it; a range reads `0 or more`;
# - a value Typer's coercion refuses is said as a `BadValue` sentence, not as Pydantic's
#   "Value error, …" or "Input should be …".
# Typer builds its own TyperOption and TyperArgument objects; `_WordedParams` makes each one
# of these subclasses (which add methods, no state: hence __slots__ and single inheritance).


class _Option(TyperOption):
    __slots__ = ()

    def display_type_rich(self, ctx: click.Context) -> str | None:
        if self.metavar is not None:
            return self.metavar or None
        if self.is_flag or self.count:
            return None
        return value_word(self)

    def _get_number_range_help_str(self) -> str | None:
        return _range_words(self.min, self.max)

    def process_value(self, ctx: click.Context, value: Any) -> Any:
        return _coerced(super().process_value, self, ctx, value)


class _Argument(TyperArgument):
    __slots__ = ()

    def display_type_rich(self, ctx: click.Context) -> str | None:
        return None  # the name column (the metavar) already says what it is

    def _get_number_range_help_str(self) -> str | None:
        return _range_words(self.min, self.max)

    def process_value(self, ctx: click.Context, value: Any) -> Any:
        return _coerced(super().process_value, self, ctx, value)


_WORDED: dict[type, type] = {TyperOption: _Option, TyperArgument: _Argument}


class _WordedParams:
    """A command whose parameters (its --help too, which Click makes late) are `_Option`s
    and `_Argument`s."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params: list[click.Parameter] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            worded = _WORDED.get(type(param))
            if worded is not None:
                param.__class__ = worded  # same object and state, the methods above
        return params


class Command(_WordedParams, TyperCommand):
    """Every actionplan command (the default `cls` of `ActionplanTyper.command`)."""

    def invoke(self, ctx: click.Context) -> Any:
        # The one place an ActionPlanError from any command becomes `Error: …` and exit 1.
        try:
            return super().invoke(ctx)
        except ActionPlanError as error:
            typer.echo(f"Error: {error}", err=True)
            raise typer.Exit(1) from None


class Group(_WordedParams, TyperGroup):
    """The `actionplan` group: its own options (--version, --help) are worded the same way."""


class ActionplanTyper(typer.Typer):
    """A Typer app whose commands are all `Command`s, so no command can miss the wording."""

    def command(  # type: ignore[override]
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return super().command(name, cls=cls or Command, **kwargs)


app = ActionplanTyper(
    name="actionplan",
    cls=Group,
    help="Council action plans as YAML files under version control: lint them, see their "
    "status before a board meeting, total their costs and track their outcomes.\n\n"
    "Example: actionplan lint plans/",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"actionplan {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Council action plans as YAML files under version control."""
