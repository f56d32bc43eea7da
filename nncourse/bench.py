r"""How fast is one training step of the reference library?  Run ``python -m nncourse.bench``.

Two workloads, each one step of minibatch SGD with softmax cross-entropy on
random data, in float32 and float64, done the way :func:`nncourse.train.fit`
does it (forward, loss, backward without the input gradient, optimizer step):

* **MNIST-sized**: a 784-256-10 ReLU network at several batch sizes, timed next
  to

  - **the bare matrix products** the step needs: two in the forward pass
    (:math:`XW_1`, :math:`HW_2`) and three in the backward pass
    (:math:`G W_2^\top`, :math:`H^\top G`, :math:`X^\top G_1`), on the step's
    own arrays.  Their time is a floor for any NumPy implementation;
    ``ratio = step_s / matmul_s`` is how far above that floor the library is.
  - **scikit-learn**: ``MLPClassifier.partial_fit`` with the same architecture,
    plain SGD, no momentum and no L2 on a batch of the same size: one step of
    the same work plus scikit-learn's input checks.
  - **PyTorch on the CPU**, if ``torch`` can be imported (it is not a
    dependency: ``pip install torch`` into the same environment to compare):
    the same network, weights and data, ``zero_grad``, autograd's backward and
    ``torch.optim.SGD``, which give the same new weights as our step.

* **lesson-sized**: a 64-100-10 network at batch 32, as in the lessons, where
  the cost of each Python call matters more than the products.  It is timed
  next to a bare NumPy step of the same network written out in one function
  (``numpy_s``); ``ratio_numpy = step_s / numpy_s``.

Every library is limited to the same number of threads (``--threads``,
default 1): BLAS and OpenMP pools through ``threadpoolctl``, PyTorch with
``torch.set_num_threads``; both settings are printed.  Every figure is the
minimum over ``--repeats`` timed calls (the least disturbed run).  Results go
to a table on stdout and to ``build/bench.json``, a list of records with keys
``network``, ``batch``, ``dtype``, ``step_s``, ``blas_threads``,
``torch_threads``, ``load`` (the one-minute load average when the run
started) and, where measured, ``matmul_s``, ``ratio``, ``sklearn_s``,
``torch_s``, ``numpy_s`` and ``ratio_numpy``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
import warnings

import numpy as np

from .layers import Linear, ReLU, Sequential
from .losses import softmax_cross_entropy
from .optim import SGD

__all__ = ["run", "main", "blas_info", "limit_threads", "format_table", "goals"]

MNIST = (784, 256, 10)
LESSON = (64, 100, 10)
LESSON_BATCH = 32
LR = 0.01

#: The targets this benchmark is judged by (see :func:`goals`).
MATMUL_RATIO_GOAL = 1.25    # step / its matmuls, at batch 64 and 512
NUMPY_RATIO_GOAL = 1.5      # lesson-sized step / a bare NumPy step


def blas_info():
    """The BLAS / OpenMP libraries loaded in this process, with their thread counts."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:  # pragma: no cover - threadpoolctl ships with scikit-learn
        return []
    return [
        {k: d.get(k) for k in ("user_api", "internal_api", "version", "num_threads", "prefix", "architecture")}
        for d in threadpool_info()
    ]


def _import_torch():
    try:
        import torch
    except ImportError:
        return None
    return torch


@contextlib.contextmanager
def limit_threads(n):
    """Limit every library to ``n`` threads: BLAS/OpenMP pools and PyTorch's intra-op pool.

    PyTorch and SciPy's BLAS (which the optimizers use for their updates) are
    loaded first, so that the limits reach their pools too: a library loaded
    later would keep its own default.  The previous settings are restored on
    exit.
    """
    torch = _import_torch()
    with contextlib.suppress(ImportError):
        import scipy.linalg.blas  # noqa: F401
    from threadpoolctl import threadpool_limits

    previous = torch.get_num_threads() if torch is not None else None
    limiter = threadpool_limits(limits=n)
    if torch is not None:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        limiter.restore_original_limits()
        if torch is not None:
            torch.set_num_threads(previous)


