"""The web page: `/` and its files under `/static/`, served from the package, and `/sample`, the seed story.

Plain HTML, CSS and JavaScript in `service/static/`: nothing to build and no Node toolchain at run time.
"""

from __future__ import annotations

import mimetypes
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from summarizer import SummarizerError, read_paths

#: The repository's sample story, which the page's "load the sample story" button fills in.
SEEDS = Path(__file__).resolve().parent.parent / "seeds"

#: Explicit types for what the page is made of: `mimetypes` reads the system's tables, which differ by platform.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
}

#: The page loads its script and style from this origin only, and sends requests only here.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}

router = APIRouter(include_in_schema=False)


def static_dir() -> Traversable:
    """The folder of the page's files inside the installed package."""
    return files("service") / "static"


@lru_cache(maxsize=1)
def static_names() -> frozenset[str]:
    """The files that may be served: the plain files directly in `static/`. A request names one of these or gets
    a 404, so no path (`..`, absolute, encoded) can reach anything else."""
    return frozenset(entry.name for entry in static_dir().iterdir() if entry.is_file()
                     and not entry.name.startswith("."))


def content_type(name: str) -> str:
    """The Content-Type a static file is sent with.

    Example:
        >>> content_type("app.js"), content_type("LICENSE")
        ('text/javascript; charset=utf-8', 'application/octet-stream')
    """
    suffix = Path(name).suffix.lower()
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


@router.get("/")
async def index() -> Response:
    """The page."""
    body = (static_dir() / "index.html").read_bytes()
    return Response(body, media_type="text/html; charset=utf-8",
                    headers={**_HEADERS, "Content-Security-Policy": _CSP})


@router.get("/piles")
async def piles() -> Response:
    """The stories page: a pile of articles in, the list of its stories out."""
    body = (static_dir() / "stories.html").read_bytes()
    return Response(body, media_type="text/html; charset=utf-8",
                    headers={**_HEADERS, "Content-Security-Policy": _CSP})


@router.get("/static/{name:path}")
async def static(name: str) -> Response:
    """One of the page's files, by its name in `service/static/`."""
    if name not in static_names():
        raise HTTPException(404, f"No static file {name!r}; the page's files are: {', '.join(sorted(static_names()))}.")
    return Response((static_dir() / name).read_bytes(), media_type=content_type(name), headers=_HEADERS)


@router.get("/sample")
def sample() -> JSONResponse:
    """The sample story (the seed articles in the repository's `seeds/`) as the `documents` of a request."""
    try:
        documents = read_paths([SEEDS]).documents
    except SummarizerError as exc:
        raise HTTPException(404, f"The sample story is not available here ({exc}); it ships with the "
                                 "repository's seeds/ folder, not with an installed package.") from exc
    return JSONResponse({"documents": [{"id": d.id, "text": d.text} for d in documents]},
                        headers={"Cache-Control": "no-cache"})
