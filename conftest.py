"""How ``make test`` spreads tests over its pytest-xdist workers.

nbval runs a notebook's cells as consecutive tests in one kernel, so they must
stay on one worker, in order; every other test may go to whichever worker is
free.  ``--dist loadscope`` kept each test module whole, which put a module's
hundreds of catalogue tests on a single worker; ``--dist loadgroup`` is meant
for this, but with pytest 9 its group marks no longer reach the scheduler.  So
``make test`` runs ``pytest -n 2 --dist loadgroup`` and this hook gives
loadgroup the grouping: one group per notebook, one per test module for the
tests that take a module-scoped fixture of that module (built once, not once
per worker), every other test on its own.
Work goes out largest unit first (the notebooks), then test by test in
collection order, which this file also changes: tests marked ``slow`` (the real
nbgrader runs) come first, so the quick ones fill the gaps at the end instead of
two slow tests finishing the run alone.
"""

import pytest


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: slow first, order kept


def _tests_sharing_a_module_fixture(root: str) -> dict[str, set[str]]:
    """``{module path: names of its test functions that take one of its module-scoped fixtures}``.

    Such a fixture is a graded course, a cluster or a trained model: the tests that share it go to
    one worker together, or each worker builds it again.  Read from the source, because the
    scheduler, in the controlling process, sees only test ids.
    """
    import ast
    import pathlib

    def module_scoped(node) -> bool:
        return any(isinstance(d, ast.Call) and any(k.arg == "scope" and getattr(k.value, "value", None) == "module"
                                                   for k in d.keywords) for d in node.decorator_list)

    found: dict[str, set[str]] = {}
    for path in pathlib.Path(root, "tests").rglob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        fixtures = {n.name for n in functions if module_scoped(n)}
        users = {n.name for n in functions if n.name.startswith("test")
                 and fixtures & {a.arg for a in n.args.args}}
        if users:
            found[path.relative_to(root).as_posix()] = users
    return found


@pytest.hookimpl(optionalhook=True)  # the hook exists only when pytest-xdist is loaded
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    shared = _tests_sharing_a_module_fixture(str(config.rootpath))

    class NotebookScheduling(LoadScopeScheduling):
        """A notebook's cells are one work unit, as are the tests that share a module fixture; any
        other test is a unit of its own."""

        def _split_scope(self, nodeid):
            path = nodeid.split("::", 1)[0]
            if path.endswith(".ipynb"):
                return path
            name = nodeid.split("::")[-1].split("[", 1)[0]
            return path if name in shared.get(path, ()) else nodeid

    return NotebookScheduling(config, log)
