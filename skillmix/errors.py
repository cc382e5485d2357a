"""One error type for bad input, naming the file, row, column, value and what is allowed."""
from __future__ import annotations


class InputError(ValueError):
    """Bad input data or parameters; the message says exactly where and what is allowed."""

    def __init__(self, problem: str, *, file=None, row=None, column=None, value=None, allowed=None):
        self.problem, self.file, self.row, self.column = problem, file, row, column
        self.value, self.allowed = value, allowed
        parts = []
        if file is not None:
            parts.append(f"{file}")
        if row is not None:
            parts.append(f"row {row}")
        if column is not None:
            parts.append(f"column '{column}'")
        where = ", ".join(parts)
        message = f"{where}: {problem}" if where else problem
        if value is not None:
            message += f" (got {value!r})"
        if allowed is not None:
            shown = allowed if isinstance(allowed, str) else ", ".join(map(str, allowed))
            message += f"; allowed: {shown}"
        super().__init__(message)
