"""The public facade: `summarizer.__all__` is sorted, complete, and keeps every name it ever had (as httpx's
tests/test_exported_members.py does)."""

from __future__ import annotations

import inspect

import summarizer

#: The public names before the layout of issue 12: they must stay importable from `summarizer`.
NAMES_BEFORE_THE_MOVE = {
    "DEFAULT_SENTENCES", "MODEL_NAME", "Cluster", "DeviceUnavailableError", "Document", "DocumentInfo", "Embedder",
    "InputError", "InputTooLargeError", "InvalidOptionError", "Limits", "ModelError", "NoDocumentsError",
    "NoUsableTextError", "Order", "Parameters", "ReadResult", "Sentence", "SentenceTransformerEmbedder",
    "StoppedError", "Summarizer", "Summary", "SummarySentence", "SummarizerError", "Support", "UnreadableFileError",
    "Weights", "__version__", "read_paths", "summarize",
}


def test_all_lists_every_public_member_of_the_facade_in_sorted_order() -> None:
    members = [name for name, value in vars(summarizer).items()
               if (not name.startswith("_") or name == "__version__") and not inspect.ismodule(value)
               and name != "annotations"]  # the `from __future__ import annotations` feature, not an export

    assert summarizer.__all__ == sorted(members, key=str.casefold)


def test_every_name_exported_before_the_move_is_still_exported_and_importable() -> None:
    assert NAMES_BEFORE_THE_MOVE <= set(summarizer.__all__)
    assert all(getattr(summarizer, name) is not None for name in summarizer.__all__)
