r"""How fast is one training step of the reference library?  Run ``python -m nncourse.bench``.

The workload is one step of minibatch SGD on a 784-256-10 ReLU network with
softmax cross-entropy, on random data of MNIST's shape, at several batch sizes
and in float32 and float64.  Each step is timed next to:

* **the bare matrix products** the step needs: two in the forward pass
  (:math:`XW_1`, :math:`HW_2`) and three in the backward pass
  (:math:`G W_2^\top`, :math:`H^\top G`, :math:`X^\top G_1`).  Their time is a
  floor for any NumPy implementation; ``ratio = step_s / matmul_s`` is how far
  above that floor the library is.  (The library's step also computes the
  gradient with respect to the input images, one more product of the largest
  size, because every layer's backward returns ``dx``; ``matmul_all_s``
  includes it and ``ratio_all`` compares with it.  With OpenBLAS that
  product, :math:`G_1 W_1^\top` with a transposed operand and only a few
  rows, is several times slower than :math:`X W_1` at small batches.)
* **scikit-learn**: ``MLPClassifier.partial_fit`` with the same architecture,
  plain SGD, no momentum and no L2 on a batch of the same size, which is one
  step of the same work plus scikit-learn's input checks.
* **PyTorch on the CPU**, only if ``torch`` can be imported.

Every figure is the minimum over ``--repeats`` timed calls (the least
disturbed run); the BLAS library and its thread
count are printed, since they dominate the result.  Results go to a table on
stdout and to ``build/bench.json``, a list of records with keys ``batch``,
``dtype``, ``step_s``, ``matmul_s``, ``matmul_all_s``, ``ratio``, ``ratio_all``,
``sklearn_s`` and ``torch_s`` (the last two only where measured).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings

import numpy as np

from .layers import Linear, ReLU, Sequential
from .losses import softmax_cross_entropy
from .optim import SGD

__all__ = ["run", "main", "blas_info"]

IN, HIDDEN, OUT = 784, 256, 10
LR = 0.01


def blas_info():
    """The BLAS / OpenMP libraries NumPy and scikit-learn use, with their thread counts."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:  # pragma: no cover - threadpoolctl ships with scikit-learn
        return []
    return [
        {k: d.get(k) for k in ("user_api", "internal_api", "version", "num_threads", "prefix")}
        for d in threadpool_info()
    ]


def _time(fn, repeats):
    """Minimum over ``repeats`` timed calls of ``fn()``, after one warm-up call.

    The minimum, not the mean: other processes can only ever make a call
    slower, so the fastest of several is the best estimate of the cost.
    """
    fn()  # warm up: allocations, lazy initialisation
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _data(batch, dtype, rng):
    X = rng.random((batch, IN)).astype(dtype)
    y = rng.integers(0, OUT, size=batch)
    return X, y


def _library_step(batch, dtype, rng):
    model = Sequential(Linear.create(IN, HIDDEN, rng, dtype=dtype), ReLU(), Linear.create(HIDDEN, OUT, rng, dtype=dtype))
    opt = SGD(LR)
    X, y = _data(batch, dtype, rng)
    params = model.params()

    def step():
        out = model.forward(X)
        _, grad = softmax_cross_entropy(out, y)
        model.backward(grad)
        opt.step(params, model.grads())

    step()
    for name, g in model.grads().items():
        if g.dtype != dtype:  # a silent upcast would make the float32 timing meaningless
            raise RuntimeError(f"bench: gradient {name} has dtype {g.dtype}, expected {np.dtype(dtype)}")
    return step


