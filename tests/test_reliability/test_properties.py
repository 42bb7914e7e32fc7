"""Properties of the library on generated input: typed errors only, verbatim spans, the word budget, determinism,
and independence from the order of the documents."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import Document, Summarizer, SummarizerError, Summary
from summarizer.testing import FakeEmbedder

# Bounded so the whole module runs in a few seconds with the fake embedder.
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = ["Putin", "arrived", "in", "Beijing", "on", "Monday", "for", "talks", "with", "Xi", "the", "leaders",
         "signed", "a", "trade", "deal", "officials", "said", "after", "meeting", "two", "countries", "energy"]

#: Any text at all, surrogates and control characters included.
any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=400)
#: News-like text: sentences of known words with punctuation, paragraphs, and some noise characters.
sentence = st.builds(
    lambda words, end: " ".join(words).capitalize() + end,
    st.lists(st.sampled_from(WORDS), min_size=3, max_size=18), st.sampled_from([".", ".", "!", "?", ""]),
)
noise = st.sampled_from(["", " ", "\n", "\n\n", "\u200b", "\u202e", "\t", "\x00", "\u00a0", "  "])
article = st.lists(st.tuples(sentence, noise), min_size=1, max_size=12).map(
    lambda parts: "".join(s + (n or " ") for s, n in parts))


def summarize(documents: list[Document], **options: object) -> Summary | SummarizerError:
    try:
        return Summarizer(FakeEmbedder(), cache_size=0)(documents, **options)  # type: ignore[arg-type]
    except SummarizerError as exc:
        return exc


def chosen(summary: Summary) -> list[tuple[str, int, int]]:
    return sorted((s.document_id, s.start, s.end) for s in summary.sentences)


@FAST
@given(st.lists(any_text, min_size=0, max_size=4), st.integers(1, 8))
def test_any_text_gives_a_summary_or_a_typed_error_and_never_another_exception(texts: list[str], n: int) -> None:
    documents = [Document(f"d{i}", text) for i, text in enumerate(texts)]

    result = summarize(documents, sentences=n)

    assert isinstance(result, Summary | SummarizerError)
    if isinstance(result, SummarizerError):
        assert str(result)  # a message that says what to do, never empty


@FAST
@given(st.lists(article, min_size=1, max_size=4), st.integers(10, 120))
def test_every_sentence_is_its_source_text_and_the_word_budget_holds(texts: list[str], words: int) -> None:
    documents = [Document(f"d{i}", text) for i, text in enumerate(texts)]
    by_id = {d.id: d.text for d in documents}

    result = summarize(documents, words=words)

    if isinstance(result, SummarizerError):
        return
    for s in result.sentences:
        assert by_id[s.document_id][s.start:s.end] == s.text
        for support in s.support:
            assert by_id[support.document_id][support.start:support.end] == support.text
    assert sum(len(s.text.split()) for s in result.sentences) <= words


@FAST
@given(st.lists(article, min_size=1, max_size=4), st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_the_same_input_and_seed_give_the_same_summary(texts: list[str], n: int, seed: int) -> None:
    documents = [Document(f"d{i}", text) for i, text in enumerate(texts)]

    first, second = summarize(documents, sentences=n, seed=seed), summarize(documents, sentences=n, seed=seed)

    if isinstance(first, SummarizerError):
        assert type(second) is type(first) and str(second) == str(first)
    else:
        assert isinstance(second, Summary) and second == first


@FAST
@given(st.lists(article, min_size=2, max_size=4, unique=True), st.integers(1, 6))
def test_reordering_the_documents_never_changes_the_kind_of_outcome(texts: list[str], n: int) -> None:
    # Documented in docs/reliability.md: the order of the documents is an input (near-duplicate ties go to the
    # first seen, positions and k-means follow the order of the sentences), so the exact choice can change; what
    # must hold is that a reordering never changes the outcome's kind, and the length by at most one sentence.
    documents = [Document(f"d{i}", text) for i, text in enumerate(texts)]
    shuffled = list(reversed(documents))

    a, b = summarize(documents, sentences=n), summarize(shuffled, sentences=n)

    assert type(a) is type(b)
    if isinstance(a, Summary) and isinstance(b, Summary):
        assert abs(len(a.sentences) - len(b.sentences)) <= 1


def test_reordering_changes_rate_on_generated_stories_is_recorded() -> None:
    # A fixed sample (a rate needs a fixed denominator) of 40 word-soup stories, the hardest case for order: the
    # rate is recorded in docs/reliability.md and guarded here against getting worse.
    import random

    rnd = random.Random(7)
    same = total = 0
    for _ in range(40):
        texts = [" ".join(" ".join(rnd.choices(WORDS, k=rnd.randint(6, 16))).capitalize() + "."
                          for _ in range(rnd.randint(2, 8))) for _ in range(rnd.randint(2, 4))]
        documents = [Document(f"d{i}", t) for i, t in enumerate(texts)]
        a, b = summarize(documents, sentences=3), summarize(list(reversed(documents)), sentences=3)
        if isinstance(a, Summary) and isinstance(b, Summary):
            total += 1
            same += chosen(a) == chosen(b)
    print(f"\nreordering kept the same sentences in {same} of {total} stories")
    assert total >= 30
    assert same / total >= 0.3, f"only {same}/{total} stories kept their sentences when the documents were reversed"
