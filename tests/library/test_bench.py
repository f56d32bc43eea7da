"""The benchmark runs end to end on a tiny configuration, pins threads and writes the promised records."""

import json

import numpy as np
import pytest

from nncourse import bench

try:
    import torch
except ImportError:  # PyTorch is optional: the bench skips it
    torch = None


def test_bench_cli_tiny(tmp_path, capsys):
    """Does `python -m nncourse.bench` at batch 4 print both tables and the goals, and write the records?"""
    out = tmp_path / "build" / "bench.json"
    records = bench.main(["--repeats", "2", "--batches", "4", "--threads", "1", "--out", str(out)])
    printed = capsys.readouterr().out
    assert "threads=1" in printed and "step ms" in printed and "numpy ms" in printed and str(out) in printed
    assert "faster than scikit-learn" in printed and "step / bare NumPy" in printed
    saved = json.loads(out.read_text())
    assert saved == json.loads(json.dumps(records))
    assert [(r["network"], r["batch"], r["dtype"]) for r in saved] == [
        ("784-256-10", 4, "float32"), ("64-100-10", 32, "float32"),
        ("784-256-10", 4, "float64"), ("64-100-10", 32, "float64")]
    for r in saved:
        assert r["blas_threads"] == 1
        if r["network"] == "784-256-10":
            for key in ("step_s", "matmul_s", "ratio", "sklearn_s"):
                assert r[key] > 0, key
            assert np.isclose(r["ratio"], r["step_s"] / r["matmul_s"])
            assert ("torch_s" in r) == (torch is not None)  # skipped cleanly, not recorded as zero
        else:
            assert np.isclose(r["ratio_numpy"], r["step_s"] / r["numpy_s"])
        assert r["torch_threads"] == (1 if torch is not None else None)
        assert r["load"] >= 0
    assert "load average" in printed


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_numpy_step_is_the_library_step(dtype):
    """Is the bare NumPy reference the same computation as the library step (same new weights)?"""
    model, X, y = bench._network((5, 7, 3), 4, dtype, np.random.default_rng(0))
    copies = [p.copy() for p in model.params().values()]
    bench._library_step(model, X, y)()
    loss = bench._numpy_step(*copies, X, y)()
    for got, want in zip(copies, model.params().values()):
        assert got.dtype == want.dtype == dtype
        assert np.allclose(got, want, rtol=1e-5, atol=1e-6)
    assert np.isfinite(loss) and loss > 0


@pytest.mark.skipif(torch is None, reason="PyTorch is optional and not installed")
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_torch_step_does_the_same_work(dtype):
    """Do two PyTorch steps from the same weights and data give the library's new weights (same loss, update, dtype)?"""
    model, X, y = bench._network((5, 7, 3), 4, dtype, np.random.default_rng(0))
    net = bench._torch_network(model)
    torch_step, our_step = bench._torch_step(net, X, y), bench._library_step(model, X, y)
    for _ in range(2):  # a second step would differ if PyTorch added to the first step's gradients
        torch_step()
        our_step()
    theirs = [net[0].weight.T, net[0].bias, net[2].weight.T, net[2].bias]
    for name, ours, t in zip(model.params(), model.params().values(), theirs):
        got = t.detach().numpy()
        assert got.dtype == ours.dtype == dtype, name
        assert np.allclose(got, ours, rtol=1e-5, atol=1e-6), name
    assert not np.allclose(model[0].W, bench._network((5, 7, 3), 4, dtype, np.random.default_rng(0))[0][0].W)


def test_bench_step_keeps_float32():
    """Does the float32 step keep every gradient in float32 (and would the check catch an upcast)?"""
    model, X, y = bench._network(bench.MNIST, 3, np.float32, np.random.default_rng(0))
    bench._library_step(model, X, y)()
    bench._check_dtype(model, np.float32)
    model[2].db = model[2].db.astype(np.float64)
    with pytest.raises(RuntimeError, match=r"bench: gradient 2.b has dtype float64, expected float32"):
        bench._check_dtype(model, np.float32)


