"""Move a torch.nn.Sequential to and from jlaplace (documentation only; not run in CI).

jlaplace reads a model as two files (docs/FORMATS.md sections 1 and 2):
  model.json         {"input_shape": [...], "layers": [{"type": ..., <constructor arguments>}, ...]}
  model.safetensors  the state_dict: "<layer index>.weight" / ".bias", PyTorch shapes, F32 or F64

Needs: pip install torch safetensors

    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(64, 32), torch.nn.Tanh(),
                                torch.nn.Linear(32, 10))
    export(model, [1, 8, 8], "model.json", "model.safetensors")
    # jlaplace evidence --model model.json --weights model.safetensors --data digits.csv ...
    same = load("model.json", "model.safetensors")   # also reads files jlaplace wrote
"""
import json

import torch
from torch import nn
from safetensors.torch import load_file, save_file

# Parameter-free layers: model.json type name <-> torch class.
ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "gelu": nn.GELU,
               "silu": nn.SiLU, "selu": nn.SELU, "softplus": nn.Softplus, "flatten": nn.Flatten}


def _single(value):
    """PyTorch stores kernel_size etc. as pairs; write an int when both entries agree."""
    if isinstance(value, tuple):
        return value[0] if value[0] == value[1] else list(value)
    return value


def describe(layer):
    """The model.json entry of one layer, using the constructor's argument names."""
    if isinstance(layer, nn.Linear):
        return {"type": "linear", "in_features": layer.in_features,
                "out_features": layer.out_features, "bias": layer.bias is not None}
    if isinstance(layer, nn.Conv2d):
        if _single(layer.dilation) != 1 or layer.groups != 1 or layer.padding_mode != "zeros":
            raise ValueError(f"{layer!r}: only dilation 1, groups 1 and zero padding are supported")
        return {"type": "conv2d", "in_channels": layer.in_channels, "out_channels": layer.out_channels,
                "kernel_size": _single(layer.kernel_size), "stride": _single(layer.stride),
                "padding": _single(layer.padding), "bias": layer.bias is not None}
    if isinstance(layer, (nn.MaxPool2d, nn.AvgPool2d)):
        if _single(layer.padding) != 0 or layer.ceil_mode:
            raise ValueError(f"{layer!r}: pooling with padding or ceil_mode is not supported")
        kind = "maxpool2d" if isinstance(layer, nn.MaxPool2d) else "avgpool2d"
        return {"type": kind, "kernel_size": _single(layer.kernel_size), "stride": _single(layer.stride)}
    if isinstance(layer, nn.LeakyReLU):
        return {"type": "leaky_relu", "negative_slope": layer.negative_slope}
    for name, cls in ACTIVATIONS.items():
        if type(layer) is cls:
            return {"type": name}
    raise ValueError(f"no model.json type for {layer!r}")


def export(model, input_shape, json_path, weights_path, dtype=torch.float64):
    """Write model.json and model.safetensors; input_shape excludes the batch axis."""
    spec = {"input_shape": list(input_shape), "layers": [describe(layer) for layer in model]}
    with open(json_path, "w", encoding="utf-8") as f:
        json.dump(spec, f, indent=2)
    tensors = {name: p.detach().to(dtype).contiguous() for name, p in model.state_dict().items()}
    save_file(tensors, weights_path, metadata={"format": "pt"})


def build(entry):
    """The torch layer of one model.json entry."""
    args = {k: v for k, v in entry.items() if k != "type"}
    kind = entry["type"]
    if kind == "linear":
        return nn.Linear(**args)
    if kind == "conv2d":
        return nn.Conv2d(**args)
    if kind in ("maxpool2d", "avgpool2d"):
        return (nn.MaxPool2d if kind == "maxpool2d" else nn.AvgPool2d)(**args)
    if kind == "leaky_relu":
        return nn.LeakyReLU(**args)
    return ACTIVATIONS[kind]()


def load(json_path, weights_path):
    """An nn.Sequential (float64) with the architecture and weights of the two files."""
    with open(json_path, encoding="utf-8") as f:
        spec = json.load(f)
    model = nn.Sequential(*[build(entry) for entry in spec["layers"]]).double()
    state = {name: t.double() for name, t in load_file(weights_path).items()}
    model.load_state_dict(state, strict=True)  # fails on missing or extra tensors
    return model


if __name__ == "__main__":
    net = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(36, 10))
    export(net, [1, 8, 8], "model.json", "model.safetensors")
    back = load("model.json", "model.safetensors")
    x = torch.randn(5, 1, 8, 8, dtype=torch.float64)
    assert torch.equal(net.double()(x), back(x)), "round trip changed the outputs"
    print("wrote model.json and model.safetensors; round trip exact")
