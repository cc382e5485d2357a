"""The browser tools (tools/browser): make check-html skips clearly without Chromium; with it,
their own tests run (checker on a site with known faults, figure-text and allow-list units)."""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

from skillmix.core.paths import PACKAGE

TOOLS = PACKAGE.parent / "tools" / "browser"
RUN = TOOLS / "run"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
HOW_TO = (
    "Install Chromium (Debian: apt-get install -y chromium poppler-utils, and nodejs npm if Node.js is "
    "missing), then run make check-html."
)


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "SKILLMIX_REQUIRE_BROWSER")}
    return {**env, **extra}


def _run(*args, **env) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(RUN), *args], capture_output=True, text=True, env=_env(**env), timeout=600)


def test_without_chromium_the_check_says_skipped_and_how_to_run_it():
    done = _run("--skip-if-missing", "check_html.mjs", CHROMIUM="/nonexistent/chromium")
    assert done.returncode == 0
    assert "SKIPPED: the browser check" in done.stderr
    assert "apt-get install -y chromium" in done.stderr


def test_without_chromium_ci_fails_instead_of_skipping():
    done = _run("--skip-if-missing", "check_html.mjs", CHROMIUM="/nonexistent/chromium", CI="true")
    assert done.returncode == 3
    assert "SKIPPED" not in done.stderr
    assert "cannot run: missing Chromium" in done.stderr


def test_printing_needs_chromium_and_says_so():
    done = _run("print_pdf.mjs", CHROMIUM="/nonexistent/chromium")
    assert done.returncode == 3
    assert "cannot run" in done.stderr


@pytest.mark.slow
def test_the_browser_tools_own_tests():
    """Runs tools/browser/test (node --test), which drive Chromium; skipped, with a warning that
    says how to run the browser check, where Chromium or Node.js is missing."""
    missing = [
        name
        for name, ok in (("Chromium", CHROMIUM.exists()), ("node", shutil.which("node")), ("npm", shutil.which("npm")))
        if not ok
    ]
    if missing:
        message = f"Browser check skipped: {', '.join(missing)} not installed. {HOW_TO}"
        warnings.warn(message, stacklevel=1)
        pytest.skip(message)
    done = _run("--test")
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-5000:]
    assert "# fail 0" in done.stdout
