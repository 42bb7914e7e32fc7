"""The `summarize` command as a real process with the real model on HTML, JSON and front-matter files: metadata,
first reports, time order, what is new since, and figures where sources differ."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from summarizer.io.html import read_html
from tests.builders import write_newsroom_files
from tests.conftest import run_summarize as summarize

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_newsroom_files(tmp_path_factory.mktemp("newsroom"))


def texts_of(files: list[Path]) -> dict[str, str]:
    """What each document's offsets index: the extracted text of the page, the JSON's text, the whole text file."""
    html, doc, text = files
    return {"ap": read_html(html.read_text(encoding="utf-8")).text,
            "upi": json.loads(doc.read_text(encoding="utf-8"))["text"], "herald": text.read_text(encoding="utf-8")}


def test_each_kind_of_file_gives_its_metadata_and_points_come_in_the_order_first_reported(files: list[Path]) -> None:
    result = summarize(*map(str, files), "--format", "json", "--order", "time", "-n", "5")

    assert result.returncode == 0, result.stderr
    summary: dict[str, Any] = json.loads(result.stdout)
    notes = {d["id"]: (d.get("title"), d.get("source"), d.get("published")) for d in summary["documents"]}
    assert notes == {"ap": ("Quake topples market hall", "AP", "2024-05-13T08:00:00+00:00"),
                     "upi": ("Portville quake", "UPI", "2024-05-13T10:00:00+00:00"),
                     "herald": ("Survivors found in market ruins", "Herald", "2024-05-14T09:00:00+02:00")}
    texts = texts_of(files)
    for sentence in summary["sentences"]:
        assert texts[sentence["document_id"]][sentence["start"]:sentence["end"]] == sentence["text"]
        assert "---" not in sentence["text"] and "published:" not in sentence["text"]
    firsts = [datetime.fromisoformat(s["first_reported"]["published"]) for s in summary["sentences"]]
    assert firsts == sorted(firsts) and len(summary["sentences"]) == 5
    quake = [s for s in summary["sentences"] if "struck the coastal city" in s["text"]]
    assert quake and quake[0]["first_reported"] == {"document_id": "ap", "published": "2024-05-13T08:00:00+00:00"}


def test_the_tolls_that_differ_are_listed_and_noted_in_the_text_format(files: list[Path]) -> None:
    as_json = json.loads(summarize(*map(str, files), "--format", "json", "-n", "5").stdout)
    as_text = summarize(*map(str, files), "-n", "5").stdout

    (toll,) = [s for s in as_json["sentences"] if "people were killed" in s["text"]]
    texts = texts_of(files)
    values = toll["disagreements"][0]["values"]
    assert sorted(v["text"] for v in values) == ["12", "15"]
    assert all(texts[v["document_id"]][v["start"]:v["end"]] == v["text"] for v in values)
    assert "    sources differ: “1" in as_text


def test_since_summarises_only_what_the_later_article_adds(files: list[Path]) -> None:
    result = summarize(*map(str, files), "--format", "json", "-n", "3", "--since", "2024-05-13T12:00:00Z")

    assert result.returncode == 0, result.stderr
    sentences = json.loads(result.stdout)["sentences"]
    assert sentences and all(s["document_id"] == "herald" and s["new"] is True for s in sentences)
    assert not [s for s in sentences if "struck the coastal city" in s["text"]]


def test_nothing_new_warns_and_a_bad_since_or_time_order_without_times_exits_2(files: list[Path],
                                                                               tmp_path: Path) -> None:
    empty = summarize(*map(str, files), "--since", "2030-01-01")
    (tmp_path / "plain.txt").write_text(files[2].read_text(encoding="utf-8").split("---\n", 2)[2], encoding="utf-8")
    bad_since = summarize(*map(str, files), "--since", "next week")
    no_times = summarize(str(tmp_path / "plain.txt"), "--order", "time")

    assert empty.returncode == 0 and empty.stdout == ""
    assert "warning: Nothing new since 2030-01-01T00:00:00+00:00" in empty.stderr
    assert bad_since.returncode == 2 and "since must be an ISO 8601 date-time" in bad_since.stderr
    assert no_times.returncode == 2 and "order 'time' needs publication times" in no_times.stderr
