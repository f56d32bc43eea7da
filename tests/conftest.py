import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "fixtures", "mini"))

import build as mini_build  # noqa: E402


@pytest.fixture(scope="session")
def repo_root():
    return ROOT


@pytest.fixture(scope="session")
def sandboxed():
    from nncourse.grading.sandbox import bwrap_path

    have = bwrap_path() is not None
    if os.environ.get("NNCOURSE_REQUIRE_SANDBOX") and not have:
        pytest.fail("NNCOURSE_REQUIRE_SANDBOX is set but bubblewrap (bwrap) is not installed")
    return have


@pytest.fixture
def mini_course(tmp_path):
    """A fresh copy of the mini course (solutions/ and autograder/) in tmp_path."""
    return mini_build.make_course(str(tmp_path / "course"))
