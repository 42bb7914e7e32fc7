"""What the browser tests share: Debian's Chromium (installed with apt-get when missing and we are root), driven by
Playwright from PyPI; `playwright install` is never run, as it downloads a browser."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import running_server

CHROMIUM = Path("/usr/bin/chromium")
#: Root in a container on a closed network: no sandbox, no GPU, and nothing the browser would fetch by itself.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def _install_chromium() -> str | None:
    """Install Debian's chromium when it is missing; the reason it cannot be, or None once it is there."""
    if CHROMIUM.exists():
        return None
    if shutil.which("apt-get") is None:
        return "/usr/bin/chromium is missing and there is no apt-get to install it with"
    if os.geteuid() != 0:
        return "/usr/bin/chromium is missing; install it as root: apt-get update && apt-get install -y chromium"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]):
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=1200)
        if done.returncode != 0:
            return f"installing chromium failed ({' '.join(command)}): {done.stderr.strip()[-500:]}"
    return None if CHROMIUM.exists() else "apt-get installed chromium, but /usr/bin/chromium is not there"


@pytest.fixture(scope="module")  # module: playwright's sync API keeps an event loop running until closed
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed; it comes with the "
                                   "dev extra: pip install -e '.[dev]'")
    reason = _install_chromium()
    if reason is not None:
        pytest.skip(reason)
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """Opens a fresh page at a URL; when the test ends, fails it if a page logged an error (a CSP violation
    included), except those holding `allowed` (e.g. a 422 the test provokes)."""
    opened: list[tuple[Any, list[str], str | None]] = []

    def open_(url: str, *, allowed: str | None = None) -> Any:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.goto(url)
        opened.append((context, problems, allowed))
        return page

    yield open_
    for context, _, _ in opened:
        context.close()
    errors = [p for _, problems, allowed in opened for p in problems if allowed is None or allowed not in p]
    assert not errors, errors


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A real server on a free port with the packaged model, ready (one per test module); its base URL."""
    with running_server({"SUMMARIZER_REQUEST_TIMEOUT_S": "300"}) as base:
        yield base
