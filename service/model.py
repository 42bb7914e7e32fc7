"""The model's lifecycle: loaded once per process, in a background thread, so the server answers while it loads."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from service.errors import ModelLoadingError, ModelUnavailableError
from service.settings import Settings
from summarizer import Summarizer
from summarizer.errors import ModelError

logger = logging.getLogger(__name__)

#: Builds the summariser from the settings; a dependency so tests can swap in a fake embedder.
ModelLoader = Callable[[Settings], Summarizer]

#: Seconds a client is told to wait while the model loads (it takes a few seconds on a CPU).
LOADING_RETRY_AFTER_S = 2


def load_summarizer(settings: Settings) -> Summarizer:
    """The summariser with the packaged model on the configured device, loaded now."""
    return Summarizer(device=settings.device, batch_size=settings.batch_size, limits=settings.limits(), preload=True,
                      backend=settings.backend, cache_size=settings.cache_size)


def get_model_loader() -> ModelLoader:
    """The function the lifespan loads the model with (override with `app.dependency_overrides`)."""
    return load_summarizer


class ModelState:
    """The summariser of this process once loaded, or why it is not there yet."""

    def __init__(self) -> None:
        self._summarizer: Summarizer | None = None
        self._error: str | None = None
        # What get() raises once loading failed: the library's own error when it gave one (a missing device is
        # 503 device_unavailable), else model_unavailable.
        self._failure: type[ModelError] | type[ModelUnavailableError] = ModelUnavailableError
        self._done = threading.Event()
        #: Seconds the model took to load, once it has.
        self.load_seconds: float | None = None

    def start(self, load: Callable[[], Summarizer]) -> threading.Thread:
        """Load in a daemon thread: the event loop stays free, and a slow load never holds up shutdown."""
        thread = threading.Thread(target=self._load, args=(load,), name="model-loader", daemon=True)
        thread.start()
        return thread

    def _load(self, load: Callable[[], Summarizer]) -> None:
        started = time.perf_counter()
        try:
            summarizer = load()
        except Exception as exc:  # any failure leaves the service up but not ready, with the reason
            logger.error("loading the model failed: %s", exc, exc_info=exc)
            self._error = f"The model failed to load ({type(exc).__name__}: {exc}); fix the cause and restart."
            if isinstance(exc, ModelError):
                self._failure = type(exc)
        else:
            self.load_seconds = time.perf_counter() - started
            self._summarizer = summarizer
            logger.info("model %s loaded in %.1f s", summarizer.embedder.name, self.load_seconds)
        finally:
            self._done.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until loading has finished (loaded or failed); False if it has not within `timeout`."""
        return self._done.wait(timeout)

    @property
    def ready(self) -> bool:
        return self._summarizer is not None

    def get(self) -> Summarizer:
        """The loaded summariser, or the 503 error saying why there is none."""
        if self._summarizer is not None:
            return self._summarizer
        if self._error is not None:
            raise self._failure(self._error)
        raise ModelLoadingError(
            "The model is still loading; retry shortly (GET /readyz answers 200 once it is ready).",
            headers={"Retry-After": str(LOADING_RETRY_AFTER_S)},
        )
