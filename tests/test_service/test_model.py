from __future__ import annotations

import threading

import pytest

from service.errors import ModelLoadingError, ModelUnavailableError
from service.model import ModelState, get_model_loader, load_summarizer
from summarizer import Summarizer


def test_the_state_is_loading_until_the_loader_returns(fake_summarizer: Summarizer) -> None:
    gate = threading.Event()
    state = ModelState()

    def load() -> Summarizer:
        gate.wait(5)
        return fake_summarizer

    thread = state.start(load)
    assert thread.daemon and not state.ready
    with pytest.raises(ModelLoadingError):
        state.get()
    gate.set()
    assert state.wait(5)
    assert state.ready and state.get() is fake_summarizer


def test_a_failed_load_is_reported_with_its_cause() -> None:
    state = ModelState()

    def load() -> Summarizer:
        raise OSError("disk gone")

    state.start(load)
    assert state.wait(5)
    with pytest.raises(ModelUnavailableError, match="OSError: disk gone"):
        state.get()


def test_the_default_loader_is_the_packaged_model() -> None:
    assert get_model_loader() is load_summarizer