def test_limit_threads_pins_blas_and_torch_and_restores():
    """Does limit_threads(1) set every BLAS pool (and PyTorch) to one thread, and put the old values back?"""
    from threadpoolctl import threadpool_info

    before = [d["num_threads"] for d in threadpool_info()]
    torch_before = torch.get_num_threads() if torch is not None else None
    with bench.limit_threads(1):
        assert all(d["num_threads"] == 1 for d in threadpool_info() if d["user_api"] == "blas")
        if torch is not None:
            assert torch.get_num_threads() == 1
    assert [d["num_threads"] for d in threadpool_info()][:len(before)] == before
    if torch is not None:
        assert torch.get_num_threads() == torch_before


def test_goals_judge_each_target():
    """Are the ratio, PyTorch/scikit-learn and lesson-sized goals judged against their thresholds?"""
    records = [
        {"network": "784-256-10", "batch": 64, "dtype": "float32", "step_s": 1.0, "matmul_s": 0.9, "ratio": 1.0 / 0.9,
         "sklearn_s": 3.0, "torch_s": 0.5},
        {"network": "784-256-10", "batch": 4, "dtype": "float32", "step_s": 1.0, "matmul_s": 0.2, "ratio": 5.0},
        {"network": "64-100-10", "batch": 32, "dtype": "float64", "step_s": 1.0, "numpy_s": 0.5, "ratio_numpy": 2.0},
    ]
    verdicts = [met for _, met in bench.goals(records)]
    # batch 64: ratio met, sklearn met, torch missed; batch 4: no ratio goal; lesson: missed
    assert verdicts == [True, True, False, False]


def test_bench_arguments():
    """Are bad batch sizes, dtypes and thread counts rejected?"""
    with pytest.raises(SystemExit):
        bench.main(["--batches", "0"])
    with pytest.raises(SystemExit):
        bench.main(["--dtypes", "float16"])
    with pytest.raises(SystemExit):
        bench.main(["--threads", "0"])
    with pytest.raises(ValueError, match=r"bench.run: dtypes must be 'float32' or 'float64', got 'int8'"):
        bench.run(batches=[2], dtypes=["int8"], repeats=1)


def test_time_takes_turns_in_blocks_and_keeps_each_minimum(monkeypatch):
    """Do the timed functions take turns in blocks (ours, the others, ours again), each keeping its minimum?"""
    calls = []
    clock = iter(range(10_000))
    monkeypatch.setattr(bench.time, "perf_counter", lambda: next(clock))
    durations = {"a": [5, 3, 4, 9, 1, 7, 2], "b": [6, 6, 2, 8, 8, 8, 8]}  # per timed call after the warm-up

    def fn(key):
        def call():
            calls.append(key)
            if len(calls) > 2:  # after both warm-ups: make the clock advance by this call's duration
                for _ in range(durations[key].pop(0) - 1):
                    next(clock)
        return call
    best = bench._time({"a": fn("a"), "b": fn("b")}, repeats=7, block=3)
    assert calls == ["a", "b"] + ["a"] * 3 + ["b"] * 3 + ["a"] * 3 + ["b"] * 3 + ["a", "b"]
    assert best == {"a": 1, "b": 2}


def test_the_matmul_floor_times_the_steps_own_products():
    """The floor multiplies the step's own arrays (the weights it updates in place, X, and the activations
    and gradients of a step): the five products of the right shapes, none of them a copy."""
    model, X, y = bench._network((6, 5, 3), 4, np.float32, np.random.default_rng(1))
    products = bench._matmuls(model, X, y)
    held = {name: cell.cell_contents for name, cell in zip(products.__code__.co_freevars, products.__closure__)}
    assert held["W1"] is model[0].W and held["W2"] is model[2].W and held["X"] is X
    assert held["H"].shape == (4, 5) and held["G"].shape == (4, 3) and held["G1"].shape == (4, 5)
    assert all(a.dtype == np.float32 for a in held.values())
    assert products() is None
