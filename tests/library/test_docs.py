"""Documentation: docstring examples run, every public name is documented, LaTeX is in raw strings."""

import doctest
import importlib
import inspect
import pathlib
import warnings

import numpy as np
import pytest

MODULES = ["activations", "losses", "layers", "init", "optim", "train", "gradcheck", "data", "plot",
           "widgets", "bench", "autodiff", "density", "diagnostics"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    """Do the >>> examples in each module's docstrings give the output they show?"""
    module = importlib.import_module(f"nncourse.{name}")
    result = doctest.testmod(module, extraglobs={"np": np}, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


@pytest.mark.parametrize("name", MODULES)
def test_public_names_have_docstrings(name):
    """Does every name in __all__ (and every public method of its classes) have a docstring?"""
    module = importlib.import_module(f"nncourse.{name}")
    assert module.__doc__ and len(module.__doc__) > 100
    for attr in module.__all__:
        obj = getattr(module, attr)
        if callable(obj):
            assert inspect.getdoc(obj), f"{name}.{attr}"
        if inspect.isclass(obj):
            for meth_name, meth in vars(obj).items():
                if callable(meth) and not meth_name.startswith("_"):
                    assert inspect.getdoc(getattr(obj, meth_name)), f"{name}.{attr}.{meth_name}"


@pytest.mark.parametrize("name", MODULES + ["_validate"])
def test_sources_compile_without_escape_warnings(name):
    """Is every backslash in a docstring inside a raw string (no invalid-escape warnings)?"""
    path = pathlib.Path(importlib.import_module(f"nncourse.{name}").__file__)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compile(path.read_text(), str(path), "exec")


@pytest.mark.parametrize("name", MODULES + ["_validate"])
def test_no_global_random_state(name):
    """Does the library avoid np.random's global state (np.random.seed, np.random.rand, ...)?"""
    src = pathlib.Path(importlib.import_module(f"nncourse.{name}").__file__).read_text()
    for legacy in ("np.random.seed", "np.random.rand(", "np.random.randn(", "np.random.normal(",
                   "np.random.uniform(", "np.random.permutation(", "np.random.shuffle(", "np.random.choice(",
                   "import random"):
        assert legacy not in src, f"{name} uses {legacy}"
