from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import InputTooLargeError, NoDocumentsError, UnreadableFileError, read_paths
from summarizer.io.reader import MAX_FILE_BYTES, decode


def test_a_directory_is_read_in_name_order_with_file_stems_as_ids(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second article.", encoding="utf-8")
    (tmp_path / "a.md").write_text("First article.", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")

    result = read_paths([tmp_path])

    assert [d.id for d in result.documents] == ["a", "b"]
    assert result.documents[0].text == "First article."


def test_offsets_survive_because_line_endings_are_not_translated(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"One line.\r\nTwo lines.\r\n")

    (document,) = read_paths([path]).documents

    assert document.text == "One line.\r\nTwo lines.\r\n"


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffPutin arrived.".encode())

    assert read_paths([path]).documents[0].text == "Putin arrived."


def test_invalid_utf8_is_replaced_and_reported_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café society met in Zürich.".encode("latin-1"))

    result = read_paths([path])

    assert result.documents[0].text == "Caf\ufffd society met in Z\ufffdrich."
    assert len(result.warnings) == 1 and "not valid UTF-8" in result.warnings[0]


def test_a_binary_file_is_refused_with_a_reason() -> None:
    with pytest.raises(UnreadableFileError, match="looks binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00", name="image.png")


def test_a_missing_path_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="does not exist"):
        read_paths([tmp_path / "nope.txt"])


def test_a_directory_without_text_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_text("a,b", encoding="utf-8")
    with pytest.raises(NoDocumentsError, match="holds no text files"):
        read_paths([tmp_path])


def test_no_paths_at_all_is_refused() -> None:
    with pytest.raises(NoDocumentsError):
        read_paths([])


def test_stdin_is_one_article_with_id_stdin() -> None:
    result = read_paths(["-"], stdin=[b"Putin arrived ", b"in Beijing."])

    assert [(d.id, d.text) for d in result.documents] == [("stdin", "Putin arrived in Beijing.")]


def test_files_with_the_same_stem_keep_distinct_ids(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"From {folder}.", encoding="utf-8")

    ids = [d.id for d in read_paths([tmp_path / "one", tmp_path / "two"]).documents]

    assert ids[0] == "story" and ids[1] != "story" and ids[1].endswith("story.txt")


def test_a_file_over_the_size_limit_is_refused_not_cut(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * (MAX_FILE_BYTES + 1))
    with pytest.raises(InputTooLargeError, match="over"):
        read_paths([path])
