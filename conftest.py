"""How ``make test`` spreads tests over its pytest-xdist workers.

nbval runs a notebook's cells as consecutive tests in one kernel, so they must
stay on one worker, in order; every other test may go to whichever worker is
free.  ``--dist loadscope`` kept each test module whole, which put a module's
hundreds of catalogue tests on a single worker; ``--dist loadgroup`` is meant
for this, but with pytest 9 its group marks no longer reach the scheduler.  So
``make test`` runs ``pytest -n 2 --dist loadgroup`` and this hook gives
loadgroup the grouping: one group per notebook, one per test module for the
tests that share a module-scoped fixture of that module (built once, not once
per worker), every other test on its own.
Work goes out largest unit first (the notebooks), then test by test in
collection order, which this file also changes: tests marked ``slow`` (the real
nbgrader runs) come first, so the quick ones fill the gaps at the end instead of
two slow tests finishing the run alone.
"""

import pytest


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: slow first, order kept


def _modules_with_a_module_fixture(root: str) -> set[str]:
    """Test modules (paths relative to ``root``) that define a module-scoped fixture: a graded course,
    a cluster, a trained model.  Their tests go to one worker together, or each worker builds it again.

    Read from the source because the scheduler, in the controlling process, sees only test ids.
    """
    import pathlib
    import re

    pattern = re.compile(r"@pytest\.fixture\([^)]*scope\s*=\s*[\"']module[\"']")
    found = set()
    for path in pathlib.Path(root, "tests").rglob("test_*.py"):
        if pattern.search(path.read_text(encoding="utf-8")):
            found.add(path.relative_to(root).as_posix())
    return found


@pytest.hookimpl(optionalhook=True)  # the hook exists only when pytest-xdist is loaded
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    shared = _modules_with_a_module_fixture(str(config.rootpath))

    class NotebookScheduling(LoadScopeScheduling):
        """A notebook's cells are one work unit, as are the tests of a module with a module fixture;
        any other test is a unit of its own."""

        def _split_scope(self, nodeid):
            path = nodeid.split("::", 1)[0]
            return path if path.endswith(".ipynb") or path in shared else nodeid

    return NotebookScheduling(config, log)
