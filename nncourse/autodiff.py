r"""A small reverse-mode automatic differentiation engine on NumPy arrays.

A :class:`Tensor` holds a ``value`` (an ndarray), a ``grad`` of the same
shape (:math:`\bar v = \partial \mathcal{E} / \partial v`, zero until a
backward pass reaches it), the ``parents`` it was computed from and a
``backward_fn`` closure.  Each operation builds its result and a closure that,
when called, *adds* the result's error signal times the local derivative into
each parent's ``grad`` (a vector–Jacobian product)::

    x = Tensor(np.array([[1.0, 2.0]]))
    W = Tensor(np.ones((2, 3)))
    loss = mean(tanh(x @ W))
    loss.backward()          # fills W.grad (2, 3) and x.grad (1, 2)

:func:`topo_sort` orders the graph so that every node comes after its parents;
:func:`backprop` seeds the root and calls the closures in reverse order, so
every node's error signal is complete (all its children have contributed)
before it is passed on.  Gradients *accumulate* — a value used twice (fan-out)
collects both contributions, and a second backward pass adds to the first —
so a training loop calls :func:`zero_grad` before each step.

Shapes follow the course's row convention: a batch is ``(N, D)``, a weight
matrix ``(D_in, D_out)`` and a bias ``(D_out,)`` broadcast over the rows;
:func:`unbroadcast` sums a gradient back to the shape of the operand that was
broadcast.

The module also has a forward-mode counterpart (:class:`Dual`, one
Jacobian–vector product per pass) and :func:`jacobian_reverse` /
:func:`jacobian_forward` to compare their costs, :func:`evaluate` to build a
graph from a plain-data program, and :func:`draw_graph` to draw a graph with
each node's value and gradient.
"""

from __future__ import annotations

import itertools

import numpy as np

from nncourse import activations

__all__ = [
    "Tensor",
    "as_tensor",
    "unbroadcast",
    "add",
    "mul",
    "matmul",
    "tanh",
    "relu",
    "sigmoid",
    "tensor_sum",
    "mean",
    "log_softmax",
    "softmax_cross_entropy",
    "topo_sort",
    "backprop",
    "zero_grad",
    "evaluate",
    "OPS",
    "Dual",
    "jacobian_reverse",
    "jacobian_forward",
    "draw_graph",
]

_serial = itertools.count()


class Tensor:
    """A node of a computation graph.

    Parameters
    ----------
    value : array_like, any shape
        Converted to a float64 ndarray.
    parents : tuple of Tensor
        The nodes this one was computed from (empty for a leaf).
    backward_fn : callable or None
        ``backward_fn()`` adds ``self.grad`` times the local derivative into
        each parent's ``grad``; ``None`` for a leaf.
    name : str
        A label for drawings.

    Attributes
    ----------
    value, grad : ndarray of float64, same shape
    serial : int
        Creation order; every node's serial is larger than its parents'.
    """

    __array_ufunc__ = None     # ``ndarray @ Tensor`` defers to Tensor.__rmatmul__

    def __init__(self, value, parents=(), backward_fn=None, name=""):
        self.value = np.array(value, dtype=np.float64)
        self.grad = np.zeros_like(self.value)
        self.parents = tuple(parents)
        for p in self.parents:
            if not isinstance(p, Tensor):
                raise TypeError(f"Tensor: every parent must be a Tensor, got {type(p).__name__}")
        self.backward_fn = backward_fn
        self.name = str(name)
        self.serial = next(_serial)

    @property
    def shape(self):
        """The shape of ``value``."""
        return self.value.shape

    def backward(self, grad=None):
        """Reverse-mode pass from this node; see :func:`backprop`."""
        backprop(self, grad)

    def zero_grad(self):
        """Set ``grad`` to zeros (in place)."""
        self.grad[...] = 0.0

    def __add__(self, other):
        return add(self, other)

    __radd__ = __add__

    def __mul__(self, other):
        return mul(self, other)

    __rmul__ = __mul__

    def __matmul__(self, other):
        return matmul(self, other)

    def __rmatmul__(self, other):
        return matmul(other, self)

    def tanh(self):
        """``tanh(self)`` as a node of the graph; see :func:`tanh`."""
        return tanh(self)

    def __repr__(self):
        label = f" {self.name!r}" if self.name else ""
        return f"Tensor{label}(shape={self.value.shape})"


def as_tensor(x) -> Tensor:
    """``x`` if it is a Tensor, else a constant leaf holding ``x``."""
    return x if isinstance(x, Tensor) else Tensor(x)


