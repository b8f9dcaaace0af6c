#!/usr/bin/python3
"""Builds the ONNX test models of the onnx module and the reference outputs the Java tests compare
the imported IL models with, so that those tests need no Python.

Run with Debian's Python, torch 1.13 (python3-torch) and onnx (python3-onnx, for the QONNX graphs):

    /usr/bin/python3 onnx/scripts/make_test_models.py

It writes, under onnx/src/test/resources/dev/brainblitz/onnx/:
- models/NAME.onnx and NAME.ref: PyTorch exports and QONNX graphs with reference outputs;
- bad/pytorch_*.onnx: real exports the importer must refuse;
- numpy/NAME.npz (and .ref): parameters saved with numpy.savez, and broken archives;
- export/NAME.pycheck: the check of `blitz export` of each bundled example (it runs ./blitz, so
  run it from a checkout that builds): onnx.checker, then PyTorch evaluating the graph against
  the golden scores that ExportCheckTest pinned in export/NAME.golden.

A .ref file holds a header (# lines and 'input-bits B') and then, per test vector, one 'in' line
(the input elements: bytes 0..255 or +1/-1) and one 'out' line (the outputs the framework
computed: float32 logits, printed exactly). PyTorch models are evaluated by PyTorch itself; the QONNX graphs, which
PyTorch cannot run, by the QONNX operator definitions written out with numpy below.

Every network is built with seeded random weights, so the files are the same on every run.
"""
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "test", "resources", "dev", "brainblitz", "onnx", "models")
VECTORS = 64


class SignLinear(nn.Linear):
    """A dense layer whose weights are the signs of latent float weights (torch.sign in the graph)."""

    def forward(self, x):
        return F.linear(x, torch.sign(self.weight), self.bias)


def activate(kind, y):
    if kind == "sign":
        return torch.sign(y)
    if kind == "hardtanh_sign":
        return torch.sign(F.hardtanh(y))
    if kind == "where":
        return torch.where(y >= 0, torch.ones_like(y), -torch.ones_like(y))
    raise ValueError(kind)


class Mlp(nn.Module):
    """sizes[0] inputs, hidden layers sizes[1:-1] (dense, batch-norm, activation), sizes[-1] scores."""

    def __init__(self, sizes, hidden_bias, out_bias, activation, prescale=None, out_scale=None, image=None):
        super().__init__()
        self.image = image
        self.prescale = prescale
        self.out_scale = out_scale
        self.activation = activation
        self.hidden = nn.ModuleList()
        self.norms = nn.ModuleList()
        for k in range(1, len(sizes) - 1):
            self.hidden.append(SignLinear(sizes[k - 1], sizes[k], bias=hidden_bias))
            self.norms.append(nn.BatchNorm1d(sizes[k]))
        self.out = SignLinear(sizes[-2], sizes[-1], bias=out_bias)

    def pre_activations(self, x):
        if self.image is not None:
            x = x.view(x.size(0), -1)
        if self.prescale is not None:
            x = x / self.prescale
        pres = []
        for dense, norm in zip(self.hidden, self.norms):
            y = norm(dense(x))
            pres.append(y)
            x = activate(self.activation, y)
        logits = self.out(x)
        if self.out_scale is not None:
            logits = logits * self.out_scale
        return pres, logits

    def forward(self, x):
        return self.pre_activations(x)[1]


def randomize(model, rng, zero_gamma=True):
    """Seeded random parameters: batch-norm gamma of both signs (and some exactly zero), even-integer
    output biases (a float output bias cannot rank classes like integer IL scores)."""
    with torch.no_grad():
        for dense in list(model.hidden) + [model.out]:
            dense.weight.copy_(torch.from_numpy(rng.standard_normal(dense.weight.shape).astype(np.float32)))
            if dense.bias is not None:
                if dense is model.out:
                    dense.bias.copy_(torch.from_numpy((2 * rng.integers(-3, 4, dense.bias.shape)).astype(np.float32)))
                else:
                    dense.bias.copy_(torch.from_numpy(rng.uniform(-3, 3, dense.bias.shape).astype(np.float32)))
        for norm in model.norms:
            n = norm.num_features
            fan_in = None
            gamma = rng.uniform(0.2, 2.0, n) * rng.choice([-1.0, 1.0], n, p=[0.35, 0.65])
            if zero_gamma:
                gamma[rng.random(n) < 0.1] = 0.0
            beta = rng.uniform(-1.5, 1.5, n)
            beta[beta == 0] = 0.5
            norm.weight.copy_(torch.from_numpy(gamma.astype(np.float32)))
            norm.bias.copy_(torch.from_numpy(beta.astype(np.float32)))
            norm.running_mean.copy_(torch.from_numpy(rng.uniform(-4, 4, n).astype(np.float32)))
            norm.running_var.copy_(torch.from_numpy(rng.uniform(0.5, 30, n).astype(np.float32)))


