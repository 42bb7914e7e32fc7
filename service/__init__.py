"""The HTTP service of the summariser: a thin FastAPI layer over `summarizer.Summarizer`.

Start it with `summarize-server` (see `service.__main__`); the ASGI app is `service.app:app`.
"""

from __future__ import annotations

from summarizer import __version__

__all__ = ["__version__"]