def unbroadcast(grad, shape):
    """Sum ``grad`` down to ``shape``, undoing NumPy broadcasting.

    Broadcasting copies an operand along new leading axes and along axes of
    length 1; the copies are fan-out, so their error signals add up.

    Parameters
    ----------
    grad : ndarray
        Error signal of the broadcast result, e.g. shape ``(N, D)``.
    shape : tuple of int
        Shape of the operand before broadcasting, e.g. ``(D,)``, ``(1, D)``,
        ``(N, 1)`` or ``()``.

    Returns
    -------
    ndarray of shape ``shape``
    """
    grad = np.asarray(grad, dtype=np.float64)
    shape = tuple(shape)
    extra = grad.ndim - len(shape)
    if extra < 0:
        raise ValueError(f"unbroadcast: grad has shape {grad.shape}, fewer axes than the target shape {shape}")
    if extra:
        grad = grad.sum(axis=tuple(range(extra)))
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if axes:
        grad = grad.sum(axis=axes, keepdims=True)
    if grad.shape != shape:
        raise ValueError(f"unbroadcast: a gradient of shape {grad.shape} cannot come from an operand of shape {shape}")
    return grad


def add(a, b) -> Tensor:
    """``a + b`` with NumPy broadcasting; shapes as NumPy allows."""
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(a.value + b.value, (a, b))

    def backward_fn():
        a.grad += unbroadcast(out.grad, a.shape)
        b.grad += unbroadcast(out.grad, b.shape)

    out.backward_fn = backward_fn
    return out


def mul(a, b) -> Tensor:
    """Elementwise ``a * b`` with NumPy broadcasting."""
    a, b = as_tensor(a), as_tensor(b)
    out = Tensor(a.value * b.value, (a, b))

    def backward_fn():
        a.grad += unbroadcast(out.grad * b.value, a.shape)
        b.grad += unbroadcast(out.grad * a.value, b.shape)

    out.backward_fn = backward_fn
    return out


def matmul(a, b) -> Tensor:
    """Matrix product ``a @ b``: a ``(N, D)``, b ``(D, K)`` -> ``(N, K)``."""
    a, b = as_tensor(a), as_tensor(b)
    if a.value.ndim != 2 or b.value.ndim != 2 or a.shape[1] != b.shape[0]:
        raise ValueError(f"matmul: expected shapes (N, D) and (D, K), got {a.shape} and {b.shape}")
    out = Tensor(a.value @ b.value, (a, b))

    def backward_fn():
        a.grad += out.grad @ b.value.T
        b.grad += a.value.T @ out.grad

    out.backward_fn = backward_fn
    return out


def _unary(a, value, local):
    """A node ``value`` = f(a) whose backward multiplies by ``local`` = f'(a)."""
    out = Tensor(value, (a,))

    def backward_fn():
        a.grad += out.grad * local

    out.backward_fn = backward_fn
    return out


def tanh(a) -> Tensor:
    """Elementwise tanh; derivative ``1 - tanh(z)**2``."""
    a = as_tensor(a)
    y = np.tanh(a.value)
    return _unary(a, y, 1.0 - y * y)


def relu(a) -> Tensor:
    """Elementwise ``max(0, z)``; derivative 1 where ``z > 0`` and 0 elsewhere (also at ``z = 0``)."""
    a = as_tensor(a)
    return _unary(a, np.maximum(a.value, 0.0), (a.value > 0).astype(np.float64))