def vectors(rng, bits, shape, count):
    if bits == 8:
        v = rng.integers(0, 256, (count,) + shape)
        v[0] = 0
        v[1] = 255
    else:
        v = rng.choice([-1, 1], (count,) + shape)
        v[0] = 1
        v[1] = -1
    return v


def write_reference(name, header, bits, inputs, outputs):
    with open(os.path.join(OUT, name + ".ref"), "w") as f:
        for line in header:
            f.write("# " + line + "\n")
        f.write("input-bits %d\n" % bits)
        for x, y in zip(inputs, outputs):
            f.write("in " + " ".join(str(int(v)) for v in x.reshape(-1)) + "\n")
            f.write("out " + " ".join(repr(float(v)) for v in y.reshape(-1)) + "\n")


def pytorch_model(name, seed, sizes, bits, opset, hidden_bias=True, out_bias=False, activation="sign",
                  prescale=None, out_scale=None, image=None, dynamic=True):
    rng = np.random.default_rng(seed)
    model = Mlp(sizes, hidden_bias, out_bias, activation, prescale, out_scale, image)
    randomize(model, rng)
    model.eval()
    shape = tuple(image) if image is not None else (sizes[0],)
    inputs = vectors(rng, bits, shape, VECTORS)
    x = torch.from_numpy(inputs.astype(np.float32))
    with torch.no_grad():
        pres, logits = model.pre_activations(x)
    # The importer reads the float part of a graph in double precision; PyTorch computes in
    # float32. They can disagree only where a pre-activation is within float32 rounding of 0; the
    # margin below shows how far from that every test vector stays.
    margin = min([float(p.abs().min()) for p in pres] or [float("inf")])
    assert margin > 1e-4, "%s: a pre-activation within 1e-4 of 0 (%g); change the seed" % (name, margin)
    path = os.path.join(OUT, name + ".onnx")
    example = x[:2]
    torch.onnx.export(model, example, path, opset_version=opset, input_names=["x"], output_names=["logits"],
                      dynamic_axes={"x": {0: "N"}, "logits": {0: "N"}} if dynamic else None)
    header = ["%s: PyTorch %s, torch.onnx.export opset %d, %s batch" % (name, torch.__version__, opset,
                                                                    "dynamic" if dynamic else "static"),
              "sizes %s, input %s, hidden bias %s, output bias %s, activation %s, prescale %s, out scale %s"
              % ("-".join(map(str, sizes)), "u8" if bits == 8 else "bipolar", hidden_bias, out_bias, activation,
                 prescale, out_scale),
              "smallest |pre-activation| over all vectors and neurons: %.6g" % margin]
    if dynamic:
        logits_out = logits.numpy()
    else:
        logits_out = logits.numpy()
    write_reference(name, header, bits, inputs, logits_out)
    return model


# ---- QONNX graphs, built with onnx.helper and evaluated by the QONNX operator definitions ----

