"""One error type for bad input, naming the file, line or row, column, value and what is allowed."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input data or parameters; the message says exactly where and what is allowed.

    `line` is a line of a text file (the header of a CSV is line 1); `row` names a row where
    lines do not apply (a spreadsheet row, a respondent); `key` is a key path in a YAML file.
    """

    def __init__(
        self, problem: str, *, file=None, line=None, row=None, column=None, key=None, value=None, allowed=None
    ):
        self.problem, self.file, self.line, self.row, self.column = problem, file, line, row, column
        self.key = key
        self.value, self.allowed = value, allowed
        parts = [str(file)] if file is not None else []
        if line is not None:
            parts.append(f"line {line}")
        if row is not None:
            parts.append(f"row {row}")
        if column is not None:
            parts.append(f"column '{column}'")
        if key is not None:
            parts.append(f"key '{key}'")
        where = ", ".join(parts)
        message = f"{where}: {problem}" if where else problem
        if value is not None:
            message += f" (got {value!r})"
        if allowed is not None:
            shown = allowed if isinstance(allowed, str) else ", ".join(map(str, allowed))
            message += f"; allowed: {shown}"
        super().__init__(message)
