"""The chapters declared in `chapters.yml`: notebooks, inputs, dependencies and parameters.

`chapters.yml` is parsed into pydantic models (`ChaptersFile`), so a misspelt key or a wrong
type fails with the file, line and key. `check` validates parameter values; the CLI calls it
before anything runs, and each notebook calls it (through `from_namespace`) just after its
`parameters` cell, so a bad value fails at once whichever way the notebook is run.
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from . import runs, vocab
from .errors import InputError
from .paths import CHAPTERS_SPEC, ROOT, relative
from .yaml_spec import Spec, parse

TYPES = ("str", "int", "float", "bool", "date", "path", "choice", "list", "run")
TRUE_WORDS, FALSE_WORDS = ("true", "yes", "on", "1"), ("false", "no", "off", "0")


class ParameterSpec(Spec):
    type: Literal["str", "int", "float", "bool", "date", "path", "choice", "list", "run"]
    default: Any
    help: str = ""
    choices: list[str] | str | None = None
    min: float | None = None
    max: float | None = None
    # For `path`: the file endings accepted, and a check run before any kernel starts
    # ("module:function", called with the path; raises InputError naming file, row, column).
    extensions: list[str] = []
    check: str | None = None


class ChapterSpec(Spec):
    # The chapter's number or appendix letter ("1", "A"): tables are numbered "Table 1.2".
    label: str = ""
    notebook: str
    reads: list[str] = []
    depends_on: list[str] = []
    parameters: dict[str, ParameterSpec] = {}
    # Pairs of parameters whose values must be in order (first <= second).
    ordered: list[tuple[str, str]] = []


class ChaptersFile(Spec):
    chapters: dict[str, ChapterSpec]


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: object
    help: str = ""
    choices: tuple = ()
    min: float | None = None
    max: float | None = None
    extensions: tuple = ()
    check: str | None = None

    def describe(self) -> str:
        """One line for `skillmix list`."""
        extra = ""
        if self.choices:
            extra = f" one of: {', '.join(self.choices)}" + (
                " (comma-separated, or all)" if self.type == "list" else ""
            )
        elif self.min is not None or self.max is not None:
            extra = f" in [{self.min}, {self.max}]"
        return f"{self.name} ({self.type}, default {self.default!r}){extra} — {self.help}"


@dataclass(frozen=True)
class Chapter:
    name: str
    notebook: str
    reads: tuple
    depends_on: tuple
    parameters: dict = field(default_factory=dict)
    ordered: tuple = ()
    label: str = ""

    def defaults(self) -> dict:
        return {p.name: p.default for p in self.parameters.values()}


def _choices(raw) -> tuple:
    if isinstance(raw, str):
        if not raw.startswith("vocab:") or raw.removeprefix("vocab:") not in vocab.VOCABULARIES:
            raise InputError(
                "choices must be a list or vocab:NAME",
                file=CHAPTERS_SPEC.name,
                value=raw,
                allowed=[f"vocab:{name}" for name in vocab.VOCABULARIES],
            )
        return tuple(vocab.VOCABULARIES[raw.removeprefix("vocab:")])
    return tuple(str(c) for c in (raw or ()))


def _minmax(value):
    """Bounds as declared: whole numbers stay int (so `skillmix list` shows 1, not 1.0)."""
    return int(value) if value is not None and float(value).is_integer() else value


@cache
def chapters(spec_path: Path = CHAPTERS_SPEC) -> dict[str, Chapter]:
    """The chapters declared in `chapters.yml`, in book order."""
    spec = parse(ChaptersFile, spec_path)
    out = {}
    for name, entry in spec.chapters.items():
        params = {
            pname: Parameter(
                pname,
                p.type,
                p.default,
                p.help,
                _choices(p.choices),
                _minmax(p.min),
                _minmax(p.max),
                tuple(p.extensions),
                p.check,
            )
            for pname, p in entry.parameters.items()
        }
        unknown = [n for pair in entry.ordered for n in pair if n not in params]
        if unknown:
            raise InputError(
                f"chapter '{name}': 'ordered' names an undeclared parameter",
                file=Path(spec_path).name,
                value=unknown[0],
                allowed=list(params),
            )
        out[name] = Chapter(
            name,
            entry.notebook,
            tuple(entry.reads),
            tuple(entry.depends_on),
            params,
            tuple(entry.ordered),
            entry.label,
        )
    return out


def chapter(name: str) -> Chapter:
    known = chapters()
    if name not in known:
        raise InputError("unknown chapter", value=name, allowed=list(known))
    return known[name]


def _convert(param: Parameter, value):
    """Coerce a value (possibly a string from the command line) to the parameter's type."""
    kind = param.type
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        raise ValueError("not a true/false value")
    if kind == "choice" and isinstance(value, bool):
        # YAML reads an unquoted on/off, yes/no or true/false as a boolean: take the word meant.
        words = [c for c in param.choices if c.lower() in (TRUE_WORDS if value else FALSE_WORDS)]
        return words[0] if words else str(value)
    if kind == "int":
        number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        if number is None and not isinstance(value, bool):
            try:
                number = float(str(value))
            except ValueError:
                number = None
        if number is None or not math.isfinite(number) or not float(number).is_integer():
            raise ValueError("not a whole number")
        return int(number)
    if kind == "float":
        if isinstance(value, bool):
            raise ValueError("not a number")
        number = float(value)
        if not math.isfinite(number):
            raise ValueError("not a finite number")
        return number
    if kind == "date":
        return dt.date.fromisoformat(str(value)).isoformat()
    return str(value) if value is not None else ""