def qonnx_models():
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    def bipolar_quant(x, scale):
        return np.where(x >= 0, 1.0, -1.0).astype(np.float32) * np.float32(scale)

    def multithreshold(v, thresholds, out_scale=1.0, out_bias=0.0):
        count = (v[:, :, None] >= thresholds[None, :, :]).sum(axis=-1)
        return (out_scale * count + out_bias).astype(np.float32)

    def quant(x, scale, zeropt, bits, signed, narrow):
        lo = -(2 ** (bits - 1)) + (1 if narrow else 0) if signed else 0
        hi = 2 ** (bits - 1) - 1 if signed else 2 ** bits - 1 - (1 if narrow else 0)
        y = x / scale + zeropt
        y = np.clip(y, lo, hi)
        return ((np.round(y) - zeropt) * scale).astype(np.float32)

    def save(name, nodes, inits, in_type, in_size, out_size, domain, header, bits, run, seed):
        graph = helper.make_graph(
            nodes, name,
            [helper.make_tensor_value_info("x", in_type, ["N", in_size])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", out_size])],
            [numpy_helper.from_array(v, k) for k, v in inits.items()])
        model = helper.make_model(graph, producer_name="brain-blitz test script",
                                  opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid(domain, 1)])
        model.ir_version = 7
        onnx.checker.check_model(model)
        onnx.save(model, os.path.join(OUT, name + ".onnx"))
        rng = np.random.default_rng(seed + 1)
        inputs = vectors(rng, bits, (in_size,), VECTORS)
        write_reference(name, header, bits, inputs, run(inputs.astype(np.float32)))

    rng = np.random.default_rng(7)
    # 1. BipolarQuant everywhere (Brevitas-style): input, weights and activations, with a
    #    per-neuron scale and a batch-norm in between.
    n0, n1, n2 = 20, 12, 4
    w1 = rng.standard_normal((n0, n1)).astype(np.float32)
    s1 = rng.uniform(0.5, 2, n1).astype(np.float32)
    gamma = (rng.uniform(0.3, 2, n1) * rng.choice([-1, 1], n1)).astype(np.float32)
    beta = rng.uniform(-1, 1, n1).astype(np.float32)
    mean = rng.uniform(-3, 3, n1).astype(np.float32)
    var = rng.uniform(1, 10, n1).astype(np.float32)
    w2 = rng.standard_normal((n1, n2)).astype(np.float32)
    inits = {"w1": w1, "s1": s1, "gamma": gamma, "beta": beta, "mean": mean, "var": var, "w2": w2,
             "one": np.array(1.0, np.float32), "half": np.array(0.5, np.float32)}
    dom = "qonnx.custom_op.general"
    nodes = [
        helper.make_node("BipolarQuant", ["x", "one"], ["xq"], domain=dom, name="input_quant"),
        helper.make_node("BipolarQuant", ["w1", "one"], ["w1q"], domain=dom, name="w1_quant"),
        helper.make_node("MatMul", ["xq", "w1q"], ["h1"], name="fc1"),
        helper.make_node("Mul", ["h1", "s1"], ["h1s"], name="fc1_scale"),
        helper.make_node("BatchNormalization", ["h1s", "gamma", "beta", "mean", "var"], ["b1"], name="bn1"),
        helper.make_node("BipolarQuant", ["b1", "half"], ["a1"], domain=dom, name="act1"),
        helper.make_node("BipolarQuant", ["w2", "one"], ["w2q"], domain=dom, name="w2_quant"),
        helper.make_node("MatMul", ["a1", "w2q"], ["y"], name="out"),
    ]

    def run1(x):
        xq = bipolar_quant(x, 1.0)
        h = (xq @ bipolar_quant(w1, 1.0)) * s1
        b = (h - mean) / np.sqrt(var + np.float32(1e-5)) * gamma + beta
        a = bipolar_quant(b, 0.5)
        return a @ bipolar_quant(w2, 1.0)

    save("qonnx_bipolar", nodes, inits, TensorProto.FLOAT, n0, n2, dom,
         ["qonnx_bipolar: QONNX BipolarQuant on input, weights and activations (qonnx.custom_op.general),"
          " per-neuron scale, BatchNormalization; reference: the QONNX op definitions in numpy"], 1, run1, 1)

    # 2. FINN style: 8-bit Quant of the input, MultiThreshold activations (one with out_scale 2 and
    #    out_bias -1, one with the default {0, 1} output mapped to ±1 by Mul and Add).
    n0, n1, n2, n3 = 30, 16, 10, 3
    w1 = rng.choice([-1.0, 1.0], (n0, n1)).astype(np.float32)
    t1 = rng.integers(-400, 400, (n1, 1)).astype(np.float32)
    w2 = rng.choice([-1.0, 1.0], (n1, n2)).astype(np.float32)
    t2 = (rng.integers(-6, 7, (n2, 1)) + 0.5).astype(np.float32)
    w3 = rng.choice([-1.0, 1.0], (n2, n3)).astype(np.float32)
    dom = "finn.custom_op.general"
    inits = {"scale": np.array(1.0, np.float32), "zero": np.array(0.0, np.float32),
             "bits8": np.array(8.0, np.float32), "w1": w1, "t1": t1, "w2": w2, "t2": t2, "w3": w3,
             "two": np.array(2.0, np.float32), "minus_one": np.array(-1.0, np.float32)}
    nodes = [
        helper.make_node("Quant", ["x", "scale", "zero", "bits8"], ["xq"], domain=dom, name="input_quant",
                         signed=0, narrow=0, rounding_mode="ROUND"),
        helper.make_node("MatMul", ["xq", "w1"], ["h1"], name="fc1"),
        helper.make_node("MultiThreshold", ["h1", "t1"], ["a1"], domain=dom, name="act1",
                         out_dtype="BIPOLAR", out_scale=2.0, out_bias=-1.0),
        helper.make_node("MatMul", ["a1", "w2"], ["h2"], name="fc2"),
        helper.make_node("MultiThreshold", ["h2", "t2"], ["b2"], domain=dom, name="act2", out_dtype="BINARY"),
        helper.make_node("Mul", ["b2", "two"], ["c2"], name="act2_scale"),
        helper.make_node("Add", ["c2", "minus_one"], ["a2"], name="act2_shift"),
        helper.make_node("MatMul", ["a2", "w3"], ["y"], name="out"),
    ]

    def run2(x):
        xq = quant(x, 1.0, 0.0, 8, 0, 0)
        a1 = multithreshold(xq @ w1, t1, 2.0, -1.0)
        a2 = multithreshold(a1 @ w2, t2) * 2 - 1
        return a2 @ w3

    save("finn_multithreshold", nodes, inits, TensorProto.FLOAT, n0, n3, dom,
         ["finn_multithreshold: 8-bit Quant input, MultiThreshold activations (finn.custom_op.general);"
          " reference: the QONNX op definitions in numpy"], 8, run2, 2)

    # 3. A 1-bit unsigned Quant activation ({0, s}) read directly by the next layer, IntQuant name.
    n0, n1, n2 = 24, 9, 5
    w1 = rng.choice([-1.0, 1.0], (n0, n1)).astype(np.float32)
    b1 = rng.uniform(-4, 4, n1).astype(np.float32)
    w2 = rng.choice([-1.0, 1.0], (n1, n2)).astype(np.float32)
    dom = "qonnx.custom_op.general"
    inits = {"w1": w1, "b1": b1, "w2": w2, "s": np.array(0.25, np.float32), "zero": np.array(0.0, np.float32),
             "bits1": np.array(1.0, np.float32), "four": np.array(4.0, np.float32)}
    nodes = [
        helper.make_node("MatMul", ["x", "w1"], ["h1"], name="fc1"),
        helper.make_node("Add", ["h1", "b1"], ["g1"], name="fc1_bias"),
        helper.make_node("IntQuant", ["g1", "s", "zero", "bits1"], ["a1"], domain=dom, name="act1",
                         signed=0, narrow=0, rounding_mode="ROUND"),
        helper.make_node("MatMul", ["a1", "w2"], ["h2"], name="out"),
        helper.make_node("Mul", ["h2", "four"], ["y"], name="out_scale"),
    ]

    def run3(x):
        a1 = quant(x @ w1 + b1, 0.25, 0.0, 1, 0, 0)
        return (a1 @ w2) * 4

    save("qonnx_quant1", nodes, inits, TensorProto.FLOAT, n0, n2, dom,
         ["qonnx_quant1: 1-bit unsigned IntQuant activation (outputs 0 or 0.25) read by the next MatMul;"
          " reference: the QONNX op definitions in numpy"], 1, run3, 3)