def _matmuls(batch, dtype, rng, with_dx):
    X, _ = _data(batch, dtype, rng)
    W1 = rng.standard_normal((IN, HIDDEN)).astype(dtype)
    W2 = rng.standard_normal((HIDDEN, OUT)).astype(dtype)
    H = rng.standard_normal((batch, HIDDEN)).astype(dtype)
    G = rng.standard_normal((batch, OUT)).astype(dtype)
    G1 = rng.standard_normal((batch, HIDDEN)).astype(dtype)

    def products():
        X @ W1          # forward, layer 1
        H @ W2          # forward, layer 2
        G @ W2.T        # backward: gradient w.r.t. the hidden activations
        H.T @ G         # backward: dW2
        X.T @ G1        # backward: dW1
        if with_dx:
            G1 @ W1.T   # backward: gradient w.r.t. the input (not needed for training)

    return products


def _sklearn_step(batch, dtype, rng):
    try:
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPClassifier
    except ImportError:  # pragma: no cover - scikit-learn is a dependency
        return None
    X, y = _data(batch, dtype, rng)
    clf = MLPClassifier(hidden_layer_sizes=(HIDDEN,), activation="relu", solver="sgd", learning_rate_init=LR,
                        momentum=0.0, nesterovs_momentum=False, alpha=0.0, batch_size=batch, random_state=0)
    classes = np.arange(OUT)

    def step():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            clf.partial_fit(X, y, classes=classes)

    return step


def _torch_step(batch, dtype, rng):
    try:
        import torch
    except ImportError:
        return None
    tdtype = {np.float32: torch.float32, np.float64: torch.float64}[dtype]
    X, y = _data(batch, dtype, rng)
    Xt = torch.from_numpy(X)
    yt = torch.from_numpy(y.astype(np.int64))
    model = torch.nn.Sequential(torch.nn.Linear(IN, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, OUT)).to(tdtype)
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    loss_fn = torch.nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss_fn(model(Xt), yt).backward()
        opt.step()

    return step


def run(batches=(4, 64, 512), dtypes=("float32", "float64"), repeats=50, sklearn=True, torch=True, seed=0):
    """Time the step and its references; return a list of records (see the module docstring).

    Parameters
    ----------
    batches : sequence of int
    dtypes : sequence of {"float32", "float64"}
    repeats : int
        Repetitions; the minimum is reported.
    sklearn, torch : bool
        Whether to time scikit-learn and (if importable) PyTorch.
    seed : int
        Seed of the generator for weights and data.

    Returns
    -------
    list of dict
    """
    rng = np.random.default_rng(seed)
    records = []
    for dtype_name in dtypes:
        if dtype_name not in ("float32", "float64"):
            raise ValueError(f"bench.run: dtypes must be 'float32' or 'float64', got {dtype_name!r}")
        dtype = np.float32 if dtype_name == "float32" else np.float64
        for batch in batches:
            if int(batch) < 1:
                raise ValueError(f"bench.run: batch sizes must be >= 1, got {batch}")
            batch = int(batch)
            rec = {"batch": batch, "dtype": dtype_name}
            rec["step_s"] = _time(_library_step(batch, dtype, rng), repeats)
            rec["matmul_s"] = _time(_matmuls(batch, dtype, rng, with_dx=False), repeats)
            rec["matmul_all_s"] = _time(_matmuls(batch, dtype, rng, with_dx=True), repeats)
            rec["ratio"] = rec["step_s"] / rec["matmul_s"]
            rec["ratio_all"] = rec["step_s"] / rec["matmul_all_s"]
            if sklearn:
                step = _sklearn_step(batch, dtype, rng)
                if step is not None:
                    rec["sklearn_s"] = _time(step, repeats)
            if torch:
                step = _torch_step(batch, dtype, rng)
                if step is not None:
                    rec["torch_s"] = _time(step, repeats)
            records.append(rec)
    return records


