"""`GET /metrics`: the service's Prometheus metrics, in a registry of the app's own (never the global one, so two
apps in one process, as in the tests, keep their counts apart).

Series (all prefixed `summarizer_`):

- `http_requests_total{method, route, status}` and `http_request_duration_seconds{method, route}` (histogram):
  every request, labelled by its route's template (`/static/{name}`) or `<unmatched>`, never by its raw path;
- `jobs_running`, `jobs_queued`: summaries a thread works on, and those waiting for one;
- `jobs_rejected_total`: summaries turned away with 429 because every slot and queue place was taken;
- `model_load_seconds`, `model_ready`: how long the model took to load, and whether it is loaded;
- `documents_total`, `sentences_embedded_total`: documents summarised, and their distinct sentences given to the
  embedding stage;
- `embedding_cache_hits_total`, `embedding_cache_misses_total`, `embedding_cache_size`: the embedding cache.

Counts that other objects keep (the job runner, the model, the cache) are read from them when scraped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from service.deps import SettingsDep
from service.errors import NotFoundError

PREFIX = "summarizer_"
#: Latency buckets in seconds: probes take milliseconds, a summary of 100 articles up to the 60 s time budget.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 40.0, 60.0, float("inf"))

router = APIRouter(tags=["service"])


class Metrics:
    """The app's registry and the series its middleware and routes update."""

    def __init__(self, app: Any) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(f"{PREFIX}http_requests", "HTTP requests answered, by route template and status.",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram(f"{PREFIX}http_request_duration_seconds",
                                 "Time from a request's arrival to the end of its response, by route template.",
                                 ["method", "route"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.documents = Counter(f"{PREFIX}documents", "Documents in the stories summarised.",
                                 registry=self.registry)
        self.sentences_embedded = Counter(
            f"{PREFIX}sentences_embedded", "Distinct sentences of the stories summarised, given to the embedding "
            "stage (the cache's hits among them were not computed again).", registry=self.registry)
        self.registry.register(_StateCollector(app))

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one answered request."""
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def exposition(self) -> bytes:
        """Every series in the Prometheus text format."""
        return generate_latest(self.registry)


class _StateCollector(Collector):
    """Reads, when scraped, what the app's job runner, model state and embedding cache count."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def describe(self) -> list[Metric]:
        return []  # the series vary with the app's state; nothing to check ahead of a scrape

    def collect(self) -> Iterator[Metric]:
        state = self.app.state
        jobs, model = getattr(state, "jobs", None), getattr(state, "model", None)
        if jobs is not None:
            yield _gauge("jobs_running", "Summaries a thread is working on now.", jobs.running)
            yield _gauge("jobs_queued", "Summaries waiting for a thread.", max(jobs.pending - jobs.running, 0))
            yield _counter("jobs_rejected", "Summaries turned away with 429: every slot and queue place was taken.",
                           jobs.rejected)
        if model is not None:
            yield _gauge("model_ready", "1 once the model is loaded, else 0.", int(model.ready))
            if model.load_seconds is not None:
                yield _gauge("model_load_seconds", "Seconds the model (and the libraries it needs) took to load.",
                             model.load_seconds)
            stats = model.get().cache_stats() if model.ready else None
            if stats is not None:
                yield _counter("embedding_cache_hits", "Sentences whose embedding came from the cache.", stats.hits)
                yield _counter("embedding_cache_misses", "Sentences the model had to embed.", stats.misses)
                yield _gauge("embedding_cache_size", "Sentence embeddings in the cache now.", stats.size)


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(f"{PREFIX}{name}", documentation, value=value)


def _counter(name: str, documentation: str, value: float) -> CounterMetricFamily:
    return CounterMetricFamily(f"{PREFIX}{name}", documentation, value=value)


@router.get("/metrics", summary="Prometheus metrics", response_class=Response,
            responses={200: {"content": {CONTENT_TYPE_LATEST: {}}, "description": "The Prometheus text format."}})
async def metrics(request: Request, settings: SettingsDep) -> Response:
    """Request counts and latencies by route, jobs running, queued and refused, the model's load time, sentences
    embedded and the embedding cache's hits and misses (off with `SUMMARIZER_METRICS=false`)."""
    if not settings.metrics:
        raise NotFoundError("Metrics are turned off on this server (SUMMARIZER_METRICS=false).")
    observed: Metrics = request.app.state.metrics
    return Response(observed.exposition(), media_type=CONTENT_TYPE_LATEST)