def bad_models():
    """Real exports the importer must refuse (onnx/src/test/resources/.../bad), each with a reason."""
    bad = os.path.join(OUT, "..", "bad")
    os.makedirs(bad, exist_ok=True)
    torch.manual_seed(1)

    class Conv(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(1, 4, 3)
            self.pool = nn.MaxPool2d(2)
            self.fc = nn.Linear(36, 10)

        def forward(self, x):
            return self.fc(torch.flatten(self.pool(torch.sign(self.conv(x))), 1))

    torch.onnx.export(Conv().eval(), torch.zeros(1, 1, 8, 8), os.path.join(bad, "pytorch_conv.onnx"), opset_version=13)

    class FloatWeights(nn.Module):
        """A float network: its weights are not binarized in the graph."""

        def __init__(self):
            super().__init__()
            self.fc1 = nn.Linear(16, 8)
            self.fc2 = nn.Linear(8, 4, bias=False)

        def forward(self, x):
            return self.fc2(torch.sign(self.fc1(x)))

    torch.onnx.export(FloatWeights().eval(), torch.zeros(1, 16), os.path.join(bad, "pytorch_float_weights.onnx"),
                      opset_version=13)

    class FreshSign(nn.Module):
        """Sign after an untrained batch-norm (mean 0, variance 1) over an even number of ±1 inputs:
        the value is exactly 0 when the dot product is 0, and torch.sign(0) is 0."""

        def __init__(self):
            super().__init__()
            self.fc1 = SignLinear(16, 8, bias=False)
            self.bn1 = nn.BatchNorm1d(8)
            self.fc2 = SignLinear(8, 4, bias=False)

        def forward(self, x):
            return self.fc2(torch.sign(self.bn1(self.fc1(x))))

    torch.onnx.export(FreshSign().eval(), torch.zeros(1, 16), os.path.join(bad, "pytorch_sign_zero.onnx"),
                      opset_version=13)


def numpy_models():
    """.npz parameter files (numpy.savez) for blitz import --arch, with reference outputs computed in
    float64 by the formula of docs/il.md's float models (the order of the operations matters)."""
    out = os.path.join(OUT, "..", "numpy")
    os.makedirs(out, exist_ok=True)

    def params(rng, sizes, hidden_bias, out_bias):
        p = {}
        for k in range(1, len(sizes)):
            p["fc%d.weight" % k] = rng.standard_normal((sizes[k], sizes[k - 1])).astype(np.float32)
            last = k == len(sizes) - 1
            if last and out_bias:
                p["fc%d.bias" % k] = (2 * rng.integers(-3, 4, sizes[k])).astype(np.float32)
            elif not last and hidden_bias:
                p["fc%d.bias" % k] = rng.uniform(-3, 3, sizes[k]).astype(np.float32)
            if not last:
                n = sizes[k]
                gamma = rng.uniform(0.2, 2, n) * rng.choice([-1.0, 1.0], n, p=[0.35, 0.65])
                gamma[rng.random(n) < 0.1] = 0.0
                p["bn%d.weight" % k] = gamma.astype(np.float32)
                p["bn%d.bias" % k] = rng.uniform(-1.5, 1.5, n).astype(np.float32)
                p["bn%d.running_mean" % k] = rng.uniform(-4, 4, n).astype(np.float32)
                p["bn%d.running_var" % k] = rng.uniform(0.5, 30, n).astype(np.float32)
                p["bn%d.num_batches_tracked" % k] = np.array(100, np.int64)
        return p

    def run(p, sizes, x, eps):
        h = x.astype(np.float64)
        for k in range(1, len(sizes)):
            w = np.where(p["fc%d.weight" % k].astype(np.float64) >= 0, 1.0, -1.0)
            dot = h @ w.T
            b = p.get("fc%d.bias" % k, np.zeros(sizes[k], np.float32)).astype(np.float64)
            if k == len(sizes) - 1:
                return dot + b
            g, be, m, v = (p["bn%d.%s" % (k, n)].astype(np.float64) for n in ("weight", "bias", "running_mean", "running_var"))
            y = g * ((dot + b) - m) / np.sqrt(v + eps) + be
            h = np.where(y >= 0, 1.0, -1.0)

    cases = [("u8_savez", 20, [20, 12, 8, 5], 8, True, True, False),
             ("bipolar_compressed", 21, [16, 10, 4], 1, False, False, True),
             ("no_hidden", 22, [30, 7], 8, False, True, False)]
    for name, seed, sizes, bits, hidden_bias, out_bias, compressed in cases:
        rng = np.random.default_rng(seed)
        p = params(rng, sizes, hidden_bias, out_bias)
        if compressed:
            # Other layouts the reader must handle: Fortran order, float64, big-endian.
            p["fc1.weight"] = np.asfortranarray(p["fc1.weight"].astype(np.float64))
            p["bn1.running_var"] = p["bn1.running_var"].astype(">f4")
            np.savez_compressed(os.path.join(out, name + ".npz"), **p)
        else:
            np.savez(os.path.join(out, name + ".npz"), **p)
        inputs = vectors(rng, bits, (sizes[0],), VECTORS)
        header = ["%s: numpy %s, %s, arch %s" % (name, np.__version__, "savez_compressed" if compressed else "savez",
                                                "-".join(map(str, sizes))), "arch " + "-".join(map(str, sizes))]
        write_reference_to(out, name, header, bits, inputs, run(p, sizes, inputs, 1e-5))
    # Broken archives and arrays.
    rng = np.random.default_rng(30)
    good = params(rng, [6, 4, 3], True, False)
    with open(os.path.join(out, "u8_savez.npz"), "rb") as f:
        whole = f.read()
    with open(os.path.join(out, "bad_truncated.npz"), "wb") as f:
        f.write(whole[: len(whole) // 2])
    bad = dict(good)
    bad["fc1.weight"] = bad["fc1.weight"].T.copy()
    np.savez(os.path.join(out, "bad_shape.npz"), **bad)
    bad = dict(good)
    del bad["bn1.running_var"]
    np.savez(os.path.join(out, "bad_missing.npz"), **bad)
    bad = dict(good)
    bad["fc3.weight"] = np.zeros((3, 3), np.float32)
    np.savez(os.path.join(out, "bad_unexpected.npz"), **bad)
    bad = dict(good)
    bad["fc2.weight"] = bad["fc2.weight"].astype(np.complex64)
    np.savez(os.path.join(out, "bad_dtype.npz"), **bad)
    bad = dict(good)
    bad["bn1.weight"] = bad["bn1.weight"].copy()
    bad["bn1.weight"][2] = np.nan
    np.savez(os.path.join(out, "bad_nan.npz"), **bad)


def write_reference_to(directory, name, header, bits, inputs, outputs):
    global OUT
    saved = OUT
    OUT = directory
    try:
        write_reference(name, header, bits, inputs, outputs)
    finally:
        OUT = saved


def check_exports():
    """For each bundled example pinned by ExportCheckTest (export/NAME.golden): export it with
    blitz export, check it is the pinned file (SHA-256), check it with onnx.checker (full check,
    with shape inference), evaluate it with PyTorch op by op, and compare with the golden model's
    scores and classes. The outcome goes to export/NAME.pycheck, which ExportCheckTest reads."""
    import hashlib
    import subprocess
    import tempfile

    import onnx
    from onnx import numpy_helper

    directory = os.path.join(OUT, "..", "export")
    root = os.path.normpath(os.path.join(HERE, "..", ".."))

    def evaluate(model, x):
        """The graph on input x, each standard operator as PyTorch computes it."""
        env = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in model.graph.initializer}
        env[model.graph.input[0].name] = x
        for node in model.graph.node:
            a = [env[name] for name in node.input]
            attrs = {at.name: onnx.helper.get_attribute_value(at) for at in node.attribute}
            op = node.op_type
            if op == "Sign":
                y = torch.sign(a[0])
            elif op == "Cast":
                assert attrs["to"] == onnx.TensorProto.FLOAT
                y = a[0].to(torch.float32)
            elif op == "MatMul":
                y = torch.matmul(a[0], a[1])
            elif op == "Add":
                y = a[0] + a[1]
            elif op == "Mul":
                y = a[0] * a[1]
            elif op == "GreaterOrEqual":
                y = a[0] >= a[1]
            elif op == "Where":
                y = torch.where(a[0], a[1], a[2])
            elif op == "Identity":
                y = a[0]
            elif op == "ArgMax":
                assert attrs == {"axis": 1, "keepdims": 0, "select_last_index": 0}
                y = torch.argmax(a[0], dim=1)
            else:
                raise ValueError("unexpected op " + op)
            env[node.output[0]] = y
        return [env[o.name] for o in model.graph.output]

    for golden in sorted(f for f in os.listdir(directory) if f.endswith(".golden")):
        name = golden[: -len(".golden")]
        lines = open(os.path.join(directory, golden)).read().splitlines()
        sha = next(l.split()[1] for l in lines if l.startswith("sha256 "))
        bits = int(next(l.split()[1] for l in lines if l.startswith("input-bits ")))
        inputs = [[int(v) for v in l.split()[1:]] for l in lines if l.startswith("in ")]
        scores = [[float(v) for v in l.split()[1:]] for l in lines if l.startswith("out ")]
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, name + ".onnx")
            subprocess.run([os.path.join(root, "blitz"), "export", name, "-o", path], check=True, cwd=root,
                           stdout=subprocess.DEVNULL)
            data = open(path, "rb").read()
        actual = hashlib.sha256(data).hexdigest()
        assert actual == sha, "%s: blitz export gives %s, ExportCheckTest pinned %s" % (name, actual, sha)
        model = onnx.load_from_string(data)
        onnx.checker.check_model(model, full_check=True)
        dtype = np.uint8 if bits == 8 else np.float32
        x = torch.from_numpy(np.array(inputs, dtype=dtype))
        out, cls = evaluate(model, x)
        expected = torch.tensor(scores, dtype=torch.float32)
        same_scores = int((out == expected).all(dim=1).sum())
        same_class = int((cls == torch.argmax(expected, dim=1)).sum())
        n = len(inputs)
        with open(os.path.join(directory, name + ".pycheck"), "w") as f:
            f.write("# %s: checked by onnx/scripts/make_test_models.py (onnx %s, PyTorch %s)\n"
                    % (name, onnx.__version__, torch.__version__))
            f.write("sha256 %s\n" % sha)
            f.write("onnx.checker.check_model(full_check=True): ok\n")
            f.write("PyTorch evaluation of the graph: scores equal on %d/%d vectors, class equal on %d/%d\n"
                    % (same_scores, n, same_class, n))
        print(name, "export checked:", same_scores, "/", n, "scores,", same_class, "/", n, "classes")


def main():
    os.makedirs(OUT, exist_ok=True)
    # First, while the build is fresh: ./blitz rebuilds when any file under onnx/ is newer than it.
    check_exports()
    torch.manual_seed(0)
    pytorch_model("sign_bn_bias", 1, [32, 24, 16, 10], 1, 13, hidden_bias=True, activation="sign")
    pytorch_model("u8_gemm_static", 2, [64, 20, 5], 8, 9, hidden_bias=True, out_bias=True, dynamic=False)
    pytorch_model("u8_div255_flatten", 3, [64, 32, 16, 10], 8, 11, hidden_bias=True, activation="hardtanh_sign",
                  prescale=255.0, out_scale=0.25, image=(1, 8, 8))
    pytorch_model("bipolar_where", 4, [40, 30, 7], 1, 17, hidden_bias=False, activation="where")
    pytorch_model("no_hidden_u8", 5, [50, 6], 8, 15, out_bias=True)
    shapes = np.random.default_rng(100)
    for k in range(6):
        depth = int(shapes.integers(1, 4))
        sizes = [int(shapes.integers(1, 90))] + [int(shapes.integers(1, 70)) for _ in range(depth)] + \
            [int(shapes.integers(2, 12))]
        pytorch_model("random_%d" % k, 10 + k, sizes, int(shapes.choice([1, 8])),
                      int(shapes.choice([9, 11, 13, 15, 17])), hidden_bias=bool(shapes.integers(0, 2)),
                      out_bias=bool(shapes.integers(0, 2)),
                      activation=str(shapes.choice(["sign", "hardtanh_sign", "where"])))
    qonnx_models()
    bad_models()
    numpy_models()
    print("wrote", len([f for f in os.listdir(OUT) if f.endswith(".onnx")]), "models to", os.path.normpath(OUT))


if __name__ == "__main__":
    sys.exit(main())
