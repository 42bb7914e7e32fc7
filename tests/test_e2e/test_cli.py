"""The `summarize` command run as a real process, on the seeds and on every kind of bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from summarizer.embedding.onnx import ONNX_NAME
from tests.conftest import ROOT, SEEDS, run_summarize

pytestmark = pytest.mark.e2e
LEAD = "Putin arrived in Beijing on Thursday for a two-day state visit, his first trip abroad this term."


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return run_summarize(*args, stdin=stdin.decode() if stdin is not None else None)


def test_the_seeds_give_five_lines_of_text_and_nothing_else() -> None:
    result = run(str(SEEDS))

    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 5 and all(line.strip() == line and line for line in lines)
    texts = [" ".join(p.read_text(encoding="utf-8").split()) for p in SEEDS.iterdir()]
    assert all(any(line in text for text in texts) for line in lines)


def test_json_output_is_the_summary_and_identical_on_a_second_run() -> None:
    first, second = run(str(SEEDS), "--format", "json", "--words", "100"), run(
        str(SEEDS), "--format", "json", "--words", "100")

    assert first.returncode == 0 and first.stdout == second.stdout
    summary = json.loads(first.stdout)
    assert sum(len(s["text"].split()) for s in summary["sentences"]) <= 100
    for sentence in summary["sentences"]:
        source = (SEEDS / f"{sentence['document_id']}.txt").read_text(encoding="utf-8")
        assert source[sentence["start"]:sentence["end"]] == sentence["text"]


def test_markdown_output_has_numbered_sources() -> None:
    result = run(str(SEEDS), "--format", "markdown", "--sentences", "3", "--order", "rank")

    assert result.returncode == 0
    assert result.stdout.startswith("# Summary") and "## Sources" in result.stdout and "[1] `" in result.stdout


def test_one_article_from_stdin_is_summarised_with_a_warning_when_short(tmp_path: Path) -> None:
    result = run("-", "--sentences", "3", stdin=f"{LEAD}\n".encode())

    assert result.returncode == 0
    assert result.stdout == LEAD + "\n"
    assert "Only 1 of the 3 sentences" in result.stderr


def test_an_article_in_another_language_is_summarised_with_the_seeds_and_named_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "de.txt").write_text(
        "Der russische Präsident Wladimir Putin ist am Donnerstag zu einem zweitägigen Staatsbesuch in Peking "
        "eingetroffen. Der chinesische Staatschef Xi Jinping empfing ihn vor der Großen Halle des Volkes mit "
        "militärischen Ehren. Die beiden Politiker unterzeichneten eine gemeinsame Erklärung über die Vertiefung "
        "ihrer strategischen Partnerschaft. Westliche Staaten werfen China vor, die russische Kriegswirtschaft zu "
        "unterstützen.\n", encoding="utf-8")

    result = run(str(SEEDS), str(tmp_path / "de.txt"), "--format", "json")

    assert result.returncode == 0
    assert [line for line in result.stderr.splitlines() if "English" in line] == [
        "summarize: warning: de: does not read as English (common English words such as 'the' and 'of' are 0% of "
        "its words, against 17% or more in English news); the model and the weights that choose sentences are built "
        "for English, so its sentences may be judged poorly"]
    assert len(json.loads(result.stdout)["sentences"]) == 5


def test_identical_articles_and_invalid_utf8_still_summarise(tmp_path: Path) -> None:
    body = (SEEDS / "agencies-partnership.txt").read_bytes()
    (tmp_path / "a.txt").write_bytes(body)
    (tmp_path / "b.txt").write_bytes(body)
    (tmp_path / "c.txt").write_bytes(b"Caf\xe9 owners in Beijing said the visit had brought many new customers.")

    result = run(str(tmp_path), "-n", "3")

    assert result.returncode == 0 and len(result.stdout.splitlines()) == 3
    assert "c.txt is not valid UTF-8" in result.stderr


@pytest.mark.parametrize(("setup", "args", "message"), [
    (lambda d: None, [], "Missing argument"),
    (lambda d: None, ["{d}/missing.txt"], "does not exist"),
    (lambda d: (d / "empty.txt").write_text(""), ["{d}/empty.txt"], "empty"),
    (lambda d: (d / "blank.txt").write_text("  \n\n\t"), ["{d}/blank.txt"], "empty"),
    (lambda d: (d / "img.txt").write_bytes(b"\x89PNG\x00\x00"), ["{d}/img.txt"], "looks binary"),
    (lambda d: (d / "run.txt").write_text(" ".join(["word"] * 3000)), ["{d}/run.txt"], "No usable sentence"),
    (lambda d: (d / "x.csv").write_text("a,b"), ["{d}"], "holds no text files"),
    (lambda d: None, [str(SEEDS), "-n", "3", "-w", "50"], "not sentences and words"),
    (lambda d: None, [str(SEEDS), "--ratio", "2"], "ratio must be"),
    (lambda d: None, [str(SEEDS), "--order", "random"], "Invalid value"),
    (lambda d: None, [str(SEEDS), "--device", "tpu"], "Unknown device"),
    (lambda d: None, [str(SEEDS), "--seed", "-1"], "seed must be a whole number from 0 to 4,294,967,295, not -1"),
    (lambda d: None, ["stories", str(SEEDS), "--seed", "-1"], "seed must be a whole number"),
])
def test_bad_input_exits_2_with_a_one_line_reason(tmp_path: Path, setup, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    setup(tmp_path)

    result = run(*[a.format(d=tmp_path) for a in args])

    assert result.returncode == 2, result.stderr
    assert message in result.stderr and result.stdout == ""


@pytest.mark.skipif(torch.cuda.is_available(), reason="a CUDA GPU is here: asking for one is no error")
def test_a_gpu_that_is_not_there_is_a_clear_error() -> None:
    result = run(str(SEEDS), "--device", "cuda")

    assert result.returncode == 1, result.stderr
    assert "no CUDA GPU" in result.stderr and "--device cpu" in result.stderr and result.stdout == ""


def test_without_a_backend_the_cli_runs_onnx_on_the_cpu_says_once_that_it_builds_the_model_and_then_imports_neither_torch_nor_scikit_learn(  # noqa: E501
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUMMARIZER_ONNX_DIR", str(tmp_path))  # no model built yet
    first, second = run(str(SEEDS), "--format", "json"), run(str(SEEDS), "--format", "json")
    third = subprocess.run([sys.executable, "-c", IMPORTED, str(SEEDS)], capture_output=True, text=True, cwd=ROOT,
                           timeout=300)

    assert first.returncode == second.returncode == 0 and first.stdout == second.stdout
    assert json.loads(first.stdout)["parameters"]["model"] == ONNX_NAME
    assert first.stderr.count("summarize: note: building the ONNX model") == 1
    assert "building" not in second.stderr
    assert len(list(tmp_path.glob("*.onnx"))) == 1
    # What a summary needs once the model is built: the ONNX runtime (and highspy, light), nothing slow to import.
    assert third.stdout.splitlines()[-1] == "imported: onnxruntime", third.stdout + third.stderr


IMPORTED = """
import sys
from summarizer.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = ("sklearn", "scipy.optimize", "torch", "transformers", "sentence_transformers", "onnxruntime",
         "trafilatura", "fastapi", "ray")
print("imported:", *sorted({"scipy.optimize" if m.startswith("scipy.optimize") else m.split(".")[0]
                            for m in sys.modules if m in heavy or m.startswith(tuple(h + "." for h in heavy))}))
"""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["files", "--help"], ["nonexistent-path"]])
def test_a_command_that_summarises_nothing_imports_none_of_the_heavy_libraries(args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-c", IMPORTED, *args], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)

    assert result.stdout.splitlines()[-1] == "imported:", result.stdout
