"""What the benchmarks, and the tests that drive real servers, share: data paths, free ports, a server started and
polled until ready, readers of a process's memory, percentiles and the machine's CPU.

Only loopback addresses are ever used; a server is always stopped on the way out.
"""

from __future__ import annotations

import os
import platform
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

#: The repository root; the benchmarks run from it.
ROOT = Path(__file__).resolve().parent.parent
#: The DUC 2003 evaluation set, read at run time from outside the repository (its text is never copied in).
DEFAULT_DUC = ROOT.parent / "shared" / "eval" / "duc2003"
#: Where the reports go.
DOCS = ROOT / "docs" / "benchmarks"
#: The console scripts of this environment (summarize, summarize-server).
BIN = Path(sys.executable).parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Readiness:
    """Seconds from the start of polling until the server first answered, and until /readyz answered 200."""

    listening_s: float
    ready_s: float


def wait_until_ready(
    base: str, process: subprocess.Popen[Any], *, within: float, poll_s: float = 0.1, since: float | None = None,
) -> Readiness:
    """Poll `GET {base}/readyz` until it answers 200; the times are counted from `since` (a `perf_counter()`
    reading, e.g. taken just before the server was started), else from now.

    Raises:
        RuntimeError: the process exited first, or `within` seconds passed.
    """
    import httpx

    started = time.perf_counter() if since is None else since
    listening: float | None = None
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before it was ready")
        try:
            status = httpx.get(f"{base}/readyz", timeout=2).status_code
            listening = listening or time.perf_counter() - started
            if status == 200:
                return Readiness(listening, time.perf_counter() - started)
        except httpx.TransportError:
            pass
        if time.perf_counter() - started > within:
            raise RuntimeError(f"the server was not ready within {within:g} s")
        time.sleep(poll_s)


@contextmanager
def running_server(
    command: Sequence[str], *, port: int, env: Mapping[str, str] | None = None, within: float = 180,
    log: IO[bytes] | None = None,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Start `command` (a server that listens on 127.0.0.1:`port`) from the repository root, wait until it is
    ready, and yield its base URL and process; stop it (SIGTERM, then SIGKILL after 30 s) on the way out.

    `env` is the server's whole environment (this process's when None); `log` takes its stdout and stderr.
    """
    process = subprocess.Popen(list(command), cwd=ROOT, env=None if env is None else dict(env), stdout=log,
                               stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(base, process, within=within)
        yield base, process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _status_kb(pid: int | str, field: str) -> int | None:
    """A `kB` field of /proc/PID/status (Linux), or None when the process or the field is not there."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def rss_bytes(pid: int) -> int:
    """The resident set size of a live process now (VmRSS)."""
    kb = _status_kb(pid, "VmRSS")
    if kb is None:
        raise RuntimeError(f"no VmRSS for process {pid}")
    return kb * 1024


def peak_rss_mb(pid: int | str = "self") -> float | None:
    """The kernel's high-water mark of a live process's RSS (VmHWM), in MB; this process's by default.

    VmHWM, not ru_maxrss: a child's ru_maxrss starts at its parent's RSS (Linux carries the pre-exec high-water
    mark over exec).
    """
    kb = _status_kb(pid, "VmHWM")
    return None if kb is None else kb / 1024


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between closest ranks.

    Example:
        >>> percentile([1.0, 2.0, 3.0, 4.0], 50), percentile([5.0], 99)
        (2.5, 5.0)
    """
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def cpu_model() -> str:
    """The CPU's model name, from /proc/cpuinfo where there is one."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def usable_cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
