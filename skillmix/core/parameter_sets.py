"""Parameter sets for `run`: `-p NAME VALUE` pairs and a `-f` YAML file.

The file holds either one mapping of NAME: VALUE, or a sweep: `runs:` mapping run names to
such mappings and/or `grid:`, a mapping of NAME: [VALUES] (or a list of such mappings) that
expands to every combination, each run named after its values (one book per parameter set).
A name given twice (on the command line, as a key in the file or as a run name) is an error,
never silently the last one; every error names the file and line.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import yaml

from .errors import InputError
from .paths import relative
from .runs import check_name
from .runs import run_name as derived_name

SWEEP_KEYS = {"runs", "grid"}


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice in one mapping."""

    file = ""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise InputError(
                    f"'{key}' given twice (first on line {seen[key]})",
                    file=self.file,
                    line=key_node.start_mark.line + 1,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def _load(path: Path):
    file = relative(path)
    if not path.is_file():
        raise InputError("parameter file not found", file=file)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not a UTF-8 text file ({exc.reason})", file=file) from None
    loader = type("Loader", (_UniqueKeyLoader,), {"file": file})
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}", file=file, line=mark.line + 1 if mark else None
        ) from None


def _flat(mapping, file, where: str) -> dict:
    if not isinstance(mapping, dict):
        raise InputError(f"{where} must be a mapping of NAME: VALUE", file=file, value=type(mapping).__name__)
    for name, value in mapping.items():
        if not isinstance(name, str):
            raise InputError(f"{where}: parameter names are words", file=file, value=name)
        if isinstance(value, dict | list):
            raise InputError(f"{where}: parameter '{name}' must be a single value", file=file, value=value)
    return dict(mapping)


def _run_name(name: str, file) -> str:
    try:
        return check_name(name)
    except InputError as exc:
        raise InputError(exc.problem, file=file, value=exc.value, allowed=exc.allowed) from None


def from_pairs(pairs) -> dict:
    """`-p NAME VALUE` pairs as a mapping; a name given twice is refused."""
    out = {}
    for name, value in pairs:
        if name in out:
            raise InputError(f"parameter '{name}' given twice with -p", value=[out[name], value])
        out[name] = value
    return out


def _merge(from_file: dict, overrides: dict, file) -> dict:
    both = sorted(set(from_file) & set(overrides))
    if both:
        raise InputError(f"parameter '{both[0]}' given both in the file and with -p", file=file)
    return {**from_file, **overrides}


def parameter_sets(pairs, file=None, name=None) -> dict:
    """Run name (None: derived from the overrides) -> overrides."""
    overrides = from_pairs(pairs)
    if name is not None:
        check_name(name)
    if not file:
        return {name: overrides}
    path = Path(file)
    loaded = _load(path)
    shown = relative(path)
    if loaded is None:
        raise InputError("the parameter file is empty", file=shown)
    if isinstance(loaded, dict) and SWEEP_KEYS & set(loaded):
        if set(loaded) - SWEEP_KEYS:
            raise InputError(
                "a sweep file holds only 'runs:' and 'grid:'", file=shown, value=sorted(set(loaded) - SWEEP_KEYS)
            )
        if name is not None:
            raise InputError("--name cannot be used with a sweep file (runs are named in it)", file=shown)
        sets = _named_runs(loaded.get("runs"), shown) if "runs" in loaded else {}
        for run, values in _grid_runs(loaded.get("grid"), shown) if "grid" in loaded else []:
            if run in sets:
                raise InputError("two runs of the sweep have the same name", file=shown, value=run)
            sets[run] = values
        return {run: _merge(values, overrides, shown) for run, values in sets.items()}
    return {name: _merge(_flat(loaded, shown, "the parameter file"), overrides, shown)}


def _named_runs(runs, file) -> dict:
    if not isinstance(runs, dict) or not runs:
        raise InputError("'runs' must map run names to parameter mappings", file=file)
    return {_run_name(str(run), file): _flat(values, file, f"run '{run}'") for run, values in runs.items()}


def _grid_runs(grid, file) -> list[tuple[str, dict]]:
    """Every combination of each grid's values, as (run name, parameters), in file order."""
    grids = grid if isinstance(grid, list) else [grid]
    out = []
    for number, one in enumerate(grids, start=1):
        where = "'grid'" if len(grids) == 1 else f"grid {number}"
        if not isinstance(one, dict) or not one:
            raise InputError(f"{where} must map parameter names to lists of values", file=file)
        axes = {}
        for key, values in one.items():
            values = values if isinstance(values, list) else [values]
            if not isinstance(key, str):
                raise InputError(f"{where}: parameter names are words", file=file, value=key)
            if not values or any(isinstance(v, dict | list) for v in values):
                raise InputError(f"{where}: '{key}' must list one or more single values", file=file, value=values)
            if len(set(map(str, values))) != len(values):
                raise InputError(f"{where}: '{key}' lists a value twice", file=file, value=values)
            axes[key] = values
        for combination in itertools.product(*axes.values()):
            values = dict(zip(axes, combination, strict=True))
            out.append((derived_name(values), values))
    return out
