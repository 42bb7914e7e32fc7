"""Makes the repository's `benchmarks/` importable: it is run from the root, not installed with the library."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    # `python -m pytest` puts the root on sys.path already; a bare `pytest` does not.
    sys.path.insert(0, str(ROOT))
