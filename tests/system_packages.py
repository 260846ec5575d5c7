"""Tests that need a program the system provides (espeak-ng for read-aloud).

``require_system_package("espeak-ng")`` at the top of such a test: without the program
the test skips and says why, except in CI (``CI=true``), where ``.ci/run`` installs what
the tests need first and its absence is a failure, since a skip there would let the
feature go untested without anyone noticing.
"""

from __future__ import annotations

import os
import shutil

import pytest


def running_in_ci() -> bool:
    """CI sets ``CI=true`` (GitHub Actions, GitLab and most others do)."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def require_system_package(program: str, package: str | None = None) -> str:
    """The path of ``program`` on the ``PATH``; otherwise the test is skipped, or in CI
    failed (raises pytest's skip or fail outcome). ``package`` is the Debian package that
    installs it, when its name is not the program's (chromedriver: chromium-driver)."""
    found = shutil.which(program)
    if found:
        return found
    package = package or program
    reason = f"{program} is not installed (on Debian or Ubuntu: apt-get install {package})"
    if running_in_ci():
        pytest.fail(f"{reason}, and in CI every test must run: .ci/run installs it")
    pytest.skip(reason)


def require_system_file(path: str, package: str) -> str:
    """``path``, a file a Debian ``package`` installs (a font); otherwise the test is
    skipped, or in CI failed, as :func:`require_system_package` does."""
    if os.path.isfile(path):
        return path
    reason = f"{path} is missing (on Debian or Ubuntu: apt-get install {package})"
    if running_in_ci():
        pytest.fail(f"{reason}, and in CI every test must run: .ci/run installs it")
    pytest.skip(reason)
