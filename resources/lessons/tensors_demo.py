"""The seed notebook's tensor cells, run as they are, for lesson 2 (Tensors).

The app runs this file in a subprocess and shows what it prints, so students see
PyTorch's own output: which conversions copy, which share memory, which become float32.
"""

import numpy as np
import torch

np.random.seed(0)  # the same random array every time, as in the notebook

x = np.random.rand(6).reshape(2, 3)

x_tensor = torch.tensor(x)
x_from_numpy = torch.from_numpy(x)
x_Tensor = torch.Tensor(x)
x_as_tensor = torch.as_tensor(x)

print("# before: x[0, 0] =", x[0, 0])
print(x, x.dtype)
print("torch.tensor     ", x_tensor, x_tensor.dtype, x_tensor.requires_grad)
print("torch.from_numpy ", x_from_numpy, x_from_numpy.dtype, x_from_numpy.requires_grad)
print("torch.Tensor     ", x_Tensor, x_Tensor.dtype, x_Tensor.requires_grad)
print("torch.as_tensor  ", x_as_tensor, x_as_tensor.dtype, x_as_tensor.requires_grad)

x[0, 0] = 100  # change the numpy array: which tensors see it?

print()
print("# after: x[0, 0] = 100")
print("torch.tensor     ", x_tensor[0, 0].item(), "(copied)")
print("torch.from_numpy ", x_from_numpy[0, 0].item(), "(shares memory)")
print("torch.Tensor     ", x_Tensor[0, 0].item(), "(copied, float32)")
print("torch.as_tensor  ", x_as_tensor[0, 0].item(), "(shares memory)")

x_tensor_grad = torch.tensor(x, requires_grad=True)
print()
print("torch.tensor(x, requires_grad=True).requires_grad =", x_tensor_grad.requires_grad)
