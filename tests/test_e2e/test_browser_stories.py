"""The stories page in headless Chromium against a real `summarize-server` with the real model: a pile pasted in,
its stories listed (label, size, outlets), and one opened in the summary view of the main page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from summarizer import Document
from tests.builders import FLOOD, LONE
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed; it comes with the dev extra: pip install -e '.[dev]'")
expect = sync_api.expect
ARTIFACTS = ROOT / "artifacts" / "browser"



@pytest.fixture
def page(open_page: Callable[..., Any], server: str) -> Any:
    """A fresh page on the server's `/piles`; the test fails if it logs an error."""
    return open_page(f"{server}/piles")


def test_a_pasted_pile_is_listed_as_its_stories_and_one_opens_in_the_summary_view(
    page: Any, seed_documents: tuple[Document, ...],
) -> None:
    pile = [*seed_documents[:3], *FLOOD, LONE]
    page.get_by_label("Or paste articles").fill("\n---\n".join(d.text for d in pile))
    expect(page.locator("#pile-count")).to_have_text("7 articles in the pile.")
    page.get_by_label("Sentences per story").fill("2")

    page.get_by_role("button", name="Group into stories").click()

    stories = page.locator("#stories .story")
    expect(stories).to_have_count(3, timeout=300_000)
    expect(page.locator("#pile-status")).to_have_text("Done: 3 stories from 7 articles.")
    assert [stories.nth(n).locator(".story-size").inner_text() for n in range(3)] == [
        "3 articles", "3 articles", "1 article"]
    assert stories.nth(0).locator(".story-outlets").inner_text() == "article-1, article-2, article-3"
    assert stories.nth(1).locator(".story-outlets").inner_text() == "article-4, article-5, article-6"
    assert "yangtze" in stories.nth(1).locator(".story-label").inner_text().lower()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "stories.png"), full_page=True)

    stories.nth(1).get_by_role("button", name="Open").click()

    page.wait_for_url("**/")
    sentences = page.locator("#sentences .sentence")
    expect(sentences).to_have_count(2)
    expect(page.locator("#status")).to_contain_text("Story:")
    assert [page.locator("#sources .source-card").nth(n).get_attribute("data-doc") for n in range(3)] == [
        "article-4", "article-5", "article-6"]
    flood = {d.text for d in FLOOD}
    for n in range(2):
        text = " ".join(sentences.nth(n).locator(".sentence-text").inner_text().split())
        assert any(text in " ".join(t.split()) for t in flood)
    sentences.first.click()
    expect(page.locator("#sources mark.primary")).to_have_count(1)
    page.screenshot(path=str(ARTIFACTS / "story-opened.png"), full_page=True)
