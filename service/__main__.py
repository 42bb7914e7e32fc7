"""`summarize-server`: serve the API with uvicorn on 127.0.0.1:8000 unless flags or settings say otherwise."""

from __future__ import annotations

import argparse
import os
import sys
from typing import get_args

import uvicorn
from pydantic import ValidationError

from service import __version__
from service.settings import ENV_PREFIX, LogLevel, get_settings


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `summarize-server` console script; flags override `SUMMARIZER_*` settings."""
    try:
        settings = get_settings()
    except ValidationError as exc:
        problems = "; ".join(f"{ENV_PREFIX}{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors())
        sys.exit(f"summarize-server: error: bad setting: {problems}")
    parser = argparse.ArgumentParser(
        prog="summarize-server", description="Serve the summariser's HTTP API (docs at /docs once started).",
        epilog=f"Every setting can also be given as an environment variable {ENV_PREFIX}<NAME>, e.g. "
        f"{ENV_PREFIX}PORT=8080.",
    )
    parser.add_argument("--host", default=settings.host, help="interface to listen on (default %(default)s)")
    parser.add_argument("--port", type=int, default=settings.port, help="port to listen on (default %(default)s)")
    parser.add_argument("--workers", type=int, default=settings.workers,
                        help="server processes, each with its own model (default %(default)s)")
    parser.add_argument("--log-level", default=settings.log_level,
                        choices=get_args(LogLevel),
                        help="log level (default %(default)s)")
    parser.add_argument("--version", action="version", version=f"summarize-server {__version__}")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    # The app reads its settings from the environment (in each worker process): the flag's level reaches the
    # request log that way. uvicorn's access log is off: the request log has one line per request already.
    os.environ[f"{ENV_PREFIX}LOG_LEVEL"] = args.log_level
    get_settings.cache_clear()
    uvicorn.run("service.app:app", host=args.host, port=args.port, workers=args.workers, log_level=args.log_level,
                access_log=False)


if __name__ == "__main__":
    main()
