"""Mutation testing of lessons 09-11: exercises of several definitions, allowed views, lesson limits
and open-ended exercises (see :mod:`nncourse.grading.mutate`)."""

import os

import pytest

from nncourse.grading import mutate
from nncourse.grading.mutate import exercise_names, measure, mutants, open_ended, reference_source

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_an_exercise_is_every_name_its_alternatives_define():
    """09's tensor_ops has an alternative with add and mul only: unbroadcast, add and mul are all mutated."""
    assert exercise_names(ROOT, "09-autodiff", "tensor_ops") == ["unbroadcast", "add", "mul"]
    src = reference_source(ROOT, "09-autodiff", ["unbroadcast", "add", "mul"])
    for name in ("def unbroadcast", "def add", "def mul"):
        assert name in src
    # mutants inside the backward closures of add and mul are generated too
    assert any("a.grad -= " in m.source or "a.grad *= " in m.source for m in mutants(src))


def test_an_alternatives_own_helper_is_not_looked_up_in_the_solution():
    names = exercise_names(ROOT, "11-deep-network", "model")
    assert "affine" in names                           # a helper of one alternative only
    src = reference_source(ROOT, "11-deep-network", names)
    assert "def model_backward" in src and "def affine" not in src


def test_a_question_has_no_mutants():
    assert exercise_names(ROOT, "09-autodiff", "fan_out_question") == []
    assert reference_source(ROOT, "09-autodiff", []).strip() == ""
    with pytest.raises(SystemExit, match="defines none"):
        reference_source(ROOT, "09-autodiff", ["no_such_function"])


def test_only_a_suite_that_says_so_is_open_ended(tmp_path):
    assert open_ended(os.path.join(ROOT, "autograder", "11-deep-network", "test_build_and_train.py"))
    assert not open_ended(os.path.join(ROOT, "autograder", "11-deep-network", "test_model.py"))
    for text, want in (("OPEN_ENDED = True\n", True), ("OPEN_ENDED = False\n", False),
                       ("def f():\n    OPEN_ENDED = True\n", False), ("# OPEN_ENDED = True\n", False)):
        path = tmp_path / "test_x.py"
        path.write_text(text)
        assert open_ended(str(path)) is want, text


def test_the_reference_runs_under_the_lessons_own_call_limit(monkeypatch):
    """11's limits say 60 s a call (build_and_train trains for seconds); 04 keeps the default 5 s."""
    seen = []

    class Recording(mutate.InProcess):
        def __init__(self, cells, **kwargs):
            super().__init__(cells, **kwargs)
            seen.append((self.call_seconds, self.statement_seconds))

    monkeypatch.setattr(mutate, "InProcess", Recording)
    for lesson, exercise, names in (("11-deep-network", "model", ["init_params", "model_forward", "model_backward"]),
                                    ("04-backprop", "sigmoid", ["Sigmoid"])):
        score, points, log, _ = mutate.run_in_process(ROOT, lesson, exercise, reference_source(ROOT, lesson, names))
        assert score == points and log
    assert seen == [(60, 10.0), (5.0, 10.0)]


@pytest.mark.slow
def test_a_view_the_statement_allows_is_no_survivor():
    """10's mdn_params may return mu as a block of raw (allow_alias): dropping its .copy() is equivalent."""
    rep = measure(ROOT, "10-regression", "mdn_params", engine=False)
    dropped = [m for m in rep.mutants if m.label == "drop .copy()"]
    assert dropped and all(m.status == "equivalent" for m in dropped)
    assert rep.survived == 0, [m.label for m in rep.mutants if m.status == "survived"]


def test_the_command_reruns_itself_with_one_blas_thread(monkeypatch):
    """As the sandbox does: several BLAS threads made 11's reference miss its call limit in process."""
    calls = []
    monkeypatch.setattr(mutate.os, "execve", lambda exe, argv, env: calls.append((argv, env)))
    monkeypatch.setattr(mutate.sys, "argv", ["mutate.py", "11-deep-network/model", "--quick"])
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    mutate._one_blas_thread()
    (argv, env), = calls
    assert argv[1:] == ["-m", "nncourse.grading.mutate", "11-deep-network/model", "--quick"]
    assert all(env[k] == "1" for k in mutate.ONE_THREAD)
    for k in mutate.ONE_THREAD:
        monkeypatch.setenv(k, "1")
    mutate._one_blas_thread()
    assert len(calls) == 1, "no second run once the variables are set"
