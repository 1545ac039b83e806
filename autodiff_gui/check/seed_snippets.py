"""The seed notebook's primitives as text: what ``codegen.seed_script`` pastes into a script.

One ``{'f': ..., 'df': ...}`` definition per op in the notebook's own words (TIMES, ADD and
LOG exactly as the notebook has them), the script's two helpers, and the names they take.
Data only: tests/core/test_ops.py checks that every op has a snippet.
"""

from __future__ import annotations

# Definitions in the notebook's own words, in the notebook's order first.
# Key: our op name ("pow_xy" is pow with an exponent that needs a derivative).
_SEED_DEFS: dict[str, tuple[str, str, str]] = {
    "mul": ("TIMES", "times", """\
def times(x,y):
    return x*y, (x,y)

def times_deriv(cache, dout=1):
    return cache[1]*dout, cache[0]*dout
"""),
    "add": ("ADD", "add", """\
def add(x, y):
    return x+y, (x,y)

def add_deriv(cache, dout=1):
    return dout, dout
"""),
    "log": ("LOG", "log", """\
def log(x):
    return np.log(x), x

def log_deriv(cache, dout=1):
    return (1/cache)*dout
"""),
    "sub": ("SUB", "sub", """\
def sub(x, y):
    return x-y, (x,y)

def sub_deriv(cache, dout=1):
    return dout, -dout
"""),
    "div": ("DIVIDE", "divide", """\
def divide(x, y):
    return x/y, (x,y)

def divide_deriv(cache, dout=1):
    return dout/cache[1], -cache[0]/cache[1]**2*dout
"""),
    "neg": ("NEG", "neg", """\
def neg(x):
    return -x, x

def neg_deriv(cache, dout=1):
    return -dout
"""),
    "pow": ("POW", "power", """\
def power(x, n):
    return x**n, (x,n)

def power_deriv(cache, dout=1):
    # the exponent n is a constant: only x gets a derivative
    return cache[1]*cache[0]**(cache[1]-1)*dout
"""),
    "pow_xy": ("POW_XY", "power_xy", """\
def power_xy(x, y):
    return x**y, (x,y)

def power_xy_deriv(cache, dout=1):
    x, y = cache
    return y*x**(y-1)*dout, x**y*np.log(x)*dout
"""),
    "exp": ("EXP", "exp", """\
def exp(x):
    return np.exp(x), x

def exp_deriv(cache, dout=1):
    return np.exp(cache)*dout
"""),
    "sqrt": ("SQRT", "sqrt", """\
def sqrt(x):
    return np.sqrt(x), x

def sqrt_deriv(cache, dout=1):
    return 0.5/np.sqrt(cache)*dout
"""),
    "sin": ("SIN", "sin", """\
def sin(x):
    return np.sin(x), x

def sin_deriv(cache, dout=1):
    return np.cos(cache)*dout
"""),
    "cos": ("COS", "cos", """\
def cos(x):
    return np.cos(x), x

def cos_deriv(cache, dout=1):
    return -np.sin(cache)*dout
"""),
    "tan": ("TAN", "tan", """\
def tan(x):
    return np.tan(x), x

def tan_deriv(cache, dout=1):
    return (1 + np.tan(cache)**2)*dout
"""),
    "abs": ("ABS", "absolute", """\
def absolute(x):
    return np.abs(x), x

def absolute_deriv(cache, dout=1):
    return np.sign(cache)*dout
"""),
    "tanh": ("TANH", "tanh", """\
def tanh(x):
    return np.tanh(x), x

def tanh_deriv(cache, dout=1):
    return (1 - np.tanh(cache)**2)*dout
"""),
    "sigmoid": ("SIGMOID", "sigmoid", """\
def sigmoid(x):
    s = 1/(1 + np.exp(-x))
    return s, s

def sigmoid_deriv(cache, dout=1):
    return cache*(1 - cache)*dout
"""),
    "relu": ("RELU", "relu", """\
def relu(x):
    return np.maximum(x, 0), x

def relu_deriv(cache, dout=1):
    return (cache > 0)*dout
"""),
    "sum": ("SUM", "sum_all", """\
def sum_all(x):
    return np.sum(x), x

def sum_all_deriv(cache, dout=1):
    return np.ones_like(cache)*dout
"""),
    "mean": ("MEAN", "mean", """\
def mean(x):
    return np.mean(x), x

def mean_deriv(cache, dout=1):
    return np.ones_like(cache)*dout/np.size(cache)
"""),
    "matmul": ("MATMUL", "matmul", """\
def matmul(x, y):
    return x@y, (x,y)

def matmul_deriv(cache, dout=1):
    x, y = cache
    # a vector on the left is a row, on the right a column: both rules are matrix products
    x2 = x.reshape(1, -1) if x.ndim == 1 else x
    y2 = y.reshape(-1, 1) if y.ndim == 1 else y
    g2 = np.reshape(dout, (x2.shape[0], y2.shape[1]))
    return (g2 @ y2.T).reshape(x.shape), (x2.T @ g2).reshape(y.shape)
"""),
}

_UNBROADCAST = """\
def unbroadcast(g, shape):
    # sum a broadcast gradient back to the shape of the operand
    g = np.sum(g, axis=tuple(range(np.ndim(g) - len(shape))))
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and g.shape[i] != 1)
    return np.sum(g, axis=axes, keepdims=True) if axes else g
"""

_FMT = """\
def fmt(v):
    # six decimals for arrays too, on one line
    return np.array2string(np.asarray(v), precision=6, floatmode='fixed',
                           separator=', ').replace('\\n', '')
"""

_SEED_RESERVED = ({"np", "print", "unbroadcast", "fmt"}
                  | {k for k, _, _ in _SEED_DEFS.values()}
                  | {f for _, f, _ in _SEED_DEFS.values()}
                  | {f + "_deriv" for _, f, _ in _SEED_DEFS.values()})


# Snippets with a second version for when the last argument needs a derivative too
# (the notebook's power treats its exponent as a constant).
_SEED_VARIANTS: dict[str, str] = {"pow": "pow_xy"}
# Snippets whose ``_deriv`` returns fewer derivatives than the op has arguments.
_SEED_DERIVS: dict[str, int] = {"pow": 1}
