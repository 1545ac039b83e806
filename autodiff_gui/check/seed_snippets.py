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
    # -- core/ops/reductions.py (an axis comes as a keyword: SUM['f'](x, axis=0)) -------
    "sum": ("SUM", "sum_all", """\
def sum_all(x, axis=None):
    return np.sum(x, axis=axis), (x, axis)

def sum_all_deriv(cache, dout=1):
    x, axis = cache
    d = dout if axis is None else np.expand_dims(dout, axis)
    return np.ones_like(x)*d
"""),
    "mean": ("MEAN", "mean", """\
def mean(x, axis=None):
    return np.mean(x, axis=axis), (x, axis)

def mean_deriv(cache, dout=1):
    x, axis = cache
    n = np.size(x) if axis is None else np.shape(x)[axis]
    d = dout if axis is None else np.expand_dims(dout, axis)
    return np.ones_like(x)*d/n
"""),
    "max": ("MAX", "max_of", """\
def max_of(x, axis=None):
    m = np.max(x, axis=axis)
    return m, (x, m, axis)

def max_of_deriv(cache, dout=1):
    x, m, axis = cache
    if axis is not None:
        m, dout = np.expand_dims(m, axis), np.expand_dims(dout, axis)
    hit = (x == m)*1.0
    # tied maxima share the gradient equally, as in PyTorch
    return hit/np.sum(hit, axis=axis, keepdims=True)*dout
"""),
    "min": ("MIN", "min_of", """\
def min_of(x, axis=None):
    m = np.min(x, axis=axis)
    return m, (x, m, axis)

def min_of_deriv(cache, dout=1):
    x, m, axis = cache
    if axis is not None:
        m, dout = np.expand_dims(m, axis), np.expand_dims(dout, axis)
    hit = (x == m)*1.0
    # tied minima share the gradient equally, as in PyTorch
    return hit/np.sum(hit, axis=axis, keepdims=True)*dout
"""),
    "logsumexp": ("LOGSUMEXP", "logsumexp", """\
def logsumexp(x, axis=None):
    m = np.max(x, axis=axis, keepdims=True)
    y = np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(x - m), axis=axis))
    return y, (x, y, axis)

def logsumexp_deriv(cache, dout=1):
    x, y, axis = cache
    if axis is not None:
        y, dout = np.expand_dims(y, axis), np.expand_dims(dout, axis)
    return np.exp(x - y)*dout
"""),
    "softmax": ("SOFTMAX", "softmax", """\
def softmax(x, axis=-1):
    if np.ndim(x) == 0:
        return 1.0, (1.0, axis)
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    s = e/np.sum(e, axis=axis, keepdims=True)
    return s, (s, axis)

def softmax_deriv(cache, dout=1):
    s, axis = cache
    if np.ndim(s) == 0:
        return 0*dout
    return s*(dout - np.sum(dout*s, axis=axis, keepdims=True))
"""),
    "log_softmax": ("LOG_SOFTMAX", "log_softmax", """\
def log_softmax(x, axis=-1):
    if np.ndim(x) == 0:
        return 0.0, (0.0, axis)
    m = np.max(x, axis=axis, keepdims=True)
    y = x - m - np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
    return y, (y, axis)

def log_softmax_deriv(cache, dout=1):
    y, axis = cache
    if np.ndim(y) == 0:
        return 0*dout
    return dout - np.exp(y)*np.sum(dout, axis=axis, keepdims=True)
"""),
    "norm": ("NORM", "norm", """\
def norm(x):
    n = np.sqrt(np.sum(x*x))
    return n, (x, n)

def norm_deriv(cache, dout=1):
    x, n = cache
    # 0 at x = 0, as in PyTorch
    return (x/n if n > 0 else 0*x)*dout
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
    # -- core/ops/elementwise.py --------------------------------------------------------
    "sinh": ("SINH", "sinh", """\
def sinh(x):
    return np.sinh(x), x

def sinh_deriv(cache, dout=1):
    return np.cosh(cache)*dout
"""),
    "cosh": ("COSH", "cosh", """\
def cosh(x):
    return np.cosh(x), x

def cosh_deriv(cache, dout=1):
    return np.sinh(cache)*dout
"""),
    "asin": ("ASIN", "arcsin", """\
def arcsin(x):
    return np.arcsin(x), x

def arcsin_deriv(cache, dout=1):
    return 1/np.sqrt(1 - cache*cache)*dout
"""),
    "acos": ("ACOS", "arccos", """\
def arccos(x):
    return np.arccos(x), x

def arccos_deriv(cache, dout=1):
    return -1/np.sqrt(1 - cache*cache)*dout
"""),
    "atan": ("ATAN", "arctan", """\
def arctan(x):
    return np.arctan(x), x

def arctan_deriv(cache, dout=1):
    return 1/(1 + cache*cache)*dout
"""),
    "square": ("SQUARE", "square", """\
def square(x):
    return x*x, x

def square_deriv(cache, dout=1):
    return 2*cache*dout
"""),
    "reciprocal": ("RECIPROCAL", "reciprocal", """\
def reciprocal(x):
    return 1/x, x

def reciprocal_deriv(cache, dout=1):
    return -1/cache**2*dout
"""),
    "exp2": ("EXP2", "exp2", """\
def exp2(x):
    y = np.exp2(x)
    return y, y

def exp2_deriv(cache, dout=1):
    return cache*np.log(2)*dout
"""),
    "expm1": ("EXPM1", "expm1", """\
def expm1(x):
    return np.expm1(x), x

def expm1_deriv(cache, dout=1):
    return np.exp(cache)*dout
"""),
    "log2": ("LOG2", "log2", """\
def log2(x):
    return np.log2(x), x

def log2_deriv(cache, dout=1):
    return 1/(cache*np.log(2))*dout
"""),
    "log10": ("LOG10", "log10", """\
def log10(x):
    return np.log10(x), x

def log10_deriv(cache, dout=1):
    return 1/(cache*np.log(10))*dout
"""),
    "log1p": ("LOG1P", "log1p", """\
def log1p(x):
    return np.log1p(x), x

def log1p_deriv(cache, dout=1):
    return 1/(1 + cache)*dout
"""),
    "softplus": ("SOFTPLUS", "softplus", """\
def softplus(x):
    # log(1 + e^x); like PyTorch, x itself above 20
    return np.where(x > 20, x, np.log1p(np.exp(np.minimum(x, 20)))), x

def softplus_deriv(cache, dout=1):
    z = np.exp(np.minimum(cache, 20))
    return np.where(cache > 20, 1., z/(z + 1))*dout
"""),
    "leaky_relu": ("LEAKY_RELU", "leaky_relu", """\
def leaky_relu(x, slope=0.01):
    return np.where(x > 0, x, slope*x), (x, slope)

def leaky_relu_deriv(cache, dout=1):
    x, slope = cache
    # the slope at x = 0, like PyTorch
    return np.where(x > 0, 1., slope)*dout
"""),
    "sign": ("SIGN", "sign", """\
def sign(x):
    return np.sign(x), x

def sign_deriv(cache, dout=1):
    # 0 everywhere, at x = 0 too (PyTorch's convention)
    return np.zeros_like(cache)*dout
"""),
    "maximum": ("MAXIMUM", "maximum", """\
def maximum(x, y):
    return np.maximum(x, y), (x,y)

def maximum_deriv(cache, dout=1):
    x, y = cache
    # at a tie each argument gets half, like PyTorch
    share = np.where(x > y, 1., np.where(x == y, .5, 0.))
    return share*dout, (1 - share)*dout
"""),
    "minimum": ("MINIMUM", "minimum", """\
def minimum(x, y):
    return np.minimum(x, y), (x,y)

def minimum_deriv(cache, dout=1):
    x, y = cache
    # at a tie each argument gets half, like PyTorch
    share = np.where(x < y, 1., np.where(x == y, .5, 0.))
    return share*dout, (1 - share)*dout
"""),
    "clamp": ("CLAMP", "clamp", """\
def clamp(x, lo, hi):
    return np.clip(x, lo, hi), (x, lo, hi)

def clamp_deriv(cache, dout=1):
    x, lo, hi = cache
    # 1 at the bounds themselves, like PyTorch
    return ((x >= lo) & (x <= hi))*dout
"""),
    # -- core/ops/shapes.py and core/ops/losses.py ------------------------------------------
    "transpose": ("TRANSPOSE", "transpose", """\
def transpose(x):
    # rows become columns; a number or a vector stays as it is (PyTorch's .T)
    return np.transpose(x), None

def transpose_deriv(cache, dout=1):
    return np.transpose(dout)
"""),
    "reshape": ("RESHAPE", "reshape", """\
def reshape(x, shape):
    return np.reshape(x, shape), np.shape(x)

def reshape_deriv(cache, dout=1):
    return np.reshape(dout, cache)
"""),
    "index": ("INDEX", "index", """\
def index(x, index):
    # whole numbers and slices (start, stop, step): x[1, 0:2]
    key = tuple(i if isinstance(i, int) else slice(*i) for i in index)
    return np.asarray(x)[key], (np.shape(x), key)

def index_deriv(cache, dout=1):
    shape, key = cache
    dx = np.zeros(shape)
    dx[key] = dout  # scattered back into zeros
    return dx
"""),
    "stack": ("STACK", "stack", """\
def stack(a, b, axis=0):
    # a stack already (one axis more than b): b is one more slice of it
    a, b = np.asarray(a), np.asarray(b)
    onto = a.ndim == b.ndim + 1
    ax = axis % (b.ndim + 1)
    out = np.concatenate([a, np.expand_dims(b, ax)], ax) if onto else np.stack([a, b], ax)
    return out, (onto, ax)

def stack_deriv(cache, dout=1):
    onto, ax = cache
    last = np.shape(dout)[ax] - 1
    da = np.take(dout, range(last), ax) if onto else np.take(dout, 0, ax)
    return da, np.take(dout, last, ax)
"""),
    "concat": ("CONCAT", "concat", """\
def concat(a, b, axis=0):
    return np.concatenate([a, b], axis), (np.shape(a)[axis], axis)

def concat_deriv(cache, dout=1):
    n, axis = cache
    da, db = np.split(dout, [n], axis)
    return da, db
"""),
    "mse": ("MSE", "mse", """\
def mse(a, b):
    d = np.subtract(a, b)
    return np.mean(d**2), (d, np.shape(a), np.shape(b))

def mse_deriv(cache, dout=1):
    d, shape_a, shape_b = cache
    g = 2*np.asarray(d)/np.size(d)*dout
    def back(shape):  # summed over the axes broadcasting copied
        s = np.sum(g, axis=tuple(range(g.ndim - len(shape))))
        ones = tuple(i for i, n in enumerate(shape) if n == 1)
        return np.sum(s, axis=ones, keepdims=True).reshape(shape)
    return back(shape_a), -back(shape_b)
"""),
    "cross_entropy": ("CROSS_ENTROPY", "cross_entropy", """\
def cross_entropy(z, t):
    z, t = np.asarray(z), np.asarray(t)
    s = z - np.max(z, axis=-1, keepdims=True)  # log-sum-exp without overflow
    logp = s - np.log(np.sum(np.exp(s), axis=-1, keepdims=True))
    index = t.shape != z.shape  # class indices: one-hot rows
    p = np.zeros(z.shape) if index else t
    if index:
        np.put_along_axis(p, t.astype(int)[..., None], 1., axis=-1)
    n = 1 if z.ndim == 1 else z.shape[0]
    return -np.sum(p*logp)/n, (p, logp, n)

def cross_entropy_deriv(cache, dout=1):
    p, logp, n = cache
    mass = np.sum(p, axis=-1, keepdims=True)
    return (np.exp(logp)*mass - p)/n*dout, -logp/n*dout
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
