"""The OpenAPI example: a real request made from two seed articles and the response a real run gave.

Regenerate `example.json` after a change to the pipeline or the seeds with: python -m service.examples
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

EXAMPLE_PATH = Path(__file__).with_name("example.json")
#: The two shortest seed articles keep the example readable in /docs.
EXAMPLE_SEEDS = ("agencies-partnership", "repost-arrival")
EXAMPLE_SENTENCES = 3


@lru_cache(maxsize=1)
def load_example() -> dict[str, Any]:
    """The stored example as {"request": ..., "response": ...}, or {} when the file is missing."""
    try:
        example: dict[str, Any] = json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return example


def add_examples(schema: dict[str, Any], paths: tuple[str, ...] = ("/summarize", "/v1/summarize")) -> dict[str, Any]:
    """Put the example request and response into a generated OpenAPI schema, in place, and return it.

    Added after generation because FastAPI drops every null from the schema it generates, and a summary's nulls
    (`"words": null`) are part of its shape.
    """
    example = load_example()
    for path in paths if example else ():
        operation = schema["paths"][path]["post"]
        operation["requestBody"]["content"]["application/json"]["examples"] = {
            "seeds": {"summary": "Two seed articles, three sentences", "value": example["request"]},
        }
        operation["responses"]["200"]["content"]["application/json"]["example"] = example["response"]
    return schema


def build_example(seeds: Path) -> dict[str, Any]:
    """Run the real model on the example seeds and return the request and its response (torch: the reference
    backend, so the stored example does not follow onnxruntime's kernels from one CPU to another)."""
    from service.routes import summarize_request
    from service.schemas import SummarizeRequest
    from summarizer import Summarizer, read_paths

    documents = read_paths([seeds / f"{name}.txt" for name in EXAMPLE_SEEDS]).documents
    request = {"documents": [{"id": d.id, "text": d.text} for d in documents], "sentences": EXAMPLE_SENTENCES}
    response = summarize_request(Summarizer(device="cpu", backend="torch"), SummarizeRequest.model_validate(request))
    return {"request": request, "response": response}


def main() -> None:
    """Write `example.json` from a real run on the seeds in the repository."""
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    EXAMPLE_PATH.write_text(json.dumps(build_example(seeds), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {EXAMPLE_PATH}")


if __name__ == "__main__":
    main()
