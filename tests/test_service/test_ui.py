"""The web page's routes: `/`, its files under `/static/`, and the sample story at `/sample`."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.exceptions import HTTPException

from service import ui
from summarizer import Document
from tests.helpers import assert_error

STATIC = Path(ui.__file__).parent / "static"


def test_the_page_is_served_at_the_root_as_html_with_a_content_security_policy(client: TestClient) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.text == (STATIC / "index.html").read_text(encoding="utf-8")
    assert '<script src="/static/app.js" defer></script>' in response.text


@pytest.mark.parametrize(("name", "content_type"), [
    ("app.js", "text/javascript; charset=utf-8"),
    ("style.css", "text/css; charset=utf-8"),
    ("index.html", "text/html; charset=utf-8"),
    ("favicon.svg", "image/svg+xml"),
])
def test_each_static_file_is_served_with_its_content_type_and_bytes(
    client: TestClient, name: str, content_type: str,
) -> None:
    response = client.get(f"/static/{name}")

    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    assert response.content == (STATIC / name).read_bytes()


def test_every_file_the_page_links_to_is_served(client: TestClient) -> None:
    linked = re.findall(r'(?:src|href)="(/static/[^"]+)"', client.get("/").text)

    assert linked, "the page links to no static file"
    for path in linked:
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("path", [
    "/static/../app.py",
    "/static/%2e%2e/app.py",
    "/static/..%2fapp.py",
    "/static/..%2f..%2fpyproject.toml",
    "/static/%2fetc%2fpasswd",
    "/static//etc/passwd",
    "/static/./app.js/../../ui.py",
    "/static/",
    "/static/missing.js",
    "/static/APP.JS",
])
def test_no_path_reaches_outside_the_static_folder(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert_error(response, 404, "not_found")
    assert "import" not in response.text  # no Python source came back


@pytest.mark.parametrize("name", ["../ui.py", "../../pyproject.toml", "/etc/passwd", "./app.js", "", ".", "..",
                                  "app.js/", "static/app.js", "..\\ui.py"])
def test_the_static_route_serves_only_the_names_in_the_folder_whatever_reaches_it(name: str) -> None:
    # HTTP clients and servers normalise `..` in URLs; the route must not rely on that.
    with pytest.raises(HTTPException) as raised:
        asyncio.run(ui.static(name))

    assert raised.value.status_code == 404
    assert ", ".join(sorted(ui.static_names())) in str(raised.value.detail)  # it says which files there are
    assert {"app.js", "index.html", "style.css"} <= ui.static_names()


def test_the_page_routes_stay_out_of_the_api_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]

    assert not {"/", "/static/{name}", "/sample"} & set(paths)


def test_the_sample_is_the_seed_articles_as_request_documents(
    client: TestClient, seed_documents: tuple[Document, ...],
) -> None:
    response = client.get("/sample")

    assert response.status_code == 200
    assert response.json() == {"documents": [{"id": d.id, "text": d.text} for d in seed_documents]}
    summary = client.post("/summarize", json=response.json())
    assert summary.status_code == 200 and len(summary.json()["sentences"]) == 5


def test_the_sample_is_a_404_that_says_why_when_the_seeds_are_not_there(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    monkeypatch.setattr(ui, "SEEDS", tmp_path / "seeds")

    error = assert_error(client.get("/sample"), 404, "not_found")

    assert "seeds/" in error["message"]


def test_the_page_needs_no_model_to_be_served(make_client: Callable[..., Any]) -> None:
    def never_loads(_: Any) -> Any:
        raise RuntimeError("no model in this test")

    with make_client(summarizer=never_loads, ready=False) as client:
        assert client.get("/").status_code == 200
        assert client.get("/static/app.js").status_code == 200
        assert client.get("/sample").status_code == 200


def test_content_types_are_fixed_for_the_page_files_and_guessed_otherwise() -> None:
    assert ui.content_type("x.SVG") == "image/svg+xml"
    assert ui.content_type("logo.png") == "image/png"
    assert ui.content_type("notes") == "application/octet-stream"
