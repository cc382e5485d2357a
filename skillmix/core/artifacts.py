"""What a chapter hands to the publishing layer: tables, figures and values to glue
(numbers, plain text, or `MarkdownText`).

A chapter façade builds these objects and never writes a file; `skillmix.publish` decides
how and where each one is written and shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd


class MarkdownText(str):
    """Text to be glued as markdown (pasted with {glue:md}), not as plain text."""


@dataclass(frozen=True)
class Table:
    """A table for a reader.

    `frame` is what the page shows. `name`, if given, is the file name (without `.csv`) of
    the download under the chapter's outputs; `data` is what that CSV holds when it differs
    from `frame` (by default, `frame` itself). `link_column` names a column of URLs shown as
    links.
    """

    frame: pd.DataFrame
    name: str | None = None
    data: pd.DataFrame | None = None
    link_column: str | None = None

    @property
    def download(self) -> pd.DataFrame:
        return self.frame if self.data is None else self.data


@dataclass(frozen=True)
class Figure:
    """A drawn figure (matplotlib) and the data behind it, saved together under `name`."""

    figure: Any
    data: pd.DataFrame
    name: str
