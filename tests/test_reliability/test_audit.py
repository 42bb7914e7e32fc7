"""The dependency audit's fallback (.ci/audit_latest.py) and its place in .ci/audit, offline: pip-audit is faked
and PyPI's project pages are files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / ".ci" / "audit_latest.py"

VULN = {"id": "PYSEC-2099-1", "aliases": ["CVE-2099-0001"], "fixed_in": ["2.1"], "link": "https://osv.dev/x",
        "withdrawn": None}


def pages(tmp_path: Path, **projects: tuple[str, list[dict[str, object]]]) -> str:
    for name, (latest, vulnerabilities) in projects.items():
        folder = tmp_path / "pypi" / name
        folder.mkdir(parents=True)
        (folder / "json").write_text(json.dumps({"info": {"version": latest}, "vulnerabilities": vulnerabilities}))
    return (tmp_path / "pypi").as_uri() + "/{name}/json"


def audit_latest(url: str, *pins: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), "--url", url, *pins], capture_output=True, text=True,
                          timeout=60)


def test_a_package_at_its_latest_release_is_audited_from_the_page_and_a_listed_vulnerability_fails(tmp_path):
    url = pages(tmp_path, clean=("1.0", []), bad=("2.0", [VULN]))
    result = audit_latest(url, "clean==1.0", "bad==2.0")

    assert result.returncode == 1
    assert "vulnerable bad 2.0: PYSEC-2099-1 (CVE-2099-0001); fixed in 2.1" in result.stdout
    assert "1 packages at their latest release with no known vulnerability; 1 vulnerable; 0 NOT audited" in (
        result.stdout)


def test_another_release_or_a_missing_page_is_reported_not_audited_and_does_not_fail(tmp_path):
    url = pages(tmp_path, older=("3.0", [VULN]))
    result = audit_latest(url, "older==2.9", "absent==1.0")

    assert result.returncode == 0
    assert "unaudited  older 2.9: 2.9 installed, 3.0 the latest release" in result.stdout
    assert "unaudited  absent 1.0: no project page (" in result.stdout
    assert "0 packages at their latest release with no known vulnerability; 0 vulnerable; 2 NOT audited" in (
        result.stdout)


def test_a_local_build_counts_as_its_release_and_a_withdrawn_advisory_does_not(tmp_path):
    url = pages(tmp_path, torch=("2.13.0", [{**VULN, "withdrawn": "2099-01-02T00:00:00Z"}]))
    result = audit_latest(url, "torch==2.13.0+cpu")

    assert result.returncode == 0
    assert "1 packages at their latest release with no known vulnerability; 0 vulnerable; 0 NOT audited" in (
        result.stdout)


def test_names_are_looked_up_in_pypis_normal_form(tmp_path):
    url = pages(tmp_path, **{"typing-extensions": ("4.0", [])})
    result = audit_latest(url, "Typing_Extensions==4.0")

    assert result.returncode == 0 and "1 packages at their latest release" in result.stdout


@pytest.mark.parametrize(("page_vulns", "status", "says"), [
    ([], 0, "1 packages at their latest release with no known vulnerability; 0 vulnerable; 1 NOT audited"),
    ([VULN], 1, "audit: FAILED: known vulnerabilities above"),
])
def test_ci_audit_audits_from_the_project_pages_what_pip_audit_could_not(tmp_path, page_vulns, status, says):
    venv = tmp_path / "venv" / "bin"
    venv.mkdir(parents=True)
    fake = venv / "pip-audit"
    fake.write_text("#!/bin/sh\n"
                    "echo 'Name Skip Reason'\n"
                    "echo 'lxml  Dependency not found on PyPI and could not be audited: lxml (6.1.3)'\n"
                    "echo 'torch Dependency not found on PyPI and could not be audited: torch (2.13.0+cpu)'\n")
    fake.chmod(0o755)
    (venv / "python").symlink_to(sys.executable)
    url = pages(tmp_path, lxml=("6.2.0", []), torch=("2.13.0", page_vulns))
    env = {**os.environ, "VENV": str(tmp_path / "venv"), "AUDIT_PROJECT_URL": url}
    result = subprocess.run([str(ROOT / ".ci" / "audit")], capture_output=True, text=True, env=env, timeout=60)

    assert result.returncode == status, result.stdout + result.stderr
    assert "2 packages could not be audited by version" in result.stdout
    assert "unaudited  lxml 6.1.3: 6.1.3 installed, 6.2.0 the latest release" in result.stdout
    assert says in result.stdout


def test_ci_audit_says_so_when_a_skipped_package_cannot_be_read_from_pip_audits_report(tmp_path):
    venv = tmp_path / "venv" / "bin"
    venv.mkdir(parents=True)
    fake = venv / "pip-audit"
    fake.write_text("#!/bin/sh\n"
                    "echo 'lxml  Dependency not found on PyPI and could not be audited: lxml (6.2.0)'\n"
                    "echo 'odd   could not be audited, for a reason of another shape'\n")
    fake.chmod(0o755)
    (venv / "python").symlink_to(sys.executable)
    env = {**os.environ, "VENV": str(tmp_path / "venv"), "AUDIT_PROJECT_URL": pages(tmp_path, lxml=("6.2.0", []))}
    result = subprocess.run([str(ROOT / ".ci" / "audit")], capture_output=True, text=True, env=env, timeout=60)

    assert result.returncode == 0
    assert "1 packages at their latest release with no known vulnerability; 0 vulnerable; 0 NOT audited" in (
        result.stdout)
    assert "audit: WARNING: 1 of the 2 packages pip-audit skipped were not read from its report" in result.stdout