def _check_one(chapter_name: str, param: Parameter, value):
    where = f"parameter '{param.name}' of chapter '{chapter_name}'"
    try:
        value = _convert(param, value)
    except ValueError as exc:
        raise InputError(f"{where}: {exc}; expected {param.type}", value=value) from None
    if param.min is not None and value < param.min or param.max is not None and value > param.max:
        raise InputError(f"{where} is out of range", value=value, allowed=f"{param.min} to {param.max}")
    if param.type == "choice" and value not in param.choices:
        raise InputError(f"{where} has an invalid value", value=value, allowed=param.choices)
    if param.type == "list" and value != "all":
        items = [v.strip() for v in value.split(",") if v.strip()]
        bad = [v for v in items if v not in param.choices]
        if bad or not items:
            raise InputError(f"{where} has an invalid value", value=bad or value, allowed=("all",) + param.choices)
    if param.type == "path" and value:
        path = resolve_path(value)
        if not path.is_file():
            raise InputError(f"{where}: file not found", value=value)
        if param.extensions and path.suffix.lower() not in param.extensions:
            raise InputError(f"{where}: unsupported file type", value=path.name, allowed=param.extensions)
    if param.type == "run" and value:
        runs.check_finished(value, where)
    return value


def resolve_path(value: str) -> Path:
    """A path parameter: absolute as given, otherwise relative to the project root."""
    path = Path(value).expanduser()
    return path if path.is_absolute() else ROOT / path


def shown(chapter_name: str, values: dict) -> dict:
    """`values` as a run records and shows them: a `path` parameter as `paths.relative` gives it
    (relative to the project root, or the file's name alone for a file elsewhere), so no
    machine's absolute path reaches a manifest, a status file or an executed notebook."""
    params = chapter(chapter_name).parameters
    return {
        name: relative(resolve_path(value)) if name in params and params[name].type == "path" and value else value
        for name, value in values.items()
    }


def check(chapter_name: str, **values) -> dict:
    """Validate a full or partial set of parameter values; return them with defaults filled in.

    Raises InputError naming the valid parameters for an unknown name, or the allowed values
    for an invalid one.
    """
    spec = chapter(chapter_name)
    unknown = sorted(set(values) - set(spec.parameters))
    if unknown:
        raise InputError(
            f"unknown parameter for chapter '{chapter_name}'",
            value=unknown[0],
            allowed=list(spec.parameters) or "(this chapter takes no parameters)",
        )
    merged = {**spec.defaults(), **values}
    checked = {name: _check_one(chapter_name, spec.parameters[name], merged[name]) for name in spec.parameters}
    for first, second in spec.ordered:
        if checked[first] > checked[second]:
            raise InputError(
                f"parameters of chapter '{chapter_name}' out of order: '{first}' ({checked[first]}) "
                f"is after '{second}' ({checked[second]})",
                allowed=f"{first} <= {second}",
            )
    return checked


def run_checks(chapter_name: str, values: dict) -> None:
    """Run the declared `check` of every `path` parameter that is set (before any kernel starts)."""
    for name, param in chapter(chapter_name).parameters.items():
        if param.type == "path" and param.check and values.get(name):
            module, function = param.check.split(":")
            getattr(importlib.import_module(module), function)(resolve_path(values[name]))


def as_list(value: str, choices) -> list[str]:
    """A `list` parameter as a list: 'all' means every choice."""
    if value == "all":
        return list(choices)
    return [v.strip() for v in value.split(",") if v.strip()]


def from_namespace(chapter_name: str, namespace: dict) -> dict:
    """The chapter's validated parameters, taken from a notebook's variables (`globals()`)
    under the names `chapters.yml` declares, so a notebook never restates them.

    Fails if the notebook's `parameters` cell left a declared parameter out.
    """
    declared = chapter(chapter_name).parameters
    missing = [name for name in declared if name not in namespace]
    if missing:
        raise InputError(
            f"the parameters cell of chapter '{chapter_name}' does not set a declared parameter",
            value=missing[0],
            allowed=list(declared),
        )
    return check(chapter_name, **{name: namespace[name] for name in declared})


class ChapterFacade:
    """Base of every chapter façade (`skillmix/<domain>/chapter.py`): the only object a chapter
    notebook calls. A subclass sets `NAME` (its key in chapters.yml), loads and computes from
    `params`, and returns `core.artifacts` objects and dicts of values to glue."""

    NAME: str = ""

    def __init__(self, params: dict):
        self.params = params

    @classmethod
    def from_notebook(cls, namespace: dict):
        """The façade built from a notebook's variables (`globals()`) after its parameters cell."""
        return cls(from_namespace(cls.NAME, namespace))
