"""How ``make test`` spreads tests over its pytest-xdist workers.

nbval runs a notebook's cells as consecutive tests in one kernel, so they must
stay on one worker, in order; every other test may go to whichever worker is
free.  ``--dist loadscope`` kept each test module whole, which put a module's
hundreds of catalogue tests on a single worker; ``--dist loadgroup`` is meant
for this, but with pytest 9 its group marks no longer reach the scheduler.  So
``make test`` runs ``pytest -n 2 --dist loadgroup`` and this hook gives
loadgroup the grouping: one group per notebook, every other test on its own.
Work goes out largest unit first (the notebooks), then test by test in
collection order, which this file also changes: tests marked ``slow`` (the real
nbgrader runs) come first, so the quick ones fill the gaps at the end instead of
two slow tests finishing the run alone.
"""

import pytest


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: slow first, order kept


@pytest.hookimpl(optionalhook=True)  # the hook exists only when pytest-xdist is loaded
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class NotebookScheduling(LoadScopeScheduling):
        """A notebook's cells are one work unit; any other test is a unit of its own."""

        def _split_scope(self, nodeid):
            path = nodeid.split("::", 1)[0]
            return path if path.endswith(".ipynb") else nodeid

    return NotebookScheduling(config, log)