def format_table(records):
    """The records as an aligned text table, times in milliseconds."""
    has_sk = any("sklearn_s" in r for r in records)
    has_torch = any("torch_s" in r for r in records)
    head = f"{'batch':>6} {'dtype':>8} {'step ms':>9} {'matmul ms':>10} {'ratio':>6} {'+dx ms':>8} {'ratio':>6}"
    if has_sk:
        head += f" {'sklearn ms':>11} {'vs sklearn':>10}"
    if has_torch:
        head += f" {'torch ms':>9}"
    lines = [head, "-" * len(head)]
    for r in records:
        line = (f"{r['batch']:>6} {r['dtype']:>8} {1e3 * r['step_s']:>9.3f} {1e3 * r['matmul_s']:>10.3f} "
                f"{r['ratio']:>6.2f} {1e3 * r['matmul_all_s']:>8.3f} {r['ratio_all']:>6.2f}")
        if has_sk:
            sk = r.get("sklearn_s")
            line += f" {1e3 * sk:>11.3f} {sk / r['step_s']:>9.2f}x" if sk else f" {'-':>11} {'-':>10}"
        if has_torch:
            line += f" {1e3 * r['torch_s']:>9.3f}" if "torch_s" in r else f" {'-':>9}"
        lines.append(line)
    return "\n".join(lines)


def _parse_batches(text):
    try:
        values = [int(v) for v in text.replace(",", " ").split()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"--batches must be integers like 4,64,512, got {text!r}") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"--batches must be positive integers, got {text!r}")
    return values


def main(argv=None):
    """Command-line entry point; returns the records."""
    parser = argparse.ArgumentParser(prog="python -m nncourse.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=50, help="timed calls per measurement; the minimum is kept (default 50)")
    parser.add_argument("--batches", type=_parse_batches, default=[4, 64, 512], help="batch sizes, e.g. 4,64,512 (the default)")
    parser.add_argument("--dtypes", default="float32,float64", help="comma-separated: float32,float64 (the default)")
    parser.add_argument("--out", default=os.path.join("build", "bench.json"), help="JSON output path (default build/bench.json)")
    parser.add_argument("--threads", type=int, default=None, help="limit BLAS threads (default: the library's own setting)")
    parser.add_argument("--no-sklearn", action="store_true", help="skip the scikit-learn comparison")
    parser.add_argument("--no-torch", action="store_true", help="skip the PyTorch comparison")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error(f"--repeats must be >= 1, got {args.repeats}")
    dtypes = [d.strip() for d in args.dtypes.split(",") if d.strip()]
    bad = [d for d in dtypes if d not in ("float32", "float64")]
    if bad or not dtypes:
        parser.error(f"--dtypes must be float32 and/or float64, got {args.dtypes!r}")

    limiter = None
    if args.threads is not None:
        from threadpoolctl import threadpool_limits

        limiter = threadpool_limits(limits=args.threads)
    try:
        info = blas_info()
        print(f"numpy {np.__version__}; python {sys.version.split()[0]}; {os.cpu_count()} CPUs")
        for lib in info:
            print(f"  {lib['user_api']}: {lib['internal_api']} {lib.get('version') or ''} "
                  f"threads={lib['num_threads']} ({lib['prefix']})")
        print(f"one SGD step of a {IN}-{HIDDEN}-{OUT} ReLU MLP, softmax cross-entropy; "
              f"min of {args.repeats} repeats")
        records = run(args.batches, dtypes, args.repeats, sklearn=not args.no_sklearn, torch=not args.no_torch)
        torch_note = "" if any("torch_s" in r for r in records) or args.no_torch else " (torch not installed: skipped)"
        print(format_table(records) + ("\n" + torch_note.strip() if torch_note else ""))
        print("ratio = step / the 5 matmuls training needs; +dx = those plus the input gradient the step also "
              "computes, and the second ratio is step / +dx")
        threads = sorted({lib["num_threads"] for lib in info if lib["user_api"] == "blas"})
        for r in records:
            r["blas_threads"] = threads[0] if len(threads) == 1 else threads
    finally:
        if limiter is not None:
            limiter.restore_original_limits()

    out_dir = os.path.dirname(args.out)
    if out_dir:
        os.makedirs(out_dir, exist_ok=True)
    with open(args.out, "w") as fh:
        json.dump(records, fh, indent=2)
    print(f"wrote {args.out}")
    return records


if __name__ == "__main__":  # pragma: no cover
    main()
