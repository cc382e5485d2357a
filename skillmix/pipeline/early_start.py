"""Start a chapter's kernel while the chapters it depends on are still running.

When a worker would otherwise sit idle, the process pool hands it a chapter whose inputs are
still being made. The worker starts the chapter's kernel (a fresh one, as always), loads into
it the modules the notebook's setup cell imports (in a namespace of their own: no name is
bound in the notebook's), and only then waits for the chapters it depends on. The notebook's
first cell runs after every one of them has finished and installed its outputs, so what the
chapter computes is as it would be if it had been started later; only the kernel's start-up
and imports have moved off the run's critical path.

The parent process reports each finished chapter by a small status file beside the run's
temporary notebooks (`_build/tmp/<run id>-<chapter>.status`), removed with them.
"""

from __future__ import annotations

import ast
import asyncio
import time
from pathlib import Path

from ..core.paths import BUILD

TMP = BUILD / "tmp"  # a run's temporary notebooks and these status files
POLL_SECONDS = 0.02
PRELOAD_TIMEOUT = 300


class InputsNotMade(Exception):
    """A chapter this one waited for failed or was not run."""


def status_file(run_id: str, chapter: str) -> Path:
    return TMP / f"{run_id}-{chapter}.status"


def report(run_id: str, chapter: str, status: str) -> None:
    """Parent: record that `chapter` has finished with `status` (executed, skipped, failed...)."""
    path = status_file(run_id, chapter)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(status, encoding="utf-8")
    tmp.replace(path)


def setup_modules(nb) -> tuple[str, ...]:
    """The modules imported by a notebook's setup cell (its first code cell after the
    parameters), in the order written."""
    code = [c for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]
    if not code:
        return ()
    try:
        tree = ast.parse(code[0].source)
    except SyntaxError:
        return ()  # the notebook reports it when the cell runs
    modules = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.append(node.module)
    return tuple(dict.fromkeys(modules))


def preload_code(modules: tuple[str, ...]) -> str:
    """Code that imports `modules` in a throwaway namespace; an import that fails is left for the
    notebook's own cell to report."""
    lines = [f"try:\n    import {m}\nexcept Exception:\n    pass" for m in modules]
    return f"exec({chr(10).join(lines)!r}, {{}})"


def waiting_hook(run_id: str, wait_for: tuple[str, ...], modules: tuple[str, ...], managers: list, ready: list):
    """nbclient's `on_notebook_start` hook: preload `modules`, then wait until every chapter in
    `wait_for` has a status, and append the time to `ready`. If one was neither executed nor
    skipped, stop the kernel and its clients and raise InputsNotMade."""

    async def hook(notebook) -> None:
        manager = managers[-1]
        if modules:  # through nbclient's own client: a second one would share its session's identity
            code = preload_code(modules)
            await manager.clients[-1].execute(
                code, silent=True, store_history=False, reply=True, timeout=PRELOAD_TIMEOUT
            )
        while not all(status_file(run_id, c).exists() for c in wait_for):
            await asyncio.sleep(POLL_SECONDS)
        ready.append(time.monotonic())
        made = ("executed", "skipped")
        failed = [c for c in wait_for if status_file(run_id, c).read_text(encoding="utf-8") not in made]
        if failed:
            await manager.shutdown_kernel(now=True)
            for client in manager.clients:
                client.stop_channels()
            raise InputsNotMade(f"not run: depends on {', '.join(failed)}")

    return hook
