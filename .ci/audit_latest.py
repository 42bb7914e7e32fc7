#!/usr/bin/env python3
"""Audit, from PyPI's project pages, the packages pip-audit could not: `audit_latest.py NAME==VERSION ...`.

pip-audit asks pypi.org for each installed version (`/pypi/NAME/VERSION/json`). Through a registry mirror that
serves only project pages (`/pypi/NAME/json`), every such question is answered "not found" and nothing is audited.
A project page lists the known vulnerabilities of the project's latest release, so a package installed at that
release is audited from it; one installed at another release is reported as not audited (what the page lists
says nothing about it). A local build of a release (`2.13.0+cpu`) counts as that release.

Exit status: 1 when a package is installed at a release with a known, not withdrawn vulnerability; else 0. The
packages left unaudited are listed and counted, never passed over in silence.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

PROJECT_JSON = "https://pypi.org/pypi/{name}/json"


def verdict(installed: str, page: dict[str, Any]) -> tuple[str, list[str]]:
    """("vulnerable" | "clean" | "unaudited", details) for a package installed at `installed`, from its page.

    Example:
        >>> verdict("1.0+cpu", {"info": {"version": "1.0"}, "vulnerabilities": []})
        ('clean', [])
        >>> verdict("0.9", {"info": {"version": "1.0"}, "vulnerabilities": []})
        ('unaudited', ['0.9 installed, 1.0 the latest release'])
    """
    latest = str(page["info"]["version"])
    try:
        same = Version(installed).public == Version(latest).public
    except InvalidVersion:
        same = installed == latest
    if not same:
        return "unaudited", [f"{installed} installed, {latest} the latest release"]
    found = [
        f"{v.get('id')} ({', '.join(v.get('aliases') or []) or 'no alias'}); fixed in "
        f"{', '.join(v.get('fixed_in') or []) or 'no release yet'}: {v.get('link') or ''}"
        for v in page.get("vulnerabilities") or [] if not v.get("withdrawn")
    ]
    return ("vulnerable", found) if found else ("clean", [])


def fetch(url: str) -> tuple[dict[str, Any] | None, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (a fixed https or test file URL)
            return json.load(response), ""
    except urllib.error.HTTPError as exc:
        return None, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return None, f"{type(exc).__name__}: {exc}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packages", nargs="*", metavar="NAME==VERSION")
    parser.add_argument("--url", default=os.environ.get("AUDIT_PROJECT_URL", PROJECT_JSON),
                        help="project page URL, {name} for the package (default: $AUDIT_PROJECT_URL or pypi.org)")
    args = parser.parse_args(argv)
    pins = [p.split("==", 1) for p in args.packages]
    if any(len(p) != 2 for p in pins):
        parser.error("give packages as NAME==VERSION")

    def check(pin: list[str]) -> tuple[str, str, str, list[str]]:
        name, version = pin
        page, error = fetch(args.url.format(name=canonicalize_name(name)))
        if page is None:
            return name, version, "unaudited", [f"no project page ({error})"]
        return (name, version, *verdict(version, page))

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(check, pins))
    counts = {"vulnerable": 0, "clean": 0, "unaudited": 0}
    for name, version, state, details in results:
        counts[state] += 1
        if state != "clean":
            for detail in details:
                print(f"{state:10s} {name} {version}: {detail}")
    print(f"audit (project pages): {counts['clean']} packages at their latest release with no known vulnerability; "
          f"{counts['vulnerable']} vulnerable; {counts['unaudited']} NOT audited (listed above)")
    return 1 if counts["vulnerable"] else 0


if __name__ == "__main__":
    sys.exit(main())
