"""Runs with other parameters: their names, folders under `_build/runs/`, and status.

A run's folder is `_build/runs/<name>/` and holds `run_status.json` ("running", "finished" or
"failed"), written by the pipeline. Names are plain words (letters, digits, `_` and `-`, not
starting with `-` or `.`), so a name can never be a path.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from .errors import InputError
from .paths import BUILD

RUNS = BUILD / "runs"
STATUS_FILE = "run_status.json"
NAME_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}"
MAX_READABLE = 48  # characters of a derived run name before its hash
NAME_RULE = "1 to 64 letters, digits, '_' or '-', starting with a letter or digit"


def check_name(name: str, what: str = "run name") -> str:
    """`name` if it is a valid run name; InputError otherwise."""
    if not isinstance(name, str) or not re.fullmatch(NAME_PATTERN, name):
        raise InputError(f"invalid {what}", value=name, allowed=NAME_RULE)
    return name


def run_name(overrides: dict) -> str:
    """A folder name for a parameter set, e.g. `roles-nursing_associate`.

    Where the readable form loses anything (characters outside the name rule, or length), a
    short hash of the whole parameter set is appended, so different sets never share a folder.
    """
    text = "_".join(f"{k}-{v}" for k, v in sorted(overrides.items()))
    readable = re.sub(r"[^A-Za-z0-9_-]+", "-", text)[:MAX_READABLE].strip("-_") or "run"
    if readable == text:
        return readable
    digest = hashlib.sha256(json.dumps(overrides, sort_keys=True, default=str).encode()).hexdigest()[:10]
    return f"{readable}-{digest}"


def folder(name: str, runs_dir: Path = RUNS) -> Path:
    """The folder of run `name`: always directly under `_build/runs/`."""
    return Path(runs_dir) / check_name(name)


def status(name: str, runs_dir: Path = RUNS) -> str | None:
    """The recorded status of run `name`, or None if it has no status file."""
    path = folder(name, runs_dir) / STATUS_FILE
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("status")
    except (ValueError, AttributeError):
        return None


def write_status(book: Path, state: str, parameters: dict | None = None) -> None:
    """Record a run's status in its folder (atomically), with its parameters (chapter -> values)
    as a run shows them (`chapter_spec.shown`: never a machine's absolute path)."""
    from .chapter_spec import chapters, shown  # chapter_spec imports this module

    known = chapters()
    parameters = {c: shown(c, v) if c in known else v for c, v in (parameters or {}).items()}
    path = Path(book) / STATUS_FILE
    tmp = path.with_name(f".{STATUS_FILE}.tmp")
    tmp.write_text(json.dumps({"status": state, "parameters": parameters or {}}, indent=2, sort_keys=True) + "\n")
    os.replace(tmp, path)


def finished_runs(runs_dir: Path = RUNS) -> list[str]:
    runs_dir = Path(runs_dir)
    if not runs_dir.is_dir():
        return []
    return sorted(p.name for p in runs_dir.iterdir() if p.is_dir() and status(p.name, runs_dir) == "finished")


def check_finished(name: str, where: str = "run") -> str:
    """`name` if it names a run that finished; InputError listing the finished runs otherwise."""
    check_name(name, f"{where}: run name")
    state = status(name)
    if state != "finished":
        problem = "is not a run" if state is None else f"did not finish (status: {state})"
        raise InputError(f"{where}: '{name}' {problem}", allowed=finished_runs() or "(no finished runs)")
    return name
