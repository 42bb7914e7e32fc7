"""The web page in headless Chromium against a real `summarize-server` with the real model.

Chromium comes from Debian (`apt-get install chromium`, done here when it is missing and we are root), Playwright
from PyPI; `playwright install` is never run, as it downloads a browser. Screenshots go to `artifacts/browser/`.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from summarizer import Document
from summarizer.io.render import render
from tests.builders import NEWSROOM_TEXTS
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed; it comes with the dev extra: pip install -e '.[dev]'")
expect = sync_api.expect

ARTIFACTS = ROOT / "artifacts" / "browser"
#: Set to 1 to refresh the README's screenshot from this run.
UPDATE_SCREENSHOT = os.environ.get("UPDATE_SCREENSHOT") == "1"



@pytest.fixture
def page(open_page: Callable[..., Any], server: str) -> Any:
    """A fresh page on the server's `/`; the test fails if it logs an error other than the 422s it provokes."""
    return open_page(f"{server}/", allowed="status of 422")


def _copy_and_download(page: Any) -> tuple[str, dict[str, Any], str]:
    """What "Copy as Markdown" put on the clipboard, the JSON "Download JSON" saved, and its file name."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy as Markdown").click()
    expect(page.locator("#copy-status")).to_have_text("Copied the summary as Markdown.")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download JSON").click()
    summary = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    return copied, summary, download.value.suggested_filename


def _markdown_of(summary: dict[str, Any]) -> str:
    """The CLI's Markdown for a summary's JSON (render() reads only attributes, so the JSON as attributes will do)."""
    return render(json.loads(json.dumps(summary), object_hook=lambda fields: SimpleNamespace(**fields)), "markdown")


def _summarise_the_sample(page: Any) -> None:
    page.get_by_role("button", name="Load the sample story").click()
    expect(page.locator("li.article")).to_have_count(5)
    page.get_by_role("button", name="Summarise").click()
    expect(page.locator("#sentences .sentence")).to_have_count(5, timeout=180_000)


def test_the_sample_story_gives_five_sentences_and_a_click_marks_each_source_in_its_article(
    page: Any, seed_documents: tuple[Document, ...],
) -> None:
    _summarise_the_sample(page)
    texts = {d.id: d.text for d in seed_documents}

    names = [page.locator(f"#name-{n}").input_value() for n in range(3, 8)]  # boxes 1-2 were the empty ones
    assert names == [d.id for d in seed_documents]
    sentence = page.locator("#sentences .sentence").nth(1)
    sentence.click()

    expect(sentence).to_have_attribute("aria-pressed", "true")
    source_id = sentence.locator(".badge").inner_text()
    primary = page.locator(f'#sources .source-card[data-doc="{source_id}"] mark.primary')
    expect(primary).to_have_count(1)
    assert " ".join(primary.inner_text().split()) == " ".join(sentence.locator(".sentence-text").inner_text().split())
    assert primary.inner_text() in texts[source_id]
    supports = page.locator("#sources mark.support")
    panel = page.locator("#support-1")
    expect(panel).to_be_visible()
    assert supports.count() == panel.locator("li").count() >= 1
    for n in range(supports.count()):
        assert any(supports.nth(n).inner_text() in text for doc, text in texts.items() if doc != source_id)
    expect(page.locator("#coverage tbody tr")).to_have_count(5)
    expect(page.locator("#coverage tbody tr").nth(1).locator("td.cell-own")).to_have_count(1)
    expect(page.locator("#clusters-box")).not_to_have_attribute("open", "")  # collapsed until asked

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "result-page.png"), full_page=True)
    # The README's picture: the summary with one sentence chosen, the coverage chart and the marked articles.
    top = page.locator("#result").evaluate("node => node.getBoundingClientRect().top + window.scrollY")
    bottom = page.locator("#clusters-box").evaluate("node => node.getBoundingClientRect().bottom + window.scrollY")
    page.screenshot(path=str(ARTIFACTS / "result.png"), full_page=True,
                    clip={"x": 0, "y": top - 8, "width": 1280, "height": bottom - top + 24})
    if UPDATE_SCREENSHOT:
        shutil.copyfile(ARTIFACTS / "result.png", ROOT / "docs" / "screenshot.png")


def test_a_sentence_is_chosen_with_the_keyboard_and_the_markdown_is_the_clis_format(page: Any) -> None:
    _summarise_the_sample(page)

    page.locator("#sentences .sentence").first.focus()
    page.keyboard.press("Enter")

    expect(page.locator("#sentences .sentence").first).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#support-0")).to_be_visible()
    copied, summary, filename = _copy_and_download(page)

    assert filename == "summary.json"
    assert len(summary["sentences"]) == 5
    assert copied == _markdown_of(summary)


def test_a_word_budget_under_ten_is_refused_next_to_the_length_control(page: Any) -> None:
    page.locator("#text-1").fill("Putin arrived in Beijing on Thursday for a two-day state visit to China.")
    page.locator("#text-2").fill("Xi Jinping welcomed Vladimir Putin with a ceremony at the Great Hall.")
    page.get_by_label("words").check()
    page.get_by_label("Summary length").fill("3")

    page.get_by_role("button", name="Summarise").click()

    error = page.locator("#length-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("words")
    expect(error).to_contain_text("greater than or equal to 10")
    expect(page.get_by_label("Summary length")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Summary length")).to_be_focused()
    expect(page.locator("#result")).to_be_hidden()


def test_two_articles_with_one_name_are_each_told_so_and_an_empty_one_is_pointed_at(page: Any) -> None:
    page.get_by_role("button", name="Add an article").click()
    for n in (1, 2):
        page.locator(f"#name-{n}").fill("same")
        page.locator(f"#text-{n}").fill(f"Article {n} says Putin arrived in Beijing on Thursday for a state visit.")

    page.get_by_role("button", name="Summarise").click()

    expect(page.locator("#error-3")).to_contain_text("empty")  # checked here, before anything is sent
    page.get_by_role("button", name="Remove article 3").click()
    page.get_by_role("button", name="Summarise").click()
    for n in (1, 2):
        expect(page.locator(f"#error-{n}")).to_contain_text("also named “same”")
        expect(page.locator(f"#text-{n}")).to_have_attribute("aria-invalid", "true")


def test_the_page_fits_a_phone_screen_without_sideways_scrolling(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.goto(f"{server}/")
    _summarise_the_sample(phone)
    phone.locator("#sentences .sentence").nth(2).tap()

    widths = phone.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "phone.png"), full_page=True)
    context.close()
    assert widths[0] <= widths[1], widths


def test_a_point_whose_tolls_differ_shows_a_sources_differ_mark_with_the_values_side_by_side(page: Any) -> None:
    for n, name in enumerate(("ap", "upi"), start=1):
        page.locator(f"#name-{n}").fill(name)
        page.locator(f"#text-{n}").fill(NEWSROOM_TEXTS[name])
    page.get_by_label("Summary length").fill("4")
    page.get_by_role("button", name="Summarise").click()
    expect(page.locator("#sentences .sentence")).to_have_count(4, timeout=180_000)

    marked = page.locator("#sentences > li").filter(has=page.locator(".differ-mark"))
    expect(marked).to_have_count(1)
    expect(marked.locator(".differ-mark")).to_have_text("sources differ")
    expect(marked.locator(".sentence-text")).to_contain_text("people were killed")
    values = marked.locator(".differ-value")
    expect(values).to_have_count(2)
    assert sorted(values.nth(n).locator("strong").inner_text() for n in range(2)) == ["12", "15"]
    boxes = [values.nth(n).bounding_box() for n in range(2)]
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 4 and boxes[0]["x"] < boxes[1]["x"]  # side by side
    assert values.nth(0).get_attribute("title").startswith(values.nth(0).locator(".badge").inner_text())

    copied, summary, _ = _copy_and_download(page)
    assert copied == _markdown_of(summary) and "> Sources differ: “1" in copied
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sources-differ.png"), full_page=True)
