# ruff: noqa: E402, I001 (the cells import where the notebook does)
"""The seed notebook's tensor cells, run as written, for lesson 2 (Tensors).

The app runs this file in a subprocess and shows what it prints, so students see
PyTorch's own output: which conversions copy, which share memory, which become float32.

Each cell's code is printed from this very file (the lines between ``# <<n>>`` and
``# <<end>>``), so the code shown is the code that ran.  Around it the script prints
marker lines for the app, never shown to students: ``##cell n`` (a notebook cell),
``##extra key`` (a cell the notebook does not have; the app says why, in its
language) and ``##out`` (what follows is the cell's output).  The notebook's own
comments are left out of the cells: they are in Korean, and the lesson text says it.
"""

from pathlib import Path

SOURCE = Path(__file__).read_text(encoding="utf-8").splitlines()


def cell(tag: str, extra: str = "") -> None:
    """Print the marker and the code of cell ``tag``, then the output marker."""
    start = SOURCE.index(f"# <<{tag}>>") + 1
    end = SOURCE.index("# <<end>>", start)
    print(f"##extra {extra}" if extra else f"##cell {tag}")
    for line in SOURCE[start:end]:
        print(line)
    print("##out", flush=True)


cell("1")
# <<1>>
import torch
# <<end>>

cell("2")
# <<2>>
import numpy as np
# <<end>>

cell("3")
# <<3>>
np.random.seed(0)

x = np.random.rand(6).reshape(2,3)

x_tensor = torch.tensor(x)
x_from_numpy = torch.from_numpy(x)
x_Tensor = torch.Tensor(x)
x_as_tensor = torch.as_tensor(x)

print(x, x.dtype)
print(x_tensor, x_tensor.dtype, x_tensor.requires_grad)
print(x_from_numpy, x_from_numpy.dtype, x_from_numpy.requires_grad)
print(x_Tensor, x_Tensor.dtype, x_Tensor.requires_grad)
print(x_as_tensor, x_as_tensor.dtype, x_as_tensor.requires_grad)
# <<end>>

cell("4")
# <<4>>
x[0,0] =100

print(x, x.dtype)
print(x_tensor, x_tensor.dtype, x_tensor.requires_grad)
print(x_from_numpy, x_from_numpy.dtype, x_from_numpy.requires_grad)
print(x_Tensor, x_Tensor.dtype, x_Tensor.requires_grad)
print(x_as_tensor, x_as_tensor.dtype, x_as_tensor.requires_grad)
# <<end>>

cell("5")
# <<5>>
x_tensor_grad =  torch.tensor(x, requires_grad=True)
print(x_tensor_grad, x_tensor_grad.dtype, x_tensor_grad.requires_grad)
# <<end>>

cell("6", extra="as_tensor_dtype")
# <<6>>
x_as_float32 = torch.as_tensor(x, dtype=torch.float32)
x[0,0] = -1

print(x_as_tensor[0,0], x_as_float32[0,0])
# <<end>>
