"""The model loads (and the default backend builds its ONNX file) and embeds with every network call refused:
no hub lookup of any kind."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

SCRIPT = textwrap.dedent("""
    import socket
    attempts = []
    def refuse(*args, **kwargs):
        attempts.append(repr(args)[:80])
        raise OSError("network refused by test")
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    import sys
    from summarizer import Summarizer
    vectors = Summarizer(device="cpu", backend=sys.argv[1]).embedder.encode(["Putin arrived in Beijing."])
    print(vectors.shape, round(float((vectors ** 2).sum()), 4), len(attempts))
""")


@pytest.mark.parametrize("backend", ["torch", "auto"])
def test_the_model_loads_and_embeds_with_the_network_refused(tmp_path: Path, backend: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    env["HF_HOME"] = str(tmp_path / "empty-hf-home")  # no cache to fall back on either
    env["SUMMARIZER_ONNX_DIR"] = str(tmp_path / "onnx")  # the default backend builds its ONNX model here, offline

    result = subprocess.run([sys.executable, "-c", SCRIPT, backend], capture_output=True, text=True, env=env,
                            timeout=300)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["(1,", "384)", "1.0", "0"]
    assert not (tmp_path / "empty-hf-home").exists()
    assert any((tmp_path / "onnx").glob("*.onnx")) == (backend == "auto")