def sigmoid(a) -> Tensor:
    """Elementwise logistic function, stable for large ``|z|``; derivative ``s (1 - s)``."""
    a = as_tensor(a)
    e = np.exp(-np.abs(a.value))
    s = np.where(a.value >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return _unary(a, s, s * (1.0 - s))


def tensor_sum(a) -> Tensor:
    """Sum of all entries, a scalar (shape ``()``); each entry gets the scalar's grad."""
    a = as_tensor(a)
    out = Tensor(a.value.sum(), (a,))

    def backward_fn():
        a.grad += np.broadcast_to(out.grad, a.shape)

    out.backward_fn = backward_fn
    return out


def mean(a) -> Tensor:
    """Mean of all entries, a scalar; each entry gets ``grad / a.size``."""
    a = as_tensor(a)
    out = Tensor(a.value.mean(), (a,))

    def backward_fn():
        a.grad += np.broadcast_to(out.grad, a.shape) / a.value.size

    out.backward_fn = backward_fn
    return out


def log_softmax(a) -> Tensor:
    r"""Row-wise log-softmax of logits ``(N, K)``, stable via log-sum-exp.

    Backward: :math:`\bar z = \bar y - \mathrm{softmax}(z) \sum_k \bar y_k` per row.
    """
    a = as_tensor(a)
    if a.value.ndim != 2:
        raise ValueError(f"log_softmax: expected logits of shape (N, K), got {a.shape}")
    y = activations.log_softmax(a.value, axis=1)
    p = np.exp(y)
    out = Tensor(y, (a,))

    def backward_fn():
        a.grad += out.grad - p * out.grad.sum(axis=1, keepdims=True)

    out.backward_fn = backward_fn
    return out


def softmax_cross_entropy(logits, labels) -> Tensor:
    r"""Fused softmax + mean cross-entropy, a scalar node.

    .. math:: \mathcal{E} = -\frac1N \sum_n \log \mathrm{softmax}(z_n)_{t_n},
              \qquad \bar z = \frac{\bar{\mathcal{E}}}{N}\,(\mathrm{softmax}(z) - T)

    Parameters
    ----------
    logits : Tensor, shape ``(N, K)``
    labels : array of int, shape ``(N,)``, values in ``0 .. K-1`` (a constant)
    """
    z = as_tensor(logits)
    labels = np.asarray(labels)
    if z.value.ndim != 2:
        raise ValueError(f"softmax_cross_entropy: expected logits of shape (N, K), got {z.shape}")
    n, k = z.shape
    if labels.shape != (n,) or not np.issubdtype(labels.dtype, np.integer) or (
            n and (labels.min() < 0 or labels.max() >= k)):
        raise ValueError(f"softmax_cross_entropy: expected integer labels of shape ({n},) in 0 .. {k - 1}, "
                         f"got shape {labels.shape}, dtype {labels.dtype}")
    logp = activations.log_softmax(z.value, axis=1)
    rows = np.arange(n)
    out = Tensor(-logp[rows, labels].mean(), (z,))

    def backward_fn():
        g = np.exp(logp)
        g[rows, labels] -= 1.0
        z.grad += out.grad * g / n

    out.backward_fn = backward_fn
    return out


def topo_sort(root: Tensor) -> list:
    """Every node reachable from ``root``, once each, parents before children (root last).

    Iterative depth-first search, so a chain of any depth works.
    """
    order, seen = [], set()
    stack = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        for p in reversed(node.parents):
            if id(p) not in seen:
                stack.append((p, False))
    return order


def backprop(root: Tensor, grad=None) -> None:
    """Reverse-mode pass: seed ``root.grad`` and run every closure once, children first.

    Parameters
    ----------
    root : Tensor
        Usually a scalar loss.
    grad : array_like or None
        The seed :math:`\\bar{\\text{root}}` (default: ones of root's shape). It
        is *set*, not added; every other node's grad accumulates.
    """
    seed = np.ones_like(root.value) if grad is None else np.asarray(grad, dtype=np.float64)
    if seed.shape != root.shape:
        raise ValueError(f"backprop: the seed has shape {seed.shape}, the root has shape {root.shape}")
    root.grad = seed.copy()
    for node in reversed(topo_sort(root)):
        if node.backward_fn is not None:
            node.backward_fn()


def zero_grad(tensors) -> None:
    """Set the grad of every Tensor in ``tensors`` to zeros (in place)."""
    for t in tensors:
        t.grad[...] = 0.0


OPS = {"add": add, "mul": mul, "matmul": matmul, "tanh": tanh, "relu": relu, "sigmoid": sigmoid,
       "sum": tensor_sum, "mean": mean, "log_softmax": log_softmax}


def evaluate(program, inputs, grad=None, ops=None, ce=None):
    """Build a graph from plain data, run it forward and backward.

    Parameters
    ----------
    program : list of lists
        Each step is ``[op, i, j]`` (binary: add, mul, matmul), ``[op, i]``
        (unary: tanh, relu, sigmoid, sum, mean, log_softmax) or
        ``["softmax_ce", i, labels]``, where ``i``, ``j`` index earlier nodes:
        the inputs are nodes ``0 .. len(inputs)-1`` and step ``s`` makes node
        ``len(inputs) + s``.
    inputs : list of arrays
        The leaves.
    grad : array_like or None
        Seed for the last node (default ones).
    ops, ce : optional replacements for :data:`OPS` and
        :func:`softmax_cross_entropy` (another engine's operations).

    Returns
    -------
    dict with ``"value"`` (last node's value), ``"values"`` and ``"grads"``
    (lists over all nodes, inputs first).
    """
    ops = OPS if ops is None else ops
    ce = softmax_cross_entropy if ce is None else ce
    nodes = [Tensor(x, name=f"x{i}") for i, x in enumerate(inputs)]
    for step in program:
        op, *args = step
        if op == "softmax_ce":
            nodes.append(ce(nodes[args[0]], np.asarray(args[1], dtype=np.int64)))
        elif op in ops:
            nodes.append(ops[op](*(nodes[i] for i in args)))
        else:
            raise ValueError(f"evaluate: unknown operation {op!r}; known: {sorted(ops) + ['softmax_ce']}")
    backprop(nodes[-1], grad)
    return {"value": nodes[-1].value, "values": [n.value for n in nodes], "grads": [n.grad for n in nodes]}


# ---------------------------------------------------------------------------
# Forward mode, for comparison
# ---------------------------------------------------------------------------

class Dual:
    r"""A value with a tangent: forward-mode differentiation, one JVP per pass.

    ``Dual(x, v)`` carries :math:`x` and :math:`\dot x = J v`; each operation
    maps :math:`(x, \dot x)` to :math:`(f(x), f'(x)\,\dot x)`.  Supports
    ``+``, ``*``, ``@`` (with plain arrays as constants) and :meth:`tanh`.
    """

    __array_ufunc__ = None

    def __init__(self, value, tangent):
        self.value = np.asarray(value, dtype=np.float64)
        self.tangent = np.asarray(tangent, dtype=np.float64)

    @staticmethod
    def _split(x):
        return (x.value, x.tangent) if isinstance(x, Dual) else (np.asarray(x, dtype=np.float64), 0.0)

    def __add__(self, other):
        v, t = self._split(other)
        return Dual(self.value + v, self.tangent + t)

    __radd__ = __add__

    def __mul__(self, other):
        v, t = self._split(other)
        return Dual(self.value * v, self.tangent * v + self.value * t)

    __rmul__ = __mul__

    def __matmul__(self, other):
        v, t = self._split(other)
        return Dual(self.value @ v, self.tangent @ v + (self.value @ t if isinstance(other, Dual) else 0.0))

    def __rmatmul__(self, other):
        v = np.asarray(other, dtype=np.float64)
        return Dual(v @ self.value, v @ self.tangent)

    def tanh(self):
        """tanh of the value, with its tangent multiplied by the derivative 1 - tanh^2."""
        y = np.tanh(self.value)
        return Dual(y, (1.0 - y * y) * self.tangent)


def jacobian_reverse(f, x):
    """Jacobian of ``f: (1, n) -> (1, m)`` by ``m`` reverse passes (one VJP each).

    ``f`` takes and returns Tensors (built with ``+``, ``*``, ``@``, ``.tanh()``).
    Returns ``(J, passes)`` with J of shape ``(m, n)``.
    """
    x = np.asarray(x, dtype=np.float64).reshape(1, -1)
    xt = Tensor(x)
    y = f(xt)
    m = y.value.size
    J = np.empty((m, x.size))
    for i in range(m):
        zero_grad(topo_sort(y))
        seed = np.zeros_like(y.value)
        seed.flat[i] = 1.0
        backprop(y, seed)
        J[i] = xt.grad.ravel()
    return J, m


def jacobian_forward(f, x):
    """Jacobian of ``f: (1, n) -> (1, m)`` by ``n`` forward passes (one JVP each).

    ``f`` takes and returns :class:`Dual` values.  Returns ``(J, passes)``.
    """
    x = np.asarray(x, dtype=np.float64).reshape(1, -1)
    n = x.size
    cols = []
    for j in range(n):
        e = np.zeros_like(x)
        e.flat[j] = 1.0
        cols.append(f(Dual(x, e)).tangent.ravel())
    return np.stack(cols, axis=1), n


# ---------------------------------------------------------------------------
# Drawing
# ---------------------------------------------------------------------------

def _fmt_value(v):
    v = np.asarray(v)
    if v.size == 1:
        return f"{float(v.reshape(())):.3g}"
    return f"shape {v.shape}"


def draw_graph(root, ax=None, title=None):
    """Draw the graph below ``root`` with each node's name, value and grad.

    Works with any node objects that have ``value``, ``grad``, ``parents`` and
    ``name`` (this module's :class:`Tensor` or a student's).  Nodes are placed
    in columns by their depth (longest path from a leaf), leaves on the left.
    Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    order = topo_sort(root)
    depth = {}
    for node in order:
        depth[id(node)] = 1 + max((depth[id(p)] for p in node.parents), default=-1)
    columns = {}
    for node in order:
        columns.setdefault(depth[id(node)], []).append(node)
    pos = {}
    for d, nodes in columns.items():
        for k, node in enumerate(nodes):
            pos[id(node)] = (d * 2.2, (len(nodes) - 1) / 2 - k)
    for node in order:
        for p in node.parents:
            (x0, y0), (x1, y1) = pos[id(p)], pos[id(node)]
            ax.annotate("", xy=(x1 - 0.45, y1), xytext=(x0 + 0.45, y0),
                        arrowprops=dict(arrowstyle="->", color="0.4", lw=1.2))
    for node in order:
        x, y = pos[id(node)]
        text = f"{node.name or '·'}\nvalue {_fmt_value(node.value)}\ngrad {_fmt_value(node.grad)}"
        ax.text(x, y, text, ha="center", va="center", fontsize=9,
                bbox=dict(boxstyle="round,pad=0.35", fc="#e8f0fe" if not node.parents else "#fff4e0", ec="0.3"))
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 1, max(xs) + 1)
    ax.set_ylim(min(ys) - 0.8, max(ys) + 0.8)
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax
