"""The helpers every benchmark shares, and the speed benchmark's saved results read back and rendered again."""

from __future__ import annotations

import json
import os
import socket

from benchmarks._common import DOCS, free_port, peak_rss_mb, percentile, rss_bytes
from benchmarks.speed.derive import derive
from benchmarks.speed.report import BEGIN, END, tables
from benchmarks.speed.results import Results, from_data, to_data


def test_percentiles_interpolate_between_the_closest_ranks() -> None:
    assert percentile([4.0, 1.0, 3.0, 2.0], 50) == 2.5
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 95) == 4.8
    assert percentile([7.0], 99) == 7.0


def test_a_free_port_can_be_bound_on_loopback() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", free_port()))


def test_this_process_memory_is_read_from_the_kernel() -> None:
    peak = peak_rss_mb()

    assert peak is not None and peak > 1
    assert 0 < rss_bytes(os.getpid()) <= peak * 1024 * 1024 + 4096


def test_the_saved_speed_run_reads_back_unchanged_and_renders_the_report_it_wrote() -> None:
    saved = json.loads((DOCS / "speed.json").read_text(encoding="utf-8"))

    results = from_data(Results, saved["results"])
    derived = derive(results)

    assert to_data(results) == saved["results"]
    assert json.loads(json.dumps(to_data(derived))) == saved["derived"]
    report = (DOCS / "speed.md").read_text(encoding="utf-8")
    assert report.split(BEGIN, 1)[1].split(END, 1)[0] == "\n" + tables(results, derived, results.command)
