"""Security: no input reads local files or opens connections; the optional API key; errors that reveal nothing."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

import service.middleware
from service.app import create_app
from service.model import get_model_loader
from service.settings import Settings, get_settings
from summarizer import Summarizer
from summarizer.testing import FakeEmbedder
from tests.helpers import assert_error, wait_ready

KEY = "k3y-that-must-never-be-echoed"
GOOD = "Putin arrived in Beijing on Monday for talks with Xi. The two leaders signed a trade deal after the meeting. "
HOSTILE_HTML = (
    "<html><head><link rel=stylesheet href='file:///etc/passwd'><link rel=preload href='http://127.0.0.1:9/x'>"
    "<base href='http://127.0.0.1:9/'><meta http-equiv=refresh content='0;url=http://127.0.0.1:9/'>"
    "<!DOCTYPE x SYSTEM 'file:///etc/passwd'><script src='http://127.0.0.1:9/x.js'></script></head><body>"
    "<img src='file:///etc/passwd'><iframe src='file:///etc/shadow'></iframe><object data='http://127.0.0.1:9/o'>"
    "</object><svg><image href='file:///etc/hostname'/></svg><article><p>" + GOOD * 3 + "</p></article></body></html>"
)

_events: list[tuple[str, tuple[Any, ...]]] = []
_recording = threading.Event()


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _recording.is_set() and (event in ("open", "os.listdir", "urllib.Request", "http.client.connect")
                                or event.startswith("socket.")):
        _events.append((event, args))


sys.addaudithook(_audit)  # hooks cannot be removed; this one records only while a test sets the flag


def test_html_naming_local_files_and_urls_makes_no_file_read_and_no_connection(make_client: Callable[..., Any]) -> None:
    body = {"documents": [{"html": HOSTILE_HTML}], "return_text": True}
    with make_client() as client:
        assert client.post("/summarize", json=body).status_code == 200  # warm: lazy imports open their own files
        _events.clear()
        _recording.set()
        try:
            response = client.post("/summarize", json=body)
        finally:
            _recording.clear()

    assert response.status_code == 200, response.text
    assert "root:" not in response.text
    opened = [str(args[0]) for event, args in _events if event == "open"]
    assert not [p for p in opened if p.startswith("/etc") or "passwd" in p], opened
    assert not [e for e in _events if e[0] != "open"], _events  # no socket, DNS lookup or URL request at all


def test_a_url_cannot_be_given_as_a_document(make_client: Callable[..., Any]) -> None:
    with make_client() as client:
        response = client.post("/summarize", json={"documents": [{"url": "file:///etc/passwd"}]})

    assert_error(response, 422, "invalid_request")


@pytest.mark.parametrize(("method", "path"), [
    ("POST", "/summarize"), ("POST", "/v1/summarize"), ("GET", "/info"), ("GET", "/docs"), ("GET", "/openapi.json"),
    ("GET", "/no-such-route"), ("GET", "/sample"),
])
@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, {"Authorization": "Bearer wrong"},
                                     {"Authorization": f"Basic {KEY}"}, {"X-API-Key": KEY[:-1]}],
                         ids=["none", "wrong-x-api-key", "wrong-bearer", "basic-scheme", "prefix"])
def test_every_route_but_the_probes_needs_the_api_key(
    make_client: Callable[..., Any], method: str, path: str, headers: dict[str, str],
) -> None:
    with make_client(api_key=KEY) as client:
        response = client.request(method, path, headers={"content-type": "application/json", **headers},
                                  json={"documents": [{"text": GOOD}]} if method == "POST" else None)

    error = assert_error(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"
    assert KEY not in response.text
    assert "X-API-Key" in error["message"] or "is wrong" in error["message"]


@pytest.mark.parametrize("headers", [{"X-API-Key": KEY}, {"Authorization": f"Bearer {KEY}"},
                                     {"authorization": f"bearer {KEY}"}])
def test_the_right_key_in_either_header_is_let_through(
    make_client: Callable[..., Any], headers: dict[str, str],
) -> None:
    with make_client(api_key=KEY) as client:
        summary = client.post("/summarize", json={"documents": [{"text": GOOD}]}, headers=headers)
        info = client.get("/info", headers=headers)

    assert summary.status_code == 200 and summary.json()["sentences"]
    assert info.status_code == 200


def test_the_probes_answer_without_the_key(make_client: Callable[..., Any]) -> None:
    with make_client(api_key=KEY) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        assert client.get("/readyz").json() == {"status": "ready"}


def test_the_web_page_shell_opens_without_the_key_but_its_data_needs_it(make_client: Callable[..., Any]) -> None:
    with make_client(api_key=KEY) as client:
        page = client.get("/")
        script = client.get("/static/app.js")
        sample = client.get("/sample")

    assert page.status_code == 200 and "<html" in page.text.lower()
    assert script.status_code == 200 and "X-API-Key" in script.text
    assert_error(sample, 401, "unauthorized")


def test_a_request_without_the_key_is_refused_before_its_body_is_checked_or_read(
    make_client: Callable[..., Any],
) -> None:
    with make_client(api_key=KEY, max_body_bytes=10) as client:
        large = client.post("/summarize", content=b"x" * 1000, headers={"content-type": "text/plain"})

    assert_error(large, 401, "unauthorized")  # not 413 or 415: nothing about the body was looked at


def test_the_key_is_compared_in_constant_time(make_client: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real = service.middleware.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(service.middleware.hmac, "compare_digest", spy)
    with make_client(api_key=KEY) as client:
        client.get("/info", headers={"X-API-Key": "guess"})

    assert compared == [(b"guess", KEY.encode())]


def test_an_empty_api_key_setting_is_refused_rather_than_read_as_no_key() -> None:
    with pytest.raises(ValidationError, match="must not be empty"):
        Settings(api_key="")


def test_the_key_is_not_in_the_settings_repr() -> None:
    assert KEY not in repr(Settings(api_key=KEY)) and KEY not in str(Settings(api_key=KEY).model_dump())


def test_an_internal_error_shows_no_traceback_path_or_setting() -> None:
    class Broken(Summarizer):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            raise RuntimeError(f"boom in /srv/secret/config.py with key {KEY}")

    app = create_app()
    settings = Settings(api_key=KEY)
    app.dependency_overrides[get_settings] = lambda: settings
    app.dependency_overrides[get_model_loader] = lambda: lambda _: Broken(FakeEmbedder())
    # As served: the exception reaches the error handler, not the test.
    with TestClient(app, raise_server_exceptions=False) as client:
        wait_ready(client)
        response = client.post("/summarize", json={"documents": [{"text": GOOD}]}, headers={"X-API-Key": KEY})
        invalid = client.post("/summarize", json={"documents": [{"text": GOOD, "x": KEY}]},
                              headers={"X-API-Key": KEY})

    error = assert_error(response, 500, "internal_error")
    assert error["message"] == "Internal error; the server log has the details."
    for text in (response.text, invalid.text):
        assert KEY not in text and "Traceback" not in text and "/srv/secret" not in text and ".py" not in text
