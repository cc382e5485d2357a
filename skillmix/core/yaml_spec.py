"""Declared inputs written in YAML (chapters.yml, lessons.yml, the survey code book), parsed
into pydantic models: an unknown key or a wrong type fails with the file, the line and the
key path."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import InputError
from .paths import relative

M = TypeVar("M", bound=BaseModel)
# libyaml's parser when PyYAML has it (it always has in the pinned environment): the same
# documents, parsed several times faster than by the pure-Python parser.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Spec(BaseModel):
    """Base of every declared-input model: unknown keys are errors, values are not coerced
    silently from one kind to another (a list is never taken for a string)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def line_at(node, loc) -> int | None:
    """The 1-based line of the YAML node at key path `loc` (as deep as the path can be followed)."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if k.value == str(key)]
            if not match:
                break
            key_node, node = match[0]
            line = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def load_yaml(path) -> tuple[object, object]:
    """The parsed YAML document of `path` and its node tree (for line numbers)."""
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", file=relative(path))
    text = path.read_text(encoding="utf-8")
    try:
        return safe_load(text), yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}", file=relative(path), line=mark.line + 1 if mark else None
        ) from None


def safe_load(text: str):
    """`yaml.safe_load` with `LOADER`."""
    return yaml.load(text, Loader=LOADER)  # noqa: S506 - a safe loader


def parse(model: type[M], path, data=None, node=None) -> M:
    """Validate `data` (by default, the YAML document at `path`) as `model`.

    Raises InputError naming the file, line and key path of the first problem.
    """
    if data is None:
        data, node = load_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        # A misspelt key shows as an unknown key and as a missing one: report the unknown key.
        first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        loc = [k for k in first["loc"] if not (isinstance(k, str) and k.startswith("function-"))]
        key = ".".join(map(str, loc)) or None
        message = first["msg"].replace("Extra inputs are not permitted", "unknown key")
        raise InputError(message, file=relative(path), line=line_at(node, loc), key=key) from None
