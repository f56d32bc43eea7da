"""The benchmark runs end to end on a tiny configuration and writes the promised records."""

import json

import numpy as np
import pytest

from nncourse import bench


def test_bench_cli_tiny(tmp_path, capsys):
    """Does `python -m nncourse.bench` with 2 repeats at batch 4 print a table and write build/bench.json records?"""
    out = tmp_path / "build" / "bench.json"
    records = bench.main(["--repeats", "2", "--batches", "4", "--out", str(out)])
    printed = capsys.readouterr().out
    assert "threads=" in printed and "step ms" in printed and str(out) in printed
    saved = json.loads(out.read_text())
    assert saved == json.loads(json.dumps(records))
    assert [(r["batch"], r["dtype"]) for r in saved] == [(4, "float32"), (4, "float64")]
    for r in saved:
        for key in ("step_s", "matmul_s", "matmul_all_s", "ratio", "sklearn_s"):
            assert r[key] > 0, key
        assert np.isclose(r["ratio"], r["step_s"] / r["matmul_s"])
        try:
            import torch  # noqa: F401
        except ImportError:
            assert "torch_s" not in r  # skipped cleanly, not recorded as zero


def test_bench_step_keeps_float32():
    """Does the float32 step really stay in float32 (the step builder checks every gradient)?"""
    step = bench._library_step(3, np.float32, np.random.default_rng(0))
    step()


def test_bench_arguments():
    """Are bad batch sizes and dtypes rejected?"""
    with pytest.raises(SystemExit):
        bench.main(["--batches", "0"])
    with pytest.raises(SystemExit):
        bench.main(["--dtypes", "float16"])
    with pytest.raises(ValueError, match=r"bench.run: dtypes must be 'float32' or 'float64', got 'int8'"):
        bench.run(batches=[2], dtypes=["int8"], repeats=1)