def _time(fns, repeats, block=25):
    """Minimum over ``repeats`` timed calls of each function in the dict ``fns``, after a warm-up call.

    The minimum, not the mean: other processes can only ever make a call
    slower, so the fastest of several is the best estimate of the cost.  The
    functions take turns in blocks of ``block`` calls (ours, the matrix
    products, PyTorch, scikit-learn, ours again, ...), so that a busy moment of
    the machine slows them alike instead of spoiling the ratio between two of
    them, while within a block a function finds its own arrays in the cache
    again, as it does in a training loop.  That takes a few calls: measured
    in blocks of one, PyTorch's step came out 1.5x slower, in blocks of five
    or ten still 2-7 % slower; from 25 on the minima agree within the noise.
    """
    for fn in fns.values():
        fn()  # warm up: allocations, lazy initialisation
    best = dict.fromkeys(fns, float("inf"))
    for start in range(0, repeats, block):
        calls = min(block, repeats - start)
        for key, fn in fns.items():
            for _ in range(calls):
                t0 = time.perf_counter()
                fn()
                best[key] = min(best[key], time.perf_counter() - t0)
    return best


def _data(sizes, batch, dtype, rng):
    X = rng.random((batch, sizes[0])).astype(dtype)
    y = rng.integers(0, sizes[2], size=batch)
    return X, y


def _network(sizes, batch, dtype, rng):
    """A ReLU MLP of ``sizes`` (He-initialised) and a batch of random data for it."""
    model = Sequential(Linear.create(sizes[0], sizes[1], rng, dtype=dtype), ReLU(),
                       Linear.create(sizes[1], sizes[2], rng, dtype=dtype))
    X, y = _data(sizes, batch, dtype, rng)
    return model, X, y


def _library_step(model, X, y):
    """One step as :func:`nncourse.train.fit` takes it."""
    opt = SGD(LR)
    params = model.params()

    def step():
        out = model.forward(X)
        _, grad = softmax_cross_entropy(out, y)
        model.backward(grad, input_grad=False)
        opt.step(params, model.grads())

    return step


def _check_dtype(model, dtype):
    for name, g in model.grads().items():
        if g.dtype != dtype:  # a silent upcast would make the float32 timing meaningless
            raise RuntimeError(f"bench: gradient {name} has dtype {g.dtype}, expected {np.dtype(dtype)}")


def _numpy_step(W1, b1, W2, b2, X, y):
    """The same step written out in bare NumPy, as a careful student would; updates the arrays given."""
    params = (W1, b1, W2, b2)
    batch = X.shape[0]
    rows = np.arange(batch)

    def step():
        z1 = X @ W1 + b1
        h = np.maximum(z1, 0)
        z = h @ W2 + b2
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        s = e.sum(axis=1, keepdims=True)
        loss = float(np.mean(np.log(s[:, 0]) - z[rows, y]))
        g = e / s
        g[rows, y] -= 1
        g /= batch
        dW2, db2 = h.T @ g, g.sum(axis=0)
        g1 = (g @ W2.T) * (z1 > 0)
        dW1, db1 = X.T @ g1, g1.sum(axis=0)
        for p, grad in zip(params, (dW1, db1, dW2, db2)):
            p -= LR * grad
        return loss

    return step


def _matmuls(model, X, y):
    """The five products of one step of ``model`` on ``(X, y)``, on the step's own operands: its
    weight arrays (which the step updates in place) and the activations and gradients one step
    makes.  The same arrays as the step, not fresh ones of the same shapes: how a large array
    happens to lie in memory moves a product's time by 2-3 % from one run to the next, and the
    ratio should measure what the step adds to its products."""
    first, hidden, last = model[0], model[1], model[2]
    W1, W2 = first.W, last.W
    H = hidden.forward(first.forward(X))
    _, G = softmax_cross_entropy(last.forward(H), y)
    G1 = hidden.backward(last.backward(G))

    def products():
        X @ W1          # forward, layer 1
        H @ W2          # forward, layer 2
        G @ W2.T        # backward: gradient w.r.t. the hidden activations
        H.T @ G         # backward: dW2
        X.T @ G1        # backward: dW1

    return products


