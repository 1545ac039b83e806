"""Engine speed: our compiled program against micrograd-style Python, PyTorch and numpy.

Run by hand (not a test): ``.venv/bin/python bench/bench_engine.py [--quick]``.
Prints a markdown table and the machine and date.  Every time is the best of N
repeats, because the machine is shared and single measurements are noisy.

Scalar graphs: 10,000 nodes of a realistic op mix (add, mul, sub, sin, cos, tanh,
sigmoid, exp of bounded values), a DAG with fan-out from 3 inputs.  The same op
sequence runs on
  * our fast path: ``Program.gradient`` (forward + backward, no records);
  * our checked path: ``Stepper.run_to_end`` (every step recorded and narratable);
  * a micrograd-style engine written inline below (Value objects, closures, topo sort);
  * PyTorch scalar autograd (0-d float64 tensors), if torch is installed.

Array graphs: the same elementwise function on 1e6-element float64 arrays,
against the same forward (and forward + backward) written by hand in numpy.
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import platform
import random
import sys
import time
from collections.abc import Callable

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from autodiff_gui.core.engine import Stepper, compile_graph  # noqa: E402
from autodiff_gui.core.graph import Document  # noqa: E402

# --------------------------------------------------------------------------
# A recipe: the op sequence shared by every engine.  Each entry is
# (op name, argument indices); indices 0..2 are the inputs.


INPUTS = {"x": 0.5, "y": -0.3, "w": 0.8}
UNARY_SQUASH = ("sin", "cos", "tanh", "sigmoid")


def make_recipe(n_ops: int, seed: int = 0) -> list[tuple[str, tuple[int, ...]]]:
    """A random DAG with fan-out whose values stay bounded (so exp never overflows)."""
    rng = random.Random(seed)
    bound = [1.0] * len(INPUTS)  # |value| ≤ bound, per node
    recipe: list[tuple[str, tuple[int, ...]]] = []
    for _ in range(n_ops):
        n = len(bound)
        # The newest node is always read, so every node is an ancestor of the
        # output; the second argument is mostly recent, sometimes old (fan-out).
        a = n - 1
        b = rng.randrange(n) if rng.random() < 0.2 else max(0, n - 1 - rng.randrange(8))
        op = rng.choice(("add", "mul", "sub", "add", "mul", "sin", "cos", "tanh", "sigmoid",
                         "exp"))
        if op in ("add", "sub") and bound[a] + bound[b] > 4:
            op = rng.choice(UNARY_SQUASH)
        if op == "mul" and bound[a] * bound[b] > 4:
            op = rng.choice(UNARY_SQUASH)
        if op == "exp" and bound[a] > 1:
            op = "tanh"
        if op in ("add", "sub"):
            recipe.append((op, (a, b)))
            bound.append(bound[a] + bound[b])
        elif op == "mul":
            recipe.append((op, (a, b)))
            bound.append(bound[a] * bound[b])
        elif op == "exp":
            recipe.append((op, (a,)))
            bound.append(math.exp(bound[a]))
        else:
            recipe.append((op, (a,)))
            bound.append(1.0)
    return recipe


def build_document(recipe: list[tuple[str, tuple[int, ...]]],
                   inputs: dict[str, object]) -> Document:
    doc = Document()
    ids = [doc.add_input(name, value) for name, value in inputs.items()]
    for op, args in recipe:
        node = doc.add_op(op)
        for slot, a in enumerate(args):
            doc.connect(ids[a], node, slot)
        ids.append(node)
    doc.set_output(ids[-1])
    return doc


# --------------------------------------------------------------------------
# micrograd, written the usual way (closures per node, topological sort).

class MValue:
    __slots__ = ("data", "grad", "_backward", "_prev")

    def __init__(self, data: float, prev: tuple = ()) -> None:
        self.data, self.grad, self._backward, self._prev = data, 0.0, None, prev

    def __add__(self, o: MValue) -> MValue:
        out = MValue(self.data + o.data, (self, o))

        def _backward() -> None:
            self.grad += out.grad
            o.grad += out.grad
        out._backward = _backward
        return out

    def __sub__(self, o: MValue) -> MValue:
        out = MValue(self.data - o.data, (self, o))

        def _backward() -> None:
            self.grad += out.grad
            o.grad -= out.grad
        out._backward = _backward
        return out

    def __mul__(self, o: MValue) -> MValue:
        out = MValue(self.data * o.data, (self, o))

        def _backward() -> None:
            self.grad += o.data * out.grad
            o.grad += self.data * out.grad
        out._backward = _backward
        return out

    def _unary(self, value: float, local: float) -> MValue:
        out = MValue(value, (self,))

        def _backward() -> None:
            self.grad += local * out.grad
        out._backward = _backward
        return out

    def sin(self) -> MValue:
        return self._unary(math.sin(self.data), math.cos(self.data))

    def cos(self) -> MValue:
        return self._unary(math.cos(self.data), -math.sin(self.data))

    def tanh(self) -> MValue:
        t = math.tanh(self.data)
        return self._unary(t, 1 - t * t)

    def sigmoid(self) -> MValue:
        s = 1 / (1 + math.exp(-self.data))
        return self._unary(s, s * (1 - s))

    def exp(self) -> MValue:
        e = math.exp(self.data)
        return self._unary(e, e)

    def backward(self) -> None:
        # Iterative topological sort: the recursive one hits the recursion limit at 10k.
        topo, seen, stack = [], set(), [(self, False)]
        while stack:
            v, done = stack.pop()
            if done:
                topo.append(v)
            elif id(v) not in seen:
                seen.add(id(v))
                stack.append((v, True))
                stack.extend((p, False) for p in v._prev)
        self.grad = 1.0
        for v in reversed(topo):
            if v._backward is not None:
                v._backward()


def run_micrograd(recipe: list[tuple[str, tuple[int, ...]]]) -> tuple[float, list[float]]:
    vals = [MValue(float(v)) for v in INPUTS.values()]
    for op, args in recipe:
        a = vals[args[0]]
        if op == "add":
            vals.append(a + vals[args[1]])
        elif op == "sub":
            vals.append(a - vals[args[1]])
        elif op == "mul":
            vals.append(a * vals[args[1]])
        else:
            vals.append(getattr(a, op)())
    vals[-1].backward()
    return vals[-1].data, [v.grad for v in vals[:len(INPUTS)]]


def run_torch(torch: object, recipe: list[tuple[str, tuple[int, ...]]]
              ) -> tuple[float, list[float]]:
    t = torch  # type: ignore[assignment]
    leaves = [t.tensor(float(v), dtype=t.float64, requires_grad=True)  # type: ignore[attr-defined]
              for v in INPUTS.values()]
    vals = list(leaves)
    for op, args in recipe:
        a = vals[args[0]]
        if op == "add":
            vals.append(a + vals[args[1]])
        elif op == "sub":
            vals.append(a - vals[args[1]])
        elif op == "mul":
            vals.append(a * vals[args[1]])
        else:
            vals.append(getattr(t, op)(a))
    vals[-1].backward()
    return vals[-1].item(), [v.grad.item() for v in leaves]


# --------------------------------------------------------------------------
# Array graph: f = sum(tanh(x·y + sin(x)) · exp(-(w·w))) on 1e6 elements,
# built once in the engine and once by hand.

def array_document(n: int) -> Document:
    rng = np.random.default_rng(0)
    doc = Document()
    x = doc.add_input("x", rng.uniform(-1, 1, n))
    y = doc.add_input("y", rng.uniform(-1, 1, n))
    w = doc.add_input("w", rng.uniform(-1, 1, n))

    def op(name: str, *args: int) -> int:
        node = doc.add_op(name)
        for slot, a in enumerate(args):
            doc.connect(a, node, slot)
        return node

    t = op("tanh", op("add", op("mul", x, y), op("sin", x)))
    e = op("exp", op("neg", op("mul", w, w)))
    doc.set_output(op("sum", op("mul", t, e)))
    return doc


def numpy_forward(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    t = np.tanh(x * y + np.sin(x))
    e = np.exp(-(w * w))
    return float(np.sum(t * e))


def numpy_gradient(x: np.ndarray, y: np.ndarray, w: np.ndarray
                   ) -> tuple[float, list[np.ndarray]]:
    xy = x * y
    s = np.sin(x)
    u = xy + s
    t = np.tanh(u)
    ww = w * w
    e = np.exp(-ww)
    out = float(np.sum(t * e))
    g = np.ones_like(x)  # d out / d (t·e)
    gt = g * e
    ge = g * t
    gu = gt * (1.0 - t * t)
    gx = gu * y + gu * np.cos(x)
    gy = gu * x
    gww = -(ge * e)
    gw = gww * w + gww * w
    return out, [gx, gy, gw]


# --------------------------------------------------------------------------

def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` calls, in seconds."""
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--no-torch", action="store_true", help="skip PyTorch")
    ns = parser.parse_args()
    repeat = 3 if ns.quick else 9

    rows: list[tuple[str, str, str, str]] = []

    # Scalar graph -------------------------------------------------------------
    n_ops = 10_000 - len(INPUTS)
    recipe = make_recipe(n_ops)
    doc = build_document(recipe, INPUTS)
    build = best_of(lambda: build_document(recipe, INPUTS), 3)
    program = compile_graph(doc)
    comp = best_of(lambda: compile_graph(doc), 3)
    nodes = len(program)
    value, grads = program.gradient()
    ref_value, ref_grads = run_micrograd(recipe)
    assert math.isclose(value, ref_value, rel_tol=1e-12, abs_tol=1e-12), (value, ref_value)
    for name, g in zip(INPUTS, ref_grads):
        assert math.isclose(grads[name], g, rel_tol=1e-9, abs_tol=1e-12), (name, grads[name], g)

    def per_node(seconds: float) -> str:
        return f"{seconds / nodes * 1e6:.2f} µs"

    t_fwd = best_of(program.evaluate, repeat)
    t_grad = best_of(program.gradient, repeat)
    t_micro = best_of(lambda: run_micrograd(recipe), repeat)

    def stepper_run() -> None:
        s = Stepper(program)
        s.run_to_end()
        assert s.error is None

    def stepper_next() -> None:
        s = Stepper(program)
        while s.next() is not None:
            pass

    t_step = best_of(stepper_run, max(3, repeat // 3))
    t_next = best_of(stepper_next, max(3, repeat // 3))
    rows.append((f"build document ({nodes} nodes)", f"{build * 1e3:.1f} ms", per_node(build), ""))
    rows.append(("compile_graph", f"{comp * 1e3:.1f} ms", per_node(comp), ""))
    rows.append(("ours: evaluate (forward)", f"{t_fwd * 1e3:.2f} ms", per_node(t_fwd), ""))
    rows.append(("ours: gradient (forward + backward)", f"{t_grad * 1e3:.2f} ms",
                 per_node(t_grad), "target ≤ 2 µs/node"))
    rows.append(("ours: Stepper.run_to_end (all records)", f"{t_step * 1e3:.1f} ms",
                 per_node(t_step), f"{t_step / t_grad:.1f}× fast path"))
    rows.append(("ours: Stepper.next() until the end", f"{t_next * 1e3:.1f} ms",
                 per_node(t_next), ""))
    rows.append(("micrograd-style (forward + backward)", f"{t_micro * 1e3:.2f} ms",
                 per_node(t_micro), f"ours is {t_micro / t_grad:.2f}× faster"))
    if not ns.no_torch:
        try:
            import torch
        except ImportError:
            torch = None
        if torch is not None:
            torch.set_num_threads(1)
            tv, tg = run_torch(torch, recipe)
            assert math.isclose(tv, value, rel_tol=1e-12, abs_tol=1e-12)
            t_torch = best_of(lambda: run_torch(torch, recipe), max(3, repeat // 3))
            rows.append((f"PyTorch {torch.__version__} scalar autograd", f"{t_torch * 1e3:.1f} ms",
                         per_node(t_torch), f"ours is {t_torch / t_grad:.1f}× faster"))

    # Array graph --------------------------------------------------------------
    size = 1_000_000
    adoc = array_document(size)
    aprog = compile_graph(adoc)
    xs = [adoc.node(adoc.find_input(k))["value"] for k in ("x", "y", "w")]
    av, ag = aprog.gradient()
    nv, ng = numpy_gradient(*xs)
    assert math.isclose(av, nv, rel_tol=1e-12)
    for k, g in zip(("x", "y", "w"), ng):
        assert np.allclose(ag[k], g, rtol=1e-12, atol=0)
    ar = max(3, repeat // 2)
    ta_fwd = best_of(aprog.evaluate, ar)
    tn_fwd = best_of(lambda: numpy_forward(*xs), ar)
    ta_grad = best_of(aprog.gradient, ar)
    tn_grad = best_of(lambda: numpy_gradient(*xs), ar)
    rows.append(("1e6-element arrays: ours forward", f"{ta_fwd * 1e3:.1f} ms", "",
                 f"{ta_fwd / tn_fwd:.2f}× numpy (target ≤ 1.3×)"))
    rows.append(("1e6-element arrays: numpy by hand forward", f"{tn_fwd * 1e3:.1f} ms", "", ""))
    rows.append(("1e6-element arrays: ours forward + backward", f"{ta_grad * 1e3:.1f} ms", "",
                 f"{ta_grad / tn_grad:.2f}× numpy (target ≤ 1.3×)"))
    rows.append(("1e6-element arrays: numpy by hand forward + backward",
                 f"{tn_grad * 1e3:.1f} ms", "", ""))

    print(f"# Engine benchmark — {datetime.datetime.now():%Y-%m-%d %H:%M}")
    print()
    print(f"Machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}, numpy {np.__version__}. "
          f"Times are the best of {repeat} (scalar) / {ar} (arrays) repeats.")
    print()
    print("| case | time | per node | note |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