def _sklearn_step(sizes, batch, dtype, rng):
    try:
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPClassifier
    except ImportError:  # pragma: no cover - scikit-learn is a dependency
        return None
    X, y = _data(sizes, batch, dtype, rng)
    clf = MLPClassifier(hidden_layer_sizes=(sizes[1],), activation="relu", solver="sgd", learning_rate_init=LR,
                        momentum=0.0, nesterovs_momentum=False, alpha=0.0, batch_size=batch, random_state=0)
    classes = np.arange(sizes[2])

    def step():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            clf.partial_fit(X, y, classes=classes)

    return step


def _torch_network(model):
    """``model`` (Linear, ReLU, Linear) rebuilt in PyTorch with copies of its weights and its dtype; None without torch.

    PyTorch keeps a layer's weights as ``(out_features, in_features)``, the
    transpose of ours, and computes ``x W^T + b``: the same products.
    """
    torch = _import_torch()
    if torch is None:
        return None
    first, last = model[0], model[2]
    net = torch.nn.Sequential(torch.nn.Linear(first.in_features, first.out_features), torch.nn.ReLU(),
                              torch.nn.Linear(last.in_features, last.out_features))
    net = net.to({np.float32: torch.float32, np.float64: torch.float64}[first.W.dtype.type])
    with torch.no_grad():
        for layer, ours in ((net[0], first), (net[2], last)):
            layer.weight.copy_(torch.from_numpy(ours.W.T.copy()))
            layer.bias.copy_(torch.from_numpy(ours.b.copy()))
    return net


def _torch_step(net, X, y):
    """One step of the same work in PyTorch: zero_grad (which, like our step, leaves no old gradient to add to),
    forward, mean cross-entropy, backward (X needs no gradient there either), SGD update of every parameter."""
    torch = _import_torch()
    Xt = torch.from_numpy(X)
    yt = torch.from_numpy(y.astype(np.int64))
    opt = torch.optim.SGD(net.parameters(), lr=LR)
    loss_fn = torch.nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss_fn(net(Xt), yt).backward()
        opt.step()

    return step


def _dtype(name):
    if name not in ("float32", "float64"):
        raise ValueError(f"bench.run: dtypes must be 'float32' or 'float64', got {name!r}")
    return np.float32 if name == "float32" else np.float64


def run(batches=(4, 64, 512), dtypes=("float32", "float64"), repeats=200, sklearn=True, torch=True, lesson=True,
        seed=0):
    """Time the steps and their references; return a list of records (see the module docstring).

    Call it inside :func:`limit_threads` to fix the thread counts.

    Parameters
    ----------
    batches : sequence of int
        Batch sizes of the MNIST-sized network.
    dtypes : sequence of {"float32", "float64"}
    repeats : int
        Repetitions; the minimum is reported.
    sklearn, torch : bool
        Whether to time scikit-learn and (if importable) PyTorch.
    lesson : bool
        Whether to time the lesson-sized network against bare NumPy.
    seed : int
        Seed of the generator for weights and data.

    Returns
    -------
    list of dict
    """
    for dtype_name in dtypes:
        _dtype(dtype_name)
    for batch in batches:
        if int(batch) < 1:
            raise ValueError(f"bench.run: batch sizes must be >= 1, got {batch}")
    rng = np.random.default_rng(seed)
    records = []
    for dtype_name in dtypes:
        dtype = _dtype(dtype_name)
        for batch in map(int, batches):
            model, X, y = _network(MNIST, batch, dtype, rng)
            rec = {"network": "784-256-10", "batch": batch, "dtype": dtype_name}
            net = _torch_network(model) if torch else None  # the same weights and data as ours
            fns = {"step_s": _library_step(model, X, y), "matmul_s": _matmuls(model, X, y)}
            if net is not None:  # None: not installed
                fns["torch_s"] = _torch_step(net, X, y)
            step = _sklearn_step(MNIST, batch, dtype, rng) if sklearn else None
            if step is not None:
                fns["sklearn_s"] = step
            rec.update(_time(fns, repeats))
            _check_dtype(model, dtype)
            rec["ratio"] = rec["step_s"] / rec["matmul_s"]
            records.append(rec)
        if lesson:
            model, X, y = _network(LESSON, LESSON_BATCH, dtype, rng)
            copies = [p.copy() for p in model.params().values()]  # 0.W, 0.b, 2.W, 2.b
            fns = {"step_s": _library_step(model, X, y), "numpy_s": _numpy_step(*copies, X, y)}
            rec = {"network": "64-100-10", "batch": LESSON_BATCH, "dtype": dtype_name}
            rec.update(_time(fns, 10 * repeats))  # small steps: more repeats cost little and steady the minimum
            _check_dtype(model, dtype)
            rec["ratio_numpy"] = rec["step_s"] / rec["numpy_s"]
            records.append(rec)
    return records


def goals(records):
    """Each goal the records can judge, as ``(description, met)`` pairs.

    * step / matmuls <= 1.25 at batch 64 and 512 (784-256-10);
    * the step faster than scikit-learn's and PyTorch's at every batch (where measured);
    * the lesson-sized step <= 1.5 x a bare NumPy step.
    """
    out = []
    for r in records:
        label = f"{r['network']} batch {r['batch']} {r['dtype']}"
        if "ratio" in r and r["batch"] in (64, 512):
            out.append((f"{label}: step / matmuls {r['ratio']:.2f} <= {MATMUL_RATIO_GOAL}",
                        r["ratio"] <= MATMUL_RATIO_GOAL))
        for key, who in (("sklearn_s", "scikit-learn"), ("torch_s", "PyTorch")):
            if key in r:
                out.append((f"{label}: faster than {who} ({r[key] / r['step_s']:.2f}x)", r["step_s"] < r[key]))
        if "ratio_numpy" in r:
            out.append((f"{label}: step / bare NumPy {r['ratio_numpy']:.2f} <= {NUMPY_RATIO_GOAL}",
                        r["ratio_numpy"] <= NUMPY_RATIO_GOAL))
    return out


def format_table(records):
    """The records as aligned text tables (one per network), times in milliseconds."""
    lines = []
    big = [r for r in records if "matmul_s" in r]
    if big:
        has_sk = any("sklearn_s" in r for r in big)
        has_torch = any("torch_s" in r for r in big)
        head = f"{'batch':>6} {'dtype':>8} {'step ms':>9} {'matmul ms':>10} {'ratio':>6}"
        if has_sk:
            head += f" {'sklearn ms':>11} {'vs sklearn':>10}"
        if has_torch:
            head += f" {'torch ms':>9} {'vs torch':>9}"
        lines += ["784-256-10 ReLU MLP", head, "-" * len(head)]
        for r in big:
            line = (f"{r['batch']:>6} {r['dtype']:>8} {1e3 * r['step_s']:>9.3f} {1e3 * r['matmul_s']:>10.3f} "
                    f"{r['ratio']:>6.2f}")
            for key, has, w1, w2 in (("sklearn_s", has_sk, 11, 10), ("torch_s", has_torch, 9, 9)):
                if has:
                    t = r.get(key)
                    line += f" {1e3 * t:>{w1}.3f} {t / r['step_s']:>{w2 - 1}.2f}x" if t else f" {'-':>{w1}} {'-':>{w2}}"
            lines.append(line)
    small = [r for r in records if "numpy_s" in r]
    if small:
        head = f"{'batch':>6} {'dtype':>8} {'step ms':>9} {'numpy ms':>9} {'ratio':>6}"
        if lines:
            lines.append("")
        lines += ["64-100-10 ReLU MLP (lesson-sized) against a bare NumPy step", head, "-" * len(head)]
        for r in small:
            lines.append(f"{r['batch']:>6} {r['dtype']:>8} {1e3 * r['step_s']:>9.4f} {1e3 * r['numpy_s']:>9.4f} "
                         f"{r['ratio_numpy']:>6.2f}")
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
    parser.add_argument("--repeats", type=int, default=200,
                        help="timed calls per measurement; the minimum is kept (default 200)")
    parser.add_argument("--batches", type=_parse_batches, default=[4, 64, 512],
                        help="batch sizes, e.g. 4,64,512 (the default)")
    parser.add_argument("--dtypes", default="float32,float64", help="comma-separated: float32,float64 (the default)")
    parser.add_argument("--out", default=os.path.join("build", "bench.json"),
                        help="JSON output path (default build/bench.json)")
    parser.add_argument("--threads", type=int, default=1,
                        help="threads for every library: BLAS, OpenMP and PyTorch alike (default 1)")
    parser.add_argument("--no-sklearn", action="store_true", help="skip the scikit-learn comparison")
    parser.add_argument("--no-torch", action="store_true", help="skip the PyTorch comparison")
    parser.add_argument("--no-lesson", action="store_true", help="skip the lesson-sized network")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error(f"--repeats must be >= 1, got {args.repeats}")
    if args.threads < 1:
        parser.error(f"--threads must be >= 1, got {args.threads}")
    dtypes = [d.strip() for d in args.dtypes.split(",") if d.strip()]
    bad = [d for d in dtypes if d not in ("float32", "float64")]
    if bad or not dtypes:
        parser.error(f"--dtypes must be float32 and/or float64, got {args.dtypes!r}")

    with limit_threads(args.threads):
        info = blas_info()
        torch = None if args.no_torch else _import_torch()
        load = os.getloadavg()
        print(f"numpy {np.__version__}; python {sys.version.split()[0]}; {os.cpu_count()} CPUs; "
              f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (a busy machine moves single figures)")
        for lib in info:
            arch = f", {lib['architecture']}" if lib.get("architecture") else ""
            print(f"  {lib['user_api']}: {lib['internal_api']} {lib.get('version') or ''} "
                  f"threads={lib['num_threads']}{arch} ({lib['prefix']})")
        torch_threads = torch.get_num_threads() if torch is not None else None
        if torch is not None:
            blas = "MKL" if torch.backends.mkl.is_available() else "its own BLAS"
            print(f"  torch {torch.__version__}: threads={torch_threads}, matrix products by {blas}, "
                  f"CPU capability {torch.backends.cpu.get_cpu_capability()}")
        elif not args.no_torch:
            print("  torch: not installed, skipped (pip install torch to compare)")
        for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
            if var in os.environ:
                print(f"  note: {var}={os.environ[var]} is set and changes which kernels run")
        print(f"one SGD step (forward, softmax cross-entropy, backward without the input gradient, update); "
              f"min of {args.repeats} repeats")
        records = run(args.batches, dtypes, args.repeats, sklearn=not args.no_sklearn, torch=not args.no_torch,
                      lesson=not args.no_lesson)
        threads = sorted({lib["num_threads"] for lib in info if lib["user_api"] == "blas"})
    for r in records:
        r["blas_threads"] = threads[0] if len(threads) == 1 else threads
        r["torch_threads"] = torch_threads
        r["load"] = round(load[0], 2)
    print(format_table(records))
    print("ratio = step / the 5 matmuls it needs; vs x = their time / ours (above 1: ours is faster)")
    end = os.getloadavg()
    print(f"load average at the end {end[0]:.2f} {end[1]:.2f} {end[2]:.2f}")
    for text, met in goals(records):
        print(f"  {'met   ' if met else 'MISSED'} {text}")

    out_dir = os.path.dirname(args.out)
    if out_dir:
        os.makedirs(out_dir, exist_ok=True)
    with open(args.out, "w") as fh:
        json.dump(records, fh, indent=2)
    print(f"wrote {args.out}")
    return records


if __name__ == "__main__":  # pragma: no cover
    main()
